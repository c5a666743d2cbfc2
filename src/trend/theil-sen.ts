/**
 * Theil–Sen slope with Sen's (1968) confidence interval, as scipy.stats.theilslopes computes them,
 * in O(n log n) expected time.
 *
 * ## Numeric policy (robust trend: theil-sen.ts, mann-kendall.ts, autocorrelation.ts)
 *
 * - **Input.** x is hours since the first point (see judge-series.ts for why), ascending, ties
 *   allowed; y is bytes. Unequal lengths, a non-finite value, x out of order, fewer than 2 points
 *   or fewer than two distinct x are a `RangeError` that says which; nothing returns NaN.
 * - **Missing points** are not zeros: callers pass the observed points; gaps in x are ordinary.
 * - **Pairs.** Every pair with x_a < x_b gives one slope `(y_b − y_a) / (x_b − x_a)`, computed
 *   exactly so; pairs with equal x are skipped (scipy does the same). The slope is the median of
 *   these N slopes (the mean of the middle two when N is even), the intercept the median of
 *   `y − slope·x` (scipy's `method='joint'`; its default `'separate'` gives
 *   `median(y) − slope·median(x)` instead; the slope and its interval are the same either way).
 * - **Ties and quantised sizes.** Tracemalloc's rounding makes many equal y and so many slopes of
 *   exactly 0; they are slopes like any other (a flat module's slope is exactly 0). Ties in x and y
 *   shrink Var(S) in the interval, as in Sen's equation 2.6.
 * - **Interval.** With N slopes sorted ascending (0-based), z = Φ⁻¹((1 − confidence)/2) < 0 and
 *   Var(S) = [n(n−1)(2n+5) − Σ_x t(t−1)(2t+5) − Σ_y t(t−1)(2t+5)] / 18 · varianceFactor:
 *
 *       low  = slopes[max(round((N + z·√Var) / 2) − 1, 0)]
 *       high = slopes[min(round((N − z·√Var) / 2), N − 1)]
 *
 *   with round half to even (numpy's `round`). scipy's third argument is this confidence, but it
 *   reads a value below 0.5 as 1 − confidence; here it is always the confidence. When ties in both
 *   x and y make the bracket negative (scipy then returns NaN), Var(S) is taken as 0: the interval
 *   closes around the median. `varianceFactor` (default 1) is n/n* from Mann–Kendall's
 *   autocorrelation correction: an autocorrelated series has fewer independent points than it
 *   shows, and a wider interval.
 * - **Exactness.** The fast path (slope-selection.ts) returns the very slopes that sorting all N
 *   would, bit for bit, except on a series that is a straight line to within rounding (see the
 *   limit stated there). {@link theilSenNaive} is the O(n²) reference.
 * - **Cost.** O(n log n) expected: about 8 merge sorts of the points for the median and the two
 *   bounds. The slopes selected for the last series are remembered (with a copy of it), so
 *   mannKendall's detrending followed by theilSen on the same series selects the median once; so
 *   are the slopes listed to select it, among which a series of a few hundred points has its
 *   bounds too, then picked without another pass (the bench's 2M-line export: the trend stage
 *   0.524 → 0.444 ms a series, warm, medians of 8).
 *
 * @module
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { tieStatistics, type SlopesAtZero } from './kendall-s.js';
import { medianInPlace, sortedCopy } from './order-statistics.js';
import { PairSlopes } from './pair-slopes.js';
import { checkedSeries } from './series-input.js';
import { selectPairSlopes, type SelectionMemory } from './slope-selection.js';

/** A robust straight line through a series, with a confidence interval for its slope. */
export interface TheilSenFit {
  /** Median of the pairwise slopes (y units per x unit: bytes per hour). */
  readonly slope: number;
  /** Median of y − slope·x. */
  readonly intercept: number;
  /** Sen's (1968) lower confidence bound for the slope, as scipy.stats.theilslopes computes it. */
  readonly low: number;
  /** Sen's upper confidence bound. */
  readonly high: number;
}

export interface TheilSenOptions {
  /** Confidence level of [low, high], in (0, 1); default 0.95. */
  readonly confidence?: number;
  /** Multiplies Var(S) used for the interval (n/n* of an autocorrelation correction); default 1, must be > 0. */
  readonly varianceFactor?: number;
  /** The series' `kendallS(x, y).slopesAtZero`, when already counted: saves a pass where slopes are 0. */
  readonly slopesAtZero?: SlopesAtZero;
  /** The series' `kendallS(x, y).yTies.kendall`, when already counted: saves sorting y. */
  readonly tiesY?: number;
}

/**
 * Theil–Sen fit with Sen's confidence interval (see the module header for every formula).
 *
 * Precondition: x ascending (ties allowed; pairs with equal x are skipped, as scipy does),
 * length ≥ 2 with at least two distinct x.
 *
 * @throws {RangeError} when the precondition or an option is violated; the message says which
 * @example
 * theilSen([0, 1, 2, 3, 4], [10, 12, 14, 100, 18]);
 * // => { slope: 2, intercept: 10, low: -82, high: 86 }   (the 100 is ignored; 5 points give a wide interval)
 */
export function theilSen(x: ArrayLike<number>, y: ArrayLike<number>, options: TheilSenOptions = {}): TheilSenFit {
  return fit('theilSen', x, y, options, selectRemembered);
}

/**
 * The same fit by the plain method: every pairwise slope in a list, sorted. O(n²) time and
 * memory: the reference {@link theilSen} is tested against.
 */
export function theilSenNaive(x: ArrayLike<number>, y: ArrayLike<number>, options: TheilSenOptions = {}): TheilSenFit {
  return fit('theilSenNaive', x, y, options, (pairs, ranks) => {
    const sorted = pairs.allSlopes().sort();
    return Float64Array.from(ranks, (k) => sorted[k] as number);
  });
}

/**
 * The Theil–Sen slope alone (no interval, no intercept): what detrending needs. `slopesAtZero` as
 * in {@link TheilSenOptions}.
 *
 * @throws {RangeError} as {@link theilSen}
 */
export function theilSenSlope(x: ArrayLike<number>, y: ArrayLike<number>, slopesAtZero?: SlopesAtZero): number {
  const series = checkedSeries('theilSenSlope', x, y, 2);
  const pairs = pairsOf('theilSenSlope', series.x, series.y, slopesAtZero);
  const [a, b] = selectRemembered(pairs, medianRanks(pairs.pairs), series.x, series.y) as unknown as [number, number];
  return (a + b) / 2;
}

/**
 * The ranks selected for the last series, with a copy of it: mannKendall's detrending
 * ({@link theilSenSlope}) and then {@link theilSen} on the same series select its median slope
 * once. Only ever consulted for a series equal to the copy, value for value, so the answers are
 * those of a fresh selection; it holds one series (16 bytes a point) until the next.
 */
let remembered: { x: Float64Array; y: Float64Array; slopes: Map<number, number>; memory: SelectionMemory } | undefined;

function selectRemembered(pairs: PairSlopes, ranks: readonly number[], x: Float64Array, y: Float64Array): Float64Array {
  if (remembered === undefined || !sameValues(remembered.x, x) || !sameValues(remembered.y, y)) {
    remembered = { x, y, slopes: new Map(), memory: { listed: [], sample: undefined } };
  }
  const { slopes, memory } = remembered;
  const missing = ranks.filter((k) => !slopes.has(k));
  if (missing.length > 0) {
    const found = selectPairSlopes(pairs, missing, undefined, memory);
    missing.forEach((k, i) => slopes.set(k, found[i] as number));
  }
  return Float64Array.from(ranks, (k) => slopes.get(k) as number);
}

/** Equal arrays, value for value (telling 0 from −0). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const u = a[i] as number;
    const v = b[i] as number;
    if (u !== v || (u === 0 && 1 / u !== 1 / v)) return false;
  }
  return true;
}

/**
 * The 0-based ranks of Sen's bounds among `slopeCount` sorted slopes, for a series of n points
 * whose x and y tie statistics are given (see the module header).
 */
export function senBoundRanks(
  n: number,
  slopeCount: number,
  tieKendallX: number,
  tieKendallY: number,
  confidence: number,
  varianceFactor: number,
): { low: number; high: number } {
  const z = normalQuantile((1 - confidence) / 2, 0, 1);
  const variance = Math.max(0, ((n * (n - 1) * (2 * n + 5) - tieKendallX - tieKendallY) / 18) * varianceFactor);
  const sigma = Math.sqrt(variance);
  return {
    low: Math.max(roundHalfEven((slopeCount + z * sigma) / 2) - 1, 0),
    high: Math.min(roundHalfEven((slopeCount - z * sigma) / 2), slopeCount - 1),
  };
}

type Selector = (pairs: PairSlopes, ranks: readonly number[], x: Float64Array, y: Float64Array) => Float64Array;

function fit(caller: string, xIn: ArrayLike<number>, yIn: ArrayLike<number>, options: TheilSenOptions, select: Selector): TheilSenFit {
  const confidence = options.confidence ?? 0.95;
  const varianceFactor = options.varianceFactor ?? 1;
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${caller}: confidence must be in (0, 1), got ${confidence}`);
  }
  if (!(varianceFactor > 0 && Number.isFinite(varianceFactor))) {
    throw new RangeError(`${caller}: varianceFactor must be a finite number > 0, got ${varianceFactor}`);
  }
  const { x, y } = checkedSeries(caller, xIn, yIn, 2);
  const pairs = pairsOf(caller, x, y, options.slopesAtZero);
  const n = x.length;
  const bounds = senBoundRanks(
    n,
    pairs.pairs,
    tieStatistics(x).kendall,
    options.tiesY ?? tieStatistics(sortedCopy(y)).kendall,
    confidence,
    varianceFactor,
  );
  const middle = medianRanks(pairs.pairs);
  const [a, b, low, high] = select(pairs, [...middle, bounds.low, bounds.high], x, y) as unknown as [number, number, number, number];
  const slope = (a + b) / 2;
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = (y[i] as number) - slope * (x[i] as number);
  return { slope, intercept: medianInPlace(residuals), low, high };
}

function pairsOf(caller: string, x: Float64Array, y: Float64Array, slopesAtZero?: SlopesAtZero): PairSlopes {
  if (x[0] === x[x.length - 1]) {
    throw new RangeError(`${caller}: all x values are equal (${x[0]}), so the slope is undefined`);
  }
  return new PairSlopes(x, y, slopesAtZero);
}

/** The rank of the median, twice, or the two middle ranks. */
function medianRanks(count: number): [number, number] {
  return count % 2 === 1 ? [(count - 1) / 2, (count - 1) / 2] : [count / 2 - 1, count / 2];
}

/** Rounds to the nearest integer, halves to even, as numpy's `round`. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * One trend from several stretches of a series (the lifetimes of a restarted process, or their
 * latest regimes), counting only pairs of points within a stretch: growth that resets at each
 * restart is pooled, the drops between lifetimes are not growth.
 *
 * - Significance: the stratified Mann–Kendall test (Hirsch, Slack and Smith 1982): S and Var(S)
 *   of the stretches add up; each stretch's variance carries its own autocorrelation correction.
 * - Slope: the median of all within-stretch pairwise slopes (Sen's estimator pooled), with Sen's
 *   confidence interval from the pooled Var(S), selected exactly among those pairs without
 *   listing them (`PooledPairSlopes`); one stretch is `theilSen`'s.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Segment } from './lifetime-segments.js';
import { mannKendall, type MannKendallTest } from './mann-kendall.js';
import { PairSlopes } from './pair-slopes.js';
import { PooledPairSlopes } from './pooled-pair-slopes.js';
import { selectPairSlopes } from './slope-selection.js';
import { roundHalfEven, theilSen, theilSenSlope } from './theil-sen.js';

/** Stretches shorter than this take no part: Mann–Kendall needs three points. */
const MIN_STRETCH_POINTS = 3;

export interface PooledTrend {
  /** Points in the stretches that took part. */
  readonly points: number;
  readonly slope: number;
  /** Sen's interval; NaN when it was not asked for (`interval: false`). */
  readonly low: number;
  readonly high: number;
  readonly s: number;
  readonly varianceS: number;
  readonly pValueAbove: number;
  readonly pValueBelow: number;
}

export interface PooledTrendOptions {
  /** Of Sen's interval; default 0.95. */
  readonly confidence?: number;
  /**
   * Default true. False leaves the interval out (NaN): selecting its two bounds costs about as much
   * as the rest of the trend, and a caller may need only the slope and the test.
   */
  readonly interval?: boolean;
}

export function pooledTrend(x: Float64Array, y: Float64Array, segments: readonly Segment[], options: PooledTrendOptions = {}): PooledTrend | undefined {
  const { confidence = 0.95, interval = true } = options;
  const stretches = segments.filter((segment) => segment.to - segment.from >= MIN_STRETCH_POINTS && x[segment.to - 1] !== x[segment.from]);
  if (stretches.length === 0) return undefined;
  const tests = stretches.map((segment) => mannKendall(x.subarray(segment.from, segment.to), y.subarray(segment.from, segment.to), { correction: 'hamed-rao' }));
  const s = tests.reduce((sum, test) => sum + test.s, 0);
  const varianceS = tests.reduce((sum, test) => sum + test.varianceS, 0);
  const z = varianceS > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(varianceS) : 0;
  const points = stretches.reduce((sum, segment) => sum + segment.to - segment.from, 0);
  const slope = pooledSlope(x, y, stretches, tests, varianceS, interval ? confidence : undefined);
  return {
    points,
    ...slope,
    s,
    varianceS,
    pValueAbove: s === 0 ? 0.5 : normalCdf(-z, 0, 1),
    pValueBelow: s === 0 ? 0.5 : normalCdf(z, 0, 1),
  };
}

function pooledSlope(
  x: Float64Array,
  y: Float64Array,
  stretches: readonly Segment[],
  tests: readonly MannKendallTest[],
  varianceS: number,
  confidence: number | undefined,
): { slope: number; low: number; high: number } {
  if (stretches.length === 1) {
    const [only] = stretches as [Segment];
    const [test] = tests as [MannKendallTest];
    const [xs, ys] = [x.subarray(only.from, only.to), y.subarray(only.from, only.to)];
    // The slope alone is the median Hamed–Rao's detrending has just selected (theilSenSlope remembers it).
    if (confidence === undefined) return { slope: theilSenSlope(xs, ys, test.slopesAtZero), low: Number.NaN, high: Number.NaN };
    return theilSen(xs, ys, { confidence, varianceFactor: test.varianceFactor, slopesAtZero: test.slopesAtZero, tiesY: test.tiesY });
  }
  // Every within-stretch pair's slope, none across stretches: selected, not listed (O(n log n) a pass).
  const pooled = new PooledPairSlopes(
    stretches.map(({ from, to }, i) => new PairSlopes(x.subarray(from, to), y.subarray(from, to), (tests[i] as MannKendallTest).slopesAtZero)),
  );
  const k = pooled.pairs;
  const middle = k % 2 === 1 ? [(k - 1) / 2, (k - 1) / 2] : [k / 2 - 1, k / 2];
  if (confidence === undefined) {
    const [below, above] = selectPairSlopes(pooled, middle) as unknown as [number, number];
    return { slope: (below + above) / 2, low: Number.NaN, high: Number.NaN };
  }
  // Sen's interval, ranked as scipy.stats.theilslopes ranks it.
  const c = -normalQuantile((1 - confidence) / 2, 0, 1) * Math.sqrt(varianceS);
  const lowRank = Math.max(roundHalfEven((k - c) / 2) - 1, 0);
  const highRank = Math.min(roundHalfEven((k + c) / 2), k - 1);
  const [low, high, below, above] = selectPairSlopes(pooled, [lowRank, highRank, middle[0] as number, middle[1] as number]) as unknown as [number, number, number, number];
  return { slope: (below + above) / 2, low, high };
}


/**
 * Kendall's S of a series against its time axis, its tie-corrected variance and tau-b, in
 * O(n log n) by Knight's (1966) merge-sort algorithm, as scipy.stats.kendalltau computes them.
 *
 * Counting is exact: every count is an integer below 2^53 for any n under ~10^8.
 *
 * @module
 */
import { sortCountingInversions, tiedPairs } from './inversions.js';

/** Tie counts of one variable, summed over its groups of t equal values. */
export interface TieStatistics {
  /** Σ t(t−1)/2: tied pairs. */
  readonly pairs: number;
  /** Σ t(t−1)(t−2). */
  readonly cubic: number;
  /** Σ t(t−1)(2t+5): what ties take off n(n−1)(2n+5). */
  readonly kendall: number;
}

export interface KendallS {
  readonly n: number;
  /** Σ_{i<j} sign(x_j − x_i)·sign(y_j − y_i): concordant minus discordant pairs. */
  readonly s: number;
  /** Kendall's tau-b; 0 when x or y is constant (where it is undefined). */
  readonly tau: number;
  /**
   * Var(S) under no trend with Kendall's (1970) tie correction, as scipy's kendalltau:
   *
   *     [n(n−1)(2n+5) − Σu(u−1)(2u+5) − Σv(v−1)(2v+5)] / 18
   *       + [Σu(u−1)][Σv(v−1)] / (2n(n−1)) + [Σu(u−1)(u−2)][Σv(v−1)(v−2)] / (9n(n−1)(n−2))
   *
   * over the tie groups u of x and v of y. Without ties in x the last two terms vanish and it is
   * the Mann–Kendall variance [n(n−1)(2n+5) − Σv(v−1)(2v+5)]/18. Exactly 0 when x or y is
   * constant (then S is 0 too).
   */
  readonly varianceS: number;
  readonly xTies: TieStatistics;
  readonly yTies: TieStatistics;
  /** How many pairwise slopes lie below 0 and at or below it (see {@link SlopesAtZero}). */
  readonly slopesAtZero: SlopesAtZero;
}

/**
 * Of the pairs with x_a < x_b: how many fall (y_b < y_a), and fall or stay level (y_b ≤ y_a). These
 * are the counts of pairwise slopes below 0 and at or below it, which the Theil–Sen selection
 * would otherwise spend a pass on (pair-slopes.ts counts them the same way: a merge sort of y in x
 * order, runs of equal x sorted first). A flat module rounded as tracemalloc prints it has a
 * median slope of exactly 0, told from these counts alone.
 */
export interface SlopesAtZero {
  readonly below: number;
  readonly atOrBelow: number;
}

/** {@link TieStatistics} of values already sorted (runs of equal values are the groups). */
export function tieStatistics(sorted: ArrayLike<number>): TieStatistics {
  let pairs = 0;
  let cubic = 0;
  let kendall = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++;
    } else if (run > 1) {
      pairs += (run * (run - 1)) / 2;
      cubic += run * (run - 1) * (run - 2);
      kendall += run * (run - 1) * (2 * run + 5);
      run = 1;
    }
  }
  return { pairs, cubic, kendall };
}

/**
 * Kendall's S, tau-b and Var(S) of (x, y) in O(n log n).
 *
 * Points are taken in x order with each group of equal x sorted by y; a merge sort by y then
 * counts the discordant pairs D, and with n₀ = n(n−1)/2 pairs, n₁ tied in x, n₂ tied in y and
 * n₃ tied in both:
 *
 *     S = n₀ − n₁ − n₂ + n₃ − 2D,      tau-b = S / √((n₀ − n₁)(n₀ − n₂))
 *
 * Precondition (the caller checks it): x ascending (ties allowed), equal lengths, finite values.
 */
export function kendallS(x: ArrayLike<number>, y: ArrayLike<number>): KendallS {
  const n = x.length;
  const keys = Float64Array.from(y);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Sort each run of equal x by y, so that no pair within a run counts as discordant.
  let jointTies = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && x[end] === x[start]) end++;
    if (end - start > 1) {
      const run = keys.subarray(start, end).sort();
      jointTies += tiedPairs(run);
    }
    start = end;
  }
  const discordant = sortCountingInversions(keys, order);
  const xTies = tieStatistics(x);
  const yTies = tieStatistics(keys);
  const pairs = (n * (n - 1)) / 2;
  const s = pairs - xTies.pairs - yTies.pairs + jointTies - 2 * discordant;
  const slopesAtZero = { below: discordant, atOrBelow: discordant + yTies.pairs - jointTies };
  if (xTies.pairs === pairs || yTies.pairs === pairs) {
    return { n, s: 0, tau: 0, varianceS: 0, xTies, yTies, slopesAtZero };
  }
  const tau = Math.max(-1, Math.min(1, s / Math.sqrt(pairs - xTies.pairs) / Math.sqrt(pairs - yTies.pairs)));
  return { n, s, tau, varianceS: varianceOfS(n, xTies, yTies), xTies, yTies, slopesAtZero };
}

/** Kendall's tie-corrected Var(S) (see {@link KendallS.varianceS}), for n ≥ 2. */
export function varianceOfS(n: number, xTies: TieStatistics, yTies: TieStatistics): number {
  const m = n * (n - 1);
  let variance = (m * (2 * n + 5) - xTies.kendall - yTies.kendall) / 18;
  if (xTies.pairs > 0 && yTies.pairs > 0) {
    variance += (2 * xTies.pairs * yTies.pairs) / m;
    if (n > 2) variance += (xTies.cubic * yTies.cubic) / (9 * m * (n - 2));
  }
  return variance;
}

/**
 * S by the plain double loop over all pairs, O(n²): the reference the tests hold
 * {@link kendallS} to.
 */
export function kendallSNaive(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      s += Math.sign((x[j] as number) - (x[i] as number)) * Math.sign((y[j] as number) - (y[i] as number));
    }
  }
  return s;
}

/**
 * The Mann–Kendall trend test, with the autocorrelation corrections of Hamed and Rao (1998) or
 * Yue and Wang (2004). The numeric policy shared with Theil–Sen is in theil-sen.ts; this header
 * adds what is particular to the test.
 *
 * ## Policy
 *
 * - **S, tau, Var(S).** S = Σ_{i<j} sign(y_j − y_i) over pairs with x_i < x_j (equal x: 0),
 *   O(n log n) (kendall-s.ts); tau is Kendall's tau-b; Var(S) has Kendall's tie correction —
 *   `[n(n−1)(2n+5) − Σ t(t−1)(2t+5)]/18` over the groups t of equal y, plus two terms that only
 *   ties in x bring (kendall-s.ts gives them; with no equal x they are 0).
 * - **z and p.** z = (S − sign S)/√(Var(S)·n/n*), 0 when S = 0. pValueAbove = Φ(−z) (H1: increasing),
 *   pValueBelow = Φ(z): the tails are each computed directly, never as 1 − Φ, so they stay accurate
 *   to 1e-300. With continuity correction, S = 0 and S = ±1 both give z = 0 and p = 0.5 each way.
 * - **Degenerate series.** When Var(S) = 0 — every y equal, or every x equal — S is 0 and there is
 *   nothing to test: z = 0, tau = 0, and both p-values are 1 (no evidence either way; so they do
 *   not add up to 1 here, unlike everywhere else). Two points with different y: S = ±1, Var = 1,
 *   z = 0, p = 0.5 each way. Fewer than 2 points is a RangeError.
 * - **Autocorrelation correction** (`correction`, default `'none'`). Positive autocorrelation —
 *   the rule for memory sizes sampled every few minutes — makes S vary more than independent
 *   points would, so Var(S) is multiplied by n/n* (`varianceFactor`):
 *   - detrend: r = y − b·x with b the Theil–Sen slope (on the actual x, not the index);
 *   - `'hamed-rao'`: ρ_k = acf of the ranks of r; only lags with |ρ_k| > z_{1−α/2}/√n count:
 *     n/n* = 1 + 2/(n(n−1)(n−2)) · Σ (n−k)(n−k−1)(n−k−2) ρ_k;
 *   - `'yue-wang'`: ρ_k = acf of r itself, every lag: n/n* = 1 + 2 Σ (1 − k/n) ρ_k.
 * - **Lags.** k = 1..min(n − 1, ⌊10·log₁₀ n⌋) ({@link correctionLags}: statsmodels' default
 *   `nlags`; 24 lags for a day of 5-minute snapshots, 33 at n = 2,000, 50 at n = 100,000). The
 *   papers and pymannkendall sum to n − 1, but for the biased acf of a demeaned series
 *   1 + 2 Σ_{k=1}^{n−1} ρ_k is exactly 0: the far lags, noise around a negative bias of about
 *   −1/n each, cancel the near ones, and they are what makes n/n* absurd or negative on short
 *   series. Truncating keeps the correction meaningful and the cost O(n log n + n·lags).
 * - **Guards.** The correction needs n ≥ 3 and Var(S) > 0; otherwise it is skipped
 *   (`correction: 'none'`, factor 1). A factor that is not finite counts as 1; otherwise it is
 *   clamped to [1, n]: never below 1 (a correction that would narrow Var(S) is not trusted to
 *   call a leak: the acf's negative bias alone pulls Yue–Wang's n/n* to ~0.25 on 30 independent
 *   points, and below 1 on most trending series), never above n (at least one effective point).
 * - **Known limit.** On 288 points of AR(1) noise with φ = 0.9, the two-sided 5% test rejects
 *   ~66% of trendless series uncorrected and ~13% with either correction (the acf of a short
 *   series underestimates the autocorrelation): better, not nominal.
 *
 * @module
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { autocorrelation } from './autocorrelation.js';
import { kendallS, type SlopesAtZero } from './kendall-s.js';
import { averageRanks } from './ranks.js';
import { checkedSeries } from './series-input.js';
import { theilSenSlope } from './theil-sen.js';

export type AutocorrelationCorrection = 'none' | 'hamed-rao' | 'yue-wang';

export interface MannKendallTest {
  readonly n: number;
  /** Σ_{i<j} sign(y_j − y_i) (x ascending; pairs with equal x contribute 0). */
  readonly s: number;
  /** Kendall's tie-corrected Var(S), times varianceFactor. */
  readonly varianceS: number;
  /** n/n* from the autocorrelation correction (1 when none, or when the correction is not trusted). */
  readonly varianceFactor: number;
  /** The correction that produced varianceFactor ('none' when it was skipped: n < 3 or Var(S) = 0). */
  readonly correction: AutocorrelationCorrection;
  /** Continuity-corrected: (S − sign(S))/√Var, 0 when S = 0. */
  readonly z: number;
  /** Kendall's tau-b of (x, y); 0 when x or y is constant. */
  readonly tau: number;
  /** One-sided p-value, H1: increasing trend. */
  readonly pValueAbove: number;
  /** One-sided p-value, H1: decreasing trend. */
  readonly pValueBelow: number;
  /** The pairs falling, and falling or level: for the Theil–Sen selection on the same series. */
  readonly slopesAtZero: SlopesAtZero;
  /** Σ t(t−1)(2t+5) over the ties in y: for Sen's interval on the same series. */
  readonly tiesY: number;
}

export interface MannKendallOptions {
  /** Default 'none'. */
  readonly correction?: AutocorrelationCorrection;
  /** Significance level at which Hamed–Rao keeps a lag; default 0.05. */
  readonly alpha?: number;
}

/**
 * Mann–Kendall test of (x, y) for a monotonic trend (see the module header for every formula and
 * guard).
 *
 * Precondition: x ascending (ties allowed), x.length === y.length ≥ 2, all finite.
 *
 * @throws {RangeError} when the precondition or an option is violated; the message says which
 * @example
 * mannKendall([0, 1, 2, 3, 4], [10, 12, 11, 15, 16]);
 * // => { n: 5, s: 8, varianceS: 16.67, varianceFactor: 1, correction: 'none', z: 1.715, tau: 0.8,
 * //      pValueAbove: 0.0432, pValueBelow: 0.9568 }
 */
export function mannKendall(x: ArrayLike<number>, y: ArrayLike<number>, options: MannKendallOptions = {}): MannKendallTest {
  const requested = options.correction ?? 'none';
  const alpha = options.alpha ?? 0.05;
  if (requested !== 'none' && requested !== 'hamed-rao' && requested !== 'yue-wang') {
    throw new RangeError(`mannKendall: correction must be 'none', 'hamed-rao' or 'yue-wang', got ${String(requested)}`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`mannKendall: alpha must be in (0, 1), got ${alpha}`);
  const series = checkedSeries('mannKendall', x, y, 2);
  const { n, s, tau, varianceS, slopesAtZero, yTies } = kendallS(series.x, series.y);
  const tiesY = yTies.kendall;
  if (varianceS === 0) {
    return { n, s: 0, varianceS: 0, varianceFactor: 1, correction: 'none', z: 0, tau: 0, pValueAbove: 1, pValueBelow: 1, slopesAtZero, tiesY };
  }
  const corrected = requested !== 'none' && n >= 3;
  const varianceFactor = corrected ? correctionFactor(series.x, series.y, requested, alpha, slopesAtZero) : 1;
  const variance = varianceS * varianceFactor;
  const z = s === 0 ? 0 : (s - Math.sign(s)) / Math.sqrt(variance);
  return {
    n,
    s,
    varianceS: variance,
    varianceFactor,
    correction: corrected ? requested : 'none',
    z,
    tau,
    pValueAbove: normalCdf(-z, 0, 1),
    pValueBelow: normalCdf(z, 0, 1),
    slopesAtZero,
    tiesY,
  };
}

/** The lags the corrections consider: 1..correctionLags(n) = min(n − 1, ⌊10·log₁₀ n⌋). */
export function correctionLags(n: number): number {
  return n < 2 ? 0 : Math.min(n - 1, Math.floor(10 * Math.log10(n)));
}

/**
 * n/n*, clamped to [1, n] (1 when not finite), for a series of n ≥ 3 points with Var(S) > 0;
 * `slopesAtZero` its counts from `kendallS`, when at hand (they spare the detrending a pass).
 */
export function correctionFactor(
  x: Float64Array,
  y: Float64Array,
  correction: 'hamed-rao' | 'yue-wang',
  alpha: number,
  slopesAtZero?: SlopesAtZero,
): number {
  const n = x.length;
  const slope = theilSenSlope(x, y, slopesAtZero);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) residuals[i] = (y[i] as number) - slope * (x[i] as number);
  const lags = correctionLags(n);
  let raw: number;
  if (correction === 'hamed-rao') {
    const rho = autocorrelation(averageRanks(residuals), lags);
    const bound = normalQuantile(1 - alpha / 2, 0, 1) / Math.sqrt(n);
    let sum = 0;
    for (let k = 1; k <= lags; k++) {
      const r = rho[k - 1] as number;
      if (Math.abs(r) > bound) sum += (n - k) * (n - k - 1) * (n - k - 2) * r;
    }
    raw = 1 + (2 / (n * (n - 1) * (n - 2))) * sum;
  } else {
    const rho = autocorrelation(residuals, lags);
    let sum = 0;
    for (let k = 1; k <= lags; k++) sum += (1 - k / n) * (rho[k - 1] as number);
    raw = 1 + 2 * sum;
  }
  return Number.isFinite(raw) ? Math.min(Math.max(raw, 1), n) : 1;
}

/**
 * One-sided t-tests of a least-squares slope.
 *
 * With t = slope / slopeStdError and F the CDF of Student's t with `residualDf` degrees of
 * freedom (from @stdlib/stats-base-dists-t-cdf, via the regularised incomplete beta):
 *
 *     p(slope > 0) = P(T ≥ t) = F(−t)
 *     p(slope < 0) = P(T ≤ t) = F(t)
 *
 * The upper tail is evaluated as F(−t), never as 1 − F(t): the subtraction would lose every
 * digit of a p-value below ~1e-16, and a strongly leaking module has p near 1e-30.
 *
 * Exact fits follow the policy in least-squares.ts: when slopeStdError is 0 the p-value is 0
 * if the slope points in the tested direction and 1 otherwise (so a constant series, slope
 * exactly 0, has p = 1 either way).
 *
 * @module
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import type { LinearFit } from './least-squares.js';

/**
 * One-sided p-value for H1: slope > 0, from Student's t with fit.residualDf degrees of
 * freedom: `P(T ≥ slope / slopeStdError) = F(−t)`.
 *
 * @throws {RangeError} when the fit is malformed (non-finite slope, negative or non-finite
 *   standard error, fewer than 1 degree of freedom)
 * @example
 * pValueSlopeAboveZero({ n: 3, slope: 76.43, intercept: 101.4, slopeStdError: 1.237, residualDf: 1 });
 * // => 0.00515
 */
export function pValueSlopeAboveZero(fit: LinearFit): number {
  assertWellFormed(fit);
  return upperTail(fit.slope, fit.slopeStdError, fit.residualDf);
}

/**
 * One-sided p-value for H1: slope < 0: `P(T ≤ slope / slopeStdError) = F(t)`, computed as the
 * upper tail of the mirrored slope so that it is as accurate as {@link pValueSlopeAboveZero}.
 *
 * @throws {RangeError} when the fit is malformed (see {@link pValueSlopeAboveZero})
 */
export function pValueSlopeBelowZero(fit: LinearFit): number {
  assertWellFormed(fit);
  return upperTail(-fit.slope, fit.slopeStdError, fit.residualDf);
}

/** P(T ≥ slope / se) with the exact-fit policy for se = 0. */
function upperTail(slope: number, se: number, df: number): number {
  if (se === 0) {
    return slope > 0 ? 0 : 1;
  }
  return tCdf(-slope / se, df);
}

function assertWellFormed(fit: LinearFit): void {
  if (!Number.isFinite(fit.slope)) {
    throw new RangeError(`slope test: slope is ${fit.slope}, not a finite number`);
  }
  if (!(fit.slopeStdError >= 0) || !Number.isFinite(fit.slopeStdError)) {
    throw new RangeError(`slope test: slopeStdError is ${fit.slopeStdError}, not a finite number >= 0`);
  }
  if (!(fit.residualDf >= 1) || !Number.isFinite(fit.residualDf)) {
    throw new RangeError(`slope test: residualDf is ${fit.residualDf}, needs at least 1 (3 points)`);
  }
}

/**
 * Ordinary least squares of y on x, and the numeric policy of the trend statistics.
 *
 * ## Numeric policy (stated once, here; slope-test.ts and benjamini-hochberg.ts refer to it)
 *
 * - **Time axis.** x is hours since the first point of the series. The caller rebases before
 *   fitting: raw epoch milliseconds (~1.7e12) leave too few significant digits for the
 *   deviations that the fit is built from. Slopes are therefore bytes per hour.
 * - **Minimum input.** At least 3 points (a line through 2 points leaves no residual degree
 *   of freedom to judge it by) and at least two distinct x values. Anything less, unequal
 *   lengths, or a non-finite value is rejected with a `RangeError` that says which; a
 *   degenerate input never comes back as NaN.
 * - **Missing points.** A snapshot in which a module fell below the top-N cut is not a zero:
 *   it is simply not a point. Callers pass the observed points only; irregular gaps in x are
 *   ordinary input.
 * - **Ties and quantised sizes.** Repeated x values (two snapshots at the same instant) and
 *   repeated y values (tracemalloc rounds sizes to three significant digits) are fitted as
 *   given; this module makes no allowance for the rounding step.
 * - **Precision.** x and y are centred on their compensated means before any sum of
 *   products is formed (a two-pass algorithm), so a series near 2e9 bytes growing by a few
 *   bytes per hour keeps its digits. The naive one-pass formula `(nΣxy − ΣxΣy) / (nΣx² − (Σx)²)`
 *   is never used.
 * - **Exact fits.** When every residual is within rounding error of zero
 *   (`|rᵢ| ≤ 4·n·ε·max|yᵢ|`, ε = `Number.EPSILON`), the series is a perfect line (or flat)
 *   and `slopeStdError` is exactly 0. The one-sided p-value of such a fit is 0 when the
 *   slope points in the tested direction and 1 otherwise.
 * - **Constant series.** If every y is equal the slope is exactly 0 (not a rounding residue),
 *   `slopeStdError` is 0, and both one-sided p-values are 1.
 *
 * @module
 */
import { linearRegression, mean } from 'simple-statistics';

/** A straight line fitted to a series, with what a t-test of its slope needs. */
export interface LinearFit {
  /** Number of points fitted. */
  readonly n: number;
  /** y units per x unit (bytes per hour). */
  readonly slope: number;
  /** y at x = 0 (the first point, when x is hours since it). */
  readonly intercept: number;
  /** Standard error of the slope; 0 when the residuals are all zero; NaN-free. */
  readonly slopeStdError: number;
  /** Residual degrees of freedom: n − 2. */
  readonly residualDf: number;
}

/**
 * Ordinary least squares of y on x.
 *
 * With centred values dxᵢ = xᵢ − x̄ and dyᵢ = yᵢ − ȳ:
 *
 *     slope     b = Σ dxᵢ·dyᵢ / Σ dxᵢ²
 *     intercept a = ȳ − b·x̄
 *     residual  rᵢ = dyᵢ − b·dxᵢ
 *     SE(b)       = √( Σ rᵢ² / (n − 2) / Σ dxᵢ² )
 *
 * The slope is computed by simple-statistics' `linearRegression` on the already centred
 * points; the means are its compensated (Kahan–Babuška) `mean`. See the module header for the
 * numeric policy (exact fits, constant series, degenerate input).
 *
 * Precondition: x.length === y.length >= 3, every value finite, and x not all equal.
 *
 * @param x - hours since the first point
 * @param y - the value at each x (bytes)
 * @throws {RangeError} when the precondition does not hold; the message says which part
 * @example
 * leastSquaresFit([0, 1, 3], [100, 180, 330]);
 * // => { n: 3, slope: 76.43, intercept: 101.43, slopeStdError: 1.237, residualDf: 1 }
 */
export function leastSquaresFit(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const n = x.length;
  if (y.length !== n) {
    throw new RangeError(`leastSquaresFit: x has ${n} values but y has ${y.length}`);
  }
  if (n < 3) {
    throw new RangeError(`leastSquaresFit: needs at least 3 points, got ${n}`);
  }
  const xs = Array.from(x);
  const ys = Array.from(y);
  assertFinite('x', xs);
  assertFinite('y', ys);
  const x0 = xs[0] as number;
  const y0 = ys[0] as number;
  if (xs.every((v) => v === x0)) {
    throw new RangeError(
      `leastSquaresFit: all x values are equal (${x0}), so the slope is undefined`,
    );
  }
  const residualDf = n - 2;
  if (ys.every((v) => v === y0)) {
    return { n, slope: 0, intercept: y0, slopeStdError: 0, residualDf };
  }

  const meanX = mean(xs);
  const meanY = mean(ys);
  const centred = xs.map((xi, i) => [xi - meanX, (ys[i] as number) - meanY]);
  // b is the mean of the centred y minus slope times that of the centred x: ~0, but it
  // absorbs the rounding of meanY, so it is kept in the residuals and the intercept.
  const { m: slope, b } = linearRegression(centred);

  let sxx = 0;
  let ssr = 0;
  let maxAbsResidual = 0;
  let maxAbsY = 0;
  for (let i = 0; i < n; i++) {
    const [dx, dy] = centred[i] as [number, number];
    const r = dy - (b + slope * dx);
    sxx += dx * dx;
    ssr += r * r;
    maxAbsResidual = Math.max(maxAbsResidual, Math.abs(r));
    maxAbsY = Math.max(maxAbsY, Math.abs(ys[i] as number));
  }
  const exactFit = maxAbsResidual <= 4 * n * Number.EPSILON * maxAbsY;
  const slopeStdError = exactFit ? 0 : Math.sqrt(ssr / residualDf / sxx);
  return { n, slope, intercept: meanY + b - slope * meanX, slopeStdError, residualDf };
}

function assertFinite(name: string, values: readonly number[]): void {
  const i = values.findIndex((v) => !Number.isFinite(v));
  if (i !== -1) {
    throw new RangeError(`leastSquaresFit: ${name}[${i}] is ${values[i]}, not a finite number`);
  }
}

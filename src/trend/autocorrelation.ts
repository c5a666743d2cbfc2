/**
 * Sample autocorrelation of a series, as statsmodels' `acf` computes it with its defaults
 * (`adjusted=False`: the biased estimator, `demean=True`):
 *
 *     ρ_k = Σ_{t=0}^{n−k−1} (v_t − v̄)(v_{t+k} − v̄) / Σ_{t=0}^{n−1} (v_t − v̄)²
 *
 * Lags count points, not time: a gap in the series is ignored, as an index-based acf ignores it.
 * A constant series (zero denominator) has no autocorrelation: every ρ_k is 0, never NaN.
 * O(n·maxLag).
 *
 * @module
 */

/**
 * Sample autocorrelation at lags 1..maxLag (biased estimator, as statsmodels acf with its
 * default); element k − 1 holds lag k.
 *
 * @throws {RangeError} when maxLag is not an integer in [0, n − 1] or a value is not finite
 * @example
 * autocorrelation([1, 2, 3, 4], 2);
 * // => Float64Array [0.25, -0.3]
 */
export function autocorrelation(values: ArrayLike<number>, maxLag: number): Float64Array {
  const n = values.length;
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag > Math.max(n - 1, 0)) {
    throw new RangeError(`autocorrelation: maxLag must be an integer in [0, ${Math.max(n - 1, 0)}], got ${maxLag}`);
  }
  const centred = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`autocorrelation: values[${i}] is ${v}, not a finite number`);
    sum += v;
  }
  let mean = n > 0 ? sum / n : 0;
  // One refinement pass: the residual of the mean, so that large values keep their deviations.
  let residual = 0;
  for (let i = 0; i < n; i++) residual += (values[i] as number) - mean;
  mean += n > 0 ? residual / n : 0;
  let c0 = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    centred[i] = d;
    c0 += d * d;
  }
  const rho = new Float64Array(maxLag);
  if (c0 === 0) return rho;
  for (let k = 1; k <= maxLag; k++) {
    let ck = 0;
    for (let t = 0; t + k < n; t++) ck += (centred[t] as number) * (centred[t + k] as number);
    rho[k - 1] = ck / c0;
  }
  return rho;
}

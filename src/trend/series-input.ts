/**
 * The one check of a (time, value) series that the robust trend functions share: theil-sen.ts,
 * mann-kendall.ts.
 *
 * @module
 */

/**
 * Copies x and y into Float64Arrays after checking them: equal lengths, at least `minPoints`
 * points, every value finite, x ascending (ties allowed). Throws a RangeError naming the function,
 * the index and the value otherwise.
 */
export function checkedSeries(
  caller: string,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  minPoints: number,
): { x: Float64Array; y: Float64Array } {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`${caller}: x has ${n} values but y has ${y.length}`);
  if (n < minPoints) throw new RangeError(`${caller}: needs at least ${minPoints} points, got ${n}`);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i])) throw new RangeError(`${caller}: x[${i}] is ${xs[i]}, not a finite number`);
    if (!Number.isFinite(ys[i])) throw new RangeError(`${caller}: y[${i}] is ${ys[i]}, not a finite number`);
    if (i > 0 && (xs[i] as number) < (xs[i - 1] as number)) {
      throw new RangeError(`${caller}: x must be ascending, but x[${i}] = ${xs[i]} < x[${i - 1}] = ${xs[i - 1]}`);
    }
  }
  return { x: xs, y: ys };
}

/**
 * A series' points in `count` equal stretches of time, for drawing it small: each bucket's mean
 * value (NaN when no point falls in it, so gaps stay gaps) and the index of its last point (−1).
 * A series of one instant falls wholly in the first bucket.
 */
export function timeBuckets(times: Float64Array, values: Float64Array, count: number): { readonly means: Float64Array; readonly last: Int32Array } {
  const n = Math.min(times.length, values.length);
  const sums = new Float64Array(count);
  const counts = new Uint32Array(count);
  const last = new Int32Array(count).fill(-1);
  const first = times[0] as number;
  const span = n === 0 ? 0 : (times[n - 1] as number) - first;
  for (let i = 0; i < n; i++) {
    const bucket = span > 0 ? Math.min(count - 1, Math.floor((((times[i] as number) - first) / span) * count)) : 0;
    sums[bucket] = (sums[bucket] as number) + (values[i] as number);
    counts[bucket] = (counts[bucket] as number) + 1;
    last[bucket] = i;
  }
  const means = sums.map((sum, b) => (counts[b] === 0 ? Number.NaN : sum / (counts[b] as number)));
  return { means, last };
}

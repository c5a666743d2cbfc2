const BARS = '▁▂▃▄▅▆▇█';

/**
 * A series in `width` block characters (▁ … █), scaled from its lowest to its highest value.
 * Points fall into equal stretches of time, so gaps show as gaps (a space); a bucket shows the
 * mean of its points. A series that never changes is drawn at mid height.
 */
export function sparkline(times: Float64Array, values: Float64Array, width: number): string {
  const n = Math.min(times.length, values.length);
  if (n === 0 || width < 1) return '';
  const first = times[0] as number;
  const span = (times[n - 1] as number) - first;
  const sums = new Float64Array(width);
  const counts = new Uint32Array(width);
  for (let i = 0; i < n; i++) {
    const bucket = span > 0 ? Math.min(width - 1, Math.floor((((times[i] as number) - first) / span) * width)) : 0;
    sums[bucket] = (sums[bucket] as number) + (values[i] as number);
    counts[bucket] = (counts[bucket] as number) + 1;
  }
  let low = Infinity;
  let high = -Infinity;
  for (let b = 0; b < width; b++) {
    if (counts[b] === 0) continue;
    const mean = (sums[b] as number) / (counts[b] as number);
    low = Math.min(low, mean);
    high = Math.max(high, mean);
  }
  let out = '';
  const buckets = span > 0 ? width : 1;
  for (let b = 0; b < buckets; b++) {
    if (counts[b] === 0) {
      out += ' ';
      continue;
    }
    const mean = (sums[b] as number) / (counts[b] as number);
    const level = high > low ? Math.round(((mean - low) / (high - low)) * (BARS.length - 1)) : 3;
    out += BARS[level];
  }
  return out;
}

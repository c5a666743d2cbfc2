import { timeBuckets } from './time-buckets.js';

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A series in `width` block characters (▁ … █), scaled from its lowest to its highest value.
 * Points fall into equal stretches of time, so gaps show as gaps (a space); a bucket shows the
 * mean of its points. A series that never changes is drawn at mid height.
 */
export function sparkline(times: Float64Array, values: Float64Array, width: number): string {
  const n = Math.min(times.length, values.length);
  if (n === 0 || width < 1) return '';
  const { means } = timeBuckets(times, values, width);
  let low = Infinity;
  let high = -Infinity;
  for (const mean of means) {
    if (Number.isNaN(mean)) continue;
    low = Math.min(low, mean);
    high = Math.max(high, mean);
  }
  // A series of one instant is one bucket wide.
  const buckets = (times[n - 1] as number) > (times[0] as number) ? width : 1;
  let out = '';
  for (let b = 0; b < buckets; b++) {
    const mean = means[b] as number;
    if (Number.isNaN(mean)) out += ' ';
    else out += BARS[high > low ? Math.round(((mean - low) / (high - low)) * (BARS.length - 1)) : 3];
  }
  return out;
}

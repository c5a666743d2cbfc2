import { scaleLinear } from 'd3-scale';
import { coordinate as c } from './html-escape.js';
import { trendAt, type Plot } from './plot.js';

const WIDTH = 160;
const HEIGHT = 32;
const PAD = 2;
/** Points drawn at most: the means of this many equal stretches of time. */
const BUCKETS = 60;

/** A series at a glance, for the table of non-suspects: its sizes (bucket means), restarts and trend. */
export function miniChartSvg(plot: Plot): string {
  const { times, sizes } = plot;
  const n = times.length;
  if (n === 0) return '';
  const first = times[0] as number;
  const span = Math.max(1, (times[n - 1] as number) - first);
  const sums = new Float64Array(BUCKETS);
  const counts = new Uint32Array(BUCKETS);
  const lifetimeOf = new Int32Array(BUCKETS).fill(-1);
  let lifetime = 0;
  for (let i = 0; i < n; i++) {
    while (lifetime + 1 < plot.lifetimeStarts.length && i >= (plot.lifetimeStarts[lifetime + 1] as number)) lifetime += 1;
    const bucket = Math.min(BUCKETS - 1, Math.floor((((times[i] as number) - first) / span) * BUCKETS));
    sums[bucket] = (sums[bucket] as number) + (sizes[i] as number);
    counts[bucket] = (counts[bucket] as number) + 1;
    lifetimeOf[bucket] = lifetime;
  }
  let low = Infinity;
  let high = -Infinity;
  for (const size of sizes) {
    low = Math.min(low, size);
    high = Math.max(high, size);
  }
  // A few bytes' wobble on a large module should look flat: the range spans at least a tenth of the size.
  const least = Math.max(Math.abs(high), Math.abs(low), 1) * 0.1;
  if (high - low < least) {
    const middle = (high + low) / 2;
    [low, high] = [middle - least / 2, middle + least / 2];
  }
  const x = scaleLinear().domain([first, first + span]).range([PAD, WIDTH - PAD]);
  const y = scaleLinear().domain([low, high]).range([HEIGHT - PAD, PAD]);
  let d = '';
  let previousLifetime = -1;
  for (let b = 0; b < BUCKETS; b++) {
    if (counts[b] === 0) continue;
    const time = first + ((b + 0.5) / BUCKETS) * span;
    d += `${lifetimeOf[b] === previousLifetime ? 'L' : 'M'}${c(x(time))},${c(y((sums[b] as number) / (counts[b] as number)))}`;
    previousLifetime = lifetimeOf[b] as number;
  }
  const trend = plot.trend
    .map((segment) => `M${c(x(segment.fromTime))},${c(y(trendAt(segment, segment.fromTime)))}L${c(x(segment.toTime))},${c(y(trendAt(segment, segment.toTime)))}`)
    .join('');
  return (
    `<svg class="mini" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" aria-hidden="true">` +
    `<path class="points" d="${d}"/>${trend === '' ? '' : `<path class="trend" d="${trend}"/>`}</svg>`
  );
}

import { scaleLinear } from 'd3-scale';
import { coordinate as c } from './html-escape.js';
import { trendPath } from './html-chart.js';
import type { Plot } from './plot.js';
import { timeBuckets } from './time-buckets.js';

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
  const { means, last } = timeBuckets(times, sizes, BUCKETS);
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
  let lifetime = 0;
  let previousLifetime = -1;
  for (let b = 0; b < BUCKETS; b++) {
    const mean = means[b] as number;
    if (Number.isNaN(mean)) continue;
    // The bucket's lifetime is its last point's; a line breaks where a restart falls.
    while (lifetime + 1 < plot.lifetimeStarts.length && (last[b] as number) >= (plot.lifetimeStarts[lifetime + 1] as number)) lifetime += 1;
    const time = first + ((b + 0.5) / BUCKETS) * span;
    d += `${lifetime === previousLifetime ? 'L' : 'M'}${c(x(time))},${c(y(mean))}`;
    previousLifetime = lifetime;
  }
  const trend = trendPath(plot.trend, x, y);
  return (
    `<svg class="mini" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" aria-hidden="true">` +
    `<path class="points" d="${d}"/>${trend === '' ? '' : `<path class="trend" d="${trend}"/>`}</svg>`
  );
}

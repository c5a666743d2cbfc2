import { scaleLinear, scaleUtc } from 'd3-scale';
import { byteTicks } from './byte-ticks.js';
import { coordinate as c, escapeHtml } from './html-escape.js';
import { trendAt, type Plot, type TrendSegment } from './plot.js';
import type { Finding, Projection } from './report.js';
import { formatBytes } from './units.js';

const WIDTH = 760;
const HEIGHT = 260;
const MARGIN = { top: 14, right: 16, bottom: 26, left: 70 };

/**
 * A suspect's chart, as static SVG: its sizes over time (one line per lifetime, restarts marked),
 * the fitted trend and its confidence band, axes in bytes and UTC time. Long series are drawn as
 * their envelope, the lowest and highest point of each pixel column, so the file stays small and
 * spikes stay visible.
 */
export function chartSvg(finding: Finding, plot: Plot): string {
  const { times, sizes } = plot;
  const n = times.length;
  const x = scaleUtc()
    .domain([new Date(times[0] as number), new Date(times[n - 1] as number)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  let low = Infinity;
  let high = -Infinity;
  for (const size of sizes) {
    low = Math.min(low, size);
    high = Math.max(high, size);
  }
  for (const segment of plot.trend) {
    for (const time of [segment.fromTime, segment.toTime]) {
      for (const slope of [segment.low, segment.high]) {
        const value = trendAt(segment, time, slope);
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
  }
  const axis = byteTicks(low, high, 5);
  const y = scaleLinear().domain([axis.low, axis.high]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const px = (time: number): string => c(x(time));
  const py = (size: number): string => c(y(size));

  const lines: string[] = [];
  plot.lifetimeStarts.forEach((start, i) => {
    const end = plot.lifetimeStarts[i + 1] ?? n;
    lines.push(envelopePath(times, sizes, start, end, (time) => x(time), (size) => y(size)));
  });
  const restarts = plot.lifetimeStarts
    .slice(1)
    .map((start) => `<line class="restart" x1="${px(times[start] as number)}" x2="${px(times[start] as number)}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"><title>restart</title></line>`);
  const band = plot.trend.map((segment) => bandPath(segment, px, py)).join('');
  const trend = trendPath(plot.trend, x, y);
  const label = `${finding.module}: size over time with the fitted trend`;
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">`,
    `<title>${escapeHtml(finding.why)}</title>`,
    yAxis(y, axis.ticks),
    xAxis(x),
    ...restarts,
    band === '' ? '' : `<path class="band" d="${band}"><title>95% confidence band of the trend</title></path>`,
    trend === '' ? '' : `<path class="trend" d="${trend}"><title>trend</title></path>`,
    `<path class="points" d="${lines.join('')}"/>`,
    '</svg>',
  ].join('');
}

/**
 * The projection to `--memory-limit`: the process's logged memory now, and the lines at the
 * estimated growth and at both ends of its interval up to the limit.
 */
export function projectionSvg(finding: Finding, projection: Projection): string {
  const start = Date.parse(finding.from);
  const now = Date.parse(finding.to);
  const reaches = projection.reachesAt === null ? undefined : Date.parse(projection.reachesAt);
  const latest = projection.latest === null ? undefined : Date.parse(projection.latest);
  // Far enough to show the limit reached at the estimate, twice that time at most, and no further than the latest.
  const horizon = reaches === undefined ? now + (now - start) : Math.min(latest ?? Infinity, now + 2 * (reaches - now));
  const end = Math.max(now + (now - start) * 0.1, horizon);
  const x = scaleUtc().domain([new Date(start), new Date(end)]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const axis = byteTicks(0, projection.limitBytes * 1.05, 5);
  const y = scaleLinear().domain([axis.low, axis.high]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const limitY = c(y(projection.limitBytes));
  const toLimit = (rate: number): string => {
    if (rate <= 0) return `${c(x(end))},${c(y(projection.processBytes))}`;
    const hours = Math.max(0, projection.limitBytes - projection.processBytes) / rate;
    const time = Math.min(end, now + hours * 3_600_000);
    return `${c(x(time))},${c(y(projection.processBytes + (rate * (time - now)) / 3_600_000))}`;
  };
  const origin = `${c(x(now))},${c(y(projection.processBytes))}`;
  const band = `M${origin}L${toLimit(projection.processGrowthHigh)}L${toLimit(projection.processGrowthLow)}Z`;
  const label = `${finding.module}: the process projected to the ${formatBytes(projection.limitBytes)} limit`;
  return [
    `<svg class="projection-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">`,
    yAxis(y, axis.ticks),
    xAxis(x),
    `<line class="limit" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${limitY}" y2="${limitY}"><title>memory limit ${escapeHtml(formatBytes(projection.limitBytes))}</title></line>`,
    `<text class="limit-label" x="${WIDTH - MARGIN.right}" y="${c(y(projection.limitBytes) - 4)}" text-anchor="end">limit ${escapeHtml(formatBytes(projection.limitBytes))}</text>`,
    `<line class="now" x1="${c(x(now))}" x2="${c(x(now))}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}"><title>last point</title></line>`,
    `<path class="band" d="${band}"/>`,
    `<path class="projection" d="M${origin}L${toLimit(projection.processGrowthBytesPerHour)}"><title>at the estimated growth</title></path>`,
    `<circle class="now-point" cx="${c(x(now))}" cy="${c(y(projection.processBytes))}" r="3.5"><title>the process's logged modules now: ${escapeHtml(formatBytes(projection.processBytes))}</title></circle>`,
    '</svg>',
  ].join('');
}

/** The trend's segments as one SVG path, each a straight line from its first point's time to its last's. */
export function trendPath(segments: readonly TrendSegment[], x: (time: number) => number, y: (size: number) => number): string {
  const end = (segment: TrendSegment, time: number): string => `${c(x(time))},${c(y(trendAt(segment, time)))}`;
  return segments.map((segment) => `M${end(segment, segment.fromTime)}L${end(segment, segment.toTime)}`).join('');
}

/** The band of a trend segment: between its lowest and highest lines, which cross at the anchor. */
function bandPath(segment: TrendSegment, px: (time: number) => string, py: (size: number) => string): string {
  const corner = (time: number, slope: number): string => `${px(time)},${py(trendAt(segment, time, slope))}`;
  const { fromTime: from, toTime: to, anchorTime: anchor, low, high } = segment;
  // Before the anchor the low slope gives the upper line; after it the lower one.
  return `M${corner(from, low)}L${corner(anchor, low)}L${corner(to, high)}L${corner(to, low)}L${corner(anchor, low)}L${corner(from, high)}Z`;
}

/** The points from `start` to `end` as one path; beyond two points a pixel column, its envelope. */
function envelopePath(
  times: Float64Array,
  sizes: Float64Array,
  start: number,
  end: number,
  x: (time: number) => number,
  y: (size: number) => number,
): string {
  const parts: string[] = [];
  let column = NaN;
  let lowest = 0;
  let highest = 0;
  const flush = (): void => {
    if (Number.isNaN(column)) return;
    const top = c(y(highest));
    const bottom = c(y(lowest));
    parts.push(`${parts.length === 0 ? 'M' : 'L'}${c(column)},${bottom}`);
    if (top !== bottom) parts.push(`L${c(column)},${top}`);
  };
  for (let i = start; i < end; i++) {
    const at = Math.round(x(times[i] as number));
    const size = sizes[i] as number;
    if (at !== column) {
      flush();
      column = at;
      lowest = size;
      highest = size;
    } else {
      lowest = Math.min(lowest, size);
      highest = Math.max(highest, size);
    }
  }
  flush();
  return parts.join('');
}

function yAxis(y: ReturnType<typeof scaleLinear<number, number>>, ticks: readonly number[]): string {
  return ticks
    .map((tick) => {
      const at = c(y(tick));
      return `<line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${at}" y2="${at}"/><text class="tick" x="${MARGIN.left - 6}" y="${at}" dy="0.32em" text-anchor="end">${escapeHtml(formatBytes(tick))}</text>`;
    })
    .join('');
}

function xAxis(x: ReturnType<typeof scaleUtc<number, number>>): string {
  const format = x.tickFormat();
  const base = HEIGHT - MARGIN.bottom;
  return (
    `<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${base}" y2="${base}"/>` +
    x
      .ticks(5)
      // A label too near the right edge would be cut off: left out.
      .filter((tick) => x(tick) < WIDTH - MARGIN.right - 14)
      .map((tick) => `<text class="tick" x="${c(x(tick))}" y="${base + 17}" text-anchor="middle">${escapeHtml(format(tick))}</text>`)
      .join('')
  );
}

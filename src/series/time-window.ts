/**
 * The time range a run looks at (`--since`, `--until`, `--window`). Bounds are absolute instants
 * or durations back from a reference: the newest record, or `now` when given — so a nightly job
 * over an export that ends early still looks at "the last 24 hours of data" unless it asks for
 * "the last 24 hours of the clock".
 */
import type { CollectedSeries } from './collect-series.js';
import { infoOf, type Series, type StoredSeries } from './series.js';

const MS_PER_HOUR = 3_600_000;

/** An instant (epoch milliseconds) or a duration before the reference time. */
export type TimeBound = { readonly at: number } | { readonly hoursBefore: number };

export interface TimeWindow {
  readonly since?: TimeBound;
  readonly until?: TimeBound;
  /** The window's length: it starts this many hours before its end. Not with `since`. */
  readonly hours?: number;
  /** The reference for relative bounds, epoch milliseconds; the newest record when absent. */
  readonly now?: number;
}

/** A window resolved to instants, epoch milliseconds; null where unbounded. */
export interface ResolvedWindow {
  readonly since: number | null;
  readonly until: number | null;
}

export function resolveWindow(window: TimeWindow, newest: number | null): ResolvedWindow {
  const reference = window.now ?? newest;
  const instant = (bound: TimeBound | undefined): number | null => {
    if (bound === undefined) return null;
    if ('at' in bound) return bound.at;
    return reference === null ? null : reference - bound.hoursBefore * MS_PER_HOUR;
  };
  const until = instant(window.until);
  const end = until ?? reference;
  const since = window.hours === undefined ? instant(window.since) : end === null ? null : end - window.hours * MS_PER_HOUR;
  return { since, until };
}

/**
 * The collected series cut to the window (both ends included); series left without points are
 * dropped. Each series is loaded once here to find its points in the window, and again, cut, at
 * each `load`.
 */
export function cropToWindow(collected: CollectedSeries, window: ResolvedWindow): CollectedSeries & { readonly outside: number } {
  const { since, until } = window;
  if (since === null && until === null) return { ...collected, outside: 0 };
  const lowest = since ?? -Infinity;
  const highest = until ?? Infinity;
  let outside = 0;
  let from = Infinity;
  let to = -Infinity;
  const series: StoredSeries[] = [];
  for (const one of collected.series) {
    if (one.from >= lowest && one.to <= highest) {
      series.push(one);
    } else {
      const all = one.load();
      const first = firstIndex(all.times, lowest, false);
      const end = firstIndex(all.times, highest, true);
      outside += all.times.length - Math.max(0, end - first);
      if (end <= first) continue;
      series.push({ ...infoOf(slice(all, first, end)), load: () => slice(one.load(), first, end) });
    }
    const kept = series[series.length - 1] as StoredSeries;
    from = Math.min(from, kept.from);
    to = Math.max(to, kept.to);
  }
  const any = to >= from;
  return { ...collected, series, from: any ? from : null, to: any ? to : null, outside };
}

function slice(series: Series, from: number, to: number): Series {
  const { diffs, ...rest } = series;
  return {
    ...rest,
    times: series.times.subarray(from, to),
    sizes: series.sizes.subarray(from, to),
    resolutions: series.resolutions.subarray(from, to),
    counts: series.counts.subarray(from, to),
    ...(diffs === undefined ? {} : { diffs: diffs.subarray(from, to) }),
    lifetimeStarts: [0],
  };
}

/** The first index whose time is ≥ the value, or > it when `after`. */
function firstIndex(times: Float64Array, value: number, after: boolean): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const time = times[mid] as number;
    if (time < value || (after && time === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

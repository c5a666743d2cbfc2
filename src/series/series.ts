import type { Labels, TraceEvent } from '../read/record.js';
import type { Traceback } from './tracebacks.js';

/**
 * One module's memory in one process over time: the points of one event family, sorted by time,
 * duplicates removed. Arrays are parallel, one entry per snapshot in which the module made the
 * logged top N; a missing snapshot means "below the cut", not zero.
 */
export interface Series {
  /** Unique among the series of one analysis: labels and module. */
  readonly key: string;
  /** The source file as logged. */
  readonly module: string;
  /** The line number, when the statistics were grouped by line (else 0). */
  readonly lineno: number;
  readonly labels: Labels;
  /** The event whose sizes make the series (`since_start` stands for `top_diffs` too). */
  readonly event: TraceEvent;
  /** Epoch milliseconds, ascending. */
  readonly times: Float64Array;
  /** Bytes, as rounded by tracemalloc. */
  readonly sizes: Float64Array;
  /** Bytes: the rounding step of each size (see `Statistic.sizeResolution`). */
  readonly resolutions: Float64Array;
  /** Allocated blocks (exact). */
  readonly counts: Float64Array;
  /**
   * `since_start` only: growth since the process started (`size_diff`), per point. Printed with
   * the same rounding as sizes but from a smaller number, it is exact below 10 KiB and finer
   * than `sizes` above: the precise signal for slow growth.
   */
  readonly diffs?: Float64Array;
  /** Index of the first point of each process lifetime, ascending, starting with 0. */
  readonly lifetimeStarts: readonly number[];
  /** The latest allocation traceback logged for this module by this process, if any. */
  readonly traceback?: Traceback;
}

/** What a series is without its points: its identity, and how many points it has from when to when. */
export type SeriesInfo = Omit<Series, 'times' | 'sizes' | 'resolutions' | 'counts' | 'diffs'> & {
  /** Points. */
  readonly length: number;
  /** The first and last point's time (epoch milliseconds) and size (bytes). */
  readonly from: number;
  readonly to: number;
  readonly sizeFirst: number;
  readonly sizeLast: number;
};

/**
 * A series whose points are read when asked for (from memory, or from the file they were spilled
 * to): a fleet's series are described all at once but held one at a time.
 */
export interface StoredSeries extends SeriesInfo {
  /** The series with its points; a new copy or views of memory the caller must not change. */
  load(): Series;
}

/** The description of a series with points. */
export function infoOf(series: Series): SeriesInfo {
  const { times, sizes, resolutions, counts, diffs, ...identity } = series;
  const n = times.length;
  return {
    ...identity,
    length: n,
    from: times[0] as number,
    to: times[n - 1] as number,
    sizeFirst: sizes[0] as number,
    sizeLast: sizes[n - 1] as number,
  };
}

/** A series in memory, as a stored one. */
export function stored(series: Series): StoredSeries {
  return { ...infoOf(series), load: () => series };
}

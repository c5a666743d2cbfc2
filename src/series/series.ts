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

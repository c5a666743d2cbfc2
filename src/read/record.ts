import type { Statistic } from './statistic.js';

/** The tracemalloc events the tool reads sizes from (SPEC "Events"). */
export const TRACE_EVENTS = ['top_current', 'since_start', 'top_diffs', 'top_incremental'] as const;
export type TraceEvent = (typeof TRACE_EVENTS)[number];

/** Identity labels of a record: the context that tells processes apart. */
export type Labels = Readonly<Record<string, string>>;

/** One tracemalloc statistic as logged at one instant by one process: what `read/` hands on, trusted. */
export interface TraceRecord {
  /** Epoch milliseconds, UTC. */
  readonly time: number;
  readonly event: TraceEvent;
  readonly statistic: Statistic;
  readonly labels: Labels;
}

/**
 * One `traceback` event: a block's header (`memory_blocks`, `size_kB`) or one line of
 * `Traceback.format()` (`  File "/app/x.py", line 12` or the source line under it).
 */
export interface TracebackEvent {
  readonly time: number;
  readonly labels: Labels;
  readonly header?: { readonly memoryBlocks?: number; readonly sizeBytes?: number };
  readonly line?: string;
}

/** Where a line came from, for messages. */
export interface Location {
  readonly file: string;
  readonly line: number;
}

/** A line that looked like a tracemalloc statistic but could not be read. */
export interface Malformed extends Location {
  /** Inside a JSON document: the element, e.g. `data[17]`. */
  readonly path?: string;
  readonly problem: string;
}

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

/** Where a line came from, for messages. */
export interface Location {
  readonly file: string;
  readonly line: number;
}

/** A line that looked like a tracemalloc statistic but could not be read. */
export interface Malformed extends Location {
  readonly problem: string;
}

import { z } from 'zod';
import { identityLabels } from './labels.js';
import { TRACE_EVENTS, type TraceEvent, type TraceRecord } from './record.js';
import { parseStatistic } from './statistic.js';
import { parseTimestamp } from './timestamp.js';

/** A structlog event that carries a tracemalloc statistic, after JSON.parse. */
const StatisticEvent = z.looseObject({
  event: z.enum(TRACE_EVENTS),
  stat: z.string(),
  timestamp: z.union([z.string(), z.number()]),
});

/** What one JSON line is: a record, a line of some other kind, or a broken statistic line. */
export type LineVerdict =
  | { readonly kind: 'record'; readonly record: TraceRecord }
  | { readonly kind: 'other' }
  | { readonly kind: 'malformed'; readonly problem: string };

const OTHER: LineVerdict = { kind: 'other' };
const TRACE_EVENT_SET: ReadonlySet<string> = new Set(TRACE_EVENTS);

/**
 * Reads one structlog JSON line. Lines whose `event` is not a tracemalloc event are `other`
 * (the rest of the service's logs); a tracemalloc event that is not valid is `malformed`.
 */
export function readStructlogJsonLine(text: string, labelKeys: readonly string[], source: string): LineVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', problem: `not JSON (${(error as Error).message})` };
  }
  if (!isTraceEvent(value)) return OTHER;
  const parsed = StatisticEvent.safeParse(value);
  if (!parsed.success) return { kind: 'malformed', problem: describeIssues(parsed.error) };
  const { event, stat, timestamp } = parsed.data;
  const time = parseTimestamp(timestamp);
  if (time === undefined) return { kind: 'malformed', problem: `timestamp: not a time: ${shorten(String(timestamp))}` };
  const statistic = parseStatistic(stat);
  if (!statistic.ok) return { kind: 'malformed', problem: statistic.error };
  const labels = identityLabels(parsed.data, labelKeys, source);
  return { kind: 'record', record: { time, event: event as TraceEvent, statistic: statistic.statistic, labels } };
}

function isTraceEvent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const event = (value as { event?: unknown }).event;
  return typeof event === 'string' && TRACE_EVENT_SET.has(event);
}

/** zod issues as one line: `field: problem; field: problem`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'record'}: ${issue.message}`)
    .join('; ');
}

/** Log text for a message: control characters removed, at most `max` characters. */
export function shorten(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max - 1)}…` : clean);
}

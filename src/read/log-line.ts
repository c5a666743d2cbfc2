import * as z from 'zod/mini';
import './zod-messages.js';
import { fieldsFromJson } from './datadog-layouts.js';
import { fieldsOf, type Fields } from './fields.js';
import { identityLabels } from './labels.js';
import { TRACE_EVENTS, type TraceEvent, type TracebackEvent, type TraceRecord } from './record.js';
import { parseStatistic } from './statistic.js';
import { fieldsFromTextLine } from './text-line.js';
import { parseTimestamp } from './timestamp.js';

/** What one log event is: a record, an event of some other kind, or a broken statistic. */
export type LineVerdict =
  | { readonly kind: 'record'; readonly record: TraceRecord }
  | { readonly kind: 'traceback'; readonly traceback: TracebackEvent }
  | { readonly kind: 'other' }
  | { readonly kind: 'malformed'; readonly problem: string };

const OTHER: LineVerdict = { kind: 'other' };
const TRACE_EVENT_SET: ReadonlySet<string> = new Set(TRACE_EVENTS);
/** Keys a shape may keep its time under, in order of preference. */
const TIME_KEYS = ['timestamp', 'time', 'ts', '@timestamp', 'date', 'asctime'] as const;

/** A tracemalloc statistic event, validated once here: past this point records are trusted. */
const StatisticEvent = z.object({
  event: z.enum(TRACE_EVENTS),
  stat: z.string(),
  timestamp: z.union([z.string(), z.number()]),
});

/**
 * Exactly the events `StatisticEvent` accepts (its event already checked), without its cost: an
 * export has hundreds of thousands of statistic lines, and asking zod about each took 4% of
 * reading a 200 MB export on one thread (1.83 s against 1.76 s, medians of 6) and 6% of the bench's
 * 517 MB one on two (2.79 s against 2.61 s, medians of 5), same reports. zod still decides, and
 * words the problem, whenever this says no.
 */
function isStatisticEvent(candidate: { readonly stat: unknown; readonly timestamp: unknown }): boolean {
  const { stat, timestamp } = candidate;
  return typeof stat === 'string' && (typeof timestamp === 'string' || (typeof timestamp === 'number' && Number.isFinite(timestamp)));
}

/**
 * Reads one log line of any line shape: a JSON object (structlog, or a Datadog v2 `Log`, v1 entry
 * or archive line) or a text line (key=value, logfmt, console, stdlib logging).
 */
export function readLogLine(text: string, labelKeys: readonly string[], source: string): LineVerdict {
  const start = text.trimStart();
  if (!start.startsWith('{')) return recordFromFields(fieldsOf(fieldsFromTextLine(start)), labelKeys, source);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', problem: `not JSON (${(error as Error).message})` };
  }
  const fields = fieldsFromJson(value);
  return fields === undefined ? OTHER : recordFromFields(fields, labelKeys, source);
}

/**
 * Turns the fields of one event, whatever shape carried them, into a record. Events that are not
 * tracemalloc statistics are `other`; a tracemalloc event that does not validate is `malformed`.
 */
export function recordFromFields(fields: Fields, labelKeys: readonly string[], source: string): LineVerdict {
  const event = fields('event');
  if (event === 'traceback') return tracebackFromFields(fields, labelKeys, source);
  if (typeof event !== 'string' || !TRACE_EVENT_SET.has(event)) return OTHER;
  const candidate = { event, stat: fields('stat'), timestamp: timestampOf(fields) };
  if (!isStatisticEvent(candidate)) {
    const parsed = StatisticEvent.safeParse(candidate);
    if (!parsed.success) return { kind: 'malformed', problem: describeIssues(parsed.error) };
  }
  const { stat, timestamp } = candidate as z.infer<typeof StatisticEvent>;
  const time = parseTimestamp(timestamp);
  if (time === undefined) return { kind: 'malformed', problem: `timestamp: not a time: ${shorten(String(timestamp))}` };
  const statistic = parseStatistic(stat.trim());
  if (!statistic.ok) return { kind: 'malformed', problem: statistic.error };
  const labels = identityLabels(fields, labelKeys, source);
  return { kind: 'record', record: { time, event: event as TraceEvent, statistic: statistic.statistic, labels } };
}

/** Keys a traceback event may keep its formatted line under. */
const TRACEBACK_LINE_KEYS = ['line', 'frame', 'text'] as const;

function tracebackFromFields(fields: Fields, labelKeys: readonly string[], source: string): LineVerdict {
  const timestamp = timestampOf(fields);
  const time = parseTimestamp(timestamp);
  if (time === undefined) return { kind: 'malformed', problem: `traceback: timestamp: not a time: ${shorten(String(timestamp))}` };
  const labels = identityLabels(fields, labelKeys, source);
  const memoryBlocks = finiteNumber(fields('memory_blocks'));
  const sizeKiB = finiteNumber(fields('size_kB'));
  if (memoryBlocks !== undefined || sizeKiB !== undefined) {
    const header = {
      ...(memoryBlocks === undefined ? {} : { memoryBlocks }),
      ...(sizeKiB === undefined ? {} : { sizeBytes: sizeKiB * 1024 }),
    };
    return { kind: 'traceback', traceback: { time, labels, header } };
  }
  const line = TRACEBACK_LINE_KEYS.map((name) => fields(name)).find((value) => typeof value === 'string');
  if (line === undefined) return { kind: 'malformed', problem: 'traceback: neither memory_blocks/size_kB nor a line' };
  return { kind: 'traceback', traceback: { time, labels, line: line as string } };
}

function finiteNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** The event's time, under whichever key its shape keeps it. */
function timestampOf(fields: Fields): unknown {
  for (const key of TIME_KEYS) {
    const value = fields(key);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** zod issues as one line: `field: problem; field: problem`. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'record'}: ${issue.message}`)
    .join('; ');
}

/** Log text for a message: control characters removed, at most `max` characters, quoted. */
export function shorten(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max - 1)}…` : clean);
}

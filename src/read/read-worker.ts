/**
 * The worker thread of `LaterStretch` (split-reading.ts): reads the second stretch of a file of
 * log lines, from a byte offset to its end, while the main thread reads the first.
 *
 * It does the costly part of reading — finding the lines, parsing them, validating the
 * statistics — and sends what the collector needs: each kind of record once (`define`), then its
 * points as rows of numbers in batches that are transferred, not copied. It waits while
 * `IN_FLIGHT` batches are unanswered, so a fast reader and a busy main thread hold little memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanLines, tooLongProblem } from './line-scanner.js';
import { readLogLine } from './log-line.js';
import { fileChunks } from './open-input.js';
import { ByLabels } from './labels.js';
import { TRACE_EVENTS, type TracebackEvent, type TraceRecord } from './record.js';

export interface ReadWorkerSetup {
  readonly path: string;
  /** The first byte to read: the start of a line. */
  readonly start: number;
  readonly labelKeys: readonly string[];
  /** The input's name, for records without identity labels. */
  readonly source: string;
  readonly markers: readonly Uint8Array[];
  readonly maxLineBytes: number;
  /** Malformed lines to send in full; the rest are only counted. */
  readonly keepMalformed: number;
  /** Stop at the first malformed line. */
  readonly strict: boolean;
}

/** Numbers per row of a `points` batch: the record's kind (its `define` number), time, size, resolution, count, size_diff (NaN: none). */
export const ROW = 6;

/** Messages from the worker, in reading order. Line numbers count from the worker's first line (1). */
export type ReadWorkerMessage =
  | { readonly kind: 'define'; readonly record: TraceRecord }
  | { readonly kind: 'points'; readonly rows: number; readonly data: Float64Array; readonly bytesRead: number; readonly lines: number }
  | { readonly kind: 'traceback'; readonly event: TracebackEvent }
  | { readonly kind: 'malformed'; readonly line: number; readonly problem: string }
  | {
      readonly kind: 'done';
      readonly lines: number;
      /** Records and traceback events handed on. */
      readonly records: number;
      /** Malformed lines: every line neither one nor a record is not tracemalloc. */
      readonly malformed: number;
      readonly bytesRead: number;
      /** The stream error that ended reading early, if one did. */
      readonly error?: { readonly message: string; readonly code?: string | undefined };
    };

/** The main thread's answer to each batch, once its points are stored. */
export interface ReadWorkerAck {
  readonly kind: 'ack';
}

const ROWS_PER_BATCH = 4096;
/** Batches sent and not yet answered before the worker waits. */
const IN_FLIGHT = 4;

/** Thrown out of the scan at a malformed line in strict mode. */
class Stop extends Error {}

/** A process's kinds, by module and line: empty at first. */
const newModules = (): Map<string, Map<number, number[]>> => new Map();

/**
 * The kinds of record defined so far — a process (its labels), module, line and event — each
 * numbered in the order first seen. Looked up by process (`ByLabels`), then module, line and
 * event, not by one text key made of them all: 0.15 µs a record instead of 0.48 µs (69,623
 * records of the bench's export, warm).
 */
class RecordKinds {
  size = 0;
  /** Kinds by process, module, line, and the event's place in `TRACE_EVENTS` (-1: none yet). */
  private readonly byProcess = new ByLabels<Map<string, Map<number, number[]>>>();

  /** The record's kind; `defined` tells whether it is new. */
  of(record: TraceRecord): { kind: number; defined: boolean } {
    const { statistic } = record;
    const modules = this.byProcess.get(record.labels, newModules);
    let lines = modules.get(statistic.filename);
    if (lines === undefined) {
      lines = new Map();
      modules.set(statistic.filename, lines);
    }
    let events = lines.get(statistic.lineno);
    if (events === undefined) {
      events = TRACE_EVENTS.map(() => -1);
      lines.set(statistic.lineno, events);
    }
    const event = TRACE_EVENTS.indexOf(record.event);
    const known = events[event] as number;
    if (known !== -1) return { kind: known, defined: false };
    events[event] = this.size;
    return { kind: this.size++, defined: true };
  }
}

async function read(setup: ReadWorkerSetup): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const post = (message: ReadWorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);
  let unanswered = 0;
  let wake: (() => void) | undefined;
  port.on('message', (message: ReadWorkerAck) => {
    if (message.kind !== 'ack') return;
    unanswered -= 1;
    wake?.();
  });

  let bytesRead = 0;
  let lines = 0;
  let records = 0;
  let malformed = 0;
  const kinds = new RecordKinds();
  let data = new Float64Array(ROWS_PER_BATCH * ROW);
  let rows = 0;
  const flush = (): void => {
    if (rows === 0) return;
    post({ kind: 'points', rows, data, bytesRead, lines }, [data.buffer as ArrayBuffer]);
    unanswered += 1;
    data = new Float64Array(ROWS_PER_BATCH * ROW);
    rows = 0;
  };
  const noteMalformed = (line: number, problem: string): void => {
    malformed += 1;
    if (malformed <= setup.keepMalformed || setup.strict) post({ kind: 'malformed', line, problem });
    if (setup.strict) throw new Stop();
  };

  const chunks = fileChunks(setup.path, setup.start);
  async function* paced(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      while (unanswered >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      bytesRead += chunk.length;
      yield chunk;
    }
  }

  let error: unknown;
  try {
    const scan = await scanLines(paced(), {
      markers: setup.markers.map((marker) => Buffer.from(marker)),
      maxLineBytes: setup.maxLineBytes,
      onLine: (text, line) => {
        lines = line;
        const verdict = readLogLine(text, setup.labelKeys, setup.source);
        if (verdict.kind === 'record') {
          records += 1;
          const record = verdict.record;
          const { statistic } = record;
          const { kind, defined } = kinds.of(record);
          if (defined) post({ kind: 'define', record });
          const at = rows * ROW;
          data[at] = kind;
          data[at + 1] = record.time;
          data[at + 2] = statistic.size;
          data[at + 3] = statistic.sizeResolution;
          data[at + 4] = statistic.count;
          data[at + 5] = statistic.sizeDiff ?? Number.NaN;
          rows += 1;
          if (rows === ROWS_PER_BATCH) flush();
        } else if (verdict.kind === 'traceback') {
          records += 1;
          post({ kind: 'traceback', event: verdict.traceback });
        } else if (verdict.kind === 'malformed') {
          noteMalformed(line, verdict.problem);
        }
      },
      onTooLong: (line, bytes) => {
        lines = line;
        noteMalformed(line, tooLongProblem(bytes, setup.maxLineBytes));
      },
    });
    lines = scan.lines;
    error = scan.error;
  } catch (thrown) {
    if (!(thrown instanceof Stop)) throw thrown;
  }
  flush();
  const failure = error === undefined ? undefined : { message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code };
  post({ kind: 'done', lines, records, malformed, bytesRead, ...(failure === undefined ? {} : { error: failure }) });
}

if (parentPort !== null) await read(workerData as ReadWorkerSetup);

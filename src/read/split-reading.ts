/**
 * Reading one large file of log lines on two cores: the main thread reads the first stretch and a
 * worker thread (read-worker.ts) the rest, at the same time. Reading is what a large export
 * costs — finding the tracemalloc lines, parsing them, validating their statistics — and each line
 * is read on its own, so stretches read apart give the same records. The worker's records are stored
 * as they come, as a later part of the input (`LaterPart`), so every series keeps the order of
 * the file; their traceback events and malformed lines are kept until the first stretch is done and
 * then handed on after it, in the file's order.
 *
 * Only plain files are split: a gzip stream cannot be entered in the middle, nor can a pipe.
 */
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { TracebackEvent, TraceRecord } from './record.js';
import type { ReadWorkerAck, ReadWorkerMessage, ReadWorkerSetup } from './read-worker.js';
import { ROW } from './read-worker.js';

/**
 * Files smaller than this are read on one thread: the worker's start (loading the reading modules,
 * zod among them, again) and the records' crossing cost more than half of a small file's reading.
 * Measured in-process on the bench's export and its first lines (3 runs each, one thread → two):
 * 52 MB 0.84–1.06 s → 1.14–1.30 s; 129 MB 1.43–1.85 s → 1.52–2.15 s; 258 MB 2.38–3.44 s →
 * 2.20–2.94 s. The whole command on the 517 MB export (`npm run bench`, medians): 4.79 s → 3.48 s.
 */
export const SPLIT_FROM_BYTES = 192 * 1024 * 1024;

/**
 * The main thread's share of a file. It reads less than half because it also stores every record's
 * point, the worker's too: work per tracemalloc record, where reading is work per byte. So its share
 * is smaller the more records a byte holds: (1 − MAIN_BYTES_PER_RECORD × records per byte) / 2, the
 * density taken from the file's first MiB. On the bench's 517 MB export (1 record per 859 bytes)
 * the best share measured 0.44 (8 alternating runs each, medians: 3.30 s at 0.5, 3.19 s at 0.47,
 * 3.08 s at 0.44, 3.12 s at 0.41); on its Datadog version (1 per 1,883 bytes) 0.48 (4 runs each:
 * 3.85 s at 0.44, 3.75 s at 0.48, 3.90 s at 0.52). A record's storing is worth reading about 100
 * bytes: 0.44 and 0.47 by the formula.
 */
export function mainShare(recordsPerByte: number): number {
  return Math.min(0.5, Math.max(MIN_MAIN_SHARE, (1 - MAIN_BYTES_PER_RECORD * recordsPerByte) / 2));
}

const MAIN_BYTES_PER_RECORD = 100;
/** However dense the records, the main thread reads some of the file. */
const MIN_MAIN_SHARE = 0.25;
/** Bytes at the start of a file whose records (statistic strings) give its density. */
const DENSITY_SAMPLE_BYTES = 1024 * 1024;

/** How far past the split a line may end before the file is read whole on one thread instead. */
const MAX_SEARCH_BYTES = 16 * 1024 * 1024;
const SEARCH_STEP = 64 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Where the records of a later stretch of the input go (see `SeriesCollector.laterPart`). */
export interface LaterPart {
  /** The handle for the records of this one's kind: its process, module, line and event. */
  define(record: TraceRecord): number;
  /** One record's point, by the handle of its kind (`diff` NaN: none). */
  push(handle: number, time: number, size: number, resolution: number, count: number, diff: number): void;
  /** This part is done: records handed on from now on go after it. */
  close(): void;
}

/**
 * Where the worker's stretch of a file starts: the first line that starts at or after the main
 * thread's share of its bytes ({@link mainShare}; `recordMarker` is in every record's line).
 * Undefined when the file is better read whole: smaller than `fromBytes`, gzip, or with no line
 * break near the split.
 */
export async function splitPoint(path: string, fromBytes: number, recordMarker: Buffer): Promise<number | undefined> {
  const file = await open(path).catch(() => undefined);
  if (file === undefined) return undefined;
  try {
    const { size } = await file.stat();
    if (!(size >= fromBytes)) return undefined;
    const buffer = Buffer.alloc(SEARCH_STEP);
    const magic = await file.read(buffer, 0, 2, 0);
    if (magic.bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1]) return undefined;
    const head = Buffer.alloc(Math.min(size, DENSITY_SAMPLE_BYTES));
    const { bytesRead: headBytes } = await file.read(head, 0, head.length, 0);
    let records = 0;
    for (let at = head.indexOf(recordMarker); at !== -1 && at < headBytes; at = head.indexOf(recordMarker, at + recordMarker.length)) records += 1;
    const split = Math.floor(size * mainShare(records / Math.max(headBytes, 1)));
    for (let at = split; at < Math.min(size, split + MAX_SEARCH_BYTES); at += SEARCH_STEP) {
      const { bytesRead } = await file.read(buffer, 0, SEARCH_STEP, at);
      const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (newline !== -1) return at + newline + 1 < size ? at + newline + 1 : undefined;
      if (bytesRead < SEARCH_STEP) return undefined;
    }
    return undefined;
  } finally {
    await file.close();
  }
}

/** The first `limit` bytes of a stream of chunks; the stream is let go after them. */
export async function* firstBytes(chunks: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of chunks) {
    if (seen + chunk.length >= limit) {
      yield chunk.subarray(0, limit - seen);
      return;
    }
    seen += chunk.length;
    yield chunk;
  }
}

/** What the worker read, once it is done. Line numbers count from the stretch's first line (1). */
export interface LaterStretchResult {
  readonly lines: number;
  /** Records and traceback events. */
  readonly records: number;
  readonly malformed: number;
  /** The first malformed lines (as many as asked for; in strict mode the one that stopped it). */
  readonly firstMalformed: readonly { readonly line: number; readonly problem: string }[];
  /** Traceback events, in reading order: for the caller to hand on after the first stretch's. */
  readonly tracebacks: readonly TracebackEvent[];
  /** What ended reading early, if anything did: a stream error, or the worker's own failure. */
  readonly error?: { readonly message: string; readonly code?: string | undefined } | undefined;
}

/** The second stretch of a file, being read by a worker thread, its records going to `part` as they come. */
export class LaterStretch {
  /** Bytes and lines the worker has read so far, for progress. */
  bytesRead = 0;
  lines = 0;
  private readonly worker: Worker;
  /** Once stopped, messages still on their way are not acted on. */
  private stopped = false;
  private readonly result: Promise<LaterStretchResult>;

  constructor(setup: ReadWorkerSetup, part: LaterPart) {
    // A young generation of 32 MB: reading makes short-lived strings by the million, and with less
    // more of them outlived it and grew the old one. The 2M-line export peaked at 216–226 MB with
    // 4 or 8 MB, 172–196 MB with 16 and 172–176 MB with 32 (single runs).
    this.worker = new Worker(new URL('./read-worker.js', import.meta.url), { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: 32 } });
    const handles: number[] = [];
    const firstMalformed: { line: number; problem: string }[] = [];
    const tracebacks: TracebackEvent[] = [];
    const ack: ReadWorkerAck = { kind: 'ack' };
    this.result = new Promise<LaterStretchResult>((resolve) => {
      const fail = (message: string): void => {
        resolve({ lines: this.lines, records: 0, malformed: 0, firstMalformed, tracebacks, error: { message } });
      };
      this.worker.on('message', (message: ReadWorkerMessage) => {
        if (this.stopped) return;
        switch (message.kind) {
          case 'define':
            handles.push(part.define(message.record));
            break;
          case 'points': {
            const { data, rows } = message;
            for (let at = 0; at < rows * ROW; at += ROW) {
              part.push(handles[data[at] as number] as number, data[at + 1] as number, data[at + 2] as number, data[at + 3] as number, data[at + 4] as number, data[at + 5] as number);
            }
            this.bytesRead = message.bytesRead;
            this.lines = message.lines;
            this.worker.postMessage(ack);
            break;
          }
          case 'traceback':
            tracebacks.push(message.event);
            break;
          case 'malformed':
            firstMalformed.push({ line: message.line, problem: message.problem });
            break;
          case 'done':
            this.bytesRead = message.bytesRead;
            this.lines = message.lines;
            resolve({ ...message, firstMalformed, tracebacks });
            break;
        }
      });
      this.worker.on('error', (error) => fail(`the reading thread failed: ${error.message}`));
      this.worker.on('exit', (code) => fail(`the reading thread stopped (exit ${code}) before the end`));
    });
  }

  /** Waits until the worker is done and every record it found has gone to the part. */
  finish(): Promise<LaterStretchResult> {
    return this.result;
  }

  stop(): void {
    this.stopped = true;
    void this.worker.terminate();
  }
}

import { availableParallelism } from 'node:os';
import { readCsvExport } from './csv-export.js';
import { fieldsFromJson } from './datadog-layouts.js';
import { detectShape, type Shape } from './detect-shape.js';
import { fieldsOf } from './fields.js';
import { describeFileError } from './file-error.js';
import { jsonArrayElements } from './json-elements.js';
import { scanLines, tooLongProblem } from './line-scanner.js';
import { readLogLine, recordFromFields, type LineVerdict } from './log-line.js';
import { copied, decodedChunks, type Input } from './open-input.js';
import { firstBytes, LaterStretch, splitPoint, SPLIT_FROM_BYTES, type LaterPart } from './split-reading.js';
import type { Malformed, TracebackEvent, TraceRecord } from './record.js';

/** In every statistic string. */
const STATISTIC_MARKER = Buffer.from(': size=');
/** A line holding neither is not read: every statistic string has the first, every traceback event the second. */
const MARKERS = [STATISTIC_MARKER, Buffer.from('traceback')];

const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Bytes looked at for NUL bytes, which no text log has. */
const BINARY_SNIFF_BYTES = 4096;

export interface ReadOptions {
  /** Context keys that identify a process (see `identityLabels`). */
  readonly labelKeys: readonly string[];
  /** Stop at the first malformed line. */
  readonly strict: boolean;
  /** How many malformed lines to keep for display. */
  readonly keepMalformed: number;
  /** Read every input as this shape instead of detecting it. */
  readonly shape?: Shape | undefined;
  /**
   * Hears where reading is, for a progress display: at most once a chunk read and no more often
   * than every `progressIntervalMs`, plus once at the end of each input read (with exact counts).
   */
  readonly onProgress?: ((progress: ReadProgress) => void) | undefined;
  /** The least time between two calls of `onProgress` within an input; 250 ms by default. */
  readonly progressIntervalMs?: number | undefined;
  /**
   * Files of log lines at least this large are read on two threads, a stretch each (split-reading.ts);
   * `SPLIT_FROM_BYTES` by default, Infinity: one thread.
   */
  readonly splitFromBytes?: number | undefined;
}

/** Where reading is. */
export interface ReadProgress {
  /** The name of the input being read (`-` for standard input). */
  readonly file: string;
  /** Its 0-based place among the `fileCount` inputs. */
  readonly fileIndex: number;
  readonly fileCount: number;
  /** Bytes of this input read so far, as stored: for a gzip file, the compressed bytes. */
  readonly bytesRead: number;
  /** The size of this input, when known (a file; not standard input). */
  readonly fileBytes: number | undefined;
  /**
   * Lines read so far, all inputs together. Within an input it may lag behind, up to the last
   * tracemalloc line found (the scanner counts the others in bulk); exact at the end of each input.
   */
  readonly linesRead: number;
}

/** What reading saw, for the report's `input` section and the diagnostics. */
export interface ReadSummary {
  files: string[];
  /** Lines read; for a JSON document, its array elements; for a CSV export, its lines. */
  lines: number;
  records: number;
  notTracemalloc: number;
  malformed: number;
  /** The first few malformed lines, in reading order. */
  firstMalformed: Malformed[];
  /** Inputs that could not be read (wholly or from some point on), one message each. */
  failures: string[];
}

/** Thrown in strict mode at the first malformed line. */
export class StrictModeStop extends Error {
  constructor(readonly malformed: Malformed) {
    super(describeMalformed(malformed));
  }
}

/** `file:line: problem`, or `file: data[17]: problem` inside a JSON document. */
export function describeMalformed(malformed: Malformed): string {
  const where = malformed.path === undefined ? `${malformed.file}:${malformed.line}` : `${malformed.file}: ${malformed.path}`;
  return `${where}: ${malformed.problem}`;
}

/** Where one event sits in its input. */
interface Place {
  readonly line: number;
  readonly path?: string;
}

/**
 * Reads every input in turn, each in its own shape, and hands each tracemalloc record and
 * traceback event to the sink. An input that fails part-way keeps what was read before the failure; the failure is
 * noted in the summary.
 */
export interface RecordSink {
  record(record: TraceRecord): void;
  traceback(event: TracebackEvent): void;
  /** Where the records of a stretch read meanwhile by another thread go; without it, one thread reads. */
  laterPart?(): LaterPart;
}

export async function readInputs(inputs: readonly Input[], sink: RecordSink, options: ReadOptions): Promise<ReadSummary> {
  const summary: ReadSummary = {
    files: inputs.map((input) => input.name),
    lines: 0,
    records: 0,
    notTracemalloc: 0,
    malformed: 0,
    firstMalformed: [],
    failures: [],
  };
  const { onProgress } = options;
  const progressInterval = options.progressIntervalMs ?? 250;
  let lastProgress = performance.now();
  for (const [fileIndex, input] of inputs.entries()) {
    const noteMalformed = (place: Place, problem: string): void => {
      summary.malformed += 1;
      const malformed: Malformed = { file: input.name, ...place, problem };
      if (options.strict) throw new StrictModeStop(malformed);
      if (summary.firstMalformed.length < options.keepMalformed) summary.firstMalformed.push(malformed);
    };
    let units = 0;
    let lastLine = 0; // the number of the last line handed on, for progress: a scan counts `units` only at its end
    let kept = 0; // records and malformed events of this input: every other unit is not tracemalloc
    const take = (verdict: LineVerdict, place: Place): void => {
      if (verdict.kind !== 'other') kept += 1;
      if (verdict.kind === 'record') {
        summary.records += 1;
        sink.record(verdict.record);
      } else if (verdict.kind === 'traceback') {
        summary.records += 1;
        sink.traceback(verdict.traceback);
      } else if (verdict.kind === 'malformed') {
        noteMalformed(place, verdict.problem);
      }
    };
    const source = input.name;
    const { labelKeys } = options;
    const failed = (message: string): void => void summary.failures.push(`${input.name}: ${message}`);

    let bytesRead = 0;
    let later: LaterStretch | undefined;
    let fileBytes: number | undefined;
    let tellProgress: ((force: boolean) => void) | undefined;
    let onConsumed: ((rawBytes: number) => void) | undefined;
    if (onProgress !== undefined) {
      fileBytes = await input.byteSize?.();
      const tell = (force: boolean): void => {
        const now = performance.now();
        if (!force && now - lastProgress < progressInterval) return;
        lastProgress = now;
        const linesRead = summary.lines + Math.max(units, lastLine) + (later?.lines ?? 0);
        onProgress({ file: input.name, fileIndex, fileCount: inputs.length, bytesRead: bytesRead + (later?.bytesRead ?? 0), fileBytes, linesRead });
      };
      onConsumed = (rawBytes) => {
        bytesRead = rawBytes;
        tell(false);
      };
      tellProgress = tell;
      tell(false);
    }

    let head: Buffer | undefined;
    let chunks: AsyncIterable<Buffer>;
    let close: () => Promise<void>;
    try {
      ({ head, chunks, close } = await peek(decodedChunks(input.open(), onConsumed)));
    } catch (error) {
      failed(describeReadError(error, 0));
      continue;
    }
    if (head === undefined) {
      failed('empty input');
      continue;
    }
    if (head.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      // Not read on: closed now, not left to the garbage collector (which warns as it closes a file).
      await close().catch(() => undefined);
      failed('binary data, not a text log (nothing read)');
      continue;
    }
    const shape = options.shape ?? detectShape(head);
    let error: unknown;
    if (shape === 'lines') {
      const split = await splitOf(input, sink, options);
      if (split !== undefined) {
        later = new LaterStretch(
          { path: split.path, start: split.at, labelKeys, source, markers: MARKERS, maxLineBytes: MAX_LINE_BYTES, keepMalformed: options.keepMalformed, strict: options.strict },
          split.part,
        );
      }
      try {
        const scan = await scanLines(split === undefined ? chunks : firstBytes(chunks, split.at), {
          markers: MARKERS,
          maxLineBytes: MAX_LINE_BYTES,
          onLine: (text, line) => {
            lastLine = line;
            take(readLogLine(text, labelKeys, source), { line });
          },
          onTooLong(line, bytes) {
            kept += 1;
            noteMalformed({ line }, tooLongProblem(bytes, MAX_LINE_BYTES));
          },
        });
        units = scan.lines;
        error = scan.error;
        // The second stretch, in the file's order after the first: its points are stored already. (Should
        // the first stretch fail part-way, which a plain file rarely does, they stay: more than was read
        // before the failure, never less.)
        if (later !== undefined && error === undefined) {
          const rest = await later.finish();
          for (const { line, problem } of rest.firstMalformed) noteMalformed({ line: units + line }, problem);
          summary.malformed += rest.malformed - rest.firstMalformed.length;
          for (const event of rest.tracebacks) sink.traceback(event);
          summary.records += rest.records;
          kept += rest.records + rest.malformed;
          units += rest.lines;
          error = rest.error === undefined ? undefined : Object.assign(new Error(rest.error.message), { code: rest.error.code });
        }
      } finally {
        later?.stop();
        split?.part.close();
        later = undefined;
      }
    } else if (shape === 'csv') {
      // The CSV parser is a pipe, which reads ahead: it gets chunks of its own.
      const read = await readCsvExport(copied(chunks), {
        onFields: (row, line) => {
          lastLine = line;
          take(recordFromFields(fieldsOf(row), labelKeys, source), { line });
        },
        onMalformed(line, problem) {
          kept += 1;
          noteMalformed({ line }, problem);
        },
      });
      units = read.rows;
      error = read.error;
    } else {
      try {
        for await (const element of jsonArrayElements(chunks)) {
          units += 1;
          const place = { line: element.line, path: element.path };
          let value: unknown;
          try {
            value = JSON.parse(element.text);
          } catch (parseError) {
            take({ kind: 'malformed', problem: `not JSON (${(parseError as Error).message})` }, place);
            continue;
          }
          const fields = fieldsFromJson(value);
          take(fields === undefined ? { kind: 'other' } : recordFromFields(fields, labelKeys, source), place);
        }
      } catch (documentError) {
        if (documentError instanceof StrictModeStop) throw documentError;
        error = documentError;
      }
    }
    if (error !== undefined) failed(describeReadError(error, units));
    summary.lines += units;
    summary.notTracemalloc += units - kept;
    units = 0;
    lastLine = 0;
    tellProgress?.(true);
  }
  return summary;
}

/**
 * The first chunk, and all chunks (the first included) to read on; `close` lets the input go
 * (its file closed) when it is not read on.
 */
async function peek(chunks: AsyncIterable<Buffer>): Promise<{ head: Buffer | undefined; chunks: AsyncIterable<Buffer>; close: () => Promise<void> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const close = async (): Promise<void> => void (await iterator.return?.());
  const first = await iterator.next();
  if (first.done === true) return { head: undefined, chunks: [] as unknown as AsyncIterable<Buffer>, close };
  const head = first.value;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    yield* { [Symbol.asyncIterator]: () => iterator };
  }
  return { head, chunks: all(), close };
}

/**
 * Where to split an input into two stretches read on two threads, and the sink's part for the second,
 * if it is worth it and can be done.
 */
async function splitOf(input: Input, sink: RecordSink, options: ReadOptions): Promise<{ path: string; at: number; part: LaterPart } | undefined> {
  const fromBytes = options.splitFromBytes ?? SPLIT_FROM_BYTES;
  if (input.path === undefined || sink.laterPart === undefined || !Number.isFinite(fromBytes) || availableParallelism() < 2) return undefined;
  const at = await splitPoint(input.path, fromBytes, STATISTIC_MARKER);
  return at === undefined ? undefined : { path: input.path, at, part: sink.laterPart() };
}

function describeReadError(error: unknown, unitsRead: number): string {
  switch ((error as { code?: string }).code) {
    case 'Z_BUF_ERROR':
      return `truncated gzip data (kept the ${unitsRead} lines before the end)`;
    case 'Z_DATA_ERROR':
      return `corrupt gzip data (kept the ${unitsRead} lines before the damage)`;
    default:
      return describeFileError(error);
  }
}

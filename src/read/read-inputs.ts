import { decodedChunks, type Input } from './open-input.js';
import type { Malformed, TraceRecord } from './record.js';
import { scanLines } from './line-scanner.js';
import { readStructlogJsonLine } from './structlog-json.js';

/** Every tracemalloc statistic string contains this; lines without it are skipped unread. */
const STATISTIC_MARKER = Buffer.from(': size=');

const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface ReadOptions {
  /** Context keys that identify a process (see `identityLabels`). */
  readonly labelKeys: readonly string[];
  /** Stop at the first malformed line. */
  readonly strict: boolean;
  /** How many malformed lines to keep for display. */
  readonly keepMalformed: number;
}

/** What reading saw, for the report's `input` section and the diagnostics. */
export interface ReadSummary {
  files: string[];
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
    super(`${malformed.file}:${malformed.line}: ${malformed.problem}`);
  }
}

/**
 * Reads every input in turn and hands each tracemalloc record to `onRecord`. An input that
 * fails part-way keeps what was read before the failure; the failure is noted in the summary.
 */
export async function readInputs(
  inputs: readonly Input[],
  onRecord: (record: TraceRecord) => void,
  options: ReadOptions,
): Promise<ReadSummary> {
  const summary: ReadSummary = {
    files: inputs.map((input) => input.name),
    lines: 0,
    records: 0,
    notTracemalloc: 0,
    malformed: 0,
    firstMalformed: [],
    failures: [],
  };
  const noteMalformed = (file: string, line: number, problem: string): void => {
    summary.malformed += 1;
    const malformed = { file, line, problem };
    if (options.strict) throw new StrictModeStop(malformed);
    if (summary.firstMalformed.length < options.keepMalformed) summary.firstMalformed.push(malformed);
  };
  for (const input of inputs) {
    let kept = 0;
    const scan = await scanLines(decodedChunks(input.open()), {
      marker: STATISTIC_MARKER,
      maxLineBytes: MAX_LINE_BYTES,
      onLine(text, lineNumber) {
        kept += 1;
        const verdict = readStructlogJsonLine(text, options.labelKeys, input.name);
        if (verdict.kind === 'record') {
          summary.records += 1;
          onRecord(verdict.record);
        } else if (verdict.kind === 'other') {
          summary.notTracemalloc += 1;
        } else {
          noteMalformed(input.name, lineNumber, verdict.problem);
        }
      },
      onTooLong(lineNumber, bytes) {
        kept += 1;
        noteMalformed(input.name, lineNumber, `line of ${bytes} bytes is longer than the ${MAX_LINE_BYTES} allowed`);
      },
    });
    if (scan.error !== undefined) summary.failures.push(`${input.name}: ${describeReadError(scan.error, scan.lines)}`);
    else if (scan.lines === 0) summary.failures.push(`${input.name}: empty input`);
    summary.lines += scan.lines;
    summary.notTracemalloc += scan.lines - kept;
  }
  return summary;
}

function describeReadError(error: unknown, linesRead: number): string {
  const { code, message } = error as { code?: string; message?: string };
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'Z_BUF_ERROR':
      return `truncated gzip data (kept the ${linesRead} lines before the end)`;
    case 'Z_DATA_ERROR':
      return `corrupt gzip data (kept the ${linesRead} lines before the damage)`;
    default:
      return message ?? String(error);
  }
}

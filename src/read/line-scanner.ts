/**
 * Splits a byte stream into lines, counts them all, and decodes only the lines that contain one
 * of a few markers (": size=" for tracemalloc statistics, "traceback" for traceback blocks).
 *
 * Written by hand rather than with `ndjson`/`split2`/`readline` because those decode every chunk
 * into a string and split it, which costs the most on exactly the lines this tool throws away
 * (most of an export is not tracemalloc): searching the raw bytes with `Buffer#indexOf` (memchr)
 * and decoding only kept lines is what keeps the reader near the speed of `cat`. `npm run bench`
 * measures both.
 */

import { markerSearches, SAMPLE_BYTES, type MarkerSearch } from './marker-search.js';

/**
 * How often the markers' searches are chosen again, in bytes: with a file's 1 MiB chunks, at every
 * chunk; with a pipe's 64 KiB ones, at every sixteenth, so that counting a 16 KiB sample (35–50 µs)
 * does not cost as much as the search it chooses saves.
 */
const RECHOOSE_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Receives one kept line: its text (without the line ending) and its 1-based number. */
export type LineHandler = (text: string, lineNumber: number) => void;

export interface ScanOptions {
  /** Only lines containing one of these byte strings are decoded and handed on. */
  readonly markers: readonly Buffer[];
  /** A longer line is not kept: `onTooLong` hears of it and the scan goes on after it. */
  readonly maxLineBytes: number;
  readonly onLine: LineHandler;
  readonly onTooLong: (lineNumber: number, bytes: number) => void;
}

/** What a scan saw: how many lines, and the stream error that ended it early, if one did. */
export interface ScanResult {
  readonly lines: number;
  readonly error?: unknown;
}

/**
 * Scans a stream of chunks. A stream error (a truncated gzip, say) ends the scan after every
 * complete line before it was handed on (the unfinished one is dropped), and is returned, not
 * thrown; errors thrown by the handlers propagate.
 */
export async function scanLines(chunks: AsyncIterable<Buffer>, options: ScanOptions): Promise<ScanResult> {
  const scanner = new LineScanner(options);
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await iterator.next();
      } catch (error) {
        // The unfinished last line is cut by the failure: not a line to read.
        return { lines: scanner.lines, error };
      }
      if (next.done === true) break;
      scanner.push(next.value);
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  scanner.end();
  return { lines: scanner.lines };
}

class LineScanner {
  lines = 0;
  /** The start of a line that the previous chunks did not finish, if any. */
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** True while skipping the rest of an over-long line. */
  private skipping = false;
  /** The markers' searches, chosen to suit the text of the chunk that began the latest MiB. */
  private searches: readonly MarkerSearch[] = [];
  /** Bytes pushed since the searches were chosen; they are chosen again from the next chunk after `RECHOOSE_BYTES`. */
  private sinceChoice = Infinity;

  constructor(private readonly options: ScanOptions) {}

  push(chunk: Buffer): void {
    if (this.sinceChoice >= RECHOOSE_BYTES) {
      this.searches = markerSearches(this.options.markers, chunk.subarray(0, SAMPLE_BYTES));
      this.sinceChoice = 0;
    }
    this.sinceChoice += chunk.length;
    let start = 0;
    if (this.carryBytes > 0 || this.skipping) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.extendCarry(chunk);
        return;
      }
      this.extendCarry(chunk.subarray(0, newline + 1));
      this.finishCarriedLine();
      start = newline + 1;
    }
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline >= start) {
      this.scanCompleteLines(chunk, start, lastNewline + 1);
      start = lastNewline + 1;
    }
    if (start < chunk.length) this.extendCarry(chunk.subarray(start));
  }

  end(): void {
    if (this.carryBytes === 0 && !this.skipping) return;
    this.extendCarry(Buffer.from([NEWLINE]));
    this.finishCarriedLine();
  }

  private extendCarry(part: Buffer): void {
    this.carryBytes += part.length;
    if (this.skipping) return;
    if (this.carryBytes > this.options.maxLineBytes) {
      this.skipping = true;
      this.carry = [];
      return;
    }
    // Copy: the chunk's memory may be reused by the stream once we return.
    this.carry.push(Buffer.from(part));
  }

  private finishCarriedLine(): void {
    if (this.skipping) {
      this.lines += 1;
      this.options.onTooLong(this.lines, this.carryBytes - 1); // without its newline
      this.skipping = false;
    } else {
      const line = Buffer.concat(this.carry, this.carryBytes);
      this.scanCompleteLines(line, 0, line.length);
    }
    this.carry = [];
    this.carryBytes = 0;
  }

  /** `buf[start, end)` holds whole lines, the last one ending in a newline. */
  private scanCompleteLines(buf: Buffer, start: number, end: number): void {
    const { onLine, maxLineBytes, onTooLong } = this.options;
    const { searches } = this;
    // The next place each marker occurs at or after `pos`; -1: nowhere in the rest of `buf`.
    const next = searches.map((search) => search.indexIn(buf, start));
    let pos = start;
    while (pos < end) {
      let hit = -1;
      for (let k = 0; k < searches.length; k++) {
        if ((next[k] as number) !== -1 && (next[k] as number) < pos) next[k] = (searches[k] as MarkerSearch).indexIn(buf, pos);
        const at = next[k] as number;
        if (at !== -1 && (hit === -1 || at < hit)) hit = at;
      }
      if (hit === -1 || hit >= end) {
        this.lines += countNewlines(buf, pos, end);
        return;
      }
      const lineStart = buf.lastIndexOf(NEWLINE, hit) + 1;
      this.lines += countNewlines(buf, pos, lineStart) + 1;
      const newline = buf.indexOf(NEWLINE, hit);
      const lineEnd = newline > lineStart && buf[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
      if (lineEnd - lineStart > maxLineBytes) onTooLong(this.lines, lineEnd - lineStart);
      else onLine(buf.toString('utf8', lineStart, lineEnd), this.lines);
      pos = newline + 1;
    }
  }
}

/** The problem with a line longer than a scan keeps. */
export function tooLongProblem(bytes: number, maxLineBytes: number): string {
  return `line of ${mebibytes(bytes)} is longer than the ${mebibytes(maxLineBytes)} a line may have; skipped`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  let i = buf.indexOf(NEWLINE, from);
  while (i !== -1 && i < to) {
    n += 1;
    i = buf.indexOf(NEWLINE, i + 1);
  }
  return n;
}

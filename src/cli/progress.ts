/**
 * Progress of the read stage on a terminal's stderr, as one line rewritten in place:
 *
 *     reading 2/5 web-1.log.gz  38% 182 MiB of 480 MiB  1,204,000 lines  95.2 MiB/s
 *
 * Only for a person watching: the caller creates it only when stderr is a TTY, and it shows
 * nothing before `delayMs` (a short run prints nothing at all). `done()` clears the line, so
 * the warnings and the report that follow start on a clean line.
 */
import type { ReadProgress } from '../read/read-inputs.js';
import { fitText } from '../report/fit-text.js';
import { terminalSafe } from '../report/sanitize.js';
import { formatBytes } from '../report/units.js';

/** Erase from the cursor to the end of the line (after a carriage return: the whole line). */
const CLEAR_LINE = '\x1b[K';

/** Where the line goes: a terminal's stderr, whose width may be known (and change). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly columns?: number | undefined;
}

export interface ProgressLineOptions {
  /** Milliseconds on a monotonic clock; `performance.now` by default. */
  readonly now?: () => number;
  /** Nothing is shown until this long after the start; 1000 ms by default. */
  readonly delayMs?: number;
  /** The least time between two redraws; 100 ms by default. */
  readonly redrawMs?: number;
}

export class ProgressLine {
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly redrawMs: number;
  private readonly start: number;
  private lastDraw = -Infinity;
  private shown = false;
  private finished = false;
  /** Bytes of the inputs before the current one, for the rate. */
  private bytesBefore = 0;
  private current: { readonly fileIndex: number; bytesRead: number } | undefined;

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressLineOptions = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.delayMs = options.delayMs ?? 1000;
    this.redrawMs = options.redrawMs ?? 100;
    this.start = this.now();
  }

  /** The read stage's `onProgress`: draws the line when it is time to. */
  readonly update = (progress: ReadProgress): void => {
    if (this.finished) return;
    if (this.current?.fileIndex !== progress.fileIndex) {
      this.bytesBefore += this.current?.bytesRead ?? 0;
      this.current = { fileIndex: progress.fileIndex, bytesRead: 0 };
    }
    this.current.bytesRead = progress.bytesRead;
    const now = this.now();
    if (now - this.start < this.delayMs || now - this.lastDraw < this.redrawMs) return;
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r${this.text(progress, now)}${CLEAR_LINE}`);
  };

  /** Clears the line (when one was shown) and shows no more. */
  done(): void {
    if (this.shown) this.stream.write(`\r${CLEAR_LINE}`);
    this.shown = false;
    this.finished = true;
  }

  private text(progress: ReadProgress, now: number): string {
    const { file, fileIndex, fileCount, bytesRead, fileBytes, linesRead } = progress;
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? (this.bytesBefore + bytesRead) / seconds : 0;
    const count = fileCount > 1 ? ` ${fileIndex + 1}/${fileCount}` : '';
    const amount =
      fileBytes === undefined || fileBytes <= 0
        ? formatBytes(bytesRead)
        : `${percent(bytesRead, fileBytes)} ${formatBytes(bytesRead)} of ${formatBytes(fileBytes)}`;
    const head = `reading${count} `;
    const tail = `  ${amount}  ${linesRead.toLocaleString('en-US')} lines  ${formatBytes(rate)}/s`;
    const name = file === '-' ? 'standard input' : terminalSafe(file);
    // One column spare: writing into the last column makes some terminals wrap.
    const width = this.stream.columns === undefined || this.stream.columns <= 0 ? undefined : this.stream.columns - 1;
    if (width === undefined) return head + name + tail;
    const room = width - head.length - tail.length;
    const fitted = room >= 8 ? fitText(name, room, 'start') : name; // the end of a path names the file
    return cut(head + fitted + tail, width);
  }
}

function percent(part: number, whole: number): string {
  return `${Math.min(100, Math.floor((100 * part) / whole))}%`;
}

/** The text, at most `width` characters. */
function cut(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : chars.slice(0, Math.max(0, width)).join('');
}

/**
 * The points of every series while an export is read, in memory up to a limit and in a temporary
 * file beyond it, so that a week of a fleet's logs takes the memory of a few hundred thousand
 * points, not of all of them.
 *
 * Each stream (one series' points of one event family) keeps its latest points in memory. When
 * the points held in memory reach the limit, every stream's points go to the end of the file as
 * one segment each and the streams start again. Loading a stream reads its segments back and
 * appends the points still in memory: the same numbers, in the same order.
 *
 * The file is removed as soon as it is opened (where the system allows it): nothing is left
 * behind, whatever ends the process. It is closed when the store is no longer referenced. Without
 * a limit (the default) the store never touches a file.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writevSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFileError } from '../read/file-error.js';
import { Points } from './points.js';

/** The temporary file could not be made, written or read (a full disk, a TMPDIR that is not writable). */
export class SpillError extends Error {
  constructor(action: string, error: unknown) {
    super(`cannot ${action} the temporary file of points in ${tmpdir()}: ${describeFileError(error)} (TMPDIR chooses the directory)`);
    this.name = 'SpillError';
  }
}

/** Where a run of a stream's points lies in the file: `length` points, columns one after another. */
interface Segment {
  readonly offset: number;
  readonly length: number;
  readonly withDiffs: boolean;
}

/** What is known of a stream without reading its points back. */
export interface StreamSummary {
  readonly length: number;
  /** Each point later than the one before: no two at one instant, none out of order. */
  readonly strictlyAscending: boolean;
  /** The first and last point pushed: time and size. */
  readonly firstTime: number;
  readonly lastTime: number;
  readonly firstSize: number;
  readonly lastSize: number;
}

/** A stream's summary, kept up to date as points arrive, its points in memory and its segments in the file. */
type Stream = { -readonly [K in keyof StreamSummary]: StreamSummary[K] } & {
  /** The points since the last spill. */
  recent: Points;
  readonly segments: Segment[];
};

const BYTES_PER_NUMBER = 8;
/** Points a new stream has room for: a fleet has thousands of streams, many short (restarts). */
const FIRST_ROOM = 16;

export class PointStore {
  private readonly streams: Stream[] = [];
  /** Points held in memory, in all streams. */
  private held = 0;
  private file: SpillFile | undefined;

  /** @param spillFrom points held in memory that send them all to the file; Infinity: never. */
  constructor(private readonly spillFrom = Infinity) {}

  /** A new, empty stream: its number. */
  add(): number {
    this.streams.push({
      recent: new Points(FIRST_ROOM),
      segments: [],
      length: 0,
      strictlyAscending: true,
      firstTime: Number.NaN,
      lastTime: Number.NaN,
      firstSize: Number.NaN,
      lastSize: Number.NaN,
    });
    return this.streams.length - 1;
  }

  push(stream: number, time: number, size: number, resolution: number, count: number, diff: number | undefined): void {
    const one = this.streams[stream] as Stream;
    one.recent.push(time, size, resolution, count, diff);
    if (one.length === 0) {
      one.firstTime = time;
      one.firstSize = size;
    } else if (!(time > one.lastTime)) one.strictlyAscending = false;
    one.lastTime = time;
    one.lastSize = size;
    one.length += 1;
    this.held += 1;
    if (this.held >= this.spillFrom) this.spill();
  }

  summary(stream: number): StreamSummary {
    return this.streams[stream] as Stream;
  }

  /** True when some points went to the file. */
  get spilled(): boolean {
    return this.file !== undefined;
  }

  /**
   * A stream's points, in the order pushed (a size_diff column as soon as any point had one, NaN
   * where one had none, as in `Points`), in columns exactly as long as they are. Points still in
   * memory and never spilled come as views, not copies: the caller must not change them.
   */
  load(stream: number): Points {
    const { recent, segments, length } = this.streams[stream] as Stream;
    if (segments.length === 0) return recent.trimmed();
    const points = new Points(length);
    const file = this.file as SpillFile;
    for (const segment of segments) file.readInto(points, segment);
    for (let i = 0; i < recent.length; i++) {
      points.push(recent.times[i] as number, recent.sizes[i] as number, recent.resolutions[i] as number, recent.counts[i] as number, recent.diffs?.[i]);
    }
    return points;
  }

  private spill(): void {
    this.file ??= SpillFile.open();
    for (const stream of this.streams) {
      const { recent } = stream;
      if (recent.length > 0) stream.segments.push(this.file.write(recent));
      // Room for as many points as came since the last spill, and an eighth more for the jitter
      // of when spills happen: a stream that has ended (a restarted process's) lets go of its
      // room, and no stream keeps room for a burst.
      if (recent.times.length > 0) stream.recent = new Points(recent.length + (recent.length >> 3));
    }
    this.held = 0;
  }
}

/** An unnamed temporary file that segments are appended to and read from. */
class SpillFile {
  private end = 0;

  private constructor(private readonly fd: number) {}

  static open(): SpillFile {
    let dir: string;
    let path: string;
    let fd: number;
    try {
      dir = mkdtempSync(join(tmpdir(), 'leak-suspects-'));
      path = join(dir, 'points');
      fd = openSync(path, 'w+', 0o600);
    } catch (error) {
      throw new SpillError('make', error);
    }
    try {
      unlinkSync(path);
      rmdirSync(dir);
    } catch {
      // Some systems keep an open file: remove it when the process ends instead.
      process.once('exit', () => {
        try {
          closeSync(fd);
          unlinkSync(path);
          rmdirSync(dir);
        } catch {
          // Already gone.
        }
      });
    }
    const file = new SpillFile(fd);
    closeWhenUnreachable.register(file, fd);
    return file;
  }

  write(points: Points): Segment {
    const { length } = points;
    const withDiffs = points.diffs !== undefined;
    const columns = [points.times, points.sizes, points.resolutions, points.counts, ...(withDiffs ? [points.diffs as Float64Array] : [])];
    const views = columns.map((column) => new Uint8Array(column.buffer, column.byteOffset, length * BYTES_PER_NUMBER));
    const bytes = views.length * length * BYTES_PER_NUMBER;
    let written = 0;
    try {
      while (written < bytes) written += writevSync(this.fd, unwritten(views, written), this.end + written);
    } catch (error) {
      throw new SpillError('write', error);
    }
    const segment = { offset: this.end, length, withDiffs };
    this.end += bytes;
    return segment;
  }

  /** Appends a segment's points to `points`, which has room for them. */
  readInto(points: Points, { offset, length, withDiffs }: Segment): void {
    const block = new Float64Array((withDiffs ? 5 : 4) * length);
    const bytes = new Uint8Array(block.buffer);
    let read = 0;
    while (read < bytes.length) {
      let n: number;
      try {
        n = readSync(this.fd, bytes, read, bytes.length - read, offset + read);
      } catch (error) {
        throw new SpillError('read', error);
      }
      if (n === 0) throw new SpillError('read', new Error('it ended early'));
      read += n;
    }
    for (let i = 0; i < length; i++) {
      points.push(block[i] as number, block[length + i] as number, block[2 * length + i] as number, block[3 * length + i] as number, withDiffs ? block[4 * length + i] : undefined);
    }
  }
}

/** The file is closed when its store is garbage: series loaded later (for plots) may still need it. */
const closeWhenUnreachable = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Closed already, with the process's end.
  }
});

/** The parts of `views` from byte `skip` of their concatenation on. */
function unwritten(views: readonly Uint8Array[], skip: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  for (const view of views) {
    if (skip >= view.length) skip -= view.length;
    else {
      rest.push(skip === 0 ? view : view.subarray(skip));
      skip = 0;
    }
  }
  return rest;
}

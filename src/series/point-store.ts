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

/** A run of a stream's points in memory, row by row: time, size, resolution, count[, size_diff]. */
interface Chunk {
  /** A view of a slab, `stride` numbers a row. */
  readonly data: Float64Array;
  /** 4, or 5 once the stream has had a size_diff (NaN in the rows without one). */
  readonly stride: number;
  rows: number;
}

/** Where a spill put a stream's chunks in the file: one after another from `offset`, each `rows` × `stride` numbers. */
interface Segment {
  readonly offset: number;
  readonly parts: readonly { readonly rows: number; readonly stride: number }[];
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

/** A stream's summary, kept up to date as points arrive, its chunks in memory and its segments in the file. */
type Stream = { -readonly [K in keyof StreamSummary]: StreamSummary[K] } & {
  /** The points since the last spill; the last chunk is the one being filled. */
  chunks: Chunk[];
  /** Rows the next chunk has room for. */
  room: number;
  /** Whether some point had a size_diff: rows are 5 numbers from then on. */
  withDiffs: boolean;
  readonly segments: Segment[];
};

const BYTES_PER_NUMBER = 8;
/** Points a new stream has room for: a fleet has thousands of streams, many short (restarts). */
const FIRST_ROOM = 16;
/** The most rows one chunk holds; a stream's chunks grow by half up to it. */
const MAX_CHUNK_ROWS = 4096;
/** Numbers in one slab: 8 MiB. */
const SLAB_NUMBERS = 1 << 20;

/**
 * Memory for chunks, carved from large blocks. Points arrive one at a time into thousands of
 * streams: a typed array of their own for each stream, grown by copying, cost more than half of
 * collecting a fleet's records (allocating and zeroing them, and the collections they set off),
 * and writing a point's four numbers into four columns touched four places in memory where one
 * row touches one. Blocks are handed out in order and never freed one by one: all of them are
 * reused after a spill, which empties every chunk, or dropped with the store.
 */
class Slabs {
  private readonly slabs: Float64Array[] = [];
  private slab = -1;
  private used = SLAB_NUMBERS;

  take(numbers: number): Float64Array {
    if (this.used + numbers > SLAB_NUMBERS) {
      this.slab += 1;
      if (this.slab === this.slabs.length) this.slabs.push(new Float64Array(SLAB_NUMBERS));
      this.used = 0;
    }
    const data = (this.slabs[this.slab] as Float64Array).subarray(this.used, this.used + numbers);
    this.used += numbers;
    return data;
  }

  /** Every chunk handed out is done with: hand the blocks out again from the first. */
  reuse(): void {
    this.slab = -1;
    this.used = SLAB_NUMBERS;
  }
}

export class PointStore {
  private readonly streams: Stream[] = [];
  private readonly slabs = new Slabs();
  /** Points held in memory, in all streams. */
  private held = 0;
  private file: SpillFile | undefined;

  /** @param spillFrom points held in memory that send them all to the file; Infinity: never. */
  constructor(private readonly spillFrom = Infinity) {}

  /** A new, empty stream: its number. */
  add(): number {
    this.streams.push({
      chunks: [],
      room: FIRST_ROOM,
      withDiffs: false,
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
    if (diff !== undefined && !one.withDiffs) {
      one.withDiffs = true;
      this.startChunk(one);
    }
    let chunk = one.chunks[one.chunks.length - 1];
    if (chunk === undefined || chunk.rows * chunk.stride === chunk.data.length) chunk = this.startChunk(one);
    const { data, stride } = chunk;
    const at = chunk.rows * stride;
    data[at] = time;
    data[at + 1] = size;
    data[at + 2] = resolution;
    data[at + 3] = count;
    if (stride === 5) data[at + 4] = diff ?? Number.NaN;
    chunk.rows += 1;
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

  /**
   * What is known of the points of one stream, or of several taken one after another (the parts
   * of a series read in halves), as one stream's, without reading them.
   */
  summary(streams: readonly number[]): StreamSummary {
    if (streams.length === 1) return this.streams[streams[0] as number] as Stream;
    const parts = streams.map((stream) => this.streams[stream] as Stream).filter((one) => one.length > 0);
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (first === undefined || last === undefined) return this.streams[streams[0] as number] as Stream;
    const ascending = parts.every((one, i) => one.strictlyAscending && (i === 0 || one.firstTime > (parts[i - 1] as Stream).lastTime));
    return {
      length: parts.reduce((sum, one) => sum + one.length, 0),
      strictlyAscending: ascending,
      firstTime: first.firstTime,
      firstSize: first.firstSize,
      lastTime: last.lastTime,
      lastSize: last.lastSize,
    };
  }

  /** True when some points went to the file. */
  get spilled(): boolean {
    return this.file !== undefined;
  }

  /**
   * The points of one stream, or of several one after another, in the order pushed (a size_diff
   * column as soon as any point had one, NaN where one had none, as in `Points`), in columns of
   * their own exactly as long as they are.
   */
  load(streams: readonly number[]): Points {
    const points = new Points(streams.reduce((sum, stream) => sum + (this.streams[stream] as Stream).length, 0));
    for (const stream of streams) {
      const { chunks, segments } = this.streams[stream] as Stream;
      for (const segment of segments) (this.file as SpillFile).readInto(points, segment);
      for (const { data, stride, rows } of chunks) points.appendRows(data, stride, rows);
    }
    return points;
  }

  /** The next chunk of a stream, with room for half as many rows again as its last (at least FIRST_ROOM). */
  private startChunk(one: Stream): Chunk {
    const last = one.chunks[one.chunks.length - 1];
    if (last?.rows === 0) one.chunks.pop();
    const rows = Math.min(Math.max(one.room, FIRST_ROOM), MAX_CHUNK_ROWS);
    const stride = one.withDiffs ? 5 : 4;
    const chunk: Chunk = { data: this.slabs.take(rows * stride), stride, rows: 0 };
    one.chunks.push(chunk);
    one.room = Math.ceil(1.5 * rows);
    return chunk;
  }

  private spill(): void {
    this.file ??= SpillFile.open();
    for (const stream of this.streams) {
      const held = stream.chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
      if (held > 0) stream.segments.push(this.file.write(stream.chunks));
      // Room for as many points as came since the last spill, and an eighth more for the jitter
      // of when spills happen: a stream that has ended (a restarted process's) takes no room, and
      // no stream keeps room for a burst.
      stream.chunks = [];
      stream.room = held + (held >> 3);
    }
    this.slabs.reuse();
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

  write(chunks: readonly Chunk[]): Segment {
    const views = chunks.map(({ data, stride, rows }) => new Uint8Array(data.buffer, data.byteOffset, rows * stride * BYTES_PER_NUMBER));
    const bytes = views.reduce((sum, view) => sum + view.length, 0);
    let written = 0;
    try {
      while (written < bytes) written += writevSync(this.fd, unwritten(views, written), this.end + written);
    } catch (error) {
      throw new SpillError('write', error);
    }
    const segment = { offset: this.end, parts: chunks.map(({ rows, stride }) => ({ rows, stride })) };
    this.end += bytes;
    return segment;
  }

  /** Appends a segment's points to `points`, which has room for them. */
  readInto(points: Points, { offset, parts }: Segment): void {
    const block = new Float64Array(parts.reduce((sum, { rows, stride }) => sum + rows * stride, 0));
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
    let at = 0;
    for (const { rows, stride } of parts) {
      points.appendRows(block.subarray(at, at + rows * stride), stride, rows);
      at += rows * stride;
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

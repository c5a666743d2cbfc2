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
import { TouchedBlocks } from './touched-blocks.js';

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
  readonly rows: number;
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

const BYTES_PER_NUMBER = 8;
/** Points a new stream has room for: a fleet has thousands of streams, many short (restarts). */
const FIRST_ROOM = 16;
/** The most rows one chunk holds; a stream's chunks grow by half up to it. */
const MAX_CHUNK_ROWS = 4096;
/** Numbers in one slab: 8 MiB. */
const SLAB_NUMBERS = 1 << 20;
/** Chunks a stream has filled, four numbers each: slab, start, stride, rows. */
const FILLED = 4;

/**
 * Memory for chunks, carved from large blocks. Points arrive one at a time into thousands of
 * streams: a typed array of their own for each stream, grown by copying, cost more than half of
 * collecting a fleet's records (allocating and zeroing them, and the collections they set off),
 * and writing a point's four numbers into four columns touched four places in memory where one
 * row touches one. Blocks are handed out in order and never freed one by one: all of them are
 * reused after a spill, which empties every chunk, or dropped with the store.
 */
class Slabs {
  readonly blocks: Float64Array[] = [];
  readonly fresh = new TouchedBlocks(SLAB_NUMBERS);
  /** The block the last `take` carved from. */
  current = -1;
  private used = SLAB_NUMBERS;

  /** Room for `numbers` numbers in block `current`: their start. */
  take(numbers: number): number {
    if (this.used + numbers > SLAB_NUMBERS) {
      this.current += 1;
      if (this.current === this.blocks.length) this.blocks.push(this.fresh.take());
      this.used = 0;
    }
    const start = this.used;
    this.used += numbers;
    return start;
  }

  /** Every chunk handed out is done with: hand the blocks out again from the first. */
  reuse(): void {
    this.current = -1;
    this.used = SLAB_NUMBERS;
  }
}

/**
 * The store. What each stream needs at every point — where its chunk is and how full, its length,
 * its last time — is kept in typed-array columns indexed by stream, not in an object per stream:
 * a fleet's snapshot visits thousands of streams one after another, and an object, its list of
 * chunks and a view for each chunk put four or five scattered reads before each write: `push` took
 * a third of collecting a fleet's records so. Collecting the first 6 million records of the
 * bench's fleet took 1.98 s with the columns, 2.30 s with the objects (medians of 6).
 */
export class PointStore {
  private streams = 0;
  /** Per stream: the next number's place in its chunk's slab, and the end of that chunk (equal when full or none). */
  private writeAt = new Int32Array(0);
  private chunkEnd = new Int32Array(0);
  /** Per stream: the slab and start of the chunk being filled (-1: none since the last spill), and its stride. */
  private chunkSlab = new Int32Array(0);
  private chunkStart = new Int32Array(0);
  private chunkStride = new Uint8Array(0);
  /** Per stream: 1 once some point had a size_diff, rows are 5 numbers from then on. */
  private withDiffs = new Uint8Array(0);
  /** Per stream: rows the next chunk has room for. */
  private room = new Int32Array(0);
  /** Per stream: the summary's numbers (see `StreamSummary`). */
  private lengths = new Float64Array(0);
  private ascending = new Uint8Array(0);
  private firstTimes = new Float64Array(0);
  private lastTimes = new Float64Array(0);
  private firstSizes = new Float64Array(0);
  private lastSizes = new Float64Array(0);
  /** Per stream: the chunks filled since the last spill, FILLED numbers each (the one being filled is not among them). */
  private filled: number[][] = [];
  /** Per stream: what spills put in the file; undefined while nothing. */
  private segments: (Segment[] | undefined)[] = [];
  private readonly slabs = new Slabs();
  /** Points held in memory, in all streams. */
  private held = 0;
  private file: SpillFile | undefined;

  /** @param spillFrom points held in memory that send them all to the file; Infinity: never. */
  constructor(private readonly spillFrom = Infinity) {}

  /** A new, empty stream: its number. */
  add(): number {
    const stream = this.streams;
    if (stream === this.writeAt.length) this.grow(Math.max(64, 2 * stream));
    this.chunkStart[stream] = -1;
    this.room[stream] = FIRST_ROOM;
    this.ascending[stream] = 1;
    this.firstTimes[stream] = Number.NaN;
    this.lastTimes[stream] = Number.NaN;
    this.firstSizes[stream] = Number.NaN;
    this.lastSizes[stream] = Number.NaN;
    this.filled.push([]);
    this.segments.push(undefined);
    this.streams += 1;
    return stream;
  }

  push(stream: number, time: number, size: number, resolution: number, count: number, diff: number | undefined): void {
    let at = this.writeAt[stream] as number;
    if (diff !== undefined) this.withDiffs[stream] = 1;
    const stride = this.withDiffs[stream] === 1 ? 5 : 4;
    if (at === this.chunkEnd[stream] || this.chunkStride[stream] !== stride) at = this.startChunk(stream, stride);
    const data = this.slabs.blocks[this.chunkSlab[stream] as number] as Float64Array;
    data[at] = time;
    data[at + 1] = size;
    data[at + 2] = resolution;
    data[at + 3] = count;
    if (stride === 5) data[at + 4] = diff ?? Number.NaN;
    this.writeAt[stream] = at + stride;
    const length = this.lengths[stream] as number;
    if (length === 0) {
      this.firstTimes[stream] = time;
      this.firstSizes[stream] = size;
    } else if (!(time > (this.lastTimes[stream] as number))) this.ascending[stream] = 0;
    this.lastTimes[stream] = time;
    this.lastSizes[stream] = size;
    this.lengths[stream] = length + 1;
    this.held += 1;
    if (this.held >= this.spillFrom) this.spill();
  }

  /**
   * What is known of the points of one stream, or of several taken one after another (the parts
   * of a series read in halves), as one stream's, without reading them.
   */
  summary(streams: readonly number[]): StreamSummary {
    const parts = streams.filter((stream) => (this.lengths[stream] as number) > 0);
    const first = parts[0] ?? (streams[0] as number);
    const last = parts[parts.length - 1] ?? first;
    const ascending = parts.every(
      (stream, i) => this.ascending[stream] === 1 && (i === 0 || (this.firstTimes[stream] as number) > (this.lastTimes[parts[i - 1] as number] as number)),
    );
    return {
      length: parts.reduce((sum, stream) => sum + (this.lengths[stream] as number), 0),
      strictlyAscending: ascending,
      firstTime: this.firstTimes[first] as number,
      firstSize: this.firstSizes[first] as number,
      lastTime: this.lastTimes[last] as number,
      lastSize: this.lastSizes[last] as number,
    };
  }

  /** No more points will be pushed: lets go of what only writing needed (see `TouchedBlocks`). */
  doneWriting(): void {
    this.slabs.fresh.close();
  }

  /** Blocks of memory the points went to that a worker had touched ahead (see `TouchedBlocks`): for tests and measurements. */
  get blocksTouchedAhead(): number {
    return this.slabs.fresh.fromWorker;
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
    const points = new Points(streams.reduce((sum, stream) => sum + (this.lengths[stream] as number), 0));
    for (const stream of streams) {
      for (const segment of this.segments[stream] ?? []) (this.file as SpillFile).readInto(points, segment);
      for (const { data, stride, rows } of this.chunks(stream)) points.appendRows(data, stride, rows);
    }
    return points;
  }

  /** A stream's chunks in memory, in order: views of the slabs. */
  private chunks(stream: number): Chunk[] {
    const chunks: Chunk[] = [];
    const filled = this.filled[stream] as number[];
    const chunk = (slab: number, start: number, stride: number, rows: number): void => {
      if (rows > 0) chunks.push({ data: (this.slabs.blocks[slab] as Float64Array).subarray(start, start + rows * stride), stride, rows });
    };
    for (let i = 0; i < filled.length; i += FILLED) chunk(filled[i] as number, filled[i + 1] as number, filled[i + 2] as number, filled[i + 3] as number);
    const start = this.chunkStart[stream] as number;
    const stride = this.chunkStride[stream] as number;
    if (start >= 0) chunk(this.chunkSlab[stream] as number, start, stride, ((this.writeAt[stream] as number) - start) / stride);
    return chunks;
  }

  /**
   * Files the chunk being filled and starts the next, with room for half as many rows again as the
   * last (at least FIRST_ROOM): where the stream's next row goes.
   */
  private startChunk(stream: number, stride: number): number {
    const start = this.chunkStart[stream] as number;
    if (start >= 0) {
      const filledStride = this.chunkStride[stream] as number;
      const rows = ((this.writeAt[stream] as number) - start) / filledStride;
      if (rows > 0) (this.filled[stream] as number[]).push(this.chunkSlab[stream] as number, start, filledStride, rows);
    }
    const rows = Math.min(Math.max(this.room[stream] as number, FIRST_ROOM), MAX_CHUNK_ROWS);
    const at = this.slabs.take(rows * stride);
    this.chunkSlab[stream] = this.slabs.current;
    this.chunkStart[stream] = at;
    this.chunkStride[stream] = stride;
    this.writeAt[stream] = at;
    this.chunkEnd[stream] = at + rows * stride;
    this.room[stream] = Math.ceil(1.5 * rows);
    return at;
  }

  private spill(): void {
    this.file ??= SpillFile.open();
    for (let stream = 0; stream < this.streams; stream++) {
      const chunks = this.chunks(stream);
      const held = chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
      if (held > 0) (this.segments[stream] ??= []).push(this.file.write(chunks));
      // Room for as many points as came since the last spill, and an eighth more for the jitter
      // of when spills happen: a stream that has ended (a restarted process's) takes no room, and
      // no stream keeps room for a burst.
      this.filled[stream] = [];
      this.chunkStart[stream] = -1;
      this.writeAt[stream] = 0;
      this.chunkEnd[stream] = 0;
      this.room[stream] = held + (held >> 3);
    }
    this.slabs.reuse();
    this.held = 0;
  }

  /** Room for `capacity` streams in every per-stream column. */
  private grow(capacity: number): void {
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(column: T, make: new (length: number) => T): T => {
      const next = new make(capacity);
      next.set(column);
      return next;
    };
    this.writeAt = grown(this.writeAt, Int32Array);
    this.chunkEnd = grown(this.chunkEnd, Int32Array);
    this.chunkSlab = grown(this.chunkSlab, Int32Array);
    this.chunkStart = grown(this.chunkStart, Int32Array);
    this.chunkStride = grown(this.chunkStride, Uint8Array);
    this.withDiffs = grown(this.withDiffs, Uint8Array);
    this.room = grown(this.room, Int32Array);
    this.lengths = grown(this.lengths, Float64Array);
    this.ascending = grown(this.ascending, Uint8Array);
    this.firstTimes = grown(this.firstTimes, Float64Array);
    this.lastTimes = grown(this.lastTimes, Float64Array);
    this.firstSizes = grown(this.firstSizes, Float64Array);
    this.lastSizes = grown(this.lastSizes, Float64Array);
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

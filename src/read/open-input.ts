import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * A named source of bytes: a file path, or standard input under the name "-". `open`'s chunks may
 * share memory: each is valid until the next is asked for (see `fileChunks`).
 */
export interface Input {
  readonly name: string;
  /** The file's path, when the input is a file: a large one may be read in two stretches (split-reading.ts). */
  readonly path?: string;
  open(): AsyncIterable<Buffer>;
  /** How many bytes `open` yields (before any gunzip), when known without reading: a file's size. */
  byteSize?(): Promise<number | undefined>;
}

const CHUNK_BYTES = 1 << 20;

/** A file on disk, read in 1 MiB chunks. */
export function fileInput(path: string): Input {
  return {
    name: path,
    path,
    open: () => fileChunks(path),
    byteSize: async () => {
      const info = await stat(path).catch(() => undefined);
      return info?.isFile() === true ? info.size : undefined;
    },
  };
}

/**
 * A file's bytes from `start` on, in chunks read into one buffer over and over: each chunk is
 * valid until the next is asked for. A stream's fresh buffer for every chunk (`createReadStream`)
 * cost the system more than the reading: the bench's 517 MB export took 430–530 ms to read that
 * way, 400 ms of it system time (first touches of new memory), and 92–98 ms into one buffer.
 */
export async function* fileChunks(path: string, start = 0): AsyncGenerator<Buffer> {
  const file = await open(path);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let position = start; ; ) {
      // From the start, read where the file is: a pipe named as a file (`<(zcat …)`, /dev/stdin)
      // cannot be read at a position.
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, start === 0 ? null : position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}

/** Chunks that stay valid: copies, for a consumer that may hold some while asking for more (a stream pipe). */
export async function* copied(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield Buffer.from(chunk);
}

/**
 * The files a path stands for: a directory (a Datadog archive tree such as
 * `dt=20261102/hour=00/archive_….json.gz`) stands for every file below it, in path order, hidden
 * ones left out; anything else stands for itself (a missing file fails when it is opened).
 */
export async function expandPath(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const names = entries.filter((entry) => !entry.name.startsWith('.')).map((entry) => entry.name).sort();
  const nested = await Promise.all(names.map((name) => expandPath(join(path, name))));
  return nested.flat();
}

/** An already open stream, such as standard input. */
export function streamInput(name: string, stream: AsyncIterable<Buffer>): Input {
  return { name, open: () => stream };
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * The bytes of an input, gunzipped when they start with gzip's magic bytes (whatever the file is
 * called). `onConsumed`, if given, hears with each chunk handed on how many bytes of `raw` have
 * been used up: for gzip, the compressed bytes gunzip has taken in (not those read ahead of it);
 * after the last chunk, all of them.
 */
export async function* decodedChunks(raw: AsyncIterable<Buffer>, onConsumed?: (rawBytes: number) => void): AsyncGenerator<Buffer> {
  const iterator = raw[Symbol.asyncIterator]();
  try {
    yield* decoded(iterator, onConsumed);
  } finally {
    // Let go of the input (its file closed) when its reader stops early, too.
    await iterator.return?.();
  }
}

async function* decoded(iterator: AsyncIterator<Buffer>, onConsumed?: (rawBytes: number) => void): AsyncGenerator<Buffer> {
  const first = await iterator.next();
  if (first.done === true) return;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  if (first.value[0] !== GZIP_MAGIC[0] || first.value[1] !== GZIP_MAGIC[1]) {
    if (onConsumed === undefined) {
      yield first.value;
      yield* rest;
      return;
    }
    let bytes = 0;
    for await (const chunk of prepend(first.value, rest)) {
      bytes += chunk.length;
      onConsumed(bytes);
      yield chunk;
    }
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // A pipe reads ahead of gunzip: it must not be handed chunks whose memory is read into again.
  const compressed = Readable.from(copied(prepend(first.value, rest)));
  compressed.on('error', (error) => gunzip.destroy(error));
  compressed.pipe(gunzip);
  if (onConsumed === undefined) {
    yield* gunzip;
    return;
  }
  for await (const chunk of gunzip) {
    onConsumed(gunzip.bytesWritten);
    yield chunk;
  }
  onConsumed(gunzip.bytesWritten);
}

async function* prepend(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}

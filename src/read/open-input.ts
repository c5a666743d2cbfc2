import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A named source of bytes: a file path, or standard input under the name "-". */
export interface Input {
  readonly name: string;
  open(): AsyncIterable<Buffer>;
}

const CHUNK_BYTES = 1 << 20;

/** A file on disk, read in 1 MiB chunks. */
export function fileInput(path: string): Input {
  return { name: path, open: () => createReadStream(path, { highWaterMark: CHUNK_BYTES }) };
}

/** An already open stream, such as standard input. */
export function streamInput(name: string, stream: AsyncIterable<Buffer>): Input {
  return { name, open: () => stream };
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** The bytes of an input, gunzipped when they start with gzip's magic bytes (whatever the file is called). */
export async function* decodedChunks(raw: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = raw[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  if (first.value[0] !== GZIP_MAGIC[0] || first.value[1] !== GZIP_MAGIC[1]) {
    yield first.value;
    yield* rest;
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  const compressed = Readable.from(prepend(first.value, rest));
  compressed.on('error', (error) => gunzip.destroy(error));
  compressed.pipe(gunzip);
  yield* gunzip;
}

async function* prepend(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}

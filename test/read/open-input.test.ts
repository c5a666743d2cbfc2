import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { copied, decodedChunks, fileChunks, fileInput, type Input } from '../../src/read/open-input.js';
import { readInputs } from '../../src/read/read-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'open-input-'));
const text = Array.from({ length: 300_000 }, (_, i) => `line ${i}`).join('\n'); // about 2.9 MB: several chunks of 1 MiB

async function readAll(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk.toString('latin1')); // decoded before the next chunk is asked for
  return parts.join('');
}

describe('fileInput', () => {
  it('reads a file whole, and from an offset', async () => {
    const path = join(dir, 'plain.txt');
    writeFileSync(path, text);
    assert.equal(await readAll(fileInput(path).open()), text);
    assert.equal(await readAll(fileChunks(path, 1000)), text.slice(1000));
  });

  it('reads a named pipe, as process substitution gives one', { skip: process.platform === 'win32' }, async () => {
    const fifo = join(dir, 'pipe');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const writer = spawn('sh', ['-c', `printf '%s' "$0" > ${fifo}`, text.slice(0, 100_000)]);
    const written = new Promise((resolve) => writer.on('close', resolve));
    assert.equal(await readAll(fileInput(fifo).open()), text.slice(0, 100_000));
    assert.equal(await written, 0);
  });

  it('gives copies that stay valid to a consumer that holds chunks', async () => {
    const path = join(dir, 'held.txt');
    writeFileSync(path, text);
    const held: Buffer[] = [];
    for await (const chunk of copied(fileInput(path).open())) held.push(chunk);
    assert.ok(held.length > 1, 'several chunks');
    assert.equal(Buffer.concat(held).toString('latin1'), text);
  });
});

describe('letting an input go', () => {
  /** An input of the given chunks that records whether its reader let it go before the end. */
  function tracked(chunks: Buffer[]): { input: Input; state: { finished: boolean; letGo: boolean } } {
    const state = { finished: false, letGo: false };
    async function* open(): AsyncGenerator<Buffer> {
      try {
        for (const chunk of chunks) yield chunk;
        state.finished = true;
      } finally {
        if (!state.finished) state.letGo = true;
      }
    }
    return { input: { name: 'tracked', open }, state };
  }

  it('lets a binary input go at once, not when it is garbage (a file left to the collector warns)', async () => {
    const { input, state } = tracked([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]), Buffer.alloc(1000)]);
    const summary = await readInputs([input], { record: () => undefined, traceback: () => undefined }, { labelKeys: ['host'], strict: false, keepMalformed: 5 });
    assert.deepEqual(summary.failures, ['tracked: binary data, not a text log (nothing read)']);
    assert.equal(state.letGo, true);
  });

  it('passes a reader\'s early stop on to the input, plain or gzip', async () => {
    for (const bytes of [Buffer.from(text), gzipSync(text)]) {
      // Small chunks, many more than gunzip's pipe reads ahead.
      const { input, state } = tracked(Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000)));
      for await (const chunk of decodedChunks(input.open())) if (chunk.length > 0) break;
      assert.equal(state.letGo, true);
    }
  });
});

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copied, fileChunks, fileInput } from '../../src/read/open-input.js';

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

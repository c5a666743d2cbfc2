import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanLines, type ScanOptions } from '../../src/read/line-scanner.js';

async function* chunksOf(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.isBuffer(part) ? part : Buffer.from(part);
}

async function scan(chunks: AsyncIterable<Buffer>, overrides: Partial<ScanOptions> = {}) {
  const kept: [number, string][] = [];
  const tooLong: [number, number][] = [];
  const result = await scanLines(chunks, {
    markers: [Buffer.from(': size='), Buffer.from('traceback')],
    maxLineBytes: 1024,
    onLine: (text, n) => kept.push([n, text]),
    onTooLong: (n, bytes) => tooLong.push([n, bytes]),
    ...overrides,
  });
  return { ...result, kept, tooLong };
}

describe('scanLines', () => {
  it('keeps only marked lines, numbered among all lines', async () => {
    const r = await scan(chunksOf('a\nb: size=1\nc\nd\ne: size=2\n'));
    assert.equal(r.lines, 5);
    assert.deepEqual(r.kept, [
      [2, 'b: size=1'],
      [5, 'e: size=2'],
    ]);
  });

  it('joins a line split across chunks, even inside a multi-byte character', async () => {
    const text = Buffer.from('x\nZoë: size=1 ünïcødé\ny\n');
    const cut = text.indexOf(Buffer.from('ë')) + 1; // between the two bytes of ë
    const r = await scan(chunksOf(text.subarray(0, cut), text.subarray(cut, cut + 3), text.subarray(cut + 3)));
    assert.deepEqual(r.kept, [[2, 'Zoë: size=1 ünïcødé']]);
    assert.equal(r.lines, 3);
  });

  it('reads a last line that has no newline, and strips CRLF endings', async () => {
    const r = await scan(chunksOf('a: size=1\r\nb\r\nc: size=2'));
    assert.deepEqual(r.kept, [
      [1, 'a: size=1'],
      [3, 'c: size=2'],
    ]);
    assert.equal(r.lines, 3);
  });

  it('counts a marker split across two chunks', async () => {
    const r = await scan(chunksOf('q\nfile.py:0: si', 'ze=12 B\n'));
    assert.deepEqual(r.kept, [[2, 'file.py:0: size=12 B']]);
  });

  it('reports an over-long line once and goes on after it', async () => {
    const long = `${'x'.repeat(3000)}: size=1\n`;
    const r = await scan(chunksOf('a: size=1\n', long.slice(0, 1000), long.slice(1000, 2500), long.slice(2500), 'b: size=2\n'));
    assert.deepEqual(r.tooLong, [[2, 3008]]);
    assert.deepEqual(r.kept, [
      [1, 'a: size=1'],
      [3, 'b: size=2'],
    ]);
  });

  it('returns the stream error after handing on the complete lines before it, dropping the cut one', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('a: size=1\nb: size=2\npartial: size=');
      throw new Error('unexpected end of file');
    }
    const r = await scan(failing());
    assert.equal((r.error as Error).message, 'unexpected end of file');
    assert.deepEqual(
      r.kept.map(([n]) => n),
      [1, 2],
    );
    assert.equal(r.lines, 2);
  });

  it('keeps lines holding any of several markers, each line once', async () => {
    const r = await scan(chunksOf('a\ntraceback x\nb\nc: size=1 traceback\nd\n'));
    assert.deepEqual(r.kept, [
      [2, 'traceback x'],
      [4, 'c: size=1 traceback'],
    ]);
    assert.equal(r.lines, 5);
  });

  it('sees no lines in an empty stream', async () => {
    const r = await scan(chunksOf());
    assert.equal(r.lines, 0);
    assert.deepEqual(r.kept, []);
  });
});

/** `readInputs` reports its progress: per chunk at most, throttled, exact at the end of each input. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fileInput, streamInput, type Input } from '../../src/read/open-input.js';
import { readInputs, type ReadOptions, type ReadProgress, type ReadSummary } from '../../src/read/read-inputs.js';

const tmp = mkdtempSync(join(tmpdir(), 'leak-suspects-progress-'));

/**
 * About `megabytes` MB of structlog lines, one in ten a tracemalloc statistic; the others carry
 * random base64, so that even gzipped the file spans several 1 MiB chunks.
 */
function exportText(megabytes: number): { text: string; lines: number } {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < megabytes * 1e6; i++) {
    const line =
      i % 10 === 0
        ? `{"host": "web-1", "i": 1, "stat": "/app/cache.py:0: size=${1000 + i} KiB, count=${i}, average=1 KiB", "event": "top_current", "timestamp": "2026-11-02T00:${String(Math.floor(i / 6000) % 60).padStart(2, '0')}:00.000000Z"}`
        : `{"host": "web-1", "event": "request_handled", "trace": "${randomBytes(90).toString('base64')}"}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, lines: lines.length };
}

async function read(inputs: Input[], options: Partial<ReadOptions> = {}): Promise<{ summary: ReadSummary; calls: ReadProgress[] }> {
  const calls: ReadProgress[] = [];
  const summary = await readInputs(inputs, { record: () => undefined, traceback: () => undefined }, {
    labelKeys: ['host'],
    strict: false,
    keepMalformed: 5,
    onProgress: (progress) => calls.push(progress),
    progressIntervalMs: 0,
    ...options,
  });
  return { summary, calls };
}

describe('readInputs progress', () => {
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const { text, lines } = exportText(5);
  const plain = join(tmp, 'export.jsonl');
  const gzipped = join(tmp, 'export.jsonl.gz');
  writeFileSync(plain, text);
  writeFileSync(gzipped, gzipSync(text));

  for (const [kind, path] of [
    ['a plain file', plain],
    ['a gzip file (compressed bytes)', gzipped],
  ] as const) {
    it(`tells the bytes of ${kind} read chunk by chunk, and all its lines at the end`, async () => {
      const size = statSync(path).size;
      assert.ok(size > 2 * 1024 * 1024, `${size} bytes: more than two chunks`);
      const { summary, calls } = await read([fileInput(path)]);
      assert.equal(summary.lines, lines);
      assert.ok(calls.length >= 3, `${calls.length} calls`);
      for (const call of calls) {
        assert.equal(call.file, path);
        assert.equal(call.fileIndex, 0);
        assert.equal(call.fileCount, 1);
        assert.equal(call.fileBytes, size);
      }
      const bytes = calls.map((call) => call.bytesRead);
      const distinct = [...new Set(bytes)];
      assert.deepEqual(bytes, [...bytes].sort((a, b) => a - b), 'bytes never go back');
      assert.ok(distinct.length >= 3, `bytes grow chunk by chunk: ${distinct.join(' ')}`);
      const linesRead = calls.map((call) => call.linesRead);
      assert.deepEqual(linesRead, [...linesRead].sort((a, b) => a - b), 'lines never go back');
      assert.deepEqual(calls.at(-1), { file: path, fileIndex: 0, fileCount: 1, bytesRead: size, fileBytes: size, linesRead: lines });
    });
  }

  it('counts lines across inputs, and ends each input with its exact count', async () => {
    const { summary, calls } = await read([fileInput(plain), fileInput(gzipped)]);
    assert.equal(summary.lines, 2 * lines);
    const ends = calls.filter((call, i) => calls[i + 1]?.fileIndex !== call.fileIndex);
    assert.deepEqual(
      ends.map((call) => [call.fileIndex, call.fileCount, call.linesRead, call.bytesRead]),
      [
        [0, 2, lines, statSync(plain).size],
        [1, 2, 2 * lines, statSync(gzipped).size],
      ],
    );
  });

  it('tells standard input’s bytes with no size', async () => {
    async function* stdin(): AsyncGenerator<Buffer> {
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
    }
    const { calls } = await read([streamInput('-', stdin())]);
    assert.ok(calls.length > 50);
    assert.ok(calls.every((call) => call.fileBytes === undefined && call.file === '-'));
    assert.deepEqual(calls.at(-1), { file: '-', fileIndex: 0, fileCount: 1, bytesRead: Buffer.byteLength(text), fileBytes: undefined, linesRead: lines });
  });

  it('is not called more often than its interval, except once at the end of each input', async () => {
    const { calls } = await read([fileInput(plain), fileInput(gzipped)], { progressIntervalMs: 1e9 });
    assert.deepEqual(
      calls.map((call) => [call.fileIndex, call.linesRead]),
      [
        [0, lines],
        [1, 2 * lines],
      ],
    );
  });

  it('reads the same without a listener', async () => {
    const withProgress = await read([fileInput(gzipped)]);
    const without = await readInputs([fileInput(gzipped)], { record: () => undefined, traceback: () => undefined }, { labelKeys: ['host'], strict: false, keepMalformed: 5 });
    assert.deepEqual(without, withProgress.summary);
  });
});

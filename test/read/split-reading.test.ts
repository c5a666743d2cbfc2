import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { analyzeInputs, fileInput, render } from '../../src/index.js';
import { readInputs, StrictModeStop, type ReadOptions } from '../../src/read/read-inputs.js';
import { mainShare, splitPoint } from '../../src/read/split-reading.js';
import { SeriesCollector } from '../../src/series/collect-series.js';
import { REPO_ROOT, sample } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'split-reading-'));

/** The story's lines with a traceback block and malformed lines in both stretches: every kind of line a worker passes on. */
function mixedExport(): string {
  const story = readFileSync(sample('story.jsonl'), 'utf8').trimEnd().split('\n');
  const tracebacks = readFileSync(join(REPO_ROOT, 'test/fixtures/tracebacks/oldest-first.jsonl'), 'utf8').trimEnd().split('\n');
  const bad = (n: number): string => `{"event": "top_current", "stat": "/app/broken.py:${n}: size=12 parsecs", "timestamp": "2026-11-02T00:00:00Z"}`;
  const third = Math.floor(story.length / 3);
  const lines = [...story.slice(0, third), bad(1), ...story.slice(third, 2 * third), bad(2), ...story.slice(2 * third), ...tracebacks, bad(3)];
  const path = join(dir, 'mixed.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function collected(path: string, splitFromBytes: number, spillFromPoints = Infinity, strict = false) {
  const collector = new SeriesCollector({ includeAll: false, spillFromPoints });
  const options: ReadOptions = { labelKeys: ['host', 'service', 'pid'], strict, keepMalformed: 2, splitFromBytes };
  const summary = await readInputs([fileInput(path)], collector, options);
  const { series, ...rest } = collector.finish();
  const points = series.map((one) => {
    const { times, sizes, resolutions, counts, diffs, key, traceback } = one.load();
    return { key, traceback, columns: [times, sizes, resolutions, counts, diffs].map((column) => (column === undefined ? [] : [...column])) };
  });
  return { summary, rest, points };
}

const MARKER = Buffer.from(': size=');

describe('reading a file in two stretches', () => {
  it('splits at the start of the first line at or after the main thread\'s share', async () => {
    const path = join(dir, 'lines.txt');
    writeFileSync(path, 'aaaa\nbbbbbbbbbb\ncc\n'); // 19 bytes, no records: half of them, 9, is inside the second line
    assert.equal(await splitPoint(path, 1, MARKER), 16);
    assert.equal(await splitPoint(path, 20, MARKER), undefined, 'smaller than the threshold');
    const gz = join(dir, 'lines.txt.gz');
    writeFileSync(gz, gzipSync(readFileSync(sample('story.jsonl'))));
    assert.equal(await splitPoint(gz, 1, MARKER), undefined, 'gzip cannot be entered in the middle');
    writeFileSync(path, `${'a'.repeat(100)}\n`);
    assert.equal(await splitPoint(path, 1, MARKER), undefined, 'no line starts after the split');
  });

  it('gives the main thread less of a file the more records its bytes hold', async () => {
    assert.equal(mainShare(0), 0.5, 'no records: half');
    // The bench's export (a record per 859 bytes) and its Datadog version (one per 1,883).
    assert.ok(Math.abs(mainShare(1 / 859) - 0.442) < 0.001, String(mainShare(1 / 859)));
    assert.ok(Math.abs(mainShare(1 / 1883) - 0.473) < 0.001, String(mainShare(1 / 1883)));
    assert.equal(mainShare(1 / 20), 0.25, 'never less than a quarter');
    // Every 52-byte line a record: the main thread reads a quarter, to the end of the line holding byte 520.
    const path = join(dir, 'dense.txt');
    writeFileSync(path, `${'x'.repeat(30)}: size=1 KiB, count=1\n`.repeat(40)); // 40 lines of 52 bytes
    assert.equal(await splitPoint(path, 1, MARKER), 572);
  });

  it('gives the records, series, tracebacks and malformed lines of reading it whole', async () => {
    const path = mixedExport();
    for (const spill of [Infinity, 50]) {
      const whole = await collected(path, Infinity, spill);
      const stretches = await collected(path, 1, spill);
      assert.ok(whole.summary.malformed === 3 && whole.summary.firstMalformed.length === 2, 'malformed lines in both stretches');
      assert.ok(whole.points.some((one) => one.traceback !== undefined), 'a traceback attached');
      assert.deepEqual(stretches, whole);
    }
  });

  it('stops in strict mode at the first malformed line of the file, even when the second stretch finds it', async () => {
    const path = join(dir, 'strict.jsonl');
    const story = readFileSync(sample('story.jsonl'), 'utf8').trimEnd().split('\n');
    const at = Math.floor(story.length * 0.75);
    story.splice(at, 0, '{"event": "since_start", "stat": "/app/x.py:1: size=nonsense", "timestamp": "2026-11-02T00:00:00Z"}');
    writeFileSync(path, `${story.join('\n')}\n`);
    const stop = async (splitFromBytes: number) => {
      try {
        await collected(path, splitFromBytes, Infinity, true);
      } catch (error) {
        if (error instanceof StrictModeStop) return error.malformed;
        throw error;
      }
      return undefined;
    };
    const whole = await stop(Infinity);
    assert.equal(whole?.line, at + 1);
    assert.deepEqual(await stop(1), whole);
  });

  it('renders the same reports from an export read twice (duplicates, out of order)', async () => {
    const files = [sample('story.jsonl'), sample('story.jsonl')].map(fileInput);
    const outputs = async (splitFromBytes: number) => {
      const { report, plots } = await analyzeInputs(files, { splitFromBytes, spillFromPoints: 100 });
      return (['json', 'text', 'html'] as const).map((format) => render(report, format, { plots }));
    };
    assert.deepEqual(await outputs(1), await outputs(Infinity));
  });
});

/**
 * Bad input, end to end: each case checks the one-line message, the exit code, and that the good
 * records around the bad ones were still used.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Report } from '../../src/report/report.js';
import { sample } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'leak-suspects-bad-'));
const STORY_TEXT = readFileSync(sample('story.jsonl'), 'utf8');
const STORY_LINES = STORY_TEXT.trimEnd().split('\n');
const LEAK = '/srv/shop/app/connections.py';

function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
}

async function report(args: string[]): Promise<{ code: number | null; report: Report | undefined; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['--format', 'json', ...args]);
  return { code, report: stdout === '' ? undefined : (JSON.parse(stdout) as Report), stderr };
}

const suspects = (r: Report | undefined): string[] => (r?.suspects ?? []).map((f) => f.module);

describe('bad input', () => {
  for (const fraction of [0.5, 0.8, 0.9]) {
  it(`keeps what a gzip cut at ${fraction * 100}% held, warns in one line, and still finds the leak`, async () => {
    const packed = gzipSync(Buffer.from(STORY_TEXT));
    const cut = file(`story-cut-${fraction}.jsonl.gz`, packed.subarray(0, Math.floor(packed.length * fraction)));
    const { code, report: r, stderr } = await report([cut]);
    assert.match(stderr, new RegExp(`^leak-suspects: ${cut}: truncated gzip data \\(kept the \\d+ lines before the end\\)\\n$`));
    assert.equal(code, 1);
    assert.deepEqual(suspects(r), [LEAK]);
    const kept = Number(/kept the (\d+) lines/.exec(stderr)?.[1]);
    assert.ok(kept > STORY_LINES.length * (fraction - 0.1) && kept < STORY_LINES.length, `kept ${kept}`);
    const strict = await runCli([cut, '--strict']);
    assert.equal(strict.code, 2);
  });
  }

  it('keeps the elements of a truncated JSON document before the cut', async () => {
    const logs = STORY_LINES.map((line, k) => ({ id: `id-${k}`, type: 'log', attributes: { host: 'web-1', service: 'shop', attributes: JSON.parse(line) as unknown } }));
    const text = JSON.stringify({ data: logs, meta: { page: { after: 'x' } } }, null, 2);
    const cut = file('response-cut.json', text.slice(0, Math.floor(text.length * 0.9)));
    const { code, report: r, stderr } = await report([cut]);
    assert.match(stderr, new RegExp(`^leak-suspects: ${cut}: truncated JSON document.*data\\[\\d+\\]`));
    assert.equal(stderr.trimEnd().split('\n').length, 1);
    assert.equal(code, 1);
    assert.deepEqual(suspects(r), [LEAK]);
    assert.ok((r?.input.records ?? 0) > 4000);
  });

  it('skips a 50 MiB line with one message and reads the lines after it', async () => {
    const huge = `{"event": "top_current", "stat": "/app/x.py:0: size=1 B, count=1, average=1 B", "pad": "${'x'.repeat(50 * 1024 * 1024)}"}`;
    const lines = [...STORY_LINES.slice(0, 3000), huge, ...STORY_LINES.slice(3000)];
    const path = file('huge-line.jsonl', lines.join('\n'));
    const clean = await report([sample('story.jsonl')]);
    const { code, report: r, stderr } = await report([path]);
    assert.equal(stderr, `${path}:3001: line of 50.0 MiB is longer than the 16.0 MiB a line may have; skipped\n`);
    assert.equal(code, 1);
    assert.equal(r?.input.records, clean.report?.input.records);
    assert.equal(r?.input.skipped.malformed, 1);
    assert.deepEqual(suspects(r), [LEAK]);
  });

  it('reads the good files beside binary garbage and an empty file, warning about each', async () => {
    const garbage = file('garbage.bin', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    const empty = file('empty.log', '');
    const { code, report: r, stderr } = await report([garbage, sample('story.jsonl'), empty]);
    assert.equal(stderr, `leak-suspects: ${garbage}: binary data, not a text log (nothing read)\nleak-suspects: ${empty}: empty input\n`);
    assert.equal(code, 1);
    assert.deepEqual(suspects(r), [LEAK]);
  });

  it('locates malformed events in text lines, JSON documents and CSV rows', async () => {
    const kv = file('bad.kv.log', "i=1 event='top_current' stat='/app/x.py:0: size=12 XB, count=1' timestamp='2026-11-02T00:00:00Z'\n");
    const doc = file('bad.json', JSON.stringify({ data: [{ type: 'log', attributes: { attributes: { event: 'other' } } }, { type: 'log', attributes: { timestamp: 'soon', attributes: { event: 'top_current', stat: '/app/x.py:0: size=1 B, count=1, average=1 B' } } }] }));
    const csv = file('bad.csv', 'Date,Host,@event,@stat\n2026-11-02T00:00:00Z,web-1,other,x\n2026-11-02T00:00:00Z,web-1,top_current,"/app/x.py:0: size=1 B"\n');
    const { code, stderr } = await runCli([kv, doc, csv, sample('story.jsonl')]);
    assert.equal(code, 1);
    const lines = stderr.trimEnd().split('\n');
    assert.equal(lines.length, 3, stderr);
    assert.match(lines[0] ?? '', new RegExp(`^${kv}:1: stat: .*unit`));
    assert.match(lines[1] ?? '', new RegExp(`^${doc}: data\\[1\\]: timestamp: not a time: "soon"$`));
    assert.match(lines[2] ?? '', new RegExp(`^${csv}:3: stat: `));
  });

  it('says so when no input held anything usable, and exits 2', async () => {
    const garbage = file('only-garbage.bin', Buffer.alloc(100, 0));
    const { code, stdout, stderr } = await runCli([garbage]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, `leak-suspects: ${garbage}: binary data, not a text log (nothing read)\n`);
  });
});

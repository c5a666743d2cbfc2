import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { sample } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const STORY = sample('story.jsonl');
const STEADY_LEAK = sample('scenarios/steady-leak.jsonl.gz');
const TWO_LEAKS = sample('scenarios/two-leaks.jsonl.gz');
const CONNECTIONS = '/srv/shop/app/connections.py';
const AUDIT = '/srv/shop/app/audit.py';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leak-suspects-options-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function json(args: string[]): Promise<Report> {
  const result = await runCli([...args, '--format', 'json']);
  assert.equal(result.stderr, '');
  return JSON.parse(result.stdout) as Report;
}

describe('--output', () => {
  it('writes the report to the file, in the format its extension names', async () => {
    for (const [name, start] of [
      ['report.html', '<!DOCTYPE html>'],
      ['report.md', '## leak-suspects: 1 suspect'],
      ['report.csv', 'module,line,'],
      ['report.json', '{'],
      ['report.ndjson', '{"module":"/srv/shop/app/connections.py",'],
      ['report.jsonl', '{"module":"/srv/shop/app/connections.py",'],
    ] as const) {
      const file = join(dir, name);
      const result = await runCli([STORY, '--output', file]);
      assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', ''], name);
      assert.ok((await readFile(file, 'utf8')).startsWith(start), name);
    }
  });
  it('keeps an explicit --format whatever the extension', async () => {
    const file = join(dir, 'report.txt.html');
    await runCli([STORY, '-o', file, '-f', 'text']);
    assert.match(await readFile(file, 'utf8'), /^leak-suspects: 1 suspect among 17 series/);
  });
  it('writes several reports from one read, one per --output', async () => {
    const [json, html, md] = ['many.json', 'many.html', 'many.md'].map((name) => join(dir, name)) as [string, string, string];
    const result = await runCli([STORY, '-o', json, '-o', html, '--output', md]);
    assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', '']);
    assert.equal((JSON.parse(await readFile(json, 'utf8')) as Report).suspects[0]?.module, CONNECTIONS);
    assert.match(await readFile(html, 'utf8'), /^<!DOCTYPE html>/);
    assert.match(await readFile(md, 'utf8'), /^## leak-suspects: 1 suspect/);
  });
  it('writes --format ndjson as one finding a line, the JSON report\'s series, suspects first', async () => {
    const file = join(dir, 'findings.txt');
    const result = await runCli([TWO_LEAKS, '-o', file, '-f', 'ndjson']);
    assert.deepEqual([result.code, result.stdout, result.stderr], [1, '', '']);
    const lines = (await readFile(file, 'utf8')).split('\n');
    assert.equal(lines.pop(), '');
    const findings = lines.map((line) => JSON.parse(line) as Report['series'][number]);
    const report = await json([TWO_LEAKS]);
    assert.deepEqual(findings.slice(0, report.suspects.length), report.suspects);
    assert.equal(findings.length, report.series.length);
    assert.deepEqual(new Set(findings.map((one) => JSON.stringify(one))), new Set(report.series.map((one) => JSON.stringify(one))));
    const stdout = await runCli([TWO_LEAKS, '--format', 'ndjson']);
    assert.equal(stdout.stdout, await readFile(file, 'utf8'));
  });
  it('says in one line when the file cannot be written', async () => {
    const result = await runCli([STORY, '-o', join(dir, 'no-such-dir', 'r.html')]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^leak-suspects: .*no-such-dir\/r\.html: cannot write the report: no such file\n$/);
  });
});

describe('--memory-limit', () => {
  it('projects each suspect’s process to the limit', async () => {
    const report = await json([STORY, '--memory-limit', '8MiB']);
    const projection = report.suspects[0]?.projection;
    assert.ok(projection);
    assert.equal(projection.limitBytes, 8 * 1024 ** 2);
    const hours = (projection.limitBytes - projection.processBytes) / projection.processGrowthBytesPerHour;
    assert.ok(Math.abs(projection.hours - hours) < 1e-9);
    assert.ok(projection.earliest !== null && projection.latest !== null && projection.reachesAt !== null);
    assert.ok(projection.earliest <= projection.reachesAt && projection.reachesAt <= projection.latest);
    assert.equal(report.settings.memoryLimitBytes, 8 * 1024 ** 2);
    assert.equal(report.series.find((finding) => finding.verdict !== 'leak')?.projection, undefined);
  });
  it('shows the projection under the suspect in the text report', async () => {
    const result = await runCli([STORY, '--memory-limit', '8MiB']);
    assert.match(result.stdout, /\n {4}reaches 8\.00 MiB around 2026-12-\d\d \d\d:\d\d UTC, between .* \(process at \d\.\d\d MiB, \+3\.00 KiB\/h\)\n/);
  });
  it('refuses what is not a size', async () => {
    const result = await runCli([STORY, '--memory-limit', 'lots']);
    assert.deepEqual([result.code, result.stderr.split('\n')[0]], [2, 'leak-suspects: --memory-limit: not a size (512MiB): lots']);
  });
});

describe('--since, --until, --window, --now', () => {
  it('--since 12h keeps the last 12 hours before the newest record', async () => {
    const whole = await json([STORY]);
    const report = await json([STORY, '--since', '12h']);
    const to = Date.parse(whole.input.to ?? '');
    assert.equal(report.settings.window.since, new Date(to - 12 * 3_600_000).toISOString());
    assert.ok(Date.parse(report.input.from ?? '') >= to - 12 * 3_600_000);
    assert.equal(report.input.to, whole.input.to);
    assert.ok(report.input.skipped.outside_window > 0);
    assert.equal(report.suspects[0]?.module, CONNECTIONS);
    assert.ok((report.suspects[0]?.points ?? 0) <= 145);
  });
  it('--until and --window pick a stretch in the middle', async () => {
    const report = await json([STORY, '--until', '2026-11-02T18:00:00Z', '--window', '6h']);
    assert.deepEqual(report.settings.window, { since: '2026-11-02T12:00:00.000Z', until: '2026-11-02T18:00:00.000Z' });
    assert.ok((report.input.from ?? '') >= '2026-11-02T12:00:00.000Z' && (report.input.to ?? '') <= '2026-11-02T18:00:00.000Z');
  });
  it('--now counts back from the clock: a window with no records is an error', async () => {
    const result = await runCli([STORY, '--since', '24h', '--now']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^leak-suspects: none of the 5760 records lies between \d{4}-.*Z and the end\n$/);
  });
  it('--now=TIME counts back from that time', async () => {
    const report = await json([STORY, '--now=2026-11-02T12:00:00Z', '--since', '6h', '--until', '0h']);
    assert.deepEqual(report.settings.window, { since: '2026-11-02T06:00:00.000Z', until: '2026-11-02T12:00:00.000Z' });
  });
  it('refuses a window with two starts, and what is not a time', async () => {
    for (const [args, message] of [
      [['--since', '1h', '--window', '2h'], '--window and --since both set where the window starts; give one'],
      [['--since', 'yesterday'], '--since: not a duration (24h) or a time (2026-11-02T00:00Z): yesterday'],
      [['--window', '0h'], '--window: not a duration (24h): 0h'],
    ] as const) {
      const result = await runCli([STORY, ...args]);
      assert.deepEqual([result.code, result.stderr.split('\n')[0]], [2, `leak-suspects: ${message}`], args.join(' '));
    }
  });
});

describe('--baseline', () => {
  let yesterday: string;
  before(async () => {
    yesterday = join(dir, 'yesterday.json');
    await writeFile(yesterday, (await runCli([STORY, '--format', 'json'])).stdout);
  });

  it('marks a fixed leak resolved and a new one new', async () => {
    const report = await json([STEADY_LEAK, '--baseline', yesterday]);
    assert.deepEqual(report.suspects.map((s) => [s.module, s.baseline]), [[AUDIT, 'new']]);
    assert.equal(report.baseline?.resolved.length, 1);
    assert.equal(report.baseline?.resolved[0]?.module, CONNECTIONS);
    assert.notEqual(report.baseline?.resolved[0]?.verdictNow, 'leak');
    assert.deepEqual([report.baseline?.new, report.baseline?.ongoing], [1, 0]);
  });
  it('marks a leak seen in both runs ongoing', async () => {
    const report = await json([TWO_LEAKS, '--baseline', yesterday]);
    const status = Object.fromEntries(report.suspects.map((s) => [s.module, s.baseline]));
    assert.deepEqual(status, { [CONNECTIONS]: 'ongoing', [AUDIT]: 'new' });
    assert.deepEqual(report.baseline?.resolved, []);
  });
  it('says so in the text report', async () => {
    const result = await runCli([STEADY_LEAK, '--baseline', yesterday]);
    assert.match(result.stdout, /\n {2}new: \/srv\/shop\/app\/audit\.py on host=web-1 service=shop grew/);
    assert.match(result.stdout, /\nResolved since .*yesterday\.json\n {2}resolved: \/srv\/shop\/app\/connections\.py on host=web-1 service=shop \(now \w+, was \+3\.00 KiB\/h\)\n/);
  });
  it('refuses a baseline that is not a report, in one line', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"tool": "leak-suspects", "suspects": []}');
    for (const [file, message] of [
      [bad, /^leak-suspects: .*bad\.json: not a leak-suspects JSON report: input: .*\n$/],
      [join(dir, 'missing.json'), /^leak-suspects: .*missing\.json: no such file\n$/],
    ] as const) {
      const result = await runCli([STORY, '--baseline', file]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
    }
  });
});

describe('colour', () => {
  it('is off through a pipe, on with FORCE_COLOR, and NO_COLOR wins', async () => {
    const piped = await runCli([STORY], { env: { NO_COLOR: '' } });
    assert.doesNotMatch(piped.stdout, /\u001b\[/);
    const forced = await runCli([STORY], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    assert.match(forced.stdout, /\u001b\[1;31m1 suspect among 17 series\u001b\[0m/);
    const both = await runCli([STORY], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    assert.doesNotMatch(both.stdout, /\u001b\[/);
  });
});

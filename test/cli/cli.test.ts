/**
 * End to end: the built command, spawned as a user runs it, on the real samples. Each test
 * checks stdout, stderr and the exit code together.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Finding, Report } from '../../src/report/report.js';
import { BIN, sample } from '../helpers/paths.js';
import { expected, identity } from '../helpers/expected.js';
import { runCli } from '../helpers/run-cli.js';
import { runProcess } from '../helpers/run-process.js';

const STORY = sample('story.jsonl');
const HEALTHY = sample('healthy.jsonl');
const tmp = mkdtempSync(join(tmpdir(), 'leak-suspects-test-'));

async function jsonReport(args: string[], stdin?: Buffer): Promise<{ code: number | null; report: Report; stderr: string }> {
  const result = await runCli(['--format', 'json', ...args], stdin === undefined ? {} : { stdin });
  return { code: result.code, report: JSON.parse(result.stdout) as Report, stderr: result.stderr };
}

describe('leak-suspects on the seed story', () => {
  it('names exactly the leaking module as a suspect, in a table, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli([STORY]);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const truth = expected('story').leaking;
    assert.equal(truth.length, 1);
    assert.match(stdout, /^leak-suspects: 1 suspect among \d+ series/);
    const suspectsSection = stdout.split('\nOther series')[0] ?? '';
    assert.ok(suspectsSection.includes(truth[0]?.module ?? '?'), stdout);
    assert.match(suspectsSection, /KiB\/h/);
  });

  it('reports the SPEC fields in JSON, suspects matching the sample’s ground truth', async () => {
    const { code, report, stderr } = await jsonReport([STORY]);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    assert.equal(report.tool, 'leak-suspects');
    assert.deepEqual(report.suspects.map(identity), expected('story').leaking.map(identity));
    const suspect = report.suspects[0] as Finding;
    for (const field of ['module', 'labels', 'verdict', 'points', 'lifetimes', 'from', 'to', 'sizeFirst', 'sizeLast', 'growthBytesPerHour', 'growthLow', 'growthHigh', 'pValue', 'qValue', 'method']) {
      assert.ok(field in suspect, `suspects[0].${field}`);
    }
    assert.equal(suspect.verdict, 'leak');
    assert.ok((suspect.growthLow ?? 0) > 0 && (suspect.growthLow ?? 0) <= (suspect.growthBytesPerHour ?? 0));
    assert.ok((suspect.qValue ?? 1) < 0.05);
    assert.ok(report.series.length > report.suspects.length);
    assert.ok(report.series.every((f) => f.verdict !== 'leak' || report.suspects.some((s) => identity(s) === identity(f))));
    assert.ok(report.input.records > 0 && report.input.skipped.not_tracemalloc > 0);
    assert.match(report.input.from ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('gives the same report from standard input as from the file', async () => {
    const fromFile = await jsonReport([STORY]);
    const fromStdin = await jsonReport([], readFileSync(STORY));
    const fromDash = await jsonReport(['-'], readFileSync(STORY));
    assert.deepEqual(fromStdin.report.input.files, ['-']);
    const strip = (r: Report): unknown => ({ ...r, input: { ...r.input, files: [] } });
    assert.deepEqual(strip(fromStdin.report), strip(fromFile.report));
    assert.deepEqual(strip(fromDash.report), strip(fromFile.report));
    assert.equal(fromStdin.code, 1);
  });

  it('reads gzip-compressed input, whatever its name', async () => {
    const packed = join(tmp, 'story.log');
    writeFileSync(packed, gzipSync(readFileSync(STORY)));
    const plain = await jsonReport([STORY]);
    const gz = await jsonReport([packed]);
    assert.deepEqual(gz.report.suspects.map(identity), plain.report.suspects.map(identity));
    assert.equal(gz.report.input.records, plain.report.input.records);
  });

  it('exits 0 with --exit-zero even with suspects', async () => {
    const { code, stdout } = await runCli([STORY, '--exit-zero']);
    assert.equal(code, 0);
    assert.match(stdout, /1 suspect/);
  });

  it('finds no suspect above an impossible --min-growth, and exits 0', async () => {
    const { code, report } = await jsonReport([STORY, '--min-growth', '1GiB']);
    assert.equal(code, 0);
    assert.equal(report.suspects.length, 0);
    assert.equal(report.settings.minGrowthBytesPerHour, 1024 ** 3);
  });

  it('keeps tracemalloc.py and <frozen ...> frames only with --include-all', async () => {
    const plain = await jsonReport([STORY]);
    const all = await jsonReport([STORY, '--include-all']);
    const instrumentation = (r: Report): Finding[] => r.series.filter((f) => /tracemalloc\.py$|^<frozen |^<unknown>$/.test(f.module));
    assert.equal(instrumentation(plain.report).length, 0);
    assert.ok(instrumentation(all.report).length > 0);
    assert.ok(plain.report.input.skipped.instrumentation > 0);
    assert.equal(all.report.input.skipped.instrumentation, 0);
  });

  it('merges processes when --by names fewer identity keys', async () => {
    const byHost = await jsonReport([STORY, '--by', 'host']);
    assert.ok(byHost.report.series.every((f) => Object.keys(f.labels).join() === 'host'));
    assert.deepEqual(byHost.report.settings.by, ['host']);
  });

  it('labels records without context by their file, so two files stay two processes', async () => {
    const a = join(tmp, 'web-1.log');
    const b = join(tmp, 'web-2.log');
    const lines = readFileSync(STORY, 'utf8').split('\n');
    writeFileSync(a, lines.join('\n'));
    writeFileSync(b, lines.join('\n'));
    const { report } = await jsonReport([a, b, '--by', 'no_such_key']);
    const sources = new Set(report.series.map((f) => f.labels['source']));
    assert.deepEqual([...sources].sort(), [a, b]);
  });

  it('stops quietly when the reader closes the pipe (EPIPE)', async () => {
    const { code, stdout, stderr } = await runProcess('bash', ['-c', `node "${BIN}" "${STORY}" --exit-zero | head -c 20; echo " status=\${PIPESTATUS[0]}"`]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^leak-suspects: 1 sus status=0\n$/);
  });
});

describe('leak-suspects on a healthy service', () => {
  it('finds no suspect and exits 0', async () => {
    assert.deepEqual(expected('healthy').leaking, []);
    const { code, stdout, stderr } = await runCli([HEALTHY]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /^leak-suspects: 0 suspects among \d+ series/);
    assert.ok(!stdout.includes('\nSuspects\n'));
  });
});

describe('leak-suspects on bad input', () => {
  it('says a missing file is missing, in one line, and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(['samples/no-such-file.jsonl']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'leak-suspects: samples/no-such-file.jsonl: no such file\n');
  });

  it('says an empty file is empty and exits 2', async () => {
    const empty = join(tmp, 'empty.jsonl');
    writeFileSync(empty, '');
    const { code, stderr } = await runCli([empty]);
    assert.equal(code, 2);
    assert.equal(stderr, `leak-suspects: ${empty}: empty input\n`);
  });

  it('says binary garbage is not a text log, in one line, and exits 2', async () => {
    const garbage = join(tmp, 'garbage.bin');
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(garbage, bytes);
    const { code, stdout, stderr } = await runCli([garbage]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, `leak-suspects: ${garbage}: binary data, not a text log (nothing read)\n`);
  });

  it('says a text file without tracemalloc lines has none, and exits 2', async () => {
    const prose = join(tmp, 'prose.log');
    writeFileSync(prose, 'GET / 200\nGET /favicon.ico 404\n');
    const { code, stdout, stderr } = await runCli([prose]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, `leak-suspects: no tracemalloc records found in ${prose} (2 lines read)\n`);
  });

  it('reports on the good files when one is missing, with a warning; --strict makes it exit 2', async () => {
    const lenient = await runCli([STORY, 'missing.jsonl']);
    assert.equal(lenient.code, 1);
    assert.match(lenient.stdout, /1 suspect/);
    assert.equal(lenient.stderr, 'leak-suspects: missing.jsonl: no such file\n');
    const strict = await runCli([STORY, 'missing.jsonl', '--strict']);
    assert.equal(strict.code, 2);
    assert.equal(strict.stderr, 'leak-suspects: missing.jsonl: no such file\n');
  });

  it('skips and counts malformed lines, shows where they are, and uses the good lines around them', async () => {
    const lines = readFileSync(STORY, 'utf8').split('\n');
    lines.splice(10, 0, '{"event": "top_current", "stat": "/app/x.py:0: size=12 furlongs, count=1", "timestamp": "2026-11-02T00:00:00Z"}');
    lines.splice(20, 0, '{"event": "top_current", "stat": "/app/x.py:0: size=1 B, count=1, average=1 B" BROKEN');
    const damaged = join(tmp, 'damaged.jsonl');
    writeFileSync(damaged, lines.join('\n'));
    const clean = await jsonReport([STORY]);
    const { code, report, stderr } = await jsonReport([damaged]);
    assert.equal(code, 1);
    assert.equal(report.input.skipped.malformed, 2);
    assert.equal(report.input.records, clean.report.input.records);
    assert.deepEqual(report.suspects.map(identity), clean.report.suspects.map(identity));
    const shown = stderr.trimEnd().split('\n');
    assert.equal(shown.length, 2);
    assert.match(shown[0] ?? '', new RegExp(`^${damaged}:11: stat: .*unit`));
    assert.match(shown[1] ?? '', new RegExp(`^${damaged}:21: not JSON`));
  });

  it('stops at the first malformed line with --strict, exit 2', async () => {
    const damaged = join(tmp, 'damaged.jsonl');
    const { code, stdout, stderr } = await runCli([damaged, '--strict']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, new RegExp(`^${damaged}:11: stat: .*\\nleak-suspects: stopped at the first malformed line \\(--strict\\)\\n$`));
  });

  it('runs as an executable, the way npx and a bin link start it', async () => {
    const { code, stdout } = await runProcess(BIN, ['--version']);
    assert.equal(code, 0);
    assert.equal(stdout, '1.0.0\n');
  });

  it('answers an unknown option with one line and exit 2, and --help with exit 0', async () => {
    const bad = await runCli(['--frobnicate']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^leak-suspects: Unknown argument: frobnicate\n/);
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: leak-suspects/);
    assert.match(help.stdout, /--exit-zero/);
    const version = await runCli(['--version']);
    assert.equal(version.stdout, '1.0.0\n');
  });

  it('never echoes control characters from the log to the terminal', async () => {
    const evil = join(tmp, 'evil.jsonl');
    const stat = '/app/\u001b[31mred\u0007.py:0: size=1 B, count=1, average=1 B';
    const rows = Array.from({ length: 12 }, (_, k) =>
      JSON.stringify({ event: 'top_current', stat: k === 5 ? stat.replace('1 B, count', '1 XB, count') : stat, timestamp: 1_700_000_000 + k * 600, host: 'h\u001b]0;pwned\u0007' }),
    );
    writeFileSync(evil, rows.join('\n'));
    const { stdout, stderr } = await runCli([evil]);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(stdout + stderr), JSON.stringify(stdout + stderr));
    assert.match(stdout, /\/app\/red\.py/);
  });
});

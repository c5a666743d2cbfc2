/**
 * The progress line: unit tests with a fake clock and stream, then the command itself, in
 * process with a terminal-like stderr, and spawned with stderr a pipe (and, when `script` is
 * installed, a real pseudo-terminal).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { ProgressLine } from '../../src/cli/progress.js';
import type { ReadProgress } from '../../src/read/read-inputs.js';
import { BIN, REPO_ROOT, sample } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { runProcess } from '../helpers/run-process.js';

const MiB = 1024 * 1024;
const CLEAR = '\x1b[K';

function fakeTerminal(columns?: number): { writes: string[]; columns?: number; write(text: string): boolean } {
  const writes: string[] = [];
  return { writes, ...(columns === undefined ? {} : { columns }), write: (text: string) => writes.push(text) > 0 };
}

function at(overrides: Partial<ReadProgress> = {}): ReadProgress {
  return { file: 'web-1.log.gz', fileIndex: 1, fileCount: 5, bytesRead: 182 * MiB, fileBytes: 480 * MiB, linesRead: 1_204_000, ...overrides };
}

/** A display on a fake clock, `ms` milliseconds after it started. */
function display(columns?: number) {
  let clock = 5_000;
  const stream = fakeTerminal(columns);
  const line = new ProgressLine(stream, { now: () => clock });
  return { stream, line, after: (ms: number) => void (clock = 5_000 + ms) };
}

describe('ProgressLine', () => {
  it('shows nothing during the first second', () => {
    const { stream, line, after } = display(120);
    after(0);
    line.update(at());
    after(999);
    line.update(at());
    line.done();
    assert.deepEqual(stream.writes, []);
  });

  it('shows one line with the file, its percentage, bytes, lines and rate once a second has passed', () => {
    const { stream, line, after } = display(120);
    after(2_000);
    line.update(at({ fileIndex: 0, bytesRead: 190 * MiB }));
    line.update(at()); // the second input: the rate counts both inputs' bytes (190 + 182 MiB in 2 s)
    assert.deepEqual(stream.writes, [`\rreading 1/5 web-1.log.gz  39% 190 MiB of 480 MiB  1,204,000 lines  95.0 MiB/s${CLEAR}`]);
    after(2_200);
    line.update(at());
    assert.equal(stream.writes.at(-1), `\rreading 2/5 web-1.log.gz  37% 182 MiB of 480 MiB  1,204,000 lines  169 MiB/s${CLEAR}`);
  });

  it('redraws at most every 100 ms', () => {
    const { stream, line, after } = display(120);
    after(1_000);
    line.update(at());
    after(1_050);
    line.update(at());
    after(1_100);
    line.update(at());
    assert.equal(stream.writes.length, 2);
  });

  it('shows bytes without a percentage for standard input, and no count for a single input', () => {
    const { stream, line, after } = display(120);
    after(1_000);
    line.update(at({ file: '-', fileIndex: 0, fileCount: 1, fileBytes: undefined, bytesRead: 3 * MiB, linesRead: 999 }));
    assert.deepEqual(stream.writes, [`\rreading standard input  3.00 MiB  999 lines  3.00 MiB/s${CLEAR}`]);
  });

  it('clears the line when done, and draws no more', () => {
    const { stream, line, after } = display(120);
    after(1_500);
    line.update(at());
    line.done();
    after(3_000);
    line.update(at());
    line.done();
    assert.equal(stream.writes.length, 2);
    assert.equal(stream.writes[1], `\r${CLEAR}`);
  });

  it('fits the terminal: shortens the file name from its start, then cuts the line', () => {
    const long = `/var/log/archive/dt=20261102/hour=00/${'x'.repeat(80)}/web-1.log.gz`;
    for (const columns of [100, 80, 30]) {
      const { stream, line, after } = display(columns);
      after(1_000);
      line.update(at({ file: long }));
      const text = (stream.writes[0] ?? '').slice(1, -CLEAR.length);
      assert.ok(Array.from(text).length <= columns - 1, `${columns}: ${text}`);
      if (columns >= 80) assert.match(text, /^reading 2\/5 …x+\/web-1\.log\.gz  37% /);
      else assert.equal(text, 'reading 2/5 /var/log/archive/');
    }
  });

  it('draws the whole line when the width is unknown, with control characters taken out of the name', () => {
    const { stream, line, after } = display();
    after(1_000);
    line.update(at({ file: 'evil\x1b[2J\x07name.log' }));
    assert.match(stream.writes[0] ?? '', /^\rreading 2\/5 evilname\.log  37% .* lines  [\d.]+ MiB\/s\x1b\[K$/);
  });
});

/** A stdin that hands on a file in 64 KiB chunks, with the fake clock moving on `msPerChunk` before each. */
async function* slowly(bytes: Buffer, msPerChunk: number, clock: { ms: number }): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += 64 * 1024) {
    clock.ms += msPerChunk;
    await new Promise((resolve) => setImmediate(resolve));
    yield bytes.subarray(at, at + 64 * 1024);
  }
}

/**
 * Runs the command in process on the story sample, fed on standard input over 4.6 s of a fake
 * clock, with a terminal as stderr; resolves to its exit code and what it wrote, in order.
 */
async function onTerminal(env: Record<string, string>): Promise<{ code: number; events: string[] }> {
  const story = readFileSync(sample('story.jsonl'));
  const events: string[] = [];
  const clock = { ms: 0 };
  const now = performance.now;
  performance.now = () => clock.ms;
  try {
    const code = await main(['--format', 'json'], {
      stdin: slowly(story, 100, clock),
      stdout: { write: (text: string, done?: () => void) => (events.push(`stdout:${text.length}`), done?.(), true) } as never,
      stderr: { write: (text: string) => (events.push(`stderr:${text}`), true), isTTY: true, columns: 100 } as never,
      env,
    });
    return { code, events };
  } finally {
    performance.now = now;
  }
}

describe('leak-suspects progress on a terminal', () => {
  it('shows progress on a TTY stderr during a long read, and clears it before the report', async () => {
    const { code, events } = await onTerminal({});
    assert.equal(code, 1);
    const lines = events.filter((event) => event.startsWith('stderr:\rreading'));
    assert.ok(lines.length >= 5, events.join('\n'));
    for (const line of lines) assert.match(line, /^stderr:\rreading standard input  [\d.]+ [KM]iB  [\d,]+ lines  [\d.]+ [KM]iB\/s\x1b\[K$/);
    assert.match(lines.at(-1) ?? '', / 2\.\d\d MiB  12,[0-9]{3} lines /);
    // Cleared once, after the last progress line and before the report: nothing else on stderr.
    assert.deepEqual(events.slice(lines.length), [`stderr:\r${CLEAR}`, events.at(-1)]);
    assert.match(events.at(-1) ?? '', /^stdout:\d+$/);
  });

  it('shows no progress on a dumb terminal', async () => {
    const { code, events } = await onTerminal({ TERM: 'dumb' });
    assert.equal(code, 1);
    assert.deepEqual(events.filter((event) => event.startsWith('stderr:')), []);
  });

  it('prints nothing extra when stderr is not a TTY', async () => {
    const result = await runCli(['--format', 'json', sample('story.jsonl')]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
  });

  it('prints nothing extra when stderr is not a TTY, even on a read that takes seconds', async () => {
    const story = readFileSync(sample('story.jsonl'));
    const { code, stdout, stderr } = await runProcess(process.execPath, [BIN, '--format', 'json'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' },
      feed: async (stdin) => {
        stdin.write(story.subarray(0, story.length / 2));
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        stdin.end(story.subarray(story.length / 2));
      },
    });
    assert.equal(code, 1);
    assert.equal(stderr, '');
    assert.match(stdout, /"tool": "leak-suspects"/);
  });

  const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0;
  it('shows and clears the line on a real terminal (through script)', { skip: !hasScript && 'no script(1)' }, async () => {
    // stdin: half the sample, a pause longer than the display's delay, the rest; stdout to a
    // file, so that what the pseudo-terminal shows is stderr alone.
    const story = sample('story.jsonl');
    const command = `{ head -c 1500000 '${story}'; sleep 1.5; tail -c +1500001 '${story}'; } | '${process.execPath}' '${BIN}' --format json > /dev/null`;
    const result = await runProcess('script', ['-qec', command, '/dev/null'], { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC' } });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^\rreading standard input  [\d.]+ [KM]iB  [\d,]+ lines  [\d.]+ [KM]iB\/s\x1b\[K/);
    assert.ok(result.stdout.endsWith(`\r${CLEAR}`), JSON.stringify(result.stdout));
  });
});

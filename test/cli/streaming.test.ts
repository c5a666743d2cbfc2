/**
 * Streaming, proven rather than promised: an export several times larger than the JavaScript heap
 * the command is allowed (`--max-old-space-size`) is piped through its standard input, and the
 * report must be the one an unconstrained run gives on the same bytes, with the generator's leaks
 * found. Not timed: a slow machine passes, a reader that holds the input does not.
 */
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, describe, it } from 'node:test';
import { exportLines } from '../../bench/generate-export.js';
import type { Report } from '../../src/report/report.js';
import { BIN } from '../helpers/paths.js';
import { runProcess, type ProcessResult, type RunOptions } from '../helpers/run-process.js';

/** 800,000 lines (~207 MB, 10 hours of a 50-host fleet): 6× the heap below. */
const LINES = 800_000;
const HEAP_MB = 32;

const tmp = mkdtempSync(join(tmpdir(), 'leak-suspects-streaming-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the command with `args`, its standard input fed by `feed` when given (see `runProcess`). */
function run(nodeFlags: string[], args: string[], feed?: RunOptions['feed']): Promise<ProcessResult> {
  return runProcess(process.execPath, [...nodeFlags, BIN, ...args], feed === undefined ? {} : { feed });
}

describe('streaming', () => {
  it(`reads an export of ${LINES.toLocaleString('en-US')} lines through stdin with a ${HEAP_MB} MB heap, as an unconstrained run does`, async () => {
    const generated = exportLines(LINES, 'structlog');
    const copy = join(tmp, 'export.jsonl');
    // The same bytes go to the constrained command and to a file for the unconstrained one.
    const tee = new PassThrough();
    const saved = pipeline(tee, createWriteStream(copy));
    const toCommand = new PassThrough();
    tee.pipe(toCommand);
    // Made again after a hang (see runProcess), the run reads the same bytes from the copy.
    const constrained = run([`--max-old-space-size=${HEAP_MB}`], ['--format', 'json', '-'], (stdin, attempt) =>
      attempt === 1 ? pipeline(toCommand, stdin) : saved.then(() => pipeline(createReadStream(copy), stdin)),
    );
    await pipeline(Readable.from(generated.lines), tee);
    const [small] = await Promise.all([constrained, saved]);

    const bytes = statSync(copy).size;
    assert.ok(bytes > 6 * HEAP_MB * 1024 * 1024, `the export (${bytes} bytes) is not several times the heap`);
    assert.equal(small.stderr, '');
    assert.equal(small.code, 1, 'suspects found: exit 1');
    const constrainedReport = JSON.parse(small.stdout) as Report;
    assert.equal(constrainedReport.input.lines, LINES);
    assert.equal(constrainedReport.input.records, generated.stats().tracemallocLines);

    const full = await run([], ['--format', 'json', copy]);
    assert.equal(full.code, 1, full.stderr);
    const fullReport = JSON.parse(full.stdout) as Report;
    assert.deepEqual(constrainedReport.series, fullReport.series);
    assert.deepEqual(constrainedReport.suspects, fullReport.suspects);

    // And the answer is right: every series generated to leak is a suspect. In 10 hours some
    // warm-ups (a time constant of up to 3 h, in processes that start during the export) are
    // still rising at the end; nothing flat, noisy or stepped may be a suspect.
    const suspects = constrainedReport.suspects.map((f) => `${f.labels['host']}\u0000${f.module}`);
    const missed = [...generated.truth.leaks].filter((key) => !suspects.includes(key));
    assert.deepEqual(missed, []);
    const others = suspects.filter((key) => !generated.truth.leaks.has(key)).map((key) => `${key.replace('\u0000', ' ')}: ${generated.truth.behaviours.get(key)}`);
    assert.deepEqual(
      others.filter((other) => !other.endsWith(': plateau')),
      [],
    );
  });
});

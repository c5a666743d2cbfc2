import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByteSize } from '../../src/cli/byte-size.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import { parseArguments, UsageError } from '../../src/cli/options.js';

describe('parseByteSize', () => {
  it('reads binary and decimal units, case-insensitively', () => {
    assert.equal(parseByteSize('512MiB'), 512 * 1024 ** 2);
    assert.equal(parseByteSize('1.5 KiB'), 1536);
    assert.equal(parseByteSize('2048'), 2048);
    assert.equal(parseByteSize('4kb'), 4000);
    assert.equal(parseByteSize('1G'), 1024 ** 3);
    assert.equal(parseByteSize('lots'), undefined);
    assert.equal(parseByteSize('3 furlongs'), undefined);
  });
});

describe('parseArguments', () => {
  it('reads files, format and the trend settings', () => {
    const parsed = parseArguments(['a.log', '-', '--format', 'json', '--min-growth', '2KiB', '--by', 'host,pid', '--exit-zero']);
    assert.equal(parsed.kind, 'run');
    if (parsed.kind !== 'run') return;
    assert.deepEqual(parsed.options.files, ['a.log', '-']);
    assert.equal(parsed.options.format, 'json');
    assert.equal(parsed.options.exitZero, true);
    assert.equal(parsed.options.analyze.minGrowthBytesPerHour, 2048);
    assert.deepEqual(parsed.options.analyze.by, ['host', 'pid']);
  });
  it('turns mistakes into usage errors', () => {
    for (const argv of [['--format', 'pdf'], ['--alpha', '2'], ['--min-growth', 'lots'], ['--nope'], ['--min-points', '1']]) {
      assert.throws(() => parseArguments(argv), UsageError, argv.join(' '));
    }
  });
  it('answers --help and --version with text to print', () => {
    const help = parseArguments(['--help']);
    assert.equal(help.kind, 'print');
    assert.match(help.kind === 'print' ? help.text : '', /--min-growth/);
    const version = parseArguments(['--version']);
    assert.equal(version.kind === 'print' && version.text, '1.0.0');
  });
});

describe('exitCodeFor', () => {
  const outcome = { suspects: 0, inputFailed: false, strict: false, exitZero: false };
  it('is 0 without suspects, 1 with, 0 with --exit-zero', () => {
    assert.equal(exitCodeFor(outcome), 0);
    assert.equal(exitCodeFor({ ...outcome, suspects: 2 }), 1);
    assert.equal(exitCodeFor({ ...outcome, suspects: 2, exitZero: true }), 0);
  });
  it('warns rather than fails on an input read in part, unless --strict', () => {
    assert.equal(exitCodeFor({ ...outcome, suspects: 2, inputFailed: true }), 1);
    assert.equal(exitCodeFor({ ...outcome, inputFailed: true }), 0);
    assert.equal(exitCodeFor({ ...outcome, suspects: 2, inputFailed: true, strict: true, exitZero: true }), 2);
  });
});

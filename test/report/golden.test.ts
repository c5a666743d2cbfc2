import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * Golden files: the built command's whole report for a real sample, compared byte for byte with a
 * file kept in the source tree (test/golden/, not dist/). `UPDATE_GOLDEN=1` rewrites the files
 * from the current output instead; review the diff before committing it.
 */
const GOLDEN_DIR = join(REPO_ROOT, 'test', 'golden');

interface GoldenCase {
  /** The test's name. */
  readonly name: string;
  /** The command's arguments, with sample paths relative to the repository root (the report names them). */
  readonly args: readonly string[];
  /** The file in test/golden/. */
  readonly golden: string;
  /** The expected exit code: 1 when the sample has suspects. */
  readonly code: number;
}

/** One row per rendered report; a new format or sample is one more row (text cases go here too). */
const CASES: readonly GoldenCase[] = [
  { name: 'text report of the story sample', args: ['samples/story.jsonl'], golden: 'story.txt', code: 1 },
  { name: 'JSON report of the story sample', args: ['samples/story.jsonl', '--format', 'json'], golden: 'story.json', code: 1 },
  {
    name: 'text report of a leak across restarts, with a memory limit',
    args: ['samples/scenarios/restarts-leak.jsonl.gz', '--memory-limit', '16MiB'],
    golden: 'restarts-leak-limit.txt',
    code: 1,
  },
  {
    // The baseline is the JSON golden above: the story's leak fixed, another one new.
    name: 'text report compared with a previous run',
    args: ['samples/scenarios/steady-leak.jsonl.gz', '--baseline', 'test/golden/story.json'],
    golden: 'steady-leak-baseline.txt',
    code: 1,
  },
  {
    name: 'markdown report compared with a previous run',
    args: ['samples/scenarios/steady-leak.jsonl.gz', '--baseline', 'test/golden/story.json', '--format', 'markdown'],
    golden: 'steady-leak-baseline.md',
    code: 1,
  },
  { name: 'markdown report of the story sample', args: ['samples/story.jsonl', '--format', 'markdown'], golden: 'story.md', code: 1 },
  { name: 'csv report of the story sample', args: ['samples/story.jsonl', '--format', 'csv'], golden: 'story.csv', code: 1 },
  {
    name: 'markdown report of a leak across restarts, with a memory limit',
    args: ['samples/scenarios/restarts-leak.jsonl.gz', '--memory-limit', '16MiB', '--format', 'markdown'],
    golden: 'restarts-leak-limit.md',
    code: 1,
  },
];

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

for (const { name, args, golden, code } of CASES) {
  test(`golden: ${name} matches test/golden/${golden}`, async () => {
    const result = await runCli(args);
    assert.equal(result.stderr, '');
    assert.equal(result.code, code);
    const file = join(GOLDEN_DIR, golden);
    if (UPDATE) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, result.stdout);
      return;
    }
    const expected = await readFile(file, 'utf8').catch(() => null);
    const update = `run \`UPDATE_GOLDEN=1 node --test dist/test/report/golden.test.js\` to rewrite ${relative(REPO_ROOT, file)}, then review the diff`;
    assert.ok(expected !== null, `${relative(REPO_ROOT, file)} does not exist: ${update}`);
    if (result.stdout !== expected) {
      assert.fail(`the output differs from ${relative(REPO_ROOT, file)} ${firstDifference(result.stdout, expected)}; if the change is intended, ${update}`);
    }
  });
}

/** Where two texts first differ, as "at line N: expected …, got …" (the assertion's own diff is lost to a custom message). */
function firstDifference(actual: string, expected: string): string {
  const got = actual.split('\n');
  const want = expected.split('\n');
  const line = want.findIndex((text, i) => got[i] !== text);
  const at = line === -1 ? want.length : line;
  return `at line ${at + 1}: expected ${JSON.stringify(want[at] ?? '<end>')}, got ${JSON.stringify(got[at] ?? '<end>')}`;
}

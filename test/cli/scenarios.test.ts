/**
 * The labelled scenario suite: real Python services under tracemalloc (samples/scenarios/suite.py), one
 * behaviour each, with the truth by construction in each sidecar. Every application module must
 * get its verdict, exactly the leaking ones must be suspects, and nothing else may be a leak.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { identity } from '../helpers/expected.js';
import { SAMPLES } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

interface Truth {
  readonly description: string;
  readonly leaking: { module: string; labels: Record<string, string> }[];
  readonly verdicts: { module: string; labels: Record<string, string>; verdict: string }[];
}

const SCENARIOS = join(SAMPLES, 'scenarios');
const names = readdirSync(SCENARIOS)
  .filter((name) => name.endsWith('.expected.json'))
  .map((name) => name.replace('.expected.json', ''))
  .sort();

describe('the scenario suite', () => {
  it('holds the scenarios a leak detector must tell apart', () => {
    assert.ok(names.length >= 6, names.join(', '));
  });

  for (const name of names) {
    const truth = JSON.parse(readFileSync(join(SCENARIOS, `${name}.expected.json`), 'utf8')) as Truth;
    it(`${name}: every module gets its verdict, and only the leaks are suspects`, async () => {
      const { code, stdout, stderr } = await runCli(['--format', 'json', join(SCENARIOS, `${name}.jsonl.gz`)]);
      assert.equal(stderr, '');
      assert.equal(code, truth.leaking.length > 0 ? 1 : 0);
      const report = JSON.parse(stdout) as Report;
      const found = new Map(report.series.map((finding) => [identity(finding), finding]));
      const wrong = truth.verdicts
        .map((expected) => ({ expected, got: found.get(identity(expected)) }))
        .filter(({ expected, got }) => got?.verdict !== expected.verdict)
        .map(({ expected, got }) => `${identity(expected)}: expected ${expected.verdict}, got ${got?.verdict ?? 'no series'}${got === undefined ? '' : ` (${got.why})`}`);
      assert.deepEqual(wrong, [], truth.description);
      // The sidecar names a leak once per lifetime (pid); the report, once per process.
      assert.deepEqual(report.suspects.map(identity).sort(), [...new Set(truth.leaking.map(identity))].sort());
    });
  }
});

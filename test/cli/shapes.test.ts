/**
 * One real run (the story's first 12 hours), rendered into every input shape by
 * test/fixtures/shapes/render.py with the real renderers; every shape must give the same answer.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const SHAPES = join(REPO_ROOT, 'test', 'fixtures', 'shapes');
const REFERENCE = join(SHAPES, 'structlog.jsonl.gz');
const INPUTS = [...readdirSync(SHAPES).filter((name) => name.endsWith('.gz') && name !== 'structlog.jsonl.gz'), 'archive'];
/** The identity keys every shape carries (the Datadog ones add a pod_name tag). */
const BY = ['--by', 'host,service,pid'];

async function analyse(...args: string[]): Promise<Report> {
  const { code, stdout, stderr } = await runCli(['--format', 'json', ...args]);
  assert.equal(stderr, '', args.join(' '));
  assert.equal(code, 1, args.join(' '));
  return JSON.parse(stdout) as Report;
}

const answer = (report: Report): unknown => ({ series: report.series, suspects: report.suspects });

describe('every input shape', () => {
  it('has a fixture for each shape the README lists', () => {
    for (const name of ['kv.log.gz', 'logfmt.log.gz', 'console-plain.log.gz', 'console-colour.log.gz', 'console-quoted.log.gz', 'stdlib.log.gz', 'datadog-v2-response.json.gz', 'datadog-v2-array.json.gz', 'datadog-v2.ndjson.gz', 'datadog-v1.json.gz', 'explorer-content.csv.gz', 'explorer-facets.csv.gz', 'archive']) {
      assert.ok(INPUTS.includes(name), name);
    }
  });

  for (const input of INPUTS) {
    it(`gives the same series, verdicts and suspects from ${input} as from the structlog original`, async () => {
      const reference = await analyse(REFERENCE, ...BY);
      const report = await analyse(join(SHAPES, input), ...BY);
      assert.deepEqual(answer(report), answer(reference));
      assert.equal(report.input.records, reference.input.records);
      assert.equal(report.suspects.length, 1);
    });
  }

  it('drops every record of an overlapping export as a duplicate, whatever its shape', async () => {
    const reference = await analyse(REFERENCE, ...BY);
    const merged = await analyse(REFERENCE, join(SHAPES, 'kv.log.gz'), join(SHAPES, 'datadog-v2-response.json.gz'), ...BY);
    assert.deepEqual(answer(merged), answer(reference));
    // Each repeated statistic is a duplicate, except the instrumentation frames, left out before.
    assert.equal(merged.input.skipped.duplicate, 2 * (reference.input.records - reference.input.skipped.instrumentation));
  });

  it('takes pod_name from Datadog tags as an identity label by default', async () => {
    const report = await analyse(join(SHAPES, 'datadog-v2.ndjson.gz'));
    assert.ok(report.series.every((finding) => finding.labels['pod_name'] === 'shop-7d9f8'));
  });
});

/**
 * Real traceback blocks (test/fixtures/tracebacks/make.py: a leaking process logging
 * `snapshot.statistics("traceback")[:1]` through structlog), in both frame orders.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'tracebacks');
const LEAK = '/srv/shop/app/connections.py';
const SITE = `File "${LEAK}", line 12`;

describe('tracebacks', () => {
  for (const order of ['oldest-first', 'most-recent-first']) {
    it(`attach to the module they were allocated in, logged ${order}`, async () => {
      const { code, stdout, stderr } = await runCli(['--format', 'json', join(FIXTURES, `${order}.jsonl`)]);
      assert.equal(stderr, '');
      assert.equal(code, 1);
      const report = JSON.parse(stdout) as Report;
      const suspect = report.suspects.find((finding) => finding.module === LEAK);
      assert.ok(suspect?.traceback !== undefined, 'the suspect carries its traceback');
      const frames = suspect.traceback.filter((line) => line.trimStart().startsWith('File '));
      const site = order === 'oldest-first' ? frames[frames.length - 1] : frames[0];
      assert.equal(site?.trim(), SITE);
      assert.ok(report.series.filter((finding) => finding.module !== LEAK).every((finding) => finding.traceback === undefined || finding.traceback.some((line) => line.includes(finding.module))));
    });
  }

  it('are shown under the suspect in the text report', async () => {
    const { stdout } = await runCli([join(FIXTURES, 'most-recent-first.jsonl')]);
    const after = stdout.split('allocated at:')[1] ?? '';
    assert.ok(after.includes(SITE), stdout);
  });

  for (const [format, heading] of [
    ['html', '<h3>Allocated at</h3><pre>'],
    ['markdown', '  ```\n'],
  ] as const) {
    it(`are shown with the suspect in the ${format} report`, async () => {
      const { stdout } = await runCli([join(FIXTURES, 'most-recent-first.jsonl'), '--format', format]);
      const after = stdout.split(heading)[1] ?? '';
      assert.ok(after.includes(format === 'html' ? SITE.replaceAll('"', '&quot;') : SITE), stdout);
    });
  }
});

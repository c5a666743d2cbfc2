import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Report } from '../../src/report/report.js';
import { BIN, REPO_ROOT, sample } from '../helpers/paths.js';
import { runProcess, type ProcessResult } from '../helpers/run-process.js';

/** examples/nightly.sh, the README's nightly job, run as cron would run it. */
function nightly(exportPath: string, env: Record<string, string>): Promise<ProcessResult> {
  return runProcess('sh', [join(REPO_ROOT, 'examples', 'nightly.sh'), exportPath], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', TZ: 'UTC', LEAK_SUSPECTS: `${process.execPath} ${BIN}`, ...env },
  });
}

describe('the nightly job (examples/nightly.sh)', () => {
  it('keeps a day’s reports, compares each day with the one before, and exits 1 on suspects', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'leak-suspects-nightly-'));
    const first = await nightly(sample('story.jsonl'), { LEAK_REPORTS: reports, REPORT_DATE: '2026-11-03' });
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /leak suspects found: .*2026-11-03\.md/);
    const second = await nightly(sample('scenarios/steady-leak.jsonl.gz'), { LEAK_REPORTS: reports, REPORT_DATE: '2026-11-04' });
    assert.equal(second.code, 1, second.stderr);
    assert.deepEqual((await readdir(reports)).sort(), [
      '2026-11-03.html', '2026-11-03.json', '2026-11-03.md',
      '2026-11-04.html', '2026-11-04.json', '2026-11-04.md', 'latest.json',
    ]);
    const today = JSON.parse(await readFile(join(reports, '2026-11-04.json'), 'utf8')) as Report;
    assert.deepEqual(today.suspects.map((s) => [s.module, s.baseline]), [['/srv/shop/app/audit.py', 'new']]);
    assert.equal(today.baseline?.resolved[0]?.module, '/srv/shop/app/connections.py');
    assert.ok(today.suspects[0]?.projection, 'projected to the memory limit');
    assert.equal(await readFile(join(reports, 'latest.json'), 'utf8'), await readFile(join(reports, '2026-11-04.json'), 'utf8'));
  });
  it('fails with exit 2 and keeps the baseline when the export holds nothing', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'leak-suspects-nightly-'));
    const result = await nightly(sample('generate.py'), { LEAK_REPORTS: reports, REPORT_DATE: '2026-11-05' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /nightly leak check failed \(exit 2\)/);
    assert.deepEqual(await readdir(reports), []);
  });
});

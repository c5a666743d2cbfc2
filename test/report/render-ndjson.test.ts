import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import { test } from 'node:test';
import { ndjsonFindings } from '../../src/report/render-ndjson.js';
import type { Finding } from '../../src/report/report.js';
import { finding, reportOf } from '../helpers/findings.js';

test('ndjsonFindings writes every series once, one JSON object a line: suspects first in their order, then the rest in report order', async () => {
  const a = finding({ module: '/app/a.py', verdict: 'flat' });
  const leakB = finding({ module: '/app/b.py', verdict: 'leak', growthBytesPerHour: 10 });
  const c = finding({ module: '/app/c.py', verdict: 'noisy', growthBytesPerHour: null, pValue: null });
  const leakD = finding({ module: '/app/d.py', verdict: 'leak', growthBytesPerHour: 90, baseline: 'new' });
  const out = await text(await ndjsonFindings(reportOf([leakD, leakB], [a, leakB, c, leakD])));
  assert.ok(out.endsWith('\n'));
  const lines = out.slice(0, -1).split('\n');
  assert.deepEqual(
    lines.map((line) => JSON.parse(line) as Finding),
    [leakD, leakB, a, c],
  );
});

test('ndjsonFindings keeps a finding on one line whatever its text holds', async () => {
  const odd = finding({ module: '/app/x.py', why: 'line one\nline two\r\n\u2028end', traceback: ['  File "/app/x.py", line 3\n    leak()'] });
  const out = await text(await ndjsonFindings(reportOf([], [odd])));
  assert.equal(out.split('\n').length, 2);
  assert.deepEqual(JSON.parse(out), odd);
});

test('ndjsonFindings writes nothing for a report without series', async () => {
  assert.equal(await text(await ndjsonFindings(reportOf([], []))), '');
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BaselineError, compareWithBaseline, parseBaseline } from '../../src/report/baseline.js';
import { finding as suspect } from '../helpers/findings.js';

const MiB = 1024 ** 2;

function previousReport(suspects: object[]): string {
  return JSON.stringify({ tool: 'leak-suspects', version: '1.0.0', input: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' }, suspects, series: [] });
}

describe('parseBaseline', () => {
  it('reads the suspects of a previous JSON report', () => {
    const previous = parseBaseline(previousReport([{ module: '/app/a.py', labels: { host: 'web-1' }, growthBytesPerHour: 100 }]), 'yesterday.json');
    assert.equal(previous.file, 'yesterday.json');
    assert.equal(previous.suspects[0]?.module, '/app/a.py');
  });
  it('says where a report is not one', () => {
    assert.throws(() => parseBaseline('{"tool": "leak-suspects", "input": {"from": null, "to": null}, "suspects": [{"module": 3}]}', 'x.json'), (error: unknown) => {
      assert.ok(error instanceof BaselineError);
      assert.match(error.message, /^x\.json: not a leak-suspects JSON report: suspects\[0\]\.module: /);
      return true;
    });
    assert.throws(() => parseBaseline('not json', 'x.json'), { message: /^x\.json: not a JSON report: / });
    assert.throws(() => parseBaseline('{"tool": "other"}', 'x.json'), { message: /^x\.json: not a leak-suspects JSON report: tool: / });
  });
});

describe('compareWithBaseline', () => {
  const previous = parseBaseline(
    previousReport([
      { module: '/app/fixed.py', labels: { host: 'web-1', pid: '100' }, growthBytesPerHour: 5000 },
      { module: '/app/still.py', labels: { host: 'web-1', pid: '100' }, growthBytesPerHour: 3000 },
    ]),
    'yesterday.json',
  );
  const still = suspect({ module: '/app/still.py', labels: { host: 'web-1', pid: '200' } });
  const fresh = suspect({ module: '/app/fresh.py', sizeLast: MiB });
  const fixed = suspect({ module: '/app/fixed.py', labels: { host: 'web-1', pid: '200' }, verdict: 'flat' });

  it('marks suspects new or ongoing, whatever their pid', () => {
    const { status, comparison } = compareWithBaseline([fresh, still], [fresh, still, fixed], previous);
    assert.equal(status.get(still), 'ongoing');
    assert.equal(status.get(fresh), 'new');
    assert.deepEqual([comparison.new, comparison.ongoing], [1, 1]);
  });
  it('lists the previous suspects that are not suspects now, with their verdict now', () => {
    const { comparison } = compareWithBaseline([fresh, still], [fresh, still, fixed], previous);
    assert.deepEqual(comparison.resolved, [{ module: '/app/fixed.py', labels: { host: 'web-1', pid: '100' }, growthBytesPerHour: 5000, verdictNow: 'flat' }]);
    assert.equal(compareWithBaseline([], [], previous).comparison.resolved[0]?.verdictNow, null);
  });
  it('tells series of different hosts apart', () => {
    const elsewhere = { ...still, labels: { host: 'web-2', pid: '100' } };
    assert.equal(compareWithBaseline([elsewhere], [elsewhere], previous).status.get(elsewhere), 'new');
  });
});

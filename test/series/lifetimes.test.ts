import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TraceRecord } from '../../src/read/record.js';
import { SeriesCollector } from '../../src/series/collect-series.js';
import { mergeLifetimes } from '../../src/series/lifetimes.js';
import { record } from '../helpers/records.js';

/** Hourly points of `module` for a process with `labels` from hour `from` to hour `to`. */
function run(labels: Record<string, string>, from: number, to: number, module = '/app/a.py'): TraceRecord[] {
  return Array.from({ length: to - from + 1 }, (_, k) => record(module, from + k, 1000 + k, { labels }));
}

function merged(records: TraceRecord[]) {
  const c = new SeriesCollector({ includeAll: false });
  for (const r of records) c.record(r);
  return mergeLifetimes(c.finish().series);
}

describe('mergeLifetimes', () => {
  it('joins the lifetimes of a restarted process into one series, split where each starts', () => {
    const series = merged([...run({ host: 'web-1', pid: '7' }, 0, 4), ...run({ host: 'web-1', pid: '9' }, 5, 9), ...run({ host: 'web-1', pid: '11' }, 10, 12)]);
    assert.equal(series.length, 1);
    assert.deepEqual(series[0]?.labels, { host: 'web-1' });
    assert.deepEqual(series[0]?.lifetimeStarts, [0, 5, 10]);
    assert.equal(series[0]?.load().times.length, 13);
  });

  it('keeps worker processes that run side by side apart, labelled by their pids', () => {
    const series = merged([...run({ host: 'web-1', pid: '7' }, 0, 9), ...run({ host: 'web-1', pid: '8' }, 0, 9), ...run({ host: 'web-1', pid: '12' }, 10, 12)]);
    assert.equal(series.length, 2);
    assert.deepEqual(
      series.map((s) => s.labels['pid']).sort(),
      ['7→12', '8'],
    );
    assert.deepEqual(series.find((s) => s.labels['pid'] === '7→12')?.lifetimeStarts, [0, 10]);
  });

  it('tells hosts apart and leaves series without lifetime keys as they are', () => {
    const series = merged([...run({ host: 'web-1' }, 0, 3), ...run({ host: 'web-2' }, 0, 3)]);
    assert.deepEqual(series.map((s) => s.labels), [{ host: 'web-1' }, { host: 'web-2' }]);
    assert.ok(series.every((s) => s.lifetimeStarts.length === 1));
  });

  it('names a process known only by its pids by those pids', () => {
    const series = merged([...run({ pid: '7' }, 0, 3), ...run({ pid: '9' }, 4, 6)]);
    assert.deepEqual(series[0]?.labels, { pid: '7→9' });
  });

  it('counts only the lifetimes in which the module was logged', () => {
    const series = merged([
      ...run({ host: 'h', pid: '1' }, 0, 3, '/app/a.py'),
      ...run({ host: 'h', pid: '2' }, 4, 7, '/app/b.py'),
      ...run({ host: 'h', pid: '3' }, 8, 11, '/app/a.py'),
    ]);
    const a = series.find((s) => s.module === '/app/a.py');
    assert.deepEqual(a?.lifetimeStarts, [0, 4]);
    assert.equal(series.find((s) => s.module === '/app/b.py')?.lifetimeStarts.length, 1);
  });
});

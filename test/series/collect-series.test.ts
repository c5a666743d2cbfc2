import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeriesCollector } from '../../src/series/collect-series.js';
import { isInstrumentationFrame } from '../../src/series/instrumentation.js';
import type { TraceEvent, TraceRecord } from '../../src/read/record.js';
import { HOUR, record, seeded, T0 } from '../helpers/records.js';

describe('SeriesCollector', () => {
  it('makes one series per labels and module, points sorted by time', () => {
    const c = new SeriesCollector({ includeAll: false });
    c.record(record('/app/a.py', 2, 30));
    c.record(record('/app/a.py', 0, 10));
    c.record(record('/app/a.py', 1, 20, { labels: { host: 'web-2' } }));
    c.record(record('/app/a.py', 1, 20));
    const { series, from, to } = c.finish();
    assert.equal(series.length, 2);
    const web1 = series.find((s) => s.labels['host'] === 'web-1')?.load();
    assert.deepEqual([...(web1?.sizes ?? [])], [10, 20, 30]);
    assert.deepEqual([...(web1?.times ?? [])], [T0, T0 + HOUR, T0 + 2 * HOUR]);
    assert.equal(from, T0);
    assert.equal(to, T0 + 2 * HOUR);
  });

  it('tells consecutive records of different processes apart, however alike their labels', () => {
    const c = new SeriesCollector({ includeAll: false });
    // Fresh label objects each time, as parsed lines give: the same process is found by their values.
    const labelSets = [{ host: 'a', pid: '1' }, { pid: '1', host: 'a' }, { host: 'a', pid: '2' }, { host: 'a' }, { host: 'a', pid: '1', pod_name: 'p' }];
    labelSets.forEach((labels, h) => c.record(record('/app/a.py', h, 100 + h, { labels: { ...labels } })));
    const { series } = c.finish();
    const sizes = new Map(series.map((s) => [JSON.stringify(Object.entries(s.labels).sort()), [...s.load().sizes]]));
    assert.deepEqual(
      sizes,
      new Map([
        [JSON.stringify([['host', 'a'], ['pid', '1']]), [100, 101]],
        [JSON.stringify([['host', 'a'], ['pid', '2']]), [102]],
        [JSON.stringify([['host', 'a']]), [103]],
        [JSON.stringify([['host', 'a'], ['pid', '1'], ['pod_name', 'p']]), [104]],
      ]),
    );
  });

  it('drops exact duplicates from overlapping exports and counts them', () => {
    const c = new SeriesCollector({ includeAll: false });
    for (const h of [0, 1, 2, 1, 2]) c.record(record('/app/a.py', h, 100 + h));
    c.record(record('/app/a.py', 1, 999)); // same instant, different value: not a duplicate
    const { series, duplicates } = c.finish();
    assert.equal(duplicates, 2);
    assert.deepEqual([...(series[0]?.load().sizes ?? [])], [100, 101, 999, 102]);
  });

  it('leaves out instrumentation frames unless told to keep them', () => {
    for (const includeAll of [false, true]) {
      const c = new SeriesCollector({ includeAll });
      for (const hours of [0, 1]) {
        c.record(record('/usr/lib/python3.11/tracemalloc.py', hours, 1));
        c.record(record('<frozen importlib._bootstrap>', hours, 1));
        c.record(record('/app/a.py', hours, 1));
      }
      const { series, excluded } = c.finish();
      assert.equal(series.length, includeAll ? 3 : 1);
      assert.equal(excluded, includeAll ? 0 : 4);
      assert.ok(series.every((s) => s.length === 2));
    }
  });

  it('finds the series of every record among many processes, files and families, in any order', () => {
    const c = new SeriesCollector({ includeAll: false });
    const random = seeded(11);
    const events: TraceEvent[] = ['top_current', 'since_start', 'top_incremental'];
    // Each process logs its own run of files, overlapping its neighbours' (numbered as first seen).
    const records: TraceRecord[] = [];
    for (let hours = 0; hours < 3; hours++) {
      for (let p = 0; p < 30; p++) {
        for (let f = 2 * p; f < 2 * p + 40; f++) {
          const event = events[f % 3] as TraceEvent;
          records.push(record(`/app/m${f}.py`, hours, 1e6 * p + 1e3 * f + hours, { labels: { host: `h${p}` }, event }));
        }
      }
    }
    for (let i = records.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [records[i], records[j]] = [records[j] as TraceRecord, records[i] as TraceRecord];
    }
    for (const one of records) c.record({ ...one, labels: { ...one.labels } });
    const { series } = c.finish();
    assert.equal(series.length, 30 * 40);
    for (const s of series) {
      const p = Number(s.labels['host']?.slice(1));
      const f = Number(/m(\d+)/.exec(s.module)?.[1]);
      assert.equal(s.event, events[f % 3]);
      assert.deepEqual([...s.load().sizes], [0, 1, 2].map((hours) => 1e6 * p + 1e3 * f + hours), `${s.key}`);
    }
  });

  it('keeps the lines of one module apart, the line-less statistics among them, in key order', () => {
    const c = new SeriesCollector({ includeAll: false });
    const at = (lineno: number, hours: number, size: number): TraceRecord => {
      const one = record('/app/a.py', hours, size);
      return { ...one, statistic: { ...one.statistic, lineno } };
    };
    for (const [lineno, hours, size] of [[12, 0, 1], [0, 0, 2], [3, 0, 3], [0, 1, 4], [12, 1, 5], [3, 1, 6]] as const) c.record(at(lineno, hours, size));
    c.record({ ...at(7, 0, 1), statistic: { ...at(7, 0, 1).statistic, filename: '/usr/lib/python3.11/tracemalloc.py' } });
    const { series, excluded } = c.finish();
    assert.deepEqual(
      series.map((s) => [s.lineno, [...s.load().sizes]]),
      [
        [0, [2, 4]],
        [12, [1, 5]],
        [3, [3, 6]],
      ],
    );
    assert.equal(excluded, 1);
  });

  it('builds a series from the event family with the most points, since_start and top_diffs being one', () => {
    const c = new SeriesCollector({ includeAll: false });
    c.record(record('/app/a.py', 0, 1, { event: 'top_current' }));
    c.record(record('/app/a.py', 0, 2, { event: 'since_start' }));
    c.record(record('/app/a.py', 1, 3, { event: 'top_diffs' }));
    const { series } = c.finish();
    assert.equal(series[0]?.event, 'since_start');
    assert.deepEqual([...(series[0]?.load().sizes ?? [])], [2, 3]);
  });

  it('prefers top_current, then since_start, then top_incremental among families with as many points', () => {
    const families = (events: TraceEvent[]): string | undefined => {
      const c = new SeriesCollector({ includeAll: false });
      events.forEach((event, h) => c.record(record('/app/a.py', h, h, { event })));
      return c.finish().series[0]?.event;
    };
    assert.equal(families(['top_incremental', 'since_start', 'top_current']), 'top_current');
    assert.equal(families(['top_incremental', 'top_diffs']), 'since_start');
    assert.equal(families(['top_incremental', 'top_incremental', 'top_current']), 'top_incremental');
  });
});

describe('isInstrumentationFrame', () => {
  it('knows tracemalloc.py on any path, <frozen ...> and <unknown>', () => {
    assert.ok(isInstrumentationFrame('/usr/lib/python3.6/tracemalloc.py'));
    assert.ok(isInstrumentationFrame('C:\\Python311\\Lib\\tracemalloc.py'));
    assert.ok(isInstrumentationFrame('<frozen importlib._bootstrap_external>'));
    assert.ok(isInstrumentationFrame('<unknown>'));
    assert.ok(!isInstrumentationFrame('/app/not_tracemalloc.py'));
    assert.ok(!isInstrumentationFrame('<string>'));
  });
});

describe('SeriesCollector.laterPart', () => {
  it('puts a later part’s points after the earlier part’s, whichever arrive first', () => {
    const c = new SeriesCollector({ includeAll: false });
    const later = c.laterPart();
    // The later stretch of the file is read meanwhile: its points arrive first and interleaved.
    const a = later.define(record('/app/a.py', 1, 0));
    const left = later.define(record('/usr/lib/python3.11/tracemalloc.py', 1, 0));
    later.push(a, T0 + HOUR, 999, 1, 1, Number.NaN); // the same instant as an earlier point, another value
    c.record(record('/app/a.py', 0, 100));
    later.push(a, T0 + 2 * HOUR, 102, 1, 1, Number.NaN);
    later.push(left, T0 + 3 * HOUR, 5, 1, 1, Number.NaN);
    c.record(record('/app/a.py', 1, 101));
    later.close();
    c.record(record('/app/a.py', 1, 500)); // after the later part, in the file's order
    const { series, excluded, to } = c.finish();
    assert.equal(series.length, 1);
    assert.deepEqual([...(series[0]?.load().sizes ?? [])], [100, 101, 999, 500, 102]);
    assert.equal(excluded, 1);
    assert.equal(to, T0 + 3 * HOUR);
  });
});

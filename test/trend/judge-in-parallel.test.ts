import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TraceRecord } from '../../src/read/record.js';
import { SeriesCollector } from '../../src/series/collect-series.js';
import { mergeLifetimes } from '../../src/series/lifetimes.js';
import { judgeSeriesInParallel } from '../../src/trend/judge-in-parallel.js';
import { judgeSeries } from '../../src/trend/judge-series.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/trend/settings.js';
import { record, seeded } from '../helpers/records.js';

/** Series of every kind: leaks, warm-ups, steps, noise, restarts, since_start diffs, and too short ones. */
function series(spillFromPoints = Infinity) {
  const random = seeded(20261123);
  const records: TraceRecord[] = [];
  for (let host = 0; host < 6; host++) {
    for (let i = 0; i < 150; i++) {
      const hours = i / 6;
      const labels = { host: `web-${host}`, pid: String(100 + Math.floor(hours / 8)) };
      const noise = () => (random() - 0.5) * 8192;
      records.push(
        record('/app/leak.py', hours, Math.round((500_000 + 3000 * (hours % 8) + noise()) / 1024) * 1024, { labels, resolution: 1024 }),
        record('/app/flat.py', hours, Math.round((900_000 + noise()) / 1024) * 1024, { labels, resolution: 1024 }),
        record('/app/cache.py', hours, Math.round(200_000 * (1 - Math.exp(-hours / 2)) + noise()), { labels }),
        record('/app/step.py', hours, hours < 12 ? 100_000 : 400_000, { labels }),
        record('/app/diffs.py', hours, 50_000 + 500 * hours, { labels, event: 'since_start' }),
      );
      if (i < 5) records.push(record('/app/short.py', hours, 1000, { labels }));
    }
  }
  const collector = new SeriesCollector({ includeAll: false, spillFromPoints });
  for (const one of records) collector.record(one);
  return mergeLifetimes(collector.finish().series);
}

describe('judgeSeriesInParallel', () => {
  it('gives the answers of judgeSeries, on worker threads', async () => {
    const all = series();
    const expected = judgeSeries(all, DEFAULT_TREND_SETTINGS);
    assert.ok(new Set(expected.map((one) => one.verdict)).size >= 4, 'the series are of several kinds');
    for (const threads of [2, 3]) {
      assert.deepEqual(await judgeSeriesInParallel(all, DEFAULT_TREND_SETTINGS, { threads, fromPoints: 0 }), expected, `${threads} threads`);
    }
  });
  it('gives them for series read back from a temporary file', async () => {
    const expected = judgeSeries(series(), DEFAULT_TREND_SETTINGS);
    assert.deepEqual(await judgeSeriesInParallel(series(1000), DEFAULT_TREND_SETTINGS, { threads: 2, fromPoints: 0 }), expected);
  });
  it('stays on one thread for few points', async () => {
    const all = series().slice(0, 3);
    assert.deepEqual(await judgeSeriesInParallel(all, DEFAULT_TREND_SETTINGS, { threads: 2 }), judgeSeries(all, DEFAULT_TREND_SETTINGS));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeriesCollector } from '../../src/series/collect-series.js';
import { judgeSeries } from '../../src/trend/judge-series.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/trend/settings.js';
import type { TraceRecord } from '../../src/read/record.js';
import { record, seeded } from '../helpers/records.js';

const KiB = 1024;

function judge(records: TraceRecord[], settings = DEFAULT_TREND_SETTINGS) {
  const c = new SeriesCollector({ includeAll: false });
  for (const r of records) c.record(r);
  const { series } = c.finish();
  const judgements = judgeSeries(series, settings);
  return new Map(series.map((s, i) => [s.module, judgements[i]]));
}

/** 24 h of 5-minute snapshots of `f(hours)`. */
function day(module: string, f: (hours: number) => number): TraceRecord[] {
  return Array.from({ length: 288 }, (_, k) => record(module, k / 12, f(k / 12)));
}

describe('judgeSeries', () => {
  const random = seeded(7);
  const verdicts = judge([
    ...day('/app/leak.py', (h) => 1840 * KiB + Math.round((3 * KiB * h) / KiB) * KiB),
    ...day('/app/pool.py', () => 2.5 * 1024 * KiB),
    ...day('/app/noise.py', () => Math.round(50 * KiB + random() * 100 * KiB)),
    ...day('/app/release.py', (h) => 900 * KiB - 10 * KiB * h),
    ...day('/app/slow.py', (h) => 500 * KiB + 100 * h),
    ...[0, 0.1, 0.2].map((h) => record('/app/short.py', h, 1000 * h)),
  ]);

  it('flags a steady leak of 3 KiB/h under a 1.8 MiB pool, with an interval around the true rate', () => {
    const leak = verdicts.get('/app/leak.py');
    assert.equal(leak?.verdict, 'leak');
    assert.ok(Math.abs((leak?.growthBytesPerHour ?? 0) - 3 * KiB) < 0.05 * 3 * KiB);
    assert.ok((leak?.growthLow ?? Infinity) < 3 * KiB && 3 * KiB < (leak?.growthHigh ?? 0));
    assert.ok((leak?.qValue ?? 1) < 1e-10);
  });

  it('calls a constant pool flat with p = 1 rather than NaN', () => {
    const pool = verdicts.get('/app/pool.py');
    assert.equal(pool?.verdict, 'flat');
    assert.equal(pool?.growthBytesPerHour, 0);
    assert.equal(pool?.pValue, 1);
  });

  it('does not flag trendless noise', () => {
    assert.equal(verdicts.get('/app/noise.py')?.verdict, 'flat');
  });

  it('calls a pool released over time shrinking', () => {
    assert.equal(verdicts.get('/app/release.py')?.verdict, 'shrinking');
  });

  it('does not flag significant growth below the minimum rate', () => {
    const slow = verdicts.get('/app/slow.py');
    assert.ok((slow?.qValue ?? 1) < 0.05);
    assert.equal(slow?.verdict, 'flat');
  });

  it('calls a series with too few points insufficient, with no numbers', () => {
    const short = verdicts.get('/app/short.py');
    assert.equal(short?.verdict, 'insufficient');
    assert.equal(short?.pValue, null);
  });

  it('corrects across all series: no q below its p, and none of 40 trendless series flagged', () => {
    const rng = seeded(11);
    const many = Array.from({ length: 40 }, (_, m) => day(`/app/n${m}.py`, () => Math.round(rng() * 100 * KiB))).flat();
    const judged = [...judge(many, { ...DEFAULT_TREND_SETTINGS, minGrowthBytesPerHour: 0 }).values()];
    assert.equal(judged.length, 40);
    for (const j of judged) assert.ok((j?.qValue ?? 0) >= (j?.pValue ?? 1));
    assert.equal(judged.filter((j) => j?.verdict === 'leak').length, 0);
  });
});

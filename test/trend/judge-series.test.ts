import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TraceRecord } from '../../src/read/record.js';
import { SeriesCollector } from '../../src/series/collect-series.js';
import { mergeLifetimes } from '../../src/series/lifetimes.js';
import { judgeSeries, type Judgement } from '../../src/trend/judge-series.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/trend/settings.js';
import { record, seeded } from '../helpers/records.js';

const KiB = 1024;

function judge(records: TraceRecord[], settings = DEFAULT_TREND_SETTINGS): Map<string, Judgement> {
  const c = new SeriesCollector({ includeAll: false });
  for (const r of records) c.record(r);
  const series = mergeLifetimes(c.finish().series);
  const judgements = judgeSeries(series, settings);
  return new Map(series.map((s, i) => [s.module, judgements[i] as Judgement]));
}

/** `hours` of 5-minute snapshots of `f(hours)`, rounded as tracemalloc prints sizes of that magnitude. */
function snapshots(module: string, f: (hours: number) => number, hours = 24, labels: Record<string, string> = { host: 'web-1' }, from = 0): TraceRecord[] {
  return Array.from({ length: hours * 12 }, (_, k) => {
    const h = from + k / 12;
    return record(module, h, printed(f(h)), { labels, resolution: f(h) >= 10 * KiB ? KiB : 1 });
  });
}

/** A size rounded as `_format_size` prints it (whole bytes below 10 KiB, else 1 KiB here). */
function printed(bytes: number): number {
  return bytes < 10 * KiB ? Math.round(bytes) : Math.round(bytes / KiB) * KiB;
}

/** A process restarted every `every` hours for `hours`, a new pid each lifetime. */
function restarted(module: string, f: (age: number) => number, hours: number, every: number): TraceRecord[] {
  const records: TraceRecord[] = [];
  for (let start = 0, pid = 100; start < hours; start += every, pid += 1) {
    records.push(...snapshots(module, (h) => f(h - start), every, { host: 'web-1', pid: String(pid) }, start));
  }
  return records;
}

describe('judgeSeries', () => {
  const random = seeded(7);
  const noise = (scale: number): number => (random() - 0.5) * scale;
  const verdicts = judge([
    ...snapshots('/app/leak.py', (h) => 1840 * KiB + 3 * KiB * h),
    ...snapshots('/app/pool.py', () => 2.5 * 1024 * KiB),
    ...snapshots('/app/noise.py', () => 150 * KiB + noise(200 * KiB)),
    ...snapshots('/app/release.py', (h) => 900 * KiB - 30 * KiB * h),
    ...snapshots('/app/slow.py', (h) => 500 * KiB + 100 * h),
    ...snapshots('/app/warmup.py', (h) => Math.min(h, 4) * 300 * KiB + noise(8 * KiB)),
    ...snapshots('/app/step.py', (h) => (h < 10 ? 200 * KiB : 2200 * KiB) + noise(8 * KiB)),
    ...snapshots('/app/late.py', (h) => 400 * KiB + Math.max(0, h - 16) * 40 * KiB + noise(8 * KiB)),
    ...snapshots('/app/buffer.py', (h) => 50 * KiB + (h % 1) * 800 * KiB),
    ...[0, 0.1, 0.2].map((h) => record('/app/short.py', h, 1000 * h)),
  ]);

  it('flags a steady leak of 3 KiB/h under a rounded 1.8 MiB pool, its interval around the true rate', () => {
    const leak = verdicts.get('/app/leak.py');
    assert.equal(leak?.verdict, 'leak');
    assert.ok(Math.abs((leak?.growthBytesPerHour ?? 0) - 3 * KiB) < 0.05 * 3 * KiB, String(leak?.growthBytesPerHour));
    assert.ok((leak?.growthLow ?? Infinity) <= 3 * KiB * 1.01 && 3 * KiB * 0.99 <= (leak?.growthHigh ?? 0));
    assert.ok((leak?.qValue ?? 1) < 1e-6);
  });

  it('calls a constant pool flat, with numbers rather than NaN', () => {
    const pool = verdicts.get('/app/pool.py');
    assert.equal(pool?.verdict, 'flat');
    assert.equal(pool?.growthBytesPerHour, 0);
    assert.ok(Number.isFinite(pool?.pValue));
  });

  it('does not flag trendless noise, and calls it noisy', () => {
    assert.equal(verdicts.get('/app/noise.py')?.verdict, 'noisy');
  });

  it('calls a pool released over time shrinking', () => {
    assert.equal(verdicts.get('/app/release.py')?.verdict, 'shrinking');
  });

  it('does not flag growth below the minimum rate', () => {
    assert.notEqual(verdicts.get('/app/slow.py')?.verdict, 'leak');
  });

  it('calls a cache that warmed up and stopped a plateau', () => {
    assert.equal(verdicts.get('/app/warmup.py')?.verdict, 'plateau');
  });

  it('calls a one-time allocation a step', () => {
    assert.equal(verdicts.get('/app/step.py')?.verdict, 'step');
  });

  it('flags a leak that starts late in the window, and says where its regime starts', () => {
    const late = verdicts.get('/app/late.py');
    assert.equal(late?.verdict, 'leak');
    assert.ok(Math.abs((late?.growthBytesPerHour ?? 0) - 40 * KiB) < 4 * KiB, String(late?.growthBytesPerHour));
    assert.ok(late?.regimeFrom !== null && late?.regimeFrom !== undefined);
  });

  it('does not flag a buffer flushed every hour', () => {
    assert.notEqual(verdicts.get('/app/buffer.py')?.verdict, 'leak');
  });

  it('calls a series with too few points insufficient, with no numbers', () => {
    const short = verdicts.get('/app/short.py');
    assert.equal(short?.verdict, 'insufficient');
    assert.equal(short?.pValue, null);
  });

  it('finds a leak that resets at every restart, pooling the lifetimes', () => {
    const result = judge(restarted('/app/conn.py', (age) => 600 * KiB + 30 * KiB * age + noise(4 * KiB), 24, 4));
    const conn = result.get('/app/conn.py');
    assert.equal(conn?.verdict, 'leak');
    assert.ok(Math.abs((conn?.growthBytesPerHour ?? 0) - 30 * KiB) < 3 * KiB, String(conn?.growthBytesPerHour));
  });

  it('does not flag warm-up after every restart', () => {
    const result = judge(restarted('/app/cache.py', (age) => Math.min(age, 40 / 60) * 1500 * KiB + noise(8 * KiB), 24, 4));
    assert.equal(result.get('/app/cache.py')?.verdict, 'plateau');
  });

  it('corrects across all series: no q below its p, and none of 40 trendless series flagged', () => {
    const rng = seeded(11);
    const many = Array.from({ length: 40 }, (_, m) => snapshots(`/app/n${m}.py`, () => 50 * KiB + rng() * 100 * KiB)).flat();
    const judged = [...judge(many, { ...DEFAULT_TREND_SETTINGS, minGrowthBytesPerHour: 0 }).values()];
    assert.equal(judged.length, 40);
    for (const j of judged) assert.ok((j.qValue ?? 0) >= (j.pValue ?? 1));
    assert.equal(judged.filter((j) => j.verdict === 'leak').length, 0);
  });
});

import type { Finding, Report } from '../../src/report/report.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/trend/settings.js';

/** A suspect with plausible values, for renderer tests; `fields` overrides any of them. */
export function finding(fields: Partial<Finding> = {}): Finding {
  return {
    module: '/app/conn.py',
    labels: { host: 'web-1' },
    verdict: 'leak',
    event: 'top_current',
    points: 48,
    lifetimes: 1,
    from: '2026-11-02T00:00:00.000Z',
    to: '2026-11-03T00:00:00.000Z',
    sizeFirst: 1_000_000,
    sizeLast: 1_100_000,
    growthBytesPerHour: 4096,
    growthLow: 3072,
    growthHigh: 5120,
    pValue: 1e-9,
    qValue: 2e-9,
    method: 'Theil–Sen',
    regimeFrom: null,
    why: '/app/conn.py on host=web-1 grew +4.00 KiB/h',
    ...fields,
  };
}

/** A report holding the given suspects and series, as analyze would make it; `fields` overrides the rest. */
export function reportOf(suspects: Finding[], series: Finding[], fields: Partial<Report> = {}): Report {
  return {
    tool: 'leak-suspects',
    version: '1.0.0',
    input: {
      files: ['service.jsonl'],
      lines: 200,
      records: 100,
      skipped: { not_tracemalloc: 100, malformed: 0, duplicate: 0, instrumentation: 0, outside_window: 0 },
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-11-03T00:00:00.000Z',
    },
    settings: { ...DEFAULT_TREND_SETTINGS, by: ['host'], includeAll: false, window: { since: null, until: null }, memoryLimitBytes: null },
    suspects,
    series,
    ...fields,
  };
}

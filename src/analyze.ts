import type { ReadSummary } from './read/read-inputs.js';
import { DEFAULT_LABEL_KEYS } from './read/labels.js';
import type { TraceRecord } from './read/record.js';
import { isoTime } from './read/timestamp.js';
import type { Finding, Report } from './report/report.js';
import { explain } from './report/explain.js';
import { SeriesCollector, type CollectedSeries } from './series/collect-series.js';
import { mergeLifetimes } from './series/lifetimes.js';
import type { Series } from './series/series.js';
import { judgeSeries, type Judgement } from './trend/judge-series.js';
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from './trend/settings.js';

export const VERSION = '1.0.0';

export interface AnalyzeOptions extends TrendSettings {
  /** The context keys that identify a process. */
  readonly by: readonly string[];
  /** Keep tracemalloc.py, `<frozen ...>` and `<unknown>` frames. */
  readonly includeAll: boolean;
}

export const DEFAULT_OPTIONS: AnalyzeOptions = {
  ...DEFAULT_TREND_SETTINGS,
  by: DEFAULT_LABEL_KEYS,
  includeAll: false,
};

/** The whole pipeline over records already in memory (the library entry point). */
export function analyze(records: Iterable<TraceRecord>, options: Partial<AnalyzeOptions> = {}): Report {
  const settings = { ...DEFAULT_OPTIONS, ...options };
  const collector = new SeriesCollector(settings);
  let count = 0;
  for (const record of records) {
    collector.record(record);
    count += 1;
  }
  // Records handed over in memory were read from no file and no line.
  const read: ReadSummary = {
    files: [],
    lines: 0,
    records: count,
    notTracemalloc: 0,
    malformed: 0,
    firstMalformed: [],
    failures: [],
  };
  return buildReport(collector.finish(), read, settings);
}

/** The report from collected series, the read summary and the settings. */
export function buildReport(collected: CollectedSeries, read: ReadSummary, options: AnalyzeOptions): Report {
  const series = mergeLifetimes(collected.series);
  const judgements = judgeSeries(series, options);
  const findings = series.map((one, i) => toFinding(one, judgements[i] as Judgement));
  const suspects = findings
    .filter((finding) => finding.verdict === 'leak')
    .sort((a, b) => (b.growthBytesPerHour ?? 0) - (a.growthBytesPerHour ?? 0) || (a.qValue ?? 1) - (b.qValue ?? 1));
  return {
    tool: 'leak-suspects',
    version: VERSION,
    input: {
      files: read.files,
      lines: read.lines,
      records: read.records,
      skipped: {
        not_tracemalloc: read.notTracemalloc,
        malformed: read.malformed,
        duplicate: collected.duplicates,
        instrumentation: collected.excluded,
      },
      from: collected.from === null ? null : isoTime(collected.from),
      to: collected.to === null ? null : isoTime(collected.to),
    },
    settings: {
      alpha: options.alpha,
      minPoints: options.minPoints,
      minSpanHours: options.minSpanHours,
      minGrowthBytesPerHour: options.minGrowthBytesPerHour,
      minRelativeGrowthPerHour: options.minRelativeGrowthPerHour,
      noisyVariation: options.noisyVariation,
      by: options.by,
      includeAll: options.includeAll,
    },
    suspects,
    series: findings,
  };
}

function toFinding(series: Series, judgement: Judgement): Finding {
  const n = series.times.length;
  const from = series.times[0] as number;
  const to = series.times[n - 1] as number;
  const finding: Omit<Finding, 'why'> = {
    module: series.module,
    ...(series.lineno > 0 ? { line: series.lineno } : {}),
    labels: series.labels,
    verdict: judgement.verdict,
    event: series.event,
    points: n,
    lifetimes: series.lifetimeStarts.length,
    from: isoTime(from),
    to: isoTime(to),
    sizeFirst: series.sizes[0] as number,
    sizeLast: series.sizes[n - 1] as number,
    growthBytesPerHour: judgement.growthBytesPerHour,
    growthLow: judgement.growthLow,
    growthHigh: judgement.growthHigh,
    pValue: judgement.pValue,
    qValue: judgement.qValue,
    method: judgement.method,
    regimeFrom: judgement.regimeFrom === null ? null : isoTime(judgement.regimeFrom),
  };
  const why = explain(finding);
  return series.traceback === undefined ? { ...finding, why } : { ...finding, why, traceback: series.traceback.lines };
}

import type { ReadSummary } from './read/read-inputs.js';
import { DEFAULT_LABEL_KEYS } from './read/labels.js';
import type { TraceRecord } from './read/record.js';
import { isoTime } from './read/timestamp.js';
import { compareWithBaseline, type PreviousReport } from './report/baseline.js';
import { explain } from './report/explain.js';
import type { Plot, Plots } from './report/plot.js';
import { projectToLimit } from './report/projection.js';
import type { Finding, Report } from './report/report.js';
import { SeriesCollector, type CollectedSeries } from './series/collect-series.js';
import { mergeLifetimes } from './series/lifetimes.js';
import type { SeriesInfo, StoredSeries } from './series/series.js';
import { cropToWindow, resolveWindow, type ResolvedWindow, type TimeWindow } from './series/time-window.js';
import { judgeSeriesInParallel } from './trend/judge-in-parallel.js';
import { judgeSeries, type Judgement } from './trend/judge-series.js';
import { trendSegments } from './trend/trend-segments.js';
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from './trend/settings.js';

export const VERSION = '1.0.0';

export interface AnalyzeOptions extends TrendSettings {
  /** The context keys that identify a process. */
  readonly by: readonly string[];
  /** Keep tracemalloc.py, `<frozen ...>` and `<unknown>` frames. */
  readonly includeAll: boolean;
  /** The time range to look at; everything by default. */
  readonly window: TimeWindow;
  /** Per process, bytes: project each suspect's process to it. */
  readonly memoryLimitBytes: number | null;
  /** A previous run's report to mark suspects new or ongoing against. */
  readonly baseline: PreviousReport | null;
}

export const DEFAULT_OPTIONS: AnalyzeOptions = {
  ...DEFAULT_TREND_SETTINGS,
  by: DEFAULT_LABEL_KEYS,
  includeAll: false,
  window: {},
  memoryLimitBytes: null,
  baseline: null,
};

/** A report, and the points and trends behind its findings for the renderers that draw. */
export interface Analysis {
  readonly report: Report;
  readonly plots: Plots;
}

/** The whole pipeline over records already in memory (the library entry point). */
export function analyze(records: Iterable<TraceRecord>, options: Partial<AnalyzeOptions> = {}): Report {
  return analyzeRecords(records, options).report;
}

/** `analyze`, with the plots that `render` draws charts and sparklines from. */
export function analyzeRecords(records: Iterable<TraceRecord>, options: Partial<AnalyzeOptions> = {}): Analysis {
  const settings = { ...DEFAULT_OPTIONS, ...options };
  const { collected, read } = collect(records, settings);
  return buildReport(collected, read, settings);
}

/** `analyzeRecords` with the trend stage on every core when the series are many: the same answers, sooner. */
export async function analyzeRecordsInParallel(records: Iterable<TraceRecord>, options: Partial<AnalyzeOptions> = {}): Promise<Analysis> {
  const settings = { ...DEFAULT_OPTIONS, ...options };
  const { collected, read } = collect(records, settings);
  return buildReportInParallel(collected, read, settings);
}

function collect(records: Iterable<TraceRecord>, settings: AnalyzeOptions): { collected: CollectedSeries; read: ReadSummary } {
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
  return { collected: collector.finish(), read };
}

/** The report from collected series, the read summary and the settings. */
export function buildReport(all: CollectedSeries, read: ReadSummary, options: AnalyzeOptions): Analysis {
  const prepared = prepare(all, options);
  return assemble(prepared, judgeSeries(prepared.series, options), read, options);
}

/** `buildReport`, with the trend stage on every core when the series are many (the answers are the same). */
export async function buildReportInParallel(all: CollectedSeries, read: ReadSummary, options: AnalyzeOptions): Promise<Analysis> {
  const prepared = prepare(all, options);
  return assemble(prepared, await judgeSeriesInParallel(prepared.series, options), read, options);
}

interface Prepared {
  readonly window: ResolvedWindow;
  readonly collected: ReturnType<typeof cropToWindow>;
  readonly series: StoredSeries[];
}

/** The series to judge: cut to the window, restarts merged into lifetimes. */
function prepare(all: CollectedSeries, options: AnalyzeOptions): Prepared {
  const window = resolveWindow(options.window, all.to);
  const collected = cropToWindow(all, window);
  return { window, collected, series: mergeLifetimes(collected.series) };
}

function assemble({ window, collected, series }: Prepared, judgements: readonly Judgement[], read: ReadSummary, options: AnalyzeOptions): Analysis {
  let findings = series.map((one, i) => toFinding(one, judgements[i] as Judgement));
  let suspects = strongestFirst(findings.filter((finding) => finding.verdict === 'leak'));
  const projections = options.memoryLimitBytes === null ? undefined : projectToLimit(suspects, findings, options.memoryLimitBytes);
  const compared = options.baseline === null ? undefined : compareWithBaseline(suspects, findings, options.baseline);
  if (projections !== undefined || compared !== undefined) {
    const annotated = new Map<Finding, Finding>();
    for (const suspect of suspects) {
      const projection = projections?.get(suspect);
      const status = compared?.status.get(suspect);
      annotated.set(suspect, {
        ...suspect,
        ...(projection === undefined ? {} : { projection }),
        ...(status === undefined ? {} : { baseline: status }),
      });
    }
    findings = findings.map((finding) => annotated.get(finding) ?? finding);
    suspects = suspects.map((suspect) => annotated.get(suspect) ?? suspect);
  }
  const plots = new StoredPlots(findings, series, judgements);
  const report: Report = {
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
        outside_window: collected.outside,
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
      window: {
        since: window.since === null ? null : isoTime(window.since),
        until: window.until === null ? null : isoTime(window.until),
      },
      memoryLimitBytes: options.memoryLimitBytes,
    },
    suspects,
    series: findings,
    ...(compared === undefined ? {} : { baseline: compared.comparison }),
  };
  return { report, plots };
}

function strongestFirst(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (b.growthBytesPerHour ?? 0) - (a.growthBytesPerHour ?? 0) || (a.qValue ?? 1) - (b.qValue ?? 1));
}

function toFinding(series: SeriesInfo, judgement: Judgement): Finding {
  const { length: n, from, to } = series;
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
    sizeFirst: series.sizeFirst,
    sizeLast: series.sizeLast,
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

/**
 * The plots of a report's findings, each drawn from its series loaded when asked for: a renderer
 * holds one series' points at a time, and a JSON report none.
 */
class StoredPlots implements Plots {
  private readonly sources = new Map<Finding, { readonly series: StoredSeries; readonly judgement: Judgement }>();

  constructor(findings: readonly Finding[], series: readonly StoredSeries[], judgements: readonly Judgement[]) {
    findings.forEach((finding, i) => this.sources.set(finding, { series: series[i] as StoredSeries, judgement: judgements[i] as Judgement }));
  }

  has(finding: Finding): boolean {
    return this.sources.has(finding);
  }

  get(finding: Finding): Plot | undefined {
    const source = this.sources.get(finding);
    if (source === undefined) return undefined;
    const one = source.series.load();
    return { times: one.times, sizes: one.sizes, lifetimeStarts: one.lifetimeStarts, trend: trendSegments(one, source.judgement) };
  }
}

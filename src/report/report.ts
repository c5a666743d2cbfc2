import type { Labels } from '../read/record.js';
import type { TrendSettings } from '../trend/settings.js';
import type { Verdict } from '../trend/verdict.js';

/**
 * The JSON report, version 1 (SPEC "JSON report"). Every renderer works from this one type, and
 * `--format json` writes it as it is.
 */
export interface Report {
  readonly tool: 'leak-suspects';
  readonly version: string;
  readonly input: InputSummary;
  readonly settings: Settings;
  /** Findings whose verdict is `leak`, strongest first. */
  readonly suspects: Finding[];
  /** Every series with its verdict. */
  readonly series: Finding[];
  /** With `--baseline`: how the suspects compare with a previous run's report. */
  readonly baseline?: BaselineComparison;
}

export interface InputSummary {
  readonly files: string[];
  readonly lines: number;
  readonly records: number;
  readonly skipped: {
    readonly not_tracemalloc: number;
    readonly malformed: number;
    readonly duplicate: number;
    /** Records of tracemalloc.py, `<frozen ...>` and `<unknown>` frames (kept with --include-all). */
    readonly instrumentation: number;
    /** Points before `--since` or after `--until`. */
    readonly outside_window: number;
  };
  /** ISO-8601 UTC of the first and last record analysed; null when there were none. */
  readonly from: string | null;
  readonly to: string | null;
}

/** The settings the report was made with: the trend stage's, and how series were formed. */
export interface Settings extends TrendSettings {
  readonly by: readonly string[];
  readonly includeAll: boolean;
  /** `--since`/`--until`/`--window` resolved to ISO-8601 UTC; null where unbounded. */
  readonly window: { readonly since: string | null; readonly until: string | null };
  /** `--memory-limit` in bytes, per process; null without it. */
  readonly memoryLimitBytes: number | null;
}

export interface Finding {
  /** The file path as logged. */
  readonly module: string;
  /** The line number, only when the statistics were grouped by line. */
  readonly line?: number;
  readonly labels: Labels;
  readonly verdict: Verdict;
  /** The event whose sizes were used. */
  readonly event: string;
  readonly points: number;
  readonly lifetimes: number;
  readonly from: string;
  readonly to: string;
  /** Bytes. */
  readonly sizeFirst: number;
  readonly sizeLast: number;
  /** Bytes per hour, with its 95% confidence interval; null when the series was not tested. */
  readonly growthBytesPerHour: number | null;
  readonly growthLow: number | null;
  readonly growthHigh: number | null;
  readonly pValue: number | null;
  readonly qValue: number | null;
  /** The test that decided. */
  readonly method: string;
  /** For a leak whose growth began after a change of trend: where its latest regime starts (ISO-8601); else null. */
  readonly regimeFrom: string | null;
  /** One line a person can paste into a ticket. */
  readonly why: string;
  /** The allocation traceback lines, as logged, when the logs carried one for this module. */
  readonly traceback?: string[];
  /** Suspects, with `--memory-limit`: when the process is expected to reach the limit. */
  readonly projection?: Projection;
  /** Suspects, with `--baseline`: whether the previous run named this suspect too. */
  readonly baseline?: 'new' | 'ongoing';
}

/**
 * When a suspect's process reaches `--memory-limit` at its current growth. The process's memory
 * is what its logged modules held at their last points together — tracemalloc's view, a lower
 * bound of the real footprint — and it grows at the sum of its suspects' rates.
 */
export interface Projection {
  readonly limitBytes: number;
  /** The process's logged modules together, at their last points (bytes). */
  readonly processBytes: number;
  /** The process's growth: the sum of its suspects' rates, with the sums of their intervals. */
  readonly processGrowthBytesPerHour: number;
  readonly processGrowthLow: number;
  readonly processGrowthHigh: number;
  /** Hours after the last point until the limit is reached (0 when already past it). */
  readonly hours: number;
  /**
   * ISO-8601 UTC: when, at the estimated growth; the earliest (at the interval's high end) and
   * the latest (at its low end: null when the low end does not grow). Null past the year 275760.
   */
  readonly reachesAt: string | null;
  readonly earliest: string | null;
  readonly latest: string | null;
}

/** A previous run's suspects matched with this run's, by module, line and labels other than pid and container. */
export interface BaselineComparison {
  /** The previous report, as given. */
  readonly file: string;
  /** The previous report's input range. */
  readonly from: string | null;
  readonly to: string | null;
  readonly new: number;
  readonly ongoing: number;
  /** Previous suspects that are not suspects now. */
  readonly resolved: ResolvedSuspect[];
}

export interface ResolvedSuspect {
  readonly module: string;
  readonly line?: number;
  readonly labels: Labels;
  /** The growth the previous run reported. */
  readonly growthBytesPerHour: number | null;
  /** This run's verdict for the series; null when this run's input has no such series. */
  readonly verdictNow: Verdict | null;
}

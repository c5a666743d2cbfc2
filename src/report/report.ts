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
  };
  /** ISO-8601 UTC of the first and last record; null when there were none. */
  readonly from: string | null;
  readonly to: string | null;
}

/** The settings the report was made with: the trend stage's, and how series were formed. */
export interface Settings extends TrendSettings {
  readonly by: readonly string[];
  readonly includeAll: boolean;
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
}

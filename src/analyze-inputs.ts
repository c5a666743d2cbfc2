import { buildReportInParallel, DEFAULT_OPTIONS, type Analysis, type AnalyzeOptions } from './analyze.js';
import type { Shape } from './read/detect-shape.js';
import type { Input } from './read/open-input.js';
import { readInputs, type ReadOptions, type ReadSummary } from './read/read-inputs.js';
import { SeriesCollector } from './series/collect-series.js';

export interface InputAnalysis extends Analysis {
  /** What reading saw: malformed lines and failed inputs, for diagnostics. */
  readonly read: ReadSummary;
}

/**
 * Points held in memory while reading, beyond which they go to a temporary file (`PointStore`):
 * about 5 MB of them, whatever the size of the input. Half of 262,144, the limit before: with a
 * large file read in halves each series has a stream per half, and the 10M-line export peaked at
 * 182–203 MB (4 runs) with 262,144 against 184–189 MB with 131,072 (the 2M-line one 165–173 MB
 * against 162–165 MB), in the same time.
 */
export const SPILL_FROM_POINTS = 131_072;

/**
 * Streams the inputs into series and analyses them: memory grows with the number of series, not
 * with input lines or points (past `SPILL_FROM_POINTS`, points wait in a temporary file). Throws
 * `StrictModeStop` at the first malformed line when `strict`.
 */
export async function analyzeInputs(
  inputs: readonly Input[],
  options: Partial<AnalyzeOptions> & {
    readonly strict?: boolean;
    readonly keepMalformed?: number;
    readonly shape?: Shape | undefined;
    /** Hears where reading is, for a progress display (see `ReadOptions`). */
    readonly onProgress?: ReadOptions['onProgress'];
    /** Points held in memory before they go to a temporary file; `SPILL_FROM_POINTS` by default. */
    readonly spillFromPoints?: number;
    /** Files of log lines this large are read on two threads; `SPLIT_FROM_BYTES` by default, Infinity: never. */
    readonly splitFromBytes?: number;
  } = {},
): Promise<InputAnalysis> {
  const settings: AnalyzeOptions = { ...DEFAULT_OPTIONS, ...options };
  const collector = new SeriesCollector({ ...settings, spillFromPoints: options.spillFromPoints ?? SPILL_FROM_POINTS });
  const read = await readInputs(inputs, collector, {
    labelKeys: settings.by,
    strict: options.strict ?? false,
    keepMalformed: options.keepMalformed ?? 5,
    shape: options.shape,
    onProgress: options.onProgress,
    splitFromBytes: options.splitFromBytes,
  });
  return { ...(await buildReportInParallel(collector.finish(), read, settings)), read };
}

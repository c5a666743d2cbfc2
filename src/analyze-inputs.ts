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
 * Streams the inputs into series and analyses them: memory grows with series and points, not
 * with input lines. Throws `StrictModeStop` at the first malformed line when `strict`.
 */
export async function analyzeInputs(
  inputs: readonly Input[],
  options: Partial<AnalyzeOptions> & {
    readonly strict?: boolean;
    readonly keepMalformed?: number;
    readonly shape?: Shape | undefined;
    /** Hears where reading is, for a progress display (see `ReadOptions`). */
    readonly onProgress?: ReadOptions['onProgress'];
  } = {},
): Promise<InputAnalysis> {
  const settings: AnalyzeOptions = { ...DEFAULT_OPTIONS, ...options };
  const collector = new SeriesCollector(settings);
  const read = await readInputs(inputs, collector, {
    labelKeys: settings.by,
    strict: options.strict ?? false,
    keepMalformed: options.keepMalformed ?? 5,
    shape: options.shape,
    onProgress: options.onProgress,
  });
  return { ...(await buildReportInParallel(collector.finish(), read, settings)), read };
}

/** The knobs of the trend stage, all settable from the command line. */
export interface TrendSettings {
  /** False-discovery rate across all series tested (Benjamini–Hochberg). */
  readonly alpha: number;
  /** Fewer points than this: `insufficient`. */
  readonly minPoints: number;
  /** A shorter span between first and last point: `insufficient`. */
  readonly minSpanHours: number;
  /** Growth below this is not worth a suspect, however significant. */
  readonly minGrowthBytesPerHour: number;
}

export const DEFAULT_TREND_SETTINGS: TrendSettings = {
  alpha: 0.05,
  minPoints: 8,
  minSpanHours: 1,
  minGrowthBytesPerHour: 1024,
};

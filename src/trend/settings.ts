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
  /** Growth below this fraction of the module's median size per hour is not worth a suspect either. */
  readonly minRelativeGrowthPerHour: number;
  /** A robust coefficient of variation above this, with no trend, is `noisy` rather than `flat`. */
  readonly noisyVariation: number;
}

export const DEFAULT_TREND_SETTINGS: TrendSettings = {
  alpha: 0.05,
  minPoints: 8,
  minSpanHours: 1,
  minGrowthBytesPerHour: 1024,
  minRelativeGrowthPerHour: 0.0001,
  noisyVariation: 0.25,
};

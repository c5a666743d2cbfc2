/**
 * The verdict of a tested series, from its numbers (see `judgeSeries` for how they are made):
 *
 * - `leak`: the latest regime still grows — its q ≤ alpha — by at least the practical minimum,
 *   absolute and relative to the module's size;
 * - `shrinking`: the series as a whole falls significantly by at least the minimum;
 * - `step` or `plateau`: the series as a whole grew significantly, but its latest regime does
 *   not: a `step` when a single jump between two snapshots makes at least half of the growth,
 *   else a `plateau` (warm-up, a cache filling);
 * - `noisy`: no trend, and a robust spread above `noisyVariation` of the median size;
 * - `flat`: the rest.
 */
import type { TrendSettings } from './settings.js';
import type { Verdict } from './verdict.js';

/** What the verdict is decided from. Rates in bytes per hour; q-values after the correction. */
export interface Evidence {
  /** Growth of the latest regimes and its q (one-sided, upward). */
  readonly recentRate: number;
  readonly recentQ: number;
  /** Growth of the whole series and its q upward and downward. */
  readonly overallRate: number;
  readonly overallUpQ: number;
  readonly overallDownQ: number;
  /** Median size, bytes. */
  readonly medianSize: number;
  /** Largest rise between two consecutive snapshots of one lifetime, and the total rise (last regime's median − first's). */
  readonly largestJump: number;
  readonly totalRise: number;
  /** 1.4826 × median absolute deviation from the trend line, over the median size. */
  readonly variation: number;
}

export function classify(evidence: Evidence, settings: TrendSettings): Exclude<Verdict, 'insufficient'> {
  const minimum = Math.max(settings.minGrowthBytesPerHour, settings.minRelativeGrowthPerHour * evidence.medianSize);
  if (evidence.recentQ <= settings.alpha && evidence.recentRate >= minimum) return 'leak';
  if (evidence.overallDownQ <= settings.alpha && -evidence.overallRate >= minimum) return 'shrinking';
  if (evidence.overallUpQ <= settings.alpha && evidence.overallRate >= minimum) {
    return evidence.totalRise > 0 && evidence.largestJump >= 0.5 * evidence.totalRise ? 'step' : 'plateau';
  }
  return evidence.variation > settings.noisyVariation ? 'noisy' : 'flat';
}

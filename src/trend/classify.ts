/**
 * The verdict of a tested series, from its numbers (see `judgeSeries` for how they are made):
 *
 * - `leak`: the latest regime still grows — its q ≤ alpha — by at least the practical minimum,
 *   absolute and relative to the module's size;
 * - `shrinking`: the series as a whole falls significantly by at least the minimum;
 * - `step` or `plateau`: the series grew — its whole-series trend is significant, or a lifetime
 *   has a clear change of trend — and its latest regime sits above its start by at least an hour
 *   of the minimum growth and by more than three robust standard deviations of that regime, but
 *   it grows no more: a `step` when a single jump between two snapshots makes at least half of
 *   the rise, else a `plateau` (warm-up, a cache filling). The rise, not the slope, tells it: a
 *   cache that fills in four hours and holds for twenty has a Theil–Sen slope near zero (most
 *   pairs lie in its flat part), and its autocorrelation-corrected trend test is weak;
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
  /** Largest rise between two consecutive snapshots of one lifetime, and the rise of the latest regime (its median) over the lifetime's start, bytes. */
  readonly largestJump: number;
  readonly totalRise: number;
  /** 1.4826 × median absolute deviation from the trend line, over the median size. */
  readonly variation: number;
  /** Whether some lifetime has a change of trend, and the latest regimes' robust standard deviation (bytes). */
  readonly changed: boolean;
  readonly regimeSpread: number;
}

export function classify(evidence: Evidence, settings: TrendSettings): Exclude<Verdict, 'insufficient'> {
  const minimum = Math.max(settings.minGrowthBytesPerHour, settings.minRelativeGrowthPerHour * evidence.medianSize);
  if (evidence.recentQ <= settings.alpha && evidence.recentRate >= minimum) return 'leak';
  if (evidence.overallDownQ <= settings.alpha && -evidence.overallRate >= minimum) return 'shrinking';
  const grew = evidence.overallUpQ <= settings.alpha || evidence.changed;
  const rose = evidence.totalRise >= minimum * 1 && evidence.totalRise > 3 * evidence.regimeSpread;
  if (grew && rose) {
    return evidence.totalRise > 0 && evidence.largestJump >= 0.5 * evidence.totalRise ? 'step' : 'plateau';
  }
  return evidence.variation > settings.noisyVariation ? 'noisy' : 'flat';
}

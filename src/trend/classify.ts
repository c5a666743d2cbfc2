/**
 * The verdict of a tested series, from its numbers (see `judgeSeries` for how they are made):
 *
 * - `leak`: the series grows significantly as a whole and its latest regime still does — both
 *   q ≤ alpha — by at least the practical minimum, absolute and relative to the module's size,
 *   and the regime's rise stands out of its noise: it exceeds the robust standard deviation of
 *   the points around the trend. (The whole-series test and the rise guard the latest regime's
 *   test: with heavy, slowly wandering request noise a significant but tiny slope is not a leak;
 *   on the scenario suite every real leak rose 100 times its noise or more, the one noise module
 *   that passed the tests 0.6 times.) And it must not be slowing down: growth that levels off
 *   slowly (a cache approaching its size exponentially) still rises after any one change of
 *   trend, so the final half of the latest regimes must plausibly grow at half the regime's
 *   rate or more — the upper end of its Sen interval at least that;
 * - `shrinking`: the series as a whole falls significantly by at least the minimum, and its fall
 *   over the window exceeds three robust standard deviations of its sizes around the trend (a
 *   slow drift of request noise is not a pool being released);
 * - `step` or `plateau`: the series grew — its whole-series trend is significant, or a lifetime
 *   has a clear change of trend — and its latest regime sits above its start by at least an hour
 *   of the minimum growth and by more than three robust standard deviations of that regime, but
 *   it grows no more: a `step` when a single jump between two snapshots makes at least half of
 *   the rise, else a `plateau` (warm-up, a cache filling). The rise, not the slope, tells it: a
 *   cache that fills in four hours and holds for twenty has a Theil–Sen slope near zero (most
 *   pairs lie in its flat part), and its autocorrelation-corrected trend test is weak;
 * - `noisy`: no trend, and an irregular spread: a robust spread above `noisyVariation` of the
 *   median size, with consecutive snapshots little correlated (a buffer filled and flushed every
 *   hour varies as much, but smoothly: it is `flat`);
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
  /** Median size, bytes, and the hours from the first point to the last. */
  readonly medianSize: number;
  readonly spanHours: number;
  /** Largest rise between two consecutive snapshots of one lifetime, and the rise of the latest regime (its median) over the lifetime's start (the median of its first three points), bytes. */
  readonly largestJump: number;
  readonly totalRise: number;
  /** 1.4826 × median absolute deviation from the trend line, over the median size. */
  readonly variation: number;
  /** Whether some lifetime has a change of trend, and the latest regimes' robust standard deviation (bytes). */
  readonly changed: boolean;
  readonly regimeSpread: number;
  /** Lag-1 autocorrelation of the sizes around the trend line. */
  readonly serialCorrelation: number;
  /** The latest regimes' growth over their mean length, and their robust spread around that growth (bytes). */
  readonly recentRise: number;
  readonly regimeNoise: number;
  /**
   * Upper end of Sen's interval for the growth of the final half of the latest regimes, bytes per
   * hour. NaN when no other test of a leak could pass (then it cannot matter, and is not computed).
   */
  readonly finalHalfHigh: number;
}

/** Below this lag-1 autocorrelation, variation is irregular (request noise), above it smooth (a periodic buffer). */
const IRREGULAR_BELOW = 0.5;

/** The growth per hour below which nothing is a suspect, for a module of the given median size. */
export function practicalMinimum(settings: TrendSettings, medianSize: number): number {
  return Math.max(settings.minGrowthBytesPerHour, settings.minRelativeGrowthPerHour * medianSize);
}

export function classify(evidence: Evidence, settings: TrendSettings): Exclude<Verdict, 'insufficient'> {
  const minimum = practicalMinimum(settings, evidence.medianSize);
  const growing = evidence.recentQ <= settings.alpha && evidence.overallUpQ <= settings.alpha;
  const sustained = evidence.finalHalfHigh >= 0.5 * evidence.recentRate;
  if (growing && sustained && evidence.recentRate >= minimum && evidence.recentRise > evidence.regimeNoise) return 'leak';
  const fall = -evidence.overallRate * evidence.spanHours;
  const noise = evidence.variation * evidence.medianSize;
  if (evidence.overallDownQ <= settings.alpha && -evidence.overallRate >= minimum && fall > 3 * noise) return 'shrinking';
  const grew = evidence.overallUpQ <= settings.alpha || evidence.changed;
  const rose = evidence.totalRise >= minimum * 1 && evidence.totalRise > 3 * evidence.regimeSpread;
  if (grew && rose) {
    return evidence.totalRise > 0 && evidence.largestJump >= 0.5 * evidence.totalRise ? 'step' : 'plateau';
  }
  const irregular = evidence.serialCorrelation < IRREGULAR_BELOW;
  return evidence.variation > settings.noisyVariation && irregular ? 'noisy' : 'flat';
}

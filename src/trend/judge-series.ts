/**
 * The trend stage: a verdict for every series.
 *
 * Numeric policy (the one place it is written down):
 * - time is rebased to hours since the series' first point before any regression;
 * - a series with fewer than `minPoints` points, or spanning less than `minSpanHours`, is
 *   `insufficient` and is not tested (it has no p-value and takes no part in the correction);
 * - a missing snapshot is "below the logged top N", not zero: only logged points are fitted;
 * - sizes are used as logged (rounded by tracemalloc); the rounding is at most ±resolution/2
 *   and uncorrelated with time for a series that moves by more than its resolution;
 * - growth is the least-squares slope in bytes per hour with its 95% confidence interval; its
 *   significance is a one-sided t-test (slope > 0), and shrinking the one-sided test slope < 0;
 * - Benjamini–Hochberg across every tested series turns p into q; a series is a `leak` when its
 *   q ≤ alpha and its growth ≥ `minGrowthBytesPerHour`, `shrinking` when the downward test's
 *   q ≤ alpha, else `flat`.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Series } from '../series/series.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { leastSquaresFit } from './least-squares.js';
import type { TrendSettings } from './settings.js';
import { pValueSlopeAboveZero, pValueSlopeBelowZero } from './slope-test.js';
import type { Verdict } from './verdict.js';

const MS_PER_HOUR = 3_600_000;
const CONFIDENCE = 0.95;

/** The trend stage's answer for one series. Numbers are null where the series was not tested. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly growthBytesPerHour: number | null;
  readonly growthLow: number | null;
  readonly growthHigh: number | null;
  readonly pValue: number | null;
  readonly qValue: number | null;
  readonly method: string;
}

interface Tested {
  readonly slope: number;
  readonly low: number;
  readonly high: number;
  readonly pAbove: number;
  readonly pBelow: number;
}

const METHOD_UP = 'least-squares slope, one-sided t-test (slope > 0), Benjamini–Hochberg';
const METHOD_DOWN = 'least-squares slope, one-sided t-test (slope < 0), Benjamini–Hochberg';

/** Verdicts for all series at once (the false-discovery correction spans them all), in input order. */
export function judgeSeries(series: readonly Series[], settings: TrendSettings): Judgement[] {
  const tested = series.map((one) => (isSufficient(one, settings) ? fitGrowth(one) : undefined));
  const testedOnly = tested.filter((t): t is Tested => t !== undefined);
  const qAbove = benjaminiHochberg(testedOnly.map((t) => t.pAbove));
  const qBelow = benjaminiHochberg(testedOnly.map((t) => t.pBelow));
  let k = 0;
  return tested.map((t) => {
    if (t === undefined) {
      return {
        verdict: 'insufficient',
        growthBytesPerHour: null,
        growthLow: null,
        growthHigh: null,
        pValue: null,
        qValue: null,
        method: `fewer than ${settings.minPoints} points or shorter than ${settings.minSpanHours} h`,
      };
    }
    const up = qAbove[k] as number;
    const down = qBelow[k] as number;
    k += 1;
    const growth = { growthBytesPerHour: t.slope, growthLow: t.low, growthHigh: t.high };
    if (up <= settings.alpha && t.slope >= settings.minGrowthBytesPerHour) {
      return { verdict: 'leak', ...growth, pValue: t.pAbove, qValue: up, method: METHOD_UP };
    }
    if (down <= settings.alpha) {
      return { verdict: 'shrinking', ...growth, pValue: t.pBelow, qValue: down, method: METHOD_DOWN };
    }
    return { verdict: 'flat', ...growth, pValue: t.pAbove, qValue: up, method: METHOD_UP };
  });
}

function isSufficient(series: Series, settings: TrendSettings): boolean {
  const n = series.times.length;
  if (n < Math.max(settings.minPoints, 3)) return false;
  const spanHours = ((series.times[n - 1] as number) - (series.times[0] as number)) / MS_PER_HOUR;
  return spanHours >= settings.minSpanHours && spanHours > 0;
}

function fitGrowth(series: Series): Tested {
  const t0 = series.times[0] as number;
  const hours = series.times.map((t) => (t - t0) / MS_PER_HOUR);
  const fit = leastSquaresFit(hours, series.sizes);
  const margin = tQuantile(1 - (1 - CONFIDENCE) / 2, fit.residualDf) * fit.slopeStdError;
  return {
    slope: fit.slope,
    low: fit.slope - margin,
    high: fit.slope + margin,
    pAbove: pValueSlopeAboveZero(fit),
    pBelow: pValueSlopeBelowZero(fit),
  };
}

/**
 * The trend stage: a verdict for every series.
 *
 * Numeric policy (the one place it is written down):
 * - Time is rebased to hours since the series' first point before anything is fitted. A missing
 *   snapshot means "below the logged top N", not zero: only logged points are used.
 * - The signal is `size_diff` when the series comes from `since_start` (growth since the process
 *   started: the same slope as `size`, printed from a smaller number, so exact below 10 KiB and
 *   finer above), else `size`. Rounded sizes tie often; the tests are rank tests whose variance
 *   is corrected for ties, and the change-point search floors the residual variance at the
 *   rounding noise.
 * - A series with fewer than `minPoints` points, or spanning less than `minSpanHours`, is
 *   `insufficient`, untested, and takes no part in the false-discovery correction.
 * - Lifetimes (restarts) are stretches of their own: only pairs of points within a lifetime count
 *   (`pooledTrend`), so drops at restarts are not shrinkage and growth that resets is pooled.
 * - In each lifetime the latest regime is what follows its change of trend, if it has one
 *   (`latestRegimes`); growth that is still going on there makes a leak.
 * - Growth is Theil–Sen's slope in bytes per hour with Sen's 95% interval; significance is
 *   Mann–Kendall's, with Hamed and Rao's correction for autocorrelation; Benjamini–Hochberg over
 *   every tested series turns p into q, separately for the latest regimes and the whole series.
 */
import type { Series } from '../series/series.js';
import { autocorrelation } from './autocorrelation.js';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { classify, practicalMinimum, type Evidence } from './classify.js';
import { latestRegimes, lifetimeSegments, type Segment } from './lifetime-segments.js';
import { medianInPlace } from './order-statistics.js';
import { pooledTrend, type PooledTrend } from './pooled-trend.js';
import type { TrendSettings } from './settings.js';
import type { Verdict } from './verdict.js';

const MS_PER_HOUR = 3_600_000;

/** The trend stage's answer for one series. Numbers are null where the series was not tested. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly growthBytesPerHour: number | null;
  readonly growthLow: number | null;
  readonly growthHigh: number | null;
  readonly pValue: number | null;
  readonly qValue: number | null;
  readonly method: string;
  /** Epoch milliseconds where the latest regime of the last lifetime starts, when it is not the lifetime's start. */
  readonly regimeFrom: number | null;
}

/** What the tests read of a series. */
export type SeriesPoints = Pick<Series, 'times' | 'sizes' | 'resolutions' | 'diffs' | 'lifetimeStarts'>;

/** The trend tests' numbers need the correction across series; everything else about a series' shape is its own. */
type Shape = Omit<Evidence, 'recentRate' | 'recentQ' | 'overallRate' | 'overallUpQ' | 'overallDownQ'>;

/** One series' tests, before the correction across series: plain data, so it can cross from a worker thread. */
export interface Tested {
  readonly recent: PooledTrend;
  readonly overall: PooledTrend;
  readonly shape: Shape;
  readonly regimeFrom: number | null;
}

const METHOD =
  'Theil–Sen slope with Sen’s interval; Mann–Kendall test with Hamed–Rao autocorrelation correction, ' +
  'pooled over lifetimes; Benjamini–Hochberg';

/** A series to test: how many points it has, and its points, read when asked for (see `StoredSeries`). */
export interface PointsSource {
  readonly length: number;
  load(): SeriesPoints;
}

/**
 * Verdicts for all series at once (the false-discovery correction spans them all), in input order.
 * Each series is loaded, tested and let go in turn: one series' points are held at a time.
 */
export function judgeSeries(series: readonly PointsSource[], settings: TrendSettings): Judgement[] {
  return judgeTested(
    series.map((one) => testSeries(one.load(), settings)),
    settings,
  );
}

/** Verdicts from every series' tests (undefined: not tested), in the same order: the correction across series, then the rules. */
export function judgeTested(tested: readonly (Tested | undefined)[], settings: TrendSettings): Judgement[] {
  const testedOnly = tested.filter((t): t is Tested => t !== undefined);
  const recentQ = benjaminiHochberg(testedOnly.map((t) => t.recent.pValueAbove));
  const upQ = benjaminiHochberg(testedOnly.map((t) => t.overall.pValueAbove));
  const downQ = benjaminiHochberg(testedOnly.map((t) => t.overall.pValueBelow));
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
        regimeFrom: null,
      };
    }
    const q = { recent: recentQ[k] as number, up: upQ[k] as number, down: downQ[k] as number };
    k += 1;
    const verdict = classify(
      {
        recentRate: t.recent.slope,
        recentQ: q.recent,
        overallRate: t.overall.slope,
        overallUpQ: q.up,
        overallDownQ: q.down,
        ...t.shape,
      },
      settings,
    );
    // A leak is told by its latest regime; anything else by the series as a whole.
    const decisive = verdict === 'leak' ? t.recent : t.overall;
    const p = verdict === 'shrinking' ? decisive.pValueBelow : decisive.pValueAbove;
    const qValue = verdict === 'leak' ? q.recent : verdict === 'shrinking' ? q.down : q.up;
    return {
      verdict,
      growthBytesPerHour: decisive.slope,
      growthLow: decisive.low,
      growthHigh: decisive.high,
      pValue: p,
      qValue,
      method: METHOD,
      regimeFrom: verdict === 'leak' ? t.regimeFrom : null,
    };
  });
}

function isSufficient(series: SeriesPoints, settings: TrendSettings): boolean {
  const n = series.times.length;
  if (n < Math.max(settings.minPoints, 3)) return false;
  const spanHours = ((series.times[n - 1] as number) - (series.times[0] as number)) / MS_PER_HOUR;
  return spanHours >= settings.minSpanHours && spanHours > 0;
}

/**
 * The tests of one series, which depend on no other series; undefined when it has too few points
 * or too short a span to test.
 */
export function testSeries(series: SeriesPoints, settings: TrendSettings): Tested | undefined {
  if (!isSufficient(series, settings)) return undefined;
  const n = series.times.length;
  const t0 = series.times[0] as number;
  const hours = series.times.map((t) => (t - t0) / MS_PER_HOUR);
  const signal = series.diffs ?? series.sizes;
  const lifetimes = lifetimeSegments(series.lifetimeStarts, n);
  const regimes = latestRegimes(hours, signal, series.resolutions, lifetimes);
  const overall = pooledTrend(hours, signal, lifetimes);
  // Without a change of trend the latest regimes are the lifetimes: the same test. With one, the
  // regimes' interval is only ever reported for a leak: it is selected below, for would-be leaks.
  const changed = regimes.some((regime, i) => regime.from !== (lifetimes[i] as Segment).from);
  const regimeTrend = changed ? pooledTrend(hours, signal, regimes, { interval: false }) : undefined;
  if (overall === undefined) return undefined;
  let recent: PooledTrend = regimeTrend ?? overall;
  const last = regimes[regimes.length - 1] as Segment;
  const lastLifetime = lifetimes[lifetimes.length - 1] as Segment;
  const medianSize = median(series.sizes);
  const recentRise = recent.slope * meanSpanHours(hours, regimes);
  const regimeNoise = Math.max(...regimes.map((regime) => residualSpread(hours, signal, regime, recent.slope)));
  // The final half's growth, and the latest regimes' interval, cost a third of a series' time and
  // matter only for would-be leaks: they are left out (NaN) when a p-value already fails alpha (a
  // q-value is never below its p-value) or another test of a leak fails.
  const couldLeak =
    recent.pValueAbove <= settings.alpha &&
    overall.pValueAbove <= settings.alpha &&
    recent.slope >= practicalMinimum(settings, medianSize) &&
    recentRise > regimeNoise;
  if (couldLeak && regimeTrend !== undefined) recent = pooledTrend(hours, signal, regimes) as PooledTrend;
  return {
    recent,
    overall,
    shape: {
      medianSize,
      spanHours: hours[n - 1] as number,
      ...rise(signal, lifetimes, regimes),
      variation: variation(hours, series.sizes, overall.slope),
      serialCorrelation: lagOneCorrelation(hours, series.sizes, overall.slope),
      recentRise,
      regimeNoise,
      finalHalfHigh: couldLeak ? (pooledTrend(hours, signal, regimes.map(finalHalf)) ?? recent).high : NaN,
      changed,
      regimeSpread: Math.max(...regimes.map((regime) => robustSpread(signal.slice(regime.from, regime.to)))),
    },
    regimeFrom: last.from === lastLifetime.from ? null : (series.times[last.from] as number),
  };
}

/** How many first points of a lifetime give its starting level (their median). */
const START_POINTS = 3;

/** The largest rise between consecutive points of one lifetime, and how far the latest regimes sit above the lifetimes' starts. */
function rise(signal: Float64Array, lifetimes: readonly Segment[], regimes: readonly Segment[]): { largestJump: number; totalRise: number } {
  let largestJump = 0;
  let totalRise = 0;
  lifetimes.forEach((lifetime, i) => {
    for (let j = lifetime.from + 1; j < lifetime.to; j++) largestJump = Math.max(largestJump, (signal[j] as number) - (signal[j - 1] as number));
    const regime = regimes[i] as Segment;
    const start = signal.subarray(lifetime.from, Math.min(lifetime.to, lifetime.from + START_POINTS));
    totalRise = Math.max(totalRise, median(signal.subarray(regime.from, regime.to)) - median(start));
  });
  return { largestJump, totalRise };
}

/** 1.4826 × the median absolute deviation of sizes from the trend line, over the median size. */
function variation(hours: Float64Array, sizes: Float64Array, slope: number): number {
  const typical = median(sizes);
  return typical > 0 ? robustSpread(sizes.map((size, i) => size - slope * (hours[i] as number))) / typical : 0;
}

/** The second half of a segment's points. */
function finalHalf(segment: Segment): Segment {
  return { from: segment.from + Math.floor((segment.to - segment.from) / 2), to: segment.to };
}

/** The mean length of the segments, hours. */
function meanSpanHours(hours: Float64Array, segments: readonly Segment[]): number {
  const total = segments.reduce((sum, { from, to }) => sum + (hours[to - 1] as number) - (hours[from] as number), 0);
  return total / segments.length;
}

/** The robust spread of a segment around a line of the given slope (bytes). */
function residualSpread(hours: Float64Array, signal: Float64Array, segment: Segment, slope: number): number {
  const residuals = signal.subarray(segment.from, segment.to).map((value, i) => value - slope * (hours[segment.from + i] as number));
  return robustSpread(residuals);
}

/** Lag-1 autocorrelation of the sizes around the trend line (0 for fewer than 3 points). */
function lagOneCorrelation(hours: Float64Array, sizes: Float64Array, slope: number): number {
  if (sizes.length < 3) return 0;
  const [rho] = autocorrelation(sizes.map((size, i) => size - slope * (hours[i] as number)), 1);
  return rho ?? 0;
}

/** 1.4826 × the median absolute deviation: the standard deviation, were the values normal. Reorders `values`. */
function robustSpread(values: Float64Array): number {
  if (values.length === 0) return 0;
  const centre = medianInPlace(values);
  for (let i = 0; i < values.length; i++) values[i] = Math.abs((values[i] as number) - centre);
  return 1.4826 * medianInPlace(values);
}

/**
 * The median, 0 for no values; `values` is left as it was. simple-statistics' `median` gives the same
 * number, but wants a plain array: copying each series into one cost about 7% of the trend stage
 * (2,000 of the bench fleet's series: 7.2 s, then 6.7 s), so the hot path selects in a typed copy.
 */
function median(values: Float64Array): number {
  return values.length === 0 ? 0 : medianInPlace(values.slice());
}

import { median } from 'simple-statistics';
import type { Series } from '../series/series.js';
import type { Judgement } from './judge-series.js';

const MS_PER_HOUR = 3_600_000;

/**
 * A straight piece of a fitted trend, for drawing: the line of slope `slope` through
 * (`anchorTime`, `anchorSize`) from `fromTime` to `toTime`, and its confidence band, the lines of
 * slopes `low` and `high` through the same anchor. Slopes in bytes per hour, times in epoch
 * milliseconds.
 */
export interface TrendSegment {
  readonly fromTime: number;
  readonly toTime: number;
  readonly anchorTime: number;
  readonly anchorSize: number;
  readonly slope: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The judged trend laid over a series' sizes: one segment per lifetime, over its points from the
 * latest regime's start on (the last lifetime's, when it changed trend), through the median time
 * of those points and the median of the sizes less the slope — Theil–Sen's intercept. Empty when
 * the series was not tested.
 */
export function trendSegments(series: Series, judgement: Judgement): TrendSegment[] {
  const { growthBytesPerHour: slope, growthLow: low, growthHigh: high, regimeFrom } = judgement;
  if (slope === null || low === null || high === null) return [];
  const segments: TrendSegment[] = [];
  const starts = series.lifetimeStarts;
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? series.times.length;
    let from = start;
    if (i === starts.length - 1 && regimeFrom !== null) {
      while (from < end && (series.times[from] as number) < regimeFrom) from += 1;
    }
    if (end - from < 2) return;
    const times = Array.from(series.times.subarray(from, end));
    const anchorTime = median(times);
    const anchorSize = median(times.map((time, j) => (series.sizes[from + j] as number) - (slope * (time - anchorTime)) / MS_PER_HOUR));
    segments.push({ fromTime: times[0] as number, toTime: times[times.length - 1] as number, anchorTime, anchorSize, slope, low, high });
  });
  return segments;
}

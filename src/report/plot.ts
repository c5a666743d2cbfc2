import type { TrendSegment } from '../trend/trend-segments.js';
import type { Finding } from './report.js';

export type { TrendSegment };

/**
 * What a chart of one series needs beyond its finding: the points and the fitted trend. Not part
 * of the JSON report (a week of a fleet's points would swamp it); the analysis hands it to the
 * renderers that draw.
 */
export interface Plot {
  /** Epoch milliseconds, ascending. */
  readonly times: Float64Array;
  /** Bytes, as logged. */
  readonly sizes: Float64Array;
  /** Index of the first point of each process lifetime, starting with 0. */
  readonly lifetimeStarts: readonly number[];
  /** The fitted trend, one segment per lifetime (over its latest regime); empty when the series was not tested. */
  readonly trend: readonly TrendSegment[];
}

/**
 * The plots of a report's findings, keyed by the finding (suspects and series share them). A `Map`
 * will do; the analysis hands over one that loads each series' points when its plot is asked for.
 */
export interface Plots {
  has(finding: Finding): boolean;
  get(finding: Finding): Plot | undefined;
}

/** How the renderers may be told about their surroundings; each renderer uses what applies. */
export interface RenderOptions {
  /** Points and trends to draw charts and sparklines from; without them no charts. */
  readonly plots?: Plots;
  /** ANSI colour in the text report. */
  readonly color?: boolean;
  /** The width of the terminal, in columns, for the text report. */
  readonly width?: number;
}

const MS_PER_HOUR = 3_600_000;

/** The size on a trend segment's line of the given slope at a time. */
export function trendAt(segment: TrendSegment, time: number, slope = segment.slope): number {
  return segment.anchorSize + (slope * (time - segment.anchorTime)) / MS_PER_HOUR;
}

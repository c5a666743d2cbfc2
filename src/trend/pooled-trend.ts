/**
 * One trend from several stretches of a series (the lifetimes of a restarted process, or their
 * latest regimes), counting only pairs of points within a stretch: growth that resets at each
 * restart is pooled, the drops between lifetimes are not growth.
 *
 * - Significance: the stratified Mann–Kendall test (Hirsch, Slack and Smith 1982): S and Var(S)
 *   of the stretches add up; each stretch's variance carries its own autocorrelation correction.
 * - Slope: the median of all within-stretch pairwise slopes (Sen's estimator pooled), with Sen's
 *   confidence interval from the pooled Var(S). Exact while the stretches hold at most
 *   `MAX_POOLED_PAIRS` pairs — always when there is one stretch, which uses `theilSen` — and
 *   beyond that the median of the stretches' own slopes weighted by their pair counts.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { Segment } from './lifetime-segments.js';
import { mannKendall, type MannKendallTest } from './mann-kendall.js';
import { roundHalfEven, theilSen } from './theil-sen.js';

export const MAX_POOLED_PAIRS = 4_000_000;
/** Stretches shorter than this take no part: Mann–Kendall needs three points. */
const MIN_STRETCH_POINTS = 3;

export interface PooledTrend {
  /** Points in the stretches that took part. */
  readonly points: number;
  readonly slope: number;
  readonly low: number;
  readonly high: number;
  readonly s: number;
  readonly varianceS: number;
  readonly pValueAbove: number;
  readonly pValueBelow: number;
}

export function pooledTrend(x: Float64Array, y: Float64Array, segments: readonly Segment[], confidence = 0.95): PooledTrend | undefined {
  const stretches = segments.filter((segment) => segment.to - segment.from >= MIN_STRETCH_POINTS && x[segment.to - 1] !== x[segment.from]);
  if (stretches.length === 0) return undefined;
  const tests = stretches.map((segment) => mannKendall(x.subarray(segment.from, segment.to), y.subarray(segment.from, segment.to), { correction: 'hamed-rao' }));
  const s = tests.reduce((sum, test) => sum + test.s, 0);
  const varianceS = tests.reduce((sum, test) => sum + test.varianceS, 0);
  const z = varianceS > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(varianceS) : 0;
  const points = stretches.reduce((sum, segment) => sum + segment.to - segment.from, 0);
  const slope = pooledSlope(x, y, stretches, tests, varianceS, confidence);
  return {
    points,
    ...slope,
    s,
    varianceS,
    pValueAbove: s === 0 ? 0.5 : normalCdf(-z, 0, 1),
    pValueBelow: s === 0 ? 0.5 : normalCdf(z, 0, 1),
  };
}

function pooledSlope(
  x: Float64Array,
  y: Float64Array,
  stretches: readonly Segment[],
  tests: readonly MannKendallTest[],
  varianceS: number,
  confidence: number,
): { slope: number; low: number; high: number } {
  if (stretches.length === 1) {
    const [only] = stretches as [Segment];
    const [test] = tests as [MannKendallTest];
    return theilSen(x.subarray(only.from, only.to), y.subarray(only.from, only.to), { confidence, varianceFactor: test.varianceFactor });
  }
  const pairs = stretches.reduce((sum, segment) => sum + ((segment.to - segment.from) * (segment.to - segment.from - 1)) / 2, 0);
  if (pairs > MAX_POOLED_PAIRS) return weightedMedianSlope(x, y, stretches, tests, confidence);
  const slopes = new Float64Array(pairs);
  let k = 0;
  for (const { from, to } of stretches) {
    for (let i = from; i < to; i++) {
      for (let j = i + 1; j < to; j++) {
        const dx = (x[j] as number) - (x[i] as number);
        if (dx !== 0) slopes[k++] = ((y[j] as number) - (y[i] as number)) / dx;
      }
    }
  }
  const sorted = slopes.subarray(0, k).sort();
  // Sen's interval, ranked as scipy.stats.theilslopes ranks it.
  const c = -normalQuantile((1 - confidence) / 2, 0, 1) * Math.sqrt(varianceS);
  const lowRank = Math.max(roundHalfEven((k - c) / 2) - 1, 0);
  const highRank = Math.min(roundHalfEven((k + c) / 2), k - 1);
  return { slope: median(sorted), low: sorted[lowRank] as number, high: sorted[highRank] as number };
}

/** Beyond MAX_POOLED_PAIRS: each stretch's own Theil–Sen fit, weighted by its number of pairs. */
function weightedMedianSlope(
  x: Float64Array,
  y: Float64Array,
  stretches: readonly Segment[],
  tests: readonly MannKendallTest[],
  confidence: number,
): { slope: number; low: number; high: number } {
  const fits = stretches.map((segment, i) => ({
    fit: theilSen(x.subarray(segment.from, segment.to), y.subarray(segment.from, segment.to), { confidence, varianceFactor: (tests[i] as MannKendallTest).varianceFactor }),
    weight: (segment.to - segment.from) * (segment.to - segment.from - 1),
  }));
  const pick = (value: (fit: (typeof fits)[number]['fit']) => number): number => {
    const ordered = fits.map((f) => ({ value: value(f.fit), weight: f.weight })).sort((a, b) => a.value - b.value);
    const half = ordered.reduce((sum, f) => sum + f.weight, 0) / 2;
    let running = 0;
    for (const f of ordered) {
      running += f.weight;
      if (running >= half) return f.value;
    }
    return (ordered[ordered.length - 1] as { value: number }).value;
  };
  return { slope: pick((f) => f.slope), low: pick((f) => f.low), high: pick((f) => f.high) };
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 === 1 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
}

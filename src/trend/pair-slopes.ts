/**
 * The pairwise slopes of a series, counted, sampled and listed without forming all N of them:
 * the machinery under slope-selection.ts.
 *
 * A pair a, b with x_a < x_b has slope (y_b − y_a)/(x_b − x_a) < θ exactly when its keys
 * u = y − θx are inverted: u_b < u_a. So, with the points in x order:
 *
 * - **counting** the slopes below a pivot θ is counting the inversions of u (a merge sort,
 *   O(n log n)) — {@link PairSlopes.pivot};
 * - **listing or sampling** the slopes between two pivots L < R is listing the pairs whose order
 *   by u at L is inverted by u at R: sort by u at L, then merge-sort by u at R and report the
 *   inversions (O(n log n) plus the pairs reported) — {@link PairSlopes.scan}, pair-scan.ts.
 *
 * Keys are computed in floating point, so near a pivot they can disagree with the slope the naive
 * method computes, `(y_b − y_a) / (x_b − x_a)`. {@link PairSlopes.tolerance} bounds by how much;
 * slope-selection.ts only trusts an answer that lies farther than that from its pivots. At θ = 0
 * the key is y itself and the classification is exact (the sign of a difference of doubles is).
 *
 * @module
 */
import { sortCountingInversions } from './inversions.js';
import type { SlopesAtZero } from './kendall-s.js';
import { scanInversions, type ScanOutput } from './pair-scan.js';
import { seededRandom } from './seeded-random.js';
import type { PivotCounts } from './slope-selection.js';

/** One pivot θ, with the counts and the order of its keys. */
export interface Pivot {
  readonly theta: number;
  /** Pairs (x_a < x_b) with u_b < u_a: slopes below θ, as the keys see them. */
  readonly below: number;
  /** Pairs with u_b ≤ u_a: slopes at or below θ, as the keys see them. */
  readonly atOrBelow: number;
  /** u = y − θx, by point. */
  readonly keys: Float64Array;
  /** The points sorted by key (stably, from x order). */
  readonly order: Int32Array;
}

/** Unit roundoff of doubles, 2^−53. */
const EPSILON = Number.EPSILON / 2;

/** Points sorted by x (ties allowed), and the operations of the slope selection on them. */
export class PairSlopes {
  readonly n: number;
  /** Pairs with x_a < x_b: the number of slopes, N. */
  readonly pairs: number;
  /** The pivot θ = −∞: every pair lies above it; its keys are x, so equal x never count as below. */
  readonly minusInfinity: Pivot;
  /** The counts at θ = 0 when they were handed over (from Kendall's S), else undefined. */
  readonly atZero: PivotCounts | undefined;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly hasTiedX: boolean;
  /** groupStart[i]: the first point with the same x as point i (only when x has ties). */
  private readonly groupStart: Int32Array | undefined;
  /** cumulativeWeight[i]: pairs (a, b) with x_a < x_b and b ≤ i (only when x has ties). */
  private readonly cumulativeWeight: Float64Array | undefined;
  private readonly minGap: number;
  private readonly maxAbsX: number;
  private readonly maxAbsY: number;
  private readonly random: () => number;
  private readonly pivots = new Map<number, Pivot>();
  private readonly scratch: { keys: Float64Array; order: Int32Array; mergeKeys: Float64Array; mergeOrder: Int32Array; high: Float64Array };

  /**
   * Precondition: x ascending with at least two distinct values, equal lengths, all finite;
   * `atZero`, when given, the series' own counts (`kendallS(x, y).slopesAtZero`).
   */
  constructor(x: Float64Array, y: Float64Array, atZero?: SlopesAtZero) {
    const n = x.length;
    this.n = n;
    this.x = x;
    this.y = y;
    let minGap = Infinity;
    let maxAbsX = 0;
    let maxAbsY = 0;
    let tied = false;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      if (i > 0) {
        const gap = xi - (x[i - 1] as number);
        if (gap === 0) tied = true;
        else if (gap < minGap) minGap = gap;
      }
      maxAbsX = Math.max(maxAbsX, Math.abs(xi));
      maxAbsY = Math.max(maxAbsY, Math.abs(y[i] as number));
    }
    this.hasTiedX = tied;
    this.minGap = minGap;
    this.maxAbsX = maxAbsX;
    this.maxAbsY = maxAbsY;
    if (tied) {
      const groupStart = new Int32Array(n);
      const cumulativeWeight = new Float64Array(n);
      let weight = 0;
      for (let i = 0; i < n; i++) {
        groupStart[i] = i > 0 && x[i - 1] === x[i] ? (groupStart[i - 1] as number) : i;
        weight += groupStart[i] as number;
        cumulativeWeight[i] = weight;
      }
      this.groupStart = groupStart;
      this.cumulativeWeight = cumulativeWeight;
      this.pairs = weight;
    } else {
      this.groupStart = undefined;
      this.cumulativeWeight = undefined;
      this.pairs = (n * (n - 1)) / 2;
    }
    this.random = seededRandom(0x2545f491 ^ n);
    this.scratch = {
      keys: new Float64Array(n),
      order: new Int32Array(n),
      mergeKeys: new Float64Array(n),
      mergeOrder: new Int32Array(n),
      high: new Float64Array(n),
    };
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    this.minusInfinity = { theta: -Infinity, below: 0, atOrBelow: 0, keys: x, order };
    this.atZero = atZero === undefined ? undefined : { theta: 0, below: atZero.below, atOrBelow: atZero.atOrBelow };
  }

  /** The slope of the pair a, b (x_a < x_b), computed as the naive method computes it. */
  slope(a: number, b: number): number {
    return ((this.y[b] as number) - (this.y[a] as number)) / ((this.x[b] as number) - (this.x[a] as number));
  }

  /**
   * How far a slope the naive method computes may lie on the wrong side of θ when the keys
   * classify it: for a pair with u_b ≤ u_a, (y_b − y_a)/(x_b − x_a) ≤ θ + tolerance(θ); for u_b ≥ u_a,
   * ≥ θ − tolerance(θ). Each key carries at most ε(|y| + 2|θx|) of rounding (ε = 2^−53), the
   * difference of two twice that, divided by at least the smallest gap in x; the naive slope adds
   * three roundings. Doubled for safety. Exactly 0 at θ = 0.
   */
  tolerance(theta: number): number {
    if (theta === 0) return 0;
    const keyError = EPSILON * (this.maxAbsY + 2.0001 * Math.abs(theta) * this.maxAbsX);
    const slopeError = (2 * keyError) / this.minGap;
    return 2 * (slopeError + 3.0001 * EPSILON * (Math.abs(theta) + slopeError));
  }

  /** Counts and orders the keys at θ (finite), cached by θ. O(n log n). */
  pivot(theta: number): Pivot {
    const cached = this.pivots.get(theta);
    if (cached !== undefined) return cached;
    const { n, x, y, scratch } = this;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (y[i] as number) - theta * (x[i] as number);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // Within a run of equal x, ascending keys: no pair inside a run is counted as an inversion.
    let equalWithinRuns = 0;
    if (this.hasTiedX) {
      for (let start = 0; start < n; ) {
        let end = start + 1;
        while (end < n && x[end] === x[start]) end++;
        if (end - start > 1) equalWithinRuns += sortRunBy(order, start, end, keys);
        start = end;
      }
    }
    const sortedKeys = scratch.keys;
    for (let i = 0; i < n; i++) sortedKeys[i] = keys[order[i] as number] as number;
    const below = sortCountingInversions(sortedKeys, order, undefined, scratch.mergeKeys, scratch.mergeOrder);
    let equal = 0;
    let run = 1;
    for (let i = 1; i <= n; i++) {
      if (i < n && sortedKeys[i] === sortedKeys[i - 1]) {
        run++;
      } else {
        equal += (run * (run - 1)) / 2;
        run = 1;
      }
    }
    const pivot: Pivot = { theta, below, atOrBelow: below + equal - equalWithinRuns, keys, order };
    this.pivots.set(theta, pivot);
    return pivot;
  }

  /**
   * The slopes strictly between `low.theta` and `high` (+∞ allowed), as the keys classify them:
   * pairs with u_b > u_a at the low pivot and u_b < u_a at the high one. Lists them while the merge
   * reports at most `limit` pairs; beyond, samples each with probability `rate`. O(n log n) plus
   * the pairs listed; O(n) plus the pairs when `expected` (pairs between, by a sample) is at most 8n.
   */
  scan(low: Pivot, high: number, limit: number, rate: number, expected = Infinity): ScanOutput {
    const { n, x, y, scratch } = this;
    const highKeys = scratch.high;
    if (high === Infinity) {
      for (let i = 0; i < n; i++) highKeys[i] = -(x[i] as number);
    } else {
      for (let i = 0; i < n; i++) highKeys[i] = (y[i] as number) - high * (x[i] as number);
    }
    const lowKeys = low.keys;
    // Order by the low key; among equal low keys, by the high key, so that they are not inverted.
    const order = scratch.order;
    order.set(low.order);
    for (let start = 0; start < n; ) {
      const key = lowKeys[order[start] as number];
      let end = start + 1;
      while (end < n && lowKeys[order[end] as number] === key) end++;
      if (end - start > 1) sortRunBy(order, start, end, highKeys);
      start = end;
    }
    const sortedKeys = scratch.keys;
    for (let i = 0; i < n; i++) sortedKeys[i] = highKeys[order[i] as number] as number;
    return scanInversions(sortedKeys, order, {
      x,
      y,
      lowKeys,
      limit,
      rate,
      random: this.random,
      scratchKeys: scratch.mergeKeys,
      scratchOrder: scratch.mergeOrder,
      nearlySorted: expected <= 8 * n,
    });
  }

  /** `count` slopes of pairs drawn uniformly (with replacement) from all pairs with x_a < x_b. */
  sampleUniform(count: number): Float64Array {
    const { n, cumulativeWeight, groupStart, random, pairs } = this;
    const sample = new Float64Array(count);
    for (let s = 0; s < count; s++) {
      if (cumulativeWeight === undefined || groupStart === undefined) {
        // No ties in x: two distinct points, in order, are a uniform pair.
        const a = Math.floor(random() * n);
        let b = Math.floor(random() * (n - 1));
        if (b >= a) b++;
        sample[s] = a < b ? this.slope(a, b) : this.slope(b, a);
      } else {
        // b with probability ∝ the points before its run of equal x, then a among those.
        const target = random() * pairs;
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if ((cumulativeWeight[mid] as number) > target) hi = mid;
          else lo = mid + 1;
        }
        sample[s] = this.slope(Math.floor(random() * (groupStart[lo] as number)), lo);
      }
    }
    return sample;
  }

  /** All N slopes, by the double loop, in the order it visits them. */
  allSlopes(): Float64Array {
    const { n, x, y } = this;
    const slopes = new Float64Array(this.pairs);
    let k = 0;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const dx = (x[b] as number) - (x[a] as number);
        if (dx > 0) slopes[k++] = ((y[b] as number) - (y[a] as number)) / dx;
      }
    }
    return slopes;
  }
}

/**
 * Sorts order[start..end) by keys[order[i]] ascending (ties by point) and returns the number of
 * pairs in it with equal keys.
 */
function sortRunBy(order: Int32Array, start: number, end: number, keys: Float64Array): number {
  if (end - start === 2) {
    const a = order[start] as number;
    const b = order[start + 1] as number;
    const ka = keys[a] as number;
    const kb = keys[b] as number;
    if (kb < ka || (kb === ka && b < a)) {
      order[start] = b;
      order[start + 1] = a;
    }
    return ka === kb ? 1 : 0;
  }
  const run = Array.from(order.subarray(start, end)).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  order.set(run, start);
  let equal = 0;
  let same = 1;
  for (let i = 1; i <= run.length; i++) {
    if (i < run.length && keys[run[i] as number] === keys[run[i - 1] as number]) {
      same++;
    } else {
      equal += (same * (same - 1)) / 2;
      same = 1;
    }
  }
  return equal;
}

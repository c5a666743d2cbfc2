/**
 * The pairwise slopes within each of several stretches of a series (the lifetimes of a restarted
 * process), and none across them, as one set for slope-selection.ts: counts below a pivot add up
 * over the stretches, scans and samples are the stretches' together. So the pooled Theil–Sen
 * slope and Sen's bounds are selected in O(n log n) a pass, as a single series' are, with the
 * answers of listing and sorting every within-stretch pair.
 *
 * @module
 */
import type { ScanOutput } from './pair-scan.js';
import type { PairSlopes, Pivot } from './pair-slopes.js';
import { seededRandom } from './seeded-random.js';
import type { PivotCounts, SlopeSource } from './slope-selection.js';

/** A pivot over all the stretches: the sums of the stretches' counts, and their own pivots. */
interface PooledPivot extends PivotCounts {
  readonly parts: readonly Pivot[];
}

export class PooledPairSlopes implements SlopeSource {
  readonly n: number;
  readonly pairs: number;
  readonly minusInfinity: PooledPivot;
  /** The stretches' counts at θ = 0 added up, when every stretch has them. */
  readonly atZero: PivotCounts | undefined;
  private readonly pivots = new Map<number, PooledPivot>();
  private readonly random: () => number;

  /** Precondition: each stretch's PairSlopes precondition (x ascending, two distinct values). */
  constructor(private readonly parts: readonly PairSlopes[]) {
    this.n = parts.reduce((sum, part) => sum + part.n, 0);
    this.pairs = parts.reduce((sum, part) => sum + part.pairs, 0);
    this.minusInfinity = { theta: -Infinity, below: 0, atOrBelow: 0, parts: parts.map((part) => part.minusInfinity) };
    this.random = seededRandom(0x5eed ^ this.n);
    const atZero = parts.map((part) => part.atZero);
    this.atZero = atZero.every((counts) => counts !== undefined) ? addedUp(0, atZero) : undefined;
  }

  tolerance(theta: number): number {
    return Math.max(...this.parts.map((part) => part.tolerance(theta)));
  }

  pivot(theta: number): PooledPivot {
    const cached = this.pivots.get(theta);
    if (cached !== undefined) return cached;
    const parts = this.parts.map((part) => part.pivot(theta));
    const pivot: PooledPivot = { ...addedUp(theta, parts), parts };
    this.pivots.set(theta, pivot);
    return pivot;
  }

  /**
   * The stretches' scans together: listed while all of them list at most `limit` in all; beyond,
   * a Bernoulli(`rate`) sample of every stretch's slopes (a stretch that listed all of its own is
   * sampled from its list).
   */
  scan(low: PivotCounts, high: number, limit: number, rate: number, expected = Infinity): ScanOutput {
    const lows = (low as PooledPivot).parts;
    const scans: ScanOutput[] = [];
    let listed = 0;
    let overflowed = false;
    this.parts.forEach((part, i) => {
      const room = overflowed ? 0 : limit - listed;
      const scan = part.scan(lows[i] as Pivot, high, room, rate, (expected * part.pairs) / Math.max(this.pairs, 1));
      if (scan.slopes === undefined) overflowed = true;
      else listed += scan.slopes.length;
      scans.push(scan);
    });
    const candidates = scans.reduce((sum, scan) => sum + scan.candidates, 0);
    if (!overflowed) return { candidates, slopes: concat(scans.map((scan) => scan.slopes as Float64Array)), sample: new Float64Array(0) };
    const samples = scans.map((scan) => (scan.slopes === undefined ? scan.sample : this.bernoulli(scan.slopes, rate)));
    return { candidates, slopes: undefined, sample: concat(samples) };
  }

  /** `count` slopes drawn uniformly from all within-stretch pairs: each draw picks a stretch by its pairs. */
  sampleUniform(count: number): Float64Array {
    const counts = this.parts.map(() => 0);
    for (let s = 0; s < count; s++) {
      let target = this.random() * this.pairs;
      let i = 0;
      while (i < this.parts.length - 1 && target >= (this.parts[i] as PairSlopes).pairs) target -= (this.parts[i++] as PairSlopes).pairs;
      counts[i] = (counts[i] as number) + 1;
    }
    return concat(this.parts.map((part, i) => part.sampleUniform(counts[i] as number)));
  }

  allSlopes(): Float64Array {
    return concat(this.parts.map((part) => part.allSlopes()));
  }

  private bernoulli(slopes: Float64Array, rate: number): Float64Array {
    return slopes.filter(() => this.random() < rate);
  }
}

/** The stretches' counts at one pivot, added up. */
function addedUp(theta: number, counts: readonly PivotCounts[]): PivotCounts {
  return {
    theta,
    below: counts.reduce((sum, one) => sum + one.below, 0),
    atOrBelow: counts.reduce((sum, one) => sum + one.atOrBelow, 0),
  };
}

function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((sum, one) => sum + one.length, 0));
  let at = 0;
  for (const one of arrays) {
    out.set(one, at);
    at += one.length;
  }
  return out;
}

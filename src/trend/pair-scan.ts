/**
 * The merge sort behind {@link PairSlopes.scan}: sorts the points (in the order of their keys at
 * a low pivot) by their keys at a high pivot, and lists or samples the pairs it finds inverted —
 * the slopes between the two pivots: a visitor over inversions.ts's sort. (A copy of that sort
 * with the reporting inlined measured no faster: Theil–Sen on 300 series of 2,000 points took
 * 855–877 ms with the visitor, 853–1,054 ms with the copy.)
 *
 * @module
 */

import { RUN, sortCountingInversions, type InversionVisitor } from './inversions.js';

/** What the scan needs besides the keys it sorts. */
export interface ScanInput {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Keys at the low pivot, by point. */
  readonly lowKeys: Float64Array;
  /** List while at most this many pairs are reported. */
  readonly limit: number;
  /** Probability with which each pair is sampled (once the list has overflowed). */
  readonly rate: number;
  readonly random: () => number;
  readonly scratchKeys: Float64Array;
  readonly scratchOrder: Int32Array;
  /**
   * Few pairs expected (a small multiple of n): sort by insertion alone, O(n + pairs), instead of
   * merging, O(n log n + pairs).
   */
  readonly nearlySorted: boolean;
}

export interface ScanOutput {
  /** Pairs reported (inverted), valid or not: an upper bound on the slopes between the pivots. */
  readonly candidates: number;
  /** The slopes between the pivots, unless more than `limit` pairs were reported. */
  readonly slopes: Float64Array | undefined;
  /** A Bernoulli(rate) sample of those slopes. */
  readonly sample: Float64Array;
}


/** The scan's sampling state (the listing is done by {@link scanInversions}' visitor). */
class Sampler {
  sample = new Float64Array(256);
  count = 0;
  /** Position (in reported pairs) of the next pair to sample. */
  next = Infinity;
  private readonly logKeep: number;

  constructor(private readonly rate: number, private readonly random: () => number) {
    this.logKeep = Math.log1p(-Math.min(rate, 0.999999));
  }

  /** Pairs to pass over before the next sampled one (geometric). */
  skip(): number {
    if (this.rate >= 1) return 0;
    if (this.rate <= 0) return Infinity;
    return Math.floor(Math.log(1 - this.random()) / this.logKeep);
  }

  keep(slope: number): void {
    if (this.count === this.sample.length) {
      const grown = new Float64Array(2 * this.sample.length);
      grown.set(this.sample);
      this.sample = grown;
    }
    this.sample[this.count++] = slope;
  }

  /** Samples the slopes listed so far, then goes on with the stream from `position` on. */
  takeOver(listed: Float64Array, listedCount: number, position: number): void {
    for (let i = this.skip(); i < listedCount; i += 1 + this.skip()) this.keep(listed[i] as number);
    this.next = position + this.skip();
  }

  /**
   * Points src[from..to) came before point b with greater high keys; their pairs occupy positions
   * [last − (to − from), last) of the stream. Samples those at the chosen positions that are truly
   * between the pivots.
   */
  take(src: Int32Array, from: number, to: number, b: number, last: number, input: ScanInput): void {
    const first = last - (to - from);
    const { x, y, lowKeys } = input;
    const xb = x[b] as number;
    while (this.next < last) {
      const a = src[from + this.next - first] as number;
      const xa = x[a] as number;
      if (xa < xb && (lowKeys[a] as number) < (lowKeys[b] as number)) this.keep(((y[b] as number) - (y[a] as number)) / (xb - xa));
      this.next += 1 + this.skip();
    }
  }
}

/**
 * The list is full once `reported` pairs are: grow it (never past `limit`), or give it up and
 * hand its slopes and the stream from position `first` on to the sampler. Returns the list to go
 * on with, or undefined.
 */
function overflow(list: Float64Array, listedCount: number, first: number, reported: number, limit: number, sampler: Sampler): Float64Array | undefined {
  if (reported <= limit) {
    const grown = new Float64Array(Math.min(limit, Math.max(2 * list.length, reported)));
    grown.set(list.subarray(0, listedCount));
    return grown;
  }
  sampler.takeOver(list, listedCount, first);
  return undefined;
}

/**
 * Appends to `out` from index `count` the slopes of the pairs (a, b), a in src[from..to), that are
 * truly between the pivots (x_a < x_b and a's low key below b's); returns the new count.
 */
function listRange(
  src: Int32Array,
  from: number,
  to: number,
  b: number,
  x: Float64Array,
  y: Float64Array,
  lowKeys: Float64Array,
  out: Float64Array,
  count: number,
): number {
  const xb = x[b] as number;
  const yb = y[b] as number;
  const ub = lowKeys[b] as number;
  let c = count;
  for (let t = from; t < to; t++) {
    const a = src[t] as number;
    const xa = x[a] as number;
    if (xa < xb && (lowKeys[a] as number) < ub) out[c++] = (yb - (y[a] as number)) / (xb - xa);
  }
  return c;
}

/**
 * Sorts `keys` (high keys, in low-key order) ascending, carrying `order`, and reports every
 * strictly inverted pair to the list (while at most `limit`) or to the sample. O(n log n) plus
 * the pairs listed.
 */
export function scanInversions(keys: Float64Array, order: Int32Array, input: ScanInput): ScanOutput {
  const { x, y, lowKeys, limit } = input;
  const sampler = new Sampler(input.rate, input.random);
  // Never longer than limit: outgrowing it is what ends the listing.
  let listed: Float64Array | undefined = new Float64Array(Math.min(limit, 4096));
  let listedCount = 0;
  let reported = 0;
  const report: InversionVisitor = (src, from, to, point) => {
    const first = reported;
    reported += to - from;
    if (listed !== undefined && reported > listed.length) listed = overflow(listed, listedCount, first, reported, limit, sampler);
    if (listed !== undefined) listedCount = listRange(src, from, to, point, x, y, lowKeys, listed, listedCount);
    else if (sampler.next < reported) sampler.take(src, from, to, point, reported, input);
  };
  const run = input.nearlySorted ? Math.max(keys.length, 1) : RUN;
  sortCountingInversions(keys, order, report, input.scratchKeys, input.scratchOrder, run);
  return {
    candidates: reported,
    slopes: listed?.subarray(0, listedCount),
    sample: sampler.sample.subarray(0, sampler.count),
  };
}

/**
 * The merge sort behind {@link PairSlopes.scan}: sorts the points (in the order of their keys at
 * a low pivot) by their keys at a high pivot, and lists or samples the pairs it finds inverted —
 * the slopes between the two pivots. A copy of inversions.ts's sort with the reporting inlined,
 * because this is the hot loop of the slope selection.
 *
 * @module
 */

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
}

export interface ScanOutput {
  /** Pairs reported (inverted), valid or not: an upper bound on the slopes between the pivots. */
  readonly candidates: number;
  /** The slopes between the pivots, unless more than `limit` pairs were reported. */
  readonly slopes: Float64Array | undefined;
  /** A Bernoulli(rate) sample of those slopes. */
  readonly sample: Float64Array;
}

const RUN = 16;

/** The scan's sampling state (the listing is inlined in {@link scanInversions}). */
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

  /** Samples the values listed so far, then the stream from position `reported` on. */
  takeOver(listed: Float64Array, listedCount: number, reported: number): void {
    for (let i = this.skip(); i < listedCount; i += 1 + this.skip()) this.keep(listed[i] as number);
    this.next = reported + this.skip();
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
 * Sorts `keys` (high keys, in low-key order) ascending, carrying `order`, and reports every
 * strictly inverted pair to the list (while at most `limit`) or to the sample. O(n log n) plus
 * the pairs listed.
 */
export function scanInversions(keys: Float64Array, order: Int32Array, input: ScanInput): ScanOutput {
  const n = keys.length;
  const { x, y, lowKeys, limit } = input;
  const sampler = new Sampler(input.rate, input.random);
  let listed: Float64Array | undefined = new Float64Array(Math.max(16, Math.min(limit, 4096)));
  let listedCount = 0;
  let reported = 0;

  /** The list is full: grow it, or give it up for the sample. Returns the list to go on with. */
  const overflow = (list: Float64Array, first: number): Float64Array | undefined => {
    if (reported <= limit) {
      const grown = new Float64Array(Math.min(limit, Math.max(2 * list.length, reported)));
      grown.set(list.subarray(0, listedCount));
      return grown;
    }
    sampler.takeOver(list, listedCount, first);
    return undefined;
  };

  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(start + RUN, n);
    for (let i = start + 1; i < end; i++) {
      const key = keys[i] as number;
      const point = order[i] as number;
      let j = i - 1;
      while (j >= start && (keys[j] as number) > key) {
        keys[j + 1] = keys[j] as number;
        order[j + 1] = order[j] as number;
        j--;
      }
      if (j < i - 1) {
        const first = reported;
        reported += i - 1 - j;
        if (listed !== undefined && reported > listed.length) listed = overflow(listed, first);
        if (listed !== undefined) {
          const xb = x[point] as number;
          const yb = y[point] as number;
          const ub = lowKeys[point] as number;
          for (let t = j + 2; t <= i; t++) {
            const a = order[t] as number;
            const xa = x[a] as number;
            if (xa < xb && (lowKeys[a] as number) < ub) listed[listedCount++] = (yb - (y[a] as number)) / (xb - xa);
          }
        } else if (sampler.next < reported) {
          sampler.take(order, j + 2, i + 1, point, reported, input);
        }
        keys[j + 1] = key;
        order[j + 1] = point;
      }
    }
  }
  let srcKeys = keys;
  let srcOrder = order;
  let dstKeys = input.scratchKeys.subarray(0, n);
  let dstOrder = input.scratchOrder.subarray(0, n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let d = lo;
      while (i < mid && j < hi) {
        const left = srcKeys[i] as number;
        const right = srcKeys[j] as number;
        if (left <= right) {
          dstKeys[d] = left;
          dstOrder[d++] = srcOrder[i++] as number;
        } else {
          const point = srcOrder[j++] as number;
          const first = reported;
          reported += mid - i;
          if (listed !== undefined && reported > listed.length) listed = overflow(listed, first);
          if (listed !== undefined) {
            const xb = x[point] as number;
            const yb = y[point] as number;
            const ub = lowKeys[point] as number;
            for (let t = i; t < mid; t++) {
              const a = srcOrder[t] as number;
              const xa = x[a] as number;
              if (xa < xb && (lowKeys[a] as number) < ub) listed[listedCount++] = (yb - (y[a] as number)) / (xb - xa);
            }
          } else if (sampler.next < reported) {
            sampler.take(srcOrder, i, mid, point, reported, input);
          }
          dstKeys[d] = right;
          dstOrder[d++] = point;
        }
      }
      while (i < mid) {
        dstKeys[d] = srcKeys[i] as number;
        dstOrder[d++] = srcOrder[i++] as number;
      }
      while (j < hi) {
        dstKeys[d] = srcKeys[j] as number;
        dstOrder[d++] = srcOrder[j++] as number;
      }
    }
    const keysBefore = srcKeys;
    srcKeys = dstKeys;
    dstKeys = keysBefore;
    const orderBefore = srcOrder;
    srcOrder = dstOrder;
    dstOrder = orderBefore;
  }
  return {
    candidates: reported,
    slopes: listed?.subarray(0, listedCount),
    sample: sampler.sample.subarray(0, sampler.count),
  };
}

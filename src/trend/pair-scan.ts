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

/** The scan's running state; the hot path (a range that adds nothing to list or sample) only adds. */
class ScanState {
  reported = 0;
  listed: Float64Array | undefined;
  listedCount = 0;
  sample = new Float64Array(256);
  sampleCount = 0;
  nextSample = Infinity;
  private readonly logKeep: number;

  constructor(readonly input: ScanInput) {
    this.listed = new Float64Array(Math.max(16, Math.min(input.limit, 4096)));
    this.logKeep = Math.log1p(-Math.min(input.rate, 0.999999));
  }

  /** Pairs to pass over before the next sampled one (geometric). */
  skip(): number {
    const { rate } = this.input;
    if (rate >= 1) return 0;
    if (rate <= 0) return Infinity;
    return Math.floor(Math.log(1 - this.input.random()) / this.logKeep);
  }

  keep(slope: number): void {
    if (this.sampleCount === this.sample.length) {
      const grown = new Float64Array(2 * this.sample.length);
      grown.set(this.sample);
      this.sample = grown;
    }
    this.sample[this.sampleCount++] = slope;
  }

  /**
   * Points src[from..to) came before point b with greater high keys, and the pairs reported so far
   * now end at `this.reported`: list them, or sample them, keeping those truly between the pivots
   * (x_a < x_b and a's low key below b's).
   */
  take(src: Int32Array, from: number, to: number, b: number): void {
    const last = this.reported;
    const first = last - (to - from);
    const { x, y, lowKeys, limit } = this.input;
    const xb = x[b] as number;
    const yb = y[b] as number;
    const ub = lowKeys[b] as number;
    let listed = this.listed;
    if (listed !== undefined) {
      if (last <= limit) {
        if (last > listed.length) {
          const grown = new Float64Array(Math.min(limit, Math.max(2 * listed.length, last)));
          grown.set(listed.subarray(0, this.listedCount));
          this.listed = listed = grown;
        }
        let c = this.listedCount;
        for (let t = from; t < to; t++) {
          const a = src[t] as number;
          const xa = x[a] as number;
          if (xa < xb && (lowKeys[a] as number) < ub) listed[c++] = (yb - (y[a] as number)) / (xb - xa);
        }
        this.listedCount = c;
        return;
      }
      // The list overflowed: sample what it holds, then the stream from here on.
      for (let i = this.skip(); i < this.listedCount; i += 1 + this.skip()) this.keep(listed[i] as number);
      this.listed = undefined;
      this.nextSample = first + this.skip();
    }
    while (this.nextSample < last) {
      const a = src[from + this.nextSample - first] as number;
      const xa = x[a] as number;
      if (xa < xb && (lowKeys[a] as number) < ub) this.keep((yb - (y[a] as number)) / (xb - xa));
      this.nextSample += 1 + this.skip();
    }
  }
}

/**
 * Sorts `keys` (high keys, in low-key order) ascending, carrying `order`, and reports every
 * strictly inverted pair to the list or the sample. O(n log n) plus the pairs listed.
 */
export function scanInversions(keys: Float64Array, order: Int32Array, input: ScanInput): ScanOutput {
  const n = keys.length;
  const state = new ScanState(input);
  // Below this many pairs reported, a range needs handling; past it (list full, next sample far)
  // it only adds to the count.
  let watch = 0;
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
        state.reported += i - 1 - j;
        if (state.reported > watch) {
          state.take(order, j + 2, i + 1, point);
          watch = state.listed !== undefined ? 0 : state.nextSample;
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
          state.reported += mid - i;
          if (state.reported > watch) {
            state.take(srcOrder, i, mid, point);
            watch = state.listed !== undefined ? 0 : state.nextSample;
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
    candidates: state.reported,
    slopes: state.listed?.subarray(0, state.listedCount),
    sample: state.sample.subarray(0, state.sampleCount),
  };
}

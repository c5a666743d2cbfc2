/**
 * A stable merge sort that counts inversions: the O(n log n) engine under Kendall's S
 * (kendall-s.ts) and the pairwise-slope counts of Theil–Sen (pair-slopes.ts).
 *
 * @module
 */

/**
 * Called for every run of inversions found while sorting: each point in `order[from..to)`
 * came before `right` and has a strictly greater key. Every inverted pair is reported exactly
 * once, over the whole sort. `order` is the sort's working copy, to be read, never written; the
 * calls of one merge come after it, in the order the merge found them, and must not sort with a
 * visitor themselves (the record of a merge's calls is one shared buffer).
 */
export type InversionVisitor = (order: Int32Array, from: number, to: number, right: number) => void;

/** Runs this short are insertion-sorted before merging, unless the caller asks otherwise. */
export const RUN = 16;

/**
 * Sorts `keys` ascending, stably, carrying `order` along (both in place), and returns the
 * number of strict inversions of the input: pairs i < j with keys[i] > keys[j]. Equal keys are
 * not inversions. With `visit`, also reports which points form them (see {@link InversionVisitor}).
 *
 * `run`: the length of the insertion-sorted runs merged after; a run as long as the input is a
 * plain insertion sort, the fastest for keys already nearly sorted.
 *
 * Precondition: keys.length === order.length, no NaN among the keys.
 */
export function sortCountingInversions(
  keys: Float64Array,
  order: Int32Array,
  visit?: InversionVisitor,
  scratchKeys?: Float64Array,
  scratchOrder?: Int32Array,
  run = RUN,
): number {
  const n = keys.length;
  let count = 0;
  for (let start = 0; start < n; start += run) {
    const end = Math.min(start + run, n);
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
        count += i - 1 - j;
        // The points passed over now sit in order[j + 2 .. i].
        if (visit !== undefined) visit(order, j + 2, i + 1, point);
        keys[j + 1] = key;
        order[j + 1] = point;
      }
    }
  }
  if (n <= run) return count;

  let srcKeys: Float64Array = keys;
  let srcOrder: Int32Array = order;
  let dstKeys: Float64Array = scratchKeys !== undefined && scratchKeys.length >= n ? scratchKeys.subarray(0, n) : new Float64Array(n);
  let dstOrder: Int32Array = scratchOrder !== undefined && scratchOrder.length >= n ? scratchOrder.subarray(0, n) : new Int32Array(n);
  for (let width = run; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      if (mid === hi || (srcKeys[mid - 1] as number) <= (srcKeys[mid] as number)) {
        // Already in order (one half, or a nearly sorted input's): no inversions, a copy.
        dstKeys.set(srcKeys.subarray(lo, hi), lo);
        dstOrder.set(srcOrder.subarray(lo, hi), lo);
      } else {
        count += visit === undefined ? merge(srcKeys, srcOrder, dstKeys, dstOrder, lo, mid, hi) : mergeVisiting(srcKeys, srcOrder, dstKeys, dstOrder, lo, mid, hi, visit);
      }
    }
    const keysBefore = srcKeys;
    srcKeys = dstKeys;
    dstKeys = keysBefore;
    const orderBefore = srcOrder;
    srcOrder = dstOrder;
    dstOrder = orderBefore;
  }
  if (srcKeys !== keys) {
    keys.set(srcKeys);
    order.set(srcOrder);
  }
  return count;
}

/**
 * Merges the sorted `src[lo, mid)` and `src[mid, hi)` into `dst[lo, hi)`, stably, and returns the
 * inversions between the halves.
 *
 * Without branches on the keys: which half gives the next point is a 0 or 1 (`fromRight`) that
 * moves the indices, not an `if`. The keys being compared are, under the statistics, as good as
 * random, so a branch on them is mispredicted about every other point; written so, a 2,000-key
 * sort takes 104–110 µs instead of 150–152 µs (a microbenchmark of 3,000 sorts of random and
 * nearly sorted keys, best of 5 rounds, three processes each; the same counts).
 */
function merge(srcKeys: Float64Array, srcOrder: Int32Array, dstKeys: Float64Array, dstOrder: Int32Array, lo: number, mid: number, hi: number): number {
  let count = 0;
  let i = lo;
  let j = mid;
  let d = lo;
  while (i < mid && j < hi) {
    const fromRight = (((srcKeys[j] as number) < (srcKeys[i] as number)) as unknown as number) | 0;
    const k = i + fromRight * (j - i);
    dstKeys[d] = srcKeys[k] as number;
    dstOrder[d++] = srcOrder[k] as number;
    count += fromRight * (mid - i);
    j += fromRight;
    i += 1 - fromRight;
  }
  copyRest(srcKeys, srcOrder, dstKeys, dstOrder, i, mid, j, hi, d);
  return count;
}

/** The right-hand points a visiting merge took while left-hand ones remained: where the left half stood then, and the point. */
let visitFrom = new Int32Array(0);
let visitPoint = new Int32Array(0);

/**
 * `merge`, telling `visit` of each run of inversions. A copy of `merge` rather than one merge
 * asking at each point whether there is a visitor: a version written so (with other small
 * differences) took 117–157 µs for the plain sort in the microbenchmark above, against 101–104 µs.
 * The calls are collected during the merge and made after it, in the same order, so that the
 * merge stays without branches on the keys (`src`, which the calls are given, does not change
 * meanwhile): 142–155 µs a 2,000-key sort with a visitor that only counts, instead of 162–178 µs.
 */
function mergeVisiting(
  srcKeys: Float64Array,
  srcOrder: Int32Array,
  dstKeys: Float64Array,
  dstOrder: Int32Array,
  lo: number,
  mid: number,
  hi: number,
  visit: InversionVisitor,
): number {
  if (visitFrom.length < hi - mid) {
    visitFrom = new Int32Array(hi - mid);
    visitPoint = new Int32Array(hi - mid);
  }
  const from = visitFrom;
  const point = visitPoint;
  let count = 0;
  let i = lo;
  let j = mid;
  let d = lo;
  let visits = 0;
  while (i < mid && j < hi) {
    const fromRight = (((srcKeys[j] as number) < (srcKeys[i] as number)) as unknown as number) | 0;
    const k = i + fromRight * (j - i);
    dstKeys[d] = srcKeys[k] as number;
    dstOrder[d++] = srcOrder[k] as number;
    from[visits] = i;
    point[visits] = srcOrder[j] as number;
    visits += fromRight;
    count += fromRight * (mid - i);
    j += fromRight;
    i += 1 - fromRight;
  }
  copyRest(srcKeys, srcOrder, dstKeys, dstOrder, i, mid, j, hi, d);
  for (let v = 0; v < visits; v++) visit(srcOrder, from[v] as number, mid, point[v] as number);
  return count;
}

/** What is left of either half once the other is used up, copied to `dst` from `d` on. */
function copyRest(srcKeys: Float64Array, srcOrder: Int32Array, dstKeys: Float64Array, dstOrder: Int32Array, i: number, mid: number, j: number, hi: number, d: number): void {
  if (i < mid) {
    dstKeys.set(srcKeys.subarray(i, mid), d);
    dstOrder.set(srcOrder.subarray(i, mid), d);
  } else if (j < hi) {
    dstKeys.set(srcKeys.subarray(j, hi), d);
    dstOrder.set(srcOrder.subarray(j, hi), d);
  }
}

/** Σ t(t−1)/2 over the runs of equal values in `sorted`: the number of tied pairs. */
export function tiedPairs(sorted: ArrayLike<number>): number {
  let pairs = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++;
    } else {
      pairs += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return pairs;
}

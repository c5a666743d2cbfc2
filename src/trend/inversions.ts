/**
 * A stable merge sort that counts inversions: the O(n log n) engine under Kendall's S
 * (kendall-s.ts) and the pairwise-slope counts of Theil–Sen (pair-slopes.ts).
 *
 * @module
 */

/**
 * Called for every run of inversions found while sorting: each point in `order[from..to)`
 * came before `right` and has a strictly greater key. Every inverted pair is reported exactly
 * once, over the whole sort.
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
          count += mid - i;
          if (visit !== undefined) visit(srcOrder, i, mid, srcOrder[j] as number);
          dstKeys[d] = right;
          dstOrder[d++] = srcOrder[j++] as number;
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
  if (srcKeys !== keys) {
    keys.set(srcKeys);
    order.set(srcOrder);
  }
  return count;
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

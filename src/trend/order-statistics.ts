/**
 * Order statistics by selection (Hoare's quickselect), O(n) expected: the median of residuals in
 * theil-sen.ts and the pick from a listed bracket in slope-selection.ts.
 *
 * @module
 */
import { sortCountingInversions } from './inversions.js';

/**
 * Rearranges values[from..] so that values[j] holds the value of rank j in the whole array
 * (smaller or equal values before it, greater or equal after) and returns it. Precondition:
 * values[0..from) are all ≤ values[from..], from ≤ j < values.length, no NaN.
 */
export function selectInPlace(values: Float64Array, j: number, from = 0): number {
  let lo = from;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo] as number;
    const b = values[mid] as number;
    const c = values[hi] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let k = hi;
    while (i <= k) {
      while ((values[i] as number) < pivot) i++;
      while ((values[k] as number) > pivot) k--;
      if (i <= k) {
        const t = values[i] as number;
        values[i] = values[k] as number;
        values[k] = t;
        i++;
        k--;
      }
    }
    if (j <= k) hi = k;
    else if (j >= i) lo = i;
    else break;
  }
  return values[j] as number;
}

/**
 * The median as numpy computes it: the middle value, or the mean `(a + b) / 2` of the two middle
 * ones. Reorders `values`. Precondition: at least one value, no NaN.
 */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  const upper = selectInPlace(values, n >> 1);
  if (n % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = 0; i < n >> 1; i++) lower = Math.max(lower, values[i] as number);
  return (lower + upper) / 2;
}

/**
 * A sorted copy of `values` (a merge sort: several times faster than V8's
 * `Float64Array.prototype.sort` on a few thousand values). No NaN.
 */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values);
  sortCountingInversions(sorted, new Int32Array(sorted.length));
  return sorted;
}

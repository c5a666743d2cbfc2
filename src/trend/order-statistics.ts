/**
 * Order statistics by selection (Hoare's quickselect), O(n) expected: the median of residuals in
 * theil-sen.ts and the pick from a listed bracket in slope-selection.ts.
 *
 * @module
 */

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
 * Sorts `values` ascending in place (quicksort, insertion sort below 16): several times faster
 * than `Float64Array.prototype.sort` in V8 for the few thousand values of a sample. No NaN.
 */
export function sortInPlace(values: Float64Array, from = 0, to = values.length): Float64Array {
  let lo = from;
  let hi = to - 1;
  while (hi - lo >= 16) {
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
    // Recurse into the smaller side, loop on the larger: O(log n) stack.
    if (k - lo < hi - i) {
      sortInPlace(values, lo, k + 1);
      lo = i;
    } else {
      sortInPlace(values, i, hi + 1);
      hi = k;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= lo && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = v;
  }
  return values;
}

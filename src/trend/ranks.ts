/**
 * Ranks with ties averaged, as scipy.stats.rankdata's default (`method='average'`): the smallest
 * value has rank 1, and a group of equal values shares the mean of the ranks it spans.
 *
 * @module
 */
import { sortCountingInversions } from './inversions.js';

/** Average ranks (1-based) of `values`, in their order. O(n log n). No NaN allowed. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const keys = Float64Array.from(values);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  sortCountingInversions(keys, order);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && keys[end] === keys[start]) end++;
    // Positions start..end−1 hold ranks start+1..end: their mean.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i] as number] = rank;
    start = end;
  }
  return ranks;
}

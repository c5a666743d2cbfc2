/**
 * Benjamini–Hochberg false-discovery-rate adjustment.
 *
 * Part of the trend statistics; the numeric policy is stated in judge-series.ts. Here: a NaN
 * or a value outside [0, 1] is an error, never passed through; ties are ordinary input and
 * receive the same adjusted value.
 *
 * @module
 */

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order; monotone, capped at
 * 1. NaN inputs are an error (RangeError). Empty in, empty out.
 *
 * With the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎:
 *
 *     q₍ᵢ₎ = min( 1, min over j ≥ i of m·p₍ⱼ₎ / j )
 *
 * so q is non-decreasing in p, q ≥ p, and tied p-values get the same q. Rejecting every
 * hypothesis with q ≤ α controls the false-discovery rate at α (for independent or
 * positively dependent tests). Matches `scipy.stats.false_discovery_control(p, method='bh')`
 * and R's `p.adjust(p, "BH")`.
 *
 * @param pValues - p-values in [0, 1]
 * @returns the q-values, `result[i]` belonging to `pValues[i]`
 * @throws {RangeError} when a value is NaN or outside [0, 1]; the message gives its index
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.5]); // => [0.04, 0.0533, 0.0533, 0.5]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  pValues.forEach((p, i) => {
    if (Number.isNaN(p)) {
      throw new RangeError(`benjaminiHochberg: pValues[${i}] is NaN`);
    }
    if (p < 0 || p > 1) {
      throw new RangeError(`benjaminiHochberg: pValues[${i}] is ${p}, outside [0, 1]`);
    }
  });
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const q = new Array<number>(m);
  let runningMin = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1] as number;
    runningMin = Math.min(runningMin, ((pValues[i] as number) * m) / rank);
    q[i] = runningMin;
  }
  return q;
}

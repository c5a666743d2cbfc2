/** Tick steps within one binary unit: round numbers of B, KiB, MiB, GiB. */
const STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500];

/**
 * Axis ticks for a range of bytes that read well in binary units (0, 2, 4, 6, 8 MiB rather than
 * d3's decimal 0, 1.91, 3.81 MiB), at most about `count` of them, and the range widened to whole
 * steps.
 */
export function byteTicks(low: number, high: number, count: number): { readonly ticks: number[]; readonly low: number; readonly high: number } {
  const span = Math.max(high - low, 1);
  let step = 1;
  search: for (let unit = 1; unit <= 1024 ** 5; unit *= 1024) {
    for (const multiple of STEPS) {
      step = multiple * unit;
      if (span / step <= count) break search;
    }
  }
  const first = Math.floor(low / step) * step;
  const last = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let tick = first; tick <= last + step / 2; tick += step) ticks.push(tick);
  return { ticks, low: first, high: last === first ? first + step : last };
}

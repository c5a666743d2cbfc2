/**
 * The most likely single change of trend in a series: the split into two independently fitted
 * lines (a change of slope, of level, or both) that best explains it, if it explains it better
 * than one line by a clear margin.
 *
 * Model choice by BIC, n·ln(SSE/n) + k·ln(n), with k = 3 for one line (intercept, slope,
 * variance) and 6 for two (two lines, the variance, the split). The residual variance is floored
 * at the rounding noise of the sizes (resolution²/12 per point, a uniform error of one printed
 * step): a staircase of rounded values fits no worse than the line beneath it, so the steps
 * cannot pass for a change of trend. Every candidate split is scored in O(1) from prefix sums of
 * centred values, so the search is O(n).
 */

export interface ChangePoint {
  /** Index of the first point after the change. */
  readonly index: number;
  /** BIC of one line minus BIC of the two lines: how much better the split explains the series. */
  readonly gain: number;
}

export interface ChangePointOptions {
  /** Fewest points either side may have. */
  readonly minSide: number;
  /** Smallest BIC gain that counts as a change (about 10 is "very strong" evidence). */
  readonly minGain: number;
  /** Mean squared rounding step of the values (bytes²), for the variance floor. */
  readonly meanSquaredResolution: number;
}

/** The best split of `y` over ascending `x`, or undefined when one line explains it as well. */
export function findChangePoint(x: ArrayLike<number>, y: ArrayLike<number>, options: ChangePointOptions): ChangePoint | undefined {
  const n = x.length;
  const minSide = Math.max(3, options.minSide);
  if (n < 2 * minSide) return undefined;
  const sums = new PrefixSums(x, y);
  const floor = options.meanSquaredResolution / 12;
  const bic = (sse: number, points: number, k: number): number => points * Math.log(Math.max(sse / points, floor, Number.MIN_VALUE)) + k * Math.log(points);
  const oneLine = bic(sums.sse(0, n), n, 3);
  let best: ChangePoint | undefined;
  for (let split = minSide; split <= n - minSide; split++) {
    const gain = oneLine - bic(sums.sse(0, split) + sums.sse(split, n), n, 6);
    if (best === undefined || gain > best.gain) best = { index: split, gain };
  }
  return best !== undefined && best.gain >= options.minGain ? best : undefined;
}

/** Running sums of centred x, y and their products: the least-squares residual of any run in O(1). */
class PrefixSums {
  private readonly sx: Float64Array;
  private readonly sy: Float64Array;
  private readonly sxx: Float64Array;
  private readonly sxy: Float64Array;
  private readonly syy: Float64Array;

  constructor(x: ArrayLike<number>, y: ArrayLike<number>) {
    const n = x.length;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += x[i] as number;
      my += y[i] as number;
    }
    mx /= n;
    my /= n;
    this.sx = new Float64Array(n + 1);
    this.sy = new Float64Array(n + 1);
    this.sxx = new Float64Array(n + 1);
    this.sxy = new Float64Array(n + 1);
    this.syy = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const cx = (x[i] as number) - mx;
      const cy = (y[i] as number) - my;
      this.sx[i + 1] = (this.sx[i] as number) + cx;
      this.sy[i + 1] = (this.sy[i] as number) + cy;
      this.sxx[i + 1] = (this.sxx[i] as number) + cx * cx;
      this.sxy[i + 1] = (this.sxy[i] as number) + cx * cy;
      this.syy[i + 1] = (this.syy[i] as number) + cy * cy;
    }
  }

  /** Residual sum of squares of the least-squares line through points [from, to). */
  sse(from: number, to: number): number {
    const n = to - from;
    const at = (a: Float64Array): number => (a[to] as number) - (a[from] as number);
    const sx = at(this.sx);
    const sy = at(this.sy);
    const vxx = at(this.sxx) - (sx * sx) / n;
    const vxy = at(this.sxy) - (sx * sy) / n;
    const vyy = at(this.syy) - (sy * sy) / n;
    const residual = vxx > 0 ? vyy - (vxy * vxy) / vxx : vyy;
    return Math.max(residual, 0);
  }
}

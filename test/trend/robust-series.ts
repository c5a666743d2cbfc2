/**
 * The series of the robust-trend tests (theil-sen, mann-kendall, autocorrelation), built from a
 * seeded generator with nothing but +, −, ×, / and floor, so that robust-reference.py, which
 * builds the same series in Python, gets the very same doubles. Each entry says which test uses it.
 */
import { seeded } from '../helpers/records.js';

export interface RobustSeries {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** A noise of mean 0 and variance 1/3 (four uniforms), exact in any IEEE-754 language. */
function noise(random: () => number): number {
  return random() + random() + random() + random() - 2;
}

const roundHalfUp = (v: number): number => Math.floor(v + 0.5);
const fiveMinutes = (n: number): number[] => Array.from({ length: n }, (_, i) => i / 12);

/** 1000 + 250x at irregular, exactly representable times: every slope is exactly 250. */
export const CLEAN_LINE: RobustSeries = (() => {
  const x = [0, 0.5, 1.25, 3, 4.75, 8, 8.5, 13];
  return { x, y: x.map((t) => 1000 + 250 * t) };
})();

/** A day of 5-minute snapshots of a module leaking 250 B/h, sizes rounded to 1 KiB: mostly ties. */
export const QUANTISED_LEAK: RobustSeries = (() => {
  const random = seeded(11);
  const x = fiveMinutes(288);
  return { x, y: x.map((t) => roundHalfUp((2_000_000 + 250 * t + 700 * noise(random)) / 1024) * 1024) };
})();

/** AR(1) noise with φ = 0.9 and no trend, 288 points; the seed is one where plain Mann–Kendall is fooled. */
export const AR1_SEED = 2;
export function ar1Series(seed: number): RobustSeries {
  const random = seeded(seed);
  const x = fiveMinutes(288);
  let e = (noise(random) * 1.7320508075688772) / Math.sqrt(1 - 0.81);
  const y = x.map(() => {
    const value = roundHalfUp(1_000_000 + 4000 * e);
    e = 0.9 * e + noise(random) * 1.7320508075688772;
    return value;
  });
  return { x, y };
}
export const AR1: RobustSeries = ar1Series(AR1_SEED);

/** 100 regular points, a trend of 400 B/h under noise of ±10 kB: a moderate p-value. */
export const NOISY_TREND: RobustSeries = (() => {
  const random = seeded(5);
  const x = Array.from({ length: 100 }, (_, i) => i / 4);
  return { x, y: x.map((t) => roundHalfUp(8_000_000 + 400 * t + 10_000 * noise(random))) };
})();

/** 40 points with gaps of 5 minutes to 3 hours (a module dropping out of the top N) and growth. */
export const GAPPY: RobustSeries = (() => {
  const random = seeded(7);
  const gaps = [1 / 12, 1 / 12, 1 / 12, 0.5, 3];
  const x: number[] = [0];
  for (let i = 1; i < 40; i++) x.push((x[i - 1] as number) + (gaps[Math.floor(random() * gaps.length)] as number));
  return { x, y: x.map((t) => roundHalfUp(5_000_000 + 12_000 * t + 40_000 * noise(random))) };
})();

/** 30 points on a noisy line of 2000 B/h; WITH_OUTLIER adds 4 MB to point 17. */
export const BEFORE_OUTLIER: RobustSeries = (() => {
  const random = seeded(3);
  const x = Array.from({ length: 30 }, (_, i) => i / 2);
  return { x, y: x.map((t) => roundHalfUp(1_000_000 + 2000 * t + 300 * noise(random))) };
})();
export const WITH_OUTLIER: RobustSeries = { x: BEFORE_OUTLIER.x, y: BEFORE_OUTLIER.y.map((v, i) => (i === 17 ? v + 4_000_000 : v)) };

/** Quantised sizes with two snapshots at the same time (twice): ties in both x and y. */
export const TIES_XY: RobustSeries = {
  x: [0, 0.5, 0.5, 1, 2, 2.5, 3, 4, 4, 6],
  y: [10240, 10240, 11264, 11264, 11264, 12288, 11264, 13312, 13312, 14336],
};

/** Ties in x and y so heavy that Sen's Var(S) is negative (scipy returns NaN bounds). */
export const NEGATIVE_SEN_VARIANCE: RobustSeries = { x: [0, 0, 0, 0, 1], y: [1, 1, 1, 1, 2] };

/** A random series for the fast-versus-naive comparisons: ties in y, gaps and ties in x. */
export function randomSeries(seed: number): RobustSeries {
  const random = seeded(seed);
  const n = 2 + Math.floor(random() * random() * 2000);
  const kind = seed % 5;
  const x: number[] = [];
  const y: number[] = [];
  let t = 0;
  const rate = (random() - 0.3) * 5000;
  for (let i = 0; i < n; i++) {
    const u = random();
    if (kind === 1) t += u < 0.1 ? 6 * random() : 1 / 12; // gaps
    else if (kind === 2) t += u < 0.25 ? 0 : random(); // ties in x
    else t += 1 / 12;
    x.push(t);
    const value = 1_000_000 + rate * t + 20_000 * noise(random);
    if (kind === 3) y.push(roundHalfUp(value / 10_240) * 10_240); // coarse quantisation: heavy ties
    else if (kind === 4) y.push(Math.floor((1_000_000 + 3000 * noise(random)) / 1024) * 1024); // flat, quantised
    else y.push(roundHalfUp(value));
  }
  return { x, y };
}

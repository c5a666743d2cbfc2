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

/**
 * A random series of n points for the fast-versus-naive comparisons: by seed, plain noise, gaps in
 * x, ties in x, coarse quantisation (heavy ties in y) or a flat quantised series (a block of zero
 * slopes), around a random trend.
 */
export function randomSeries(seed: number, n: number): RobustSeries {
  const random = seeded(seed);
  const kind = seed % 5;
  const x: number[] = [];
  const y: number[] = [];
  let t = 0;
  const rate = (random() - 0.3) * 5000;
  for (let i = 0; i < n; i++) {
    const u = random();
    if (kind === 1) t += u < 0.1 ? 6 * random() : 1 / 12;
    else if (kind === 2) t += u < 0.25 ? 0 : random();
    else t += 1 / 12;
    x.push(t);
    const value = 1_000_000 + rate * t + 20_000 * noise(random);
    if (kind === 3) y.push(roundHalfUp(value / 10_240) * 10_240);
    else if (kind === 4) y.push(Math.floor((1_000_000 + 3000 * noise(random)) / 1024) * 1024);
    else y.push(roundHalfUp(value));
  }
  return { x, y };
}

/** Every named series, by the name robust-reference.py gives it. */
export const NAMED_SERIES = {
  CLEAN_LINE,
  QUANTISED_LEAK,
  AR1,
  NOISY_TREND,
  GAPPY,
  BEFORE_OUTLIER,
  WITH_OUTLIER,
  TIES_XY,
  NEGATIVE_SEN_VARIANCE,
} as const;

// Frozen: Σx and Σy (math.fsum) of each series as robust-reference.py builds it, so the tests can
// check that TypeScript built the same doubles. Produced by
// python3 test/trend/robust-reference.py -- scipy 1.17.1, numpy 2.4.6, Python 3.11.7
export const INPUT_SUMS = {
  CLEAN_LINE: [39.0, 17750.0],
  QUANTISED_LEAK: [3444.0, 576859136.0],
  AR1: [3444.0, 288176637.0],
  NOISY_TREND: [1237.5, 800436713.0],
  GAPPY: [402.91666666666663, 205122623.0],
  BEFORE_OUTLIER: [217.5, 30436338.0],
  WITH_OUTLIER: [217.5, 34436338.0],
  TIES_XY: [23.5, 118784.0],
  NEGATIVE_SEN_VARIANCE: [1.0, 6.0],
} as const;

/**
 * Whether a series is the one robust-reference.py built: Σy exactly (sizes are whole bytes, their
 * sum exact) and Σx to rounding (the script sums with math.fsum).
 */
export function isAsReferenced(name: keyof typeof INPUT_SUMS): boolean {
  const { x, y } = NAMED_SERIES[name];
  const [sumX, sumY] = INPUT_SUMS[name];
  const sx = x.reduce((a, b) => a + b, 0);
  return y.reduce((a, b) => a + b, 0) === sumY && Math.abs(sx - sumX) <= 1e-12 * Math.abs(sumX);
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kendallS } from '../../src/trend/kendall-s.js';
import { roundHalfEven, theilSen, theilSenNaive, theilSenSlope, type TheilSenFit } from '../../src/trend/theil-sen.js';
import { seeded } from '../helpers/records.js';
import {
  BEFORE_OUTLIER,
  CLEAN_LINE,
  isAsReferenced,
  NAMED_SERIES,
  NEGATIVE_SEN_VARIANCE,
  randomSeries,
  WITH_OUTLIER,
} from './robust-series.js';

// Frozen reference values: scipy.stats.theilslopes(y, x, 0.95, method='joint') on the series of
// robust-series.ts (rebuilt identically in the script). SEN_CORRECTED: Sen's bounds with Var(S)
// multiplied by the Hamed–Rao factor, computed in the script from the sorted slopes and scipy's
// rank formula (scipy has no such option). Produced by `python3 test/trend/robust-reference.py`
// (sections THEIL_SEN, SEN_CORRECTED) with:
// python3 test/trend/robust-reference.py -- scipy 1.17.1, numpy 2.4.6, Python 3.11.7
const THEIL_SEN = {
  CLEAN_LINE: { slope: 250.0, intercept: 1000.0, low: 250.0, high: 250.0 },
  QUANTISED_LEAK: { slope: 252.49315068493152, intercept: 1999994.7397260275, low: 244.13245033112582, high: 261.4468085106383 },
  AR1: { slope: 151.9217391304348, intercept: 998183.5199275361, low: -3.5833333333333335, high: 313.40625 },
  NOISY_TREND: { slope: 429.7251082251082, intercept: 7998816.5735930735, low: 306.46153846153845, high: 565.76 },
  GAPPY: { slope: 11982.204269293921, intercept: 5006027.964805692, low: 10775.23076923077, high: 13388.454545454542 },
  BEFORE_OUTLIER: { slope: 2006.96, intercept: 999971.3, low: 1986.6666666666667, high: 2022.0 },
  WITH_OUTLIER: { slope: 2007.9285714285713, intercept: 999967.982142857, low: 1986.0, high: 2026.0 },
  TIES_XY: { slope: 682.6666666666666, intercept: 10410.666666666668, low: 512.0, high: 877.7142857142857 },
  NEGATIVE_SEN_VARIANCE: { slope: 1.0, intercept: 1.0, low: 1.0, high: 1.0 }, // scipy's bounds are NaN (Var(S) < 0): ours, Var clamped at 0
} as const;
const SEN_CORRECTED = {
  QUANTISED_LEAK: { factor: 1.2174062786577913, low: 243.3267326732673, high: 261.44680851063833 },
  AR1: { factor: 16.557391563192894, low: -506.33628318584067, high: 899.751724137931 },
  NOISY_TREND: { factor: 1.0, low: 306.46153846153845, high: 565.76 },
} as const;

const FIELDS = ['slope', 'intercept', 'low', 'high'] as const;

/** Ordinary least squares slope, for contrast. */
function leastSquaresSlope(x: readonly number[], y: readonly number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * ((y[i] as number) - my);
    sxx += (xi - mx) ** 2;
  });
  return sxy / sxx;
}

function assertSameFit(actual: TheilSenFit, expected: TheilSenFit, what: string): void {
  for (const field of FIELDS) {
    assert.ok(Object.is(actual[field], expected[field]), `${what}: ${field} ${actual[field]} ≠ ${expected[field]}`);
  }
}

for (const [name, expected] of Object.entries(THEIL_SEN)) {
  test(`theilSen matches scipy's theilslopes to the bit: ${name}`, () => {
    assert.ok(isAsReferenced(name as keyof typeof THEIL_SEN), 'the series differs from the one the script built');
    const { x, y } = NAMED_SERIES[name as keyof typeof THEIL_SEN];
    assertSameFit(theilSen(x, y), expected, name);
  });
}

for (const [name, expected] of Object.entries(SEN_CORRECTED)) {
  test(`theilSen widens Sen's interval by the variance factor as the reference does: ${name}`, () => {
    const { x, y } = NAMED_SERIES[name as keyof typeof SEN_CORRECTED];
    const fit = theilSen(x, y, { varianceFactor: expected.factor });
    assert.equal(fit.low, expected.low);
    assert.equal(fit.high, expected.high);
    const plain = theilSen(x, y);
    assert.ok(fit.low <= plain.low && fit.high >= plain.high);
    assert.equal(fit.slope, plain.slope);
  });
}

test('theilSen recovers b as the slope of a + b·t, with a zero-width interval', () => {
  const hours = [0, 0.5, 1.25, 3, 4.75, 8, 8.5, 13, 13.25, 20];
  for (const a of [0, -5000, 1e6, 2e9]) {
    for (const b of [250, -3.5, 0.125, 0]) {
      const fit = theilSen(hours, hours.map((t) => a + b * t));
      assert.deepEqual({ ...fit }, { slope: b, intercept: a, low: b, high: b }, `a=${a} b=${b}`);
    }
  }
  assertSameFit(theilSen(CLEAN_LINE.x, CLEAN_LINE.y), { slope: 250, intercept: 1000, low: 250, high: 250 }, 'clean line');
});

test('theilSen barely moves for a 4 MB outlier that drags least squares far off', () => {
  const clean = theilSen(BEFORE_OUTLIER.x, BEFORE_OUTLIER.y);
  const dirty = theilSen(WITH_OUTLIER.x, WITH_OUTLIER.y);
  assert.ok(Math.abs(dirty.slope - clean.slope) / clean.slope < 0.001, `${dirty.slope} vs ${clean.slope}`);
  const ols = leastSquaresSlope(WITH_OUTLIER.x, WITH_OUTLIER.y);
  assert.ok(Math.abs(ols - clean.slope) / clean.slope > 1, `least squares ${ols}`);
});

test('theilSen gives a flat series a slope of exactly 0 and an interval of [0, 0]', () => {
  const fit = theilSen([0, 0.25, 1, 1.1, 7, 7.5], [4096, 4096, 4096, 4096, 4096, 4096]);
  assert.deepEqual({ ...fit }, { slope: 0, intercept: 4096, low: 0, high: 0 });
  // The fast path, on a flat series big enough to take it.
  const n = 500;
  const hours = Array.from({ length: n }, (_, i) => i / 12);
  assert.deepEqual({ ...theilSen(hours, hours.map(() => 1_048_576)) }, { slope: 0, intercept: 1_048_576, low: 0, high: 0 });
});

test('theilSen of two points is the line through them', () => {
  assert.deepEqual({ ...theilSen([1, 3], [100, 160]) }, { slope: 30, intercept: 70, low: 30, high: 30 });
});

test('theilSen skips pairs with equal x and closes the interval when ties make Var(S) negative', () => {
  // scipy returns NaN bounds here; the stated policy takes Var(S) as 0.
  const fit = theilSen(NEGATIVE_SEN_VARIANCE.x, NEGATIVE_SEN_VARIANCE.y);
  assert.deepEqual({ ...fit }, { slope: 1, intercept: 1, low: 1, high: 1 });
  // Equal x: only the pairs across the two times count.
  assert.equal(theilSen([0, 0, 1, 1], [0, 10, 5, 7]).slope, 1);
});

test('theilSen rounds the bounds half to even, as numpy does', () => {
  assert.deepEqual([0.5, 1.5, 2.5, -1.5, -2.5, 2.4999, 2.5001, 7].map(roundHalfEven), [0, 2, 2, -2, -2, 2, 3, 7]);
});

test('theilSen takes the same answers from the fast path as from sorting every slope', () => {
  // Seeded random series of 2 to 400 points: noise, gaps in x, ties in x, heavy ties in y and
  // flat quantised series; the fast path starts above 3,000 pairs (n ≥ 78).
  const random = seeded(2024);
  for (let seed = 1; seed <= 300; seed++) {
    const { x, y } = randomSeries(seed, 2 + Math.floor(random() * 399));
    if (x[0] === x[x.length - 1]) continue;
    const confidence = [0.95, 0.9, 0.99][seed % 3] as number;
    const varianceFactor = [1, 2.5, 17][seed % 4 === 0 ? 1 : seed % 7 === 0 ? 2 : 0] as number;
    assertSameFit(theilSen(x, y, { confidence, varianceFactor }), theilSenNaive(x, y, { confidence, varianceFactor }), `seed ${seed}, n ${x.length}`);
  }
});

test('theilSen gives the same fit after the median alone, with the counts from Kendall\'s S handed over', () => {
  // As the trend stage runs them: theilSenSlope (Hamed–Rao's detrending), then theilSen on the same
  // points, which reuses the median's sample and listed slopes, and takes the tie count of y from kendallS.
  for (let seed = 500; seed <= 560; seed++) {
    const { x, y } = randomSeries(seed, 100 + 5 * (seed - 500));
    if (x[0] === x[x.length - 1]) continue;
    const { slopesAtZero, yTies } = kendallS(Float64Array.from(x), Float64Array.from(y));
    const varianceFactor = [1, 1.5, 4][seed % 3] as number;
    theilSenSlope(x, y, slopesAtZero);
    const fit = theilSen(x, y, { varianceFactor, slopesAtZero, tiesY: yTies.kendall });
    assertSameFit(fit, theilSenNaive(x, y, { varianceFactor }), `seed ${seed}, n ${x.length}`);
  }
});

test('theilSen takes the same answers from the fast path at 1,000 to 2,000 points', () => {
  for (let seed = 401; seed <= 410; seed++) {
    const { x, y } = randomSeries(seed, 1000 + 100 * (seed - 401));
    assertSameFit(theilSen(x, y), theilSenNaive(x, y), `seed ${seed}`);
  }
});

test('theilSen stays exact on a line sampled at regular but inexact times (slopes equal to within rounding)', () => {
  // x = i/12 is not exact in binary: every pair's slope is 12288 give or take a few ulps, a
  // cluster the pivots cannot split, which the fast path lists whole.
  const x = Array.from({ length: 600 }, (_, i) => i / 12);
  for (const y of [x.map((_, i) => 1024 * i), x.map((t) => Math.floor(1e6 + 250 * t + 0.5))]) {
    assertSameFit(theilSen(x, y), theilSenNaive(x, y), 'line');
  }
});

test('theilSenSlope is the slope of theilSen', () => {
  for (const { x, y } of Object.values(NAMED_SERIES)) assert.equal(theilSenSlope(x, y), theilSen(x, y).slope);
});

test('theilSen accepts typed arrays and subarrays', () => {
  const x = Float64Array.of(9, 0, 1, 3, 9);
  const y = Float64Array.of(0, 100, 180, 330, 0);
  assert.deepEqual({ ...theilSen(x.subarray(1, 4), y.subarray(1, 4)) }, { ...theilSen([0, 1, 3], [100, 180, 330]) });
});

test('theilSen rejects input it cannot fit, with a RangeError that says why', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => theilSen([0, 1, 2], [1, 2]), /x has 3 values but y has 2/],
    [() => theilSen([0], [1]), /at least 2 points, got 1/],
    [() => theilSen([0, Number.NaN], [1, 2]), /x\[1\] is NaN/],
    [() => theilSen([0, 1], [1, Infinity]), /y\[1\] is Infinity/],
    [() => theilSen([0, 2, 1], [1, 2, 3]), /ascending, but x\[2\] = 1 < x\[1\] = 2/],
    [() => theilSen([2.5, 2.5, 2.5], [1, 2, 3]), /all x values are equal \(2\.5\)/],
    [() => theilSen([0, 1], [1, 2], { confidence: 1 }), /confidence must be in \(0, 1\), got 1/],
    [() => theilSen([0, 1], [1, 2], { varianceFactor: 0 }), /varianceFactor must be a finite number > 0, got 0/],
    [() => theilSenNaive([0, 1], [1, 2], { varianceFactor: Number.NaN }), /theilSenNaive: varianceFactor/],
  ];
  for (const [call, message] of cases) assert.throws(call, { name: 'RangeError', message });
});

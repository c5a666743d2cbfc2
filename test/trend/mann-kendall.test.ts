import assert from 'node:assert/strict';
import { test } from 'node:test';
import { correctionLags, mannKendall, type AutocorrelationCorrection } from '../../src/trend/mann-kendall.js';
import { seeded } from '../helpers/records.js';
import { AR1, ar1Series, isAsReferenced, NAMED_SERIES, randomSeries } from './robust-series.js';

// Frozen reference values for the series of robust-series.ts (rebuilt identically in the script):
// S by a double loop, Var(S) by Kendall's tie formula (cross-checked there against
// scipy.stats.kendalltau's asymptotic p-value), tau-b by scipy.stats.kendalltau, and n/n*, z and
// the one-sided p-values (scipy.stats.norm.sf / cdf) without correction, with Hamed–Rao and with
// Yue–Wang, from a numpy implementation of the papers' formulas under the policy of
// mann-kendall.ts (its acf checked equal to statsmodels' acf). `raw` is n/n* before clamping.
// Produced by `python3 test/trend/robust-reference.py` (section MANN_KENDALL) with:
// python3 test/trend/robust-reference.py -- scipy 1.17.1, numpy 2.4.6, Python 3.11.7
const MANN_KENDALL = {
  CLEAN_LINE: { s: 28, varianceS: 65.33333333333333, tau: 0.9999999999999998,
    none: { factor: 1.0, z: 3.340383700311406, above: 0.0004183135655596522, below: 0.9995816864344403 },
    hamedRao: { factor: 1.0, /* raw n/n* 1.0 */ z: 3.340383700311406, above: 0.0004183135655596522, below: 0.9995816864344403 },
    yueWang: { factor: 1.0, /* raw n/n* 1.0 */ z: 3.340383700311406, above: 0.0004183135655596522, below: 0.9995816864344403 },
  },
  QUANTISED_LEAK: { s: 33042, varianceS: 2599908.6666666665, tau: 0.8677399276740487,
    none: { factor: 1.0, z: 20.4915182460992, above: 1.2813786294329792e-93, below: 1.0 },
    hamedRao: { factor: 1.2174062786577913, /* raw n/n* 1.2174062786577913 */ z: 18.571901364927783, above: 2.7123764595687347e-77, below: 1.0 },
    yueWang: { factor: 1.0, /* raw n/n* 0.9913963671583139 */ z: 20.4915182460992, above: 1.2813786294329792e-93, below: 1.0 },
  },
  AR1: { s: 3139, varianceS: 2667951.0, tau: 0.07595426774495755,
    none: { factor: 1.0, z: 1.9211621190519286, above: 0.027355636098638003, below: 0.972644363901362 },
    hamedRao: { factor: 16.557391563192894, /* raw n/n* 16.557391563192894 */ z: 0.4721370205033459, above: 0.3184144947687866, below: 0.6815855052312134 },
    yueWang: { factor: 17.492817589125355, /* raw n/n* 17.492817589125355 */ z: 0.4593398571768932, above: 0.32299506505875, below: 0.67700493494125 },
  },
  NOISY_TREND: { s: 1914, varianceS: 112750.0, tau: 0.3866666666666667,
    none: { factor: 1.0, z: 5.697137414775787, above: 6.0917863529257955e-09, below: 0.9999999939082137 },
    hamedRao: { factor: 1.0, /* raw n/n* 0.5905228598926683 */ z: 5.697137414775787, above: 6.0917863529257955e-09, below: 0.9999999939082137 },
    yueWang: { factor: 1.0, /* raw n/n* 0.2603876495807862 */ z: 5.697137414775787, above: 6.0917863529257955e-09, below: 0.9999999939082137 },
  },
  GAPPY: { s: 640, varianceS: 7366.666666666667, tau: 0.8205128205128205,
    none: { factor: 1.0, z: 7.445011084293217, above: 4.8468139840658586e-14, below: 0.9999999999999515 },
    hamedRao: { factor: 1.0, /* raw n/n* 1.0 */ z: 7.445011084293217, above: 4.8468139840658586e-14, below: 0.9999999999999515 },
    yueWang: { factor: 1.0, /* raw n/n* 0.09378283066885873 */ z: 7.445011084293217, above: 4.8468139840658586e-14, below: 0.9999999999999515 },
  },
  BEFORE_OUTLIER: { s: 435, varianceS: 3141.6666666666665, tau: 1.0,
    none: { factor: 1.0, z: 7.743007455519685, above: 4.854617283354197e-15, below: 0.9999999999999951 },
    hamedRao: { factor: 1.0, /* raw n/n* 1.0 */ z: 7.743007455519685, above: 4.854617283354197e-15, below: 0.9999999999999951 },
    yueWang: { factor: 1.0, /* raw n/n* 0.24578035111634933 */ z: 7.743007455519685, above: 4.854617283354197e-15, below: 0.9999999999999951 },
  },
  WITH_OUTLIER: { s: 411, varianceS: 3141.6666666666665, tau: 0.9448275862068967,
    none: { factor: 1.0, z: 7.314822711435647, above: 1.288607126568554e-13, below: 0.9999999999998711 },
    hamedRao: { factor: 1.0, /* raw n/n* 1.0 */ z: 7.314822711435647, above: 1.288607126568554e-13, below: 0.9999999999998711 },
    yueWang: { factor: 1.0, /* raw n/n* 0.18825683355609957 */ z: 7.314822711435647, above: 1.288607126568554e-13, below: 0.9999999999998711 },
  },
  TIES_XY: { s: 34, varianceS: 112.68888888888888, tau: 0.8524007579586305,
    none: { factor: 1.0, z: 3.108661191489146, above: 0.000939685487536048, below: 0.9990603145124639 },
    hamedRao: { factor: 1.0, /* raw n/n* 1.0 */ z: 3.108661191489146, above: 0.000939685487536048, below: 0.9990603145124639 },
    yueWang: { factor: 1.0, /* raw n/n* 0.10846560846560804 */ z: 3.108661191489146, above: 0.000939685487536048, below: 0.9990603145124639 },
  },
} as const;

type Name = keyof typeof MANN_KENDALL;
const CORRECTIONS = [
  ['none', 'none'],
  ['hamed-rao', 'hamedRao'],
  ['yue-wang', 'yueWang'],
] as const;

/** |actual − expected| ≤ rel·|expected|: relative accuracy, meaningful down to 1e-93. */
function assertRelClose(actual: number, expected: number, rel: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} is not within ${rel} of ${expected}`);
}

for (const name of Object.keys(MANN_KENDALL) as Name[]) {
  test(`mannKendall matches the reference with and without autocorrelation correction: ${name}`, () => {
    assert.ok(isAsReferenced(name), 'the series differs from the one the script built');
    const { x, y } = NAMED_SERIES[name];
    const expected = MANN_KENDALL[name];
    for (const [correction, key] of CORRECTIONS) {
      const result = mannKendall(x, y, { correction });
      const reference = expected[key];
      const what = `${name} ${correction}`;
      assert.equal(result.n, x.length);
      assert.equal(result.s, expected.s, `${what}: S`);
      assertRelClose(result.tau, expected.tau, 1e-15, `${what}: tau`);
      assertRelClose(result.varianceFactor, reference.factor, 1e-12, `${what}: n/n*`);
      assertRelClose(result.varianceS, expected.varianceS * reference.factor, 1e-12, `${what}: Var(S)`);
      assertRelClose(result.z, reference.z, 1e-12, `${what}: z`);
      assertRelClose(result.pValueAbove, reference.above, 1e-9, `${what}: pValueAbove`);
      assertRelClose(result.pValueBelow, reference.below, 1e-9, `${what}: pValueBelow`);
      assert.equal(result.correction, correction);
    }
  });
}

test('mannKendall with Hamed–Rao does not call an AR(1) series a trend that fools the plain test', () => {
  // AR(1) noise with φ = 0.9 and no trend: the first seed (robust-reference.py --find-seed) on
  // which the plain test is significant at 0.05.
  const plain = mannKendall(AR1.x, AR1.y);
  assert.ok(plain.pValueAbove < 0.05, `plain p = ${plain.pValueAbove}`);
  for (const correction of ['hamed-rao', 'yue-wang'] as const) {
    const corrected = mannKendall(AR1.x, AR1.y, { correction });
    assert.ok(corrected.pValueAbove > 0.3, `${correction} p = ${corrected.pValueAbove}`);
    assert.ok(corrected.varianceFactor > 15, `${correction} n/n* = ${corrected.varianceFactor}`);
  }
});

test('mannKendall with a correction falsely rejects far fewer AR(1) series than without', () => {
  // 200 trendless AR(1) series (φ = 0.9, 288 points), two-sided at 5%: the plain test rejects about
  // two thirds; the corrections bring that down (not all the way to 5%: the acf of 288 points
  // underestimates the autocorrelation, a known limit of both methods).
  const rejected = { none: 0, 'hamed-rao': 0, 'yue-wang': 0 };
  for (let seed = 1000; seed < 1200; seed++) {
    const { x, y } = ar1Series(seed);
    for (const correction of Object.keys(rejected) as AutocorrelationCorrection[]) {
      const result = mannKendall(x, y, { correction });
      if (Math.min(result.pValueAbove, result.pValueBelow) < 0.025) rejected[correction]++;
    }
  }
  assert.ok(rejected.none >= 100, `plain: ${rejected.none} of 200`);
  assert.ok(rejected['hamed-rao'] <= 40, `Hamed–Rao: ${rejected['hamed-rao']} of 200`);
  assert.ok(rejected['yue-wang'] <= 40, `Yue–Wang: ${rejected['yue-wang']} of 200`);
});

test('mannKendall never lets a correction narrow Var(S), nor widen it past n', () => {
  // NOISY_TREND: Hamed–Rao's raw n/n* is 0.59 and Yue–Wang's 0.26 (the far lags of a biased acf
  // of independent noise lean negative); both are taken as 1.
  const { x, y } = NAMED_SERIES.NOISY_TREND;
  for (const correction of ['hamed-rao', 'yue-wang'] as const) {
    assert.equal(mannKendall(x, y, { correction }).varianceFactor, 1);
  }
  const random = seeded(99);
  for (let seed = 1; seed <= 60; seed++) {
    const series = randomSeries(seed, 3 + Math.floor(random() * 200));
    for (const correction of ['hamed-rao', 'yue-wang'] as const) {
      const { varianceFactor, varianceS, pValueAbove, pValueBelow } = mannKendall(series.x, series.y, { correction });
      assert.ok(varianceFactor >= 1 && varianceFactor <= series.x.length, `seed ${seed}: ${varianceFactor}`);
      assert.ok(varianceS >= 0 && !Number.isNaN(pValueAbove) && !Number.isNaN(pValueBelow));
    }
  }
});

test('mannKendall of a constant series has S = 0 and p = 1 both ways, with no correction', () => {
  const result = mannKendall([0, 1, 2, 3, 4, 5], [4096, 4096, 4096, 4096, 4096, 4096], { correction: 'hamed-rao' });
  assert.deepEqual(
    { ...result },
    // Its 15 slopes are all level: none below 0, all at or below it. Its y: one tie of 6, 6·5·17.
    { n: 6, s: 0, varianceS: 0, varianceFactor: 1, correction: 'none', z: 0, tau: 0, pValueAbove: 1, pValueBelow: 1, slopesAtZero: { below: 0, atOrBelow: 15 }, tiesY: 510 },
  );
  // All x equal: every pair is skipped, nothing to test either.
  assert.equal(mannKendall([2, 2, 2], [1, 5, 3]).pValueAbove, 1);
});

test('mannKendall of two points has z = 0 and p = 0.5, or p = 1 when they are equal', () => {
  const rising = mannKendall([0, 1], [10, 20], { correction: 'hamed-rao' });
  assert.deepEqual({ s: rising.s, varianceS: rising.varianceS, z: rising.z, correction: rising.correction }, { s: 1, varianceS: 1, z: 0, correction: 'none' });
  assert.equal(rising.pValueAbove, 0.5);
  assert.equal(rising.pValueBelow, 0.5);
  assert.equal(rising.tau, 1);
  assert.equal(mannKendall([0, 1], [10, 10]).pValueAbove, 1);
});

test('mannKendall gives S = 0 a z of 0 and p = 0.5 each way', () => {
  const result = mannKendall([0, 1, 2, 3], [2, 1, 1, 2]);
  assert.equal(result.s, 0);
  assert.equal(result.z, 0);
  assert.equal(result.pValueAbove, 0.5);
  assert.equal(result.pValueBelow, 0.5);
});

test('mannKendall p-values add up to 1 and mirror with the series', () => {
  const { x, y } = NAMED_SERIES.NOISY_TREND;
  const up = mannKendall(x, y, { correction: 'hamed-rao' });
  assertRelClose(up.pValueAbove + up.pValueBelow, 1, 1e-15, 'sum');
  const down = mannKendall(x, y.map((v) => -v), { correction: 'hamed-rao' });
  assert.equal(down.s, -up.s);
  assert.equal(down.pValueBelow, up.pValueAbove);
  assert.equal(down.varianceFactor, up.varianceFactor);
});

test('mannKendall skips the correction below 3 points', () => {
  const result = mannKendall([0, 1], [1, 2], { correction: 'yue-wang' });
  assert.equal(result.correction, 'none');
  assert.equal(result.varianceFactor, 1);
});

test('correctionLags is statsmodels\' default nlags, at most n − 1', () => {
  assert.deepEqual([2, 3, 8, 10, 100, 288, 2000, 100_000].map(correctionLags), [1, 2, 7, 9, 20, 24, 33, 50]);
});

test('mannKendall rejects input it cannot test, with a RangeError that says why', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => mannKendall([0], [1]), /mannKendall: needs at least 2 points, got 1/],
    [() => mannKendall([0, 1], [1]), /x has 2 values but y has 1/],
    [() => mannKendall([1, 0], [1, 2]), /ascending/],
    [() => mannKendall([0, 1], [Number.NaN, 2]), /y\[0\] is NaN/],
    [() => mannKendall([0, 1], [1, 2], { alpha: 0 }), /alpha must be in \(0, 1\), got 0/],
    [() => mannKendall([0, 1], [1, 2], { correction: 'pre-whitening' as AutocorrelationCorrection }), /correction must be/],
  ];
  for (const [call, message] of cases) assert.throws(call, { name: 'RangeError', message });
});

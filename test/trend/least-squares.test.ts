import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leastSquaresFit } from '../../src/trend/least-squares.js';

/** |actual − expected| ≤ rel·|expected| (or ≤ abs, for an expected value of 0). */
function assertClose(actual: number, expected: number, rel: number, abs = 0, what = ''): void {
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  );
}

// Frozen reference values: inputs and scipy.stats.linregress (slope, intercept, stderr), each
// case annotated with scipy's own distance from exact rational arithmetic; WOBBLE is exact
// rational arithmetic. Produced by `python3 test/trend/reference.py` (section FITS) with:
// python3 test/trend/reference.py -- scipy 1.17.1, numpy 2.4.6, Python 3.11.7
const FITS = [
  {
    name: 'clean line 1000 + 250 t at irregular times',
    x: [0.0, 0.5, 1.25, 3.0, 4.75, 8.0, 8.5, 13.0],
    y: [1000.0, 1125.0, 1312.5, 1750.0, 2187.5, 3000.0, 3125.0, 4250.0],
    slope: 250.0, intercept: 1000.0, slopeStdError: 0.0, residualDf: 6,
    // scipy vs exact rational: slope 0.0e+00, intercept 0.0e+00, stderr 0.0e+00
  },
  {
    name: 'noisy growth with gaps in x',
    x: [0.0, 0.25, 0.75, 1.75, 4.75, 5.0, 5.25, 6.25, 9.25, 9.5, 9.75, 12.75, 13.0, 13.25, 14.25, 14.5, 14.75, 15.25, 15.75, 16.0, 16.25, 19.25, 20.25, 23.25],
    y: [49970542.0, 49996484.0, 49989715.0, 50044954.0, 50058589.0, 50048302.0, 50031724.0, 50064712.0, 50111326.0, 50102976.0, 50168763.0, 50193269.0, 50047554.0, 50083439.0, 50164009.0, 50157112.0, 50185546.0, 50191693.0, 50273714.0, 50147519.0, 50179896.0, 50312711.0, 50268868.0, 50305523.0],
    slope: 13599.599356594901, intercept: 49981226.85699703, slopeStdError: 1345.8384686760048, residualDf: 22,
    // scipy vs exact rational: slope 1.3e-16, intercept 0.0e+00, stderr 5.1e-16
  },
  {
    name: '2e9 bytes growing 3 bytes per hour',
    x: [0.0, 1.0018439504582404, 2.027630680317248, 2.991515190394289, 4.016924419585817, 5.0233474196281245, 5.996314446955864, 6.9896767246541875, 8.000667861682837, 9.019791044031313, 10.015032676426555, 10.994422506452802, 12.008550932827774, 13.02038425821626, 14.00805862695104, 15.01857861325124, 16.035291190912215, 17.021072634403016, 18.006500634941535, 18.99628202177354, 20.004217426566118, 21.01247269196601, 22.031479863762563, 23.025697590411166, 24.0028267233183, 25.033130238112875, 26.01046488755832, 27.021607335397643, 27.99227975871021, 28.99214657120918, 29.997014765664005, 31.031141876971947, 32.020909966361764, 33.029381209468255, 34.01914120674781, 35.00724651317131, 36.012748302993785, 37.01659156917533, 38.03002529253292, 39.00882870159549, 40.031531398785866, 41.017605240207665, 42.028387199577864, 43.0118221960334, 44.02154529987904, 45.00387066202, 46.01306081848372, 46.997730562838484],
    y: [1999999963.0, 2000000026.0, 2000000027.0, 1999999981.0, 2000000015.0, 2000000039.0, 2000000020.0, 2000000041.0, 2000000071.0, 2000000033.0, 2000000024.0, 2000000018.0, 2000000049.0, 2000000035.0, 2000000038.0, 2000000043.0, 2000000061.0, 2000000030.0, 2000000023.0, 2000000008.0, 2000000084.0, 2000000065.0, 2000000096.0, 2000000069.0, 2000000057.0, 2000000085.0, 2000000076.0, 2000000056.0, 2000000066.0, 2000000122.0, 2000000097.0, 2000000101.0, 2000000091.0, 2000000085.0, 2000000120.0, 2000000103.0, 2000000093.0, 2000000108.0, 2000000096.0, 2000000121.0, 2000000143.0, 2000000106.0, 2000000155.0, 2000000116.0, 2000000135.0, 2000000118.0, 2000000134.0, 2000000142.0],
    slope: 2.890436117918253, intercept: 2000000002.5584428, slopeStdError: 0.20624496502189818, residualDf: 46,
    // scipy vs exact rational: slope 1.5e-16, intercept 1.2e-16, stderr 2.4e-15
  },
  {
    name: 'three points',
    x: [0.0, 1.0, 3.0],
    y: [100.0, 180.0, 330.0],
    slope: 76.42857142857142, intercept: 101.42857142857146, slopeStdError: 1.2371791482640437, residualDf: 1,
    // scipy vs exact rational: slope 1.9e-16, intercept 2.8e-16, stderr 4.5e-13
  },
  {
    name: 'four points',
    x: [0.0, 0.5, 2.0, 2.5],
    y: [1024.0, 1536.0, 1024.0, 4096.0],
    slope: 813.1764705882352, intercept: 903.529411764706, slopeStdError: 657.7793405844045, residualDf: 2,
    // scipy vs exact rational: slope 0.0e+00, intercept 1.3e-16, stderr 0.0e+00
  },
  {
    name: 'slope near zero',
    x: [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0, 3.25, 3.5, 3.75, 4.0, 4.25, 4.5, 4.75],
    y: [1001164.2657400109, 998857.9284771775, 1000336.7652297139, 999835.7858168033, 999885.3007873284, 999995.7816653551, 999085.5419958427, 999971.5236851106, 999646.8381493115, 1001732.8992592877, 1000176.2476210956, 999878.9937308272, 999906.6202324387, 999705.1955819762, 999503.5982929445, 999827.727893446, 1000256.055889833, 999887.7612058093, 1000477.8721740922, 999891.0465715954],
    slope: 0.5000000000014004, intercept: 1000000.0, slopeStdError: 100.21786868075561, residualDf: 18,
    // scipy vs exact rational: slope 0.0e+00, intercept 0.0e+00, stderr 0.0e+00
  },
  {
    name: 'very strong slope',
    x: [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5],
    y: [4999859.864902188, 5049962.43578215, 5100357.700658149, 5150141.716766214, 5199647.099581664, 5249998.881298203, 5299865.955295688, 5350031.955777499, 5399654.2396264, 5450051.980953529, 5500050.606897528, 5550338.759596758],
    slope: 100017.52168274297, intercept: 4999948.581800453, slopeStdError: 38.90392509814964, residualDf: 10,
    // scipy vs exact rational: slope 2.9e-16, intercept 1.9e-16, stderr 2.6e-11
  },
  {
    name: 'negative slope',
    x: [0.0, 0.10447550474168676, 0.2596652543763378, 5.6770502330213635, 7.2157855855708934, 10.142810606492192, 10.895940345526606, 11.690170749680906, 14.101511014190905, 18.212817530566277, 22.79183189528805, 22.879967875021457, 25.57207242618311, 27.867329980704305, 28.617027634878788],
    y: [7896072.0, 7992889.0, 7925013.0, 7848702.0, 7826404.0, 7754345.0, 7815284.0, 7762411.0, 7682604.0, 7660322.0, 7593955.0, 7443819.0, 7473155.0, 7383809.0, 7417270.0],
    slope: -18971.417467573665, intercept: 7958980.390736404, slopeStdError: 1189.8030088081387, residualDf: 13,
    // scipy vs exact rational: slope 0.0e+00, intercept 0.0e+00, stderr 1.3e-15
  },
  {
    name: 'ties in x and y (quantised sizes)',
    x: [0.0, 0.5, 0.5, 1.0, 2.0, 2.5, 3.0, 4.0, 4.0, 6.0],
    y: [10240.0, 10240.0, 11264.0, 11264.0, 11264.0, 12288.0, 11264.0, 13312.0, 13312.0, 14336.0],
    slope: 668.9217002237134, intercept: 10306.434004474273, slopeStdError: 90.48044600414616, residualDf: 8,
    // scipy vs exact rational: slope 3.4e-16, intercept 0.0e+00, stderr 6.3e-16
  },
] as const;

const WOBBLE = { x: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0], y: [2000000000.0, 2000001000.0, 2000002000.0, 2000003001.0, 2000004000.0, 2000005000.0],
  slope: 1000.0285714285715, slopeStdError: 0.10816968277714807 }; // scipy stderr 0.10816968257350863, 1.9e-09 off

for (const c of FITS) {
  test(`leastSquaresFit matches scipy.linregress: ${c.name}`, () => {
    const fit = leastSquaresFit(c.x, c.y);
    assert.equal(fit.n, c.x.length);
    assert.equal(fit.residualDf, c.residualDf);
    assertClose(fit.slope, c.slope, 1e-9, 0, 'slope');
    assertClose(fit.intercept, c.intercept, 1e-9, 0, 'intercept');
    if (c.slopeStdError === 0) {
      assert.equal(fit.slopeStdError, 0);
    } else {
      assertClose(fit.slopeStdError, c.slopeStdError, 1e-9, 0, 'slopeStdError');
    }
  });
}

test('leastSquaresFit recovers b as the slope of a + b·t, whatever a and b', () => {
  const hours = [0, 0.5, 1.25, 3, 4.75, 8, 8.5, 13];
  for (const a of [0, -5000, 1e6, 5e7, 2e9]) {
    for (const b of [250, -3.5, 0.125, 1 / 1024]) {
      const fit = leastSquaresFit(hours, hours.map((t) => a + b * t));
      assertClose(fit.slope, b, 1e-12, 0, `a=${a} b=${b}: slope`);
      assertClose(fit.intercept, a, 1e-12, 1e-9, `a=${a} b=${b}: intercept`);
      assert.equal(fit.slopeStdError, 0, `a=${a} b=${b}: an exact line has no slope error`);
    }
  }
});

test('leastSquaresFit keeps its precision at 2e9 bytes growing 3 bytes per hour', () => {
  const c = FITS.find((f) => f.name === '2e9 bytes growing 3 bytes per hour');
  assert.ok(c);
  const fit = leastSquaresFit(c.x, c.y);
  assertClose(fit.slope, c.slope, 1e-9, 0, 'slope');
  assertClose(fit.slopeStdError, c.slopeStdError, 1e-9, 0, 'slopeStdError');
  // The same data shifted down by 2e9 must give the same line, shifted: the offset is
  // irrelevant to a centred computation.
  const shifted = leastSquaresFit(c.x, c.y.map((v) => v - 2e9));
  assertClose(fit.slope, shifted.slope, 1e-12, 0, 'slope vs shifted');
  assertClose(fit.slopeStdError, shifted.slopeStdError, 1e-12, 0, 'stderr vs shifted');
  assertClose(fit.intercept - 2e9, shifted.intercept, 0, 1e-6, 'intercept vs shifted');
});

test('leastSquaresFit accepts typed arrays', () => {
  const fit = leastSquaresFit(Float64Array.of(0, 1, 3), Float64Array.of(100, 180, 330));
  assertClose(fit.slope, 76.42857142857142, 1e-12);
});

test('leastSquaresFit rejects two points with a RangeError that says so', () => {
  assert.throws(() => leastSquaresFit([0, 1], [5, 6]), {
    name: 'RangeError',
    message: /at least 3 points, got 2/,
  });
  assert.throws(() => leastSquaresFit([], []), { name: 'RangeError', message: /got 0/ });
});

test('leastSquaresFit rejects x values that are all equal', () => {
  assert.throws(() => leastSquaresFit([2.5, 2.5, 2.5, 2.5], [1, 2, 3, 4]), {
    name: 'RangeError',
    message: /all x values are equal \(2\.5\)/,
  });
});

test('leastSquaresFit rejects x and y of different lengths', () => {
  assert.throws(() => leastSquaresFit([0, 1, 2], [1, 2, 3, 4]), {
    name: 'RangeError',
    message: /x has 3 values but y has 4/,
  });
});

test('leastSquaresFit rejects NaN and infinite values, naming the index', () => {
  assert.throws(() => leastSquaresFit([0, 1, Number.NaN], [1, 2, 3]), {
    name: 'RangeError',
    message: /x\[2\] is NaN/,
  });
  assert.throws(() => leastSquaresFit([0, 1, 2], [1, Infinity, 3]), {
    name: 'RangeError',
    message: /y\[1\] is Infinity/,
  });
});

test('leastSquaresFit gives a constant series a slope of exactly 0 and no slope error', () => {
  // 0.1 has no exact binary form, so its mean is not exactly 0.1: the slope must still be 0.
  for (const value of [0, 0.1, 1048576, 2e9]) {
    const fit = leastSquaresFit([0, 0.25, 1, 1.1, 7], [value, value, value, value, value]);
    assert.equal(fit.slope, 0);
    assert.equal(fit.intercept, value);
    assert.equal(fit.slopeStdError, 0);
    assert.equal(fit.residualDf, 3);
  }
});

test('leastSquaresFit gives a perfect line a slope error of exactly 0 despite rounding', () => {
  // Neither 0.1 nor 12345.678 is exact in binary: the residuals are rounding noise only.
  const hours = Array.from({ length: 50 }, (_, i) => i * 0.1);
  const fit = leastSquaresFit(hours, hours.map((t) => 1e9 + 12345.678 * t));
  assertClose(fit.slope, 12345.678, 1e-12);
  assert.equal(fit.slopeStdError, 0);
});

test('leastSquaresFit does not mistake a one-byte wobble at 2e9 bytes for a perfect line', () => {
  const fit = leastSquaresFit(WOBBLE.x, WOBBLE.y);
  assert.ok(fit.slopeStdError > 0);
  assertClose(fit.slope, WOBBLE.slope, 1e-12, 0, 'slope');
  // Against exact arithmetic: scipy's r-based stderr is itself ~2e-9 off on this case.
  assertClose(fit.slopeStdError, WOBBLE.slopeStdError, 1e-12, 0, 'slopeStdError');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leastSquaresFit, type LinearFit } from '../../src/trend/least-squares.js';
import { pValueSlopeAboveZero, pValueSlopeBelowZero } from '../../src/trend/slope-test.js';

/** |actual − expected| ≤ rel·|expected|: relative accuracy, meaningful down to 1e-30. */
function assertRelClose(actual: number, expected: number, rel: number, what = ''): void {
  const tolerance = rel * Math.abs(expected);
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  );
}

function fitOf(slope: number, slopeStdError: number, residualDf: number): LinearFit {
  return { n: residualDf + 2, slope, intercept: 0, slopeStdError, residualDf };
}

// Frozen reference values. PVALUES: scipy.stats.linregress slope and stderr of the series in
// least-squares.test.ts, with above = scipy.stats.t.sf(slope / stderr, df) and
// below = scipy.stats.t.cdf(slope / stderr, df) (cross-checked in the script against
// linregress(alternative='greater'/'less')). T_TAIL: scipy.stats.t.sf(t, df).
// Produced by `python3 test/trend/reference.py` (sections PVALUES, T_TAIL) with:
// python3 test/trend/reference.py -- scipy 1.17.1, numpy 2.4.6, Python 3.11.7
const PVALUES = [
  { name: 'noisy growth with gaps in x', slope: 13599.599356594901, slopeStdError: 1345.8384686760048, residualDf: 22,
    above: 4.990049512579827e-10, below: 0.999999999500995 },
  { name: '2e9 bytes growing 3 bytes per hour', slope: 2.890436117918253, slopeStdError: 0.20624496502189818, residualDf: 46,
    above: 1.6203320821543316e-18, below: 1.0 },
  { name: 'three points', slope: 76.42857142857142, slopeStdError: 1.2371791482640437, residualDf: 1,
    above: 0.005152156521407554, below: 0.9948478434785925 },
  { name: 'four points', slope: 813.1764705882352, slopeStdError: 657.7793405844045, residualDf: 2,
    above: 0.17092740914279123, below: 0.8290725908572087 },
  { name: 'slope near zero', slope: 0.5000000000014004, slopeStdError: 100.21786868075561, residualDf: 18,
    above: 0.49803707263481084, below: 0.5019629273651891 },
  { name: 'very strong slope', slope: 100017.52168274297, slopeStdError: 38.90392509814964, residualDf: 10,
    above: 9.755305863693173e-31, below: 1.0 },
  { name: 'negative slope', slope: -18971.417467573665, slopeStdError: 1189.8030088081387, residualDf: 13,
    above: 0.9999999996758906, below: 3.2410938065703117e-10 },
  { name: 'ties in x and y (quantised sizes)', slope: 668.9217002237134, slopeStdError: 90.48044600414616, residualDf: 8,
    above: 3.835384336171872e-05, below: 0.9999616461566383 },
] as const;

const T_TAIL = [
  { t: 40.0, df: 30, sf: 6.863022597203209e-28 },
  { t: 1000.0, df: 10, sf: 1.2304123550866357e-26 },
  { t: 50000.0, df: 6, sf: 2.1599999863919998e-27 },
  { t: 1000000.0, df: 5, sf: 9.490167245460681e-30 },
  { t: 12.0, df: 200, sf: 1.2110680026233124e-25 },
  { t: 30000000.0, df: 4, sf: 3.7037037037036755e-30 },
] as const;

for (const c of PVALUES) {
  test(`one-sided p-values match scipy's Student t: ${c.name}`, () => {
    const fit = fitOf(c.slope, c.slopeStdError, c.residualDf);
    assertRelClose(pValueSlopeAboveZero(fit), c.above, 1e-6, 'above');
    assertRelClose(pValueSlopeBelowZero(fit), c.below, 1e-6, 'below');
  });
}

test('pValueSlopeAboveZero stays accurate in the far tail', () => {
  for (const { t, df, sf } of T_TAIL) {
    assertRelClose(pValueSlopeAboveZero(fitOf(t, 1, df)), sf, 1e-6, `t=${t} df=${df}`);
  }
});

test('pValueSlopeBelowZero stays accurate in the far tail', () => {
  for (const { t, df, sf } of T_TAIL) {
    assertRelClose(pValueSlopeBelowZero(fitOf(-t, 1, df)), sf, 1e-6, `t=${-t} df=${df}`);
  }
});

test('a slope of 1e-30 significance comes out of leastSquaresFit and the t-test intact', () => {
  // The 'very strong slope' series of least-squares.test.ts, fitted here end to end.
  const x = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5];
  const y = [4999859.864902188, 5049962.43578215, 5100357.700658149, 5150141.716766214, 5199647.099581664, 5249998.881298203, 5299865.955295688, 5350031.955777499, 5399654.2396264, 5450051.980953529, 5500050.606897528, 5550338.759596758];
  const expected = PVALUES.find((c) => c.name === 'very strong slope');
  assert.ok(expected);
  assertRelClose(pValueSlopeAboveZero(leastSquaresFit(x, y)), expected.above, 1e-6);
});

test('the two one-sided p-values add up to 1 and meet at 0.5 for a zero slope', () => {
  const fit = fitOf(1.5, 2, 7);
  assertRelClose(pValueSlopeAboveZero(fit) + pValueSlopeBelowZero(fit), 1, 1e-15);
  assert.equal(pValueSlopeAboveZero(fitOf(0, 3, 5)), 0.5);
  assert.equal(pValueSlopeBelowZero(fitOf(0, 3, 5)), 0.5);
});

test('an exact fit has p = 0 in the direction of its slope and p = 1 against it', () => {
  const growing = leastSquaresFit([0, 1, 2.5, 4], [10, 20, 35, 50]);
  assert.equal(growing.slopeStdError, 0);
  assert.equal(pValueSlopeAboveZero(growing), 0);
  assert.equal(pValueSlopeBelowZero(growing), 1);
  const shrinking = leastSquaresFit([0, 1, 2.5, 4], [50, 40, 25, 10]);
  assert.equal(pValueSlopeAboveZero(shrinking), 1);
  assert.equal(pValueSlopeBelowZero(shrinking), 0);
});

test('a constant series has p = 1 in both directions', () => {
  const flat = leastSquaresFit([0, 1, 2, 3.5], [4096, 4096, 4096, 4096]);
  assert.equal(pValueSlopeAboveZero(flat), 1);
  assert.equal(pValueSlopeBelowZero(flat), 1);
});

test('the slope tests reject a malformed fit instead of returning NaN', () => {
  assert.throws(() => pValueSlopeAboveZero(fitOf(Number.NaN, 1, 5)), { name: 'RangeError', message: /slope is NaN/ });
  assert.throws(() => pValueSlopeBelowZero(fitOf(1, -1, 5)), { name: 'RangeError', message: /slopeStdError is -1/ });
  assert.throws(() => pValueSlopeAboveZero(fitOf(1, 1, 0)), { name: 'RangeError', message: /residualDf is 0/ });
});

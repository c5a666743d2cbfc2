import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autocorrelation } from '../../src/trend/autocorrelation.js';
import { seeded } from '../helpers/records.js';
import { AR1, isAsReferenced, QUANTISED_LEAK } from './robust-series.js';

// Frozen reference values: the biased sample autocorrelation (pymannkendall's np.correlate form;
// equal to statsmodels.tsa.stattools.acf(adjusted=False, fft=False), largest difference 0.0 with
// statsmodels 0.13.5 under `/usr/bin/python3 test/trend/robust-reference.py --acf-check`) of two
// series of robust-series.ts, lags 1..24. Produced by `python3 test/trend/robust-reference.py`
// (section ACF) with:
// python3 test/trend/robust-reference.py -- scipy 1.17.1, numpy 2.4.6, Python 3.11.7
const ACF = {
  AR1: [0.8941623244129796, 0.8125068186952888, 0.7464870126803229, 0.6479430731792541, 0.5618486544807882, 0.4941011054825627, 0.4522898601008577, 0.4029586664416748, 0.38183071213972525, 0.3742709576683128, 0.3449736867617718, 0.3127275459597504, 0.3071412584160377, 0.297478281179175, 0.27555103809408626, 0.2532846153828951, 0.2275888691695487, 0.19161875186748914, 0.13406881174073387, 0.11758382059281593, 0.11427311221494536, 0.09021332751826586, 0.08633029964117642, 0.06961421611446181],
  QUANTISED_LEAK: [0.9210023316187569, 0.9004508794242959, 0.9036940186170641, 0.8895906903828104, 0.8820181062177471, 0.8776902390600333, 0.8550169522484976, 0.8485259404192175, 0.8539322242835521, 0.8322578896988163, 0.8258081879240278, 0.825765300054955, 0.8062954201962771, 0.7933149743522981, 0.7944362789279917, 0.7749663990693137, 0.7727603665286742, 0.7651464723091194, 0.7445537100601668, 0.7456337045813686, 0.7413058374236549, 0.7250806745723264, 0.7131818010641305, 0.7099768162966915],
} as const;

function assertAllClose(actual: Float64Array, expected: readonly number[], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, k) => assert.ok(Math.abs((actual[k] as number) - e) <= tolerance, `lag ${k + 1}: ${actual[k]} vs ${e}`));
}

test('autocorrelation matches the biased acf of statsmodels on an AR(1) series and a quantised leak', () => {
  assert.ok(isAsReferenced('AR1') && isAsReferenced('QUANTISED_LEAK'));
  assertAllClose(autocorrelation(AR1.y, 24), ACF.AR1, 1e-13);
  assertAllClose(autocorrelation(QUANTISED_LEAK.y, 24), ACF.QUANTISED_LEAK, 1e-13);
});

test('autocorrelation of 1, 2, 3, 4 is 0.25 at lag 1 and −0.3 at lag 2', () => {
  assertAllClose(autocorrelation([1, 2, 3, 4], 3), [0.25, -0.3, -0.45], 1e-15);
});

test('autocorrelation ignores the level and the scale of the series', () => {
  const random = seeded(8);
  const values = Array.from({ length: 200 }, () => random());
  const rho = autocorrelation(values, 10);
  // 2e9 bytes plus a few: the deviations must survive the large mean.
  assertAllClose(autocorrelation(values.map((v) => 2e9 + 1000 * v), 10), [...rho], 1e-9);
  assertAllClose(autocorrelation(values.map((v) => -3 * v), 10), [...rho], 1e-13);
});

test('autocorrelation of a constant series is 0 at every lag, not NaN', () => {
  assert.deepEqual([...autocorrelation([7, 7, 7, 7, 7], 4)], [0, 0, 0, 0]);
});

test('autocorrelation returns lags 1..maxLag, none for maxLag 0', () => {
  assert.equal(autocorrelation([1, 2, 3], 0).length, 0);
  assert.equal(autocorrelation([], 0).length, 0);
  assert.equal(autocorrelation(Float64Array.of(1, 5, 2, 8), 3).length, 3);
});

test('autocorrelation rejects a lag it cannot estimate and non-finite values', () => {
  assert.throws(() => autocorrelation([1, 2, 3], 3), { name: 'RangeError', message: /maxLag must be an integer in \[0, 2\], got 3/ });
  assert.throws(() => autocorrelation([1, 2, 3], -1), { name: 'RangeError', message: /got -1/ });
  assert.throws(() => autocorrelation([1, 2, 3], 1.5), { name: 'RangeError', message: /got 1.5/ });
  assert.throws(() => autocorrelation([1, Number.NaN, 3], 1), { name: 'RangeError', message: /values\[1\] is NaN/ });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benjaminiHochberg } from '../../src/trend/benjamini-hochberg.js';

// Frozen reference: a realistic vector (ties at 0.041, two p = 1.0, one 1e-30) and
// scipy.stats.false_discovery_control(BH_P, method='bh').
// Produced by `python3 test/trend/reference.py` (section BH) with:
// python3 test/trend/reference.py -- scipy 1.17.1, numpy 2.4.6, Python 3.11.7
const BH_P = [0.041, 0.001, 1.0, 0.008, 0.039, 0.6, 0.041, 1e-30, 0.205, 0.212, 0.06, 0.074, 0.3, 0.042, 0.975, 0.041, 1.0, 0.5, 0.216, 0.002];
const BH_Q = [0.09333333333333334, 0.01, 1.0, 0.04, 0.09333333333333334, 0.7058823529411765, 0.09333333333333334, 2.0000000000000002e-29, 0.30857142857142855, 0.30857142857142855, 0.12, 0.13454545454545452, 0.39999999999999997, 0.09333333333333334, 1.0, 0.09333333333333334, 1.0, 0.625, 0.30857142857142855, 0.013333333333333334];

test('benjaminiHochberg matches scipy on a realistic vector with ties and a 1.0', () => {
  const q = benjaminiHochberg(BH_P);
  assert.equal(q.length, BH_Q.length);
  q.forEach((qi, i) => {
    const expected = BH_Q[i] as number;
    assert.ok(Math.abs(qi - expected) <= 1e-12 * expected, `q[${i}] = ${qi}, scipy ${expected}`);
  });
});

test('benjaminiHochberg gives tied p-values the same q-value', () => {
  const q = benjaminiHochberg(BH_P);
  const tied = BH_P.flatMap((p, i) => (p === 0.041 ? [q[i]] : []));
  assert.equal(tied.length, 3);
  assert.ok(tied.every((v) => v === tied[0]));
});

test('benjaminiHochberg is monotone in p, never below p, and capped at 1', () => {
  const q = benjaminiHochberg(BH_P);
  const byP = BH_P.map((p, i) => ({ p, q: q[i] as number })).sort((a, b) => a.p - b.p);
  for (let i = 0; i < byP.length; i++) {
    const cur = byP[i] as { p: number; q: number };
    assert.ok(cur.q >= cur.p && cur.q <= 1, `q=${cur.q} for p=${cur.p}`);
    if (i > 0) assert.ok(cur.q >= (byP[i - 1] as { q: number }).q);
  }
  assert.deepEqual(benjaminiHochberg([1, 1, 0.9]), [1, 1, 1]);
});

test('benjaminiHochberg returns q-values in the input order', () => {
  const reversed = benjaminiHochberg([...BH_P].reverse());
  assert.deepEqual(reversed, benjaminiHochberg(BH_P).reverse());
  assert.deepEqual(benjaminiHochberg([0.5, 0.01, 0.04, 0.03]), [0.5, 0.04, 0.04 * 4 / 3, 0.04 * 4 / 3]);
});

test('benjaminiHochberg leaves a single p-value unchanged and maps empty to empty', () => {
  assert.deepEqual(benjaminiHochberg([0.03]), [0.03]);
  assert.deepEqual(benjaminiHochberg([]), []);
});

test('benjaminiHochberg rejects NaN and out-of-range p-values, naming the index', () => {
  assert.throws(() => benjaminiHochberg([0.1, Number.NaN]), {
    name: 'RangeError',
    message: /pValues\[1\] is NaN/,
  });
  assert.throws(() => benjaminiHochberg([1.5]), { name: 'RangeError', message: /outside \[0, 1\]/ });
  assert.throws(() => benjaminiHochberg([-0.1]), { name: 'RangeError', message: /pValues\[0\]/ });
});

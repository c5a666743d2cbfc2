import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kendallS, kendallSNaive, tieStatistics, varianceOfS } from '../../src/trend/kendall-s.js';
import { seeded } from '../helpers/records.js';
import { randomSeries } from './robust-series.js';

test("kendallS counts the same S as the double loop, with ties in x and y", () => {
  // Seeded random series of 2 to 600 points: noise, gaps, ties in x, heavy ties in y, flat.
  const random = seeded(77);
  for (let seed = 1; seed <= 300; seed++) {
    const { x, y } = randomSeries(seed, 2 + Math.floor(random() * 599));
    assert.equal(kendallS(x, y).s, kendallSNaive(x, y), `seed ${seed}`);
  }
});

test('kendallS gives tau-b ±1 and S = ±n(n−1)/2 to a strictly rising or falling series', () => {
  const x = [0, 1, 2, 3, 4];
  const rising = kendallS(x, [1, 2, 3, 4, 5]);
  const falling = kendallS(x, [5, 4, 3, 2, 1]);
  assert.deepEqual([rising.s, falling.s], [10, -10]);
  // S/√10/√10, as scipy computes it: 1 to within rounding.
  assert.ok(Math.abs(rising.tau - 1) < 1e-15 && Math.abs(falling.tau + 1) < 1e-15);
  assert.ok(rising.tau <= 1 && falling.tau >= -1);
});

test('kendallS calls a constant series or constant x degenerate: S, tau and Var(S) all 0', () => {
  for (const [x, y] of [
    [[0, 1, 2], [3, 3, 3]],
    [[1, 1, 1], [1, 2, 3]],
    [[0], [1]],
  ] as const) {
    const result = kendallS(x, y);
    assert.deepEqual([result.s, result.tau, result.varianceS], [0, 0, 0]);
  }
});

test('tieStatistics sums t(t−1)/2, t(t−1)(t−2) and t(t−1)(2t+5) over groups of equal values', () => {
  // Groups of 2, 3 and 1: pairs 1 + 3, cubic 0 + 6, kendall 18 + 66.
  assert.deepEqual({ ...tieStatistics([1, 1, 2, 2, 2, 3]) }, { pairs: 4, cubic: 6, kendall: 84 });
  assert.deepEqual({ ...tieStatistics([1, 2, 3]) }, { pairs: 0, cubic: 0, kendall: 0 });
});

test('varianceOfS is the Mann–Kendall variance when x has no ties', () => {
  const none = { pairs: 0, cubic: 0, kendall: 0 };
  const yTies = tieStatistics([1, 1, 2, 2, 2, 3]);
  assert.equal(varianceOfS(10, none, none), (10 * 9 * 25) / 18);
  assert.equal(varianceOfS(10, none, yTies), (10 * 9 * 25 - 84) / 18);
  // Ties in both add Kendall's two cross terms.
  assert.ok(varianceOfS(10, yTies, yTies) > (10 * 9 * 25 - 2 * 84) / 18);
});

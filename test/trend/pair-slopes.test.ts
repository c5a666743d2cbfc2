import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kendallS } from '../../src/trend/kendall-s.js';
import { PairSlopes } from '../../src/trend/pair-slopes.js';
import { seeded } from '../helpers/records.js';
import { randomSeries } from './robust-series.js';

interface Pair {
  readonly a: number;
  readonly b: number;
  readonly slope: number;
}

/** Every pair with x_a < x_b and its slope, as the naive method computes it. */
function allPairs(x: readonly number[], y: readonly number[]): Pair[] {
  const pairs: Pair[] = [];
  for (let a = 0; a < x.length; a++) {
    for (let b = a + 1; b < x.length; b++) {
      if ((x[a] as number) < (x[b] as number)) pairs.push({ a, b, slope: ((y[b] as number) - (y[a] as number)) / ((x[b] as number) - (x[a] as number)) });
    }
  }
  return pairs;
}

const key = (x: readonly number[], y: readonly number[], theta: number, i: number): number => (y[i] as number) - theta * (x[i] as number);

function* cases(count: number): Generator<{ x: number[]; y: number[]; pairs: PairSlopes; all: Pair[]; seed: number }> {
  const random = seeded(31);
  for (let seed = 1; seed <= count; seed++) {
    const { x, y } = randomSeries(seed, 2 + Math.floor(random() * 150));
    if (x[0] === x[x.length - 1]) continue;
    yield { x: [...x], y: [...y], pairs: new PairSlopes(Float64Array.from(x), Float64Array.from(y)), all: allPairs(x, y), seed };
  }
}

test('PairSlopes.pivot counts the pairs whose keys put them below and at or below θ', () => {
  for (const { x, y, pairs, all, seed } of cases(120)) {
    assert.equal(pairs.pairs, all.length);
    const some = all[Math.floor(all.length / 3)] as Pair;
    for (const theta of [some.slope, some.slope * (1 + 1e-9), 0, -1234.5]) {
      const pivot = pairs.pivot(theta);
      const below = all.filter(({ a, b }) => key(x, y, theta, b) < key(x, y, theta, a)).length;
      const atOrBelow = all.filter(({ a, b }) => key(x, y, theta, b) <= key(x, y, theta, a)).length;
      assert.deepEqual([pivot.below, pivot.atOrBelow], [below, atOrBelow], `seed ${seed}, θ ${theta}`);
    }
  }
});

test('PairSlopes.pivot at 0 counts exactly the negative and non-positive slopes', () => {
  for (const { pairs, all } of cases(60)) {
    const zero = pairs.pivot(0);
    assert.equal(zero.below, all.filter((p) => p.slope < 0).length);
    assert.equal(zero.atOrBelow, all.filter((p) => p.slope <= 0).length);
  }
});

test("kendallS's slopesAtZero are PairSlopes' own counts at 0, ties in x and y included", () => {
  for (const { x, y, pairs, seed } of cases(120)) {
    const { below, atOrBelow } = pairs.pivot(0);
    assert.deepEqual(kendallS(x, y).slopesAtZero, { below, atOrBelow }, `seed ${seed}`);
  }
});

test('PairSlopes.tolerance bounds how far a slope lies on the wrong side of the keys that classify it', () => {
  for (const { x, y, pairs, all } of cases(60)) {
    for (const { slope: theta } of all.filter((_, i) => i % 97 === 0)) {
      const tolerance = pairs.tolerance(theta);
      for (const { a, b, slope } of all) {
        const [ua, ub] = [key(x, y, theta, a), key(x, y, theta, b)];
        if (ub <= ua) assert.ok(slope <= theta + tolerance);
        if (ub >= ua) assert.ok(slope >= theta - tolerance);
      }
    }
  }
});

test('PairSlopes.scan lists exactly the slopes strictly between two pivots, by their keys', () => {
  for (const { x, y, pairs, all, seed } of cases(80)) {
    const sorted = all.map((p) => p.slope).sort((p, q) => p - q);
    const low = sorted[Math.floor(sorted.length * 0.3)] as number;
    const high = sorted[Math.floor(sorted.length * 0.6)] as number;
    for (const [lowPivot, highTheta] of [
      [pairs.pivot(low), high],
      [pairs.minusInfinity, high],
      [pairs.pivot(low), Infinity],
    ] as const) {
      const lowTheta = lowPivot.theta;
      const expected = all
        .filter(({ a, b }) => lowTheta === -Infinity || key(x, y, lowTheta, b) > key(x, y, lowTheta, a))
        .filter(({ a, b }) => highTheta === Infinity || key(x, y, highTheta, b) < key(x, y, highTheta, a))
        .map((p) => p.slope)
        .sort((p, q) => p - q);
      const scan = pairs.scan(lowPivot, highTheta, all.length, 0);
      assert.ok(scan.slopes !== undefined);
      assert.deepEqual([...scan.slopes].sort((p, q) => p - q), expected, `seed ${seed}`);
      assert.ok(scan.candidates >= expected.length);
      // Past the limit it samples instead; at rate 1 the sample is everything.
      if (scan.candidates > 0) {
        const sampled = pairs.scan(lowPivot, highTheta, 0, 1);
        assert.equal(sampled.slopes, undefined);
        assert.deepEqual([...sampled.sample].sort((p, q) => p - q), expected);
      }
    }
  }
});

test('PairSlopes.sampleUniform draws slopes of actual pairs, from the whole range', () => {
  for (const { pairs, all } of cases(30)) {
    const slopes = new Set(all.map((p) => p.slope));
    const sample = pairs.sampleUniform(500);
    assert.ok(sample.every((s) => slopes.has(s)));
  }
  // Uniform: on 0..199 with y = x², the slopes a + b are spread like the pairs are.
  const x = Float64Array.from({ length: 200 }, (_, i) => i);
  const sample = new PairSlopes(x, x.map((v) => v * v)).sampleUniform(20_000);
  const belowMedian = sample.filter((s) => s < 199).length / sample.length;
  assert.ok(Math.abs(belowMedian - 0.5) < 0.02, `${belowMedian}`);
});

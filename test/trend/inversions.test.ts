import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortCountingInversions, tiedPairs } from '../../src/trend/inversions.js';
import { seeded } from '../helpers/records.js';

function bruteForce(keys: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  keys.forEach((a, i) => keys.forEach((b, j) => j > i && a > b && pairs.push([i, j])));
  return pairs;
}

test('sortCountingInversions sorts stably and counts the strict inversions, ties not included', () => {
  const random = seeded(5);
  for (let trial = 0; trial < 200; trial++) {
    const n = Math.floor(random() * 120);
    // Few distinct values: plenty of ties.
    const input = Array.from({ length: n }, () => Math.floor(random() * 12) - 4);
    const keys = Float64Array.from(input);
    const order = Int32Array.from(input.keys());
    assert.equal(sortCountingInversions(keys, order), bruteForce(input).length);
    assert.deepEqual([...keys], [...input].sort((a, b) => a - b));
    assert.deepEqual([...order], [...input.keys()].sort((a, b) => (input[a] as number) - (input[b] as number) || a - b));
  }
});

test('sortCountingInversions reports every inverted pair once to its visitor', () => {
  const random = seeded(6);
  for (let trial = 0; trial < 50; trial++) {
    const input = Array.from({ length: 1 + Math.floor(random() * 90) }, () => Math.floor(random() * 20));
    const seen: string[] = [];
    const visit = (order: Int32Array, from: number, to: number, right: number): void => {
      for (let t = from; t < to; t++) seen.push(`${order[t]},${right}`);
    };
    sortCountingInversions(Float64Array.from(input), Int32Array.from(input.keys()), visit, new Float64Array(200), new Int32Array(200));
    assert.deepEqual(seen.sort(), bruteForce(input).map(([i, j]) => `${i},${j}`).sort());
  }
});

test('sortCountingInversions counts and reports alike on longer, nearly sorted and sorted inputs, whatever the run length', () => {
  const random = seeded(7);
  for (let trial = 0; trial < 24; trial++) {
    const n = 100 + Math.floor(random() * 900);
    const shape = trial % 3;
    // Random, nearly sorted (a rising line under noise: many halves already in order), or sorted.
    const input = Array.from({ length: n }, (_, i) => (shape === 0 ? Math.floor(random() * 50) : shape === 1 ? i + Math.floor(random() * 8) : i));
    const expected = bruteForce(input).map(([i, j]) => `${i},${j}`).sort();
    for (const run of [1, 16, n]) {
      const seen: string[] = [];
      const visit = (order: Int32Array, from: number, to: number, right: number): void => {
        for (let t = from; t < to; t++) seen.push(`${order[t]},${right}`);
      };
      const keys = Float64Array.from(input);
      const order = Int32Array.from(input.keys());
      assert.equal(sortCountingInversions(keys, order, visit, undefined, undefined, run), expected.length);
      assert.deepEqual(seen.sort(), expected);
      assert.deepEqual([...order], [...input.keys()].sort((a, b) => (input[a] as number) - (input[b] as number) || a - b));
      assert.equal(sortCountingInversions(Float64Array.from(input), Int32Array.from(input.keys()), undefined, undefined, undefined, run), expected.length);
    }
  }
});

test('tiedPairs counts the pairs of equal values in a sorted array', () => {
  assert.equal(tiedPairs([1, 1, 2, 3, 3, 3]), 1 + 3);
  assert.equal(tiedPairs([]), 0);
});

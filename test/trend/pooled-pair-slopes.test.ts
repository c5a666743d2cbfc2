import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PairSlopes } from '../../src/trend/pair-slopes.js';
import { PooledPairSlopes } from '../../src/trend/pooled-pair-slopes.js';
import { selectPairSlopes } from '../../src/trend/slope-selection.js';
import { seeded } from '../helpers/records.js';

/** Every within-stretch slope, by the double loop, sorted: the method the selection must agree with. */
function listedAndSorted(stretches: readonly { x: Float64Array; y: Float64Array }[]): Float64Array {
  const slopes: number[] = [];
  for (const { x, y } of stretches) {
    for (let i = 0; i < x.length; i++) {
      for (let j = i + 1; j < x.length; j++) {
        const dx = (x[j] as number) - (x[i] as number);
        if (dx !== 0) slopes.push(((y[j] as number) - (y[i] as number)) / dx);
      }
    }
  }
  return Float64Array.from(slopes).sort();
}

/** Stretches like a restarted process's lifetimes: rounded sizes (ties), a few equal times, saw-tooth growth. */
function stretches(random: () => number, count: number, length: () => number) {
  let t = 0;
  return Array.from({ length: count }, () => {
    const n = length();
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const slope = 1000 + random() * 3000;
    for (let i = 0; i < n; i++) {
      if (random() > 0.03 || i === 0) t += 1 / 12 + random() * 0.01;
      x[i] = t;
      y[i] = Math.round((500_000 + slope * i * 0.0833 + (random() - 0.5) * 20_000) / 1024) * 1024;
    }
    return { x, y };
  });
}

describe('PooledPairSlopes', () => {
  it('selects the slopes at any ranks exactly as listing and sorting every within-stretch pair does', () => {
    const random = seeded(7);
    for (let trial = 0; trial < 40; trial++) {
      const parts = stretches(random, 1 + Math.floor(random() * 6), () => 3 + Math.floor(random() * (trial < 20 ? 40 : 400)));
      const sorted = listedAndSorted(parts);
      const pooled = new PooledPairSlopes(parts.map(({ x, y }) => new PairSlopes(x, y)));
      assert.equal(pooled.pairs, sorted.length);
      const ranks = [0, sorted.length - 1, Math.floor(sorted.length / 2), Math.floor(random() * sorted.length), Math.floor(sorted.length * 0.025)];
      assert.deepEqual([...selectPairSlopes(pooled, ranks)], ranks.map((k) => sorted[k]), `trial ${trial}`);
    }
  });
  it('never counts a pair across stretches', () => {
    // Two flat stretches, the second far above the first: every cross pair would be a steep slope.
    const flat = (from: number, level: number) => ({ x: Float64Array.from({ length: 10 }, (_, i) => from + i), y: new Float64Array(10).fill(level) });
    const pooled = new PooledPairSlopes([flat(0, 0), flat(10, 1e6)].map(({ x, y }) => new PairSlopes(x, y)));
    assert.equal(pooled.pairs, 90);
    assert.deepEqual([...selectPairSlopes(pooled, [0, 89])], [0, 0]);
  });
});

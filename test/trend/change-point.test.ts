import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findChangePoint } from '../../src/trend/change-point.js';
import { seeded } from '../helpers/records.js';

const n = 288;
const hours = Float64Array.from({ length: n }, (_, k) => k / 12);
const options = { minSide: Math.ceil(n * 0.2), minGain: 10, meanSquaredResolution: 1 };

function series(f: (h: number, noise: number) => number, seed = 1): Float64Array {
  const random = seeded(seed);
  return hours.map((h) => f(h, random()));
}

describe('findChangePoint', () => {
  it('finds none in a noisy straight line', () => {
    assert.equal(findChangePoint(hours, series((h, e) => 1e6 + 3000 * h + 2000 * e), options), undefined);
  });

  it('finds none in a staircase of rounded sizes, given their rounding step', () => {
    const stairs = hours.map((h) => Math.round((1840 * 1024 + 3072 * h) / 1024) * 1024);
    assert.equal(findChangePoint(hours, stairs, { ...options, meanSquaredResolution: 1024 * 1024 }), undefined);
  });

  it('finds none in trendless noise or an hourly saw-tooth', () => {
    assert.equal(findChangePoint(hours, series((_, e) => 1e5 * e), options), undefined);
    assert.equal(findChangePoint(hours, series((h, e) => (h % 1) * 60_000 + 2000 * e), options), undefined);
  });

  it('finds where a warm-up levels off, a step lands and a late leak starts, within a few points', () => {
    const cases: [string, Float64Array, number][] = [
      ['plateau', series((h, e) => Math.min(h, 6) * 50_000 + 4000 * e), 72],
      ['step', series((h, e) => (h < 10 ? 1e6 : 1.5e6) + 4000 * e), 120],
      ['late leak', series((h, e) => 1e6 + Math.max(0, h - 18) * 20_000 + 4000 * e), 216],
    ];
    for (const [name, y, expected] of cases) {
      const change = findChangePoint(hours, y, options);
      assert.ok(change !== undefined, name);
      assert.ok(Math.abs(change.index - expected) <= 3, `${name}: ${change.index}`);
      assert.ok(change.gain > 100, `${name}: gain ${change.gain}`);
    }
  });

  it('leaves at least minSide points on each side, and needs twice that to try', () => {
    const early = series((h, e) => (h < 1 ? 0 : 1e6) + e);
    const change = findChangePoint(hours, early, options);
    assert.ok(change === undefined || change.index >= options.minSide);
    assert.equal(findChangePoint(hours.subarray(0, 10), early.subarray(0, 10), options), undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Points } from '../../src/series/points.js';

describe('Points', () => {
  it('keeps every point as it grows past its capacity', () => {
    const points = new Points(2);
    for (let i = 0; i < 100; i++) points.push(i, 1000 + i, 1024, i % 3, undefined);
    assert.equal(points.length, 100);
    assert.deepEqual(Array.from(points.sizes.subarray(0, 100)), Array.from({ length: 100 }, (_, i) => 1000 + i));
    assert.deepEqual(Array.from(points.counts.subarray(97, 100)), [1, 2, 0]);
  });
  it('keeps no size_diff column until one arrives, then NaN for the points before it', () => {
    const points = new Points(4);
    points.push(0, 10, 1, 1, undefined);
    assert.equal(diffsOf(points), undefined);
    points.push(1, 11, 1, 1, 5);
    for (let i = 2; i < 20; i++) points.push(i, 10 + i, 1, 1, i);
    const diffs = diffsOf(points);
    assert.ok(diffs);
    assert.ok(Number.isNaN(diffs[0]));
    assert.deepEqual(Array.from(diffs.subarray(1, 4)), [5, 2, 3]);
  });
});

/** Read through a call, so the check before the pushes does not narrow what is read after them. */
function diffsOf(points: Points): Float64Array | undefined {
  return points.diffs;
}

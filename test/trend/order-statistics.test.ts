import assert from 'node:assert/strict';
import { test } from 'node:test';
import { medianInPlace, selectInPlace } from '../../src/trend/order-statistics.js';
import { seeded } from '../helpers/records.js';

test('selectInPlace finds the value of every rank, with ties, and partitions around it', () => {
  const random = seeded(3);
  for (let trial = 0; trial < 100; trial++) {
    const input = Float64Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 50) / 4);
    const sorted = Float64Array.from(input).sort();
    const k = Math.floor(random() * input.length);
    const values = Float64Array.from(input);
    assert.equal(selectInPlace(values, k), sorted[k]);
    assert.ok(values.subarray(0, k).every((v) => v <= (sorted[k] as number)));
    assert.ok(values.subarray(k + 1).every((v) => v >= (sorted[k] as number)));
    // A second, larger rank from the first one on.
    const k2 = k + Math.floor(random() * (input.length - k));
    assert.equal(selectInPlace(values, k2, k), sorted[k2]);
  }
});

test('medianInPlace is the middle value, or the mean of the two middle ones, as numpy.median', () => {
  assert.equal(medianInPlace(Float64Array.of(5, 1, 3)), 3);
  assert.equal(medianInPlace(Float64Array.of(4, 1, 3, 2)), 2.5);
  assert.equal(medianInPlace(Float64Array.of(7)), 7);
});

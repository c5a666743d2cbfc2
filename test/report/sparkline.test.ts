import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byteTicks } from '../../src/report/byte-ticks.js';
import { sparkline } from '../../src/report/sparkline.js';

describe('sparkline', () => {
  it('rises from the lowest bar to the highest for growth', () => {
    const times = Float64Array.from({ length: 80 }, (_, i) => i);
    assert.equal(sparkline(times, times.map((t) => t * 2), 8), '▁▂▃▄▅▆▇█');
  });
  it('draws a flat series at mid height, and a gap as a space', () => {
    assert.equal(sparkline(Float64Array.of(0, 1, 2, 3), Float64Array.of(5, 5, 5, 5), 4), '▄▄▄▄');
    assert.equal(sparkline(Float64Array.of(0, 1, 8, 9), Float64Array.of(1, 1, 9, 9), 5), '▁   █');
  });
  it('is empty for no points', () => {
    assert.equal(sparkline(new Float64Array(0), new Float64Array(0), 10), '');
  });
});

describe('byteTicks', () => {
  it('steps in round binary units', () => {
    const mib = 1024 ** 2;
    assert.deepEqual(byteTicks(0, 8.4 * mib, 5).ticks, [0, 2, 4, 6, 8, 10].map((n) => n * mib));
    assert.deepEqual(byteTicks(1800 * 1024, 1912 * 1024, 5).ticks, [1800, 1825, 1850, 1875, 1900, 1925].map((n) => n * 1024));
  });
  it('widens the range to whole steps', () => {
    assert.deepEqual(byteTicks(3, 97, 5), { ticks: [0, 20, 40, 60, 80, 100], low: 0, high: 100 });
  });
});

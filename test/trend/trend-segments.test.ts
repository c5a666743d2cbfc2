import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Series } from '../../src/series/series.js';
import type { Judgement } from '../../src/trend/judge-series.js';
import { trendSegments } from '../../src/trend/trend-segments.js';
import { HOUR, T0 } from '../helpers/records.js';

function series(sizes: number[], lifetimeStarts: number[]): Series {
  const n = sizes.length;
  return {
    key: 'k',
    module: '/app/a.py',
    lineno: 0,
    labels: {},
    event: 'top_current',
    times: Float64Array.from({ length: n }, (_, i) => T0 + i * HOUR),
    sizes: Float64Array.from(sizes),
    resolutions: new Float64Array(n).fill(1),
    counts: new Float64Array(n).fill(1),
    lifetimeStarts,
  };
}

const judged = (slope: number, regimeFrom: number | null = null): Judgement => ({
  verdict: 'leak',
  growthBytesPerHour: slope,
  growthLow: slope - 1,
  growthHigh: slope + 1,
  pValue: 0,
  qValue: 0,
  method: 'test',
  regimeFrom,
});

describe('trendSegments', () => {
  it('lays the slope through a straight line exactly', () => {
    const [segment] = trendSegments(series([100, 110, 120, 130, 140], [0]), judged(10));
    assert.ok(segment);
    assert.equal(segment.anchorTime, T0 + 2 * HOUR);
    assert.equal(segment.anchorSize, 120);
    assert.deepEqual([segment.fromTime, segment.toTime], [T0, T0 + 4 * HOUR]);
  });
  it('draws one segment per lifetime, each through its own points', () => {
    const segments = trendSegments(series([100, 110, 120, 50, 60, 70], [0, 3]), judged(10));
    assert.deepEqual(segments.map((s) => s.anchorSize), [110, 60]);
  });
  it('starts the last lifetime at its latest regime', () => {
    const [segment] = trendSegments(series([100, 100, 100, 110, 120, 130], [0]), judged(10, T0 + 3 * HOUR));
    assert.equal(segment?.fromTime, T0 + 3 * HOUR);
    assert.equal(segment?.anchorSize, 120);
  });
  it('draws nothing for a series that was not tested', () => {
    assert.deepEqual(trendSegments(series([1, 2, 3], [0]), { ...judged(1), growthBytesPerHour: null }), []);
  });
});

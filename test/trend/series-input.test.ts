import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedSeries } from '../../src/trend/series-input.js';

test('checkedSeries copies a valid series into Float64Arrays, ties in x allowed', () => {
  const x = [0, 1, 1, 2];
  const checked = checkedSeries('f', x, [5, 6, 7, 8], 2);
  assert.ok(checked.x instanceof Float64Array && checked.y instanceof Float64Array);
  assert.deepEqual([...checked.x], x);
  x[0] = 99;
  assert.equal(checked.x[0], 0);
});

test('checkedSeries names the function, the index and the value of what is wrong', () => {
  assert.throws(() => checkedSeries('f', [0, 1], [1], 2), { name: 'RangeError', message: 'f: x has 2 values but y has 1' });
  assert.throws(() => checkedSeries('f', [0], [1], 2), { name: 'RangeError', message: 'f: needs at least 2 points, got 1' });
  assert.throws(() => checkedSeries('f', [0, -Infinity], [1, 2], 2), { name: 'RangeError', message: 'f: x[1] is -Infinity, not a finite number' });
  assert.throws(() => checkedSeries('f', [3, 2], [1, 2], 2), { name: 'RangeError', message: 'f: x must be ascending, but x[1] = 2 < x[0] = 3' });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatDuration, formatProbability, formatRate } from '../../src/report/units.js';

describe('units', () => {
  it('formats bytes with three significant digits in binary units', () => {
    assert.equal(formatBytes(812), '812 B');
    assert.equal(formatBytes(3.05 * 1024), '3.05 KiB');
    assert.equal(formatBytes(1840 * 1024), '1.80 MiB');
    assert.equal(formatBytes(2.5 * 1024 ** 3), '2.50 GiB');
    assert.equal(formatBytes(-1536), '-1.50 KiB');
  });
  it('signs growth rates', () => {
    assert.equal(formatRate(4200), '+4.10 KiB/h');
    assert.equal(formatRate(-100), '-100 B/h');
    assert.equal(formatRate(0), '0 B/h');
    assert.equal(formatRate(-0.2), '0 B/h');
    assert.equal(formatRate(0.3), '0 B/h');
  });
  it('formats probabilities readably down to the smallest double', () => {
    assert.equal(formatProbability(0.031), '0.031');
    assert.equal(formatProbability(0.5), '0.5');
    assert.equal(formatProbability(2.14e-9), '2.1e-9');
    assert.equal(formatProbability(0), '<1e-300');
  });
  it('formats durations in minutes, hours or days', () => {
    assert.equal(formatDuration(0.75), '45 min');
    assert.equal(formatDuration(24), '24.0 h');
    assert.equal(formatDuration(84), '3.5 d');
  });
});

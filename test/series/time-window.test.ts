import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeriesCollector } from '../../src/series/collect-series.js';
import { cropToWindow, resolveWindow } from '../../src/series/time-window.js';
import { HOUR, record, T0 } from '../helpers/records.js';

function collected() {
  const collector = new SeriesCollector({ includeAll: false });
  for (let h = 0; h <= 48; h++) collector.record(record('/app/a.py', h, 1000 + h));
  for (let h = 0; h <= 10; h++) collector.record(record('/app/early.py', h, 500));
  return collector.finish();
}

describe('resolveWindow', () => {
  it('counts relative bounds back from the newest record', () => {
    assert.deepEqual(resolveWindow({ since: { hoursBefore: 24 } }, T0 + 48 * HOUR), { since: T0 + 24 * HOUR, until: null });
  });
  it('counts them back from now when given', () => {
    const now = T0 + 100 * HOUR;
    assert.deepEqual(resolveWindow({ since: { hoursBefore: 24 }, now }, T0 + 48 * HOUR), { since: T0 + 76 * HOUR, until: null });
  });
  it('keeps absolute bounds as they are', () => {
    assert.deepEqual(resolveWindow({ since: { at: T0 }, until: { at: T0 + HOUR } }, T0 + 48 * HOUR), { since: T0, until: T0 + HOUR });
  });
  it('ends a window at --until, or else at the reference', () => {
    assert.deepEqual(resolveWindow({ hours: 6, until: { hoursBefore: 12 } }, T0 + 48 * HOUR), { since: T0 + 30 * HOUR, until: T0 + 36 * HOUR });
    assert.deepEqual(resolveWindow({ hours: 6 }, T0 + 48 * HOUR), { since: T0 + 42 * HOUR, until: null });
  });
  it('leaves relative bounds open when there is no record and no now', () => {
    assert.deepEqual(resolveWindow({ since: { hoursBefore: 24 } }, null), { since: null, until: null });
  });
});

describe('cropToWindow', () => {
  it('keeps the points inside, both ends included, and counts the rest', () => {
    const cropped = cropToWindow(collected(), { since: T0 + 24 * HOUR, until: T0 + 36 * HOUR });
    assert.equal(cropped.series.length, 1, 'the early series has no point in the window');
    const series = cropped.series[0]?.load();
    assert.equal(series?.times.length, 13);
    assert.equal(series?.sizes[0], 1024);
    assert.equal(cropped.outside, 49 - 13 + 11);
    assert.equal(cropped.from, T0 + 24 * HOUR);
    assert.equal(cropped.to, T0 + 36 * HOUR);
  });
  it('changes nothing without bounds', () => {
    const all = collected();
    const cropped = cropToWindow(all, { since: null, until: null });
    assert.equal(cropped.series, all.series);
    assert.equal(cropped.outside, 0);
  });
  it('reports no range when nothing is left', () => {
    const cropped = cropToWindow(collected(), { since: T0 + 100 * HOUR, until: null });
    assert.deepEqual([cropped.series.length, cropped.from, cropped.to], [0, null, null]);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageRanks } from '../../src/trend/ranks.js';

test('averageRanks gives tied values the mean of their ranks, as scipy.stats.rankdata', () => {
  // scipy.stats.rankdata([10, 20, 10, 30, 20, 20, 5]) (scipy 1.17.1) = [2.5, 5, 2.5, 7, 5, 5, 1]
  assert.deepEqual([...averageRanks([10, 20, 10, 30, 20, 20, 5])], [2.5, 5, 2.5, 7, 5, 5, 1]);
});

test('averageRanks of distinct values is their 1-based position in sorted order', () => {
  assert.deepEqual([...averageRanks([0.3, -1, 2e9, 0])], [3, 1, 4, 2]);
  assert.deepEqual([...averageRanks([])], []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kendallS } from '../../src/trend/kendall-s.js';
import { PairSlopes } from '../../src/trend/pair-slopes.js';
import { CLUSTER_LIMIT, selectPairSlopes, type SelectionMemory, type SelectionStats } from '../../src/trend/slope-selection.js';
import { seeded } from '../helpers/records.js';
import { randomSeries } from './robust-series.js';

const stats = (): SelectionStats => ({ passes: 0, clusters: 0, approximations: 0 });

test('selectPairSlopes returns the slopes at any ranks exactly as sorting them all does', () => {
  const random = seeded(12);
  for (let seed = 1; seed <= 200; seed++) {
    const { x, y } = randomSeries(seed, 2 + Math.floor(random() * 600));
    if (x[0] === x[x.length - 1]) continue;
    const pairs = new PairSlopes(Float64Array.from(x), Float64Array.from(y));
    const sorted = pairs.allSlopes().sort();
    const n = pairs.pairs;
    const ranks = [0, n - 1, Math.floor(random() * n), Math.floor(random() * n), Math.floor(n / 2), Math.max(0, Math.floor(n / 2) - 1)];
    const work = stats();
    const found = selectPairSlopes(pairs, ranks, work);
    ranks.forEach((k, i) => assert.ok(Object.is(found[i], sorted[k]), `seed ${seed}, rank ${k} of ${n}: ${found[i]} vs ${sorted[k]}`));
    assert.equal(work.approximations, 0);
  }
});

test('selectPairSlopes answers ranks among the slopes an earlier selection listed without a pass, exactly', () => {
  let answeredFromList = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const { x, y } = randomSeries(seed, 200 + 10 * seed);
    if (x[0] === x[x.length - 1]) continue;
    const [xs, ys] = [Float64Array.from(x), Float64Array.from(y)];
    const sorted = new PairSlopes(xs, ys).allSlopes().sort();
    const n = sorted.length;
    const memory: SelectionMemory = { listed: [], sample: undefined };
    const { listed } = memory;
    const median = [Math.floor((n - 1) / 2), Math.ceil((n - 1) / 2)];
    selectPairSlopes(new PairSlopes(xs, ys), median, stats(), memory);
    // Sen's bounds sit a few percent of the slopes either side of the median; the ends lie outside any list.
    const near = [Math.floor(n * 0.48), Math.floor(n * 0.53)];
    const inside = (k: number): boolean => listed.some(({ low, slopes }) => k >= low.atOrBelow && k < low.atOrBelow + slopes.length);
    const listedAlready = near.every(inside);
    const work = stats();
    const found = [...selectPairSlopes(new PairSlopes(xs, ys), near, work, memory), ...selectPairSlopes(new PairSlopes(xs, ys), [0, n - 1], stats(), memory)];
    [...near, 0, n - 1].forEach((k, i) => assert.ok(Object.is(found[i], sorted[k]), `seed ${seed}, rank ${k} of ${n}: ${found[i]} vs ${sorted[k]}`));
    if (listedAlready) {
      answeredFromList += 1;
      assert.equal(work.passes, 0, `seed ${seed}`);
    }
  }
  assert.ok(answeredFromList >= 20, `${answeredFromList} series had the middle ranks among the listed slopes`);
});

test('selectPairSlopes answers a rank inside a block of zero slopes from one exact count', () => {
  // A flat module rounded to 1 KiB: most pairs have slope exactly 0.
  const random = seeded(4);
  const x = Float64Array.from({ length: 1000 }, (_, i) => i / 12);
  const y = x.map(() => 1024 * Math.floor(1000 + random() * 1.2));
  const pairs = new PairSlopes(x, y);
  const work = stats();
  const n = pairs.pairs;
  assert.deepEqual([...selectPairSlopes(pairs, [Math.floor(n / 2) - 1, Math.floor(n / 2)], work)], [0, 0]);
  assert.ok(work.passes <= 2, `${work.passes} passes`);
});

test('selectPairSlopes answers the same with the counts at 0 handed over, and spends no pass on ranks among the zeros', () => {
  const random = seeded(21);
  for (let seed = 1; seed <= 120; seed++) {
    const { x, y } = randomSeries(seed, 2 + Math.floor(random() * 600));
    if (x[0] === x[x.length - 1]) continue;
    const [xs, ys] = [Float64Array.from(x), Float64Array.from(y)];
    const plain = new PairSlopes(xs, ys);
    const n = plain.pairs;
    const ranks = [0, n - 1, Math.floor(random() * n), Math.floor(n / 2), Math.max(0, Math.floor(n / 2) - 1)];
    const expected = selectPairSlopes(plain, ranks);
    const withCounts = new PairSlopes(xs, ys, kendallS(x, y).slopesAtZero);
    assert.deepEqual([...selectPairSlopes(withCounts, ranks)], [...expected], `seed ${seed}`);
  }
  // The flat module of the test above: its median is answered from the counts alone.
  const flat = seeded(4);
  const x = Float64Array.from({ length: 1000 }, (_, i) => i / 12);
  const y = x.map(() => 1024 * Math.floor(1000 + flat() * 1.2));
  const pairs = new PairSlopes(x, y, kendallS(x, y).slopesAtZero);
  const work = stats();
  assert.deepEqual([...selectPairSlopes(pairs, [Math.floor(pairs.pairs / 2) - 1, Math.floor(pairs.pairs / 2)], work)], [0, 0]);
  assert.equal(work.passes, 0);
});

test('selectPairSlopes lists a cluster of slopes equal to within rounding, and stays exact', () => {
  // y = 1024 i at x = i/12: every slope is 12288 to within a few ulps.
  const x = Float64Array.from({ length: 800 }, (_, i) => i / 12);
  const pairs = new PairSlopes(x, x.map((_, i) => 1024 * i));
  const sorted = pairs.allSlopes().sort();
  const ranks = [1000, 159_800, 250_000];
  const work = stats();
  const found = selectPairSlopes(pairs, ranks, work);
  ranks.forEach((k, i) => assert.equal(found[i], sorted[k]));
  assert.ok(work.clusters >= 1);
  assert.equal(work.approximations, 0);
});

test('selectPairSlopes answers from a cluster too big to list with a slope of that cluster', () => {
  // 3,000 points: 4.5 million slopes all within rounding of 12288, more than CLUSTER_LIMIT.
  const x = Float64Array.from({ length: 3000 }, (_, i) => i / 12);
  const pairs = new PairSlopes(x, x.map((_, i) => 1024 * i));
  assert.ok(pairs.pairs > CLUSTER_LIMIT);
  const work = stats();
  const [median] = selectPairSlopes(pairs, [Math.floor(pairs.pairs / 2)], work);
  assert.ok(work.approximations >= 1);
  assert.ok(Math.abs((median as number) - 12288) <= 1e-12 * 12288, `${median}`);
});

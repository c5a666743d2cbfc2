import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PointStore, SpillError } from '../../src/series/point-store.js';
import { seeded } from '../helpers/records.js';

/** Pushes the same seeded points into a store: several streams, interleaved, some out of order, size_diff arriving midway in one. */
function fill(store: PointStore): number[] {
  const random = seeded(7);
  const streams = [store.add(), store.add(), store.add()];
  for (let i = 0; i < 500; i++) {
    const stream = streams[Math.floor(random() * streams.length)] as number;
    const time = stream === streams[2] && i % 50 === 0 ? i - 3 : i;
    const diff = stream === streams[1] && i > 200 ? Math.round(random() * 1e6) : undefined;
    store.push(stream, time, Math.round(random() * 1e9), 1024, i, diff);
  }
  return streams;
}

function columns(store: PointStore, stream: number) {
  const points = store.load([stream]);
  return {
    length: points.length,
    times: Array.from(points.times),
    sizes: Array.from(points.sizes),
    resolutions: Array.from(points.resolutions),
    counts: Array.from(points.counts),
    diffs: points.diffs === undefined ? undefined : Array.from(points.diffs, (d) => (Number.isNaN(d) ? 'none' : d)),
  };
}

describe('PointStore', () => {
  it('gives back the same points from its temporary file as from memory', () => {
    const inMemory = new PointStore();
    const spilling = new PointStore(37);
    const streams = fill(inMemory);
    fill(spilling);
    assert.equal(inMemory.spilled, false);
    assert.equal(spilling.spilled, true);
    for (const stream of streams) {
      const expected = columns(inMemory, stream);
      assert.ok(expected.length > 100);
      assert.deepEqual(columns(spilling, stream), expected);
      assert.deepEqual(columns(spilling, stream), expected, 'loading twice');
    }
    assert.ok(columns(inMemory, streams[1] as number).diffs?.includes('none'), 'points before the first size_diff have none');
  });

  it('keeps long streams whole across its blocks of memory, and across spills that reuse them', () => {
    // 2 × 300,000 points of 4 and 5 numbers: more than one 8 MiB block, chunks at their largest.
    const expected = (stream: number, i: number): number[] => [i, 1e6 * stream + i, 1024, i % 7, stream === 1 ? -i : Number.NaN];
    for (const spillFrom of [Infinity, 100_000]) {
      const store = new PointStore(spillFrom);
      const streams = [store.add(), store.add()];
      for (let i = 0; i < 300_000; i++) {
        for (const stream of streams) {
          const [time, size, resolution, count, diff] = expected(stream, i) as [number, number, number, number, number];
          store.push(stream, time, size, resolution, count, Number.isNaN(diff) ? undefined : diff);
        }
      }
      assert.equal(store.spilled, spillFrom !== Infinity);
      for (const stream of streams) {
        const points = store.load([stream]);
        assert.equal(points.length, 300_000);
        for (const i of [0, 4095, 4096, 131_071, 299_999]) {
          const got = [points.times[i], points.sizes[i], points.resolutions[i], points.counts[i], points.diffs?.[i] ?? Number.NaN];
          assert.deepEqual(got, expected(stream, i), `spill from ${spillFrom}, stream ${stream}, point ${i}`);
        }
        let mismatches = 0;
        for (let i = 0; i < points.length; i++) if (points.sizes[i] !== 1e6 * stream + i || points.times[i] !== i) mismatches++;
        assert.equal(mismatches, 0);
      }
    }
  });

  it('knows whether a stream came in time order, and its first and last points, without reading it back', () => {
    const store = new PointStore(2);
    const ordered = store.add();
    const repeated = store.add();
    for (const [time, size] of [[1, 10], [2, 20], [5, 50]] as const) store.push(ordered, time, size, 1, 1, undefined);
    for (const time of [1, 2, 2]) store.push(repeated, time, 7, 1, 1, undefined);
    assert.deepEqual(store.summary([ordered]), { ...store.summary([ordered]), length: 3, strictlyAscending: true, firstTime: 1, lastTime: 5, firstSize: 10, lastSize: 50 });
    assert.equal(store.summary([repeated]).strictlyAscending, false);
  });

  it('says where it could not make its temporary file', () => {
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = '/nonexistent/leak-suspects-test';
    try {
      const store = new PointStore(1);
      const stream = store.add();
      assert.throws(
        () => store.push(stream, 0, 1, 1, 1, undefined),
        (error: unknown) => error instanceof SpillError && /cannot make the temporary file of points in \/nonexistent\/leak-suspects-test: no such file/.test(error.message),
      );
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });
});

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
  const points = store.load(stream);
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

  it('knows whether a stream came in time order, and its first and last points, without reading it back', () => {
    const store = new PointStore(2);
    const ordered = store.add();
    const repeated = store.add();
    for (const [time, size] of [[1, 10], [2, 20], [5, 50]] as const) store.push(ordered, time, size, 1, 1, undefined);
    for (const time of [1, 2, 2]) store.push(repeated, time, 7, 1, 1, undefined);
    assert.deepEqual(store.summary(ordered), { ...store.summary(ordered), length: 3, strictlyAscending: true, firstTime: 1, lastTime: 5, firstSize: 10, lastSize: 50 });
    assert.equal(store.summary(repeated).strictlyAscending, false);
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

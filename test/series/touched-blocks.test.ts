import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { PointStore } from '../../src/series/point-store.js';
import { TOUCH_FROM_BLOCK, TouchedBlocks } from '../../src/series/touched-blocks.js';
import { runProcess } from '../helpers/run-process.js';

const NUMBERS = 1 << 16;

function assertZeroed(block: Float64Array): void {
  assert.equal(block.length, NUMBERS);
  assert.ok(block.every((v) => v === 0));
}

describe('TouchedBlocks', () => {
  it('hands out zeroed blocks of its size, the first few made on this thread, then ones the worker touched', async () => {
    const fresh = new TouchedBlocks(NUMBERS);
    const blocks: Float64Array[] = [];
    for (let i = 0; i < TOUCH_FROM_BLOCK; i++) blocks.push(fresh.take());
    assert.equal(fresh.fromWorker, 0);
    // Taking the next one starts the worker; it answers for the blocks sent ahead soon after
    // (waits of 10 ms, doubling, up to 10 s in all on a slow machine).
    blocks.push(fresh.take());
    for (let wait = 10; wait <= 5120 && fresh.fromWorker === 0; wait *= 2) {
      await sleep(wait);
      blocks.push(fresh.take());
    }
    assert.ok(fresh.fromWorker > 0, 'no block came from the worker in 10 s');
    for (const block of blocks) assertZeroed(block);
    // Every block is its own: writing one leaves the others as they were.
    blocks.forEach((block, i) => block.fill(i + 1));
    blocks.forEach((block, i) => assert.ok(block.every((v) => v === i + 1)));
    fresh.close();
    const handed = fresh.fromWorker;
    await sleep(50);
    assertZeroed(fresh.take());
    assert.equal(fresh.fromWorker, handed, 'a block came from the worker after close');
  });

  it('never keeps the process alive: a store dropped unfinished lets it end', async () => {
    const url = pathToFileURL(new URL('../../src/series/point-store.js', import.meta.url).pathname).href;
    const script = `
      const { PointStore } = await import(${JSON.stringify(url)});
      const store = new PointStore();
      const stream = store.add();
      let i = 0;
      for (let round = 0; round < 24 && store.blocksTouchedAhead === 0; round++) {
        for (const end = i + 262_144; i < end; i++) store.push(stream, i, i, 1, 1, undefined);
        if (round >= 4) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** Math.min(round - 4, 5)));
      }
      console.log(store.blocksTouchedAhead > 0 ? 'filled, some blocks touched ahead' : 'filled');`;
    // A process kept alive hangs: runProcess kills it and, at the second time, fails.
    const child = await runProcess(process.execPath, ['--input-type=module', '-e', script]);
    assert.equal(child.code, 0, child.stderr);
    assert.equal(child.stdout.trim(), 'filled, some blocks touched ahead');
  });

  it('stops its worker once it is dropped and collected', async () => {
    const url = pathToFileURL(new URL('../../src/series/touched-blocks.js', import.meta.url).pathname).href;
    const script = `
      const { TouchedBlocks } = await import(${JSON.stringify(url)});
      let blocks = new TouchedBlocks(1 << 16);
      for (let i = 0; i <= ${TOUCH_FROM_BLOCK}; i++) blocks.take();
      const { thread } = blocks.worker;
      let stopped = false;
      thread.on('exit', () => { stopped = true; });
      blocks = undefined;
      for (let i = 0; i < 100 && !stopped; i++) {
        globalThis.gc();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      console.log(stopped ? 'stopped' : 'still running');
      await thread.terminate();`;
    const child = await runProcess(process.execPath, ['--expose-gc', '--input-type=module', '-e', script]);
    assert.equal(child.code, 0, child.stderr);
    assert.equal(child.stdout.trim(), 'stopped');
  });
});

describe('PointStore on blocks a worker touched', () => {
  it('gives back every point of a store many blocks large', async () => {
    const store = new PointStore();
    const streams = [store.add(), store.add(), store.add()];
    // Rows of 4 or 5 numbers, about 230,000 to an 8 MiB block, until the worker has given some
    // blocks (its start awaited in pauses of 50 ms, doubling, up to 1.6 s), and then a round more.
    let rows = 0;
    const push = (count: number): void => {
      for (const end = rows + count; rows < end; rows++) {
        const i = rows;
        store.push(streams[i % 3] as number, i, 2 * i, 1024, i % 7, i % 3 === 2 ? -i : undefined);
      }
    };
    for (let round = 0; round < 24 && store.blocksTouchedAhead === 0; round++) {
      push(300_000);
      if (round >= 4) await sleep(50 * 2 ** Math.min(round - 4, 5));
    }
    assert.ok(store.blocksTouchedAhead > 0, 'no block came from the worker');
    push(300_000);
    store.doneWriting();
    for (const [k, stream] of streams.entries()) {
      const points = store.load([stream]);
      assert.equal(points.length, Math.ceil((rows - k) / 3));
      for (let j = 0; j < points.length; j++) {
        const i = 3 * j + k;
        const diff = points.diffs?.[j];
        if (points.times[j] !== i || points.sizes[j] !== 2 * i || points.resolutions[j] !== 1024 || points.counts[j] !== i % 7 || (k === 2 && diff !== -i)) {
          assert.fail(`stream ${k}, point ${j}: ${points.times[j]}, ${points.sizes[j]}, ${points.resolutions[j]}, ${points.counts[j]}, ${diff}`);
        }
      }
      assert.equal(points.diffs === undefined, k !== 2);
    }
  });
});

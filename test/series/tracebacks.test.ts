import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TracebackEvent } from '../../src/read/record.js';
import { allocationSite, TracebackGatherer } from '../../src/series/tracebacks.js';

const labels = { host: 'web-1' };
const header = (time: number): TracebackEvent => ({ time, labels, header: { memoryBlocks: 120, sizeBytes: 40 * 1024 } });
const line = (time: number, text: string): TracebackEvent => ({ time, labels, line: text });
const BLOCK = ['  File "/app/server.py", line 88', '    handle(request)', '  File "/app/conn.py", line 12', '    self.tickets.append(ticket)'];

describe('TracebackGatherer', () => {
  it('gathers a header and its lines, even when the export is newest-first', () => {
    const events = [header(1000), ...BLOCK.map((text, k) => line(1001 + k, text))];
    for (const order of [events, [...events].reverse()]) {
      const g = new TracebackGatherer();
      for (const e of order) g.add(e);
      const blocks = g.finish().get('host=web-1') ?? [];
      assert.equal(blocks.length, 1);
      assert.deepEqual(blocks[0]?.lines, BLOCK);
      assert.equal(blocks[0]?.memoryBlocks, 120);
      assert.deepEqual(blocks[0]?.frames, [
        { filename: '/app/server.py', lineno: 88 },
        { filename: '/app/conn.py', lineno: 12 },
      ]);
    }
  });

  it('starts a new block at each header', () => {
    const g = new TracebackGatherer();
    for (const e of [header(1), line(2, BLOCK[0] as string), header(3), line(4, BLOCK[2] as string)]) g.add(e);
    assert.equal(g.finish().get('host=web-1')?.length, 2);
  });
});

describe('allocationSite', () => {
  const block = { time: 0, lines: [], frames: [{ filename: '/app/server.py', lineno: 88 }, { filename: '/app/conn.py', lineno: 12 }] };
  it('is the last frame (oldest-first order) when it has a series', () => {
    assert.equal(allocationSite(block, () => true), '/app/conn.py');
  });
  it('is the first frame when only that end has a series (most-recent-first order)', () => {
    assert.equal(allocationSite(block, (f) => f === '/app/server.py'), '/app/server.py');
  });
  it('falls back to the last frame', () => {
    assert.equal(allocationSite(block, () => false), '/app/conn.py');
  });
});

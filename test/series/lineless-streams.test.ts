import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LEFT_OUT, LinelessStreams, UNKNOWN } from '../../src/series/lineless-streams.js';
import { seeded } from '../helpers/records.js';

describe('LinelessStreams', () => {
  it('gives back the stream kept for each file and family, and UNKNOWN for what it was not told', () => {
    const table = new LinelessStreams();
    const random = seeded(6);
    const files = Array.from({ length: 300 }, (_, i) => i);
    for (let i = files.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [files[i], files[j]] = [files[j] as number, files[i] as number];
    }
    // Every family of the even files, the first family alone of the odd ones; far past the first size.
    for (const file of files) for (const family of file % 2 === 0 ? [2, 0, 1] : [0]) table.set(file, family, 1000 * file + family);
    for (let file = 0; file < 300; file++) {
      for (let family = 0; family < 3; family++) {
        assert.equal(table.get(file, family), file % 2 === 0 || family === 0 ? 1000 * file + family : UNKNOWN, `file ${file}, family ${family}`);
      }
    }
    assert.equal(table.get(300, 0), UNKNOWN);
    assert.equal(table.get(1 << 20, 1), UNKNOWN);
  });

  it('keeps apart files whose numbers fall on the same slot, as the table grows', () => {
    const table = new LinelessStreams();
    // Multiples of 64 all hash to slot 0 until the table is wider than 64 slots.
    const files = Array.from({ length: 40 }, (_, i) => 64 * i);
    files.forEach((file, i) => table.set(file, 1, i));
    files.forEach((file, i) => assert.equal(table.get(file, 1), i));
    assert.equal(table.get(32, 1), UNKNOWN);
  });

  it('keeps stream 0 and a module left out apart from not knowing', () => {
    const table = new LinelessStreams();
    table.set(3, 0, 0);
    table.set(4, 0, LEFT_OUT);
    table.set(3, 0, 7); // set again: replaced
    assert.equal(table.get(3, 0), 7);
    assert.equal(table.get(4, 0), LEFT_OUT);
    assert.equal(table.get(4, 1), UNKNOWN);
  });
});

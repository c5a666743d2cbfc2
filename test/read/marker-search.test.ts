import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markerSearches, type MarkerSearch } from '../../src/read/marker-search.js';
import { seededRandom } from '../../src/trend/seeded-random.js';

const SIZE = Buffer.from(': size=');
const TRACEBACK = Buffer.from('traceback');

/** Every start of the marker in `buf` as `search` finds them, one after another. */
function allStarts(search: MarkerSearch, buf: Buffer): number[] {
  const starts: number[] = [];
  for (let at = search.indexIn(buf, 0); at !== -1; at = search.indexIn(buf, at + 1)) starts.push(at);
  return starts;
}

function indexOfStarts(marker: Buffer, buf: Buffer): number[] {
  const starts: number[] = [];
  for (let at = buf.indexOf(marker); at !== -1; at = buf.indexOf(marker, at + 1)) starts.push(at);
  return starts;
}

/** Text of the given letters with the markers and their near misses dropped in, at `rate` of the places. */
function text(random: () => number, bytes: number, letters: string, rate: number): Buffer {
  const pieces = [': size=', 'traceback', ': size', ' size=', 'tracebac', 'raceback', '==', 'kk', ': size=: size=', 'tracebacktraceback'];
  let out = '';
  while (out.length < bytes) {
    out += random() < rate ? (pieces[Math.floor(random() * pieces.length)] as string) : (letters[Math.floor(random() * letters.length)] as string);
  }
  return Buffer.from(out.slice(0, bytes));
}

describe('markerSearches', () => {
  it('anchors a marker on the byte rarest in the sample, and finds just what Buffer#indexOf finds', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 40; round++) {
      const buf = text(random, 1 + Math.floor(random() * 3000), 'abcdefghijlmnopqrstuvwxyz :"{},.\n', 0.004);
      const searches = markerSearches([SIZE, TRACEBACK], buf);
      // '=' and 'k' come only with the markers dropped in: rare enough to anchor on.
      assert.deepEqual(
        searches.map((search) => search.constructor.name),
        ['AnchoredMarker', 'AnchoredMarker'],
      );
      assert.deepEqual(allStarts(searches[0] as MarkerSearch, buf), indexOfStarts(SIZE, buf));
      assert.deepEqual(allStarts(searches[1] as MarkerSearch, buf), indexOfStarts(TRACEBACK, buf));
    }
  });

  it('finds what Buffer#indexOf finds when the anchor chosen from the sample is common in the text searched', () => {
    const random = seededRandom(11);
    // A sample without '=' or 'k' anchors on them; the text searched is full of both.
    const [size, traceback] = markerSearches([SIZE, TRACEBACK], Buffer.from('abcdefghij lmnopqrstuvwxyz:'.repeat(100))) as [MarkerSearch, MarkerSearch];
    for (let round = 0; round < 20; round++) {
      const buf = text(random, 20_000, '==========kkkkkkkkkk ab', 0.05);
      assert.deepEqual(allStarts(size, buf), indexOfStarts(SIZE, buf));
      assert.deepEqual(allStarts(traceback, buf), indexOfStarts(TRACEBACK, buf));
    }
  });

  it('searches for the whole marker when all its bytes are common, and finds the same', () => {
    const buf = Buffer.from('traceback tracebac raceback '.repeat(50));
    const [traceback] = markerSearches([TRACEBACK], buf) as [MarkerSearch];
    assert.deepEqual(allStarts(traceback, buf), indexOfStarts(TRACEBACK, buf));
    assert.equal(allStarts(traceback, buf).length, 50);
  });

  it('finds a marker at the very start and the very end, and not one cut off by the end', () => {
    const [size] = markerSearches([SIZE], Buffer.from('plain text')) as [MarkerSearch];
    assert.equal(size.indexIn(Buffer.from(': size=1'), 0), 0);
    assert.equal(size.indexIn(Buffer.from('x: size='), 0), 1);
    assert.equal(size.indexIn(Buffer.from('x: size'), 0), -1);
    assert.equal(size.indexIn(Buffer.from('x: size=1'), 2), -1);
    assert.equal(size.indexIn(Buffer.from(''), 0), -1);
  });
});

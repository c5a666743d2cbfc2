import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoTime, parseTimestamp } from '../../src/read/timestamp.js';

const T = Date.UTC(2018, 8, 8, 9, 51, 40, 247);

describe('parseTimestamp', () => {
  it('reads structlog ISO-8601 with microseconds and Z, truncating to milliseconds', () => {
    assert.equal(parseTimestamp('2018-09-08T09:51:40.247849Z'), T);
  });
  it('applies an explicit offset', () => {
    assert.equal(parseTimestamp('2018-09-08T11:51:40.247+02:00'), T);
    assert.equal(parseTimestamp('2018-09-08T04:51:40.247-0500'), T);
  });
  it('reads a time without a zone as UTC, in ISO and stdlib logging form', () => {
    assert.equal(parseTimestamp('2018-09-08T09:51:40.247'), T);
    assert.equal(parseTimestamp('2018-09-08 09:51:40,247'), T);
  });
  it('reads epoch seconds and milliseconds, as numbers and strings', () => {
    assert.equal(parseTimestamp(T / 1000), T);
    assert.equal(parseTimestamp(T), T);
    assert.equal(parseTimestamp(String(T / 1000)), T);
  });
  it('rejects what is not a time', () => {
    for (const bad of ['yesterday', '2018-13-01T00:00:00Z', '', null, {}, Number.NaN]) {
      assert.equal(parseTimestamp(bad), undefined, String(bad));
    }
  });
  it('writes ISO-8601 UTC with milliseconds', () => {
    assert.equal(isoTime(T), '2018-09-08T09:51:40.247Z');
  });
});

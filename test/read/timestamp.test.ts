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
  it('reads a run of timestamps within one second, and the seconds around them, as the full parse does', () => {
    const second = Date.UTC(2026, 10, 2, 23, 59, 59);
    const cases: [string, number | undefined][] = [
      ['2026-11-02T23:59:59.5Z', second + 500],
      ['2026-11-02T23:59:59.05Z', second + 50],
      ['2026-11-02T23:59:59.123456Z', second + 123],
      ['2026-11-02T23:59:59.999999999Z', second + 999],
      ['2026-11-03T00:00:00.001Z', second + 1001],
      ['2026-11-03T00:00:00.1x3Z', undefined],
      ['2026-11-03T00:00:00.Z', undefined],
      ['2026-11-03T00:00:00.250+01:00', second + 1250 - 3_600_000],
      ['2026-11-03 00:00:00.250Z', second + 1250],
      ['2026-11-03T24:00:00.250Z', undefined],
      ['2026-11-02T23:59:59.000Z', second],
    ];
    for (const [text, ms] of cases) assert.equal(parseTimestamp(text), ms, text);
  });
  it('writes ISO-8601 UTC with milliseconds', () => {
    assert.equal(isoTime(T), '2018-09-08T09:51:40.247Z');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LABEL_KEYS } from '../../src/read/labels.js';
import { fieldsOf } from '../../src/read/fields.js';
import { readLogLine, recordFromFields } from '../../src/read/log-line.js';

const KEYS = DEFAULT_LABEL_KEYS;
const line = (fields: Record<string, unknown>): string =>
  JSON.stringify({ i: 1, stat: '/app/x.py:0: size=1840 KiB, count=12, average=153 KiB', event: 'top_current', level: 'info', timestamp: '2026-11-02T00:05:03.123456Z', ...fields });

describe('readLogLine', () => {
  it('turns a top_current line into a record with identity labels', () => {
    const verdict = readLogLine(line({ host: 'web-1', pid: 4127, user: 'Zoë' }), KEYS, 'a.log');
    assert.equal(verdict.kind, 'record');
    if (verdict.kind !== 'record') return;
    assert.equal(verdict.record.event, 'top_current');
    assert.equal(verdict.record.time, Date.UTC(2026, 10, 2, 0, 5, 3, 123));
    assert.equal(verdict.record.statistic.filename, '/app/x.py');
    assert.equal(verdict.record.statistic.size, 1840 * 1024);
    assert.deepEqual(verdict.record.labels, { host: 'web-1', pid: '4127' });
  });

  it('labels a record without context by its source file', () => {
    const verdict = readLogLine(line({}), KEYS, 'web-1.log');
    assert.equal(verdict.kind === 'record' && verdict.record.labels['source'], 'web-1.log');
  });

  it('passes over other events, even ones mentioning a size', () => {
    assert.deepEqual(readLogLine(line({ event: 'request_handled' }), KEYS, 'a'), { kind: 'other' });
  });

  it('says what is wrong with a broken statistic line', () => {
    const cases: [string, RegExp][] = [
      ['{"event": "top_current", "stat": "x: size=', /^not JSON/],
      [line({ stat: undefined }), /^stat: /],
      [line({ timestamp: 'noon' }), /^timestamp: not a time: "noon"/],
      [line({ stat: '/app/x.py:0: size=12 furlongs, count=1' }), /size/],
      [line({ stat: 1840 }), /^stat: /],
      [line({ stat: ['/app/x.py:0: size=1840 KiB, count=12'] }), /^stat: /],
      [line({ timestamp: true }), /^timestamp: /],
      [line({ timestamp: { at: 1 } }), /^timestamp: /],
      [line({ timestamp: null }), /^timestamp: /],
    ];
    for (const [text, problem] of cases) {
      const verdict = readLogLine(text, KEYS, 'a');
      assert.equal(verdict.kind, 'malformed', text);
      assert.match(verdict.kind === 'malformed' ? verdict.problem : '', problem, text);
    }
  });

  it('reads a numeric timestamp, and rejects one that is not a finite number', () => {
    const verdict = readLogLine(line({ timestamp: 1793577903.5 }), KEYS, 'a');
    assert.equal(verdict.kind === 'record' && verdict.record.time, 1793577903500);
    for (const timestamp of [Number.POSITIVE_INFINITY, Number.NaN]) {
      const fields = fieldsOf(JSON.parse(line({})) as Record<string, unknown>);
      const verdict = recordFromFields((key) => (key === 'timestamp' ? timestamp : fields(key)), KEYS, 'a');
      assert.equal(verdict.kind, 'malformed', String(timestamp));
      assert.match(verdict.kind === 'malformed' ? verdict.problem : '', /^timestamp: /, String(timestamp));
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectShape } from '../../src/read/detect-shape.js';

const shape = (text: string): string => detectShape(Buffer.from(text));

describe('detectShape', () => {
  it('reads JSON objects one a line as lines, and so text logs', () => {
    assert.equal(shape('{"event": "top_current", "stat": "x"}\n{"event": "other"}\n'), 'lines');
    assert.equal(shape("i=1 stat='x' event='top_current'\n"), 'lines');
    assert.equal(shape('2018-09-08 09:51:40,247 INFO memtrace top_diffs i=1, stat=x\n'), 'lines');
  });
  it('reads an array, a pretty-printed object and a one-line API response as a JSON document', () => {
    assert.equal(shape('[{"id": 1}]'), 'json');
    assert.equal(shape('\ufeff  [\n  {"id": 1}'), 'json');
    assert.equal(shape('{\n  "data": [\n'), 'json');
    assert.equal(shape('{"data": [{"id": 1}], "meta": {}}\n'), 'json');
    assert.equal(shape('{"logs": [{"id": 1}], "nextLogId": null}'), 'json');
    assert.equal(shape('{"data": [{"id": 1}, {"id": 2'), 'json');
  });
  it('reads a Logs Explorer header as CSV', () => {
    assert.equal(shape('Date,Host,Service,Content\n"2026-11-02",web-1,shop,"{""a"": 1}"\n'), 'csv');
    assert.equal(shape('date,@stat,@event\n'), 'csv');
    assert.equal(shape('a,b,c\n1,2,3\n'), 'lines');
  });
});

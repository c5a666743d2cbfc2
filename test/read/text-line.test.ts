import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldsFromTextLine } from '../../src/read/text-line.js';

const STAT = '/app/x.py:0: size=1840 KiB, count=12, average=153 KiB';
const DIFF = '/app/x.py:0: size=1.2 MiB (+12.0 KiB), count=9 (+1), average=137 KiB';

describe('fieldsFromTextLine', () => {
  it('reads structlog key=value with Python-repr quoted values', () => {
    const f = fieldsFromTextLine(`i=1 stat='${STAT}' event='top_current' level='info' timestamp='2018-09-08T09:51:40.247849Z' host='web-1' pid=12`);
    assert.deepEqual(f, { i: '1', stat: STAT, event: 'top_current', level: 'info', timestamp: '2018-09-08T09:51:40.247849Z', host: 'web-1', pid: '12' });
  });

  it('undoes repr escapes and double quotes chosen for a value holding a single quote', () => {
    assert.equal(fieldsFromTextLine(`stat="/app/it's.py:0: size=1 B, count=1, average=1 B" event=top_current`)['stat'], "/app/it's.py:0: size=1 B, count=1, average=1 B");
    assert.equal(fieldsFromTextLine(String.raw`stat='/app/caf\xe9 \'q\'.py:0: size=1 B, count=1, average=1 B'`)['stat'], "/app/café 'q'.py:0: size=1 B, count=1, average=1 B");
  });

  it('reads logfmt with backslash-escaped double quotes', () => {
    const f = fieldsFromTextLine(String.raw`timestamp=2018-09-08T09:51:40Z level=info event=top_current stat="/app/x\"q.py:0: size=1 B, count=1, average=1 B"`);
    assert.equal(f['stat'], '/app/x"q.py:0: size=1 B, count=1, average=1 B');
    assert.equal(f['event'], 'top_current');
  });

  it('reads a console line whose bare stat holds spaces and "=", ending where the statistic ends', () => {
    const f = fieldsFromTextLine(`2018-09-08T09:51:40.247849Z [info     ] top_current    i=1 stat=/app/my dir/a=b.py:0: size=1840 KiB, count=12, average=153 KiB host=web-1`);
    assert.deepEqual(f, { timestamp: '2018-09-08T09:51:40.247849Z', level: 'info', i: '1', stat: '/app/my dir/a=b.py:0: size=1840 KiB, count=12, average=153 KiB', host: 'web-1', event: 'top_current' });
  });

  it('reads a coloured console line the same as a plain one', () => {
    const coloured =
      '\u001b[2m2018-09-08T09:51:40.247849Z\u001b[0m [\u001b[32m\u001b[1minfo     \u001b[0m] \u001b[1mtop_current   \u001b[0m ' +
      `\u001b[36mi\u001b[0m=\u001b[35m1\u001b[0m \u001b[36mstat\u001b[0m=\u001b[35m${STAT}\u001b[0m`;
    assert.deepEqual(fieldsFromTextLine(coloured), fieldsFromTextLine(`2018-09-08T09:51:40.247849Z [info     ] top_current    i=1 stat=${STAT}`));
  });

  it('reads stdlib logging text, the event a bare word and values separated by commas', () => {
    const f = fieldsFromTextLine(`2018-09-08 09:51:40,247 INFO memtrace top_diffs i=1, stat=${DIFF}`);
    assert.deepEqual(f, { timestamp: '2018-09-08 09:51:40,247', i: '1', stat: DIFF, event: 'top_diffs' });
  });

  it('lets an event key win over a bare word, and finds no event in other lines', () => {
    assert.equal(fieldsFromTextLine(`top_current event=since_start stat=${STAT}`)['event'], 'since_start');
    assert.equal(fieldsFromTextLine('GET /top_current 200 size=12')['event'], undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvExport } from '../../src/read/csv-export.js';

async function* chunks(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text);
}

async function read(text: string) {
  const rows: [number, Record<string, unknown>][] = [];
  const bad: [number, string][] = [];
  const result = await readCsvExport(chunks(text), { onFields: (f, line) => rows.push([line, f]), onMalformed: (line, p) => bad.push([line, p]) });
  return { rows, bad, result };
}

const STAT = '/app/x,y.py:0: size=1840 KiB, count=12, average=153 KiB';

describe('readCsvExport', () => {
  it('reads facet columns, a quoted stat holding commas, and names fields without the @', async () => {
    const { rows, result } = await read(`Date,Host,Service,@event,@stat,@i\n2026-11-02T00:05:03.123Z,web-1,shop,top_current,"${STAT}",1\n`);
    assert.equal(result.rows, 1);
    assert.deepEqual(rows, [[2, { timestamp: '2026-11-02T00:05:03.123Z', host: 'web-1', service: 'shop', event: 'top_current', stat: STAT, i: '1' }]]);
  });

  it('reads the JSON line in a Content column (quotes doubled) past a cell spanning two lines', async () => {
    const json = JSON.stringify({ event: 'top_current', stat: STAT, timestamp: '2026-11-02T00:05:03.123456Z', pid: 7 });
    const cell = `"${json.replace(/"/g, '""')}"`;
    const { rows } = await read(`Date,Host,Content\n2026-11-02T00:05:03.123Z,web-1,"Traceback, oops:\n  boom"\n2026-11-02T00:06:00.000Z,web-1,${cell}\n`);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]?.[0], 4, 'the row after a two-line cell starts on line 4');
    assert.equal(rows[1]?.[1]['stat'], STAT);
    assert.equal(rows[1]?.[1]['timestamp'], '2026-11-02T00:05:03.123456Z');
    assert.equal(rows[1]?.[1]['host'], 'web-1');
    assert.equal(rows[1]?.[1]['pid'], 7);
  });

  it('keeps every row before a truncated last row, and says on which line it broke', async () => {
    const { rows, bad } = await read(`Date,Host,@stat\n2026-11-02,web-1,ok\n2026-11-02,web-2,"unclosed\n`);
    assert.deepEqual(rows, [[2, { timestamp: '2026-11-02', host: 'web-1', stat: 'ok' }]]);
    assert.equal(bad.length, 1);
    assert.match(bad[0]?.[1] ?? '', /^CSV: Quote Not Closed/);
    assert.equal(bad[0]?.[0], 3);
  });
});

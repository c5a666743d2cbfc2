import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTable, type Column } from '../../src/report/render-table.js';

const COLUMNS: Column[] = [
  { title: 'MODULE', align: 'left', cut: 'start' },
  { title: 'LABELS', align: 'left', cut: 'end' },
  { title: 'N', align: 'right' },
];
const ROWS = [
  ['/usr/lib/python3.11/site-packages/app/connections.py', 'host=web-1 service=shop pid=4127', '288'],
  ['/app/a.py', 'host=web-2', '7'],
];

describe('renderTable', () => {
  it('pads columns and right-aligns numbers', () => {
    const lines = renderTable(COLUMNS, [['a', 'b', '1'], ['ccc', 'd', '22']]).split('\n');
    assert.deepEqual(lines, ['  MODULE  LABELS   N', '  a       b        1', '  ccc     d       22']);
  });
  it('cuts paths from the start and labels from the end to fit the width', () => {
    const lines = renderTable(COLUMNS, ROWS, { maxWidth: 60 }).split('\n');
    for (const line of lines) assert.ok([...line].length <= 60, `${line} is ${[...line].length} wide`);
    assert.match(lines[1] ?? '', /^ {2}…\S*\/connections\.py +host=web-1\S* .*…/);
    assert.match(lines[1] ?? '', /288$/);
  });
  it('cuts nothing when the table fits', () => {
    const text = renderTable(COLUMNS, ROWS, { maxWidth: 200 });
    assert.ok(text.includes(ROWS[0]?.[0] ?? 'missing'));
  });
  it('styles cells without counting the escapes as width', () => {
    const plain = renderTable(COLUMNS, ROWS);
    const styled = renderTable(COLUMNS, ROWS, { style: (text) => `\u001b[1m${text}\u001b[0m` });
    assert.equal(styled.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });
});

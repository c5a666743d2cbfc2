import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { renderCsv } from '../../src/report/render-csv.js';
import type { Finding, Report } from '../../src/report/report.js';
import { finding as suspect, reportOf } from '../helpers/findings.js';

/** A flat series with plausible values; `fields` overrides any of them. */
function finding(fields: Partial<Finding> = {}): Finding {
  return suspect({
    verdict: 'flat',
    sizeLast: 1_000_000,
    growthBytesPerHour: 0,
    growthLow: -10.5,
    growthHigh: 12.25,
    pValue: 0.5,
    qValue: 0.75,
    why: 'held',
    ...fields,
  });
}

/** A report whose series are `series` and whose suspects are those of them with verdict `leak`, in `order`. */
function report(series: Finding[], order: (suspects: Finding[]) => Finding[] = (s) => s): Report {
  return reportOf(order(series.filter((one) => one.verdict === 'leak')), series);
}

function rows(csv: string): string[][] {
  return parse(csv) as string[][];
}

function records(csv: string): Record<string, string>[] {
  return parse(csv, { columns: true }) as Record<string, string>[];
}

test('renderCsv writes a header and one row per series, suspects first in their order, then the rest in report order', () => {
  const a = finding({ module: '/app/a.py' });
  const leakB = finding({ module: '/app/b.py', verdict: 'leak' });
  const c = finding({ module: '/app/c.py', verdict: 'noisy' });
  const leakD = finding({ module: '/app/d.py', verdict: 'leak' });
  const csv = renderCsv(report([a, leakB, c, leakD], (s) => [...s].reverse()), {});
  const table = rows(csv);
  assert.deepEqual(table[0], [
    'module', 'line', 'host', 'verdict', 'points', 'lifetimes', 'from', 'to', 'size_first_bytes', 'size_last_bytes',
    'growth_bytes_per_hour', 'growth_low', 'growth_high', 'p_value', 'q_value', 'baseline_status', 'reaches_limit_at', 'why',
  ]);
  assert.deepEqual(table.slice(1).map((row) => row[0]), ['/app/d.py', '/app/b.py', '/app/a.py', '/app/c.py']);
});

test('renderCsv separates records with CRLF as RFC 4180 says', () => {
  const csv = renderCsv(report([finding(), finding({ module: '/app/b.py' })]), {});
  assert.equal(csv.split('\r\n').length, 4);
  assert.doesNotMatch(csv.replace(/\r\n/g, ''), /[\r\n]/);
});

test('renderCsv writes numbers raw and leaves null or absent values empty', () => {
  const projection = {
    limitBytes: 1, processBytes: 2, processGrowthBytesPerHour: 3, processGrowthLow: 2, processGrowthHigh: 4,
    hours: 5, reachesAt: '2026-11-03T05:00:00.000Z', earliest: null, latest: null,
  };
  const csv = renderCsv(
    report([
      finding({ verdict: 'leak', line: 12, sizeLast: 72499.2, growthBytesPerHour: 3072.0734698782744, pValue: 8.1e-108, baseline: 'new', projection }),
      finding({ module: '/app/few.py', verdict: 'insufficient', growthBytesPerHour: null, growthLow: null, growthHigh: null, pValue: null, qValue: null }),
    ]),
    {},
  );
  const [leak, few] = records(csv);
  assert.equal(leak?.['line'], '12');
  assert.equal(leak?.['size_last_bytes'], '72499.2');
  assert.equal(leak?.['growth_bytes_per_hour'], '3072.0734698782744');
  assert.equal(leak?.['growth_low'], '-10.5');
  assert.equal(leak?.['p_value'], '8.1e-108');
  assert.equal(leak?.['baseline_status'], 'new');
  assert.equal(leak?.['reaches_limit_at'], '2026-11-03T05:00:00.000Z');
  for (const column of ['line', 'growth_bytes_per_hour', 'growth_low', 'growth_high', 'p_value', 'q_value', 'baseline_status', 'reaches_limit_at']) {
    assert.equal(few?.[column], '', column);
  }
});

test('renderCsv quotes commas, quotes and line breaks so the text parses back as it was', () => {
  const module = '/app/a,b "quoted".py';
  const why = 'line one, with "quotes"\nline two';
  const csv = renderCsv(report([finding({ module, labels: { host: 'web,1', pod: 'x"y\r\nz' }, why })]), {});
  const [row] = records(csv);
  assert.equal(row?.['module'], module);
  assert.equal(row?.['host'], 'web,1');
  assert.equal(row?.['pod'], 'x"y\nz');
  assert.equal(row?.['why'], why);
  assert.ok(csv.includes('"/app/a,b ""quoted"".py"'));
});

test('renderCsv removes control characters from log text but keeps line breaks', () => {
  const csv = renderCsv(report([finding({ module: '/app/\u001b[31mred\u0007.py', why: 'a\tb\nc' })]), {});
  const [row] = records(csv);
  assert.equal(row?.['module'], '/app/red.py');
  assert.equal(row?.['why'], 'ab\nc');
});

test('renderCsv guards text cells against formula injection but leaves negative numbers alone', () => {
  const csv = renderCsv(
    report([
      finding({ module: '=HYPERLINK("http://evil","x")', labels: { host: '+1', pod: '@SUM(A1)' }, why: '-2+3', growthBytesPerHour: -153.5 }),
    ]),
    {},
  );
  const [row] = records(csv);
  assert.equal(row?.['module'], `'=HYPERLINK("http://evil","x")`);
  assert.equal(row?.['host'], "'+1");
  assert.equal(row?.['pod'], "'@SUM(A1)");
  assert.equal(row?.['why'], "'-2+3");
  assert.equal(row?.['growth_bytes_per_hour'], '-153.5');
  assert.equal(row?.['growth_low'], '-10.5');
});

test('renderCsv makes one column per label key across series with different keys, in order of first appearance', () => {
  const csv = renderCsv(
    report([
      finding({ module: '/app/a.py', labels: { host: 'web-1' } }),
      finding({ module: '/app/b.py', labels: { service: 'api', pid: '41' } }),
      finding({ module: '/app/c.py', labels: { pid: '7', host: 'web-2' } }),
    ]),
    {},
  );
  const table = rows(csv);
  assert.deepEqual(table[0]?.slice(0, 6), ['module', 'line', 'host', 'service', 'pid', 'verdict']);
  assert.deepEqual(table.slice(1).map((row) => row.slice(2, 5)), [['web-1', '', ''], ['', 'api', '41'], ['web-2', '', '7']]);
});

test('renderCsv prefixes a label key that is also a column name, so headers stay unique', () => {
  const csv = renderCsv(report([finding({ labels: { verdict: 'x', host: 'web-1' } })]), {});
  const header = rows(csv)[0] ?? [];
  assert.deepEqual(header.slice(0, 4), ['module', 'line', 'label_verdict', 'host']);
  assert.equal(new Set(header).size, header.length);
});

test('renderCsv lists a suspect once even when the report came from JSON and shares no objects', () => {
  const leak = finding({ verdict: 'leak' });
  const parsed = JSON.parse(JSON.stringify(report([leak, finding({ module: '/app/b.py' })]))) as Report;
  assert.deepEqual(records(renderCsv(parsed, {})).map((row) => row['module']), ['/app/conn.py', '/app/b.py']);
});

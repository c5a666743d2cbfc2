import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Plot } from '../../src/report/plot.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import type { Finding, Projection, Report } from '../../src/report/report.js';
import { finding, reportOf } from '../helpers/findings.js';

/** A report of the given suspects and other series (the suspects are added to `series`). */
function report(suspects: Finding[], others: Finding[] = [], fields: Partial<Report> = {}): Report {
  return reportOf(suspects, [...suspects, ...others], fields);
}

/** The cells of a markdown table row, split at the pipes that are not escaped. */
function cells(row: string): string[] {
  return row.slice(2, -2).split(/(?<!\\) \| /);
}

function projection(fields: Partial<Projection>): Projection {
  return {
    limitBytes: 16 * 1024 ** 2,
    processBytes: 8 * 1024 ** 2,
    processGrowthBytesPerHour: 4096,
    processGrowthLow: 3072,
    processGrowthHigh: 5120,
    hours: 100,
    reachesAt: '2026-11-07T04:00:00.000Z',
    earliest: '2026-11-07T01:00:00.000Z',
    latest: '2026-11-08T09:30:00.000Z',
    ...fields,
  };
}

test('renderMarkdown starts with a heading and a summary, then a suspects table and their explanations', () => {
  const text = renderMarkdown(report([finding()], [finding({ module: '/app/ok.py', verdict: 'flat' })]), {});
  const lines = text.split('\n');
  assert.equal(lines[0], '## leak-suspects: 1 suspect among 2 series');
  assert.match(lines[2] ?? '', /^Read 100 records in 200 lines of service\.jsonl, 2026-11-02 00:00 → 2026-11-03 00:00 UTC; 2 of 2 series tested, \*\*1 suspect\*\*\.$/);
  const header = lines.indexOf('| module | labels | growth/h (95% interval) | size first → last | q | points | lifetimes |');
  assert.ok(header > 0, text);
  assert.equal(lines[header + 1], '|---|---|---|---|---:|---:|---:|');
  assert.deepEqual(cells(lines[header + 2] ?? ''), ['/app/conn.py', 'host=web-1', '+4.00 KiB/h (3.00 KiB–5.00 KiB)', '977 KiB → 1.05 MiB', '2.0e-9', '48', '1']);
  assert.ok(lines.includes('- /app/conn.py on host=web-1 grew +4.00 KiB/h'));
  assert.ok(text.endsWith('</details>\n'));
});

test('renderMarkdown says there is no suspect table when nothing leaks', () => {
  const text = renderMarkdown(report([], [finding({ verdict: 'flat' })]), {});
  assert.doesNotMatch(text, /### Suspects/);
  assert.match(text, /\*\*0 suspects\*\*/);
});

test('renderMarkdown escapes log text so it cannot break a table, add emphasis or inject HTML', () => {
  const module = '/app/a|b_*x*.py';
  const hostile = finding({
    module,
    labels: { host: 'web-1', service: 'x<script>alert(1)</script>\nnext `[link](y)`' },
    why: `${module} on <b>host</b> grew\nfast`,
  });
  const text = renderMarkdown(report([hostile]), {});
  assert.doesNotMatch(text, /<script>|<b>/);
  const row = text.split('\n').find((line) => line.startsWith('| /app/'));
  assert.ok(row !== undefined, text);
  const [cellModule, cellLabels] = cells(row);
  assert.equal(cells(row).length, 7);
  assert.equal(cellModule, '/app/a\\|b\\_\\*x\\*.py');
  assert.equal(cellLabels, 'host=web-1 service=x&lt;script&gt;alert(1)&lt;/script&gt; next \\`\\[link\\](y)\\`');
  assert.ok(text.includes('- /app/a\\|b\\_\\*x\\*.py on &lt;b&gt;host&lt;/b&gt; grew fast\n'), text);
});

test('renderMarkdown removes control characters from log text', () => {
  const text = renderMarkdown(report([finding({ module: '/app/\u001b[31mred\u0007.py', why: 'w\u0000hy' })]), {});
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f]/);
  assert.ok(text.includes('| /app/red.py |'));
  assert.ok(text.includes('- why\n'));
});

test('renderMarkdown fences a traceback with more backticks than any run inside it', () => {
  const traceback = ['  File "/app/conn.py", line 12', '    s = "````"', '  File "<frozen x>", line 1 | *'];
  const text = renderMarkdown(report([finding({ traceback })]), {});
  const lines = text.split('\n');
  const open = lines.indexOf('  `````');
  assert.ok(open > 0, text);
  assert.deepEqual(lines.slice(open + 1, open + 5), [...traceback.map((line) => `  ${line}`), '  `````']);
});

test('renderMarkdown adds status and reaches-limit columns only when some suspect has them', () => {
  const plain = renderMarkdown(report([finding()]), {});
  assert.doesNotMatch(plain, /status|reaches limit/);
  const ongoing = finding({ module: '/app/a.py', baseline: 'ongoing', projection: projection({}) });
  const over = finding({ module: '/app/b.py', baseline: 'new', projection: projection({ hours: 0 }) });
  const unknown = finding({ module: '/app/c.py' });
  const text = renderMarkdown(report([ongoing, over, unknown]), {});
  const rows = text.split('\n').filter((line) => line.startsWith('| '));
  assert.deepEqual(cells(rows[0] ?? '').slice(7), ['status', 'reaches limit']);
  assert.deepEqual(cells(rows[1] ?? '').slice(7), ['ongoing', '2026-11-07 04:00 (01:00 – 2026-11-08 09:30)']);
  assert.deepEqual(cells(rows[2] ?? '').slice(7), ['new', 'already over']);
  assert.deepEqual(cells(rows[3] ?? '').slice(7), ['–', '–']);
});

test('renderMarkdown dates each end of the projected range unless the time before it is of the same day', () => {
  const across = finding({ projection: projection({ earliest: '2026-11-06T23:00:00.000Z', latest: '2026-11-07T09:30:00.000Z' }) });
  const row = renderMarkdown(report([across]), {}).split('\n').filter((line) => line.startsWith('| '))[1] ?? '';
  assert.equal(cells(row)[7], '2026-11-07 04:00 (2026-11-06 23:00 – 2026-11-07 09:30)');
});

test('renderMarkdown lists the suspects resolved since the baseline run', () => {
  const baseline = {
    file: 'yesterday.json',
    from: '2026-11-01T00:00:00.000Z',
    to: '2026-11-02T00:00:00.000Z',
    new: 1,
    ongoing: 0,
    resolved: [
      { module: '/app/pool_*.py', line: 7, labels: { host: 'web-1' }, growthBytesPerHour: 2048, verdictNow: 'plateau' as const },
      { module: '/app/gone.py', labels: { host: 'web-2' }, growthBytesPerHour: null, verdictNow: null },
    ],
  };
  const text = renderMarkdown(report([finding({ baseline: 'new' })], [], { baseline }), {});
  assert.match(text, /Compared with yesterday\.json \(to 2026-11-02 00:00\): 1 new, 0 ongoing, 2 resolved\./);
  assert.ok(text.includes('### Resolved since 2026-11-02 00:00\n\n'), text);
  assert.ok(text.includes('- /app/pool\\_\\*.py:7 on host=web-1: was +2.00 KiB/h, now plateau\n'), text);
  assert.ok(text.includes('- /app/gone.py on host=web-2: was –, not in this input\n'), text);
});

test('renderMarkdown folds the other series into details, grouped by verdict and capped at 50 rows', () => {
  const flat = Array.from({ length: 55 }, (_, i) => finding({ module: `/app/f${i}.py`, verdict: 'flat', growthBytesPerHour: i }));
  const others = [finding({ module: '/app/s.py', verdict: 'insufficient', growthBytesPerHour: null }), ...flat, finding({ module: '/app/p.py', verdict: 'plateau' })];
  const text = renderMarkdown(report([], others), {});
  assert.match(text, /<details><summary>Other series: 57 \(1 plateau, 55 flat, 1 insufficient\)<\/summary>\n\n\| verdict \|/);
  const rows = text.split('\n').filter((line) => /^\| (plateau|flat|insufficient) /.test(line));
  assert.equal(rows.length, 50);
  assert.equal(cells(rows[0] ?? '')[0], 'plateau');
  assert.equal(cells(rows[1] ?? '')[1], '/app/f54.py');
  assert.match(text, /\n\n… and 7 more \(see --format json or csv\)\n\n<\/details>\n$/);
});

test('renderMarkdown draws a sparkline of a suspect from the plots it is given', () => {
  const suspect = finding();
  const plot: Plot = {
    times: Float64Array.from({ length: 48 }, (_, i) => i * 1_800_000),
    sizes: Float64Array.from({ length: 48 }, (_, i) => 1000 + i),
    lifetimeStarts: [0],
    trend: [],
  };
  const text = renderMarkdown(report([suspect]), { plots: new Map([[suspect, plot]]) });
  const row = text.split('\n').find((line) => line.startsWith('| /app/conn.py'));
  const spark = cells(row ?? '')[7] ?? '';
  assert.equal([...spark].length, 24);
  assert.match(spark, /^▁[▁-█]*█$/u);
});

test('renderMarkdown states the window and the memory limit when set', () => {
  const base = report([finding()]);
  const text = renderMarkdown(
    { ...base, settings: { ...base.settings, window: { since: '2026-11-02T06:00:00.000Z', until: null }, memoryLimitBytes: 512 * 1024 ** 2 } },
    {},
  );
  assert.match(text, /Window: 2026-11-02 06:00 UTC → the end\. Memory limit: 512 MiB per process\./);
});

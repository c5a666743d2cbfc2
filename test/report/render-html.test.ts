import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeRecords } from '../../src/analyze.js';
import { renderHtml } from '../../src/report/render-html.js';
import { record } from '../helpers/records.js';

const KiB = 1024;
const HOSTILE_MODULE = '/app/<img src=x onerror="alert(1)">.py';
const HOSTILE_HOST = '<script>alert(1)</script>';

function page(options: Parameters<typeof analyzeRecords>[1] = {}): string {
  const labels = { host: HOSTILE_HOST };
  const records = Array.from({ length: 30 }, (_, h) => [
    record(HOSTILE_MODULE, h, 1800 * KiB + 20 * KiB * h, { resolution: KiB, labels }),
    record('/app/pool.py', h, 2560 * KiB, { resolution: KiB, labels }),
    record('/app/restarts.py', h, 100 * KiB + 10 * KiB * (h % 10), { resolution: KiB, labels: { ...labels, pid: String(100 + Math.floor(h / 10)) } }),
  ]).flat();
  const { report, plots } = analyzeRecords(records, options);
  return renderHtml(report, { plots });
}

describe('renderHtml', () => {
  it('escapes every log-derived text', () => {
    const html = page();
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;\.py/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
  it('loads nothing: no script, no link, and a policy that forbids loading', () => {
    const html = page();
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(html, /<(link|script|img|iframe|object|embed)\b|<[a-z]+(\s+[a-z-]+="[^"]*")*\s+(src|href)=|url\(|@import|https?:\/\//i);
  });
  it('draws a chart with the trend and its band per suspect, and a small chart per other series', () => {
    const html = page();
    assert.equal(html.match(/<section class="suspect">/g)?.length, 2);
    assert.equal(html.match(/<svg class="chart"/g)?.length, 2);
    assert.match(html, /<path class="trend" d="M[\d.]+,[\d.]+L/);
    assert.match(html, /<path class="band" d="M/);
    assert.equal(html.match(/<svg class="mini"/g)?.length, 1);
  });
  it('marks restarts in the chart', () => {
    const html = page();
    const section = /<section class="suspect">[\s\S]*?<\/section>/g;
    const restarts = [...html.matchAll(section)].find((match) => match[0].includes('restarts.py'));
    assert.ok(restarts, 'the saw-tooth series is a suspect');
    assert.equal(restarts[0].match(/<line class="restart"/g)?.length, 2);
  });
  it('adds the projection with --memory-limit', () => {
    const html = page({ memoryLimitBytes: 16 * 1024 * KiB });
    assert.match(html, /<svg class="projection-chart"[\s\S]*<line class="limit"[\s\S]*<path class="projection" d="M/);
    assert.match(html, /reaches 16\.0 MiB around \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });
});

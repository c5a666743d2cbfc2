/**
 * The HTML report as a person sees it: the built command renders the seed story to a file, and
 * headless Chromium opens it. The page must be self-contained (it fetches nothing but itself),
 * run without errors, draw one chart per suspect with its trend, band, points, restarts, limit
 * and projection, list the other series as small charts, and show log text as text.
 *
 * The screenshot is kept in test-output/html-report.png (git-ignored) for a person to look at.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Report } from '../../src/report/report.js';
import { pixelStats, withFilePage, type PageLog } from '../helpers/browser.js';
import { REPO_ROOT, sample } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const STORY = sample('story.jsonl');
const LIMIT = '8MiB';
const TIMEOUT_MS = 60_000;
const tmp = mkdtempSync(join(tmpdir(), 'leak-suspects-html-'));
const KEPT = join(REPO_ROOT, 'test-output');

after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the command; a report with suspects exits 1, and anything else is the failure to show. */
async function runExpectingSuspects(args: string[]): Promise<string> {
  const result = await runCli(args);
  assert.equal(result.code, 1, `leak-suspects ${args.join(' ')} exited ${String(result.code)}:\n${result.stderr}`);
  return result.stdout;
}

/** Renders an input to an HTML file with the real command and returns the file's path. */
async function renderHtml(input: string, name: string, extra: string[] = []): Promise<string> {
  const file = join(tmp, name);
  await runExpectingSuspects([input, '--format', 'html', ...extra, '-o', file]);
  assert.ok(existsSync(file), `leak-suspects --format html -o ${file} wrote no file`);
  return file;
}

describe('the HTML report in headless Chromium', () => {
  it('draws a chart per suspect, mini charts for the rest, and loads nothing from outside', { timeout: TIMEOUT_MS }, async (t) => {
    const started = performance.now();
    const report = JSON.parse(await runExpectingSuspects([STORY, '--format', 'json', '--memory-limit', LIMIT])) as Report;
    assert.ok(report.suspects.length >= 1, 'the seed story has a leak: the JSON report should name a suspect');
    const file = await renderHtml(STORY, 'story.html', ['--memory-limit', LIMIT]);

    await withFilePage(file, async (page, log) => {
      // The picture first, so that a failing run still leaves one for a person to look at.
      const png = await page.screenshot({ fullPage: true, path: join(tmp, 'story.png') });
      mkdirSync(KEPT, { recursive: true });
      copyFileSync(join(tmp, 'story.png'), join(KEPT, 'html-report.png'));
      copyFileSync(file, join(KEPT, 'html-report.html'));
      const stats = pixelStats(png);
      const minis = await page.locator('svg.mini').count();
      t.diagnostic(
        `${await page.locator('section.suspect svg.chart').count()} suspect chart(s) for ${report.suspects.length} JSON suspect(s), ` +
          `${minis} mini chart(s); screenshot ${stats.width}×${stats.height}, ` +
          `${(stats.differingShare * 100).toFixed(1)}% non-background pixels, ${stats.distinctColours} colours`,
      );
      assert.ok(stats.differingShare >= 0.02, `the screenshot is blank: ${(stats.differingShare * 100).toFixed(2)}% non-background pixels`);
      assert.ok(stats.distinctColours > 8, `the screenshot is blank: ${stats.distinctColours} colours`);

      assert.equal(await page.locator('section#summary').count(), 1, 'one <section id="summary">');
      await checkSuspectCharts(page, report, { limit: true });

      assert.ok(minis >= 1, 'the other series are listed with svg.mini charts');

      // The title may shorten the path to its file name (a browser tab is narrow).
      const module = report.suspects[0]?.module ?? '?';
      const heading = `${await page.title()}\n${(await page.locator('section#summary').textContent()) ?? ''}`;
      assert.ok(heading.includes(basename(module)), `the title or summary names the top suspect ${module}:\n${heading}`);

      assertQuiet(log);
    });
    t.diagnostic(`took ${Math.round(performance.now() - started)} ms`);
  });

  it('marks each restart of a leaking process with a line.restart', { timeout: TIMEOUT_MS }, async () => {
    const input = sample('scenarios/restarts-leak.jsonl.gz');
    const report = JSON.parse(await runExpectingSuspects([input, '--format', 'json'])) as Report;
    assert.ok(report.suspects.some((suspect) => suspect.lifetimes > 1), 'the scenario has a suspect that lived through restarts');
    const file = await renderHtml(input, 'restarts.html');
    await withFilePage(file, async (page, log) => {
      mkdirSync(KEPT, { recursive: true });
      await page.screenshot({ fullPage: true, path: join(KEPT, 'html-report-restarts.png') });
      await checkSuspectCharts(page, report, { limit: false });
      assertQuiet(log);
    });
  });

  it('shows markup from the logs as text and never runs it', { timeout: TIMEOUT_MS }, async () => {
    const evilModule = '/srv/<img src=x onerror="window.__pwned=1">/x.py';
    const evilService = '<script>window.__pwned=1</script>';
    const input = join(tmp, 'evil.jsonl');
    writeFileSync(input, evilLog(evilModule, evilService));
    const file = await renderHtml(input, 'evil.html');
    const source = readFileSync(file, 'utf8');
    assert.ok(!source.includes('<img src=x'), 'the module path reaches the HTML unescaped');
    assert.ok(!source.includes(evilService), 'the label value reaches the HTML unescaped');

    await withFilePage(file, async (page, log) => {
      assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined', 'a script from the logs ran');
      assert.equal(await page.locator('img[src="x"]').count(), 0, 'an <img> from the logs became an element');
      const text = (await page.locator('body').textContent()) ?? '';
      assert.ok(text.includes(evilModule), 'the module path is shown as text');
      assert.ok(text.includes(evilService), 'the label value is shown as text');
      assertQuiet(log);
    });
  });
});

/** The page ran without errors and fetched nothing but itself. */
function assertQuiet(log: PageLog): void {
  assert.deepEqual(log.consoleErrors, [], 'console errors');
  assert.deepEqual(log.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(log.foreignRequests, [], 'requests for anything but the page itself (not self-contained)');
}

/**
 * One section.suspect per JSON suspect, in the same order, each naming its module and holding
 * one svg.chart with the trend, its band, the points and a line per restart; with a memory limit
 * and a projection in the JSON, an svg.projection-chart with the limit line and the projection (a
 * chart of its own: the process's limit on the module's chart would flatten the module's line).
 */
async function checkSuspectCharts(page: Page, report: Report, expect: { limit: boolean }): Promise<void> {
  assert.equal(await page.locator('section.suspect').count(), report.suspects.length, 'one section.suspect per JSON suspect');
  assert.equal(await page.locator('section.suspect svg.chart').count(), report.suspects.length, 'one svg.chart per suspect');
  for (const [index, suspect] of report.suspects.entries()) {
    const section = page.locator('section.suspect').nth(index);
    const chart = section.locator('svg.chart');
    const where = `suspect ${index + 1} (${suspect.module})`;
    assert.ok(((await section.textContent()) ?? '').includes(suspect.module), `${where}: its section names its module`);
    const trends = chart.locator('path.trend');
    assert.ok((await trends.count()) >= 1, `${where}: a path.trend`);
    for (let i = 0; i < (await trends.count()); i += 1) {
      const d = (await trends.nth(i).getAttribute('d')) ?? '';
      assert.match(d, /^\s*M/i, `${where}: path.trend ${i + 1} has a drawing d attribute, got ${JSON.stringify(d)}`);
    }
    assert.ok((await chart.locator('path.band').count()) >= 1, `${where}: a path.band`);
    assert.ok((await chart.locator('path.points, circle').count()) >= 1, `${where}: the points (path.points or circles)`);
    assert.equal(await chart.locator('line.restart').count(), suspect.lifetimes - 1, `${where}: a line.restart per restart`);
    if (!expect.limit) continue;
    assert.ok(suspect.projection !== undefined, `${where}: the JSON has a projection`);
    const projection = section.locator('svg.projection-chart');
    assert.equal(await projection.count(), 1, `${where}: one svg.projection-chart`);
    assert.equal(await projection.locator('line.limit').count(), 1, `${where}: the limit line`);
    assert.match((await projection.locator('path.projection').getAttribute('d')) ?? '', /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/, `${where}: the projection`);
  }
}

/**
 * A structlog JSON-lines log, as samples/story.jsonl has them: 30 snapshots 5 minutes apart of
 * one process, with a module that grows steadily (a suspect) and one that stays flat.
 */
function evilLog(growingModule: string, service: string): string {
  const start = Date.parse('2026-11-02T00:00:00Z');
  const lines: string[] = [];
  for (let snapshot = 0; snapshot < 30; snapshot += 1) {
    const timestamp = new Date(start + snapshot * 5 * 60_000).toISOString();
    const stats = [
      `${growingModule}:0: size=${1000 + 40 * snapshot} KiB, count=${12 + snapshot}, average=83 KiB`,
      `/srv/shop/app/steady.py:0: size=${snapshot % 2 === 0 ? 512 : 516} KiB, count=40, average=13 KiB`,
    ];
    for (const [index, stat] of stats.entries()) {
      const record = { host: 'web-1', service, pid: 4127, i: index + 1, stat, event: 'top_current', level: 'info', timestamp };
      lines.push(JSON.stringify(record));
    }
  }
  return `${lines.join('\n')}\n`;
}

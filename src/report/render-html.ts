import { chartSvg, projectionSvg } from './html-chart.js';
import { escapeHtml as e } from './html-escape.js';
import { miniChartSvg } from './html-mini-chart.js';
import { HTML_STYLE } from './html-style.js';
import type { RenderOptions } from './plot.js';
import type { Finding, Report } from './report.js';
import { projectionLine } from './render-text.js';
import { formatBytes, formatLabels, formatModule, formatProbability, formatRate, formatResolved } from './units.js';

/** How many non-suspect series the page lists, each with a small chart; the JSON report has them all. */
const OTHER_ROWS = 500;

/** Verdicts in the order the page groups the other series. */
const VERDICT_ORDER = ['plateau', 'step', 'noisy', 'shrinking', 'flat', 'insufficient'] as const;

/**
 * The report as one self-contained HTML page: a summary, a section per suspect with its chart,
 * evidence and traceback, then the other series with small charts. No script, and a content
 * security policy that lets the page load nothing at all; every log-derived text is escaped.
 */
export function renderHtml(report: Report, options: RenderOptions = {}): string {
  const { suspects } = report;
  const title = suspects.length === 0 ? 'no suspects' : `${suspects.length} suspect${suspects.length === 1 ? '' : 's'}: ${suspects.map((s) => s.module.split('/').pop()).join(', ')}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>leak-suspects: ${e(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head><body>',
    summary(report),
    ...suspects.map((finding) => suspectSection(finding, options)),
    resolved(report),
    others(report, options),
    `<p class="muted">leak-suspects ${e(report.version)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

function summary(report: Report): string {
  const { input, settings, suspects, series } = report;
  const counts = new Map<string, number>();
  for (const finding of series) counts.set(finding.verdict, (counts.get(finding.verdict) ?? 0) + 1);
  const verdicts = ['leak', ...VERDICT_ORDER]
    .filter((verdict) => counts.has(verdict))
    .map((verdict) => `<span>${verdict} ${counts.get(verdict)}</span>`)
    .join('');
  const skipped = Object.entries(input.skipped)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${n.toLocaleString('en-US')} ${why.replace('_', ' ')}`)
    .join(', ');
  const window = settings.window.since === null && settings.window.until === null ? '' : row('window', `${settings.window.since ?? 'start'} → ${settings.window.until ?? 'end'}`);
  const files = input.files.length === 0 ? 'records in memory' : input.files.join(', ');
  return [
    '<section id="summary">',
    `<h1>${suspects.length === 0 ? 'No leak suspects' : `${suspects.length} leak suspect${suspects.length === 1 ? '' : 's'}`}</h1>`,
    `<p class="muted">among ${series.length.toLocaleString('en-US')} series of tracemalloc statistics</p>`,
    '<dl>',
    row('input', files),
    row('time range', input.from === null ? '–' : `${input.from} → ${input.to ?? ''}`),
    window,
    row('read', `${input.records.toLocaleString('en-US')} records in ${input.lines.toLocaleString('en-US')} lines${skipped === '' ? '' : `; skipped ${skipped}`}`),
    `<dt>verdicts</dt><dd class="verdicts">${verdicts}</dd>`,
    row('settings', `α=${settings.alpha}, at least ${formatRate(settings.minGrowthBytesPerHour)} and ${settings.minRelativeGrowthPerHour * 100}% of the size per hour, ${settings.minPoints} points, ${settings.minSpanHours} h; series by ${settings.by.join(', ')}`),
    settings.memoryLimitBytes === null ? '' : row('memory limit', `${formatBytes(settings.memoryLimitBytes)} per process`),
    report.baseline === undefined ? '' : row('baseline', `${report.baseline.file} (${report.baseline.from ?? '–'} → ${report.baseline.to ?? '–'}): ${report.baseline.new} new, ${report.baseline.ongoing} ongoing, ${report.baseline.resolved.length} resolved`),
    '</dl>',
    '</section>',
  ].join('\n');
}

function row(term: string, text: string): string {
  return `<dt>${e(term)}</dt><dd>${e(text)}</dd>`;
}

function suspectSection(finding: Finding, options: RenderOptions): string {
  const plot = options.plots?.get(finding);
  const badge = finding.baseline === undefined ? '' : `<span class="badge ${finding.baseline}">${finding.baseline}</span>`;
  const interval = finding.growthLow === null || finding.growthHigh === null ? '' : ` (${formatBytes(finding.growthLow)} – ${formatBytes(finding.growthHigh)})`;
  const numbers: [string, string][] = [
    ['growth', `${finding.growthBytesPerHour === null ? '–' : formatRate(finding.growthBytesPerHour)}${interval}`],
    ['size', `${formatBytes(finding.sizeFirst)} → ${formatBytes(finding.sizeLast)}`],
    ['p', finding.pValue === null ? '–' : formatProbability(finding.pValue)],
    ['q', finding.qValue === null ? '–' : formatProbability(finding.qValue)],
    ['points', String(finding.points)],
    ['lifetimes', String(finding.lifetimes)],
    ['from', finding.from],
    ['to', finding.to],
  ];
  return [
    '<section class="suspect">',
    `<h2>${e(formatModule(finding))}<span class="badge leak">leak</span>${badge}</h2>`,
    `<div class="labels">${e(formatLabels(finding.labels))}</div>`,
    plot === undefined ? '<p class="muted">(no points to draw)</p>' : chartSvg(finding, plot),
    `<p class="why">${e(finding.why)}</p>`,
    `<ul class="numbers">${numbers.map(([name, value]) => `<li>${e(name)} <b>${e(value)}</b></li>`).join('')}</ul>`,
    finding.projection === undefined ? '' : `<h3>Projection</h3><p>${e(projectionLine(finding))}</p>${projectionSvg(finding, finding.projection)}`,
    finding.traceback === undefined ? '' : `<h3>Allocated at</h3><pre>${e(finding.traceback.join('\n'))}</pre>`,
    `<p class="muted">${e(finding.method)}</p>`,
    '</section>',
  ].join('\n');
}

function resolved(report: Report): string {
  const baseline = report.baseline;
  if (baseline === undefined || baseline.resolved.length === 0) return '';
  const items = baseline.resolved.map(
    (gone) => `<li><b>${e(formatModule(gone))}</b> <span class="labels">${e(formatLabels(gone.labels))}</span> (${e(formatResolved(gone))})</li>`,
  );
  return `<section id="resolved"><h3>Resolved since the baseline</h3><ul class="resolved">${items.join('')}</ul></section>`;
}

function others(report: Report, options: RenderOptions): string {
  const rank = (verdict: string): number => VERDICT_ORDER.indexOf(verdict as (typeof VERDICT_ORDER)[number]);
  const rest = report.series
    .filter((finding) => finding.verdict !== 'leak')
    .sort((a, b) => rank(a.verdict) - rank(b.verdict) || (b.growthBytesPerHour ?? -Infinity) - (a.growthBytesPerHour ?? -Infinity));
  if (rest.length === 0) return '';
  const rows = rest.slice(0, OTHER_ROWS).map((finding) => {
    const plot = options.plots?.get(finding);
    return (
      `<tr title="${e(finding.why)}"><td class="module">${e(formatModule(finding))}<div class="labels">${e(formatLabels(finding.labels))}</div></td>` +
      `<td>${finding.verdict}</td><td>${plot === undefined ? '' : miniChartSvg(plot)}</td>` +
      `<td class="num">${finding.growthBytesPerHour === null ? '–' : e(formatRate(finding.growthBytesPerHour))}</td>` +
      `<td class="num">${e(formatBytes(finding.sizeFirst))} → ${e(formatBytes(finding.sizeLast))}</td>` +
      `<td class="num">${finding.qValue === null ? '–' : e(formatProbability(finding.qValue))}</td><td class="num">${finding.points}</td></tr>`
    );
  });
  const more = rest.length > OTHER_ROWS ? `<p class="muted">… and ${rest.length - OTHER_ROWS} more in the JSON report.</p>` : '';
  return [
    '<section id="others">',
    '<h3>Other series</h3>',
    '<p class="muted">Why they are not suspects: hover a row for the reason in words.</p>',
    '<table><thead><tr><th>module</th><th>verdict</th><th>size over time</th><th class="num">growth</th><th class="num">size</th><th class="num">q</th><th class="num">points</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
    more,
    '</section>',
  ].join('\n');
}

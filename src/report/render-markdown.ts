import { VERDICTS, type Verdict } from '../trend/verdict.js';
import type { RenderOptions } from './plot.js';
import type { Finding, Projection, Report } from './report.js';
import { terminalSafe } from './sanitize.js';
import { sparkline } from './sparkline.js';
import { formatBytes, formatLabels, formatModule, formatProbability, formatRate } from './units.js';

/** How many non-suspect series the markdown report lists; the JSON and CSV reports have them all. */
const OTHER_ROWS = 50;
/** Sparkline width in characters: equal stretches of time. */
const SPARK_WIDTH = 24;

/**
 * The report for a ticket or a chat (GitHub-flavoured markdown): a heading, a summary paragraph,
 * the suspects as a table, each suspect's one-line explanation with its traceback, what was
 * resolved since a `--baseline` run, and the other series folded into a `<details>` block.
 * Every log-derived string is escaped, so a module path or label value cannot break a table,
 * start a link or inject HTML.
 */
export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
  const { suspects, series } = report;
  const out: string[] = [`## leak-suspects: ${plural(suspects.length, 'suspect')} among ${plural(series.length, 'series', 'series')}`];
  out.push('', summary(report));
  if (suspects.length > 0) {
    out.push('', '### Suspects', '', ...suspectTable(suspects, options), '');
    for (const finding of suspects) {
      out.push(`- ${escapeMarkdown(finding.why)}`);
      if (finding.traceback !== undefined) out.push('', ...codeBlock(finding.traceback).map((line) => `  ${line}`), '');
    }
  }
  const baseline = report.baseline;
  if (baseline !== undefined && baseline.resolved.length > 0) {
    out.push('', `### Resolved since ${baseline.to === null ? 'the previous run' : formatTime(baseline.to)}`, '');
    for (const resolved of baseline.resolved) {
      const was = resolved.growthBytesPerHour === null ? '–' : formatRate(resolved.growthBytesPerHour);
      const now = resolved.verdictNow === null ? 'not in this input' : `now ${resolved.verdictNow}`;
      out.push(`- ${escapeMarkdown(`${formatModule(resolved)} on ${formatLabels(resolved.labels)}`)}: was ${was}, ${now}`);
    }
  }
  const others = series.filter((finding) => finding.verdict !== 'leak').sort(byVerdictThenGrowth);
  if (others.length > 0) {
    out.push('', `<details><summary>Other series: ${others.length} (${verdictCounts(others)})</summary>`, '');
    const header = ['verdict', 'module', 'labels', 'growth/h (95% interval)', 'size first → last', 'q', 'points'];
    const rows = others.slice(0, OTHER_ROWS).map((finding) => [finding.verdict, ...commonCells(finding).slice(0, 6)]);
    out.push(...table(header, rows));
    if (others.length > OTHER_ROWS) out.push('', `… and ${others.length - OTHER_ROWS} more (see --format json or csv)`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

/** One paragraph: what was read, over which time, and what was found. */
function summary(report: Report): string {
  const { input, settings, suspects, series, baseline } = report;
  const tested = series.filter((finding) => finding.pValue !== null).length;
  const files = input.files.length <= 3 ? input.files.join(', ') : `${input.files.slice(0, 3).join(', ')} and ${input.files.length - 3} more files`;
  const range = input.from === null ? '' : `, ${formatTime(input.from)} → ${formatTime(input.to ?? input.from)} UTC`;
  const parts = [
    `Read ${plural(input.records, 'record')} in ${plural(input.lines, 'line')} of ${escapeMarkdown(files)}${range}; ` +
      `${tested.toLocaleString('en-US')} of ${plural(series.length, 'series', 'series')} tested, **${plural(suspects.length, 'suspect')}**.`,
  ];
  const { since, until } = settings.window;
  if (since !== null || until !== null) {
    const bound = (iso: string | null, open: string): string => (iso === null ? open : `${formatTime(iso)} UTC`);
    parts.push(`Window: ${bound(since, 'the start')} → ${bound(until, 'the end')}.`);
  }
  if (settings.memoryLimitBytes !== null) parts.push(`Memory limit: ${formatBytes(settings.memoryLimitBytes)} per process.`);
  if (baseline !== undefined) {
    const to = baseline.to === null ? '' : ` (to ${formatTime(baseline.to)})`;
    parts.push(
      `Compared with ${escapeMarkdown(baseline.file)}${to}: ${baseline.new} new, ${baseline.ongoing} ongoing, ` +
        `${baseline.resolved.length} resolved.`,
    );
  }
  return parts.join(' ');
}

/** The suspects' table, with status, limit and sparkline columns only when some suspect has them. */
function suspectTable(suspects: readonly Finding[], options: RenderOptions): string[] {
  const withStatus = suspects.some((finding) => finding.baseline !== undefined);
  const withLimit = suspects.some((finding) => finding.projection !== undefined);
  const plots = options.plots;
  const withSpark = plots !== undefined && suspects.some((finding) => plots.has(finding));
  const header = ['module', 'labels', 'growth/h (95% interval)', 'size first → last', 'q', 'points', 'lifetimes'];
  if (withStatus) header.push('status');
  if (withLimit) header.push('reaches limit');
  if (withSpark) header.push('sizes');
  const rows = suspects.map((finding) => {
    const cells = commonCells(finding);
    if (withStatus) cells.push(finding.baseline ?? '–');
    if (withLimit) cells.push(finding.projection === undefined ? '–' : reaches(finding.projection));
    const plot = plots?.get(finding);
    if (withSpark) cells.push(plot === undefined ? '–' : sparkline(plot.times, plot.sizes, SPARK_WIDTH));
    return cells;
  });
  return table(header, rows);
}

/** module, labels, growth, sizes, q, points, lifetimes: not yet escaped. */
function commonCells(finding: Finding): string[] {
  const { growthBytesPerHour: rate, growthLow: low, growthHigh: high, qValue: q } = finding;
  const interval = low === null || high === null ? '' : ` (${formatBytes(low)}–${formatBytes(high)})`;
  return [
    formatModule(finding),
    formatLabels(finding.labels),
    rate === null ? '–' : `${formatRate(rate)}${interval}`,
    `${formatBytes(finding.sizeFirst)} → ${formatBytes(finding.sizeLast)}`,
    q === null ? '–' : formatProbability(q),
    String(finding.points),
    String(finding.lifetimes),
  ];
}

/** A GFM table; every cell is escaped here, once. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${header.map((title) => (/^(q|points|lifetimes)$/.test(title) ? '---:' : '---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}

/** When the limit is reached: "2026-11-18 00:06 (00:03 – 00:09)", "already over" or "never". */
function reaches(projection: Projection): string {
  if (projection.hours === 0) return 'already over';
  if (projection.reachesAt === null) return 'never';
  const at = formatTime(projection.reachesAt);
  // Each time drops its date when it is the day of the time before it (the range reads left to right).
  const short = (iso: string | null, before: string): string => {
    if (iso === null) return 'never';
    const time = formatTime(iso);
    return time.slice(0, 10) === before.slice(0, 10) ? time.slice(11) : time;
  };
  const earliest = projection.earliest === null ? at : formatTime(projection.earliest);
  return `${at} (${short(projection.earliest, at)} – ${short(projection.latest, earliest)})`;
}

/** A fenced code block whose fence is longer than any run of backticks in the lines, so none can close it. */
function codeBlock(lines: readonly string[]): string[] {
  const safe = lines.map(terminalSafe);
  const longest = Math.max(0, ...safe.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence, ...safe, fence];
}

/**
 * Log-derived text made inert in markdown, table cells included: newlines and tabs become spaces,
 * other control characters go (terminalSafe), `&`, `<` and `>` become entities, and markdown's
 * punctuation (`\ | * _ [ ] ~` and the backtick) is backslash-escaped.
 */
function escapeMarkdown(text: string): string {
  return terminalSafe(text.replace(/[\r\n\t]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\|*_[\]~`]/g, '\\$&');
}

function byVerdictThenGrowth(a: Finding, b: Finding): number {
  return VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || (b.growthBytesPerHour ?? -Infinity) - (a.growthBytesPerHour ?? -Infinity);
}

/** "12 flat, 3 noisy", in the verdicts' order. */
function verdictCounts(findings: readonly Finding[]): string {
  const counts = new Map<Verdict, number>();
  for (const finding of findings) counts.set(finding.verdict, (counts.get(finding.verdict) ?? 0) + 1);
  return VERDICTS.filter((verdict) => counts.has(verdict)).map((verdict) => `${counts.get(verdict)} ${verdict}`).join(', ');
}

/** ISO-8601 UTC to "2026-11-02 00:05". */
function formatTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

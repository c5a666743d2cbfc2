import type { RenderOptions } from './plot.js';
import type { Finding, Report } from './report.js';
import { renderTable, type Column } from './render-table.js';
import { terminalSafe } from './sanitize.js';
import { sparkline } from './sparkline.js';
import { formatBytes, formatLabels, formatModule, formatProbability, formatRate, formatResolved } from './units.js';

const COLUMNS: readonly Column[] = [
  { title: 'MODULE', align: 'left', cut: 'start' },
  { title: 'LABELS', align: 'left', cut: 'end' },
  { title: 'VERDICT', align: 'left' },
  { title: 'GROWTH', align: 'right' },
  { title: 'SIZE FIRST → LAST', align: 'right' },
  { title: 'Q', align: 'right' },
  { title: 'POINTS', align: 'right' },
];
const TREND_COLUMN: Column = { title: 'TREND', align: 'left' };
const SPARKLINE_WIDTH = 16;

/** How many non-suspect series the text report lists; the JSON report has them all. */
const OTHER_ROWS = 15;

// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;]*m/g;

/** ANSI SGR codes: the few the report uses. */
const SGR = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;

/**
 * The report for a person at a terminal: a summary, the ranked suspects with a sparkline each,
 * then the other series. Colour only when asked (the command asks on a TTY without NO_COLOR);
 * tables give way to the width by cutting module paths and labels.
 */
export function renderText(report: Report, options: RenderOptions = {}): string {
  const { input, suspects, series, baseline } = report;
  const paint = (text: string, ...codes: string[]): string => (options.color === true && text !== '' ? `\u001b[${codes.join(';')}m${text}\u001b[0m` : text);
  const maxWidth = options.width ?? Infinity;
  const out: string[] = [];
  const range = input.from === null ? '' : `, ${input.from} → ${input.to ?? ''}`;
  const headline = `${plural(suspects.length, 'suspect')} among ${plural(series.length, 'series', 'series')}`;
  out.push(
    `leak-suspects: ${paint(headline, SGR.bold, ...(suspects.length > 0 ? [SGR.red] : []))} ` +
      `(${plural(input.records, 'record')} in ${plural(input.lines, 'line')}${range})`,
  );
  if (suspects.length > 0) {
    const style = (text: string, r: number, column: number): string =>
      r < 0 ? paint(text, SGR.bold) : column === 2 || column === 3 ? paint(text, SGR.red) : column === 7 ? paint(text, SGR.cyan) : text;
    const plots = options.plots;
    let table: string | undefined;
    if (plots !== undefined) {
      const rows = suspects.map((finding) => {
        const plot = plots.get(finding);
        return [...row(finding), plot === undefined ? '' : sparkline(plot.times, plot.sizes, SPARKLINE_WIDTH)];
      });
      const withTrend = renderTable([...COLUMNS, TREND_COLUMN], rows, { maxWidth, style });
      // On a narrow terminal the sparklines go before the table is cut any further.
      if (withTrend.split('\n').every((line) => [...line.replace(ESCAPES, '')].length <= maxWidth)) table = withTrend;
    }
    table ??= renderTable(COLUMNS, suspects.map(row), { maxWidth, style });
    out.push('', paint('Suspects', SGR.bold), table, '');
    for (const finding of suspects) {
      const status = finding.baseline === undefined ? '' : `${paint(finding.baseline, finding.baseline === 'new' ? SGR.yellow : SGR.dim)}: `;
      out.push(`  ${status}${terminalSafe(finding.why)}`);
      if (finding.projection !== undefined) out.push(`    ${projectionLine(finding)}`);
      if (finding.traceback !== undefined) {
        out.push('    allocated at:', ...finding.traceback.map((line) => `    ${terminalSafe(line)}`));
      }
    }
  }
  if (baseline !== undefined && baseline.resolved.length > 0) {
    out.push('', paint(`Resolved since ${terminalSafe(baseline.file)}`, SGR.bold));
    for (const gone of baseline.resolved) {
      out.push(`  ${paint('resolved', SGR.green)}: ${terminalSafe(formatModule(gone))} on ${terminalSafe(formatLabels(gone.labels))} (${formatResolved(gone)})`);
    }
  }
  const others = series
    .filter((finding) => finding.verdict !== 'leak')
    .sort((a, b) => (b.growthBytesPerHour ?? -Infinity) - (a.growthBytesPerHour ?? -Infinity));
  if (others.length > 0) {
    const style = (text: string, r: number): string => (r < 0 ? paint(text, SGR.bold) : text);
    out.push('', paint('Other series', SGR.bold), renderTable(COLUMNS, others.slice(0, OTHER_ROWS).map(row), { maxWidth, style }));
    if (others.length > OTHER_ROWS) out.push(`  … and ${others.length - OTHER_ROWS} more (see --format json)`);
  }
  return `${out.join('\n')}\n`;
}

function row(finding: Finding): string[] {
  return [
    terminalSafe(formatModule(finding)),
    terminalSafe(formatLabels(finding.labels)),
    finding.verdict,
    finding.growthBytesPerHour === null ? '–' : formatRate(finding.growthBytesPerHour),
    `${formatBytes(finding.sizeFirst)} → ${formatBytes(finding.sizeLast)}`,
    finding.qValue === null ? '–' : formatProbability(finding.qValue),
    String(finding.points),
  ];
}

/** "reaches 512 MiB around 2026-11-29 14:00 (11–14 days; process at 421 MiB, +3.1 MiB/h)". */
export function projectionLine(finding: Finding): string {
  const p = finding.projection;
  if (p === undefined) return '';
  const limit = formatBytes(p.limitBytes);
  const state = `process at ${formatBytes(p.processBytes)}, ${formatRate(p.processGrowthBytesPerHour)}`;
  if (p.hours === 0) return `already over ${limit} (${state})`;
  const when = (iso: string | null): string => (iso === null ? 'never' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);
  return `reaches ${limit} around ${when(p.reachesAt)}, between ${when(p.earliest)} and ${when(p.latest)} (${state})`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

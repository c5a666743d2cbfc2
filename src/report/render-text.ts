import type { RenderOptions } from './plot.js';
import type { Finding, Report } from './report.js';
import { renderTable, type Column } from './render-table.js';
import { terminalSafe } from './sanitize.js';
import { formatBytes, formatLabels, formatProbability, formatRate } from './units.js';

const COLUMNS: readonly Column[] = [
  { title: 'MODULE', align: 'left' },
  { title: 'LABELS', align: 'left' },
  { title: 'VERDICT', align: 'left' },
  { title: 'GROWTH', align: 'right' },
  { title: 'SIZE FIRST → LAST', align: 'right' },
  { title: 'Q', align: 'right' },
  { title: 'POINTS', align: 'right' },
];

/** How many non-suspect series the text report lists; the JSON report has them all. */
const OTHER_ROWS = 15;

/** The report for a person at a terminal: a summary, the ranked suspects, then the other series. */
export function renderText(report: Report, _options: RenderOptions = {}): string {
  const { input, suspects, series } = report;
  const out: string[] = [];
  const range = input.from === null ? '' : `, ${input.from} → ${input.to ?? ''}`;
  out.push(
    `leak-suspects: ${plural(suspects.length, 'suspect')} among ${plural(series.length, 'series', 'series')} ` +
      `(${plural(input.records, 'record')} in ${plural(input.lines, 'line')}${range})`,
  );
  if (suspects.length > 0) {
    out.push('', 'Suspects', renderTable(COLUMNS, suspects.map(row)), '');
    for (const finding of suspects) {
      out.push(`  ${terminalSafe(finding.why)}`);
      if (finding.traceback !== undefined) {
        out.push('    allocated at:', ...finding.traceback.map((line) => `    ${terminalSafe(line)}`));
      }
    }
  }
  const others = series
    .filter((finding) => finding.verdict !== 'leak')
    .sort((a, b) => (b.growthBytesPerHour ?? -Infinity) - (a.growthBytesPerHour ?? -Infinity));
  if (others.length > 0) {
    out.push('', 'Other series', renderTable(COLUMNS, others.slice(0, OTHER_ROWS).map(row)));
    if (others.length > OTHER_ROWS) out.push(`  … and ${others.length - OTHER_ROWS} more (see --format json)`);
  }
  return `${out.join('\n')}\n`;
}

function row(finding: Finding): string[] {
  const module = finding.line === undefined ? finding.module : `${finding.module}:${finding.line}`;
  return [
    terminalSafe(module),
    terminalSafe(formatLabels(finding.labels)),
    finding.verdict,
    finding.growthBytesPerHour === null ? '–' : formatRate(finding.growthBytesPerHour),
    `${formatBytes(finding.sizeFirst)} → ${formatBytes(finding.sizeLast)}`,
    finding.qValue === null ? '–' : formatProbability(finding.qValue),
    String(finding.points),
  ];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

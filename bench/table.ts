/**
 * The bench's report: the export files' part (inputs, timings — one row per tool × file — ratios)
 * and the statistics part, each when it ran; the targets of both; the machine.
 */
import { table } from './markdown.js';
import { statisticsSection, statisticsTargets, type StatisticsPart } from './statistics-table.js';
import type { BenchFile, Tool, ToolId } from './tools.js';

export interface Row {
  readonly file: BenchFile;
  readonly tool: Tool;
  /** Medians over the successful runs; absent when the tool could not run or failed. */
  readonly seconds?: number | undefined;
  readonly peakBytes?: number | undefined;
  readonly otherCores?: number | undefined;
  readonly runs: number;
  /** Empty when the runs succeeded; otherwise what to show instead of figures. */
  readonly status: string;
  readonly note: string;
}

/** The whole-command runs on the generated export files. */
export interface ExportsPart {
  readonly files: readonly BenchFile[];
  readonly rows: readonly Row[];
  readonly runs: number;
  readonly benchSeconds: number;
  readonly generateSeconds: number;
  /** The 1-minute load average when timing started and ended. */
  readonly load: readonly [number, number];
  readonly peakMeasured: boolean;
  readonly cores: number;
}

export interface Report {
  readonly machine: string;
  readonly exports?: ExportsPart | undefined;
  readonly statistics?: StatisticsPart | undefined;
}

const MB = 1e6;
const fixed = (value: number, digits: number): string => value.toFixed(digits);
const grouped = (n: number): string => n.toLocaleString('en-US');
const fileName = (file: BenchFile): string => `${file.label} ${file.shape}`;

export function renderReport(report: Report): string {
  const { exports, statistics } = report;
  return [
    '# leak-suspects bench',
    '',
    `${report.machine}`,
    ...(exports === undefined ? [] : exportsSection(exports)),
    ...(statistics === undefined ? [] : ['', statisticsSection(statistics)]),
    '',
    '## Targets',
    '',
    ...(exports === undefined ? [] : targets(exports)),
    ...(statistics === undefined ? [] : statisticsTargets(statistics)),
    '',
  ].join('\n');
}

function exportsSection(report: ExportsPart): string[] {
  return [
    `Median of ${report.runs} run(s) per row, interleaved across the rows of a size (run 1 of every row, then run 2, ...), page cache warm. MB = 10^6 bytes. "other CPU": cores' worth of CPU used by other processes during the row's runs (median; this machine has ${report.cores}; – for runs too short to tell). Timing took ${fixed(report.benchSeconds / 60, 1)} min (+ ${fixed(report.generateSeconds / 60, 1)} min generating inputs).`,
    loadNote(report.load),
    '',
    '## Inputs',
    '',
    inputsTable(report.files),
    '',
    '## Timings',
    '',
    timingsTable(report),
    '',
    '## Ratios',
    '',
    ratios(report).map(([name, value]) => `- ${name}: ${value === undefined ? 'n/a' : `${fixed(value, 2)}×`}`).join('\n'),
  ];
}

/** The bench itself adds about 1 to the load while it runs; more than that at the start means other work. */
function loadNote([start, end]: readonly [number, number]): string {
  const busy = start > 1 ? ' — other work was running, so the timings are pessimistic' : '';
  return `Load average (1 min): ${fixed(start, 2)} before timing, ${fixed(end, 2)} after${busy}.`;
}

function inputsTable(files: readonly BenchFile[]): string {
  const rows = files.map(({ label, shape, stats }) => [
    `${label} ${shape}`,
    grouped(stats.lines),
    fixed(stats.bytes / MB, 0),
    fixed(stats.bytes / stats.lines, 0),
    `${grouped(stats.tracemallocLines)} (${fixed((100 * stats.tracemallocLines) / stats.lines, 1)}%)`,
    `${grouped(stats.nonAsciiLines)} (${fixed((100 * stats.nonAsciiLines) / stats.lines, 2)}%)`,
    `${stats.hosts} × ${stats.modules}, ${stats.snapshotsPerHost} snapshots (${fixed((stats.snapshotsPerHost * 5) / 60, 1)} h)`,
  ]);
  return table(['file', 'lines', 'MB', 'B/line', 'tracemalloc lines', 'non-ASCII lines', 'hosts × modules, span'], rows, [1, 2, 3, 4, 5]);
}

function timingsTable(report: ExportsPart): string {
  const rows = report.rows.map((row) => {
    const { seconds, peakBytes } = row;
    const { bytes, lines } = row.file.stats;
    const timed = seconds !== undefined;
    return [
      fileName(row.file),
      row.tool.name,
      timed ? fixed(seconds, seconds < 10 ? 2 : 1) : '',
      timed ? fixed(bytes / MB / seconds, 0) : '',
      timed ? `${fixed(lines / seconds / 1e6, 2)} M` : '',
      peakBytes !== undefined ? fixed(peakBytes / MB, 0) : timed ? 'n/a' : '',
      row.otherCores !== undefined ? fixed(row.otherCores, 2) : timed ? '–' : '',
      row.status !== '' ? row.status : row.note,
    ];
  });
  return table(['file', 'tool', 'wall s', 'MB/s', 'lines/s', 'peak RSS MB', 'other CPU', 'notes'], rows, [2, 3, 4, 5, 6]);
}

function find(report: ExportsPart, label: string, shape: string, tool: ToolId): Row | undefined {
  return report.rows.find((row) => row.file.label === label && row.file.shape === shape && row.tool.id === tool);
}

function quotient(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

function ratios(report: ExportsPart): [string, number | undefined][] {
  const out: [string, number | undefined][] = [];
  for (const file of report.files) {
    const time = (tool: ToolId): number | undefined => find(report, file.label, file.shape, tool)?.seconds;
    out.push([`${fileName(file)}: leak-suspects / parsing floor (time)`, quotient(time('leak-suspects'), time('floor'))]);
    out.push([`${fileName(file)}: jq / leak-suspects (time)`, quotient(time('jq'), time('leak-suspects'))]);
    out.push([`${fileName(file)}: leak-suspects / cat (time)`, quotient(time('leak-suspects'), time('cat'))]);
  }
  out.push(['Datadog v2 / structlog, leak-suspects time (2m)', datadogRatio(report)]);
  out.push(['10m / 2m, leak-suspects peak RSS', peakRatio(report)]);
  return out;
}

const e2e = (report: ExportsPart, label: string, shape = 'structlog'): Row | undefined => find(report, label, shape, 'leak-suspects');
const datadogRatio = (report: ExportsPart): number | undefined => quotient(e2e(report, '2m', 'datadog-v2')?.seconds, e2e(report, '2m')?.seconds);
const peakRatio = (report: ExportsPart): number | undefined => quotient(e2e(report, '10m')?.peakBytes, e2e(report, '2m')?.peakBytes);

/** PASS/FAIL per target, or n/a with the reason it could not be judged. */
function targets(report: ExportsPart): string[] {
  const check = (name: string, value: number | undefined, pass: (v: number) => boolean, shown: (v: number) => string, why: string): string =>
    value === undefined ? `- n/a — ${name} (${why})` : `- ${pass(value) ? 'PASS' : 'FAIL'} — ${name}: ${shown(value)}`;
  const times = (v: number): string => `${fixed(v, 2)}×`;
  /** Why figures from these rows are missing: a file not run, a tool that did not run, or no peak RSS. */
  const why = (...rows: [Row | undefined, string][]): string => {
    for (const [row, what] of rows) {
      if (row === undefined) return `${what} not run`;
      if (row.status !== '') return `${what}: ${row.status}`;
    }
    return report.peakMeasured ? 'not measured' : 'no /usr/bin/time';
  };
  const row2m = e2e(report, '2m');
  const row10m = e2e(report, '10m');
  const rowDatadog = e2e(report, '2m', 'datadog-v2');
  const floor2m = find(report, '2m', 'structlog', 'floor');
  const jq2m = find(report, '2m', 'structlog', 'jq');
  const peaks = report.rows.filter((r) => r.tool.id === 'leak-suspects' && r.peakBytes !== undefined).map((r) => r.peakBytes as number);
  return [
    check('end-to-end ≤ 1.5 × parsing floor (2m)', quotient(row2m?.seconds, floor2m?.seconds), (v) => v <= 1.5, times, why([row2m, '2m leak-suspects'], [floor2m, '2m parsing floor'])),
    check('≥ 4× faster than jq (2m)', quotient(jq2m?.seconds, row2m?.seconds), (v) => v >= 4, times, why([row2m, '2m leak-suspects'], [jq2m, '2m jq'])),
    check('peak RSS ≤ 200 MB (every file)', peaks.length > 0 ? Math.max(...peaks) : undefined, (v) => v <= 200 * MB, (v) => `max ${fixed(v / MB, 0)} MB`, why()),
    check('10m peak RSS within 20% of 2m peak', peakRatio(report), (v) => v <= 1.2, times, why([row10m, '10m leak-suspects'], [row2m, '2m leak-suspects'])),
    check('Datadog v2 within 1.5× of structlog (2m)', datadogRatio(report), (v) => v <= 1.5, times, why([rowDatadog, '2m datadog-v2 leak-suspects'], [row2m, '2m leak-suspects'])),
  ];
}

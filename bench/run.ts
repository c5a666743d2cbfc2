/**
 * `npm run bench`: two parts. `exports` generates the benchmark exports if missing and times every
 * tool on every file; `statistics` times the library's analysis of 10,000 series × 2,000 points
 * and of one 100,000-point series, in this process (bench/statistics.ts). It prints the report
 * (Markdown), and writes it to bench/results.md when every part ran — a run of one part only
 * prints, so it never drops the other part's figures from the file.
 *
 *     BENCH_SIZES=200k,2m BENCH_RUNS=1 node dist/bench/run.js    # quick
 *     BENCH_PARTS=statistics node dist/bench/run.js               # the statistics alone
 *     node dist/bench/run.js                                      # everything, median of 3 runs
 *
 * It is a report, not a test: missed targets print FAIL but never fail the process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureExport, type Shape } from './generate-export.js';
import { canMeasurePeak, median, runOnce } from './measure.js';
import { dayPerSecond, fleetWeek } from './scale-fleet.js';
import { benchStatistics, type StatisticsRow } from './statistics.js';
import type { StatisticsPart } from './statistics-table.js';
import { renderReport, type ExportsPart, type Row } from './table.js';
import { TOOLS, type BenchFile, type Tool } from './tools.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)); // run from dist/bench/
const DATA_DIR = join(ROOT, 'bench', 'data');
const RESULTS = join(ROOT, 'bench', 'results.md');
const SIZES: Readonly<Record<string, number>> = { '200k': 200_000, '2m': 2_000_000, '10m': 10_000_000 };
/** Sizes that also get a Datadog Logs API v2 NDJSON version. */
const DATADOG_SIZES: ReadonlySet<string> = new Set(['2m']);
const PARTS = ['exports', 'statistics'] as const;
type Part = (typeof PARTS)[number];

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

async function main(): Promise<number> {
  const runs = Number(process.env['BENCH_RUNS'] ?? 3);
  const labels = (process.env['BENCH_SIZES'] ?? Object.keys(SIZES).join(',')).split(',').map((s) => s.trim().toLowerCase());
  const unknown = labels.filter((label) => SIZES[label] === undefined);
  const parts = (process.env['BENCH_PARTS'] ?? PARTS.join(',')).split(',').map((s) => s.trim().toLowerCase());
  const unknownParts = parts.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (!Number.isInteger(runs) || runs < 1 || unknown.length > 0 || unknownParts.length > 0 || parts.length === 0) {
    log(
      `bench: BENCH_RUNS must be a positive integer, BENCH_SIZES a list of ${Object.keys(SIZES).join(', ')} ` +
        `and BENCH_PARTS a list of ${PARTS.join(', ')}`,
    );
    return 2;
  }
  const running = (part: Part): boolean => parts.includes(part);

  const exports = running('exports') ? await benchExports(labels, runs) : undefined;
  const statistics = running('statistics') ? await benchStatisticsPart(runs) : undefined;
  const report = renderReport({ machine: machine(), exports, statistics });
  process.stdout.write(report);
  if (PARTS.every(running)) {
    writeFileSync(RESULTS, report);
    log(`wrote ${RESULTS}`);
  } else log(`not writing ${RESULTS}: only ${parts.join(', ')} ran`);
  return 0;
}

async function benchExports(labels: readonly string[], runs: number): Promise<ExportsPart> {
  const generating = performance.now();
  const files: BenchFile[] = [];
  for (const label of labels) {
    const shapes: Shape[] = DATADOG_SIZES.has(label) ? ['structlog', 'datadog-v2'] : ['structlog'];
    for (const shape of shapes) files.push({ label, shape, stats: ensureExport(DATA_DIR, label, SIZES[label] as number, shape, log) });
  }
  const generateSeconds = (performance.now() - generating) / 1000;

  const loadAtStart = loadavg()[0] ?? 0;
  const measuring = performance.now();
  const rows: Row[] = [];
  // Runs are interleaved across every tool on every file of a size (run 1 of each, then run 2 of
  // each, ...): a shared machine has slow spells lasting minutes, and the targets are ratios
  // between rows (Datadog / structlog, jq / leak-suspects). Row by row, one row could fall wholly
  // in a slow spell and the next wholly outside it (the Datadog / structlog ratio of the same
  // build measured 1.25x and 1.61x that way); interleaved, a spell falls on every row alike.
  for (const label of labels) {
    const group = files.filter((file) => file.label === label);
    for (const file of group) await runOnce({ file: 'cat', args: [file.stats.file], stdout: 'discard' }); // warm the page cache
    const timings = group.flatMap((file) => TOOLS.map((tool) => new RowTiming(tool, file)));
    for (let n = 1; n <= runs; n += 1) {
      for (const timing of timings) await timing.measure(n, runs);
    }
    rows.push(...timings.map((timing) => timing.row()));
  }
  return {
    files,
    rows,
    runs,
    benchSeconds: (performance.now() - measuring) / 1000,
    load: [loadAtStart, loadavg()[0] ?? 0],
    generateSeconds,
    peakMeasured: canMeasurePeak,
    cores: cpus().length,
  };
}

/** The one-series case first, so that each row's peak RSS is its own (the process's peak only grows). */
async function benchStatisticsPart(runs: number): Promise<StatisticsPart> {
  const loadAtStart = loadavg()[0] ?? 0;
  const day = await benchStatistics(dayPerSecond(), runs, log);
  const week = await benchStatistics(fleetWeek(), runs, log);
  const rows: StatisticsRow[] = [week, day];
  return { rows, load: [loadAtStart, loadavg()[0] ?? 0] };
}

/** One row's runs so far: a tool on a file. After a failed run the row takes no more. */
class RowTiming {
  private readonly seconds: number[] = [];
  private readonly peaks: number[] = [];
  private readonly others: number[] = [];
  private note = '';
  private stopped: { readonly runs: number; readonly status: string } | undefined;

  constructor(
    private readonly tool: Tool,
    private readonly file: BenchFile,
  ) {
    const command = tool.command(file);
    if (typeof command === 'string') this.stopped = { runs: 0, status: command };
  }

  async measure(n: number, runs: number): Promise<void> {
    const command = this.tool.command(this.file);
    if (this.stopped !== undefined || typeof command === 'string') return; // could not run, or failed
    const run = await runOnce(command);
    const outcome = this.tool.judge(run, this.file);
    const where = `${this.file.label} ${this.file.shape} · ${this.tool.name} · run ${n}/${runs}`;
    if (!outcome.ok) {
      log(`${where}: ${outcome.status}${outcome.detail === '' ? '' : `\n${outcome.detail.trimEnd()}`}`);
      this.stopped = { runs: n, status: outcome.status };
      return;
    }
    const peak = run.peakBytes === undefined ? '' : `, peak ${(run.peakBytes / 1e6).toFixed(0)} MB`;
    const other = run.otherCores === undefined ? '' : `, other CPU ${run.otherCores.toFixed(2)}`;
    log(`${where}: ${run.seconds.toFixed(2)} s${peak}${other}`);
    this.seconds.push(run.seconds);
    if (run.peakBytes !== undefined) this.peaks.push(run.peakBytes);
    if (run.otherCores !== undefined) this.others.push(run.otherCores);
    this.note = outcome.note;
  }

  row(): Row {
    const { tool, file } = this;
    if (this.stopped !== undefined) return { file, tool, runs: this.stopped.runs, status: this.stopped.status, note: '' };
    const runs = this.seconds.length;
    return { file, tool, runs, seconds: median(this.seconds), peakBytes: median(this.peaks), otherCores: median(this.others), status: '', note: this.note };
  }
}

function machine(): string {
  let cpu = cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux: keep os.cpus()'s name
  }
  const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
  return [
    `Machine: ${cpu.trim()}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    `Node ${process.version}`,
    `Linux ${release()}`,
    jq.status === 0 ? jq.stdout.trim() : 'jq not installed',
    canMeasurePeak ? 'peak RSS by /usr/bin/time %M' : 'no /usr/bin/time: peak RSS n/a',
  ].join(', ');
}

process.exitCode = await main();

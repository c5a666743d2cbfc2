/** The report's "Statistics at scale" section and its targets. */
import { table } from './markdown.js';
import type { ScaleCase } from './scale-fleet.js';
import { ENTRY, type Misjudged, type StatisticsRow } from './statistics.js';

export interface StatisticsPart {
  readonly rows: readonly StatisticsRow[];
  /** The 1-minute load average when the part started and ended. */
  readonly load: readonly [number, number];
}

const MB = 1e6;
const grouped = (n: number): string => n.toLocaleString('en-US');
const seconds = (v: number): string => v.toFixed(v < 10 ? 2 : 1);

export function statisticsSection(part: StatisticsPart): string {
  return [
    '## Statistics at scale',
    '',
    `The library entry point \`${ENTRY.name}\` timed in the bench process on seeded in-memory records (bench/scale-fleet.ts): collection into series, lifetimes, the whole trend stage and the report. ` +
      '"analysis s" is its wall time less the time spent generating the records it pulls ("generating s", not counted); "CPU s" the CPU time (user + system, every thread) of the analysis alone. ' +
      `Peak RSS is the bench process's so far, after the row (the one-series case runs first). Load average (1 min): ${part.load[0].toFixed(2)} before, ${part.load[1].toFixed(2)} after.`,
    '',
    table(
      ['case', 'series × points', 'analysis s', 'CPU s', 'generating s', 'runs', 'suspects', 'leaks found / generated', 'non-leaks flagged', 'peak RSS MB'],
      part.rows.map((row) => {
        const { scale, accuracy: a } = row;
        return [
          scale.name,
          `${grouped(scale.series)} × ${grouped(scale.points)}`,
          row.seconds === undefined ? row.status : seconds(row.seconds),
          row.cpuSeconds === undefined ? '' : seconds(row.cpuSeconds),
          row.generateSeconds === undefined ? '' : seconds(row.generateSeconds),
          String(row.runs),
          a === undefined ? '' : grouped(a.suspects),
          a === undefined ? '' : `${grouped(a.leaksFound)} / ${grouped(a.leaks)}`,
          a === undefined ? '' : `${grouped(a.nonLeaksFlagged)} of ${grouped(a.nonLeaks)}`,
          (row.peakBytes / MB).toFixed(0),
        ];
      }),
      [2, 3, 4, 5, 6, 7, 8, 9],
    ),
    ...(part.rows.some((row) => row.accuracy !== undefined)
      ? ['', 'Verdicts by generated kind (leaks: `leak`, `late-leak`; the rest should not be suspects), and the first few misjudged series:', '']
      : []),
    ...part.rows.flatMap((row) => (row.accuracy === undefined ? [] : verdictLines(row))),
  ].join('\n');
}

function misjudgedLines(title: string, examples: readonly Misjudged[]): string[] {
  if (examples.length === 0) return [];
  const rate = (v: number | null): string => (v === null ? '–' : `${(v / 1024).toFixed(1)} KiB/h`);
  const q = (v: number | null): string => (v === null ? '–' : v.toPrecision(2));
  return [
    `  - ${title}:`,
    ...examples.map((e) => `    - \`${e.series}\` (${e.truth.kind}: ${e.truth.note}) → ${e.verdict}, growth ${rate(e.growthBytesPerHour)}, q ${q(e.qValue)}`),
  ];
}

function verdictLines(row: StatisticsRow): string[] {
  const a = row.accuracy;
  if (a === undefined) return [];
  const lines = [...a.verdicts]
    .filter(([, counts]) => counts.size > 0)
    .map(([kind, counts]) => `  - ${kind}: ${[...counts].sort((x, y) => y[1] - x[1]).map(([verdict, n]) => `${verdict} ${grouped(n)}`).join(', ')}`);
  const unknown = a.unknown === 0 ? [] : [`  - not generated (unmatched findings): ${grouped(a.unknown)}`];
  const count = a.series === row.scale.series ? '' : ` — ${grouped(a.series)} series in the report, ${grouped(row.scale.series)} generated`;
  return [
    `- ${row.scale.name}${count}:`,
    ...lines,
    ...unknown,
    ...misjudgedLines('leaks missed', a.missed),
    ...misjudgedLines('non-leaks flagged', a.flagged),
  ];
}

/** The issue's targets: 10,000 × 2,000 points ≤ 10 s, one 100,000-point series ≤ 2 s. */
export function statisticsTargets(part: StatisticsPart): string[] {
  const check = (id: ScaleCase['id'], name: string, limit: number): string => {
    const row = part.rows.find((r) => r.scale.id === id);
    if (row === undefined) return `- n/a — ${name} (not run)`;
    if (row.seconds === undefined) return `- n/a — ${name} (${row.status})`;
    return `- ${row.seconds <= limit ? 'PASS' : 'FAIL'} — ${name}: ${seconds(row.seconds)} s`;
  };
  return [check('fleet-week', '10,000 × 2,000-point series ≤ 10 s', 10), check('day-per-second', 'one 100,000-point series ≤ 2 s', 2)];
}

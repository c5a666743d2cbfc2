/**
 * "The statistics at scale": times the library's analysis of in-memory records (bench/scale-fleet.ts),
 * in this process (`ENTRY` below), and checks its answers against what was generated.
 *
 * The records are made a chunk at a time while the analysis pulls them; the time spent making
 * each chunk is measured and taken off, so "analysis" is the entry point's wall time less
 * generation: collecting into series, lifetimes, the whole trend stage and the report.
 */
import { analyzeRecordsInParallel, type Report, type TraceRecord } from '../src/index.js';
import { median } from './measure.js';
import { KINDS, LEAK_KINDS, truthKey, type Kind, type ScaleCase, type Truth } from './scale-fleet.js';

/**
 * The entry point timed: the fastest public one (here the trend stage on every core). To time
 * another, change this one declaration — anything taking the records and giving a `Report`, or a
 * promise of one, will do: `{ name: 'analyze(records)', run: (records) => analyze(records) }`.
 */
export const ENTRY: { readonly name: string; readonly run: (records: Iterable<TraceRecord>) => Report | Promise<Report> } = {
  name: 'analyzeRecordsInParallel(records)',
  run: async (records) => (await analyzeRecordsInParallel(records)).report,
};

export interface StatisticsRow {
  readonly scale: ScaleCase;
  /** Medians over the runs; absent when the analysis failed. */
  readonly seconds?: number | undefined;
  /** CPU seconds (user + system, all threads) of the analysis: more than `seconds` when it used several cores. */
  readonly cpuSeconds?: number | undefined;
  readonly generateSeconds?: number | undefined;
  readonly runs: number;
  /** Empty when every run succeeded; otherwise what went wrong. */
  readonly status: string;
  /** From the last run (the answers are the same every run: same records, seeded statistics). */
  readonly accuracy?: Accuracy | undefined;
  /** The bench process's peak resident set so far, after this case's runs. */
  readonly peakBytes: number;
}

export interface Accuracy {
  readonly series: number;
  readonly suspects: number;
  readonly leaks: number;
  readonly leaksFound: number;
  readonly nonLeaks: number;
  readonly nonLeaksFlagged: number;
  /** Findings whose host and module were not generated (should be none). */
  readonly unknown: number;
  /** Per generated kind, the count of each verdict given. */
  readonly verdicts: ReadonlyMap<Kind, ReadonlyMap<string, number>>;
  /** The first few generated leaks not judged `leak`, and non-leaks judged `leak`. */
  readonly missed: readonly Misjudged[];
  readonly flagged: readonly Misjudged[];
}

export interface Misjudged {
  readonly series: string;
  readonly truth: Truth;
  readonly verdict: string;
  readonly growthBytesPerHour: number | null;
  readonly qValue: number | null;
}

const EXAMPLES = 8;

/** Records pulled from a case's chunks, keeping count of the time spent making them. */
class TimedRecords implements Iterable<TraceRecord> {
  generateMs = 0;
  /** CPU microseconds (user + system, every thread) spent generating. */
  generateCpuUs = 0;

  constructor(private readonly scale: ScaleCase) {}

  [Symbol.iterator](): Iterator<TraceRecord> {
    const chunks = this.scale.chunks();
    let chunk: TraceRecord[] = [];
    let i = 0;
    return {
      next: (): IteratorResult<TraceRecord> => {
        while (i >= chunk.length) {
          const started = performance.now();
          const cpu = process.cpuUsage();
          const next = chunks.next();
          const used = process.cpuUsage(cpu);
          this.generateMs += performance.now() - started;
          this.generateCpuUs += used.user + used.system;
          if (next.done === true) return { done: true, value: undefined };
          [chunk, i] = [next.value, 0];
        }
        return { done: false, value: chunk[i++] as TraceRecord };
      },
    };
  }
}

export async function benchStatistics(scale: ScaleCase, runs: number, log: (text: string) => void): Promise<StatisticsRow> {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  const generating: number[] = [];
  let accuracy: Accuracy | undefined;
  for (let n = 1; n <= runs; n += 1) {
    const records = new TimedRecords(scale);
    const started = performance.now();
    const cpu = process.cpuUsage();
    let report: Report;
    try {
      report = await ENTRY.run(records);
    } catch (error) {
      const status = `failed: ${error instanceof Error ? error.message : String(error)}`;
      log(`statistics · ${scale.id} · run ${n}/${runs}: ${status}`);
      return { scale, runs: n, status, peakBytes: peakBytes() };
    }
    const total = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const generate = records.generateMs / 1000;
    const analysisCpu = (used.user + used.system - records.generateCpuUs) / 1e6;
    seconds.push(total - generate);
    cpuSeconds.push(analysisCpu);
    generating.push(generate);
    accuracy = judgeAnswers(report, scale);
    log(
      `statistics · ${scale.id} · run ${n}/${runs}: ${(total - generate).toFixed(2)} s analysis (CPU ${analysisCpu.toFixed(2)} s, of which system ${(used.system / 1e6).toFixed(2)} s in all), ` +
        `+ ${generate.toFixed(2)} s generating, ` +
        `${accuracy.suspects} suspects, peak RSS ${(peakBytes() / 1e6).toFixed(0)} MB`,
    );
  }
  return { scale, seconds: median(seconds), cpuSeconds: median(cpuSeconds), generateSeconds: median(generating), runs, status: '', accuracy, peakBytes: peakBytes() };
}

/** `process.resourceUsage().maxRSS` is in kilobytes (KiB), and only ever grows. */
const peakBytes = (): number => process.resourceUsage().maxRSS * 1024;

function judgeAnswers(report: Report, scale: ScaleCase): Accuracy {
  const verdicts = new Map<Kind, Map<string, number>>(KINDS.map((kind) => [kind, new Map()]));
  const missed: Misjudged[] = [];
  const flagged: Misjudged[] = [];
  let unknown = 0;
  for (const finding of report.series) {
    const host = finding.labels['host'] ?? '';
    const truth = scale.truth.get(truthKey(host, finding.module));
    if (truth === undefined) {
      unknown += 1;
      continue;
    }
    const counts = verdicts.get(truth.kind) as Map<string, number>;
    counts.set(finding.verdict, (counts.get(finding.verdict) ?? 0) + 1);
    const leaky = LEAK_KINDS.has(truth.kind);
    if (leaky === (finding.verdict === 'leak')) continue;
    const examples = leaky ? missed : flagged;
    if (examples.length < EXAMPLES) {
      const { verdict, growthBytesPerHour, qValue } = finding;
      examples.push({ series: `${host} ${finding.module}`, truth, verdict, growthBytesPerHour, qValue });
    }
  }
  const count = (leaky: boolean, verdict?: string): number => {
    let total = 0;
    for (const [kind, counts] of verdicts) {
      if (LEAK_KINDS.has(kind) !== leaky) continue;
      for (const [given, n] of counts) if (verdict === undefined || given === verdict) total += n;
    }
    return total;
  };
  const generatedLeaks = [...scale.truth.values()].filter((truth) => LEAK_KINDS.has(truth.kind)).length;
  return {
    series: report.series.length,
    suspects: report.suspects.length,
    leaks: generatedLeaks,
    leaksFound: count(true, 'leak'),
    nonLeaks: scale.truth.size - generatedLeaks,
    nonLeaksFlagged: count(false, 'leak'),
    unknown,
    verdicts,
    missed,
    flagged,
  };
}

import type { RecordSink } from '../read/read-inputs.js';
import type { TraceEvent, TracebackEvent, TraceRecord } from '../read/record.js';
import { labelsKey } from '../read/labels.js';
import { isInstrumentationFrame } from './instrumentation.js';
import { Points } from './points.js';
import type { Series } from './series.js';
import { allocationSite, TracebackGatherer, type Traceback } from './tracebacks.js';

/** `top_diffs` is another name for `since_start`: one family. */
type EventFamily = 'top_current' | 'since_start' | 'top_incremental';
/** When two families have as many points, the first in this order makes the series. */
const FAMILY_PREFERENCE: readonly EventFamily[] = ['top_current', 'since_start', 'top_incremental'];

function familyOf(event: TraceEvent): EventFamily {
  return event === 'top_diffs' ? 'since_start' : event;
}

/** One (process, module, line): its process's `labelsKey`, its first record, and its points per event family. */
interface Group {
  readonly processKey: string;
  readonly record: TraceRecord;
  readonly families: Partial<Record<EventFamily, Points>>;
}

/** The groups of one process (one set of identity labels), by module, then line. */
interface Process {
  readonly key: string;
  readonly modules: Map<string, Map<number, Group | typeof EXCLUDED>>;
}

/** Stands for a module left out as instrumentation: decided once, not at every record. */
const EXCLUDED = Symbol('excluded');

export interface CollectOptions {
  /** Keep tracemalloc.py, `<frozen ...>` and `<unknown>` frames. */
  readonly includeAll: boolean;
}

export interface CollectedSeries {
  readonly series: Series[];
  /** Points dropped because the same statistic was logged twice at the same instant (overlapping exports). */
  readonly duplicates: number;
  /** Records left out as instrumentation frames. */
  readonly excluded: number;
  /** Epoch milliseconds of the earliest and latest record added (excluded ones too); null when none. */
  readonly from: number | null;
  readonly to: number | null;
}

/**
 * Groups records into one series per (identity labels, module). Memory grows with the number of
 * series and points, not with the records seen: `add` keeps four numbers a record.
 */
export class SeriesCollector implements RecordSink {
  /** Processes by `labelsKey`. */
  private readonly processes = new Map<string, Process>();
  /**
   * Processes by the labels' keys and values in their own order: records of one process nearly
   * always list their labels in one order, so this finds the process without sorting the keys.
   */
  private readonly processByText = new Map<string, Process>();
  /**
   * The last labels object seen, and its process: records in memory often share one object
   * (`Labels` are read-only: an object handed over is not changed afterwards).
   */
  private lastLabels: TraceRecord['labels'] | undefined;
  private lastProcess: Process | undefined;
  private readonly tracebacks = new TracebackGatherer();
  private excluded = 0;
  private from = Infinity;
  private to = -Infinity;

  constructor(private readonly options: CollectOptions) {}

  traceback(event: TracebackEvent): void {
    this.tracebacks.add(event);
  }

  record(record: TraceRecord): void {
    const { statistic, time } = record;
    if (time < this.from) this.from = time;
    if (time > this.to) this.to = time;
    const { key: processKey, modules } = this.processOf(record.labels);
    let lines = modules.get(statistic.filename);
    if (lines === undefined) {
      lines = new Map();
      modules.set(statistic.filename, lines);
    }
    let group = lines.get(statistic.lineno);
    if (group === undefined) {
      group = !this.options.includeAll && isInstrumentationFrame(statistic.filename) ? EXCLUDED : { processKey, record, families: {} };
      lines.set(statistic.lineno, group);
    }
    if (group === EXCLUDED) {
      this.excluded += 1;
      return;
    }
    const family = familyOf(record.event);
    const points = (group.families[family] ??= new Points());
    points.push(time, statistic.size, statistic.sizeResolution, statistic.count, statistic.sizeDiff);
  }

  private processOf(labels: TraceRecord['labels']): Process {
    if (labels === this.lastLabels) return this.lastProcess as Process;
    let text = '';
    for (const name in labels) text += `${name}\u0000${labels[name] ?? ''}\u0000`;
    let process = this.processByText.get(text);
    if (process === undefined) {
      const key = labelsKey(labels);
      process = this.processes.get(key);
      if (process === undefined) {
        process = { key, modules: new Map() };
        this.processes.set(key, process);
      }
      this.processByText.set(text, process);
    }
    this.lastLabels = labels;
    this.lastProcess = process;
    return process;
  }

  /** Every group kept, with its series key (`labels\0module\0line`). */
  private *groups(): Generator<[string, Group]> {
    for (const process of this.processes.values()) {
      for (const [module, lines] of process.modules) {
        for (const [lineno, group] of lines) if (group !== EXCLUDED) yield [`${process.key}\u0000${module}\u0000${lineno}`, group];
      }
    }
  }

  /** The series, in a stable order (by labels, then module). Hands the points over: call it once, at the end. */
  finish(): CollectedSeries {
    const series: Series[] = [];
    let duplicates = 0;
    const groups = [...this.groups()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const tracebacks = this.attachableTracebacks(groups.map(([, group]) => group));
    for (const [key, group] of groups) {
      let chosen: { family: EventFamily; points: Points } | undefined;
      for (const family of FAMILY_PREFERENCE) {
        const points = group.families[family];
        if (points === undefined) continue;
        const { sorted, dropped } = sortedWithoutDuplicates(points);
        duplicates += dropped;
        if (chosen === undefined || sorted.length > chosen.points.length) chosen = { family, points: sorted };
      }
      if (chosen === undefined) continue;
      const { statistic, labels } = group.record;
      series.push({
        key,
        module: statistic.filename,
        lineno: statistic.lineno,
        labels,
        event: chosen.family,
        // The sorted points were made to measure: their columns are the series' own, not copies.
        times: chosen.points.times,
        sizes: chosen.points.sizes,
        resolutions: chosen.points.resolutions,
        counts: chosen.points.counts,
        ...optional('diffs', everyDiffKnown(chosen.points) ? chosen.points.diffs : undefined),
        lifetimeStarts: [0],
        ...optional('traceback', tracebacks.get(`${group.processKey}\u0000${statistic.filename}`)),
      });
    }
    // The series hold the chosen family's points; the rest (the other families, a fleet's worth of
    // columns) is freed now rather than when the collector goes.
    this.processes.clear();
    this.processByText.clear();
    this.lastLabels = undefined;
    this.lastProcess = undefined;
    const any = this.to >= this.from;
    return {
      series,
      duplicates,
      excluded: this.excluded,
      from: any ? this.from : null,
      to: any ? this.to : null,
    };
  }

  /** The latest traceback of each (labels, module), keyed `labels\0module`. */
  private attachableTracebacks(groups: readonly Group[]): Map<string, Traceback> {
    const modules = new Set(groups.map((g) => `${g.processKey}\u0000${g.record.statistic.filename}`));
    const attached = new Map<string, Traceback>();
    for (const [key, blocks] of this.tracebacks.finish()) {
      for (const block of blocks) {
        const site = allocationSite(block, (filename) => modules.has(`${key}\u0000${filename}`));
        if (site !== undefined) attached.set(`${key}\u0000${site}`, block); // later blocks replace earlier
      }
    }
    return attached;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function everyDiffKnown(points: Points): boolean {
  const diffs = points.diffs;
  if (diffs === undefined) return false;
  for (let i = 0; i < points.length; i++) if (Number.isNaN(diffs[i])) return false;
  return true;
}

/**
 * The points in time order (stable), without exact repeats of a point at the same instant, in
 * columns exactly as long as the points they hold.
 */
function sortedWithoutDuplicates(points: Points): { sorted: Points; dropped: number } {
  const { times } = points;
  let ascending = true;
  let strictly = true;
  for (let i = 1; i < points.length && ascending; i++) {
    ascending = (times[i - 1] as number) <= (times[i] as number);
    strictly &&= (times[i - 1] as number) < (times[i] as number);
  }
  // Logs are nearly always in time order, one point an instant: then there is nothing to do.
  if (strictly) return { sorted: points.trimmed(), dropped: 0 };
  const order = ascending
    ? Array.from({ length: points.length }, (_, i) => i)
    : Array.from({ length: points.length }, (_, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number));
  const kept: number[] = [];
  let dropped = 0;
  let instantStart = 0;
  for (const i of order) {
    const time = times[i] as number;
    const last = kept[kept.length - 1];
    if (last === undefined || times[last] !== time) instantStart = kept.length;
    let repeat = false;
    for (let k = instantStart; k < kept.length && !repeat; k++) {
      const j = kept[k] as number;
      repeat = points.sizes[j] === points.sizes[i] && points.counts[j] === points.counts[i] && points.resolutions[j] === points.resolutions[i];
    }
    if (repeat) dropped += 1;
    else kept.push(i);
  }
  if (ascending && dropped === 0) return { sorted: points.trimmed(), dropped };
  const sorted = new Points(kept.length);
  for (const i of kept) {
    sorted.push(times[i] as number, points.sizes[i] as number, points.resolutions[i] as number, points.counts[i] as number, points.diffs?.[i]);
  }
  return { sorted, dropped };
}

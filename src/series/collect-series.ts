import type { RecordSink } from '../read/read-inputs.js';
import type { LaterPart } from '../read/split-reading.js';
import type { TraceEvent, TracebackEvent, TraceRecord } from '../read/record.js';
import { ByLabels, labelsKey } from '../read/labels.js';
import { isInstrumentationFrame } from './instrumentation.js';
import { LEFT_OUT, LinelessStreams, UNKNOWN } from './lineless-streams.js';
import { PointStore, type StreamSummary } from './point-store.js';
import { Points } from './points.js';
import { infoOf, stored, type Series, type StoredSeries } from './series.js';
import { allocationSite, TracebackGatherer, type Traceback } from './tracebacks.js';

/** `top_diffs` is another name for `since_start`: one family. */
type EventFamily = 'top_current' | 'since_start' | 'top_incremental';
/** When two families have as many points, the first in this order makes the series. */
const FAMILY_PREFERENCE: readonly EventFamily[] = ['top_current', 'since_start', 'top_incremental'];

/** A family's place in `Group.families`: its place in FAMILY_PREFERENCE. */
function familyIndex(event: TraceEvent): number {
  return event === 'top_current' ? 0 : event === 'top_incremental' ? 2 : 1;
}

/**
 * One (process, module, line): its process's `labelsKey`, its first record, and per event family
 * its points in the store: one stream while only the first part of the input has some (nearly
 * always), else a stream for each part that has some, in the parts' order.
 */
interface Group {
  readonly processKey: string;
  readonly record: TraceRecord;
  /** By family, in FAMILY_PREFERENCE's order (`familyIndex`). */
  readonly families: [Streams, Streams, Streams];
}

/** A family's points: nothing yet, the first part's stream, or the streams of the parts that have some. */
type Streams = number | PartStream[] | undefined;

/** The points of one part of the input (see `SeriesCollector.laterPart`): a stream in the store. */
interface PartStream {
  readonly part: number;
  readonly stream: number;
}

/** The groups of one process (one set of identity labels), by module, then line. */
interface Process {
  readonly key: string;
  readonly modules: Map<string, Module>;
  /** The first part's streams of its line-less groups, by file number: `record`'s way to them. */
  readonly lineless: LinelessStreams;
}

/**
 * The groups of one module of a process, by line. A fleet's records nearly all come from
 * `statistics('filename')`, with no line (0): that group is held apart, which spares each record a
 * lookup in a map of lines — collecting a fleet's records is a few lookups and a write a record,
 * and its groups far outgrow the processor's caches.
 */
interface Module {
  lineless: Group | typeof EXCLUDED | undefined;
  readonly lines: Map<number, Group | typeof EXCLUDED>;
}

/** Stands for a module left out as instrumentation: decided once, not at every record. */
const EXCLUDED = Symbol('excluded');

export interface CollectOptions {
  /** Keep tracemalloc.py, `<frozen ...>` and `<unknown>` frames. */
  readonly includeAll: boolean;
  /**
   * Points held in memory beyond which they all go to a temporary file (see `PointStore`);
   * Infinity, the default: all in memory.
   */
  readonly spillFromPoints?: number;
}

export interface CollectedSeries {
  readonly series: StoredSeries[];
  /** Points dropped because the same statistic was logged twice at the same instant (overlapping exports). */
  readonly duplicates: number;
  /** Records left out as instrumentation frames. */
  readonly excluded: number;
  /** Epoch milliseconds of the earliest and latest record added (excluded ones too); null when none. */
  readonly from: number | null;
  readonly to: number | null;
}

/**
 * Groups records into one series per (identity labels, module). `record` keeps four or five
 * numbers a record: in memory, or past `spillFromPoints` in a temporary file, so that memory grows
 * with the number of series, not with the records seen.
 */
export class SeriesCollector implements RecordSink {
  /** Processes by `labelsKey`. */
  private readonly processes = new Map<string, Process>();
  /**
   * Processes by the labels as written: records of one process nearly always list their labels in
   * one order, so this finds the process without sorting the keys (`labelsKey`) for each record.
   */
  private readonly processByLabels = new ByLabels<Process>();
  /** A process by its `labelsKey`, made the first time: for labels whose text is new. */
  private readonly processFor = (labels: TraceRecord['labels']): Process => {
    const key = labelsKey(labels);
    let process = this.processes.get(key);
    if (process === undefined) {
      process = { key, modules: new Map(), lineless: new LinelessStreams() };
      this.processes.set(key, process);
    }
    return process;
  };
  /** Each file name as logged, numbered in the order first seen: the key of `Process.lineless`. */
  private readonly fileNumbers = new Map<string, number>();
  private readonly tracebacks = new TracebackGatherer();
  private readonly store: PointStore;
  private excluded = 0;
  /** The part of the input `record` adds to: later parts go after it in every series. */
  private part = 0;
  private from = Infinity;
  private to = -Infinity;

  constructor(private readonly options: CollectOptions) {
    this.store = new PointStore(options.spillFromPoints);
  }

  traceback(event: TracebackEvent): void {
    this.tracebacks.add(event);
  }

  record(record: TraceRecord): void {
    const { statistic } = record;
    const stream = this.part === 0 && statistic.lineno === 0 ? this.linelessStream(record) : this.streamOf(record, this.part);
    this.add(stream, record.time, statistic.size, statistic.sizeResolution, statistic.count, statistic.sizeDiff);
  }

  /**
   * `streamOf` a line-less record of the first part — nearly every record of a fleet — from its
   * process's table by file number (see lineless-streams.ts), asking `streamOf` the first time.
   */
  private linelessStream(record: TraceRecord): number | undefined {
    const { filename } = record.statistic;
    const { lineless } = this.processByLabels.get(record.labels, this.processFor);
    let file = this.fileNumbers.get(filename);
    if (file === undefined) {
      file = this.fileNumbers.size;
      this.fileNumbers.set(filename, file);
    }
    const family = familyIndex(record.event);
    let stream = lineless.get(file, family);
    if (stream === UNKNOWN) {
      stream = this.streamOf(record, 0) ?? LEFT_OUT;
      lineless.set(file, family, stream);
    }
    return stream === LEFT_OUT ? undefined : stream;
  }

  /**
   * Where the records of a stretch of the input read meanwhile elsewhere go: after the stretch
   * `record` is reading now (see `LaterPart`).
   */
  laterPart(): LaterPart {
    const part = this.part + 1;
    const streams: (number | undefined)[] = [];
    return {
      define: (record) => streams.push(this.streamOf(record, part)) - 1,
      push: (handle, time, size, resolution, count, diff) =>
        this.add(streams[handle], time, size, resolution, count, Number.isNaN(diff) ? undefined : diff),
      close: () => {
        this.part = Math.max(this.part, part + 1);
      },
    };
  }

  /** One point of a stream; undefined: of a module left out. */
  private add(stream: number | undefined, time: number, size: number, resolution: number, count: number, diff: number | undefined): void {
    if (time < this.from) this.from = time;
    if (time > this.to) this.to = time;
    if (stream === undefined) this.excluded += 1;
    else this.store.push(stream, time, size, resolution, count, diff);
  }

  /** The stream of a record's series and event family in a part of the input; undefined when its module is left out. */
  private streamOf(record: TraceRecord, part: number): number | undefined {
    const { statistic } = record;
    const { key: processKey, modules } = this.processByLabels.get(record.labels, this.processFor);
    let module = modules.get(statistic.filename);
    if (module === undefined) {
      module = { lineless: undefined, lines: new Map() };
      modules.set(statistic.filename, module);
    }
    const { lineno } = statistic;
    let group = lineno === 0 ? module.lineless : module.lines.get(lineno);
    if (group === undefined) {
      group = !this.options.includeAll && isInstrumentationFrame(statistic.filename) ? EXCLUDED : { processKey, record, families: [undefined, undefined, undefined] };
      if (lineno === 0) module.lineless = group;
      else module.lines.set(lineno, group);
    }
    if (group === EXCLUDED) return undefined;
    const family = familyIndex(record.event);
    const streams = group.families[family];
    // The first part's stream, a plain number: a fleet's records in memory take this path, and an
    // array of parts to look through cost them about a fifth more time collecting.
    if (part === 0) {
      if (typeof streams === 'number') return streams;
      if (streams === undefined) return (group.families[family] = this.store.add());
    }
    const parts = typeof streams === 'number' ? [{ part: 0, stream: streams }] : (streams ?? []);
    group.families[family] = parts;
    // Parts in order; nearly always the record's is the last, or the one before.
    let k = parts.length;
    while (k > 0 && (parts[k - 1] as PartStream).part > part) k -= 1;
    const found = parts[k - 1];
    if (found?.part === part) return found.stream;
    const stream = this.store.add();
    parts.splice(k, 0, { part, stream });
    return stream;
  }

  /** Every group kept, with its series key (`labels\0module\0line`). */
  private *groups(): Generator<[string, Group]> {
    for (const process of this.processes.values()) {
      for (const [module, { lineless, lines }] of process.modules) {
        if (lineless !== undefined && lineless !== EXCLUDED) yield [`${process.key}\u0000${module}\u00000`, lineless];
        for (const [lineno, group] of lines) if (group !== EXCLUDED) yield [`${process.key}\u0000${module}\u0000${lineno}`, group];
      }
    }
  }

  /**
   * The series, in a stable order (by labels, then module). Hands the points over: call it once, at
   * the end. When points went to a file, only families logged out of time order are read here (to
   * sort them and drop repeats before choosing); a series' points are read at each `load`.
   */
  finish(): CollectedSeries {
    const series: StoredSeries[] = [];
    const { store } = this;
    store.doneWriting();
    let duplicates = 0;
    const groups = [...this.groups()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const tracebacks = this.attachableTracebacks(groups.map(([, group]) => group));
    for (const [key, group] of groups) {
      let chosen: { family: EventFamily; streams: number[]; summary: StreamSummary; length: number; sorted: Points | undefined } | undefined;
      for (const [index, family] of FAMILY_PREFERENCE.entries()) {
        const parts = group.families[index];
        if (parts === undefined) continue;
        const streams = typeof parts === 'number' ? [parts] : parts.map(({ stream }) => stream);
        // Logs are nearly always in time order, one point an instant: then there is nothing to read back.
        const summary = store.summary(streams);
        const { sorted, dropped } = summary.strictlyAscending ? { sorted: undefined, dropped: 0 } : sortedWithoutDuplicates(store.load(streams));
        duplicates += dropped;
        const kept = sorted?.length ?? summary.length;
        if (chosen === undefined || kept > chosen.length) chosen = { family, streams, summary, length: kept, sorted };
      }
      if (chosen === undefined) continue;
      const { statistic, labels } = group.record;
      const { family, streams, summary, sorted } = chosen;
      const identity = {
        key,
        module: statistic.filename,
        lineno: statistic.lineno,
        labels,
        event: family,
        lifetimeStarts: [0],
        ...optional('traceback', tracebacks.get(`${group.processKey}\u0000${statistic.filename}`)),
      };
      const toSeries = (points: Points): Series => ({
        ...identity,
        // The sorted points were made to measure: their columns are the series' own, not copies.
        times: points.times,
        sizes: points.sizes,
        resolutions: points.resolutions,
        counts: points.counts,
        ...optional('diffs', everyDiffKnown(points) ? points.diffs : undefined),
      });
      if (sorted !== undefined && !store.spilled) {
        series.push(stored(toSeries(sorted)));
        continue;
      }
      // The points are read from the store again (and sorted again if they came out of order) each
      // time the series is wanted, into columns of its own that go when it does: the trend stage
      // holds one series at a time. Copying a fleet's points into columns up front cost seconds,
      // most of it the system's first touch of the fresh memory.
      const load =
        sorted === undefined
          ? (): Series => toSeries(store.load(streams))
          : (): Series => toSeries(sortedWithoutDuplicates(store.load(streams)).sorted);
      if (sorted !== undefined) series.push({ ...infoOf(toSeries(sorted)), load });
      else {
        const { length, firstTime, lastTime, firstSize, lastSize } = summary;
        series.push({ ...identity, length, from: firstTime, to: lastTime, sizeFirst: firstSize, sizeLast: lastSize, load });
      }
    }
    // The series hold the chosen family's points; the rest (the other families, a fleet's worth of
    // columns) is freed now rather than when the collector goes.
    this.processes.clear();
    this.processByLabels.clear();
    this.fileNumbers.clear();
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

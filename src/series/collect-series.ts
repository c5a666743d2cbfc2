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

interface Group {
  readonly record: TraceRecord;
  readonly families: Map<EventFamily, Points>;
}

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
  private readonly groups = new Map<string, Group>();
  private readonly tracebacks = new TracebackGatherer();
  private excluded = 0;
  private from = Infinity;
  private to = -Infinity;

  constructor(private readonly options: CollectOptions) {}

  traceback(event: TracebackEvent): void {
    this.tracebacks.add(event);
  }

  record(record: TraceRecord): void {
    const { statistic } = record;
    if (record.time < this.from) this.from = record.time;
    if (record.time > this.to) this.to = record.time;
    if (!this.options.includeAll && isInstrumentationFrame(statistic.filename)) {
      this.excluded += 1;
      return;
    }
    const key = `${labelsKey(record.labels)}\u0000${statistic.filename}\u0000${statistic.lineno}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { record, families: new Map() };
      this.groups.set(key, group);
    }
    const family = familyOf(record.event);
    let points = group.families.get(family);
    if (points === undefined) {
      points = new Points();
      group.families.set(family, points);
    }
    points.push(record.time, statistic.size, statistic.sizeResolution, statistic.count, statistic.sizeDiff);
  }

  /** The series, in a stable order (by labels, then module). */
  finish(): CollectedSeries {
    const series: Series[] = [];
    let duplicates = 0;
    const keys = [...this.groups.keys()].sort();
    const tracebacks = this.attachableTracebacks();
    for (const key of keys) {
      const group = this.groups.get(key) as Group;
      let chosen: { family: EventFamily; points: Points } | undefined;
      for (const family of FAMILY_PREFERENCE) {
        const points = group.families.get(family);
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
        ...optional('traceback', tracebacks.get(`${labelsKey(labels)}\u0000${statistic.filename}`)),
      });
    }
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
  private attachableTracebacks(): Map<string, Traceback> {
    const modules = new Set([...this.groups.values()].map((g) => `${labelsKey(g.record.labels)}\u0000${g.record.statistic.filename}`));
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
  const order = Array.from({ length: points.length }, (_, i) => i).sort((a, b) => (points.times[a] as number) - (points.times[b] as number));
  const kept: number[] = [];
  let dropped = 0;
  let instantStart = 0;
  for (const i of order) {
    const time = points.times[i] as number;
    const last = kept[kept.length - 1];
    if (last === undefined || points.times[last] !== time) instantStart = kept.length;
    let repeat = false;
    for (let k = instantStart; k < kept.length && !repeat; k++) {
      const j = kept[k] as number;
      repeat = points.sizes[j] === points.sizes[i] && points.counts[j] === points.counts[i] && points.resolutions[j] === points.resolutions[i];
    }
    if (repeat) dropped += 1;
    else kept.push(i);
  }
  const sorted = new Points(kept.length);
  for (const i of kept) {
    sorted.push(points.times[i] as number, points.sizes[i] as number, points.resolutions[i] as number, points.counts[i] as number, points.diffs?.[i]);
  }
  return { sorted, dropped };
}

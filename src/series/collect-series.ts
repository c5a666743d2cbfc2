import type { RecordSink } from '../read/read-inputs.js';
import type { TraceEvent, TracebackEvent, TraceRecord } from '../read/record.js';
import { labelsKey } from '../read/labels.js';
import { isInstrumentationFrame } from './instrumentation.js';
import type { Series } from './series.js';
import { allocationSite, TracebackGatherer, type Traceback } from './tracebacks.js';

/** `top_diffs` is another name for `since_start`: one family. */
type EventFamily = 'top_current' | 'since_start' | 'top_incremental';
/** When two families have as many points, the first in this order makes the series. */
const FAMILY_PREFERENCE: readonly EventFamily[] = ['top_current', 'since_start', 'top_incremental'];

function familyOf(event: TraceEvent): EventFamily {
  return event === 'top_diffs' ? 'since_start' : event;
}

class Points {
  readonly times: number[] = [];
  readonly sizes: number[] = [];
  readonly resolutions: number[] = [];
  readonly counts: number[] = [];
  /** NaN where the record had no size_diff. */
  readonly diffs: number[] = [];
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
    points.times.push(record.time);
    points.sizes.push(statistic.size);
    points.resolutions.push(statistic.sizeResolution);
    points.counts.push(statistic.count);
    points.diffs.push(statistic.sizeDiff ?? Number.NaN);
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
        if (chosen === undefined || sorted.times.length > chosen.points.times.length) chosen = { family, points: sorted };
      }
      if (chosen === undefined) continue;
      const { statistic, labels } = group.record;
      series.push({
        key,
        module: statistic.filename,
        lineno: statistic.lineno,
        labels,
        event: chosen.family,
        times: Float64Array.from(chosen.points.times),
        sizes: Float64Array.from(chosen.points.sizes),
        resolutions: Float64Array.from(chosen.points.resolutions),
        counts: Float64Array.from(chosen.points.counts),
        ...optional('diffs', chosen.points.diffs.every((d) => !Number.isNaN(d)) ? Float64Array.from(chosen.points.diffs) : undefined),
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

/** The points in time order (stable), without exact repeats of a point at the same instant. */
function sortedWithoutDuplicates(points: Points): { sorted: Points; dropped: number } {
  const order = points.times.map((_, i) => i).sort((a, b) => (points.times[a] as number) - (points.times[b] as number));
  const sorted = new Points();
  let dropped = 0;
  let instantStart = 0;
  for (const i of order) {
    const time = points.times[i] as number;
    if (sorted.times.length === 0 || sorted.times[sorted.times.length - 1] !== time) instantStart = sorted.times.length;
    let repeat = false;
    for (let j = instantStart; j < sorted.times.length && !repeat; j++) {
      repeat =
        sorted.sizes[j] === points.sizes[i] &&
        sorted.counts[j] === points.counts[i] &&
        sorted.resolutions[j] === points.resolutions[i];
    }
    if (repeat) {
      dropped += 1;
      continue;
    }
    sorted.times.push(time);
    sorted.sizes.push(points.sizes[i] as number);
    sorted.resolutions.push(points.resolutions[i] as number);
    sorted.counts.push(points.counts[i] as number);
    sorted.diffs.push(points.diffs[i] as number);
  }
  return { sorted, dropped };
}

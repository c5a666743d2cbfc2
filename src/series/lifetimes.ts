/**
 * Process lifetimes. `pid` and `container_id` name a lifetime of a process, not the process: a
 * service restarted on the same host gets a new pid. The lifetimes of one process (the other
 * labels equal) follow each other in time; pids whose time ranges overlap are different processes
 * running side by side (worker processes). So, per process identity, lifetimes are chained in
 * time order, each joining the first chain it does not overlap, and every chain becomes one
 * series per module, its points split into lifetimes.
 *
 * A chain is labelled by the other labels; when those are empty or several chains run side by
 * side, the lifetime keys are added, joined in time order (`pid: "4127→5120"`).
 */
import type { Labels } from '../read/record.js';
import { labelsKey, LIFETIME_KEYS } from '../read/labels.js';
import type { Series, StoredSeries } from './series.js';

export { LIFETIME_KEYS };

interface Lifetime {
  readonly key: string;
  readonly base: Labels;
  readonly own: Labels;
  first: number;
  last: number;
}

/**
 * Series of the same process and module across restarts, merged; each series' points split by
 * lifetime. Decided on the series' descriptions: the points are joined when a merged series is loaded.
 */
export function mergeLifetimes(series: readonly StoredSeries[]): StoredSeries[] {
  const lifetimes = new Map<string, Lifetime>();
  for (const one of series) {
    const key = labelsKey(one.labels);
    const { from: first, to: last } = one;
    const known = lifetimes.get(key);
    if (known === undefined) lifetimes.set(key, { key, ...splitLabels(one.labels), first, last });
    else {
      known.first = Math.min(known.first, first);
      known.last = Math.max(known.last, last);
    }
  }
  const chainOf = chainLifetimes([...lifetimes.values()]);
  const merged = new Map<string, StoredSeries[]>();
  for (const one of series) {
    const chain = chainOf.get(labelsKey(one.labels)) as Chain;
    const key = `${chain.key}\u0000${one.module}\u0000${one.lineno}`;
    const parts = merged.get(key);
    if (parts === undefined) merged.set(key, [one]);
    else parts.push(one);
  }
  const result: StoredSeries[] = [];
  for (const [key, parts] of merged) {
    const chain = chainOf.get(labelsKey((parts[0] as StoredSeries).labels)) as Chain;
    result.push(concatenate(key, chain.labels, parts));
  }
  return result.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function splitLabels(labels: Labels): { base: Labels; own: Labels } {
  const base: Record<string, string> = {};
  const own: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) (LIFETIME_KEYS.includes(name) ? own : base)[name] = value;
  return { base, own };
}

interface Chain {
  readonly key: string;
  readonly labels: Labels;
}

/** The chain each lifetime (by its labels key) belongs to. */
function chainLifetimes(all: Lifetime[]): Map<string, Chain> {
  const byProcess = new Map<string, Lifetime[]>();
  for (const lifetime of all) {
    const key = labelsKey(lifetime.base);
    byProcess.set(key, [...(byProcess.get(key) ?? []), lifetime]);
  }
  const chainOf = new Map<string, Chain>();
  for (const [processKey, members] of byProcess) {
    members.sort((a, b) => a.first - b.first || a.last - b.last);
    const chains: Lifetime[][] = [];
    for (const lifetime of members) {
      const free = chains.find((chain) => (chain[chain.length - 1] as Lifetime).last < lifetime.first);
      if (free === undefined) chains.push([lifetime]);
      else free.push(lifetime);
    }
    chains.forEach((chain, index) => {
      const base = (chain[0] as Lifetime).base;
      const labels = Object.keys(base).length > 0 && chains.length === 1 ? base : { ...base, ...joinedOwnLabels(chain) };
      const result: Chain = { key: `${processKey}#${index}`, labels };
      for (const lifetime of chain) chainOf.set(lifetime.key, result);
    });
  }
  return chainOf;
}

function joinedOwnLabels(chain: readonly Lifetime[]): Labels {
  const joined: Record<string, string> = {};
  for (const name of LIFETIME_KEYS) {
    const values = chain.map((lifetime) => lifetime.own[name]).filter((v): v is string => v !== undefined);
    if (values.length > 0) joined[name] = [...new Set(values)].join('→');
  }
  return joined;
}

/** One series from the series of its lifetimes, in time order; only those of the most common event. */
function concatenate(key: string, labels: Labels, parts: readonly StoredSeries[]): StoredSeries {
  if (parts.length === 1) {
    const only = parts[0] as StoredSeries;
    return { ...only, key, labels, load: () => ({ ...only.load(), key, labels }) };
  }
  const pointsOf = new Map<string, number>();
  for (const part of parts) pointsOf.set(part.event, (pointsOf.get(part.event) ?? 0) + part.length);
  const event = [...pointsOf.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const kept = parts.filter((part) => part.event === event).sort((a, b) => a.from - b.from);
  const lifetimeStarts: number[] = [];
  let n = 0;
  for (const part of kept) {
    for (const start of part.lifetimeStarts) lifetimeStarts.push(n + start);
    n += part.length;
  }
  const first = kept[0] as StoredSeries;
  const last = kept[kept.length - 1] as StoredSeries;
  const latestTraceback = [...kept].reverse().find((part) => part.traceback !== undefined)?.traceback;
  const info = {
    key,
    module: first.module,
    lineno: first.lineno,
    labels,
    event: first.event,
    lifetimeStarts,
    ...(latestTraceback === undefined ? {} : { traceback: latestTraceback }),
    length: n,
    from: first.from,
    to: last.to,
    sizeFirst: first.sizeFirst,
    sizeLast: last.sizeLast,
  };
  return { ...info, load: () => join(info, kept.map((part) => part.load())) };
}

/** The points of `parts`, one after another, under the merged series' description. */
function join(info: Omit<StoredSeries, 'load'>, parts: readonly Series[]): Series {
  const { length: n, from, to, sizeFirst, sizeLast, ...identity } = info;
  const column = (pick: (s: Series) => Float64Array): Float64Array => {
    const out = new Float64Array(n);
    let at = 0;
    for (const part of parts) {
      out.set(pick(part), at);
      at += part.times.length;
    }
    return out;
  };
  const withDiffs = parts.every((part) => part.diffs !== undefined);
  return {
    ...identity,
    times: column((s) => s.times),
    sizes: column((s) => s.sizes),
    resolutions: column((s) => s.resolutions),
    counts: column((s) => s.counts),
    ...(withDiffs ? { diffs: column((s) => s.diffs as Float64Array) } : {}),
  };
}

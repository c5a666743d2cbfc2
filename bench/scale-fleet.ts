/**
 * In-memory records for "the statistics at scale" (bench/statistics.ts): seeded, so every run
 * analyses the same records, and generated lazily, a snapshot at a time, so 20 million points
 * never sit in memory as records.
 *
 * - **A fleet's week**: 500 hosts × 20 modules, a `top_current` snapshot every 5 minutes,
 *   2,000 snapshots (6.9 days). A quarter of the hosts restart about daily (new `pid`, memory
 *   reset), so their leaks are saw-tooths and their warm-ups repeat. Each series is one kind:
 *   a steady leak, a leak that starts mid-week, a warm-up plateau, a one-time step (per lifetime),
 *   a daily load cycle, a wandering (autocorrelated) or flat module with a little noise, or a noisy
 *   one. Leaks grow at least 2 KiB/h, twice the default practical minimum.
 * - **A day per second**: one module of one process, 100,000 snapshots a second apart (27.8 h),
 *   leaking 24 KiB/h from 6 MiB under 2% noise.
 *
 * Sizes are rounded the way tracemalloc prints them (`_format_size`: bytes below 10 KiB, then
 * 0.1 KiB below 100 KiB, 1 KiB below 10 MiB, 0.1 MiB below 100 MiB ...) and carry that
 * resolution, as the statistic parser would give them.
 */
import type { TraceRecord } from '../src/index.js';
import { Random } from './random.js';

export type Kind = 'leak' | 'late-leak' | 'warm-up' | 'step' | 'daily-cycle' | 'wander' | 'flat' | 'noisy';
export const KINDS: readonly Kind[] = ['leak', 'late-leak', 'warm-up', 'step', 'daily-cycle', 'wander', 'flat', 'noisy'];
export const LEAK_KINDS: ReadonlySet<Kind> = new Set<Kind>(['leak', 'late-leak']);

/** One generated case: its records, in snapshot order and in chunks, and what each series truly is. */
export interface ScaleCase {
  readonly id: 'fleet-week' | 'day-per-second';
  readonly name: string;
  readonly series: number;
  readonly points: number;
  /** The records, chunk by chunk (a fresh, identical sequence on every call). */
  chunks(): Iterator<TraceRecord[]>;
  /** What each series was generated as, keyed by `truthKey(host, module)`. */
  readonly truth: ReadonlyMap<string, Truth>;
}

export interface Truth {
  readonly kind: Kind;
  /** The generating parameters, in words, for a report of misjudged series. */
  readonly note: string;
}

export const truthKey = (host: string, module: string): string => `${host}\u0000${module}`;

const KiB = 1024;
const MiB = 1024 * KiB;
const MS_PER_HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2);

/** Source files as `statistics('filename')` names them, none of them instrumentation frames, and a typical block size. */
const MODULES: readonly { readonly file: string; readonly block: number }[] = [
  { file: '/usr/lib/python3.11/json/decoder.py', block: 220 },
  { file: '/usr/lib/python3.11/socket.py', block: 1400 },
  { file: '/usr/lib/python3.11/threading.py', block: 480 },
  { file: '/usr/lib/python3.11/re/_compiler.py', block: 900 },
  { file: '/usr/lib/python3.11/ssl.py', block: 750 },
  { file: '/usr/lib/python3.11/logging/__init__.py', block: 350 },
  { file: '/srv/app/venv/sqlalchemy/orm/session.py', block: 2600 },
  { file: '/srv/app/venv/urllib3/connectionpool.py', block: 1100 },
  { file: '/srv/app/venv/redis/connection.py', block: 640 },
  ...['cache', 'catalog', 'orders', 'sessions', 'pricing', 'search', 'images', 'events', 'auth', 'reports', 'export'].map((name, k) => ({
    file: `/srv/app/${name}.py`,
    block: [96, 4100, 150, 72, 33000, 560, 153 * KiB, 240, 1200, 88, 8200][k] as number,
  })),
];

/** `_format_size`'s rounding, read back as the parser reads it: [bytes, resolution]. */
export function tracemallocRounded(exactBytes: number): [number, number] {
  const bytes = Math.max(1, Math.round(exactBytes));
  if (bytes < 10 * KiB) return [bytes, 1];
  let unit = KiB;
  let value = bytes / KiB;
  while (value >= 10 * KiB && unit < 2 ** 40) {
    unit *= KiB;
    value /= KiB;
  }
  if (value < 100) return [(roundHalfEven(value * 10) * unit) / 10, unit / 10];
  return [roundHalfEven(value) * unit, unit];
}

/** C's `printf` rounding on exact ties (`value * 10` of a whole number of bytes over a power of two is exact there). */
function roundHalfEven(value: number): number {
  const down = Math.floor(value);
  const fraction = value - down;
  return fraction > 0.5 || (fraction === 0.5 && down % 2 === 1) ? down + 1 : down;
}

/** A standard normal draw clamped to ±4, so no single point is absurd. */
const normal = (r: Random): number => Math.max(-4, Math.min(4, r.normal()));

interface Plan {
  readonly kind: Kind;
  readonly file: string;
  readonly block: number;
  readonly base: number;
  /** Bytes per hour (leaks), bytes (warm-up, step), or relative amplitude (daily cycle, noisy). */
  readonly amount: number;
  /** Hours: warm-up time constant, step age, late leak's start in the window, or the daily cycle's phase. */
  readonly hours: number;
  /** Relative standard deviation of the noise on every point (the wander's, for `wander`). */
  readonly noise: number;
  /** `wander` only: AR(1) coefficient from one snapshot to the next. */
  readonly phi: number;
}

interface HostPlan {
  readonly host: string;
  readonly service: string;
  readonly pid: number;
  /** Hours between restarts, or undefined for a process that runs all week. */
  readonly restartHours: number | undefined;
  /** Window hours (≤ 0) when the process running at the window's start was started. */
  readonly startedAt: number;
  /** Milliseconds after the fleet's snapshot tick at which this host snapshots. */
  readonly offsetMs: number;
  readonly series: readonly Plan[];
}

const FLEET = { snapshots: 2000, everyMs: 5 * 60_000, restarting: 0.25, seed: 20261106 } as const;
const SERVICES = [
  { service: 'shop', prefix: 'web', hosts: 300 },
  { service: 'api', prefix: 'api', hosts: 120 },
  { service: 'jobs', prefix: 'worker', hosts: 80 },
] as const;
/** Cumulative shares of the kinds (the rest is `flat`). */
const MIX: readonly [Kind, number][] = [
  ['leak', 0.04],
  ['late-leak', 0.05],
  ['warm-up', 0.15],
  ['step', 0.19],
  ['daily-cycle', 0.24],
  ['noisy', 0.27],
  ['wander', 0.42],
];

function planSeries(r: Random, module: { file: string; block: number }, restartHours: number | undefined): Plan {
  const roll = r.next();
  const kind = MIX.find(([, share]) => roll < share)?.[0] ?? 'flat';
  const base = Math.max(module.block * 4, Math.exp(r.uniform(Math.log(64 * KiB), Math.log(60 * MiB))));
  const lifetime = restartHours ?? (FLEET.snapshots * FLEET.everyMs) / MS_PER_HOUR;
  const leakRate = Math.max(2 * KiB, base * Math.exp(r.uniform(Math.log(0.0005), Math.log(0.01))));
  const noise = r.uniform(0.0005, 0.005);
  // One object literal, its fields always in this order: every plan has the same shape.
  const plan = (amount: number, hours: number, noiseOf = noise, phi = 0): Plan => ({ kind, file: module.file, block: module.block, base, amount, hours, noise: noiseOf, phi });
  switch (kind) {
    case 'leak':
      return plan(leakRate, 0);
    case 'late-leak':
      return plan(leakRate, r.uniform(48, 130));
    case 'warm-up':
      return plan(base * r.uniform(0.3, 1.5), r.uniform(0.5, 3));
    case 'step':
      return plan(base * r.uniform(0.2, 1), r.uniform(2, 0.7 * lifetime));
    case 'daily-cycle':
      return plan(r.uniform(0.05, 0.2), r.uniform(0, 24));
    case 'noisy':
      return plan(r.uniform(0.3, 0.6), 0);
    case 'wander':
      return plan(0, 0, r.uniform(0.005, 0.02), r.uniform(0.9, 0.98));
    case 'flat':
      return plan(0, 0);
  }
}

function planFleet(): HostPlan[] {
  const r = new Random(FLEET.seed);
  const hosts: HostPlan[] = [];
  for (const { service, prefix, hosts: count } of SERVICES) {
    for (let n = 0; n < count; n += 1) {
      const restartHours = r.chance(FLEET.restarting) ? r.uniform(20, 28) : undefined;
      hosts.push({
        host: `${prefix}-${String(n).padStart(3, '0')}`,
        service,
        pid: r.int(1000, 30000),
        restartHours,
        startedAt: restartHours === undefined ? -r.uniform(0.25, 3) : -r.uniform(0, restartHours),
        offsetMs: r.int(0, FLEET.everyMs - 1),
        series: MODULES.map((module) => planSeries(r, module, restartHours)),
      });
    }
  }
  return hosts;
}

/** Bytes of a series at `age` hours into its lifetime, `hour` hours into the window, before noise. */
function trueSize(plan: Plan, age: number, hour: number, lifetimeStart: number): number {
  switch (plan.kind) {
    case 'leak':
      return plan.base + plan.amount * age;
    case 'late-leak':
      return plan.base + plan.amount * Math.max(0, hour - Math.max(plan.hours, lifetimeStart));
    case 'warm-up':
      return plan.base + plan.amount * (1 - Math.exp(-age / plan.hours));
    case 'step':
      return plan.base + (age > plan.hours ? plan.amount : 0);
    case 'daily-cycle':
      return plan.base * (1 + plan.amount * Math.sin((2 * Math.PI * (hour + plan.hours)) / 24));
    case 'noisy':
    case 'wander':
    case 'flat':
      return plan.base;
  }
}

function record(time: number, labels: TraceRecord['labels'], file: string, block: number, exact: number): TraceRecord {
  const [size, sizeResolution] = tracemallocRounded(exact);
  const count = Math.max(1, Math.round(size / block));
  return { time, event: 'top_current', labels, statistic: { filename: file, lineno: 0, size, sizeResolution, count } };
}

const kib = (bytes: number): string => (bytes / KiB).toFixed(bytes < 100 * KiB ? 1 : 0);

function describe(plan: Plan, host: HostPlan): string {
  const restarts = host.restartHours === undefined ? 'no restart' : `restarts every ${host.restartHours.toFixed(1)} h`;
  const base = `base ${kib(plan.base)} KiB`;
  const noise = `noise ${(100 * plan.noise).toFixed(2)}%`;
  const what: Record<Kind, () => string> = {
    leak: () => `${kib(plan.amount)} KiB/h`,
    'late-leak': () => `${kib(plan.amount)} KiB/h from hour ${plan.hours.toFixed(0)}`,
    'warm-up': () => `+${kib(plan.amount)} KiB, time constant ${plan.hours.toFixed(1)} h`,
    step: () => `+${kib(plan.amount)} KiB at age ${plan.hours.toFixed(1)} h`,
    'daily-cycle': () => `±${(100 * plan.amount).toFixed(0)}%`,
    wander: () => `AR(1) φ ${plan.phi.toFixed(3)}`,
    flat: () => '',
    noisy: () => `CV ${(100 * plan.amount).toFixed(0)}%`,
  };
  return [what[plan.kind](), base, plan.kind === 'noisy' ? '' : noise, restarts].filter((part) => part !== '').join(', ');
}

interface HostState {
  pid: number;
  lifetimeStart: number;
  labels: TraceRecord['labels'];
  /** Per series, the `wander` kind's current deviation. */
  readonly wander: number[];
}

/** Every host's snapshot at one tick of the fleet's clock: 10,000 records. */
function snapshotTick(hosts: readonly HostPlan[], state: readonly HostState[], tick: number, r: Random): TraceRecord[] {
  const chunk: TraceRecord[] = [];
  for (let h = 0; h < hosts.length; h += 1) {
    const host = hosts[h] as HostPlan;
    const s = state[h] as HostState;
    const time = T0 + tick * FLEET.everyMs + host.offsetMs + r.int(0, 1500);
    const hour = (time - T0) / MS_PER_HOUR;
    if (host.restartHours !== undefined) {
      while (hour - s.lifetimeStart >= host.restartHours) {
        s.lifetimeStart += host.restartHours;
        s.pid += r.int(17, 400);
        s.labels = { host: host.host, service: host.service, pid: String(s.pid) };
      }
    }
    const age = hour - s.lifetimeStart;
    for (let m = 0; m < host.series.length; m += 1) {
      const plan = host.series[m] as Plan;
      let factor: number;
      if (plan.kind === 'noisy') factor = Math.max(0.2, 1 + plan.amount * normal(r));
      else if (plan.kind === 'wander') {
        const wander = plan.phi * (s.wander[m] as number) + Math.sqrt(1 - plan.phi ** 2) * plan.noise * normal(r);
        s.wander[m] = wander;
        factor = 1 + wander;
      } else factor = 1 + plan.noise * normal(r);
      chunk.push(record(time, s.labels, plan.file, plan.block, trueSize(plan, age, hour, s.lifetimeStart) * factor));
    }
  }
  return chunk;
}

/** 500 hosts × 20 modules × 2,000 five-minute snapshots; one chunk per snapshot tick (10,000 records). */
export function fleetWeek(): ScaleCase {
  const hosts = planFleet();
  const truth = new Map<string, Truth>();
  for (const host of hosts) for (const plan of host.series) truth.set(truthKey(host.host, plan.file), { kind: plan.kind, note: describe(plan, host) });
  function* chunks(): Generator<TraceRecord[]> {
    const r = new Random(FLEET.seed + 1);
    const state: HostState[] = hosts.map((host) => ({
      pid: host.pid,
      lifetimeStart: host.startedAt,
      labels: { host: host.host, service: host.service, pid: String(host.pid) },
      wander: host.series.map(() => 0),
    }));
    for (let tick = 0; tick < FLEET.snapshots; tick += 1) yield snapshotTick(hosts, state, tick, r);
  }
  return { id: 'fleet-week', name: 'a fleet\u2019s week (5-min snapshots)', series: hosts.length * MODULES.length, points: FLEET.snapshots, chunks, truth };
}

const DAY = { points: 100_000, everyMs: 1000, chunk: 10_000, base: 6 * MiB, leak: 24 * KiB, noise: 0.02, seed: 20261107 } as const;
const DAY_HOST = { host: 'ingest-01', service: 'ingest', pid: '4242' } as const;
const DAY_MODULE = { file: '/srv/app/ingest/buffers.py', block: 512 } as const;

/** One module, 100,000 snapshots a second apart, a steady small leak under noise; chunks of 10,000. */
export function dayPerSecond(): ScaleCase {
  function* chunks(): Generator<TraceRecord[]> {
    const r = new Random(DAY.seed);
    const labels: TraceRecord['labels'] = { ...DAY_HOST };
    for (let first = 0; first < DAY.points; first += DAY.chunk) {
      const chunk: TraceRecord[] = [];
      for (let i = first; i < Math.min(first + DAY.chunk, DAY.points); i += 1) {
        const time = T0 + i * DAY.everyMs + r.int(0, 20);
        const exact = (DAY.base + (DAY.leak * (time - T0)) / MS_PER_HOUR) * (1 + DAY.noise * normal(r));
        chunk.push(record(time, labels, DAY_MODULE.file, DAY_MODULE.block, exact));
      }
      yield chunk;
    }
  }
  const note = `${kib(DAY.leak)} KiB/h from ${kib(DAY.base)} KiB, noise ${100 * DAY.noise}%`;
  const truth = new Map<string, Truth>([[truthKey(DAY_HOST.host, DAY_MODULE.file), { kind: 'leak', note }]]);
  return { id: 'day-per-second', name: 'a day, one snapshot a second', series: 1, points: DAY.points, chunks, truth };
}

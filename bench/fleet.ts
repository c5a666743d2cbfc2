/**
 * The simulated fleet behind the tracemalloc lines: 50 hosts in three services, each process
 * logging, every 5 minutes, `top_current` and `since_start` for its 20 source files. On each host
 * a few application modules leak slowly; the rest are flat, noisy, warm up to a plateau, or step
 * once. Some hosts restart now and then (new pid, memory and `since_start` baseline reset).
 */
import type { Fields } from './render.js';
import type { Random } from './random.js';
import type { LogContext } from './service-logs.js';
import { statisticDiffText, statisticText } from './tracemalloc-format.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const HOUR_US = 3_600_000_000;

/** Source files (as `statistics('filename')` names them) and their typical block size. */
const MODULES: readonly { readonly file: string; readonly block: number; readonly app: boolean }[] = [
  { file: '/usr/lib/python3.11/tracemalloc.py', block: 64, app: false },
  { file: '<frozen importlib._bootstrap_external>', block: 310, app: false },
  { file: '<frozen importlib._bootstrap>', block: 180, app: false },
  { file: '/usr/lib/python3.11/json/decoder.py', block: 220, app: false },
  { file: '/usr/lib/python3.11/socket.py', block: 1400, app: false },
  { file: '/usr/lib/python3.11/threading.py', block: 480, app: false },
  { file: '/usr/lib/python3.11/re/_compiler.py', block: 900, app: false },
  { file: '/usr/lib/python3.11/ssl.py', block: 750, app: false },
  { file: '/srv/app/venv/sqlalchemy/orm/session.py', block: 2600, app: false },
  { file: '/srv/app/mod01.py', block: 96, app: true },
  { file: '/srv/app/mod02.py', block: 4100, app: true },
  { file: '/srv/app/mod03.py', block: 150, app: true },
  { file: '/srv/app/mod04.py', block: 72, app: true },
  { file: '/srv/app/mod05.py', block: 33000, app: true },
  { file: '/srv/app/mod06.py', block: 560, app: true },
  { file: '/srv/app/mod07.py', block: 153 * KiB, app: true },
  { file: '/srv/app/mod08.py', block: 240, app: true },
  { file: '/srv/app/mod09.py', block: 1200, app: true },
  { file: '/srv/app/mod10.py', block: 88, app: true },
  { file: '/srv/app/mod11.py', block: 8200, app: true },
];
/** Each snapshot logs this many of the top statistics; with 20 files, all of them. */
const TOP = 20;
export const LINES_PER_SNAPSHOT = 2 * Math.min(TOP, MODULES.length);
export const MODULE_COUNT = MODULES.length;

export type Behaviour = 'leak' | 'flat' | 'noisy' | 'plateau' | 'step' | 'instrumentation';

interface Series {
  readonly file: string;
  readonly block: number;
  readonly behaviour: Behaviour;
  /** Bytes soon after the process starts. */
  readonly base: number;
  /** Bytes and blocks at the start snapshot, the `since_start` baseline. */
  readonly startSize: number;
  readonly startCount: number;
  /** Bytes per hour (leak, instrumentation), bytes (plateau, step), or relative noise (noisy). */
  readonly amount: number;
  /** Hours: the plateau's time constant, or when the step happens. */
  readonly hours: number;
}

interface Host extends LogContext {
  pid: number;
  readonly restartEveryUs: number | undefined;
  lifetimeStartUs: number;
  readonly series: readonly Series[];
}

const SERVICES = [
  { service: 'shop', prefix: 'web', hosts: 30 },
  { service: 'api', prefix: 'api', hosts: 12 },
  { service: 'jobs', prefix: 'worker', hosts: 8 },
] as const;

export const HOST_COUNT = SERVICES.reduce((sum, s) => sum + s.hosts, 0);

export class Fleet {
  readonly hosts: readonly Host[];

  constructor(
    private readonly r: Random,
    startUs: number,
  ) {
    const hosts: Host[] = [];
    for (const { service, prefix, hosts: count } of SERVICES) {
      for (let n = 0; n < count; n += 1) {
        const restartHours = r.chance(0.4) ? r.uniform(10, 60) : undefined;
        hosts.push({
          host: `${prefix}-${String(n).padStart(2, '0')}`,
          service,
          pid: r.int(1000, 30000),
          restartEveryUs: restartHours === undefined ? undefined : restartHours * HOUR_US,
          lifetimeStartUs: startUs - r.uniform(0.5, 6) * HOUR_US,
          series: hostSeries(r),
        });
      }
    }
    this.hosts = hosts;
  }

  /** The 40 lines (fields) one host logs for a snapshot taken at `timeUs`. */
  snapshot(hostIndex: number, timeUs: number, timestamp: (us: number) => string): Fields[] {
    const { r } = this;
    const host = this.hosts[hostIndex] as Host;
    if (host.restartEveryUs !== undefined) {
      while (timeUs - host.lifetimeStartUs >= host.restartEveryUs) {
        host.lifetimeStartUs += host.restartEveryUs;
        host.pid += r.int(17, 400);
      }
    }
    const ageHours = (timeUs - host.lifetimeStartUs) / HOUR_US;
    const stats = host.series.map((s) => {
      const size = Math.max(1, Math.round(sizeAt(s, ageHours, r)));
      const count = Math.max(1, Math.round((size / s.block) * (1 + 0.01 * r.normal())));
      return { file: s.file, size, count, sizeDiff: size - s.startSize, countDiff: count - s.startCount };
    });
    const top = [...stats].sort((a, b) => b.size - a.size).slice(0, TOP);
    // compare_to() ranks by absolute growth, then by size.
    const diffs = [...stats].sort((a, b) => Math.abs(b.sizeDiff) - Math.abs(a.sizeDiff) || b.size - a.size).slice(0, TOP);
    const context = { host: host.host, service: host.service, pid: host.pid };
    let us = timeUs;
    const line = (i: number, stat: string, event: string): Fields => {
      us += r.int(15, 60);
      return { i, stat, ...context, event, level: 'info', timestamp: timestamp(us) };
    };
    return [
      ...top.map((s, i) => line(i + 1, statisticText(s.file, s.size, s.count), 'top_current')),
      ...diffs.map((s, i) => line(i + 1, statisticDiffText(s.file, s.size, s.sizeDiff, s.count, s.countDiff), 'since_start')),
    ];
  }
}

/** One host's 20 series: 1–3 slow leaks, a warm-up plateau, maybe a step, noisy and flat ones. */
function hostSeries(r: Random): Series[] {
  const apps = MODULES.flatMap((m, k) => (m.app ? [k] : []));
  const behaviours: Behaviour[] = MODULES.map((m) => (m.file.endsWith('/tracemalloc.py') ? 'instrumentation' : r.chance(0.3) ? 'noisy' : 'flat'));
  const assign = (behaviour: Behaviour): void => {
    const free = apps.filter((k) => behaviours[k] === 'flat' || behaviours[k] === 'noisy');
    behaviours[r.pick(free)] = behaviour;
  };
  for (let n = r.int(1, 3); n > 0; n -= 1) assign('leak');
  assign('plateau');
  if (r.chance(0.15)) assign('step');
  return MODULES.map((m, k) => {
    const behaviour = behaviours[k] as Behaviour;
    const base = Math.max(m.block * 4, Math.exp(r.uniform(Math.log(64 * KiB), Math.log(60 * MiB))));
    const startSize = Math.round(base * r.uniform(0.4, 1));
    let amount = 0.002;
    let hours = 0;
    if (behaviour === 'leak') amount = Math.max(8 * KiB, base * r.uniform(0.004, 0.02));
    else if (behaviour === 'instrumentation') amount = r.uniform(20, 80) * KiB;
    else if (behaviour === 'plateau') [amount, hours] = [base * r.uniform(0.3, 1.5), r.uniform(0.5, 3)];
    else if (behaviour === 'step') [amount, hours] = [base * r.uniform(0.2, 1), r.uniform(2, 40)];
    else if (behaviour === 'noisy') amount = r.uniform(0.05, 0.25);
    return { file: m.file, block: m.block, behaviour, base, startSize, startCount: Math.max(1, Math.round(startSize / m.block)), amount, hours };
  });
}

function sizeAt(s: Series, ageHours: number, r: Random): number {
  const jitter = 1 + 0.002 * r.normal();
  switch (s.behaviour) {
    case 'leak':
    case 'instrumentation':
      return (s.base + s.amount * ageHours) * jitter;
    case 'plateau':
      return (s.base + s.amount * (1 - Math.exp(-ageHours / s.hours))) * jitter;
    case 'step':
      return (s.base + (ageHours > s.hours ? s.amount : 0)) * jitter;
    case 'noisy':
      return s.base * Math.max(0.2, 1 + s.amount * r.normal());
    case 'flat':
      return s.base * jitter;
  }
}

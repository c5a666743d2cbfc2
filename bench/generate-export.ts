/**
 * Deterministic benchmark exports: a 50-host fleet's logs, 30% tracemalloc statistics and 70%
 * everything else, in the structlog JSON-lines shape or as Datadog Logs API v2 NDJSON (one `Log`
 * a line). The same size and generator version always give the same bytes. With snapshots every
 * 5 minutes, 50 hosts × 20 files × 2 events and 30% of the lines, the span follows the size:
 * 2.5 hours at 200k lines, 25 hours at 2M, 5.2 days at 10M.
 *
 * Files are named by generator version, so a change to the generator (bump GENERATOR_VERSION)
 * regenerates them; a file is written under a temporary name and renamed when complete.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Fleet, HOST_COUNT, type Behaviour, LINES_PER_SNAPSHOT, MODULE_COUNT } from './fleet.js';
import { Random, HEX } from './random.js';
import { datadogV2Line, structlogLine, type Fields } from './render.js';
import { serviceFields } from './service-logs.js';

export const GENERATOR_VERSION = 1;

export type Shape = 'structlog' | 'datadog-v2';

/** What a generated file holds; saved beside it as `<file>.meta.json`. */
export interface ExportStats {
  readonly file: string;
  readonly shape: Shape;
  readonly lines: number;
  readonly bytes: number;
  readonly tracemallocLines: number;
  readonly nonAsciiLines: number;
  readonly hosts: number;
  readonly modules: number;
  readonly snapshotsPerHost: number;
  readonly from: string;
  readonly to: string;
}

const SEED = 20261102;
const TRACEMALLOC_SHARE = 0.3;
const START_US = Date.UTC(2026, 10, 2) * 1000;
const SNAPSHOT_EVERY_US = 5 * 60 * 1_000_000;
const NON_ASCII = /[^\x00-\x7f]/;

/** `<dir>/export-g<version>-<label>.<shape>.(jsonl|ndjson)`, e.g. `export-g1-2m.structlog.jsonl`. */
export function exportPath(dir: string, label: string, shape: Shape): string {
  const extension = shape === 'structlog' ? 'jsonl' : 'ndjson';
  return join(dir, `export-g${GENERATOR_VERSION}-${label}.${shape}.${extension}`);
}

/** The export's stats, generating it first if it is missing (and removing other versions' files). */
export function ensureExport(dir: string, label: string, lines: number, shape: Shape, log: (text: string) => void): ExportStats {
  const path = resolve(exportPath(dir, label, shape));
  const metaPath = `${path}.meta.json`;
  if (existsSync(path) && existsSync(metaPath)) return { ...(JSON.parse(readFileSync(metaPath, 'utf8')) as ExportStats), file: path };
  mkdirSync(dir, { recursive: true });
  removeOtherVersions(dir);
  log(`generating ${path} (${lines.toLocaleString('en-US')} lines)...`);
  const started = performance.now();
  const stats = generateExport(path, lines, shape);
  log(`  ${(stats.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  writeFileSync(metaPath, `${JSON.stringify(stats, null, 2)}\n`);
  return stats;
}

function removeOtherVersions(dir: string): void {
  for (const name of readdirSync(dir)) {
    const version = /^export-g(\d+)-/.exec(name)?.[1];
    if (version !== undefined && Number(version) !== GENERATOR_VERSION) rmSync(join(dir, name), { force: true });
  }
}

/** Writes `lines` lines of the export to `path`. */
export function generateExport(path: string, lines: number, shape: Shape): ExportStats {
  const out = new BufferedFile(`${path}.partial`);
  const generated = exportLines(lines, shape);
  for (const line of generated.lines) out.write(line);
  const bytes = out.close();
  renameSync(`${path}.partial`, path);
  return { file: path, bytes, ...generated.stats() };
}

/** What a generated export is known to hold: how each series was generated to behave. */
export interface ExportTruth {
  /** `host\0module` of every series generated to leak. */
  readonly leaks: ReadonlySet<string>;
  /** Every series' behaviour, keyed `host\0module`. */
  readonly behaviours: ReadonlyMap<string, Behaviour>;
}

/**
 * The export's lines (each ending in a newline), made as they are pulled, so a caller can stream
 * them anywhere without holding the export; `stats()` is complete once every line was pulled.
 */
export function exportLines(lines: number, shape: Shape): {
  readonly lines: Iterable<string>;
  readonly truth: ExportTruth;
  stats(): Omit<ExportStats, 'file' | 'bytes'>;
} {
  const r = new Random(SEED);
  const ids = new Random(SEED + 1); // Datadog ids only, so both shapes hold the same events
  const fleet = new Fleet(r, START_US);
  const snapshots = Math.max(1, Math.round((lines * TRACEMALLOC_SHARE) / (HOST_COUNT * LINES_PER_SNAPSHOT)));
  const traceLinesPerTick = HOST_COUNT * LINES_PER_SNAPSHOT;
  const otherLines = Math.max(0, lines - snapshots * traceLinesPerTick);
  let written = 0;
  let nonAscii = 0;
  let lastTimestamp = '';
  const render = (fields: Fields): string => {
    const line = shape === 'structlog' ? structlogLine(fields) : datadogV2Line(fields, datadogId(ids));
    if (NON_ASCII.test(line)) nonAscii += 1;
    const timestamp = fields['timestamp'] as string;
    if (timestamp > lastTimestamp) lastTimestamp = timestamp;
    written += 1;
    return line;
  };

  function* generate(): Generator<string> {
    for (let tick = 0; tick < snapshots; tick += 1) {
      const tickStart = START_US + tick * SNAPSHOT_EVERY_US;
      const others = Math.floor(((tick + 1) * otherLines) / snapshots) - Math.floor((tick * otherLines) / snapshots);
      const slots = traceLinesPerTick + others;
      let pending: Fields[] = [];
      let nextHost = 0;
      // Spread the tick's tracemalloc lines evenly among its other lines (Bresenham).
      for (let slot = 0; slot < slots; slot += 1) {
        const timeUs = tickStart + Math.floor((slot * SNAPSHOT_EVERY_US) / slots);
        const isTrace = Math.floor(((slot + 1) * traceLinesPerTick) / slots) > Math.floor((slot * traceLinesPerTick) / slots);
        if (isTrace) {
          if (pending.length === 0) pending = fleet.snapshot(nextHost++, timeUs, isoMicros).reverse();
          yield render(pending.pop() as Fields);
        } else {
          const host = r.pick(fleet.hosts);
          yield render(serviceFields(r, host, isoMicros(timeUs + r.int(0, 999))));
        }
      }
    }
  }
  const behaviours = new Map(fleet.hosts.flatMap((host) => host.series.map((s) => [`${host.host}\u0000${s.file}`, s.behaviour] as const)));
  const leaks = new Set([...behaviours].flatMap(([key, behaviour]) => (behaviour === 'leak' ? [key] : [])));
  return {
    lines: generate(),
    truth: { leaks, behaviours },
    stats: () => ({
      shape,
      lines: written,
      tracemallocLines: snapshots * traceLinesPerTick,
      nonAsciiLines: nonAscii,
      hosts: HOST_COUNT,
      modules: MODULE_COUNT,
      snapshotsPerHost: snapshots,
      from: isoMicros(START_US),
      to: lastTimestamp,
    }),
  };
}

/** `2026-11-02T00:05:03.123456Z`, as structlog's TimeStamper(fmt="iso", utc=True) writes it. */
function isoMicros(us: number): string {
  const second = Math.floor(us / 1_000_000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  return `${cachedPrefix}${String(us % 1_000_000).padStart(6, '0')}Z`;
}
let cachedSecond = NaN;
let cachedPrefix = '';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** An opaque id shaped like Datadog's (base64url, ~90 characters). */
function datadogId(r: Random): string {
  return `AwAAAZ${r.text(30, ID_ALPHABET)}AAAAJDAxOT${r.text(32, HEX)}AAAAAA`;
}

/** Appends text to a file in large writes (8 MiB). */
class BufferedFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 23);
  private used = 0;
  private bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    if (this.used + text.length * 3 > this.buffer.length) this.flush();
    if (text.length * 3 > this.buffer.length) {
      this.writeAll(Buffer.from(text, 'utf8'));
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** Flushes, closes, and returns the bytes written. */
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }

  private flush(): void {
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private writeAll(data: Buffer): void {
    for (let offset = 0; offset < data.length; ) offset += writeSync(this.fd, data, offset);
    this.bytes += data.length;
  }
}

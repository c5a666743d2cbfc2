/** The commands the bench times on each file, and what each one's finished run means. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExportStats, Shape } from './generate-export.js';
import type { Command, Run } from './measure.js';

export interface BenchFile {
  /** `200k`, `2m`, `10m`. */
  readonly label: string;
  readonly shape: Shape;
  readonly stats: ExportStats;
}

/** A finished run: fine (with a note for the table), or not (with what to show instead of figures). */
export type Outcome = { readonly ok: true; readonly note: string } | { readonly ok: false; readonly status: string; readonly detail: string };

export type ToolId = 'cat' | 'floor' | 'jq' | 'ndjson' | 'leak-suspects';

export interface Tool {
  readonly id: ToolId;
  readonly name: string;
  /** The command for a file, or why it cannot run here. */
  command(file: BenchFile): Command | string;
  judge(run: Run, file: BenchFile): Outcome;
}

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const node = (script: string, file: BenchFile): Command => ({ file: process.execPath, args: [here(script), file.stats.file], stdout: 'keep' });
const count = (n: number): string => n.toLocaleString('en-US');

function exitedZero(run: Run, note: (run: Run) => string): Outcome {
  if (run.exitCode === 0) return { ok: true, note: note(run) };
  return { ok: false, status: `failed (exit ${run.exitCode ?? 'signal'})`, detail: run.stderr };
}

const TRACE_EVENTS_JQ = (key: string): string => `select(${key} == "top_current" or ${key} == "since_start")`;

/** The command as installed (package.json `bin`): the bundle. */
const CLI = here('../cli/bin.js');
const jqMissing = spawnSync('jq', ['--version']).status !== 0;

export const TOOLS: readonly Tool[] = [
  {
    id: 'cat',
    name: 'cat (I/O floor)',
    command: (file) => ({ file: 'cat', args: [file.stats.file], stdout: 'discard' }),
    judge: (run) => exitedZero(run, () => ''),
  },
  {
    id: 'floor',
    name: 'node split + JSON.parse (parsing floor)',
    command: (file) => node('./parse-floor.js', file),
    judge: (run, file) =>
      exitedZero(run, () => {
        const { lines, parsed } = JSON.parse(run.stdout) as { lines: number; parsed: number };
        const wrong = lines !== file.stats.lines || parsed !== file.stats.tracemallocLines ? ' — WRONG COUNT' : '';
        return `${count(parsed)} parsed${wrong}`;
      }),
  },
  {
    id: 'jq',
    name: 'jq select',
    command: (file) =>
      jqMissing
        ? 'jq not installed'
        : { file: 'jq', args: ['-c', TRACE_EVENTS_JQ(file.shape === 'structlog' ? '.event' : '.attributes.attributes.event'), file.stats.file], stdout: 'discard' },
    judge: (run) => exitedZero(run, () => ''),
  },
  {
    id: 'ndjson',
    name: 'ndjson.parse() only',
    command: (file) => node('./ndjson-count.js', file),
    judge: (run, file) =>
      exitedZero(run, () => {
        const { objects } = JSON.parse(run.stdout) as { objects: number };
        return `${count(objects)} objects${objects === file.stats.lines ? '' : ' — WRONG COUNT'}`;
      }),
  },
  {
    id: 'leak-suspects',
    name: 'leak-suspects --format json',
    command: (file) =>
      existsSync(CLI)
        ? { file: process.execPath, args: [CLI, '--format', 'json', file.stats.file], stdout: 'discard' }
        : `not built (${CLI} missing)`,
    judge: (run, file) => {
      if (run.exitCode === 0) return { ok: true, note: 'exit 0 (no suspects)' };
      if (run.exitCode === 1) return { ok: true, note: 'exit 1 (suspects found)' };
      if (run.exitCode === 2 && file.shape !== 'structlog' && run.stderr.includes('no tracemalloc records')) {
        return { ok: false, status: 'unsupported (exit 2)', detail: '' };
      }
      return { ok: false, status: `failed (exit ${run.exitCode ?? 'signal'})`, detail: run.stderr };
    },
  },
];

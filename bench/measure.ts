/**
 * Runs a command as a child process and measures its wall time (in this process), and, through
 * GNU time, its peak resident set size (`%M`) and CPU time (`%U`, `%S`), for node and non-node
 * commands alike. The CPU time, against the machine's busy time in /proc/stat, tells how much
 * other work ran alongside (this is a shared 2-core machine): "other CPU" in the table.
 *
 * Without /usr/bin/time (Debian's package `time`: `apt-get install -y time`), the bench still
 * runs and reports peak RSS and other CPU as "n/a".
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const canMeasurePeak = existsSync(GNU_TIME);

export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** Standard output goes to /dev/null, or is kept (for the small outputs of the bench's helpers). */
  readonly stdout: 'discard' | 'keep';
}

export interface Run {
  readonly seconds: number;
  readonly peakBytes: number | undefined;
  /** Cores' worth of CPU that other processes used during the run, on average. */
  readonly otherCores: number | undefined;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_STDERR = 64 * 1024;
/** /proc/stat counts in 10 ms ticks: shorter runs cannot tell other work from rounding. */
const MIN_SECONDS_FOR_LOAD = 0.5;

export async function runOnce(command: Command): Promise<Run> {
  const peakFile = join(tmpdir(), `leak-suspects-bench-${process.pid}.peak`);
  rmSync(peakFile, { force: true });
  const [file, args] = canMeasurePeak
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', peakFile, command.file, ...command.args]]
    : [command.file, [...command.args]];
  const devNull = openSync('/dev/null', 'w');
  const busyBefore = machineBusySeconds();
  const started = process.hrtime.bigint();
  const child = spawn(file, args, { stdio: ['ignore', command.stdout === 'discard' ? devNull : 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < MAX_STDERR) stderr += text;
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  }).finally(() => closeSync(devNull));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const busyAfter = machineBusySeconds();
  const usage = readUsage(peakFile);
  const otherCores =
    usage === undefined || busyBefore === undefined || busyAfter === undefined || seconds < MIN_SECONDS_FOR_LOAD
      ? undefined
      : Math.max(0, (busyAfter - busyBefore - usage.cpuSeconds) / seconds);
  return { seconds, peakBytes: usage?.peakBytes, otherCores, exitCode, stdout, stderr };
}

/** GNU time's `%M %U %S`; it writes "Command exited with non-zero status N" first when it applies. */
function readUsage(path: string): { peakBytes: number; cpuSeconds: number } | undefined {
  if (!existsSync(path)) return undefined;
  const lastLine = readFileSync(path, 'utf8').trim().split('\n').pop() ?? '';
  rmSync(path, { force: true });
  const match = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(lastLine);
  if (match === null) return undefined;
  return { peakBytes: Number(match[1]) * 1024, cpuSeconds: Number(match[2]) + Number(match[3]) };
}

/** CPU seconds the whole machine has been busy since boot (all cores), from /proc/stat. */
function machineBusySeconds(): number | undefined {
  try {
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = (readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** The unit of /proc/stat (sysconf(_SC_CLK_TCK)): 100 on every Linux that Node runs on. */
const USER_HZ = 100;

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

import { spawn } from 'node:child_process';
import { BIN, REPO_ROOT } from './paths.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A run not ended after this long is taken for a hang. Node 20 can deadlock as a process ends,
 * its main thread waiting for a background compile that waits for the main thread to collect
 * garbage (nodejs/node#54918; seen once in this project's test runs, a JSON report of a 90 KB
 * input still not ended after 17 minutes). The longest run here takes about 16 s.
 */
const HANG_MS = 120_000;

/**
 * Runs the built command as a user would, with a clean environment (no colour, UTC), optional
 * bytes on standard input, and extra node flags (e.g. a heap limit). A run that hangs is killed
 * and run once more, said on stderr; a second hang fails.
 */
export async function runCli(
  args: readonly string[],
  options: { stdin?: Buffer | string; nodeFlags?: readonly string[]; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const first = await runOnce(args, options);
  if (first !== 'hung') return first;
  process.stderr.write(`runCli: leak-suspects ${args.join(' ')} had not ended after ${HANG_MS / 1000} s: killed, run again (nodejs/node#54918)\n`);
  const second = await runOnce(args, options);
  if (second === 'hung') throw new Error(`leak-suspects ${args.join(' ')} hung twice (${HANG_MS / 1000} s each)`);
  return second;
}

function runOnce(
  args: readonly string[],
  options: { stdin?: Buffer | string; nodeFlags?: readonly string[]; env?: Record<string, string> },
): Promise<CliResult | 'hung'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeFlags ?? []), BIN, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TZ: 'UTC', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(hung ? 'hung' : { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}

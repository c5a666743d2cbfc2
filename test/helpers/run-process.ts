import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Writes the process's standard input and ends it (by default it is ended at once). Called
   * again for a run made again after a hang, with `attempt` 2: a feed that cannot give the same
   * bytes twice from where it took them must take them from elsewhere then.
   */
  readonly feed?: (stdin: Writable, attempt: number) => Promise<unknown> | void;
}

/**
 * A run not ended after this long is taken for a hang. Node 20 can deadlock as a process ends,
 * its main thread waiting for a background compile that waits for the main thread to collect
 * garbage (nodejs/node#54918; it has hung two of this project's CI runs, one of them still not
 * ended after 17 minutes with its report written). The longest run here takes about 16 s.
 */
export const HANG_MS = 120_000;

/**
 * Runs a command to its end and gives its exit code and output. A run that hangs is killed, with
 * every process it started (it leads a process group of its own), and run once more, said on
 * stderr; a second hang fails. Every test that starts the command, itself or through a script,
 * starts it so: one hang would otherwise hold the whole test run until CI's limit.
 */
export async function runProcess(command: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessResult> {
  const what = [command, ...args].join(' ').slice(0, 200);
  for (let attempt = 1; ; attempt++) {
    const result = await runOnce(command, args, options, attempt);
    if (result !== 'hung') return result;
    if (attempt === 2) throw new Error(`${what} hung twice (${HANG_MS / 1000} s each)`);
    process.stderr.write(`runProcess: ${what} had not ended after ${HANG_MS / 1000} s: killed, run again (nodejs/node#54918)\n`);
  }
}

function runOnce(command: string, args: readonly string[], options: RunOptions, attempt: number): Promise<ProcessResult | 'hung'> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
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
    // A command may end without reading all its input: that is for the test to judge, not a failure here.
    child.stdin.on('error', () => undefined);
    const fed = options.feed === undefined ? child.stdin.end() : options.feed(child.stdin, attempt);
    if (fed instanceof Promise) {
      fed.catch((error: unknown) => {
        if (!hung) {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    }
  });
}

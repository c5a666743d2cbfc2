#!/usr/bin/env node
import { main } from './main.js';

/**
 * The one place the process ends with its exit code: once what was written to stdout and stderr
 * has gone out, by `process.exit`, not by letting the event loop run dry. At a dry loop Node 20
 * waits for every background task, and a background compile that is waiting for the main thread
 * to collect garbage then never ends: the process hangs with its report written
 * (nodejs/node#54918; the command on a 91 KB export hung in 2 of 200 runs so). `process.exit`
 * skips that wait; the README's Limits say what it leaves and what was measured.
 */
function exitWith(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});
main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(exitWith, (error: unknown) => {
  process.stderr.write(`leak-suspects: internal error: ${(error as Error)?.message ?? String(error)}\n`);
  if (process.env['LEAK_SUSPECTS_DEBUG']) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  exitWith(2);
});

#!/usr/bin/env node
import { main } from './main.js';

// The one place the process's exit code is set.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});
main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`leak-suspects: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env['LEAK_SUSPECTS_DEBUG']) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  },
);

import { BIN, REPO_ROOT } from './paths.js';
import { runProcess, type ProcessResult } from './run-process.js';

export type CliResult = ProcessResult;

/**
 * Runs the built command as a user would, with a clean environment (no colour, UTC), optional
 * bytes on standard input, and extra node flags (e.g. a heap limit); a hang is retried once
 * (see `runProcess`).
 */
export function runCli(
  args: readonly string[],
  options: { stdin?: Buffer | string; nodeFlags?: readonly string[]; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return runProcess(process.execPath, [...(options.nodeFlags ?? []), BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', TZ: 'UTC', ...options.env },
    feed: (stdin) => void stdin.end(options.stdin ?? ''),
  });
}

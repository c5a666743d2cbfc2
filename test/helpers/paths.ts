import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (tests run compiled, from dist/test/...). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SAMPLES = join(REPO_ROOT, 'samples');
/** The command as installed: the bundle of scripts/bundle-cli.mjs. */
export const BIN = join(REPO_ROOT, 'dist', 'cli', 'bin.js');

export function sample(name: string): string {
  return join(SAMPLES, name);
}

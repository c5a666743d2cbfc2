import { readFileSync } from 'node:fs';
import { LIFETIME_KEYS } from '../../src/series/lifetimes.js';
import { sample } from './paths.js';

/** A sample's sidecar: the ground truth of the run that wrote it. */
export interface Expected {
  readonly leaking: { module: string; labels: Record<string, string> }[];
}

export function expected(name: string): Expected {
  return JSON.parse(readFileSync(sample(`${name}.expected.json`), 'utf8')) as Expected;
}

/**
 * `module {labels}` of a finding or a sidecar entry, by process: sidecars name each lifetime by
 * its pid, while a finding's labels name the process and count its lifetimes.
 */
export function identity(entry: { module: string; labels: Readonly<Record<string, string>> }): string {
  const labels = Object.fromEntries(Object.entries(entry.labels).filter(([name]) => !LIFETIME_KEYS.includes(name)));
  return `${entry.module} ${JSON.stringify(labels)}`;
}

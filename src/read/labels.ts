import type { Fields } from './fields.js';
import type { Labels } from './record.js';

/** The context keys that tell processes apart, by default (SPEC "The model"). */
export const DEFAULT_LABEL_KEYS = ['host', 'service', 'pid', 'container_id', 'pod_name'] as const;

/** The keys that name one lifetime of a process rather than the process: a restart changes them. */
export const LIFETIME_KEYS: readonly string[] = ['pid', 'container_id'];

/**
 * The identity labels of a record: the chosen keys it carries (strings and numbers, as text),
 * or `{source}` — the file it came from — when it carries none of them.
 */
export function identityLabels(fields: Fields, keys: readonly string[], source: string): Labels {
  const labels: Record<string, string> = {};
  let found = false;
  for (const key of keys) {
    const value = fields(key);
    if (typeof value === 'string' || typeof value === 'number') {
      labels[key] = String(value);
      found = true;
    }
  }
  return found ? labels : { source };
}

/**
 * Whether two sets of labels are the same names with the same values. Consecutive records mostly
 * come from one process: comparing their labels spares building and hashing a text key for each.
 */
export function sameLabels(a: Labels, b: Labels): boolean {
  let names = 0;
  for (const name in a) {
    if (a[name] !== b[name]) return false;
    names += 1;
  }
  for (const _ in b) names -= 1;
  return names === 0;
}

/** A stable text key for a set of labels (sorted by name). */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key] ?? ''}`)
    .join(',');
}

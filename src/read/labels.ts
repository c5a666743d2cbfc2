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
 * Values kept per process, found by a record's identity labels: by their names and values as
 * written (a text key: no sorting), and, for a record of the same process as the last one looked
 * up — nearly every record, as logs run — by comparing the two sets of labels, which spares
 * building and hashing that key. The reading worker and the collector look up every record so.
 */
export class ByLabels<T> {
  private readonly byText = new Map<string, T>();
  private last: { readonly labels: Labels; readonly value: T } | undefined;

  /** The value kept for these labels; `make` makes it the first time their text is seen. */
  get(labels: Labels, make: (labels: Labels) => T): T {
    const last = this.last;
    if (last !== undefined && (labels === last.labels || sameLabels(labels, last.labels))) return last.value;
    let text = '';
    for (const name in labels) text += `${name}\u0000${labels[name] ?? ''}\u0000`;
    let value = this.byText.get(text);
    if (value === undefined) {
      value = make(labels);
      this.byText.set(text, value);
    }
    this.last = { labels, value };
    return value;
  }

  clear(): void {
    this.byText.clear();
    this.last = undefined;
  }
}

/** Whether two sets of labels are the same names with the same values, in any order. */
function sameLabels(a: Labels, b: Labels): boolean {
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

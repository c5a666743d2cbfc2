import { parseTimestamp } from '../read/timestamp.js';
import type { TimeBound } from '../series/time-window.js';

const HOURS_PER_UNIT: Readonly<Record<string, number>> = {
  s: 1 / 3600,
  m: 1 / 60,
  min: 1 / 60,
  h: 1,
  d: 24,
  w: 168,
};

/** `90s`, `30m`, `24h`, `1.5d`, `2w` → hours; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)\s*$/i.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * (HOURS_PER_UNIT[(m[2] ?? '').toLowerCase()] as number);
}

/** A `--since`/`--until` value: a duration back from the reference time, or a timestamp as logs write them (UTC when no zone). */
export function parseTimeBound(text: string): TimeBound | undefined {
  const hoursBefore = parseDuration(text);
  if (hoursBefore !== undefined) return { hoursBefore };
  const at = parseTimestamp(text);
  return at === undefined ? undefined : { at };
}

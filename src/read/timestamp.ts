/**
 * Timestamps as log shapes write them, turned into epoch milliseconds (UTC).
 *
 * Accepted:
 * - ISO-8601 with `Z` or an offset: `2018-09-08T09:51:40.247849Z`, `...+02:00`;
 * - ISO-8601 without a zone, and stdlib logging's `2018-09-08 09:51:40,247`: read as UTC;
 * - epoch seconds or milliseconds, as a number or a numeric string (values above 1e11 are
 *   milliseconds: 1e11 seconds is the year 5138).
 *
 * Fractions finer than a millisecond are truncated, which keeps equal instants equal.
 */

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const EPOCH_MS_THRESHOLD = 1e11;

/** Epoch milliseconds of a logged timestamp, or undefined when it is not one. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? epochToMs(value) : undefined;
  if (typeof value !== 'string') return undefined;
  return parseUtcSameSecond(value) ?? parseTimestampText(value.trim());
}

/** The last `YYYY-MM-DDTHH:MM:SS` read in full (at first one no timestamp starts with), and its epoch milliseconds. */
let lastSecondText = '\u0000';
let lastSecondMs = NaN;

/**
 * The common case, sooner: `YYYY-MM-DDTHH:MM:SS.fffZ` in the same second as the last timestamp read
 * this way (a snapshot's lines, and a busy log's, share seconds), so only the fraction is new.
 * Undefined for anything else, which the full parse handles.
 */
function parseUtcSameSecond(text: string): number | undefined {
  const n = text.length;
  if (n < 21 || n > 40 || text.charCodeAt(n - 1) !== 0x5a /* Z */ || text.charCodeAt(19) !== 0x2e /* . */) return undefined;
  let fraction = 0;
  let digits = 0;
  for (let i = 20; i < n - 1; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    if (digits < 3) fraction = fraction * 10 + digit;
    digits += 1;
  }
  if (digits === 0) return undefined;
  for (; digits < 3; digits++) fraction *= 10;
  if (!text.startsWith(lastSecondText)) {
    const second = text.slice(0, 19);
    const ms = parseTimestampText(`${second}Z`);
    if (ms === undefined) return undefined;
    lastSecondText = second;
    lastSecondMs = ms;
  }
  return lastSecondMs + fraction;
}

function parseTimestampText(text: string): number | undefined {
  const m = ISO_LIKE.exec(text);
  if (m === null) {
    return /^\d+(\.\d+)?$/.test(text) ? epochToMs(Number(text)) : undefined;
  }
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (!Number.isFinite(utc) || !validCalendar(Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0))) {
    return undefined;
  }
  return utc - offsetMinutes(zone) * 60_000;
}

function epochToMs(value: number): number {
  return Math.trunc(value >= EPOCH_MS_THRESHOLD ? value : value * 1000);
}

function validCalendar(month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/** ISO-8601 UTC with milliseconds, as the report writes times. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

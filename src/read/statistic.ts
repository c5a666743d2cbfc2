/**
 * Parser for `str()` of a CPython `tracemalloc.Statistic` or `tracemalloc.StatisticDiff`
 * (Lib/tracemalloc.py, unchanged from 3.4 to 3.13):
 *
 * ```
 * STAT  := FRAME ": size=" SIZE ", count=" INT [", average=" SIZE]
 * DIFF  := FRAME ": size=" SIZE " (" SIGNED_SIZE "), count=" INT " (" SIGNED_INT ")" [", average=" SIZE]
 * FRAME := FILENAME ":" LINENO
 * SIZE  := DIGITS ["." DIGIT] " " ("B" | "KiB" | "MiB" | "GiB" | "TiB")
 * ```
 *
 * The filename is free text (colons, spaces, `<frozen ...>`, even `: size=`), but nothing after
 * it ever contains a colon, so the line is split at the LAST `": size="` and the frame at the
 * last `":"` before that; the tail is then scanned left to right. Every step is a linear scan
 * with no regex, so adversarial input cannot cause backtracking; a call allocates only the
 * filename slice, a few small scan results and the returned object.
 *
 * Like CPython, `, average=` must be present exactly when count > 0: a line cut just after the
 * count (a truncated log line) is rejected rather than read as a smaller count. The parse is
 * exact: no surrounding whitespace (callers trim), and a filename may not start with a space or
 * tab — no real module does, and an untrimmed line would otherwise become a separate module.
 *
 * `_format_size` prints whole bytes below 10 KiB, then `%.1f` below 100 units and `%.0f` up to
 * 10240 units (TiB has no upper bound). The printed number is therefore quantised: each size
 * carries its resolution, the place value of its last printed digit.
 */

export type SizeUnit = 'B' | 'KiB' | 'MiB' | 'GiB' | 'TiB';

export interface Statistic {
  /** The source file as logged, e.g. "/usr/lib/python3.6/socket.py". */
  readonly filename: string;
  /** The line number; 0 when the statistics were grouped by filename. */
  readonly lineno: number;
  /** Bytes, as rounded by tracemalloc. */
  readonly size: number;
  /** Bytes: the place value of the last printed digit of `size` — 1 for "812 B", 102.4 for "12.3 KiB", 1024 for "1840 KiB", 104857.6 for "2.5 MiB". The true size lies within ±resolution/2 (bytes are exact). */
  readonly sizeResolution: number;
  readonly count: number;
  /** StatisticDiff only: signed growth in bytes, and its resolution as above. */
  readonly sizeDiff?: number;
  readonly sizeDiffResolution?: number;
  /** StatisticDiff only: signed change of count (exact). */
  readonly countDiff?: number;
  /** Bytes, when count > 0. */
  readonly average?: number;
}

export type StatisticParse =
  | { readonly ok: true; readonly statistic: Statistic }
  | { readonly ok: false; readonly error: string };

const SIZE_SEPARATOR = ': size=';
const COUNT_SEPARATOR = ', count=';
const AVERAGE_SEPARATOR = ', average=';
/** 15 decimal digits always fit in a safe integer (2^53 ≈ 9.007e15). */
const MAX_DIGITS = 15;
/** Longest quoted excerpt in an error message, ellipsis included. */
const MAX_QUOTE = 60;

const UNIT_BYTES: Readonly<Record<SizeUnit, number>> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

const UNIT_NAMES: readonly SizeUnit[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const UNIT_LIST = UNIT_NAMES.join(', ');

const CHAR_0 = 48;
const CHAR_9 = 57;

/** Where a scan stopped: the parsed value and the index just past it. */
interface Scanned {
  readonly value: number;
  readonly end: number;
}

interface ScannedSize {
  readonly bytes: number;
  readonly resolution: number;
  readonly end: number;
}

type SignRule = 'none' | 'required' | 'optional';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Reads a run of 1 to MAX_DIGITS ASCII digits at `start`. Returns undefined when there is no
 * digit or too many; the caller names what it expected.
 */
function scanDigits(text: string, start: number): Scanned | undefined {
  let value = 0;
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) break;
    value = value * 10 + (code - CHAR_0);
  }
  const digits = i - start;
  if (digits === 0 || digits > MAX_DIGITS) return undefined;
  return { value, end: i };
}

/** Reads an integer with a mandatory `+` or `-`, as printed by `%+i`. */
function scanSignedInt(text: string, start: number): Scanned | undefined {
  const sign = text[start];
  if (sign !== '+' && sign !== '-') return undefined;
  const magnitude = scanDigits(text, start + 1);
  if (magnitude === undefined) return undefined;
  // "-0" is zero, not negative zero.
  const value = sign === '-' && magnitude.value !== 0 ? -magnitude.value : magnitude.value;
  return { value, end: magnitude.end };
}

/**
 * The unit at `start` and the index past it; undefined unless one of the five units is there
 * and is not followed by another letter (so "BiB" and "KiBs" are rejected whole).
 */
function scanUnit(text: string, start: number): { unit: SizeUnit; end: number } | undefined {
  for (const unit of UNIT_NAMES) {
    const end = start + unit.length;
    if (text.startsWith(unit, start) && !isLetter(text.charCodeAt(end))) return { unit, end };
  }
  return undefined;
}

/** `code` is a char code, or NaN past the end of the text (neither digit nor letter). */
function isDigit(code: number): boolean {
  return code >= CHAR_0 && code <= CHAR_9;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Reads one SIZE token at `start`: `[sign] DIGITS ["." DIGIT] " " UNIT`. Bytes ("B") never
 * carry a decimal, as in `_format_size`. When the token is malformed, returns what was expected
 * ("a unit (B, KiB, ...)"), for the caller to place in a sentence.
 */
function scanSize(text: string, start: number, signRule: SignRule): ScannedSize | string {
  let i = start;
  let negative = false;
  const sign = text[i];
  if (sign === '+' || sign === '-') {
    if (signRule === 'none') return 'an unsigned size';
    negative = sign === '-';
    i++;
  } else if (signRule === 'required') {
    return 'a signed size such as "+1.2 MiB"';
  }

  const whole = scanDigits(text, i);
  if (whole === undefined) return 'a size such as "12.3 KiB"';
  let mantissa = whole.value;
  let decimals = 0;
  i = whole.end;
  if (text[i] === '.') {
    const tenths = text.charCodeAt(i + 1);
    if (!isDigit(tenths) || isDigit(text.charCodeAt(i + 2))) {
      return 'exactly one digit after the decimal point';
    }
    mantissa = mantissa * 10 + (tenths - CHAR_0);
    decimals = 1;
    i += 2;
  }

  if (text[i] !== ' ') return 'a space before the unit';
  const unit = scanUnit(text, i + 1);
  if (unit === undefined) return `a unit (${UNIT_LIST})`;
  if (unit.unit === 'B' && decimals > 0) return 'whole bytes';

  // The unit is a power of two, so `mantissa * unitBytes` is exact; the one division by ten
  // is correctly rounded.
  const unitBytes = UNIT_BYTES[unit.unit];
  const resolution = decimals === 0 ? unitBytes : unitBytes / 10;
  const magnitude = decimals === 0 ? mantissa * unitBytes : (mantissa * unitBytes) / 10;
  // "-0 B" and "-0.0 KiB" are zero, not negative zero.
  const bytes = negative && magnitude !== 0 ? -magnitude : magnitude;
  return { bytes, resolution, end: unit.end };
}

/** Parses one SIZE token such as "1840 KiB" or "+1.2 MiB" into bytes and resolution; undefined if malformed. */
export function parseSize(text: string): { bytes: number; resolution: number } | undefined {
  const scanned = scanSize(text, 0, 'optional');
  if (typeof scanned === 'string' || scanned.end !== text.length) return undefined;
  return { bytes: scanned.bytes, resolution: scanned.resolution };
}

/** `"text"`, cut to MAX_QUOTE characters with an ellipsis and JSON-escaped for the terminal. */
function quote(text: string): string {
  const short = text.length <= MAX_QUOTE ? text : `${text.slice(0, MAX_QUOTE - 1)}…`;
  return JSON.stringify(short);
}

/** Like `quote`, but keeps the end of the text. */
function quoteEnd(text: string): string {
  const short = text.length <= MAX_QUOTE ? text : `…${text.slice(-(MAX_QUOTE - 1))}`;
  return JSON.stringify(short);
}

function fail(message: string, excerpt: string): StatisticParse {
  return { ok: false, error: `stat: ${message} in ${quote(excerpt)}` };
}

/** Fails quoting `text` from index `at`, or its end when the text stopped short. */
function failAt(message: string, text: string, at: number): StatisticParse {
  if (at < text.length) return fail(message, text.slice(at));
  return { ok: false, error: `stat: ${message} at the end of ${quoteEnd(text)}` };
}

/** Parses str() of a tracemalloc Statistic or StatisticDiff. Never throws. */
export function parseStatistic(text: string): StatisticParse {
  // The frame: everything before the last ": size=", split at its last colon.
  const sizeAt = text.lastIndexOf(SIZE_SEPARATOR);
  if (sizeAt < 0) return fail('expected "FILENAME:LINENO: size="', text);
  const colonAt = sizeAt > 0 ? text.lastIndexOf(':', sizeAt - 1) : -1;
  if (colonAt < 0) {
    return fail('expected "FILENAME:LINENO" before ": size="', sizeAt > 0 ? text.slice(0, sizeAt) : text);
  }
  if (colonAt === 0) return fail('expected a filename before ":LINENO"', text);
  if (text[0] === ' ' || text[0] === '\t') return fail('expected no whitespace before the filename', text);
  const lineno = scanDigits(text, colonAt + 1);
  if (lineno === undefined || lineno.end !== sizeAt) {
    return fail('expected a non-negative integer line number', text.slice(colonAt + 1));
  }
  const filename = text.slice(0, colonAt);

  // size, then " (SIGNED_SIZE)" for a StatisticDiff.
  let i = sizeAt + SIZE_SEPARATOR.length;
  const size = scanSize(text, i, 'none');
  if (typeof size === 'string') return failAt(`expected ${size} for size`, text, i);
  i = size.end;
  let sizeDiff: ScannedSize | undefined;
  if (text.startsWith(' (', i)) {
    const diff = scanSize(text, i + 2, 'required');
    if (typeof diff === 'string') return failAt(`expected ${diff} for size change`, text, i);
    if (text[diff.end] !== ')') return failAt('expected ")" after size change', text, i);
    sizeDiff = diff;
    i = diff.end + 1;
  }

  // count, then " (SIGNED_INT)" exactly when there was a size change.
  if (!text.startsWith(COUNT_SEPARATOR, i)) return failAt('expected ", count=" after size', text, i);
  i += COUNT_SEPARATOR.length;
  const count = scanDigits(text, i);
  const afterCount = count === undefined ? undefined : text[count.end];
  if (count === undefined || (afterCount !== undefined && afterCount !== ',' && afterCount !== ' ')) {
    return failAt('expected a non-negative integer count', text, i);
  }
  i = count.end;
  let countDiff: Scanned | undefined;
  if (sizeDiff !== undefined) {
    const diff = text.startsWith(' (', i) ? scanSignedInt(text, i + 2) : undefined;
    if (diff === undefined || text[diff.end] !== ')') {
      return failAt('expected a count change such as " (+3)" after count', text, i);
    }
    countDiff = diff;
    i = diff.end + 1;
  }

  // average, present exactly when count > 0; then nothing.
  let average: ScannedSize | undefined;
  if (count.value > 0) {
    if (!text.startsWith(AVERAGE_SEPARATOR, i)) {
      return failAt('expected ", average=" after a count above 0', text, i);
    }
    i += AVERAGE_SEPARATOR.length;
    const scanned = scanSize(text, i, 'none');
    if (typeof scanned === 'string') return failAt(`expected ${scanned} for average`, text, i);
    average = scanned;
    i = scanned.end;
  }
  if (i !== text.length) {
    const what = count.value === 0 && text.startsWith(AVERAGE_SEPARATOR, i)
      ? 'expected no average when count=0'
      : 'expected the end of the statistic';
    return failAt(what, text, i);
  }

  const statistic: Mutable<Statistic> = {
    filename,
    lineno: lineno.value,
    size: size.bytes,
    sizeResolution: size.resolution,
    count: count.value,
  };
  if (sizeDiff !== undefined && countDiff !== undefined) {
    statistic.sizeDiff = sizeDiff.bytes;
    statistic.sizeDiffResolution = sizeDiff.resolution;
    statistic.countDiff = countDiff.value;
  }
  if (average !== undefined) statistic.average = average.bytes;
  return { ok: true, statistic };
}

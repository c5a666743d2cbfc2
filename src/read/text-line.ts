/**
 * Reads one text log line — structlog key=value or logfmt, structlog console (plain or ANSI
 * coloured), or stdlib logging — into its fields.
 *
 * ```
 * i=1 stat='/app/x.py:0: size=1840 KiB, count=12, average=153 KiB' event='top_current' timestamp='…'
 * 2018-09-08T09:51:40.247849Z [info     ] top_current    i=1 stat=/app/x.py:0: size=1840 KiB, count=12, average=153 KiB
 * 2018-09-08 09:51:40,247 INFO memtrace top_diffs i=1, stat=/app/x.py:0: size=1.2 MiB (+12.0 KiB), count=9 (+1), average=137 KiB
 * ```
 *
 * Values may be bare, double-quoted with backslash escapes (logfmt), or Python-`repr` quoted.
 * A bare `stat` value holds spaces and `=`: it ends where the statistic grammar ends. A leading
 * timestamp becomes `timestamp`, a `[level]` becomes `level`, and a bare word that names a
 * tracemalloc event becomes `event` — unless the line has those as keys, which win.
 */
import { TRACE_EVENTS } from './record.js';

const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const LEADING_TIME = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)(?=\s)/;
const KEY = /([A-Za-z_@][\w.@-]*)=/y;
const SIZE = String.raw`\d+(?:\.\d+)? (?:B|KiB|MiB|GiB|TiB)`;
/** What follows `: size=` in a statistic, so a bare stat value can end where the statistic ends. */
const STATISTIC_TAIL = new RegExp(
  String.raw`${SIZE}(?: \([+-]${SIZE}\))?, count=\d+(?: \([+-]\d+\))?(?:, average=${SIZE})?`,
  'y',
);
const EVENT_WORDS: ReadonlySet<string> = new Set<string>([...TRACE_EVENTS, 'traceback']);

export function fieldsFromTextLine(raw: string): Record<string, unknown> {
  const line = raw.includes('\u001b') ? raw.replace(ANSI_ESCAPE, '') : raw;
  const fields: Record<string, unknown> = {};
  let eventWord: string | undefined;
  let i = 0;
  const time = LEADING_TIME.exec(line);
  if (time !== null) {
    fields['timestamp'] = time[1];
    i = time[0].length;
  }
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 44) {
      i += 1; // space, tab, comma
      continue;
    }
    if (c === 91 /* [ */) {
      const close = line.indexOf(']', i);
      if (close !== -1) {
        fields['level'] ??= line.slice(i + 1, close).trim();
        i = close + 1;
        continue;
      }
    }
    KEY.lastIndex = i;
    const key = KEY.exec(line);
    if (key !== null) {
      const name = key[1] as string;
      const read = readValue(line, i + key[0].length, name === 'stat');
      fields[name] = read.value;
      i = read.end;
      continue;
    }
    let end = i;
    while (end < n && line.charCodeAt(end) !== 32 && line.charCodeAt(end) !== 9) end += 1;
    const word = line.slice(i, end);
    if (eventWord === undefined && EVENT_WORDS.has(word)) eventWord = word;
    i = end;
  }
  if (eventWord !== undefined) fields['event'] ??= eventWord;
  return fields;
}

function readValue(line: string, start: number, isStatistic: boolean): { value: string; end: number } {
  const quote = line[start];
  if (quote === "'" || quote === '"') return readQuoted(line, start, quote);
  if (isStatistic) {
    const size = line.indexOf(': size=', start);
    if (size !== -1) {
      STATISTIC_TAIL.lastIndex = size + ': size='.length;
      if (STATISTIC_TAIL.exec(line) !== null) return { value: line.slice(start, STATISTIC_TAIL.lastIndex), end: STATISTIC_TAIL.lastIndex };
    }
  }
  let end = start;
  while (end < line.length && line.charCodeAt(end) !== 32 && line.charCodeAt(end) !== 9) end += 1;
  const value = line.slice(start, end);
  return { value: value.endsWith(',') ? value.slice(0, -1) : value, end };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** A Python-`repr` or logfmt quoted value, escapes undone; an unclosed quote runs to the end. */
function readQuoted(line: string, start: number, quote: string): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === quote) return { value, end: i + 1 };
    if (c !== '\\' || i + 1 >= line.length) {
      value += c;
      i += 1;
      continue;
    }
    const e = line[i + 1] as string;
    const hexLength = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLength > 0 && /^[0-9a-fA-F]+$/.test(line.slice(i + 2, i + 2 + hexLength)) && i + 2 + hexLength <= line.length) {
      value += String.fromCodePoint(parseInt(line.slice(i + 2, i + 2 + hexLength), 16));
      i += 2 + hexLength;
    } else {
      value += SIMPLE_ESCAPES[e] ?? e;
      i += 2;
    }
  }
  return { value, end: i };
}

/**
 * Datadog Logs Explorer CSV exports: a header row of user-chosen columns — a date, host, service,
 * and either a message/Content column holding the original log line or facet columns such as
 * `@stat`, `@event`, `@i`. Parsed by csv-parse (RFC 4180: quoted fields with commas, quotes and
 * newlines); a row csv-parse cannot read is reported and skipped. (After an invalid closing
 * quote, csv-parse's recovery may take the next row with the broken one; a truncated export — an
 * unclosed quote at the end — keeps every row before it.)
 */
import { parse, type Info } from 'csv-parse';
import { Readable } from 'node:stream';
import { messageFields } from './datadog-layouts.js';

type Fields = Record<string, unknown>;

/** Column names as fields: lower case, without the facet `@`; `date` is the timestamp, `content` the message. */
const COLUMN_ALIASES: Readonly<Record<string, string>> = { date: 'timestamp', content: 'message' };

export function fieldName(column: string): string {
  const name = column.trim().replace(/^@/, '').toLowerCase();
  return COLUMN_ALIASES[name] ?? name;
}

/** Column names that make a first line a Logs Explorer header. */
const HEADER_NAMES: ReadonlySet<string> = new Set(['timestamp', 'host', 'service', 'message', 'status', 'stat', 'event']);

/** True when a first line reads as a CSV header of a Logs Explorer export. */
export function looksLikeCsvHeader(firstLine: string): boolean {
  if (!firstLine.includes(',') || firstLine.trimStart().startsWith('{')) return false;
  const names = firstLine.split(',').map((cell) => fieldName(cell.replace(/^\s*"|"\s*$/g, '')));
  return names.filter((name) => HEADER_NAMES.has(name)).length >= 2;
}

export interface CsvHandlers {
  /** One row's fields, with the 1-based line on which the row starts. */
  readonly onFields: (fields: Fields, line: number) => void;
  readonly onMalformed: (line: number, problem: string) => void;
}

/** Reads a CSV export; resolves to the number of rows read (the header not counted) and the error that ended it, if any. */
export async function readCsvExport(chunks: AsyncIterable<Buffer>, handlers: CsvHandlers): Promise<{ rows: number; error?: unknown }> {
  const parser = Readable.from(chunks).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map(fieldName),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      raw: true,
    }),
  );
  let rows = 0;
  // 'skip' is emitted while parsing, ahead of the records the loop below has yet to take, so
  // each place comes from its own record or error, not from a running count.
  parser.on('skip', (error: Error & { lines?: number }) => {
    rows += 1;
    handlers.onMalformed(error.lines ?? 0, `CSV: ${error.message}`);
  });
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{ record: Record<string, string>; info: Info; raw: string }>) {
      rows += 1;
      handlers.onFields(rowFields(record), info.lines - countNewlines(raw.trimEnd()));
    }
  } catch (error) {
    return { rows, error };
  }
  return { rows };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

function rowFields(row: Record<string, string>): Fields {
  const fields: Fields = {};
  for (const [name, value] of Object.entries(row)) if (value !== '') fields[name] = value;
  const message = fields['message'];
  if (fields['stat'] === undefined && typeof message === 'string') Object.assign(fields, messageFields(message));
  return fields;
}

import { looksLikeCsvHeader } from './csv-export.js';

/**
 * How an input is read:
 * - `lines`: one event a line — structlog JSON, key=value/logfmt, console, stdlib logging,
 *   Datadog v2 `Log` a line, Datadog archive lines (mixed freely, decided line by line);
 * - `json`: one JSON document — a Datadog v2 response `{"data": [...]}`, a JSON array of `Log`,
 *   a v1 response `{"logs": [...]}` — streamed element by element;
 * - `csv`: a Logs Explorer CSV export.
 */
export const SHAPES = ['lines', 'json', 'csv'] as const;
export type Shape = (typeof SHAPES)[number];

const BOM = '\ufeff';

/** The shape of an input, from its first (decoded) bytes. */
export function detectShape(head: Buffer): Shape {
  const text = head.toString('utf8', 0, Math.min(head.length, 64 * 1024)).replace(BOM, '');
  const start = text.trimStart();
  if (start.startsWith('[')) return 'json';
  const newline = start.indexOf('\n');
  const firstLine = (newline === -1 ? start : start.slice(0, newline)).trimEnd();
  if (start.startsWith('{')) return isStandaloneLogLine(firstLine) ? 'lines' : 'json';
  return looksLikeCsvHeader(firstLine) ? 'csv' : 'lines';
}

/** A first line that is a whole JSON object, and not a one-line API response holding the records. */
function isStandaloneLogLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return false;
    return !Array.isArray((value as { data?: unknown }).data) && !Array.isArray((value as { logs?: unknown }).logs);
  } catch {
    return false;
  }
}

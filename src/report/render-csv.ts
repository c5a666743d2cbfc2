import { stringify } from 'csv-stringify/sync';
import type { RenderOptions } from './plot.js';
import type { Finding, Report } from './report.js';
import { terminalSafe } from './sanitize.js';
import { suspectsFirst } from './suspects-first.js';

type Cell = string | number | null;

/** The columns before the label columns, and after them. */
const LEADING = ['module', 'line'] as const;
const TRAILING = [
  'verdict',
  'points',
  'lifetimes',
  'from',
  'to',
  'size_first_bytes',
  'size_last_bytes',
  'growth_bytes_per_hour',
  'growth_low',
  'growth_high',
  'p_value',
  'q_value',
  'baseline_status',
  'reaches_limit_at',
  'why',
] as const;

/**
 * Every series as one CSV row (RFC 4180: comma-separated, CRLF between records, fields quoted
 * when they hold a comma, a quote or a line break), for a spreadsheet or a database: suspects
 * first, strongest first, then the other series in the report's order. One column per label
 * key found in any series, in order of first appearance; numbers raw (bytes, bytes per hour),
 * an empty cell where a value is null or absent.
 */
export function renderCsv(report: Report, _options: RenderOptions = {}): string {
  const findings = suspectsFirst(report);
  const labelKeys: string[] = [];
  for (const finding of findings) {
    for (const key of Object.keys(finding.labels)) if (!labelKeys.includes(key)) labelKeys.push(key);
  }
  const fixed: readonly string[] = [...LEADING, ...TRAILING];
  // A label key that is also a fixed column's name (`--by verdict`) gets a prefix, so every header is unique.
  const labelHeaders = labelKeys.map((key) => (fixed.includes(key) ? `label_${key}` : key));
  const header = [...LEADING, ...labelHeaders, ...TRAILING].map(text);
  const rows = findings.map((finding): Cell[] => [
    text(finding.module),
    finding.line ?? null,
    ...labelKeys.map((key) => {
      const value = finding.labels[key];
      return value === undefined ? null : text(value);
    }),
    finding.verdict,
    finding.points,
    finding.lifetimes,
    finding.from,
    finding.to,
    finding.sizeFirst,
    finding.sizeLast,
    finding.growthBytesPerHour,
    finding.growthLow,
    finding.growthHigh,
    finding.pValue,
    finding.qValue,
    finding.baseline ?? null,
    finding.projection?.reachesAt ?? null,
    text(finding.why),
  ]);
  // Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`,
  // `-` or `@` (or their full-width forms, a tab or a carriage return) as a formula, and log text
  // can start with anything. `escape_formulas` puts a `'` before such a string cell, which the
  // spreadsheet shows as text and a reader can strip; numbers are left alone, so a negative
  // growth stays a number.
  return stringify([header, ...rows], { record_delimiter: 'windows', escape_formulas: true });
}

/**
 * A text cell from the logs, made safe for the terminal it may be printed on: control characters
 * other than line breaks are removed (the quoting keeps line breaks).
 */
function text(value: string): string {
  return value.split('\n').map(terminalSafe).join('\n');
}

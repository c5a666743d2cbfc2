import type { Finding, Report } from './report.js';

/**
 * Every series' finding once: the suspects first, strongest first, then the other series in the
 * report's order. The order of the CSV's rows and the NDJSON's lines.
 */
export function suspectsFirst(report: Report): Finding[] {
  const suspectKeys = new Set(report.suspects.map(identity));
  return [...report.suspects, ...report.series.filter((finding) => !suspectKeys.has(identity(finding)))];
}

/** A series' identity in the report: module, line and labels. */
function identity(finding: Finding): string {
  return JSON.stringify([finding.module, finding.line ?? null, Object.entries(finding.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

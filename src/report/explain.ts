import type { Finding } from './report.js';
import { formatBytes, formatDuration, formatLabels, formatModule, formatProbability, formatRate } from './units.js';

/**
 * A finding in one line a person can paste into a ticket:
 * "/app/conn.py on host=web-2 grew +4.10 KiB/h (3.20 KiB–5.00 KiB) for 12.0 h across 3 restarts,
 * 1.80 MiB → 1.85 MiB, q=1.0e-9".
 */
export function explain(finding: Omit<Finding, 'why'>): string {
  const where = `${formatModule(finding)} on ${formatLabels(finding.labels)}`;
  const hours = (Date.parse(finding.to) - Date.parse(finding.from)) / 3_600_000;
  const sizes = `${formatBytes(finding.sizeFirst)} → ${formatBytes(finding.sizeLast)}`;
  const restarts = finding.lifetimes > 1 ? ` across ${finding.lifetimes - 1} restart${finding.lifetimes > 2 ? 's' : ''}` : '';
  const { growthBytesPerHour: rate, growthLow: low, growthHigh: high, qValue: q } = finding;
  if (rate === null || low === null || high === null || q === null) {
    return `${where}: ${finding.points} points over ${formatDuration(hours)}, too few to judge (${sizes})`;
  }
  const trend = `${formatRate(rate)} (${formatBytes(low)}–${formatBytes(high)})`;
  const qText = formatProbability(q);
  const significance = `q${qText.startsWith('<') ? '' : '='}${qText}`;
  switch (finding.verdict) {
    case 'leak': {
      const since = finding.regimeFrom === null ? `for ${formatDuration(hours)}` : `since ${finding.regimeFrom}`;
      return `${where} grew ${trend} ${since}${restarts}, ${sizes}, ${significance}`;
    }
    case 'shrinking':
      return `${where} shrank ${trend} for ${formatDuration(hours)}${restarts}, ${sizes}, ${significance}`;
    case 'plateau':
      return `${where} grew, then levelled off${finding.lifetimes > 1 ? ' in each lifetime' : ''}: ${sizes}, growing ${trend} now`;
    case 'step':
      return `${where} stepped up once, then held: ${sizes}, growing ${trend} now`;
    case 'noisy':
      return `${where} varied with no trend over ${formatDuration(hours)}${restarts}: ${sizes}, ${trend}, ${significance}`;
    default:
      return `${where} held over ${formatDuration(hours)}${restarts}: ${sizes}, ${trend}, ${significance}`;
  }
}

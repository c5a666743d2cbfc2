import { labelsKey } from '../read/labels.js';
import { isoTime } from '../read/timestamp.js';
import type { Finding, Projection } from './report.js';

const MS_PER_HOUR = 3_600_000;

/**
 * Each suspect's process against a memory limit. A process is the series' labels; its memory is
 * what its logged modules held at their last points together, and it grows at the sum of its
 * suspects' rates (each with its interval). The time to the limit is the headroom over that
 * growth, counted from the process's last point. A lower end of the interval that does not grow
 * leaves the latest date open (null), as does a date past what a Date can hold.
 */
export function projectToLimit(suspects: readonly Finding[], series: readonly Finding[], limitBytes: number): Map<Finding, Projection> {
  const processes = new Map<string, { bytes: number; last: number; rate: number; low: number; high: number }>();
  for (const finding of series) {
    const key = labelsKey(finding.labels);
    const process = processes.get(key) ?? { bytes: 0, last: -Infinity, rate: 0, low: 0, high: 0 };
    process.bytes += finding.sizeLast;
    process.last = Math.max(process.last, Date.parse(finding.to));
    processes.set(key, process);
  }
  for (const suspect of suspects) {
    const process = processes.get(labelsKey(suspect.labels));
    if (process === undefined) continue;
    process.rate += suspect.growthBytesPerHour ?? 0;
    process.low += suspect.growthLow ?? 0;
    process.high += suspect.growthHigh ?? 0;
  }
  const projections = new Map<Finding, Projection>();
  for (const suspect of suspects) {
    const process = processes.get(labelsKey(suspect.labels));
    if (process === undefined || process.rate <= 0) continue;
    const headroom = Math.max(0, limitBytes - process.bytes);
    const at = (rate: number): string | null => representable(process.last + (headroom / rate) * MS_PER_HOUR);
    projections.set(suspect, {
      limitBytes,
      processBytes: process.bytes,
      processGrowthBytesPerHour: process.rate,
      processGrowthLow: process.low,
      processGrowthHigh: process.high,
      hours: headroom / process.rate,
      reachesAt: at(process.rate),
      earliest: at(Math.max(process.high, process.rate)),
      latest: process.low > 0 ? at(process.low) : null,
    });
  }
  return projections;
}

/** ISO-8601 of an instant, or null past the last date a Date can hold (year 275760). */
function representable(epochMs: number): string | null {
  return Math.abs(epochMs) <= 8.64e15 ? isoTime(epochMs) : null;
}

import type { TraceEvent, TraceRecord } from '../../src/read/record.js';

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 10, 2);

/** A record as the reader would make it, for tests of the later stages. */
export function record(
  module: string,
  hours: number,
  size: number,
  options: { labels?: Record<string, string>; event?: TraceEvent; count?: number; resolution?: number } = {},
): TraceRecord {
  return {
    time: T0 + hours * HOUR,
    event: options.event ?? 'top_current',
    labels: options.labels ?? { host: 'web-1' },
    statistic: { filename: module, lineno: 0, size, sizeResolution: options.resolution ?? 1, count: options.count ?? 1 },
  };
}

/** A seeded uniform generator, so noisy test series are the same every run. */
export { seededRandom as seeded } from '../../src/trend/seeded-random.js';

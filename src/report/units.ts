/** Human units for bytes, rates, p-values and durations, shared by every renderer. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `812 B`, `3.1 KiB`, `1840 KiB` → `1.80 MiB`: three significant digits, binary units. */
export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) < 0.5) return '0 B';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${sign}${Math.round(value)} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A growth rate: `+3.05 KiB/h`. */
export function formatRate(bytesPerHour: number): string {
  const magnitude = formatBytes(bytesPerHour);
  return `${bytesPerHour > 0 && magnitude !== '0 B' ? '+' : ''}${magnitude}/h`;
}

/** A p- or q-value: `0.031`, `2.1e-9`, `<1e-300`. */
export function formatProbability(p: number): string {
  if (p === 0) return '<1e-300';
  if (p >= 0.001) return p.toPrecision(2).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return p.toExponential(1).replace('e-', 'e-');
}

/** `45 min`, `24.0 h`, `3.5 d`. */
export function formatDuration(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 72) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** Labels as `host=web-2 pid=4127`. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

/** Where a finding's memory was allocated: `/app/conn.py`, or `/app/conn.py:12` when grouped by line. */
export function formatModule(site: { readonly module: string; readonly line?: number | undefined }): string {
  return site.line === undefined ? site.module : `${site.module}:${site.line}`;
}

/** A resolved suspect's state: "now flat, was +3.00 KiB/h", or "not in this input" when its series is gone. */
export function formatResolved(gone: { readonly verdictNow: string | null; readonly growthBytesPerHour: number | null }): string {
  const now = gone.verdictNow === null ? 'not in this input' : `now ${gone.verdictNow}`;
  return gone.growthBytesPerHour === null ? now : `${now}, was ${formatRate(gone.growthBytesPerHour)}`;
}

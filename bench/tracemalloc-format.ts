/**
 * `str()` of CPython's tracemalloc `Statistic` and `StatisticDiff` (Lib/tracemalloc.py,
 * unchanged from 3.4 to 3.13), so the generated statistic strings are the real thing.
 */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** tracemalloc's `_format_size(size, sign)`. */
export function formatSize(size: number, sign: boolean): string {
  let value = size;
  for (const unit of UNITS) {
    if (Math.abs(value) < 100 && unit !== 'B') return `${printf(value, 1, sign)} ${unit}`;
    if (Math.abs(value) < 10 * 1024 || unit === 'TiB') return `${printf(value, 0, sign)} ${unit}`;
    value /= 1024;
  }
  throw new Error('unreachable');
}

/**
 * C's `%.0f`/`%.1f` (`%+...` with `sign`). `toFixed` rounds the exact binary value like C does,
 * except on exact ties, where it rounds away from zero and C rounds half to even. A double is an
 * exact tie only at .5 (0 digits) or at .25/.75 (1 digit: the other x.x5 are not binary fractions).
 */
function printf(value: number, digits: 0 | 1, sign: boolean): string {
  const magnitude = Math.abs(value);
  const fraction = magnitude - Math.trunc(magnitude);
  const tie = digits === 0 ? fraction === 0.5 : fraction === 0.25 || fraction === 0.75;
  let text = value.toFixed(digits);
  if (tie) {
    let scaled = Math.floor(magnitude * 10 ** digits); // exact: at most two fractional bits
    if (scaled % 2 === 1) scaled += 1;
    const digitsText = digits === 0 ? String(scaled) : `${Math.trunc(scaled / 10)}.${scaled % 10}`;
    text = value < 0 ? `-${digitsText}` : digitsText;
  }
  return sign && !text.startsWith('-') ? `+${text}` : text;
}

/** `str(Statistic)` for statistics grouped by filename (line number 0). */
export function statisticText(file: string, size: number, count: number): string {
  const average = count > 0 ? `, average=${formatSize(size / count, false)}` : '';
  return `${file}:0: size=${formatSize(size, false)}, count=${count}${average}`;
}

/** `str(StatisticDiff)` for statistics grouped by filename (line number 0). */
export function statisticDiffText(file: string, size: number, sizeDiff: number, count: number, countDiff: number): string {
  const average = count > 0 ? `, average=${formatSize(size / count, false)}` : '';
  const signedCount = countDiff < 0 ? String(countDiff) : `+${countDiff}`;
  return `${file}:0: size=${formatSize(size, false)} (${formatSize(sizeDiff, true)}), count=${count} (${signedCount})${average}`;
}

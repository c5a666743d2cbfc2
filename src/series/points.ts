/**
 * One series' points while they are collected: typed-array columns that double when full.
 * Typed arrays keep the numbers off the garbage-collected heap (a week of a fleet is tens of
 * millions of points), and `size_diff`, which only `since_start` records carry, takes no room
 * until one arrives.
 */
export class Points {
  length = 0;
  times: Float64Array;
  sizes: Float64Array;
  resolutions: Float64Array;
  counts: Float64Array;
  /** NaN where a record had no size_diff; undefined while none had one. */
  diffs: Float64Array | undefined;

  constructor(capacity = 16) {
    this.times = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.resolutions = new Float64Array(capacity);
    this.counts = new Float64Array(capacity);
  }

  push(time: number, size: number, resolution: number, count: number, diff: number | undefined): void {
    if (this.length === this.times.length) this.grow();
    const i = this.length;
    this.times[i] = time;
    this.sizes[i] = size;
    this.resolutions[i] = resolution;
    this.counts[i] = count;
    if (diff !== undefined && this.diffs === undefined) this.diffs = new Float64Array(this.times.length).fill(Number.NaN);
    if (this.diffs !== undefined) this.diffs[i] = diff ?? Number.NaN;
    this.length = i + 1;
  }

  private grow(): void {
    const capacity = Math.max(16, this.times.length * 2);
    const wider = (column: Float64Array, fill = 0): Float64Array => {
      const next = new Float64Array(capacity).fill(fill, column.length);
      next.set(column);
      return next;
    };
    this.times = wider(this.times);
    this.sizes = wider(this.sizes);
    this.resolutions = wider(this.resolutions);
    this.counts = wider(this.counts);
    if (this.diffs !== undefined) this.diffs = wider(this.diffs, Number.NaN);
  }
}

/**
 * One series' points while they are collected: typed-array columns that grow by half when full.
 * Typed arrays keep the numbers off the garbage-collected heap (a week of a fleet is tens of
 * millions of points). The four columns are views of one block, so growing allocates one array,
 * not four (each typed-array allocation costs microseconds: with thousands of series, that is
 * most of what collecting costs). `size_diff`, which only `since_start` records carry, takes no
 * room until one arrives.
 */
const COLUMNS = 4;

export class Points {
  length = 0;
  times!: Float64Array;
  sizes!: Float64Array;
  resolutions!: Float64Array;
  counts!: Float64Array;
  /** NaN where a record had no size_diff; undefined while none had one. */
  diffs: Float64Array | undefined;

  constructor(capacity = 64) {
    this.allocate(capacity);
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

  /**
   * These points in columns exactly as long as they are: views of this object's columns, not copies
   * (copying a fleet's points costs seconds; the unused room is at most as much again).
   */
  trimmed(): Points {
    if (this.length === this.times.length) return this;
    const exact = new Points(0);
    exact.length = this.length;
    exact.times = this.times.subarray(0, this.length);
    exact.sizes = this.sizes.subarray(0, this.length);
    exact.resolutions = this.resolutions.subarray(0, this.length);
    exact.counts = this.counts.subarray(0, this.length);
    exact.diffs = this.diffs?.subarray(0, this.length);
    return exact;
  }

  private allocate(capacity: number): void {
    const block = new Float64Array(COLUMNS * capacity);
    this.times = block.subarray(0, capacity);
    this.sizes = block.subarray(capacity, 2 * capacity);
    this.resolutions = block.subarray(2 * capacity, 3 * capacity);
    this.counts = block.subarray(3 * capacity, 4 * capacity);
  }

  private grow(): void {
    const { times, sizes, resolutions, counts, length } = this;
    // Half as much again, not twice: a series' last growth leaves a third of its room unused at
    // most, instead of half (a fleet's points are most of what the tool holds).
    const capacity = Math.max(16, Math.ceil(1.5 * times.length));
    this.allocate(capacity);
    this.times.set(times.subarray(0, length));
    this.sizes.set(sizes.subarray(0, length));
    this.resolutions.set(resolutions.subarray(0, length));
    this.counts.set(counts.subarray(0, length));
    if (this.diffs !== undefined) {
      const diffs = new Float64Array(capacity).fill(Number.NaN, length);
      diffs.set(this.diffs.subarray(0, length));
      this.diffs = diffs;
    }
  }
}

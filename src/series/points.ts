/**
 * One series' points in typed-array columns, as the trend stage and the charts read them (the
 * store keeps them row by row while they are collected: point-store.ts). Typed arrays keep the
 * numbers off the garbage-collected heap. The four columns are views of one block, so growing
 * allocates one array, not four. `size_diff`, which only `since_start` records carry, takes no
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
   * Appends `rows` points stored row by row, `stride` numbers a row: time, size, resolution, count
   * and, when the stride is 5, size_diff (NaN for none).
   */
  appendRows(data: Float64Array, stride: number, rows: number): void {
    const end = this.length + rows;
    if (end > this.times.length) this.grow(end);
    if (stride === 5 && this.diffs === undefined) this.diffs = new Float64Array(this.times.length).fill(Number.NaN);
    const { times, sizes, resolutions, counts, diffs } = this;
    for (let i = this.length, at = 0; i < end; i++, at += stride) {
      times[i] = data[at] as number;
      sizes[i] = data[at + 1] as number;
      resolutions[i] = data[at + 2] as number;
      counts[i] = data[at + 3] as number;
      if (stride === 5) (diffs as Float64Array)[i] = data[at + 4] as number;
    }
    this.length = end;
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

  private grow(atLeast = 0): void {
    const { times, sizes, resolutions, counts, length } = this;
    // Half as much again, not twice: a series' last growth leaves a third of its room unused at
    // most, instead of half.
    const capacity = Math.max(16, Math.ceil(1.5 * times.length), atLeast);
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

/**
 * One process's streams of its line-less groups (statistics by file, lineno 0) in the first part
 * of the input, by file number and event family: what the collector looks up for nearly every
 * record of a fleet (see `SeriesCollector.record`).
 *
 * Written by hand rather than kept in a `Map`, because a fleet's groups far outgrow the
 * processor's caches and this lookup runs once a record. Collecting the bench's fleet (20 million
 * records, 27,260 groups: 500 hosts × 20 files over their restarts), three runs each:
 * - through each process's `Map` of modules by file name, then the group: 6.5–7.2 s;
 * - one `Map` for all processes, keyed by a number made of the process's and the file's: 5.4–7.5 s;
 * - this table: 4.3–5.0 s. A typed array indexed by file number directly was no faster, and
 *   grows with the highest file number a process logs rather than with how many files it logs.
 *
 * Open addressing with linear probing in one `Int32Array`, four numbers a slot: the file number
 * plus 1 (0: an empty slot), then an entry per event family (0: not known yet; 1: left out;
 * otherwise the stream plus 2). The file number is its own hash: the collector numbers files
 * densely, in the order it first sees them, and a process's files mostly come in a run, so they
 * fill consecutive slots. The table is never more than half full.
 *
 * @module
 */

/** `get`'s answer for a file and family not `set` yet. */
export const UNKNOWN = -2;
/** A module left out (an instrumentation frame): no stream. */
export const LEFT_OUT = -1;

/** Numbers in a slot: the file's, then one per event family. */
const SLOT = 4;
const FIRST_SLOTS = 16;

export class LinelessStreams {
  private slots = new Int32Array(SLOT * FIRST_SLOTS);
  private used = 0;

  /** The stream of this file and family (0, 1 or 2), `LEFT_OUT`, or `UNKNOWN`. */
  get(file: number, family: number): number {
    return (this.slots[this.slotOf(file) + 1 + family] as number) - 2;
  }

  /** Keeps a stream (≥ 0) or `LEFT_OUT` for this file and family. */
  set(file: number, family: number, stream: number): void {
    let at = this.slotOf(file);
    if (this.slots[at] === 0) {
      if (2 * (this.used + 1) * SLOT > this.slots.length) {
        this.grow();
        at = this.slotOf(file);
      }
      this.slots[at] = file + 1;
      this.used += 1;
    }
    this.slots[at + 1 + family] = stream + 2;
  }

  /** Where the file's slot starts: its own, or the empty one where it would go. */
  private slotOf(file: number): number {
    const { slots } = this;
    const mask = slots.length / SLOT - 1;
    for (let s = file & mask; ; s = (s + 1) & mask) {
      const held = slots[SLOT * s] as number;
      if (held === file + 1 || held === 0) return SLOT * s;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    for (let at = 0; at < old.length; at += SLOT) {
      const held = old[at] as number;
      if (held !== 0) this.slots.set(old.subarray(at, at + SLOT), this.slotOf(held - 1));
    }
  }
}

/**
 * Finds a marker (": size=", "traceback") in raw bytes by its rarest byte: `Buffer#indexOf` of that
 * one byte, which is memchr, then a comparison of the marker's bytes around each hit. This is the
 * rare-byte prefilter of Rust's `memchr::memmem` (what ripgrep searches with), written by hand
 * with what Node offers: its `indexOf` of a needle of several bytes steps through the haystack
 * with Boyer–Moore–Horspool a few bytes at a time, where memchr compares 16 or 32 bytes an
 * instruction.
 *
 * Measured on the bench's exports, reading 1 MiB chunks and searching each marker through them
 * (three runs each): the 1,139 MB Datadog export 520–540 ms for ": size=" and 620–630 ms for
 * "traceback" with `indexOf(marker)`, 150–210 and 250–320 ms by the rarest byte ('=' and 'k');
 * the 517 MB structlog export 255–265 and 275–290 ms against 120–130 ms each.
 *
 * The byte is chosen from the text itself — the first 16 KiB of a chunk, once a MiB of input
 * (line-scanner.ts) — because how rare a byte is depends on the logs: every hit of it costs a
 * call (about 75 ns), where the marker's own search costs about 0.55 ns a byte. A marker whose
 * every byte is common in the sample (more than one in `MAX_ANCHOR_SHARE` of its bytes) is
 * searched for whole, and a search whose byte turns out common further on finishes with the
 * whole marker.
 */

/** The anchor must be rarer than this share of the sample's bytes: beyond it, a hit every 128 bytes, calls cost more than they save. */
const MAX_ANCHOR_SHARE = 1 / 128;
/** Bytes of a chunk counted to choose the anchors: 35–50 µs a chunk, about 45 ms of CPU over the 1,139 MB Datadog export. */
export const SAMPLE_BYTES = 16 * 1024;
/** Hits of the anchor in one search after which, if they come more often than `MAX_ANCHOR_SHARE`, the search goes on by the whole marker. */
const HITS_BEFORE_CHECK = 256;

export interface MarkerSearch {
  /** Where `marker` first starts in `buf` at or after `from` (the whole marker inside `buf`); -1 if nowhere. */
  indexIn(buf: Buffer, from: number): number;
}

/** The searches for `markers` that suit text like `sample`, in the same order. */
export function markerSearches(markers: readonly Buffer[], sample: Buffer): MarkerSearch[] {
  const counts = new Uint32Array(256);
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i] as number;
    counts[byte] = (counts[byte] as number) + 1;
  }
  const count = (byte: number | undefined): number => counts[byte as number] as number;
  return markers.map((marker) => {
    if (marker.length < 2) return new WholeMarker(marker);
    let anchor = 0;
    for (let k = 1; k < marker.length; k++) if (count(marker[k]) < count(marker[anchor])) anchor = k;
    const share = count(marker[anchor]) / Math.max(sample.length, 1);
    return share < MAX_ANCHOR_SHARE ? new AnchoredMarker(marker, anchor) : new WholeMarker(marker);
  });
}

class WholeMarker implements MarkerSearch {
  constructor(private readonly marker: Buffer) {}

  indexIn(buf: Buffer, from: number): number {
    return buf.indexOf(this.marker, from);
  }
}

/** Searches memchr-fast for the marker's byte at `anchor`, then compares the rest. */
class AnchoredMarker implements MarkerSearch {
  private readonly byte: number;

  constructor(
    private readonly marker: Buffer,
    private readonly anchor: number,
  ) {
    this.byte = marker[anchor] as number;
  }

  indexIn(buf: Buffer, from: number): number {
    const { marker, anchor, byte } = this;
    const length = marker.length;
    let hits = 0;
    for (let hit = buf.indexOf(byte, from + anchor); hit !== -1; hit = buf.indexOf(byte, hit + 1)) {
      const start = hit - anchor;
      if (start + length > buf.length) return -1;
      let k = 0;
      while (k < length && buf[start + k] === marker[k]) k++;
      if (k === length) return start;
      hits += 1;
      if (hits >= HITS_BEFORE_CHECK && hits > (hit - from) * MAX_ANCHOR_SHARE) return buf.indexOf(marker, start + 1);
    }
    return -1;
  }
}

import type { TracebackEvent } from '../read/record.js';
import { labelsKey } from '../read/labels.js';

/** One allocation traceback as the service logged it. */
export interface Traceback {
  /** Epoch milliseconds of the block's first event. */
  readonly time: number;
  readonly memoryBlocks?: number;
  readonly sizeBytes?: number;
  /** The formatted lines, in the order they were logged. */
  readonly lines: string[];
  /** The `File "…", line N` frames, in the order they were logged. */
  readonly frames: { readonly filename: string; readonly lineno: number }[];
}

const FRAME = /^\s*File "(.*)", line (\d+)/;

/**
 * Gathers `traceback` events into blocks: per process, in time order (exports are often
 * newest-first; ties keep reading order), a header starts a block and the lines after it belong
 * to it until the next header.
 */
export class TracebackGatherer {
  private readonly events = new Map<string, { event: TracebackEvent; order: number }[]>();
  private order = 0;

  add(event: TracebackEvent): void {
    const key = labelsKey(event.labels);
    let list = this.events.get(key);
    if (list === undefined) {
      list = [];
      this.events.set(key, list);
    }
    list.push({ event, order: this.order++ });
  }

  /** The blocks of each process, by labels key. */
  finish(): Map<string, Traceback[]> {
    const blocks = new Map<string, Traceback[]>();
    for (const [key, list] of this.events) {
      list.sort((a, b) => a.event.time - b.event.time || a.order - b.order);
      const found: Traceback[] = [];
      let current: Traceback | undefined;
      for (const { event } of list) {
        if (event.header !== undefined || current === undefined) {
          current = { time: event.time, ...event.header, lines: [], frames: [] };
          found.push(current);
        }
        if (event.line === undefined) continue;
        current.lines.push(event.line);
        const frame = FRAME.exec(event.line);
        if (frame !== null) current.frames.push({ filename: frame[1] as string, lineno: Number(frame[2]) });
      }
      blocks.set(key, found.filter((block) => block.frames.length > 0));
    }
    return blocks;
  }
}

/**
 * The module a traceback belongs to: the allocation site, which is the last frame logged
 * (`Traceback.format()`, oldest first) or the first (`most_recent_first=True`). The end that
 * names a module with a series wins, the last frame first; with neither, the last frame.
 */
export function allocationSite(traceback: Traceback, hasSeries: (filename: string) => boolean): string | undefined {
  const last = traceback.frames[traceback.frames.length - 1]?.filename;
  const first = traceback.frames[0]?.filename;
  if (last !== undefined && hasSeries(last)) return last;
  if (first !== undefined && hasSeries(first)) return first;
  return last;
}

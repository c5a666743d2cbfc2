/**
 * The stretches of a series that trend tests pool over: the lifetimes of its process, and in
 * each lifetime the latest regime — the points after its change of trend, when it has one.
 */
import { findChangePoint } from './change-point.js';

/** Points [from, to) of a series. */
export interface Segment {
  readonly from: number;
  readonly to: number;
}

/** Each side of a change of trend keeps at least this fraction of its lifetime's points. */
const MIN_SIDE_FRACTION = 0.2;
/** BIC gain that counts as a change of trend: "very strong" evidence on Kass and Raftery's scale. */
const MIN_CHANGE_GAIN = 10;

/** The lifetimes as segments, from the index of each lifetime's first point. */
export function lifetimeSegments(lifetimeStarts: readonly number[], n: number): Segment[] {
  return lifetimeStarts.map((from, i) => ({ from, to: lifetimeStarts[i + 1] ?? n }));
}

/** The latest regime of each lifetime: after its change of trend, or all of it. */
export function latestRegimes(x: Float64Array, y: Float64Array, resolutions: Float64Array, lifetimes: readonly Segment[]): Segment[] {
  return lifetimes.map((lifetime) => {
    const n = lifetime.to - lifetime.from;
    let meanSquaredResolution = 0;
    for (let i = lifetime.from; i < lifetime.to; i++) meanSquaredResolution += ((resolutions[i] as number) ** 2) / n;
    const change = findChangePoint(x.subarray(lifetime.from, lifetime.to), y.subarray(lifetime.from, lifetime.to), {
      minSide: Math.ceil(n * MIN_SIDE_FRACTION),
      minGain: MIN_CHANGE_GAIN,
      meanSquaredResolution,
    });
    return change === undefined ? lifetime : { from: lifetime.from + change.index, to: lifetime.to };
  });
}

/**
 * The k-th smallest of the N pairwise slopes in O(n log n) expected time, with the same answer,
 * to the bit, as sorting them all (randomised slope selection after Matoušek 1991 and Dillencourt,
 * Mount and Netanyahu 1992, on the counting and scanning of pair-slopes.ts).
 *
 * 1. Draw ~2n slopes uniformly; around each wanted rank take sample quantiles ±3 standard errors
 *    as pivots L < R (targets whose brackets overlap share one).
 * 2. Count the slopes at or below L (a merge sort) and scan the pairs strictly between L and R
 *    (another): if there are few (≤ 16n + 4096) they are listed, otherwise ~n of them are sampled
 *    and step 1 repeats inside the bracket. Two rounds normally leave ~3n pairs per rank: about 8
 *    merge sorts of the n points in all for the median and Sen's two bounds, 4 for the median.
 * 3. Pick the answer from the list (quickselect) and trust it only if it lies farther from L and R
 *    than the rounding of the keys can reach ({@link PairSlopes.tolerance}): then every pair the
 *    keys put outside the bracket is truly on that side, and the rank is exact. Otherwise (an
 *    unlucky sample, or an answer within rounding of a pivot) the pivots move out and it repeats.
 *
 * 4. Brackets listed are handed back (`ListedBracket`): a later selection on the same points
 *    picks the ranks that fall among their slopes first, with no pass (Sen's bounds after the
 *    median, for a series of a few hundred points), and draws no first sample of its own.
 *
 * Ties. Slope 0 is the value flat, quantised series repeat in bulk; at θ = 0 the keys are exact,
 * so a rank inside the block of zero slopes is answered 0 from one count (from none when Kendall's
 * S of the same points has counted them: `SlopeSource.atZero`). A block of slopes equal to within
 * rounding elsewhere (a series that is a straight line to the last bits, or a quantised line
 * sampled at regular times, where every pair a whole number of steps apart has "the same" slope
 * up to its last bits) cannot be split by pivots: it is detected (the sample quantiles around
 * the rank lie within rounding of each other, or narrowing stalls) and listed whole, up to
 * {@link CLUSTER_LIMIT} slopes — every cluster when n ≤ 2,896.
 *
 * Limit: beyond that the answer is a slope drawn from the cluster — exact if the cluster is a true
 * tie, otherwise off from the naive answer by rounding only (≲ 1e-12 relative);
 * {@link SelectionStats.approximations} counts these.
 *
 * @module
 */
import { selectInPlace } from './order-statistics.js';
import type { ScanOutput } from './pair-scan.js';

/** A pivot θ and how many slopes lie below it, and at or below it, as the keys see them. */
export interface PivotCounts {
  readonly theta: number;
  readonly below: number;
  readonly atOrBelow: number;
}

/**
 * What the selection needs of a set of pairwise slopes: `PairSlopes` (one series), or
 * `PooledPairSlopes` (the pairs within each of several stretches). See pair-slopes.ts for the
 * meaning of each member.
 */
export interface SlopeSource {
  readonly n: number;
  readonly pairs: number;
  readonly minusInfinity: PivotCounts;
  /** The counts at θ = 0 when known without a pass (from Kendall's S of the same points). */
  readonly atZero: PivotCounts | undefined;
  tolerance(theta: number): number;
  pivot(theta: number): PivotCounts;
  scan(low: PivotCounts, high: number, limit: number, rate: number, expected?: number): ScanOutput;
  sampleUniform(count: number): Float64Array;
  allSlopes(): Float64Array;
}

/** Up to this many pairs (n ≈ 78), listing them all and selecting is about as fast (measured). */
export const NAIVE_PAIRS = 3000;
/** The most slopes listed to resolve a cluster of slopes equal to within rounding: 2^22. */
export const CLUSTER_LIMIT = 4_194_304;
const FIRST_SAMPLE_PER_POINT = 2;
const SECOND_SAMPLE_PER_POINT = 1;
/** Pivots sit this many standard errors of the sample quantile from the wanted rank. */
const SPREAD = 3;
const MAX_SPREAD = 24;
const MAX_DEPTH = 8;
/** A safety net against pathological inputs: beyond this many passes, clusters are assumed. */
const MAX_PASSES = 200;

/** What a selection did: for tests and measurements. */
export interface SelectionStats {
  /** Merge-sort passes (counts and scans) over the points. */
  passes: number;
  /** Clusters of slopes equal to within rounding that were listed whole. */
  clusters: number;
  /** Ranks answered by a slope from a cluster too big to list (see the module header). */
  approximations: number;
}

/**
 * Slopes an earlier selection on the same points listed strictly between two pivots. Ranks asked
 * for later that fall among them are picked from them without a pass: Sen's bounds of a series of
 * a few hundred points lie within the bracket its median was listed from, about a sixth of all
 * its slopes wide.
 */
export interface ListedBracket {
  readonly low: PivotCounts;
  readonly high: number;
  readonly slopes: Float64Array;
}

/** What a selection leaves for later selections on the same points (see {@link selectPairSlopes}). */
export interface SelectionMemory {
  /** The brackets listed so far. */
  readonly listed: ListedBracket[];
  /** The first sample drawn from all the slopes: a uniform sample serves any ranks, so it is drawn once. */
  sample: Float64Array | undefined;
}

interface Bracket {
  /** Open lower end. */
  readonly low: PivotCounts;
  /** Open upper end (+∞ allowed). */
  readonly high: number;
  /** Pairs the keys put at or below `low`. */
  readonly below: number;
  /** Pairs strictly between, as the scan counted them (an upper bound). */
  readonly count: number;
  /** Slopes drawn uniformly from between (reordered by the selections made in it). */
  readonly sample: Float64Array;
}

interface Context {
  readonly pairs: SlopeSource;
  /** work.passes when this selection started (the stats may be shared across calls). */
  readonly passesBefore: number;
  readonly found: Map<number, number>;
  readonly work: SelectionStats;
  /** Kept for later selections on the same points. */
  readonly memory: SelectionMemory | undefined;
}

/**
 * The slopes at the given 0-based ranks among all pairwise slopes (y_b − y_a)/(x_b − x_a) with
 * x_a < x_b, sorted ascending — exactly as sorting the list built by the double loop would give
 * (see the module header for the one limit).
 *
 * `memory`: what earlier selections on the same points left — the brackets they listed, to answer
 * from where they can, and their first sample; this one adds its own.
 *
 * Precondition: every rank an integer in [0, pairs.pairs).
 */
export function selectPairSlopes(pairs: SlopeSource, ranks: readonly number[], stats?: SelectionStats, memory?: SelectionMemory): Float64Array {
  const wanted = [...new Set(ranks)].sort((a, b) => a - b);
  const found = new Map<number, number>();
  const work: SelectionStats = stats ?? { passes: 0, clusters: 0, approximations: 0 };
  if (pairs.pairs <= NAIVE_PAIRS) {
    const all = pairs.allSlopes();
    let from = 0;
    for (const k of wanted) {
      found.set(k, selectInPlace(all, k, from));
      from = k;
    }
  } else {
    const context: Context = { pairs, passesBefore: work.passes, found, work, memory };
    let left = wanted;
    // Ranks among the slopes an earlier selection listed: picked from them.
    for (const bracket of memory?.listed ?? []) {
      if (left.length > 0) left = pickTrusted(pairs, found, bracket.slopes, bracket.low, bracket.high, left);
    }
    // Ranks among the slopes of exactly 0 next: from counts handed over, or from one count at 0.
    if (left.length > 0 && pairs.atZero !== undefined) left = settleZeros(context, left, pairs.atZero);
    else if (left.length > 0 && likelyZero(pairs, left)) left = settleZeros(context, left, pivot(context, 0));
    if (left.length > 0) {
      const sample = memory?.sample ?? pairs.sampleUniform(FIRST_SAMPLE_PER_POINT * pairs.n + 64);
      if (memory !== undefined) memory.sample = sample;
      const whole: Bracket = { low: pairs.minusInfinity, high: Infinity, below: 0, count: pairs.pairs, sample };
      // Nothing is wider than the whole: what it cannot settle must be a cluster.
      for (const k of refine(context, whole, left, 0)) settleCluster(context, whole, [k]);
    }
  }
  return Float64Array.from(ranks, (k) => found.get(k) as number);
}

/** Slopes drawn to tell whether the wanted ranks are likely 0 before drawing the first sample. */
const PILOT_SAMPLE = 64;

/**
 * Whether a pilot sample puts every wanted rank among the slopes of exactly 0: the median of a flat
 * module whose sizes are rounded, and often Sen's bounds too. Then one count at θ = 0 settles them
 * without the first sample, which costs about two passes.
 */
function likelyZero(pairs: SlopeSource, wanted: readonly number[]): boolean {
  const pilot = pairs.sampleUniform(PILOT_SAMPLE);
  let below = 0;
  let zeros = 0;
  for (let i = 0; i < pilot.length; i++) {
    const v = pilot[i] as number;
    if (v < 0) below++;
    else if (v === 0) zeros++;
  }
  return wanted.every((k) => {
    const at = ((k + 0.5) / pairs.pairs) * pilot.length;
    return at > below && at < below + zeros;
  });
}

/** Answers the ranks that fall in the block of slopes exactly 0, from the counts at 0; returns the others. */
function settleZeros(context: Context, wanted: readonly number[], zero: PivotCounts): number[] {
  const left: number[] = [];
  for (const k of wanted) {
    if (k >= zero.below && k < zero.atOrBelow) context.found.set(k, 0);
    else left.push(k);
  }
  return left;
}

/**
 * Settles the target ranks inside `bracket`, recursing into narrower brackets and moving the
 * pivots out after a failure. Returns the targets that need a wider bracket than this one.
 */
function refine(context: Context, bracket: Bracket, targets: readonly number[], depth: number): number[] {
  const escalate: number[] = [];
  let pending: number[] = [];
  for (const k of targets) {
    if (k < bracket.below || k - bracket.below >= bracket.count) escalate.push(k);
    else pending.push(k);
  }
  for (let spread = SPREAD; pending.length > 0; spread *= 2) {
    if (depth > MAX_DEPTH || context.work.passes - context.passesBefore > MAX_PASSES) {
      settleCluster(context, bracket, pending);
      break;
    }
    if (spread > MAX_SPREAD) {
      escalate.push(...pending);
      break;
    }
    const failed: number[] = [];
    for (const group of groupTargets(bracket, pending, spread)) settleGroup(context, bracket, group, depth, failed);
    pending = failed;
  }
  return escalate;
}

interface Group {
  readonly low: number;
  readonly high: number;
  readonly targets: readonly number[];
}

/** Pivots for each target from the bracket's sample; targets whose brackets overlap share one. */
function groupTargets(bracket: Bracket, targets: readonly number[], spread: number): Group[] {
  const { sample, count, below } = bracket;
  const s = sample.length;
  const indices = targets.map((k) => {
    const p = Math.min(1, Math.max(0, (k - below + 0.5) / Math.max(count, 1)));
    const width = spread * Math.sqrt(s * p * (1 - p)) + 2;
    return [Math.floor(p * s - width), Math.ceil(p * s + width)] as const;
  });
  const values = quantiles(sample, indices.flat());
  const groups: { low: number; high: number; targets: number[] }[] = [];
  targets.forEach((k, i) => {
    const [lowIndex, highIndex] = indices[i] as readonly [number, number];
    const low = lowIndex < 0 ? bracket.low.theta : (values.get(lowIndex) as number);
    const high = highIndex >= s ? bracket.high : (values.get(highIndex) as number);
    const last = groups[groups.length - 1];
    if (last !== undefined && low <= last.high) {
      last.high = Math.max(last.high, high);
      last.targets.push(k);
    } else {
      groups.push({ low, high, targets: [k] });
    }
  });
  return groups;
}

/** The sample's order statistics at the given 0-based ranks (those outside it are skipped). */
function quantiles(sample: Float64Array, ranks: readonly number[]): Map<number, number> {
  const wanted = [...new Set(ranks.filter((r) => r >= 0 && r < sample.length))].sort((a, b) => a - b);
  const values = new Map<number, number>();
  let from = 0;
  for (const r of wanted) {
    values.set(r, selectInPlace(sample, r, from));
    from = r;
  }
  return values;
}

/** How many of the values lie in [low, high]. */
function countWithin(values: Float64Array, low: number, high: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v >= low && v <= high) count++;
  }
  return count;
}

/** Splits a group at an exact block of zero slopes, and hands clusters to {@link settleCluster}. */
function settleGroup(context: Context, parent: Bracket, group: Group, depth: number, failed: number[]): void {
  const { pairs, found } = context;
  const { sample } = parent;
  const zeros = countWithin(sample, 0, 0);
  if (group.low <= 0 && group.high >= 0 && zeros >= 2 && (group.low < 0 || group.high > 0)) {
    const zero = pivot(context, 0);
    const left: number[] = [];
    const right: number[] = [];
    for (const k of group.targets) {
      if (k >= zero.below && k < zero.atOrBelow) found.set(k, 0);
      else if (k < zero.below) left.push(k);
      else right.push(k);
    }
    settle(context, parent, { low: group.low, high: 0, targets: left }, depth, failed);
    settle(context, parent, { low: 0, high: group.high, targets: right }, depth, failed);
  } else if (Number.isFinite(group.low) && Number.isFinite(group.high) && group.high - group.low <= 2 * pairs.tolerance(group.low)) {
    // The sample cannot tell the slopes around these ranks apart: a cluster.
    if (group.low === 0 && group.high === 0) settle(context, parent, group, depth, failed);
    else settleCluster(context, parent, group.targets);
  } else {
    settle(context, parent, group, depth, failed);
  }
}

function pivot(context: Context, theta: number): PivotCounts {
  if (theta === -Infinity) return context.pairs.minusInfinity;
  context.work.passes++;
  return context.pairs.pivot(theta);
}

/** Counts at the group's low pivot and scans up to its high one: answers, or recurses. */
function settle(context: Context, parent: Bracket, group: Group, depth: number, failed: number[]): void {
  const { pairs, found, work } = context;
  if (group.targets.length === 0) return;
  const low = group.low === parent.low.theta ? parent.low : pivot(context, group.low);
  const inside: number[] = [];
  for (const k of group.targets) {
    if (k >= low.atOrBelow) inside.push(k);
    else if (k >= low.below && low.theta === 0) found.set(k, 0);
    else if (k >= low.below && low.atOrBelow - low.below > listLimit(pairs)) settleCluster(context, parent, [k], low.theta);
    else failed.push(k);
  }
  if (inside.length === 0) return;
  const between = countWithin(parent.sample, group.low, group.high);
  const estimate = (parent.count * (between + 1)) / (parent.sample.length + 1);
  const rate = Math.min(1, (SECOND_SAMPLE_PER_POINT * pairs.n) / Math.max(estimate, 1));
  work.passes++;
  // Far more pairs than can be listed (by the sample's count): sample them from the start.
  const limit = estimate > 4 * listLimit(pairs) ? 0 : listLimit(pairs);
  const scan = pairs.scan(low, group.high, limit, rate, estimate);
  if (scan.slopes === undefined) {
    const bracket: Bracket = { low, high: group.high, below: low.atOrBelow, count: scan.candidates, sample: scan.sample };
    // A bracket that barely shrank holds a cluster: hurry on to settleCluster.
    const stalled = scan.candidates > parent.count / 4;
    failed.push(...refine(context, bracket, inside, depth + (stalled ? 3 : 1)));
    return;
  }
  context.memory?.listed.push({ low, high: group.high, slopes: scan.slopes });
  failed.push(...pickTrusted(pairs, found, scan.slopes, low, group.high, inside));
}

/**
 * Answers the targets from the slopes listed strictly between `low` and `high`, where trusted
 * (see the module header). Returns the targets not answered.
 */
function pickTrusted(pairs: SlopeSource, found: Map<number, number>, slopes: Float64Array, low: PivotCounts, high: number, targets: readonly number[]): number[] {
  const untrusted: number[] = [];
  let from = 0;
  for (const k of targets) {
    const j = k - low.atOrBelow;
    if (j < from || j >= slopes.length) {
      untrusted.push(k);
      continue;
    }
    const v = selectInPlace(slopes, j, from);
    from = j;
    const clearOfLow = low.theta === -Infinity || v >= low.theta + pairs.tolerance(low.theta);
    const clearOfHigh = high === Infinity || v <= high - pairs.tolerance(high);
    if (clearOfLow && clearOfHigh) found.set(k, v);
    else untrusted.push(k);
  }
  return untrusted;
}

function listLimit(pairs: SlopeSource): number {
  return 16 * pairs.n + 4096;
}

/**
 * Targets whose slopes the pivots cannot separate: list every slope within a few tolerances of the
 * cluster (at most CLUSTER_LIMIT) and pick from them; failing that, every slope of the bracket;
 * failing that (more than CLUSTER_LIMIT), the cluster's own value.
 */
function settleCluster(context: Context, bracket: Bracket, targets: readonly number[], at?: number): void {
  const { pairs, found, work } = context;
  const values = targets.map((k) => at ?? quantileOf(context, bracket, k));
  const lowest = Math.min(...values);
  const highest = Math.max(...values);
  let left = [...targets];
  if (lowest <= 0 && highest >= 0) {
    const zero = pivot(context, 0);
    left = left.filter((k) => {
      if (k >= zero.below && k < zero.atOrBelow) found.set(k, 0);
      return !found.has(k);
    });
  }
  if (left.length > 0) {
    // tolerance(0) is 0 (exact keys), but the slopes around 0 still need a band to be listed in.
    const margin = 4 * Math.max(pairs.tolerance(lowest || Number.MIN_VALUE), pairs.tolerance(highest || Number.MIN_VALUE));
    const low = pivot(context, lowest - margin);
    work.passes++;
    const scan = pairs.scan(low, highest + margin, CLUSTER_LIMIT, 0);
    if (scan.slopes !== undefined) {
      work.clusters++;
      const inside = left.filter((k) => k >= low.atOrBelow);
      left = [...left.filter((k) => k < low.atOrBelow), ...pickTrusted(pairs, found, scan.slopes, low, highest + margin, inside)];
    }
  }
  left = left.filter((k) => !found.has(k));
  if (left.length > 0 && bracket.count <= CLUSTER_LIMIT) {
    // Not within rounding of the sample's value after all: list the bracket itself.
    work.passes++;
    const scan = pairs.scan(bracket.low, bracket.high, CLUSTER_LIMIT, 0);
    if (scan.slopes !== undefined) left = pickTrusted(pairs, found, scan.slopes, bracket.low, bracket.high, left);
  }
  for (const k of left) {
    work.approximations++;
    found.set(k, values[targets.indexOf(k)] as number);
  }
}

/** The bracket's sample quantile at the target's position (from the whole when that fails). */
function quantileOf(context: Context, bracket: Bracket, k: number): number {
  const { pairs } = context;
  let { sample } = bracket;
  let p = (k - bracket.below + 0.5) / Math.max(bracket.count, 1);
  if (sample.length === 0 || p < 0 || p > 1) {
    sample = pairs.sampleUniform(FIRST_SAMPLE_PER_POINT * pairs.n + 64);
    p = (k + 0.5) / pairs.pairs;
  }
  return selectInPlace(sample, Math.min(sample.length - 1, Math.max(0, Math.floor(p * sample.length))));
}

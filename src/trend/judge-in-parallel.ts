/**
 * The trend stage on every core. Each series' tests depend on no other series, so they are
 * shared out — the main thread takes one share, a worker thread each other one — and only the
 * correction across series and the rules run once all are back. The answers are those of
 * `judgeSeries`, to the last bit: the same code runs on the same numbers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Series } from '../series/series.js';
import { judgeSeries, judgeTested, testSeries, type Judgement, type SeriesPoints, type Tested } from './judge-series.js';
import type { JudgeRequest, JudgeResponse } from './judge-worker.js';
import type { TrendSettings } from './settings.js';

/**
 * Below this many points in all, one thread: starting a worker (loading the modules again) and
 * copying the points to it cost more than the half of the tests it takes. Measured on the bench's
 * exports (850 series, 2 cores): 255,000 points took 0.48 s on one thread and 0.57 s on two;
 * 1,275,000 points 2.06 s on one and 1.45 s on two — even at about 480,000.
 */
export const PARALLEL_FROM_POINTS = 500_000;

export interface ParallelOptions {
  /** Threads in all, the main one included; the machine's cores by default. */
  readonly threads?: number;
  /** Fewer points than this in all: one thread. */
  readonly fromPoints?: number;
}

export async function judgeSeriesInParallel(series: readonly Series[], settings: TrendSettings, options: ParallelOptions = {}): Promise<Judgement[]> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const points = series.reduce((sum, one) => sum + one.times.length, 0);
  if (threads < 2 || series.length < 2 || points < (options.fromPoints ?? PARALLEL_FROM_POINTS)) return judgeSeries(series, settings);
  const shares = share(series, threads);
  const workers = shares.slice(1).map((indices) =>
    inWorker({ settings, series: indices.map((i) => pointsOf(series[i] as Series)) }),
  );
  const tested: (Tested | undefined)[] = new Array(series.length);
  for (const i of shares[0] as number[]) tested[i] = testSeries(series[i] as Series, settings);
  const answers = await Promise.all(workers);
  answers.forEach((answer, w) => (shares[w + 1] as number[]).forEach((i, j) => (tested[i] = answer[j])));
  return judgeTested(tested, settings);
}

/** Series indices in `parts` shares of about equal work (n log n a series), largest first to the least loaded. */
function share(series: readonly Series[], parts: number): number[][] {
  const work = (i: number): number => {
    const n = (series[i] as Series).times.length;
    return n * Math.log2(n + 1);
  };
  const order = series.map((_, i) => i).sort((a, b) => work(b) - work(a));
  const shares = Array.from({ length: parts }, () => ({ load: 0, indices: [] as number[] }));
  for (const i of order) {
    const least = shares.reduce((best, one) => (one.load < best.load ? one : best));
    least.indices.push(i);
    least.load += work(i);
  }
  return shares.map((one) => one.indices);
}

function pointsOf(series: Series): SeriesPoints {
  const { times, sizes, resolutions, diffs, lifetimeStarts } = series;
  return diffs === undefined ? { times, sizes, resolutions, lifetimeStarts } : { times, sizes, resolutions, diffs, lifetimeStarts };
}

function inWorker(request: JudgeRequest): Promise<JudgeResponse> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./judge-worker.js', import.meta.url));
    worker.once('message', (response: JudgeResponse) => {
      resolve(response);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a trend worker stopped (exit ${code}) before answering`)));
    worker.postMessage(request);
  });
}

/**
 * The trend stage on every core. Each series' tests depend on no other series, so they are
 * shared out — a worker thread takes a series whenever it has fewer than a few waiting, the main
 * thread tests the others — and only the correction across series and the rules run once all are
 * back. The answers are those of `judgeSeries`, to the last bit: the same code runs on the same
 * numbers. Series are loaded one at a time, as they are handed out, so the points held are those
 * of a few series, not of all.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { judgeSeries, judgeTested, testSeries, type Judgement, type PointsSource, type SeriesPoints, type Tested } from './judge-series.js';
import type { TestAnswer, TestRequest, WorkerSetup } from './judge-worker.js';
import type { TrendSettings } from './settings.js';

/**
 * Below this many points in all, one thread: a worker costs its start (loading the modules again),
 * copying the points to it, and about 30 MB, and it must save more than that is worth. Measured
 * on the bench's exports (2 cores, cold, as the command runs them): 255,000 points took 0.68–0.83 s
 * on one thread and 0.77–0.83 s on two; 1,275,000 points 2.3–3.0 s on one and 1.8–2.1 s on two,
 * under a second saved on a 20 s run for 15% more memory. The fleet of the bench's statistics,
 * 20,000,000 points: 28.9 s on one thread, 16.8 s on two.
 */
export const PARALLEL_FROM_POINTS = 2_000_000;

/**
 * Series a worker may have waiting. More than one, so that it does not idle while the main
 * thread tests a long series before handing it the next; few, because their points are held.
 */
const WORKER_QUEUE = 4;

export interface ParallelOptions {
  /** Threads in all, the main one included; the machine's cores by default. */
  readonly threads?: number;
  /** Fewer points than this in all: one thread. */
  readonly fromPoints?: number;
}

export async function judgeSeriesInParallel(series: readonly PointsSource[], settings: TrendSettings, options: ParallelOptions = {}): Promise<Judgement[]> {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const points = series.reduce((sum, one) => sum + one.length, 0);
  if (threads < 2 || series.length < 2 || points < (options.fromPoints ?? PARALLEL_FROM_POINTS)) return judgeSeries(series, settings);
  const tested: (Tested | undefined)[] = new Array(series.length);
  const workers = Array.from({ length: threads - 1 }, () => new TrendWorker(settings, tested));
  try {
    // The longest first: the last series handed out are short, so the threads finish together.
    const order = series.map((_, i) => i).sort((a, b) => work(series[b] as PointsSource) - work(series[a] as PointsSource));
    for (const i of order) {
      for (const worker of workers) worker.collect();
      const free = workers.find((worker) => worker.waiting < WORKER_QUEUE);
      const loaded = (series[i] as PointsSource).load();
      if (free === undefined) tested[i] = testSeries(loaded, settings);
      else free.send(i, loaded);
    }
    await Promise.all(workers.map((worker) => worker.finish()));
  } finally {
    for (const worker of workers) worker.stop();
  }
  return judgeTested(tested, settings);
}

/** About how long a series' tests take: n log n. */
function work(series: PointsSource): number {
  return series.length * Math.log2(series.length + 1);
}

/**
 * One worker thread and the series it has been sent. Answers are taken synchronously, between the
 * main thread's own tests (`receiveMessageOnPort`), so the main thread never waits on the event loop.
 */
class TrendWorker {
  /** Series sent and not yet answered. */
  waiting = 0;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private failure: Error | undefined;

  constructor(settings: TrendSettings, private readonly tested: (Tested | undefined)[]) {
    const { port1, port2 } = new MessageChannel();
    const setup: WorkerSetup = { settings, port: port2 };
    this.worker = new Worker(new URL('./judge-worker.js', import.meta.url), { workerData: setup, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.port = port1;
    this.worker.on('error', (error) => (this.failure ??= error));
    this.worker.on('exit', (code) => (this.failure ??= new Error(`a trend worker stopped (exit ${code}) before answering`)));
  }

  send(index: number, series: SeriesPoints): void {
    // Only what the tests read crosses to the worker: a loaded series carries its labels and traceback too.
    const { times, sizes, resolutions, diffs, lifetimeStarts } = series;
    const points = diffs === undefined ? { times, sizes, resolutions, lifetimeStarts } : { times, sizes, resolutions, diffs, lifetimeStarts };
    const request: TestRequest = { index, points };
    this.port.postMessage(request);
    this.waiting += 1;
  }

  /** Takes the answers that have arrived. */
  collect(): void {
    for (let received = receiveMessageOnPort(this.port); received !== undefined; received = receiveMessageOnPort(this.port)) {
      const { index, tested } = received.message as TestAnswer;
      this.tested[index] = tested;
      this.waiting -= 1;
    }
  }

  /** Waits for the answers still to come. */
  async finish(): Promise<void> {
    for (this.collect(); this.waiting > 0; this.collect()) {
      if (this.failure !== undefined) throw this.failure;
      await sleep(1);
    }
  }

  stop(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

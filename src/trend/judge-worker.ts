/**
 * A worker thread of `judgeSeriesInParallel`: tests each series it is sent and answers on the
 * port it was given, one message a series each way.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { testSeries, type SeriesPoints, type Tested } from './judge-series.js';
import type { TrendSettings } from './settings.js';

export interface WorkerSetup {
  readonly settings: TrendSettings;
  readonly port: MessagePort;
}

export interface TestRequest {
  readonly index: number;
  readonly points: SeriesPoints;
}

export interface TestAnswer {
  readonly index: number;
  readonly tested: Tested | undefined;
}

const setup = workerData as WorkerSetup | null;
setup?.port.on('message', ({ index, points }: TestRequest) => {
  const answer: TestAnswer = { index, tested: testSeries(points, setup.settings) };
  setup.port.postMessage(answer);
});

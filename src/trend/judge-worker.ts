/**
 * A worker thread of `judgeSeriesInParallel`: tests the series it is sent, one message each way.
 */
import { parentPort } from 'node:worker_threads';
import { testSeries, type SeriesPoints, type Tested } from './judge-series.js';
import type { TrendSettings } from './settings.js';

export interface JudgeRequest {
  readonly settings: TrendSettings;
  readonly series: readonly SeriesPoints[];
}

export type JudgeResponse = readonly (Tested | undefined)[];

parentPort?.once('message', ({ settings, series }: JudgeRequest) => {
  const response: JudgeResponse = series.map((one) => testSeries(one, settings));
  parentPort?.postMessage(response);
});

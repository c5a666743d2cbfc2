export { analyze, buildReport, DEFAULT_OPTIONS, VERSION, type AnalyzeOptions } from './analyze.js';
export { analyzeInputs, type InputAnalysis } from './analyze-inputs.js';
export { fileInput, streamInput, type Input } from './read/open-input.js';
export type { TraceRecord, TraceEvent, Labels } from './read/record.js';
export { parseStatistic, type Statistic } from './read/statistic.js';
export { render, FORMATS, type Format } from './report/renderers.js';
export type { Report, Finding } from './report/report.js';
export type { Verdict } from './trend/verdict.js';

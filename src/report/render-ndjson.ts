import type { Readable } from 'node:stream';
import type { Report } from './report.js';
import { suspectsFirst } from './suspects-first.js';

/**
 * The report as NDJSON: one finding a line, each the `Finding` of the JSON report as it is
 * (`baseline` and `projection` included), suspects first, strongest first, then the other series
 * in the report's order — for `jq`, a log shipper or a database loader, which take one object a
 * line where they would have to split the JSON report's arrays first. The run's input, settings
 * and baseline summary are the JSON report's; these lines carry only the findings.
 *
 * Written by `ndjson`'s `stringify()`, loaded when asked for: speed does not matter here (a report
 * has thousands of lines, not millions), and the command's start does not pay for loading it
 * when another format is written.
 */
export async function ndjsonFindings(report: Report): Promise<Readable> {
  // `default`: ndjson is CommonJS, whose exports an ES module imports as its default.
  const [{ Readable }, { default: ndjson }] = await Promise.all([import('node:stream'), import('ndjson')]);
  return Readable.from(suspectsFirst(report)).pipe(ndjson.stringify());
}

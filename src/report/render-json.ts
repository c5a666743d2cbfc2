import type { Report } from './report.js';

/** The JSON report (SPEC "JSON report"): the `Report` type as it is. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

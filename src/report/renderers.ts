import type { Report } from './report.js';
import { renderJson } from './render-json.js';
import { renderText } from './render-text.js';

/** The renderers, keyed by the `--format` value. Each is a pure function of the report. */
export const RENDERERS = {
  text: renderText,
  json: renderJson,
} as const satisfies Record<string, (report: Report) => string>;

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

export function render(report: Report, format: Format): string {
  return RENDERERS[format](report);
}

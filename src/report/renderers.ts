import type { RenderOptions } from './plot.js';
import type { Report } from './report.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

/** The renderers, keyed by the `--format` value. Each is a pure function of the report. */
export const RENDERERS = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
  html: renderHtml,
  csv: renderCsv,
} as const satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof RENDERERS;
export const FORMATS = Object.keys(RENDERERS) as Format[];

export function render(report: Report, format: Format, options: RenderOptions = {}): string {
  return RENDERERS[format](report, options);
}

/** Formats written as a stream of lines rather than one text (`ndjsonFindings`). */
export const STREAMED_FORMATS = ['ndjson'] as const;
/** What `--format` accepts: a renderer's format, or a streamed one. */
export type OutputFormat = Format | (typeof STREAMED_FORMATS)[number];
export const OUTPUT_FORMATS: readonly OutputFormat[] = [...FORMATS, ...STREAMED_FORMATS];

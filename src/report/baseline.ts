import * as z from 'zod/mini';
import '../read/zod-messages.js';
import { labelsKey, LIFETIME_KEYS } from '../read/labels.js';
import type { Labels } from '../read/record.js';
import type { BaselineComparison, Finding, ResolvedSuspect } from './report.js';

/** The part of a previous run's JSON report that a comparison needs, validated once here. */
const PREVIOUS_REPORT = z.object({
  tool: z.literal('leak-suspects'),
  input: z.object({ from: z.nullable(z.string()), to: z.nullable(z.string()) }),
  suspects: z.array(
    z.object({
      module: z.string(),
      line: z.optional(z.int()),
      labels: z.record(z.string(), z.string()),
      growthBytesPerHour: z.nullable(z.number()),
    }),
  ),
});

export type PreviousReport = z.infer<typeof PREVIOUS_REPORT> & { readonly file: string };

/** A previous report that is not one: `file: where: what`. */
export class BaselineError extends Error {}

/** A previous run's JSON report, from its text; throws `BaselineError` with a located message. */
export function parseBaseline(text: string, file: string): PreviousReport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${file}: not a JSON report: ${(error as Error).message}`);
  }
  const parsed = PREVIOUS_REPORT.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : `${formatPath(issue.path)}: `;
    throw new BaselineError(`${file}: not a leak-suspects JSON report: ${where}${issue?.message ?? 'invalid'}`);
  }
  return { ...parsed.data, file };
}

/**
 * This run's suspects against a previous run's. A suspect is the same when module, line and
 * labels match, leaving out the labels that change at each restart (pid, container id): the
 * nightly job sees new processes every day.
 */
export function compareWithBaseline(
  suspects: readonly Finding[],
  series: readonly Finding[],
  previous: PreviousReport,
): { readonly status: Map<Finding, 'new' | 'ongoing'>; readonly comparison: BaselineComparison } {
  const before = new Set(previous.suspects.map(suspectKey));
  const status = new Map<Finding, 'new' | 'ongoing'>();
  for (const suspect of suspects) status.set(suspect, before.has(suspectKey(suspect)) ? 'ongoing' : 'new');
  const now = new Set(suspects.map(suspectKey));
  const verdicts = new Map(series.map((finding) => [suspectKey(finding), finding.verdict]));
  const resolved: ResolvedSuspect[] = previous.suspects
    .filter((suspect) => !now.has(suspectKey(suspect)))
    .map((suspect) => ({
      module: suspect.module,
      ...(suspect.line === undefined ? {} : { line: suspect.line }),
      labels: suspect.labels,
      growthBytesPerHour: suspect.growthBytesPerHour,
      verdictNow: verdicts.get(suspectKey(suspect)) ?? null,
    }));
  let ongoing = 0;
  for (const value of status.values()) if (value === 'ongoing') ongoing += 1;
  return {
    status,
    comparison: {
      file: previous.file,
      from: previous.input.from,
      to: previous.input.to,
      new: suspects.length - ongoing,
      ongoing,
      resolved,
    },
  };
}

function suspectKey(suspect: { readonly module: string; readonly line?: number | undefined; readonly labels: Labels }): string {
  const lasting: Record<string, string> = {};
  for (const [key, value] of Object.entries(suspect.labels)) if (!LIFETIME_KEYS.includes(key)) lasting[key] = value;
  return `${suspect.module}\u0000${suspect.line ?? 0}\u0000${labelsKey(lasting)}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

import yargs from 'yargs';
import { DEFAULT_OPTIONS, VERSION, type AnalyzeOptions } from '../analyze.js';
import { SHAPES, type Shape } from '../read/detect-shape.js';
import { parseTimestamp } from '../read/timestamp.js';
import type { TimeBound, TimeWindow } from '../series/time-window.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/renderers.js';
import { parseByteSize } from './byte-size.js';
import { parseDuration, parseTimeBound } from './time-bound.js';

export interface CliOptions {
  readonly files: string[];
  /** The format of the report on standard output, when there is no --output. */
  readonly format: OutputFormat;
  /** Files to write the report to instead of standard output, each in its format. */
  readonly outputs: readonly Output[];
  /** A previous run's JSON report to compare with. */
  readonly baselineFile: string | undefined;
  readonly strict: boolean;
  readonly exitZero: boolean;
  /** Read every input as this shape; detected per input when undefined. */
  readonly shape: Shape | undefined;
  readonly analyze: Omit<AnalyzeOptions, 'baseline'>;
}

export interface Output {
  readonly path: string;
  readonly format: OutputFormat;
}

/** What parsing the arguments asks for: run, or print help/version text and stop. */
export type Parsed = { readonly kind: 'run'; readonly options: CliOptions } | { readonly kind: 'print'; readonly text: string };

/** A mistake in the arguments: one line, exit 2. */
export class UsageError extends Error {}

const USAGE = `Usage: leak-suspects [options] [file ...]

Finds memory leaks in long-running Python services from their tracemalloc logs.
Reads the files (gzip or plain), or standard input when there are none or a file is "-".
Durations: 90s, 30m, 24h, 7d, 2w. Times: ISO-8601 (UTC unless a zone is given) or epoch seconds.

Exit codes: 0 no suspects, 1 suspects found, 2 usage error or unreadable input.`;

export function usage(): string {
  return USAGE;
}

export function parseArguments(argv: readonly string[]): Parsed {
  let printed: string | undefined;
  const parser = yargs([...argv])
    .scriptName('leak-suspects')
    .usage(USAGE)
    .options({
      format: { alias: 'f', choices: OUTPUT_FORMATS, describe: 'Output format (default: from --output\'s extension, else text)' },
      output: {
        alias: 'o',
        type: 'string',
        array: true,
        describe: 'Write the report to this file instead (.html, .md, .csv, .json, .ndjson, .txt name the format); may be repeated',
      },
      input: {
        choices: SHAPES,
        describe: 'Read every input as: lines (JSON or text a line), json (one JSON document), csv; detected per input by default',
      },
      by: {
        type: 'string',
        array: true,
        default: [...DEFAULT_OPTIONS.by],
        describe: 'Context keys that identify a process (comma-separated or repeated)',
      },
      alpha: { type: 'number', default: DEFAULT_OPTIONS.alpha, describe: 'False-discovery rate across all series' },
      'min-growth': {
        type: 'string',
        default: `${DEFAULT_OPTIONS.minGrowthBytesPerHour / 1024}KiB`,
        describe: 'Smallest growth per hour worth a suspect (bytes; KiB, MiB … suffixes)',
      },
      'min-relative-growth': {
        type: 'number',
        default: DEFAULT_OPTIONS.minRelativeGrowthPerHour * 100,
        describe: 'Smallest growth per hour worth a suspect, in percent of the module size',
      },
      'noisy-variation': {
        type: 'number',
        default: DEFAULT_OPTIONS.noisyVariation,
        describe: 'Spread around the trend, relative to the size, above which a trendless series is noisy',
      },
      'min-points': { type: 'number', default: DEFAULT_OPTIONS.minPoints, describe: 'Fewer points: insufficient' },
      'min-span': { type: 'number', default: DEFAULT_OPTIONS.minSpanHours, describe: 'Shorter span in hours: insufficient' },
      since: { type: 'string', describe: 'Look only at records from this time, or this long before the newest record (--now: before now)' },
      until: { type: 'string', describe: 'Look only at records up to this time, or this long before the newest record (--now: before now)' },
      window: { type: 'string', describe: 'Look only at this long a stretch, ending at --until (e.g. 24h); not with --since' },
      now: { type: 'string', describe: 'Count --since/--until/--window back from the clock (or from --now=TIME), not from the newest record' },
      'memory-limit': { type: 'string', describe: 'Per process (e.g. 512MiB): project when each suspect\'s process reaches it' },
      baseline: { type: 'string', describe: 'A previous run\'s --format json report: mark suspects new, ongoing or resolved' },
      'include-all': { type: 'boolean', default: false, describe: 'Keep tracemalloc.py, <frozen …> and <unknown> frames' },
      strict: { type: 'boolean', default: false, describe: 'Stop at the first malformed line (exit 2)' },
      'exit-zero': { type: 'boolean', default: false, describe: 'Exit 0 even when suspects are found' },
    })
    .strictOptions()
    .version(VERSION)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw new UsageError(message || error?.message || 'invalid arguments');
    });
  const args = parser.parse([...argv], {}, (_error, _argv, output) => {
    if (output) printed = output;
  }) as Record<string, unknown>;
  if (printed !== undefined) return { kind: 'print', text: printed };
  return { kind: 'run', options: toOptions(args) };
}

function toOptions(args: Record<string, unknown>): CliOptions {
  const alpha = args['alpha'] as number;
  if (!(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be between 0 and 1, not ${String(alpha)}`);
  const minGrowth = parseByteSize(String(args['min-growth']));
  if (minGrowth === undefined) throw new UsageError(`--min-growth: not a size: ${String(args['min-growth'])}`);
  const minPoints = args['min-points'] as number;
  if (!Number.isInteger(minPoints) || minPoints < 3) throw new UsageError(`--min-points must be a whole number ≥ 3`);
  const minSpan = args['min-span'] as number;
  if (!(minSpan >= 0)) throw new UsageError(`--min-span must be a number of hours ≥ 0`);
  const minRelative = args['min-relative-growth'] as number;
  if (!(minRelative >= 0)) throw new UsageError('--min-relative-growth must be a percentage ≥ 0');
  const noisy = args['noisy-variation'] as number;
  if (!(noisy > 0)) throw new UsageError('--noisy-variation must be a number > 0');
  const by = (args['by'] as string[]).flatMap((value) => value.split(',')).map((key) => key.trim()).filter(Boolean);
  if (by.length === 0) throw new UsageError('--by needs at least one key');
  const format = args['format'] as OutputFormat | undefined;
  return {
    // Files come from yargs' own list of positionals: its positional mapping drops a lone "-".
    files: (args['_'] as unknown[]).map(String),
    format: format ?? 'text',
    outputs: outputs(args['output'] as string[] | undefined, format),
    baselineFile: optionalString(args['baseline'], '--baseline'),
    strict: args['strict'] as boolean,
    exitZero: args['exit-zero'] as boolean,
    shape: args['input'] as Shape | undefined,
    analyze: {
      alpha,
      minPoints,
      minSpanHours: minSpan,
      minGrowthBytesPerHour: minGrowth,
      minRelativeGrowthPerHour: minRelative / 100,
      noisyVariation: noisy,
      by,
      includeAll: args['include-all'] as boolean,
      window: timeWindow(args),
      memoryLimitBytes: memoryLimit(args['memory-limit']),
    },
  };
}

const FORMAT_OF_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  html: 'html',
  htm: 'html',
  md: 'markdown',
  markdown: 'markdown',
  csv: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  txt: 'text',
};

/** Each --output in --format when given, else in the format its extension names (text when none). */
function outputs(paths: readonly string[] | undefined, format: OutputFormat | undefined): Output[] {
  return (paths ?? []).map((path) => {
    if (path === '') throw new UsageError('--output needs a file name');
    const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
    return { path, format: format ?? (extension === undefined ? undefined : FORMAT_OF_EXTENSION[extension]) ?? 'text' };
  });
}

function optionalString(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new UsageError(`${flag} given more than once`);
  const text = String(value);
  if (text === '') throw new UsageError(`${flag} needs a value`);
  return text;
}

function timeWindow(args: Record<string, unknown>): TimeWindow {
  const bound = (flag: 'since' | 'until'): TimeBound | undefined => {
    const text = optionalString(args[flag], `--${flag}`);
    if (text === undefined) return undefined;
    const parsed = parseTimeBound(text);
    if (parsed === undefined) throw new UsageError(`--${flag}: not a duration (24h) or a time (2026-11-02T00:00Z): ${text}`);
    return parsed;
  };
  const since = bound('since');
  const until = bound('until');
  const windowText = optionalString(args['window'], '--window');
  const hours = windowText === undefined ? undefined : parseDuration(windowText);
  if (windowText !== undefined && (hours === undefined || hours <= 0)) throw new UsageError(`--window: not a duration (24h): ${windowText}`);
  if (hours !== undefined && since !== undefined) throw new UsageError('--window and --since both set where the window starts; give one');
  const nowValue = args['now'];
  let now: number | undefined;
  if (nowValue !== undefined) {
    if (Array.isArray(nowValue)) throw new UsageError('--now given more than once');
    const text = String(nowValue);
    now = text === '' ? Date.now() : parseTimestamp(text);
    if (now === undefined) {
      throw new UsageError(`--now: not a time (2026-11-02T00:00Z): ${text} (for the clock, give --now last or before another option)`);
    }
  }
  return {
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(hours === undefined ? {} : { hours }),
    ...(now === undefined ? {} : { now }),
  };
}

function memoryLimit(value: unknown): number | null {
  const text = optionalString(value, '--memory-limit');
  if (text === undefined) return null;
  const bytes = parseByteSize(text);
  if (bytes === undefined || bytes <= 0) throw new UsageError(`--memory-limit: not a size (512MiB): ${text}`);
  return bytes;
}

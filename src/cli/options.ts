import yargs from 'yargs';
import { DEFAULT_OPTIONS, VERSION, type AnalyzeOptions } from '../analyze.js';
import { SHAPES, type Shape } from '../read/detect-shape.js';
import { FORMATS, type Format } from '../report/renderers.js';
import { parseByteSize } from './byte-size.js';

export interface CliOptions {
  readonly files: string[];
  readonly format: Format;
  readonly strict: boolean;
  readonly exitZero: boolean;
  /** Read every input as this shape; detected per input when undefined. */
  readonly shape: Shape | undefined;
  readonly analyze: AnalyzeOptions;
}

/** What parsing the arguments asks for: run, or print help/version text and stop. */
export type Parsed = { readonly kind: 'run'; readonly options: CliOptions } | { readonly kind: 'print'; readonly text: string };

/** A mistake in the arguments: one line, exit 2. */
export class UsageError extends Error {}

const USAGE = `Usage: leak-suspects [options] [file ...]

Finds memory leaks in long-running Python services from their tracemalloc logs.
Reads the files (gzip or plain), or standard input when there are none or a file is "-".

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
      format: { alias: 'f', choices: FORMATS, default: 'text' as Format, describe: 'Output format' },
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
  return {
    // Files come from yargs' own list of positionals: its positional mapping drops a lone "-".
    files: (args['_'] as unknown[]).map(String),
    format: args['format'] as Format,
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
    },
  };
}

import { readFile, writeFile } from 'node:fs/promises';
import { analyzeInputs } from '../analyze-inputs.js';
import { describeFileError } from '../read/file-error.js';
import { BaselineError, parseBaseline, type PreviousReport } from '../report/baseline.js';
import { expandPath, fileInput, streamInput, type Input } from '../read/open-input.js';
import { describeMalformed, StrictModeStop } from '../read/read-inputs.js';
import { render } from '../report/renderers.js';
import { ndjsonFindings } from '../report/render-ndjson.js';
import { SpillError } from '../series/point-store.js';
import { terminalSafe } from '../report/sanitize.js';
import { EXIT_ERROR, EXIT_OK, exitCodeFor } from './exit-codes.js';
import { parseArguments, usage, UsageError } from './options.js';
import { ProgressLine } from './progress.js';

/** What the command touches of the process, passed in so tests can run it in-process. */
export interface Io {
  readonly stdin: AsyncIterable<Buffer> & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** The environment, for NO_COLOR and FORCE_COLOR. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

const NAME = 'leak-suspects';

/** Runs the command; resolves to the exit code. Never throws for a user mistake. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const say = (line: string): void => void io.stderr.write(`${terminalSafe(line)}\n`);
  let parsed;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`${NAME}: ${error.message}`);
    say(`Try '${NAME} --help'.`);
    return EXIT_ERROR;
  }
  if (parsed.kind === 'print') {
    await write(io.stdout, `${parsed.text}\n`);
    return EXIT_OK;
  }
  const { options } = parsed;
  if (options.files.length === 0 && io.stdin.isTTY === true) {
    await write(io.stderr, `${usage()}\n\nRun '${NAME} --help' for the options.\n`);
    return EXIT_ERROR;
  }
  const names = options.files.length === 0 ? ['-'] : options.files;
  const inputs: Input[] = [];
  for (const name of names) {
    if (name === '-') inputs.push(streamInput('-', io.stdin));
    else for (const path of await expandPath(name)) inputs.push(fileInput(path));
  }

  let baseline: PreviousReport | null = null;
  if (options.baselineFile !== undefined) {
    try {
      baseline = parseBaseline(await readFile(options.baselineFile, 'utf8'), options.baselineFile);
    } catch (error) {
      if (error instanceof BaselineError) say(`${NAME}: ${error.message}`);
      else say(`${NAME}: ${options.baselineFile}: ${describeFileError(error)}`);
      return EXIT_ERROR;
    }
  }

  let analysis;
  // Progress on a terminal only (not TERM=dumb: it takes escape codes), cleared before any warning or the report.
  const progress = io.stderr.isTTY === true && io.env['TERM'] !== 'dumb' ? new ProgressLine(io.stderr) : undefined;
  try {
    analysis = await analyzeInputs(inputs, {
      ...options.analyze,
      baseline,
      strict: options.strict,
      shape: options.shape,
      ...(progress === undefined ? {} : { onProgress: progress.update }),
    }).finally(() => progress?.done());
  } catch (error) {
    if (error instanceof SpillError) {
      say(`${NAME}: ${error.message}`);
      return EXIT_ERROR;
    }
    if (!(error instanceof StrictModeStop)) throw error;
    say(error.message);
    say(`${NAME}: stopped at the first malformed line (--strict)`);
    return EXIT_ERROR;
  }
  const { report, read, plots } = analysis;
  for (const malformed of read.firstMalformed) say(describeMalformed(malformed));
  if (read.malformed > read.firstMalformed.length) {
    say(`${NAME}: ${read.malformed} malformed lines skipped (the first ${read.firstMalformed.length} shown)`);
  }
  for (const failure of read.failures) say(`${NAME}: ${failure}`);
  if (report.input.records === 0) {
    if (read.failures.length === 0 || read.lines > 0) {
      say(`${NAME}: no tracemalloc records found in ${names.join(', ')} (${read.lines} lines read)`);
    }
    return EXIT_ERROR;
  }
  if (report.series.length === 0) {
    const { since, until } = report.settings.window;
    say(
      report.input.skipped.outside_window > 0
        ? `${NAME}: none of the ${report.input.records} records lies between ${since ?? 'the start'} and ${until ?? 'the end'}`
        : `${NAME}: all ${report.input.records} records are of tracemalloc itself or <frozen …>/<unknown> frames (--include-all keeps them)`,
    );
    return EXIT_ERROR;
  }
  const color = (terminal: boolean): boolean => wantsColor(io.env, terminal);
  if (options.outputs.length === 0) {
    const terminal = io.stdout.isTTY === true;
    const width = terminal && io.stdout.columns !== undefined ? { width: io.stdout.columns } : {};
    if (options.format === 'ndjson') for await (const line of await ndjsonFindings(report)) await write(io.stdout, line as string);
    else await write(io.stdout, render(report, options.format, { plots, color: color(terminal), ...width }));
  }
  for (const output of options.outputs) {
    try {
      const body = output.format === 'ndjson' ? await ndjsonFindings(report) : render(report, output.format, { plots, color: color(false) });
      await writeFile(output.path, body);
    } catch (error) {
      say(`${NAME}: ${output.path}: cannot write the report: ${describeFileError(error)}`);
      return EXIT_ERROR;
    }
  }
  return exitCodeFor({
    suspects: report.suspects.length,
    inputFailed: read.failures.length > 0,
    strict: options.strict,
    exitZero: options.exitZero,
  });
}

/** Colour on a terminal, never with NO_COLOR (https://no-color.org); FORCE_COLOR=1 or 0 overrides the terminal test. */
function wantsColor(env: Io['env'], terminal: boolean): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  return force === undefined || force === '' ? terminal : force !== '0';
}

/** Writes and waits for the data to be flushed; a closed pipe (EPIPE) is not an error. */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (error && (error as NodeJS.ErrnoException).code !== 'EPIPE') reject(error);
      else resolve();
    });
  });
}

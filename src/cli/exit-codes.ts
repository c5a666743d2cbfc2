/**
 * The exit codes (SPEC "Exit codes"), decided in this one function:
 * 0 ran cleanly, no suspects; 1 ran cleanly, suspects found (0 with --exit-zero);
 * 2 usage error, no usable tracemalloc records, an input that could not be read in full under
 * --strict, or an internal error. Without --strict an input that failed part-way is a warning on
 * stderr: the report covers what could be read.
 */
export const EXIT_OK = 0;
export const EXIT_SUSPECTS = 1;
export const EXIT_ERROR = 2;

export function exitCodeFor(outcome: { suspects: number; inputFailed: boolean; strict: boolean; exitZero: boolean }): number {
  if (outcome.inputFailed && outcome.strict) return EXIT_ERROR;
  if (outcome.suspects > 0 && !outcome.exitZero) return EXIT_SUSPECTS;
  return EXIT_OK;
}

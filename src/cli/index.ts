/**
 * @module cli
 * The `casus` command line: a thin edge over the core. Exit codes: 0 success, 1 an `expect`
 * mismatch, 2 invalid input.
 * @example
 * import { runCli } from './cli/index.js';
 * const code = await runCli(['test', 'scenarios/'], { out: console.log, err: console.error });
 */
export { eventLine, explanationText, instanceText, missingLine, reportText } from './format-report.js';
export { corpusStatusText, unboundWords } from './format-status.js';
export type { Io } from './main.js';
export { runCli } from './main.js';

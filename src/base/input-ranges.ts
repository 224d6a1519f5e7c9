import { CasusError } from './casus-error.js';

/**
 * The ranges of the whole numbers casus takes as options, one table for the CLI and the HTTP API
 * (and the OpenAPI document), so that `casus sweep --from 999` and `GET /api/sweep?from=999` are
 * refused alike. A date is any day `dateProblem` accepts (YYYY, YYYY-MM or YYYY-MM-DD that
 * exists, in the years of YEARS), on every edge the same. The bounds on the size of inputs (bytes, events,
 * depth) are limits.ts's.
 */

/** An inclusive range of whole numbers. */
export interface WholeRange {
  readonly min: number;
  readonly max: number;
}

/** A year given as a number (`--network 1939`, `casus sweep --from`, `?year=`): four digits, as in a date. */
export const YEARS: WholeRange = { min: 1000, max: 9999 };

/** Monte Carlo runs of a scenario cascade (`casus cascade --runs`); the library's own bound. */
export const CASCADE_RUNS: WholeRange = { min: 1, max: 10_000_000 };

/** Monte Carlo runs of a network cascade (`casus cascade --network`), a hundred times cheaper each. */
export const NETWORK_RUNS: WholeRange = { min: 1, max: 1_000_000_000 };

/** Seeds of the random draws: mulberry32's 32-bit state. */
export const SEEDS: WholeRange = { min: 0, max: 2 ** 32 - 1 };

/** Rounds of one cascade run (`--max-rounds`). */
export const MAX_ROUNDS: WholeRange = { min: 1, max: 1000 };

/** Events a conflict witness may hold before the performance (`--max-events`, `maxEvents`). */
export const WITNESS_EVENTS: WholeRange = { min: 1, max: 16 };

/** Events one counterfactual change may remove (`casus whatif --max-removals`). */
export const MAX_REMOVALS: WholeRange = { min: 0, max: 4 };

/** Worker threads of a sweep (`--workers`; 0: in the calling thread). */
export const WORKERS: WholeRange = { min: 0, max: 64 };

/** TCP ports to listen on (`casus serve --port`; 0: any free port). */
export const PORTS: WholeRange = { min: 0, max: 65_535 };

/** `n` is a whole number of the range. */
export function inRange(n: number, range: WholeRange): boolean {
  return Number.isInteger(n) && n >= range.min && n <= range.max;
}

/**
 * `value` if it is a whole number of the range, else the input error every edge gives
 * (`runs is a whole number from 1 to 10000000; got 0`): the library checks its options with the
 * same ranges as the CLI and the API. Undefined gives `fallback`.
 */
export function wholeOption(name: string, value: number | undefined, range: WholeRange, fallback: number): number {
  if (value === undefined) return fallback;
  if (!inRange(value, range)) {
    throw new CasusError(
      'input.bad-option',
      `${name} is a whole number from ${range.min} to ${range.max}; got ${String(value)}`,
      undefined,
      name,
    );
  }
  return value;
}

/**
 * @module analysis
 * What is built on reports, never inside the engine: for now, checking a scenario's
 * `expect` blocks (contract §3).
 * @example
 * import { checkExpectations } from './analysis/index.js';
 * const mismatches = checkExpectations(scenario, report); // [] when every expectation holds
 */
export type { Mismatch } from './check-expectations.js';
export { checkExpectations } from './check-expectations.js';

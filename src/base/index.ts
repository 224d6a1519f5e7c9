/**
 * @module base
 * The primitives every layer shares: input errors, three-valued truth, partial dates,
 * the ranges of numeric options and the event vocabulary of the contract.
 * @example
 * import { parseDate, before } from './base/index.js';
 * before(parseDate('1936-02'), parseDate('1936-03-07')); // 2 (true)
 */
export type { CasusErrorCode } from './casus-error.js';
export { CasusError, CasusErrors, formatError, inputErrors } from './casus-error.js';
export type { Event, FieldValue } from './event.js';
export type { FieldKind, FieldSpec } from './event-types.js';
export { ACT_TYPES, EVENT_TYPES, eventTypeWithArticle } from './event-types.js';
export type { WholeRange } from './input-ranges.js';
export {
  CASCADE_RUNS,
  inRange,
  MAX_REMOVALS,
  MAX_ROUNDS,
  NETWORK_RUNS,
  PORTS,
  SEEDS,
  WITNESS_EVENTS,
  WORKERS,
  YEARS,
} from './input-ranges.js';
export type { PartialDate } from './partial-date.js';
export {
  addDuration,
  after,
  before,
  compareDates,
  dateProblem,
  fromDayNumber,
  onOrAfter,
  onOrBefore,
  parseDate,
} from './partial-date.js';
export { NORM_KINDS, NORM_STATUSES, TREATY_STATUSES } from './status-words.js';
export type { Tri } from './tri.js';
export { and3, F, not3, or3, T, triWord, U } from './tri.js';
export type { YamlSource } from './yaml-source.js';
export { readYaml } from './yaml-source.js';

/**
 * @module engine
 * Corpus × Timeline × instant → Report: treaty statuses, norm instances with their status,
 * since, missing, vetoes and explanation. Pure and deterministic.
 * @example
 * import { evaluate } from './engine/index.js';
 * const report = evaluate(corpus, scenario, parseDate('1937-04-01'));
 */
export type { Alt, Pattern } from './alternatives.js';
export { minimise, orAlts, productAlts, vetoesOf } from './alternatives.js';
export type { BindingOptions, BindingSpan, Obligation, ObligationClass, TreatyKind } from './binding.js';
export {
  admissibleRoles,
  bindingSpans,
  bindsOn,
  canOwe,
  instanceObligation,
  isWarDuty,
  OBLIGATION_TABLE,
  OBLIGATIONS,
  obligationOf,
  partyBound,
  TREATY_KINDS,
  treatyKindOf,
  treatyObligations,
} from './binding.js';
export type { EvaluateOptions, Timeline } from './evaluate.js';
export { evaluate } from './evaluate.js';
export { Hypotheses } from './hypothetical.js';
export type { Reading } from './readings.js';
export { readingsOf } from './readings.js';
export type {
  EventOut,
  Explanation,
  HistoryEntry,
  NormInstance,
  NormStatus,
  PatternOut,
  Report,
  TreatyReport,
  TreatyStatus,
} from './report.js';
export type { TreatyLife } from './treaty-status.js';
export { inForceFor, inForceOn, statusAt, treatyLife } from './treaty-status.js';

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
export type { EvaluateOptions, Timeline } from './evaluate.js';
export { evaluate } from './evaluate.js';
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

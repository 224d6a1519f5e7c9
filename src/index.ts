/**
 * @module casus
 * Executable treaties. Load the corpus, load a scenario, evaluate it at an instant.
 * @example
 * import { evaluate, loadCorpus, loadScenario, parseDate } from 'casus';
 * const corpus = loadCorpus();
 * const scenario = loadScenario(readFileSync('crisis.yaml', 'utf8'), 'crisis.yaml', corpus);
 * const report = evaluate(corpus, scenario, parseDate('1937-04-01'));
 */
export type { CorpusStatusEntry, Mismatch, TimelineEntry, TimelineOptions } from './analysis/index.js';
export { checkExpectations, corpusStatus, corpusTimeline, timelineCsv } from './analysis/index.js';
export type { CasusErrorCode, Event, PartialDate, Tri } from './base/index.js';
export { CasusError, CasusErrors, formatError, inputErrors, parseDate } from './base/index.js';
export type { Corpus, Norm, Provision, State, Treaty } from './corpus/index.js';
export { defaultCorpus, loadCorpus } from './corpus/index.js';
export type {
  EvaluateOptions,
  Explanation,
  NormInstance,
  NormStatus,
  Report,
  Timeline,
  TreatyReport,
  TreatyStatus,
} from './engine/index.js';
export { evaluate } from './engine/index.js';
export type { Expectation, Scenario } from './scenario/index.js';
export { loadScenario } from './scenario/index.js';

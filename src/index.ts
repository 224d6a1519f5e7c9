/**
 * @module casus
 * Executable treaties. Load the corpus, load a scenario, evaluate it at an instant.
 * @example
 * import { evaluate, loadCorpus, loadScenario, parseDate } from 'casus';
 * const corpus = loadCorpus();
 * const scenario = loadScenario(readFileSync('crisis.yaml', 'utf8'), 'crisis.yaml', corpus);
 * const report = evaluate(corpus, scenario, parseDate('1937-04-01'));
 */
export type {
  AgreementReport,
  CascadeEntry,
  CascadeOptions,
  CascadeResult,
  CascadeRound,
  CascadeRun,
  CommitmentSink,
  Compliance,
  ConflictBounds,
  ConflictExamined,
  ConflictInstance,
  ConflictOptions,
  ConflictOutcome,
  ConflictPeriod,
  ConflictResult,
  ConflictWitness,
  CorpusStatusEntry,
  Disagreement,
  DyadYear,
  InstanceVetoes,
  Mismatch,
  Network,
  NetworkCascadeResult,
  Step,
  SweepModel,
  SweepObligation,
  TimelineEntry,
  TimelineOptions,
  UnboundParty,
  UnboundReason,
  VetoOptions,
  VetoReport,
  WhatIfChange,
  WhatIfInstance,
  WhatIfOptions,
  WhatIfResult,
} from './analysis/index.js';
export {
  agreementText,
  blockingCoalitions,
  cascade,
  cascadeText,
  checkExpectations,
  compareWithAtop,
  compileNetwork,
  conflicts,
  conflictsText,
  corpusStatus,
  corpusTimeline,
  networkCascade,
  oracleFlags,
  PERFORMANCE_READING,
  readCompliance,
  readDdyr,
  sweepAttacks,
  sweepDyads,
  sweepModel,
  timelineCsv,
  UNBOUND_REASONS,
  verifyChanges,
  vetoAnalysis,
  vetoText,
  whatIf,
  whatIfText,
} from './analysis/index.js';
export type { CasusErrorCode, Event, PartialDate, Tri } from './base/index.js';
export { CasusError, CasusErrors, formatError, inputErrors, parseDate } from './base/index.js';
export type { Corpus, Norm, Provision, State, Treaty } from './corpus/index.js';
export { defaultCorpus, loadCorpus } from './corpus/index.js';
export type {
  BindingOptions,
  EvaluateOptions,
  Explanation,
  NormInstance,
  NormStatus,
  Obligation,
  Report,
  Timeline,
  TreatyKind,
  TreatyReport,
  TreatyStatus,
} from './engine/index.js';
export { evaluate, Hypotheses, isWarDuty, OBLIGATION_TABLE, OBLIGATIONS, obligationOf, treatyKindOf } from './engine/index.js';
export type { AtopImport, AtopTreaty } from './importers/atop.js';
export { ATOP_CITATION, importAtop } from './importers/atop.js';
export type { StateRow } from './importers/cow-states.js';
export { importCowStates, statesCsv } from './importers/cow-states.js';
export type { Expectation, Scenario, ScenarioDraft } from './scenario/index.js';
export { loadScenario, scenarioYaml } from './scenario/index.js';
export type { ApiError } from './server/app.js';
export { createApp } from './server/app.js';
export type { ServeOptions } from './server/serve.js';
export { startServer } from './server/serve.js';
export type { StoredRun, StoredScenario } from './server/store.js';
export { Store } from './server/store.js';

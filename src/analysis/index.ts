/**
 * @module analysis
 * What is built on reports and treaty lives, never inside the engine: checking a scenario's
 * `expect` blocks (contract §3), and the corpus through time (every treaty's status on a
 * day; every lifecycle event in order).
 * @example
 * import { checkExpectations } from './analysis/index.js';
 * const mismatches = checkExpectations(scenario, report); // [] when every expectation holds
 */

export type { AgreementReport, Disagreement, DisagreementClass, DyadFlags, ObligationAgreement } from './atop-compare.js';
export { agreementText, compareWithAtop, DISAGREEMENT_CLASSES, dyadKey, oracleFlags, readDdyr } from './atop-compare.js';
export type {
  CascadeBreach,
  CascadeDecline,
  CascadeDistribution,
  CascadeEntry,
  CascadeOptions,
  CascadeOtherDuty,
  CascadeResult,
  CascadeRound,
  CascadeRun,
  CascadeStateDistribution,
  CascadeWar,
  Compliance,
} from './cascade.js';
export { cascade, cascadeText, mulberry32, readCompliance } from './cascade.js';
export type { Mismatch } from './check-expectations.js';
export { checkExpectations } from './check-expectations.js';
export type {
  ConflictBounds,
  ConflictExamined,
  ConflictInstance,
  ConflictOptions,
  ConflictOutcome,
  ConflictPeriod,
  ConflictResult,
  ConflictWitness,
} from './conflicts.js';
export { conflicts, conflictsText } from './conflicts.js';
export type { CorpusStatusEntry, TimelineEntry, TimelineOptions, UnboundParty, UnboundReason } from './corpus-time.js';
export { corpusStatus, corpusTimeline, timelineCsv, UNBOUND_REASONS } from './corpus-time.js';
export type { Network, NetworkCascadeResult } from './network-cascade.js';
export { compileNetwork, NetworkRunner, networkCascade, networkCascadeText } from './network-cascade.js';
export type { Performed } from './performance.js';
export { PERFORMANCE_READING, warPerformance } from './performance.js';
export type { CommitmentSink, DyadYear, SweepInstance, SweepModel, SweepObligation, SweepRange } from './sweep.js';
export { SWEEP_OBLIGATIONS, sweepAttacks, sweepDyads, sweepModel } from './sweep.js';
export type { InstanceVetoes, Step, VetoOptions, VetoReport } from './vetoes.js';
export { blockingCoalitions, vetoAnalysis, vetoText } from './vetoes.js';
export type { WhatIfChange, WhatIfInstance, WhatIfOptions, WhatIfResult } from './whatif.js';
export { verifyChanges, whatIf, whatIfText } from './whatif.js';

import type { NORM_KINDS, NORM_STATUSES, TREATY_STATUSES } from '../base/status-words.js';

/** The status words of a treaty (contract §4). */
export type TreatyStatus = (typeof TREATY_STATUSES)[number];

/** The status words of a norm instance (contract §4). */
export type NormStatus = (typeof NORM_STATUSES)[number];

/** The kinds of norm. */
export type NormKind = (typeof NORM_KINDS)[number];

/** An event as the report writes it: date, type, then its fields. */
export type EventOut = { date: string; type: string } & Record<string, string | string[] | boolean>;

/** An event pattern of `missing`: the fields an event must have. */
export type PatternOut = { type: string } & Record<string, string | string[] | boolean>;

/** One step of a treaty's history. */
export interface HistoryEntry {
  date: string;
  status: TreatyStatus;
  event: string;
  by?: string;
  note?: string;
  source?: string;
}

/** A treaty's status at the report's instant, and how it got there. */
export interface TreatyReport {
  treaty: string;
  title: string;
  status: TreatyStatus;
  since?: string;
  history: HistoryEntry[];
}

/**
 * A node of an explanation tree: a condition, its value, the provision it comes from
 * (with the treaty's words), and the events that decided it. The same shape in JSON,
 * in the terminal and, later, in the web view.
 */
export interface Explanation {
  kind: 'all' | 'any' | 'not' | 'implies' | 'condition' | 'exists' | 'forall' | 'reference' | 'status' | 'treaty' | 'fact';
  value: 'true' | 'false' | 'unknown';
  /** The rule as the treaty file writes it. */
  rule?: string;
  /** The provision the condition comes from: `league-covenant/art-15-7`. */
  provision?: string;
  /** The treaty's own words for it (a label in the rule, or the provision's text). */
  quote?: string;
  /** Where casus chose one reading of a contested text, the reading, said plainly. */
  interpretation?: string;
  /** A plain-language note: why the value is what it is. */
  note?: string;
  events?: EventOut[];
  children?: Explanation[];
}

/** One norm instance: who owes what to whom, since when, why, and what is missing. */
export interface NormInstance {
  norm: string;
  kind: NormKind;
  holder: string;
  beneficiary: string;
  counterparty?: string;
  action: string;
  status: NormStatus;
  since: string;
  trigger?: EventOut;
  missing: PatternOut[][];
  vetoes: string[];
  cites: string[];
  explanation?: Explanation;
}

/** What `evaluate` answers for a scenario at an instant (contract §4). */
export interface Report {
  scenario: string;
  title?: string;
  at: string;
  treaties: TreatyReport[];
  norms: NormInstance[];
}

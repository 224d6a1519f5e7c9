import type { Event } from '../base/event.js';
import type { PartialDate } from '../base/partial-date.js';

/** What a scenario's `expect` entry asks of the report: every named field must match. */
export interface Expectation {
  /** Where the entry was written, for the diff `casus test` prints. */
  line: number;
  fields: Record<string, unknown>;
}

/** A validated scenario: a timeline of events sorted by date (stable), and what to expect. */
export interface Scenario {
  id: string;
  title: string;
  description?: string;
  file: string;
  /** The instant the report describes; default the last event's date. */
  at?: PartialDate;
  events: Event[];
  expect: Expectation[];
}

import type { Span } from '../language/ast.js';
import type { PartialDate } from './partial-date.js';

/** The value of an event field: a state, a list of states, a truth value or a word. */
export type FieldValue = string | readonly string[] | boolean;

/** One event of a timeline, from a scenario or from a treaty's recorded lifecycle. */
export interface Event {
  /** Position in the sorted timeline: ties on date keep file order. */
  seq: number;
  date: PartialDate;
  type: string;
  /** Fields other than date and type, states already resolved to COW abbreviations. `unprovoked` may be 'unknown'. */
  fields: Readonly<Record<string, FieldValue>>;
  /** Where the event was written. */
  span?: Span;
  /** The source a corpus fact cites. */
  source?: string;
}

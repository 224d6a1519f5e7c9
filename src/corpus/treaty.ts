import type { Event } from '../base/event.js';
import type { ConditionDef, EventClassDef, EventTypeDef, Expr, LifecycleDef, NormDef, Span } from '../language/ast.js';
import type { Membership } from './league.js';
import type { Places } from './places.js';
import type { StateRegistry } from './states.js';
import type { Vocabulary } from './vocabulary.js';

/** An article or protocol point: its words as quoted in the corpus, and what the file says about them. */
export interface Provision {
  /** `franco-soviet-1935/art-2`. */
  id: string;
  treaty: string;
  heading: string;
  text: string;
  notes: string;
  span: Span;
}

/** A norm of a treaty, ready for the engine: `franco-soviet-1935/art-2`. */
export interface Norm {
  id: string;
  treaty: string;
  /** The provision under whose heading the norm is written. */
  provision: string;
  def: NormDef;
}

/** A named condition another provision (or treaty) may call: `league-covenant/art-15-7`. */
export interface NamedCondition {
  id: string;
  treaty: string;
  provision: string;
  def: ConditionDef;
}

/** A named set of states (`franco-soviet-1935/locarno-signatories`). */
export interface NamedSet {
  id: string;
  treaty: string;
  provision: string;
  value: Expr;
}

/** An interpretation the corpus chose where the record admits more than one reading. */
export interface Interpretation {
  id: string;
  text: string;
  /** The named conditions that carry this reading (besides one named like the interpretation itself). */
  conditions?: string[];
}

/** One treaty of the corpus: metadata, recorded lifecycle, lifecycle terms and provisions. */
export interface Treaty {
  slug: string;
  title: string;
  file: string;
  parties: string[];
  /** Facts of the record (signature, ratifications, exchange, registration), each citing a source. */
  lifecycle: Event[];
  terms: LifecycleDef;
  provisions: Map<string, Provision>;
  norms: Norm[];
  conditions: Map<string, NamedCondition>;
  sets: Map<string, NamedSet>;
  sources: Record<string, string>;
  interpretations: Interpretation[];
  /** The treaty whose life bounds this one's (`duration: as long as SLUG;`), resolved when the library is loaded. */
  lastsWith?: Treaty;
  /** The event types and classes the treaty declares for the whole library (corpus/vocabulary.ts). */
  declarations: Array<EventTypeDef | EventClassDef>;
}

/** The treaty library and its reference data, parsed and checked once. */
export interface Corpus {
  treaties: Map<string, Treaty>;
  states: StateRegistry;
  league: Map<string, Membership>;
  /** The event types and classes scenarios and rules may name: the built-in ones and those the library declares. */
  vocabulary: Vocabulary;
  /** The places events may carry (corpus/places.ts). */
  places: Places;
}

/** Where a piece of treaty source or scenario input stands: file, 1-based line and column. */
export interface Span {
  file: string;
  line: number;
  column: number;
}

/** A duration written in a treaty: `3 months`, `1 year`. */
export interface Duration {
  amount: number;
  unit: 'day' | 'month' | 'year';
}

/** A condition or term of the rule language, as the parser yields it; `src` is its source text. */
export type Expr = ExprNode & { src?: string };

type ExprNode =
  | { kind: 'and'; left: Expr; right: Expr; span: Span }
  | { kind: 'or'; left: Expr; right: Expr; span: Span }
  | { kind: 'implies'; left: Expr; right: Expr; span: Span }
  | { kind: 'not'; expr: Expr; span: Span }
  | { kind: 'labeled'; expr: Expr; label: string; span: Span }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr; span: Span }
  | { kind: 'within'; left: Expr; duration: Duration; right: Expr; span: Span }
  | { kind: 'exists-event'; eventType: string; members?: readonly string[]; variable: string; where?: Expr; span: Span }
  | { kind: 'exists-state'; variable: string; over: Expr; body: Expr; span: Span }
  | { kind: 'forall'; variable: string; over: Expr; body: Expr; span: Span }
  | { kind: 'status'; norm: Ref; holder: Expr; beneficiary: Expr; statuses: string[]; span: Span }
  | { kind: 'except'; left: Expr; right: Expr; span: Span }
  | { kind: 'plus'; left: Expr; duration: Duration; span: Span }
  | { kind: 'set'; items: Expr[]; span: Span }
  | { kind: 'select'; variable: string; over: Expr; where: Expr; span: Span }
  | { kind: 'call'; ref: Ref; args: Expr[]; span: Span }
  | { kind: 'bool'; value: 'true' | 'false' | 'unknown'; span: Span }
  | { kind: 'date'; text: string; span: Span }
  | { kind: 'state'; code: string; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'path'; head: string; fields: string[]; span: Span };

/** Comparison operators over states, sets and (partial) dates. */
export type CompareOp = '=' | '!=' | 'in' | 'not-in' | 'before' | 'after' | 'on-or-before' | 'on-or-after';

/** A reference to a provision or named condition, `league-covenant/art-15-7` or local `protocol-2`. */
export interface Ref {
  treaty?: string;
  name: string;
  span: Span;
}

/** An event of a given type bound to a variable, with an optional condition on it. */
export interface EventPattern {
  /** An event type, or a class of types (`attack`). */
  eventType: string;
  /** When `eventType` names a class: its member types, set when the library is loaded (corpus/vocabulary.ts). */
  members?: readonly string[];
  variable: string;
  where?: Expr;
  span: Span;
}

/** Who owes whom: each party toward the other, or explicit expressions. */
export type Roles = { kind: 'reciprocal'; span: Span } | { kind: 'explicit'; holder: Expr; beneficiary: Expr; span: Span };

/** The four kinds of norm the language knows. */
export type NormKind = 'duty' | 'prohibition' | 'permission' | 'power';

/** A norm as written: `duty art-2 { ... }`. */
export interface NormDef {
  kind: 'norm';
  normKind: NormKind;
  name: string;
  roles?: Roles;
  action?: string;
  trigger?: EventPattern;
  counterparty?: Expr;
  condition?: Expr;
  forbids?: EventPattern;
  fulfilledBy?: EventPattern;
  breachedBy?: EventPattern;
  deadline?: Duration;
  endsBy?: EventPattern;
  cites: Ref[];
  span: Span;
}

/** A named, parameterised condition: `condition art-15-7(victim, aggressor) = ...;`. */
export interface ConditionDef {
  kind: 'condition';
  name: string;
  params: string[];
  body: Expr;
  span: Span;
}

/** A named set of states: `set locarno-signatories = {GMY, BEL, FRN, UKG, ITA};`. */
export interface SetDef {
  kind: 'set';
  name: string;
  value: Expr;
  span: Span;
}

/** How a treaty enters into force. */
/**
 * How a treaty enters into force: on signature; on the exchange of ratifications; once every
 * party has ratified; `each-ratified`: once two parties have ratified, binding each party from
 * its own ratification (the Litvinov Protocol); or on a recorded `entry-into-force`.
 */
export type EntryMode = 'signature' | 'exchange' | 'all-ratified' | 'each-ratified' | 'recorded';

/** The treaty's own lifecycle terms: entry into force, duration, renewal, denunciation. */
export interface LifecycleDef {
  kind: 'lifecycle';
  entry?: EntryMode;
  duration?: Duration | 'indefinite';
  renewal?: { kind: 'indefinite' } | { kind: 'tacit'; period: Duration };
  notice?: Duration | 'none';
  /** `duration: as long as SLUG;`: the treaty ends when that treaty does (and lasts until then). */
  lastsWith?: string;
  span: Span;
}

/** A field of a declared event type: a kind (`state`, `tri`...) or a choice of words (`partial | general`). */
export interface FieldDecl {
  name: string;
  /** The names after the colon: one kind, or the words of a choice. */
  type: string[];
  optional: boolean;
  span: Span;
}

/** An event type a treaty declares: `event mobilisation { by: state; scope: partial | general; }`. */
export interface EventTypeDef {
  kind: 'event-type';
  name: string;
  fields: FieldDecl[];
  /** `lasts until T;`: an event of this type stays in effect until its actor's event of type T. */
  lastsUntil?: string;
  span: Span;
}

/** A class of event types that patterns may name: `class attack = aggression | war-declaration;`. */
export interface EventClassDef {
  kind: 'event-class';
  name: string;
  members: string[];
  span: Span;
}

/** One item of a rule block. */
export type Item = NormDef | ConditionDef | SetDef | LifecycleDef | EventTypeDef | EventClassDef;

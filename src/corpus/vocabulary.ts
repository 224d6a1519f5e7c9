import { CasusError } from '../base/casus-error.js';
import { EVENT_TYPES, type FieldKind, type FieldSpec } from '../base/event-types.js';
import { didYouMean } from '../base/nearest.js';
import type { EventClassDef, EventPattern, EventTypeDef, Expr, Span } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import type { Treaty } from './treaty.js';

/**
 * The event vocabulary of a library: the contract's types and casus's own (base/event-types.ts),
 * the types its treaties declare (`event mobilisation { ... }`), and the classes of types its
 * patterns may name (`class attack = aggression | war-declaration;`). Scenarios, rules, the
 * engine and the API all ask this one table what a type is, what fields it has, and which
 * types a pattern matches.
 */
export interface Vocabulary {
  /** Every event type with its fields. */
  types: ReadonlyMap<string, Readonly<Record<string, FieldSpec>>>;
  /** Every class with its member types, in the order written. */
  classes: ReadonlyMap<string, readonly string[]>;
  /** Where each declared type or class was declared (built-in ones have no entry). */
  declared: ReadonlyMap<string, Span>;
  /** Types whose events stay in effect until their actor's event of another type (`lasts until`). */
  lasting: ReadonlyMap<string, string>;
}

const KINDS: ReadonlySet<string> = new Set<FieldKind>(['state', 'states', 'treaty', 'bool', 'tri', 'text', 'date']);

/** The built-in vocabulary, with no declaration of a library's own. */
export const BUILTIN_VOCABULARY: Vocabulary = {
  types: new Map(Object.entries(EVENT_TYPES)),
  classes: new Map(),
  declared: new Map(),
  lasting: new Map(),
};

/**
 * The vocabulary of a library from its declarations, with an error for each that does not hold:
 * a name already taken (by a built-in type, another declaration, or a class), a field declared
 * twice or named `date` or `type`, a class with an unknown member or fewer than two.
 */
export function buildVocabulary(decls: ReadonlyArray<EventTypeDef | EventClassDef>, errors: CasusError[]): Vocabulary {
  const types = new Map(BUILTIN_VOCABULARY.types);
  const classes = new Map<string, readonly string[]>();
  const declared = new Map<string, Span>();
  const lasting = new Map<string, string>();
  const taken = (name: string, span: Span): boolean => {
    if (!types.has(name) && !classes.has(name)) return false;
    const where = declared.get(name);
    errors.push(
      new CasusError(
        'treaty.duplicate',
        `event type or class "${name}" is ${where ? `already declared at ${where.file}:${where.line}` : "one of casus's built-in event types"}: choose another name`,
        span,
      ),
    );
    return true;
  };
  for (const d of decls) {
    if (d.kind !== 'event-type' || taken(d.name, d.span)) continue;
    const fields: Record<string, FieldSpec> = {};
    for (const f of d.fields) {
      if (f.name === 'date' || f.name === 'type' || f.name in fields) {
        errors.push(
          new CasusError(
            'treaty.duplicate',
            `field "${f.name}" of event type ${d.name} is ${f.name in fields ? 'declared twice' : 'given to every event'}`,
            f.span,
          ),
        );
        continue;
      }
      const [first] = f.type;
      fields[f.name] =
        f.type.length === 1 && first !== undefined && KINDS.has(first)
          ? { kind: first as FieldKind, required: !f.optional }
          : { kind: 'choice', required: !f.optional, choices: [...f.type] };
    }
    types.set(d.name, fields);
    declared.set(d.name, d.span);
  }
  for (const d of decls) {
    if (d.kind !== 'event-type' || d.lastsUntil === undefined || declared.get(d.name) !== d.span) continue;
    const problem = !types.has(d.lastsUntil)
      ? `"${d.lastsUntil}" is no event type${didYouMean(d.lastsUntil, types.keys())}`
      : !types.get(d.name)?.by || !types.get(d.lastsUntil)?.by
        ? 'both types need a `by` field: an event lasts until its own actor ends it'
        : undefined;
    if (problem) errors.push(new CasusError('treaty.invalid', `event type ${d.name} lasts until ${d.lastsUntil}: ${problem}`, d.span));
    else lasting.set(d.name, d.lastsUntil);
  }
  for (const d of decls) {
    if (d.kind !== 'event-class' || taken(d.name, d.span)) continue;
    const unknown = d.members.filter((m) => !types.has(m));
    for (const m of unknown) {
      errors.push(
        new CasusError(
          'treaty.unknown-event-type',
          `class ${d.name} names "${m}", which is no event type${didYouMean(m, types.keys())}: a class gathers event types, not classes`,
          d.span,
        ),
      );
    }
    if (new Set(d.members).size < 2) {
      errors.push(new CasusError('treaty.invalid', `class ${d.name} needs at least two different event types`, d.span));
      continue;
    }
    if (unknown.length > 0) continue;
    classes.set(d.name, [...new Set(d.members)]);
    declared.set(d.name, d.span);
  }
  return { types, classes, declared, lasting };
}

/** The event types a type or class name stands for: [itself] for a type, its members for a class, [] for neither. */
export function typesNamed(v: Vocabulary, name: string): readonly string[] {
  return v.classes.get(name) ?? (v.types.has(name) ? [name] : []);
}

/**
 * The fields a pattern of a type or class may read: a type's own; for a class, those every
 * member has with the same kind (required only where every member requires it).
 */
export function fieldsNamed(v: Vocabulary, name: string): Readonly<Record<string, FieldSpec>> | undefined {
  const own = v.types.get(name);
  if (own) return own;
  const members = v.classes.get(name);
  if (!members) return undefined;
  const specs = members.map((m) => v.types.get(m) ?? {});
  const out: Record<string, FieldSpec> = {};
  for (const [key, spec] of Object.entries(specs[0] ?? {})) {
    const all = specs.map((s) => s[key]);
    if (all.every((s) => s !== undefined && s.kind === spec.kind)) out[key] = { kind: spec.kind, required: all.every((s) => s?.required) };
  }
  return out;
}

/** A pattern's or quantifier's event type or class, with the member types the library gave it. */
type Typed = Pick<EventPattern, 'eventType' | 'members'> | (Expr & { kind: 'exists-event' });

/** The event types a pattern matches: its class's members (set when the library was loaded), or its one type. */
export function patternTypes(p: Typed): readonly string[] {
  return p.members ?? [p.eventType];
}

/** Whether a pattern matches events of this type. */
export function patternMatches(p: Typed, type: string): boolean {
  return p.members ? p.members.includes(type) : p.eventType === type;
}

/**
 * Gives every pattern and quantifier of a treaty that names a class its member types, so that
 * the engine matches a class without asking the vocabulary again.
 */
export function resolveClasses(t: Treaty, v: Vocabulary): void {
  if (v.classes.size === 0) return;
  const mark = (p: { eventType: string; members?: readonly string[] }) => {
    const members = v.classes.get(p.eventType);
    if (members) p.members = members;
  };
  const expr = (e: Expr | undefined) => {
    if (e)
      visitExpr(e, (x) => {
        if (x.kind === 'exists-event') mark(x);
      });
  };
  for (const n of t.norms) {
    const d = n.def;
    for (const p of [d.trigger, d.forbids, d.fulfilledBy, d.breachedBy, d.endsBy]) {
      if (p) {
        mark(p);
        expr(p.where);
      }
    }
    expr(d.condition);
    expr(d.counterparty);
    if (d.roles?.kind === 'explicit') {
      expr(d.roles.holder);
      expr(d.roles.beneficiary);
    }
  }
  for (const c of t.conditions.values()) expr(c.def.body);
  for (const s of t.sets.values()) expr(s.value);
}

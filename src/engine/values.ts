import type { Event, FieldValue } from '../base/event.js';
import type { PartialDate } from '../base/partial-date.js';
import { F, T, type Tri, triWord, U } from '../base/tri.js';
import type { Expr } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';

/** A value a term denotes: a state or word, a set of states, a date, an event, or a truth value. */
export type Value = string | readonly string[] | PartialDate | Event | Tri | undefined;

/** The value is an event. */
export const isEvent = (v: Value): v is Event => typeof v === 'object' && v !== null && 'seq' in v;
/** The value is a (partial) date. */
export const isDate = (v: Value): v is PartialDate => typeof v === 'object' && v !== null && 'lo' in v;
/** The value is a set of states. */
export const isSet = (v: Value): v is readonly string[] => Array.isArray(v);

/** A state as a one-element set, a set as itself, anything else as nothing. */
export function asSet(v: Value): readonly string[] | undefined {
  if (isSet(v)) return v;
  if (typeof v === 'string') return [v];
  return undefined;
}

/** A field of an event as a value: truth values become Tri, `unknown` becomes U. */
export function fieldValue(ev: Event, field: string): Value {
  if (field === 'date') return ev.date;
  if (field === 'type') return ev.type;
  const raw = ev.fields[field];
  if (raw === true) return T;
  if (raw === false) return F;
  if (raw === 'unknown') return U;
  return raw;
}

/** Three-valued equality: dates that may or may not be the same day are unknown. */
export function equal(l: Value, r: Value): Tri {
  if (l === undefined || r === undefined) return U;
  if (typeof l === 'string' && typeof r === 'string') return l === r ? T : F;
  if (isDate(l) && isDate(r)) return l.lo === r.lo && l.hi === r.hi && l.hi - l.lo === 1 ? T : l.hi <= r.lo || r.hi <= l.lo ? F : U;
  if (typeof l === 'number' || typeof r === 'number')
    return l === r ? T : typeof l === 'number' && typeof r === 'number' && l !== U && r !== U ? F : U;
  return JSON.stringify(asSet(l) ?? l) === JSON.stringify(asSet(r) ?? r) ? T : F;
}

/** Three-valued membership of a state in a set. */
export function member(l: Value, r: Value): Tri {
  const set = asSet(r);
  if (l === undefined || !set) return U;
  return typeof l === 'string' && set.includes(l) ? T : F;
}

/** A value as a truth value: Tri as is, nothing as unknown, anything else as true. */
export function truth(v: Value): Tri {
  return typeof v === 'number' ? v : v === undefined ? U : T;
}

/** The conjuncts (or disjuncts) of an expression; a labelled group stays whole. */
export function flatten(e: Expr, kind: 'and' | 'or'): Expr[] {
  if (e.kind !== kind) return [e];
  return [...flatten(e.left, kind), ...flatten(e.right, kind)];
}

/** The expression under any labels. */
export function bare(e: Expr): Expr {
  return e.kind === 'labeled' ? bare(e.expr) : e;
}

/** A value as the explanation shows it: `GMY`, `{BEL, ITA}`, `1937-03-05`. */
export function show(v: Value): string {
  if (v === undefined) return '(nothing)';
  if (typeof v === 'number') return triWord(v);
  if (typeof v === 'string') return v;
  if (isSet(v)) return `{${v.join(', ')}}`;
  if (isDate(v)) return v.text;
  return `${v.type} of ${v.date.text}`;
}

/**
 * What a where-clause says about the event it binds, read off its top-level conjuncts:
 * `v.by = X` (a field fixed to a value), `X in v.dispute` (a state a list field holds),
 * `v.unanimous` / `not v.unanimous` (a flag). Other conjuncts (dates) are left out.
 */
export interface WherePattern {
  fixed: Array<[field: string, value: Expr]>;
  listed: Array<[field: string, value: Expr]>;
  flags: Array<[field: string, value: boolean]>;
}

/** The pattern a where-clause imposes on the event bound to `variable`. */
export function wherePattern(where: Expr | undefined, variable: string): WherePattern {
  const out: WherePattern = { fixed: [], listed: [], flags: [] };
  const own = (x: Expr): string | undefined => {
    const b = bare(x);
    return b.kind === 'path' && b.head === variable && b.fields.length === 1 ? (b.fields[0] as string) : undefined;
  };
  for (const conjunct of where ? flatten(where, 'and') : []) {
    const c = bare(conjunct);
    if (c.kind === 'compare' && c.op === '=') {
      const field = own(c.left) ?? own(c.right);
      const other = own(c.left) ? c.right : c.left;
      if (field && !mentions(other, variable)) out.fixed.push([field, other]);
    } else if (c.kind === 'compare' && c.op === 'in') {
      const field = own(c.right);
      if (field && !mentions(c.left, variable)) out.listed.push([field, c.left]);
    } else if (own(c)) out.flags.push([own(c) as string, true]);
    else if (c.kind === 'not' && own(c.expr)) out.flags.push([own(c.expr) as string, false]);
  }
  return out;
}

/** The fields of an event satisfying a where-pattern, given how to evaluate its terms. */
export function patternFields(type: string, p: WherePattern, evaluate: (e: Expr) => Value): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = { type };
  for (const [k, e] of p.fixed) {
    const v = evaluate(e);
    if (typeof v === 'string') fields[k] = v;
  }
  for (const [k, e] of p.listed) {
    const v = evaluate(e);
    if (typeof v === 'string') fields[k] = [...((fields[k] as string[] | undefined) ?? []), v];
  }
  for (const [k, b] of p.flags) fields[k] = b;
  return fields;
}

function mentions(e: Expr, name: string): boolean {
  let found = false;
  visitExpr(e, (x) => {
    if (x.kind === 'path' && x.head === name) found = true;
  });
  return found;
}

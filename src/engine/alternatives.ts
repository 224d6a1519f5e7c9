import type { FieldValue } from '../base/event.js';

/** An event pattern that would settle a condition: the fields an event must have. */
export interface Pattern {
  fields: Readonly<Record<string, FieldValue>>;
  /** True when it settles an unknown fact rather than records a new act. */
  settles: boolean;
  /** Canonical text, for comparing patterns. */
  key: string;
}

/** One way to make a condition true: a set of patterns, all needed. */
export type Alt = readonly Pattern[];

/** No alternative: nothing that may still happen makes it so. */
export const NO_ALTS: Alt[] = [];
/** Already so: one alternative that needs nothing. */
export const TRUE_ALTS: Alt[] = [[]];

/** Beyond this many alternatives the product is cut, to keep blocked webs cheap. */
const LIMIT = 64;

/** Builds a pattern with a canonical key (type first, then fields in alphabetical order). */
export function makePattern(fields: Record<string, FieldValue>, settles: boolean): Pattern {
  const ordered: Record<string, FieldValue> = { type: fields.type as string };
  for (const k of Object.keys(fields).sort()) if (k !== 'type') ordered[k] = fields[k] as FieldValue;
  return { fields: ordered, settles, key: JSON.stringify(ordered) };
}

function altKey(a: Alt): string {
  return a.map((p) => p.key).join('|');
}

function normalise(a: Pattern[]): Alt {
  const seen = new Map<string, Pattern>();
  for (const p of a) seen.set(p.key, p);
  return [...seen.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Keeps only minimal alternatives: drops duplicates and any alternative that contains another. */
export function minimise(alts: Alt[]): Alt[] {
  const unique = new Map<string, Alt>();
  for (const a of alts) unique.set(altKey(a), a);
  const list = [...unique.values()].sort((a, b) => a.length - b.length || (altKey(a) < altKey(b) ? -1 : 1));
  const out: Alt[] = [];
  for (const a of list) {
    const keys = new Set(a.map((p) => p.key));
    if (!out.some((o) => o.every((p) => keys.has(p.key)))) out.push(a);
  }
  return out.slice(0, LIMIT);
}

/** Either way will do: the union of the alternatives. */
export function orAlts(lists: Alt[][]): Alt[] {
  return minimise(lists.flat());
}

/** All are needed: every combination of one alternative from each list. */
export function productAlts(lists: Alt[][]): Alt[] {
  let acc: Alt[] = TRUE_ALTS;
  for (const list of lists) {
    if (list.length === 0) return NO_ALTS;
    const next: Alt[] = [];
    for (const a of acc) for (const b of list) next.push(normalise([...a, ...b]));
    acc = minimise(next);
  }
  return acc;
}

/**
 * States that can keep the instance from ever becoming due by withholding one act only
 * they can perform: a state whose act (`by`) appears in every alternative.
 */
export function vetoesOf(alts: Alt[], actTypes: ReadonlySet<string>): string[] {
  if (alts.length === 0) return [];
  const actors = (a: Alt) =>
    new Set(
      a
        .filter((p) => !p.settles && actTypes.has(p.fields.type as string) && typeof p.fields.by === 'string')
        .map((p) => p.fields.by as string),
    );
  let common = actors(alts[0] as Alt);
  for (const a of alts.slice(1)) {
    const here = actors(a);
    common = new Set([...common].filter((s) => here.has(s)));
  }
  return [...common].sort();
}

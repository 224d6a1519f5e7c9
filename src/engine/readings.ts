import type { Corpus, Norm, Treaty } from '../corpus/treaty.js';
import type { Expr } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import { readingOf } from './interpret.js';

/** One reading casus chose, as a norm relies on it: the treaty whose file states it, its id and words. */
export interface Reading {
  treaty: string;
  id: string;
  text: string;
}

/**
 * The interpretations a norm's rules rely on: those that carry the reading of a condition it calls,
 * directly or through other conditions, from its trigger, condition, or the acts it names
 * (forbidden, performing, breaching). In the order met, each once.
 */
export function readingsOf(norm: Norm, corpus: Corpus): Reading[] {
  const out: Reading[] = [];
  const seen = new Set<string>();
  const visit = (e: Expr | undefined, treaty: Treaty): void => {
    if (!e) return;
    visitExpr(e, (x) => {
      if (x.kind !== 'call') return;
      const t = x.ref.treaty ? corpus.treaties.get(x.ref.treaty) : treaty;
      const def = t?.conditions.get(x.ref.name);
      if (!t || !def || seen.has(def.id)) return;
      seen.add(def.id);
      const r = readingOf(t, def.def.name);
      if (r && !out.some((o) => o.treaty === t.slug && o.id === r.id)) out.push({ treaty: t.slug, id: r.id, text: r.text });
      visit(def.def.body, t);
    });
  };
  const treaty = corpus.treaties.get(norm.treaty) as Treaty;
  const d = norm.def;
  for (const e of [d.trigger?.where, d.condition, d.forbids?.where, d.fulfilledBy?.where, d.breachedBy?.where]) visit(e, treaty);
  return out;
}

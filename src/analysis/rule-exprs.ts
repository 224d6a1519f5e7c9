import type { Treaty } from '../corpus/treaty.js';
import type { Expr, NormDef } from '../language/ast.js';

/** An expression of a treaty's rules and the rule it belongs to. */
export interface RuleExpr {
  /** The norm, named condition or set: `locarno-rhineland-1925/belgium-released`. */
  rule: string;
  expr: Expr;
}

/**
 * Every expression of a treaty's rules (norms, named conditions, sets), each with the id of its
 * rule: what the conflict search reads for the states and texts a field may take, and the
 * periods for the dates the rules compare.
 */
export function ruleExprs(t: Treaty): RuleExpr[] {
  const out: RuleExpr[] = [];
  const norm = (rule: string, d: NormDef) => {
    const push = (expr: Expr) => out.push({ rule, expr });
    if (d.roles?.kind === 'explicit') {
      push(d.roles.holder);
      push(d.roles.beneficiary);
    }
    for (const p of [d.trigger, d.forbids, d.fulfilledBy, d.breachedBy, d.endsBy]) if (p?.where) push(p.where);
    if (d.counterparty) push(d.counterparty);
    if (d.condition) push(d.condition);
  };
  for (const n of t.norms) norm(n.id, n.def);
  for (const c of t.conditions.values()) out.push({ rule: c.id, expr: c.def.body });
  for (const s of t.sets.values()) out.push({ rule: s.id, expr: s.value });
  return out;
}

import type { Expr } from './ast.js';

/** The direct sub-expressions of an expression, in source order. */
export function subExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case 'and':
    case 'or':
    case 'implies':
    case 'except':
    case 'compare':
    case 'within':
      return [e.left, e.right];
    case 'not':
    case 'labeled':
      return [e.expr];
    case 'plus':
      return [e.left];
    case 'set':
      return e.items;
    case 'select':
      return [e.over, e.where];
    case 'exists-event':
      return e.where ? [e.where] : [];
    case 'exists-state':
    case 'forall':
      return [e.over, e.body];
    case 'status':
      return [e.holder, e.beneficiary];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** Visits an expression and every expression under it, depth first, in source order. */
export function visitExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  for (const child of subExpressions(e)) visitExpr(child, visit);
}

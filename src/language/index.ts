/**
 * @module language
 * Treaty source (literate Markdown) to syntax tree. The grammar file `casus.ohm` is the
 * specification of the rule language; see docs/language.md.
 * @example
 * import { parseRules } from './language/index.js';
 * const [norm] = parseRules('duty art-1 { roles: each party toward the other; trigger: threat t; }', { file: 'x.md', line: 1 });
 */
export type {
  CompareOp,
  ConditionDef,
  Duration,
  EntryMode,
  EventClassDef,
  EventPattern,
  EventTypeDef,
  Expr,
  FieldDecl,
  Item,
  LifecycleDef,
  NormDef,
  NormKind,
  Ref,
  Roles,
  SetDef,
  Span,
} from './ast.js';
export type { ProvisionSource, TreatySource } from './literate.js';
export { readLiterate } from './literate.js';
export type { BlockOrigin } from './parse-rules.js';
export { parseRules } from './parse-rules.js';
export { subExpressions, visitExpr } from './sub-expressions.js';

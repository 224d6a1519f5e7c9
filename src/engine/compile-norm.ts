import type { Corpus, Norm, Treaty } from '../corpus/treaty.js';
import { patternTypes } from '../corpus/vocabulary.js';
import type { Expr } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import { type CompiledCond, type CompiledPattern, type CompiledTerm, Compiler, Scope, SLOT } from './compile.js';

/** A norm's conditions and patterns, compiled for the fast path. */
export interface CompiledNorm {
  frameSize: number;
  triggerWhere?: CompiledCond;
  counterparty?: CompiledTerm;
  condition?: CompiledCond;
  holders?: CompiledTerm;
  beneficiaries?: CompiledTerm;
  forbids?: CompiledPattern;
  fulfilledBy?: CompiledPattern;
  breachedBy?: CompiledPattern;
  endsBy?: CompiledPattern;
}

// Compiled once per corpus and norm: the closures depend on the treaty text only,
// never on a timeline, so every evaluation over the same corpus reuses them.
const compilers = new WeakMap<Corpus, Compiler>();
const norms = new WeakMap<Norm, CompiledNorm>();

/** The compiler of a corpus (one per corpus, shared by every evaluation). */
export function compilerFor(corpus: Corpus): Compiler {
  let c = compilers.get(corpus);
  if (!c) {
    c = new Compiler(corpus);
    compilers.set(corpus, c);
  }
  return c;
}

/** Compiles a norm, or returns its compiled form. */
export function compileNorm(norm: Norm, corpus: Corpus): CompiledNorm {
  const done = norms.get(norm);
  if (done) return done;
  const compiler = compilerFor(corpus);
  const treaty = corpus.treaties.get(norm.treaty) as Treaty;
  const def = norm.def;
  const scope = new Scope(Object.entries(SLOT));
  if (def.trigger) scope.alias(def.trigger.variable, SLOT.trigger);
  const out: CompiledNorm = { frameSize: 0 };
  if (def.trigger?.where) out.triggerWhere = compiler.cond(def.trigger.where, scope, treaty);
  if (def.counterparty) out.counterparty = compiler.term(def.counterparty, scope, treaty);
  if (def.condition) out.condition = compiler.cond(def.condition, scope, treaty);
  if (def.roles?.kind === 'explicit') {
    out.holders = compiler.term(def.roles.holder, scope, treaty);
    out.beneficiaries = compiler.term(def.roles.beneficiary, scope, treaty);
  }
  if (def.forbids) out.forbids = compiler.pattern(def.forbids, scope, treaty);
  if (def.fulfilledBy) out.fulfilledBy = compiler.pattern(def.fulfilledBy, scope, treaty);
  if (def.breachedBy) out.breachedBy = compiler.pattern(def.breachedBy, scope, treaty);
  if (def.endsBy) out.endsBy = compiler.pattern(def.endsBy, scope, treaty);
  out.frameSize = scope.frameSize;
  norms.set(norm, out);
  return out;
}

const eventTypes = new WeakMap<Norm, ReadonlySet<string> | null>();
const allEventTypes = new WeakMap<Norm, ReadonlySet<string> | null>();

/**
 * The event types a norm's trigger where-clause and condition can see (through the conditions
 * they call), besides the trigger itself; `null` when either refers to another norm's status.
 */
export function normEventTypes(norm: Norm, corpus: Corpus): ReadonlySet<string> | null {
  const known = allEventTypes.get(norm);
  if (known !== undefined) return known;
  const own = conditionEventTypes(norm, corpus);
  const where = norm.def.trigger?.where;
  let result: ReadonlySet<string> | null = own;
  if (own !== null && where) {
    const inWhere = typesIn(where, corpus.treaties.get(norm.treaty) as Treaty, corpus);
    result = inWhere === null ? null : new Set([...own, ...inWhere]);
  }
  allEventTypes.set(norm, result);
  return result;
}

function typesIn(e: Expr, treaty: Treaty, corpus: Corpus): Set<string> | null {
  const types = new Set<string>();
  let all = false;
  const seen = new Set<string>();
  const visit = (x0: Expr, t0: Treaty): void =>
    visitExpr(x0, (x) => {
      if (x.kind === 'exists-event') for (const t of patternTypes(x)) types.add(t);
      else if (x.kind === 'status') all = true;
      else if (x.kind === 'call') {
        const t = x.ref.treaty ? corpus.treaties.get(x.ref.treaty) : t0;
        const def = t?.conditions.get(x.ref.name);
        if (t && def && !seen.has(def.id)) {
          seen.add(def.id);
          visit(def.def.body, t);
        }
      }
    });
  visit(e, treaty);
  return all ? null : types;
}

/**
 * The event types a norm's condition can see (through the conditions it calls): its
 * value, and what it misses, can change only on a day such an event happens. `null` when
 * it refers to another norm's status, which may turn on any event.
 */
export function conditionEventTypes(norm: Norm, corpus: Corpus): ReadonlySet<string> | null {
  const known = eventTypes.get(norm);
  if (known !== undefined) return known;
  const result = norm.def.condition ? typesIn(norm.def.condition, corpus.treaties.get(norm.treaty) as Treaty, corpus) : new Set<string>();
  eventTypes.set(norm, result);
  return result;
}

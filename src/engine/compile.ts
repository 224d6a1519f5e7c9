import { addDuration, after, before, onOrAfter, onOrBefore, type PartialDate, parseDate } from '../base/partial-date.js';
import { and3, F, not3, or3, T, type Tri, U } from '../base/tri.js';
import { PLACE_BUILTINS, placeRegion } from '../corpus/places.js';
import type { Corpus, NamedCondition, Treaty } from '../corpus/treaty.js';
import type { EventPattern, Expr } from '../language/ast.js';
import { statesOn, supportsAttack } from './binding.js';
import type { TimelineIndex } from './timeline-index.js';
import {
  asSet,
  equal,
  fieldValue,
  flatten,
  isDate,
  isEvent,
  isSet,
  member,
  patternFields,
  truth,
  type Value,
  wherePattern,
} from './values.js';

/**
 * The fast path of the engine: conditions compiled once into closures over a frame of
 * slots (variables resolved at compile time, no maps, no explanation, no alternatives).
 * The interpreter (interpret.ts) stays the reference and the slow path that explains;
 * a test checks that both agree on every condition of the corpus.
 */

/** What a compiled condition runs against. */
export interface FastContext {
  index: TimelineIndex;
  at: PartialDate;
  corpus: Corpus;
  /** Optimistic mode: an event that may still happen counts as unknown, not false. */
  open: boolean;
  status(normId: string, holder: string, beneficiary: string, at: PartialDate): { statuses: string[] };
}

/** A frame: one slot per variable of a norm or condition. */
export type Frame = Value[];

/** A compiled condition. */
export type CompiledCond = (f: Frame, x: FastContext) => Tri;
/** A compiled term. */
export type CompiledTerm = (f: Frame, x: FastContext) => Value;

/** An event pattern compiled: its type, the slot it binds and its where-clause. */
export interface CompiledPattern {
  eventType: string;
  slot: number;
  where?: CompiledCond;
}

/** The slots every norm frame starts with. */
export const SLOT = { holder: 0, beneficiary: 1, parties: 2, counterparty: 3, trigger: 4 } as const;

/** Variable names to slots; grows as quantifiers and patterns bind names. */
export class Scope {
  private readonly names: Map<string, number>;
  /** Shared by a scope and its children: the frame size needed. */
  private readonly size: { n: number };

  constructor(names: Iterable<[string, number]> = [], size?: { n: number }) {
    this.names = new Map(names);
    this.size = size ?? { n: Math.max(0, ...[...this.names.values()].map((v) => v + 1)) };
  }

  get frameSize(): number {
    return this.size.n;
  }

  slot(name: string): number | undefined {
    return this.names.get(name);
  }

  /** A child scope with one more name, in a fresh slot. */
  bind(name: string): [Scope, number] {
    const slot = this.size.n++;
    const child = new Scope(this.names, this.size);
    child.names.set(name, slot);
    return [child, slot];
  }

  /** Binds a name in this scope itself (a trigger variable). */
  alias(name: string, slot: number): void {
    this.names.set(name, slot);
  }
}

/** Compiles conditions of one corpus; named conditions are compiled once and shared. */
export class Compiler {
  private readonly named = new Map<string, { frameSize: number; body: CompiledCond }>();
  private readonly pending = new Map<string, CompiledCond>();

  constructor(readonly corpus: Corpus) {}

  /** Compiles a condition in a treaty's scope. */
  cond(e: Expr, scope: Scope, treaty: Treaty): CompiledCond {
    switch (e.kind) {
      case 'and':
      case 'or': {
        const parts = flatten(e, e.kind).map((p) => this.cond(p, scope, treaty));
        if (e.kind === 'and') {
          return (f, x) => {
            let v: Tri = T;
            for (const p of parts) {
              v = and3(v, p(f, x));
              if (v === F) return F;
            }
            return v;
          };
        }
        return (f, x) => {
          let v: Tri = F;
          for (const p of parts) {
            v = or3(v, p(f, x));
            if (v === T) return T;
          }
          return v;
        };
      }
      case 'implies': {
        const l = this.cond(e.left, scope, treaty);
        const r = this.cond(e.right, scope, treaty);
        return (f, x) => {
          const a = l(f, x);
          return a === F ? T : or3(not3(a), r(f, x));
        };
      }
      case 'not': {
        const inner = this.cond(e.expr, scope, treaty);
        return (f, x) => not3(inner(f, x));
      }
      case 'labeled':
        return this.cond(e.expr, scope, treaty);
      case 'compare':
        return this.compare(e, scope, treaty);
      case 'within': {
        const l = this.term(e.left, scope, treaty);
        const r = this.term(e.right, scope, treaty);
        const { amount, unit } = e.duration;
        return (f, x) => {
          const a = l(f, x);
          const b = r(f, x);
          return isDate(a) && isDate(b) ? and3(onOrAfter(a, b), onOrBefore(a, addDuration(b, amount, unit))) : U;
        };
      }
      case 'exists-event':
        return this.existsEvent(e, scope, treaty);
      case 'exists-state':
      case 'forall': {
        const over = this.term(e.over, scope, treaty);
        const [inner, slot] = scope.bind(e.variable);
        const body = this.cond(e.body, inner, treaty);
        const all = e.kind === 'forall';
        return (f, x) => {
          const set = asSet(over(f, x)) ?? [];
          let v: Tri = all ? T : F;
          for (const s of set) {
            f[slot] = s;
            v = all ? and3(v, body(f, x)) : or3(v, body(f, x));
            if (v === (all ? F : T)) return v;
          }
          return v;
        };
      }
      case 'call':
        return this.call(e, scope, treaty);
      case 'status': {
        const holder = this.term(e.holder, scope, treaty);
        const beneficiary = this.term(e.beneficiary, scope, treaty);
        const normId = `${e.norm.treaty ?? treaty.slug}/${e.norm.name}`;
        const wanted = e.statuses;
        return (f, x) => {
          const h = holder(f, x);
          const b = beneficiary(f, x);
          if (typeof h !== 'string' || typeof b !== 'string') return U;
          const found = x.status(normId, h, b, x.at).statuses;
          if (found.some((s) => wanted.includes(s))) return T;
          return x.open && wanted.includes('due') && found.includes('pending') ? U : F;
        };
      }
      default: {
        const t = this.term(e, scope, treaty);
        return (f, x) => truth(t(f, x));
      }
    }
  }

  /** Compiles a term (a state, a set, a date, an event field). */
  term(e: Expr, scope: Scope, treaty: Treaty): CompiledTerm {
    switch (e.kind) {
      case 'state': {
        const v = e.code;
        return () => v;
      }
      case 'string': {
        const v = e.value;
        return () => v;
      }
      case 'date': {
        const v = parseDate(e.text);
        return () => v;
      }
      case 'bool': {
        const v: Tri = e.value === 'true' ? T : e.value === 'false' ? F : U;
        return () => v;
      }
      case 'set': {
        const items = e.items.map((i) => this.term(i, scope, treaty));
        return (f, x) => {
          const out: string[] = [];
          for (const item of items) {
            const v = item(f, x);
            if (isSet(v)) out.push(...v);
            else if (typeof v === 'string') out.push(v);
          }
          return [...new Set(out)].sort();
        };
      }
      case 'select': {
        const over = this.term(e.over, scope, treaty);
        const [inner, slot] = scope.bind(e.variable);
        const where = this.cond(e.where, inner, treaty);
        return (f, x) =>
          (asSet(over(f, x)) ?? []).filter((s) => {
            f[slot] = s;
            return where(f, { ...x, open: false }) === T;
          });
      }
      case 'except': {
        const l = this.term(e.left, scope, treaty);
        const r = this.term(e.right, scope, treaty);
        return (f, x) => {
          const drop = new Set(asSet(r(f, x)) ?? []);
          return (asSet(l(f, x)) ?? []).filter((s) => !drop.has(s));
        };
      }
      case 'plus': {
        const l = this.term(e.left, scope, treaty);
        const { amount, unit } = e.duration;
        return (f, x) => {
          const d = l(f, x);
          return isDate(d) ? addDuration(d, amount, unit) : undefined;
        };
      }
      case 'path': {
        const slot = scope.slot(e.head);
        if (slot === undefined) {
          const set = treaty.sets.get(e.head);
          if (set) return this.term(set.value, new Scope(), treaty);
          return e.head === 'states' && e.fields.length === 0 ? (_f, x) => statesOn(x.corpus, x.at) : () => undefined;
        }
        const fields = e.fields;
        if (fields.length === 0) return (f) => f[slot];
        const [field] = fields as [string];
        return (f) => {
          const ev = f[slot];
          return isEvent(ev) ? fieldValue(ev, field) : undefined;
        };
      }
      default: {
        const c = this.cond(e, scope, treaty);
        return (f, x) => c(f, x);
      }
    }
  }

  /** Compiles an event pattern (trigger, fulfilment, breach, end) binding its variable. */
  pattern(p: EventPattern, scope: Scope, treaty: Treaty): CompiledPattern {
    const [inner, slot] = scope.bind(p.variable);
    return { eventType: p.eventType, slot, ...(p.where ? { where: this.cond(p.where, inner, treaty) } : {}) };
  }

  private compare(e: Extract<Expr, { kind: 'compare' }>, scope: Scope, treaty: Treaty): CompiledCond {
    const l = this.term(e.left, scope, treaty);
    const r = this.term(e.right, scope, treaty);
    switch (e.op) {
      case '=':
        return (f, x) => equal(l(f, x), r(f, x));
      case '!=':
        return (f, x) => not3(equal(l(f, x), r(f, x)));
      case 'in':
        return (f, x) => member(l(f, x), r(f, x));
      case 'not-in':
        return (f, x) => not3(member(l(f, x), r(f, x)));
      default: {
        const op = e.op === 'before' ? before : e.op === 'after' ? after : e.op === 'on-or-before' ? onOrBefore : onOrAfter;
        return (f, x) => {
          const a = l(f, x);
          const b = r(f, x);
          return isDate(a) && isDate(b) ? op(a, b) : U;
        };
      }
    }
  }

  private existsEvent(e: Extract<Expr, { kind: 'exists-event' }>, scope: Scope, treaty: Treaty): CompiledCond {
    const [inner, slot] = scope.bind(e.variable);
    const where = e.where ? this.cond(e.where, inner, treaty) : undefined;
    const type = e.eventType;
    // `v.by = X`, `v.to = X`...: the fields a new event would need, and an index key.
    const shape = wherePattern(e.where, e.variable);
    const terms = new Map<Expr, CompiledTerm>([...shape.fixed, ...shape.listed].map(([, x]) => [x, this.term(x, scope, treaty)]));
    const byExpr = shape.fixed.find(([k]) => k === 'by')?.[1];
    const byTerm = byExpr ? terms.get(byExpr) : undefined;
    return (f, x) => {
      const by = byTerm ? byTerm(f, x) : undefined;
      const candidates = typeof by === 'string' ? x.index.byTypeAndActor(type, by) : x.index.byType(type);
      let v: Tri = F;
      for (const ev of candidates) {
        if (ev.date.lo > x.at.lo) break;
        const seen: Tri = ev.date.hi - 1 <= x.at.lo ? T : U;
        f[slot] = ev;
        v = or3(v, and3(seen, where ? where(f, x) : T));
        if (v === T) return T;
      }
      if (!x.open || !where) return v === F && x.open ? U : v;
      const fields = patternFields(type, shape, (term) => (terms.get(term) as CompiledTerm)(f, x));
      f[slot] = { seq: -1, date: { text: '', lo: x.at.lo + 1, hi: x.at.lo + 2 }, type, fields };
      return where(f, { ...x, open: false }) !== F ? or3(v, U) : v;
    };
  }

  private call(e: Extract<Expr, { kind: 'call' }>, scope: Scope, treaty: Treaty): CompiledCond {
    const args = e.args.map((a) => this.term(a, scope, treaty));
    if (!e.ref.treaty && PLACE_BUILTINS.has(e.ref.name)) {
      return (f, x) => {
        const values = args.map((a) => a(f, x));
        const region = placeRegion(e.ref.name, values);
        return region === null || region === undefined ? U : x.corpus.places.within(values[0], region);
      };
    }
    if (!e.ref.treaty && e.ref.name === 'supports') {
      const [s, a] = args as [CompiledTerm, CompiledTerm];
      return (f, x) => supportsAttack(s(f, x), a(f, x));
    }
    if (!e.ref.treaty && e.ref.name === 'european') {
      const [s] = args as [CompiledTerm];
      return (f, x) => {
        const v = s(f, x);
        return typeof v === 'string' ? (x.corpus.states.isEuropean(v) ? T : F) : U;
      };
    }
    if (!e.ref.treaty && e.ref.name === 'league-member') {
      const [s, d] = args as [CompiledTerm, CompiledTerm];
      return (f, x) => {
        const state = s(f, x);
        const date = d(f, x);
        return typeof state === 'string' && isDate(date) ? x.index.leagueMember(state, date) : U;
      };
    }
    const target = e.ref.treaty ? this.corpus.treaties.get(e.ref.treaty) : treaty;
    const def = target?.conditions.get(e.ref.name);
    if (!target || !def) return () => U;
    const compiled = this.named.get(def.id) ?? this.compileNamed(def, target);
    return (f, x) => {
      const frame: Frame = new Array(compiled.frameSize);
      for (let i = 0; i < args.length; i++) frame[i] = (args[i] as CompiledTerm)(f, x);
      return compiled.body(frame, x);
    };
  }

  private compileNamed(def: NamedCondition, treaty: Treaty): { frameSize: number; body: CompiledCond } {
    // Recursion guard: a condition that calls itself (directly or not) sees a late-bound body.
    const late = this.pending.get(def.id);
    if (late) return { frameSize: def.def.params.length + 16, body: late };
    const entry = { frameSize: 0, body: (() => U) as CompiledCond };
    this.pending.set(def.id, (f, x) => entry.body(f, x));
    const scope = new Scope(def.def.params.map((p, i) => [p, i] as [string, number]));
    entry.body = this.cond(def.def.body, scope, treaty);
    entry.frameSize = scope.frameSize;
    this.named.set(def.id, entry);
    this.pending.delete(def.id);
    return entry;
  }
}

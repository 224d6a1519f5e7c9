import type { Event, FieldValue } from '../base/event.js';
import { addDuration, after, before, onOrAfter, onOrBefore, type PartialDate, parseDate } from '../base/partial-date.js';
import { and3, F, not3, or3, T, type Tri, triWord, U } from '../base/tri.js';
import { placeRegion } from '../corpus/places.js';
import type { Corpus, Interpretation, Treaty } from '../corpus/treaty.js';
import { patternTypes } from '../corpus/vocabulary.js';
import type { Expr, Ref } from '../language/ast.js';
import { type Alt, makePattern, NO_ALTS, orAlts, type Pattern, productAlts, TRUE_ALTS } from './alternatives.js';
import { statesOn, supportsAttack } from './binding.js';
import { eventOut } from './event-out.js';
import type { Explanation } from './report.js';
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
  show,
  truth,
  type Value,
  wherePattern,
} from './values.js';

export type { Value } from './values.js';

/** The result of a condition: its truth, and on request its explanation and what would make it true or false. */
export interface Result {
  v: Tri;
  x?: Explanation;
  /** Alternatives of events that would make it true (only when asked for). */
  t?: Alt[];
  /** Alternatives that would make it false. */
  f?: Alt[];
}

/** The status of another norm, asked by a `status of` condition. */
export type StatusLookup = (normId: string, holder: string, beneficiary: string, at: PartialDate) => { statuses: string[]; missing: Alt[] };

/** Everything a condition is evaluated against. */
export interface Context {
  corpus: Corpus;
  index: TimelineIndex;
  /** The instant: only events on or before it are seen. */
  at: PartialDate;
  treaty: Treaty;
  provision: string;
  explain: boolean;
  alternatives: boolean;
  /**
   * Optimistic mode: treat an event that has not happened but still may as unknown. The
   * value is then false only if nothing that may still happen can make the condition true.
   */
  open?: boolean;
  status: StatusLookup;
  /** How deep `status of` lookups have gone (guards against cycles). */
  depth: number;
}

/** Variables in scope: the roles, the trigger, quantified names, condition parameters. */
export type Env = ReadonlyMap<string, Value>;

/** Evaluates a term to a value. */
export function term(e: Expr, env: Env, ctx: Context): Value {
  switch (e.kind) {
    case 'state':
      return e.code;
    case 'string':
      return e.value;
    case 'date':
      return parseDate(e.text);
    case 'bool':
      return e.value === 'true' ? T : e.value === 'false' ? F : U;
    case 'set': {
      const out: string[] = [];
      for (const item of e.items) {
        const v = term(item, env, ctx);
        if (isSet(v)) out.push(...v);
        else if (typeof v === 'string') out.push(v);
      }
      return [...new Set(out)].sort();
    }
    case 'select': {
      const inner = new Map(env);
      const quiet = { ...ctx, explain: false, alternatives: false };
      return (asSet(term(e.over, env, ctx)) ?? []).filter((s) => cond(e.where, inner.set(e.variable, s), quiet).v === T);
    }
    case 'except': {
      const l = term(e.left, env, ctx);
      const r = term(e.right, env, ctx);
      const drop = new Set(asSet(r) ?? []);
      return (asSet(l) ?? []).filter((s) => !drop.has(s));
    }
    case 'plus': {
      const d = term(e.left, env, ctx);
      return isDate(d) ? addDuration(d, e.duration.amount, e.duration.unit) : undefined;
    }
    case 'path':
      return path(e, env, ctx);
    default:
      return cond(e, env, ctx).v;
  }
}

function path(e: Extract<Expr, { kind: 'path' }>, env: Env, ctx: Context): Value {
  let v: Value;
  if (env.has(e.head)) v = env.get(e.head);
  else {
    const set = ctx.treaty.sets.get(e.head);
    if (set) return term(set.value, env, { ...ctx, provision: set.provision });
    return e.head === 'states' && e.fields.length === 0 ? statesOn(ctx.corpus, ctx.at) : undefined;
  }
  for (const f of e.fields) {
    if (!isEvent(v)) return undefined;
    v = fieldValue(v, f);
  }
  return v;
}

/** Evaluates a condition in three-valued logic; explanation and alternatives only when the context asks. */
export function cond(e: Expr, env: Env, ctx: Context): Result {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const parts = flatten(e, e.kind);
      const rs = parts.map((p) => cond(p, env, ctx));
      const isAnd = e.kind === 'and';
      let v: Tri = isAnd ? T : F;
      for (const r of rs) v = isAnd ? and3(v, r.v) : or3(v, r.v);
      const res: Result = { v };
      if (ctx.alternatives) {
        const ts = rs.map((r) => r.t ?? NO_ALTS);
        const fs = rs.map((r) => r.f ?? NO_ALTS);
        res.t = isAnd ? productAlts(ts) : orAlts(ts);
        res.f = isAnd ? orAlts(fs) : productAlts(fs);
      }
      if (ctx.explain) {
        res.x = {
          ...node(isAnd ? 'all' : 'any', v, e, ctx, { children: rs.map((r) => r.x as Explanation) }),
          rule: isAnd ? 'all of' : 'any of',
        };
      }
      return res;
    }
    case 'implies': {
      const l = cond(e.left, env, ctx);
      // Vacuous truth: when the premise is false the consequent is not evaluated.
      const r = l.v === F ? { v: T as Tri, t: TRUE_ALTS, f: NO_ALTS } : cond(e.right, env, ctx);
      const v = or3(not3(l.v), r.v);
      const res: Result = { v };
      if (ctx.alternatives) {
        res.t = orAlts([l.f ?? NO_ALTS, r.t ?? NO_ALTS]);
        res.f = productAlts([l.t ?? NO_ALTS, r.f ?? NO_ALTS]);
      }
      if (ctx.explain) {
        const children = [l.x as Explanation];
        if (l.v !== F && r.x) children.push(r.x);
        res.x = node('implies', v, e, ctx, {
          children,
          ...(l.v === F ? { note: 'the premise does not hold, so the rule does not apply' } : {}),
        });
      }
      return res;
    }
    case 'not': {
      const r = cond(e.expr, env, ctx);
      const res: Result = { v: not3(r.v) };
      if (ctx.alternatives) {
        res.t = r.f ?? NO_ALTS;
        res.f = r.t ?? NO_ALTS;
      }
      if (ctx.explain) res.x = node('not', res.v, e, ctx, { children: [r.x as Explanation] });
      return res;
    }
    case 'labeled': {
      const r = cond(e.expr, env, ctx);
      if (ctx.explain && r.x) r.x = { ...r.x, quote: e.label, rule: r.x.rule ?? e.expr.src ?? '' };
      return r;
    }
    case 'compare':
    case 'within':
      return compare(e, env, ctx);
    case 'exists-event':
      return existsEvent(e, env, ctx);
    case 'exists-state':
    case 'forall':
      return quantify(e, env, ctx);
    case 'call':
      return call(e, env, ctx);
    case 'status':
      return statusOf(e, env, ctx);
    case 'path': {
      const v = path(e, env, ctx);
      const tri = truth(v);
      const res: Result = { v: tri };
      const ev = env.get(e.head);
      if (ctx.alternatives) {
        if (tri === U && isEvent(ev) && e.fields.length === 1) {
          const field = e.fields[0] as string;
          res.t = [[settle(ev, field, true)]];
          res.f = [[settle(ev, field, false)]];
        } else leafAlts(res, e);
      }
      if (ctx.explain) {
        res.x = node('condition', tri, e, ctx, {
          ...(isEvent(ev) ? { events: [eventOut(ev)] } : {}),
          ...(tri === U ? { note: 'the record does not settle this fact' } : {}),
        });
      }
      return res;
    }
    default: {
      const v = term(e, env, ctx);
      const res: Result = { v: truth(v) };
      if (ctx.alternatives) leafAlts(res, e);
      if (ctx.explain) res.x = node('condition', res.v, e, ctx, {});
      return res;
    }
  }
}

/** A leaf's alternatives: nothing needed if true, impossible if false; an unknown leaf needs the fact settled. */
function leafAlts(res: Result, e: Expr): void {
  const fact = (): Alt[] => [[makePattern({ type: 'fact', about: e.src ?? e.kind }, true)]];
  res.t = res.v === T ? TRUE_ALTS : res.v === U ? fact() : NO_ALTS;
  res.f = res.v === F ? TRUE_ALTS : res.v === U ? fact() : NO_ALTS;
}

function settle(ev: Event, field: string, value: boolean): Pattern {
  const fields: Record<string, FieldValue> = { type: ev.type };
  for (const k of ['by', 'against', 'to'] as const) {
    const v = ev.fields[k];
    if (typeof v === 'string') fields[k] = v;
  }
  fields[field] = value;
  return makePattern(fields, true);
}

function node(kind: Explanation['kind'], v: Tri, e: Expr, ctx: Context, extra: Partial<Explanation>): Explanation {
  return { kind, value: triWord(v), ...(e.src ? { rule: e.src } : {}), provision: ctx.provision, ...extra };
}

function compare(e: Extract<Expr, { kind: 'compare' | 'within' }>, env: Env, ctx: Context): Result {
  const l = term(e.left, env, ctx);
  const r = term(e.right, env, ctx);
  let v: Tri = U;
  if (e.kind === 'within') {
    if (isDate(l) && isDate(r)) v = and3(onOrAfter(l, r), onOrBefore(l, addDuration(r, e.duration.amount, e.duration.unit)));
  } else {
    switch (e.op) {
      case '=':
        v = equal(l, r);
        break;
      case '!=':
        v = not3(equal(l, r));
        break;
      case 'in':
        v = member(l, r);
        break;
      case 'not-in':
        v = not3(member(l, r));
        break;
      default:
        if (isDate(l) && isDate(r)) {
          v =
            e.op === 'before'
              ? before(l, r)
              : e.op === 'after'
                ? after(l, r)
                : e.op === 'on-or-before'
                  ? onOrBefore(l, r)
                  : onOrAfter(l, r);
        }
    }
  }
  const res: Result = { v };
  if (ctx.alternatives) leafAlts(res, e);
  if (ctx.explain) {
    const events = [e.left, e.right].map((side) => (side.kind === 'path' ? env.get(side.head) : undefined)).filter(isEvent);
    const shown =
      e.kind === 'within'
        ? `${show(l)} within ${e.duration.amount} ${e.duration.unit}(s) after ${show(r)}`
        : `${show(l)} ${e.op} ${show(r)}`;
    res.x = node('condition', v, e, ctx, { note: shown, ...(events.length > 0 ? { events: events.map(eventOut) } : {}) });
  }
  return res;
}

/** The fields an event must have to satisfy a where-clause, read off its conjuncts. */
function patternOf(e: Extract<Expr, { kind: 'exists-event' }>, env: Env, ctx: Context): Record<string, FieldValue> {
  return patternFields(e.eventType, wherePattern(e.where, e.variable), (x) => term(x, env, ctx));
}

function existsEvent(e: Extract<Expr, { kind: 'exists-event' }>, env: Env, ctx: Context): Result {
  const candidates = ctx.index.byType(e.eventType);
  let v: Tri = F;
  const found: Event[] = [];
  const ts: Alt[][] = [];
  const fs: Alt[][] = [];
  const inner = new Map(env);
  const quiet = { ...ctx, explain: false };
  /** Events seen by the instant that have the fields the clause fixes but fail the rest of it: an explanation names them. */
  const failing: Event[] = [];
  const fixed = ctx.explain ? Object.entries(patternOf(e, env, ctx)).filter(([k, v]) => k !== 'type' && typeof v === 'string') : [];
  for (const ev of candidates) {
    if (ev.date.lo > ctx.at.lo) break;
    const seen: Tri = ev.date.hi - 1 <= ctx.at.lo ? T : U;
    inner.set(e.variable, ev);
    const w = e.where ? cond(e.where, inner, quiet) : { v: T as Tri, t: TRUE_ALTS, f: NO_ALTS };
    const r = and3(seen, w.v);
    if (r !== F) found.push(ev);
    else if (ctx.explain && failing.length < 5 && fixed.every(([k, v]) => ev.fields[k] === v)) failing.push(ev);
    v = or3(v, r);
    if (ctx.alternatives) {
      ts.push(w.t ?? NO_ALTS);
      fs.push(w.f ?? NO_ALTS);
    }
    if (v === T && !ctx.alternatives) break;
  }
  const res: Result = { v };
  // A new event of this type may still be recorded, unless its where-clause rules out any
  // event dated after the instant (a deadline that has passed).
  let possible = false;
  let fields: Record<string, FieldValue> | undefined;
  if (v !== T && (ctx.alternatives || ctx.explain || ctx.open)) {
    fields = patternOf(e, env, ctx);
    const next: Event = { seq: -1, date: { text: '', lo: ctx.at.lo + 1, hi: ctx.at.lo + 2 }, type: patternTypes(e)[0] as string, fields };
    inner.set(e.variable, next);
    possible = (e.where ? cond(e.where, inner, { ...quiet, alternatives: false, open: false }).v : T) !== F;
    // Asked whether the condition can still become true: an event that may still
    // happen makes this node unknown rather than false.
    if (ctx.open && possible) res.v = U;
  }
  if (ctx.alternatives) {
    res.t = v === T ? TRUE_ALTS : orAlts([...ts, possible && fields ? [[makePattern(fields, false)]] : NO_ALTS]);
    res.f = productAlts(fs);
  }
  if (ctx.explain) {
    const wanted = Object.entries(fields ?? {})
      .filter(([k]) => k !== 'type')
      .map(([k, val]) => `${k} ${Array.isArray(val) ? val.join('+') : String(val)}`)
      .join(', ');
    const none = `no ${e.eventType}${wanted ? ` (${wanted})` : ''} recorded by ${ctx.at.text}${possible ? ' — it may still happen' : ' — and none can now count'}`;
    const unmet = `${failing.length === 1 ? `the ${e.eventType} recorded does` : `the ${e.eventType}s recorded do`} not meet this clause${possible ? '; another may still happen' : ', and none can now count'}`;
    res.x = node(
      'exists',
      v,
      e,
      ctx,
      found.length > 0
        ? { events: found.map(eventOut) }
        : failing.length > 0
          ? { note: unmet, events: failing.map(eventOut) }
          : { note: none },
    );
  }
  return res;
}

function quantify(e: Extract<Expr, { kind: 'exists-state' | 'forall' }>, env: Env, ctx: Context): Result {
  const over = asSet(term(e.over, env, ctx)) ?? [];
  const isAll = e.kind === 'forall';
  let v: Tri = isAll ? T : F;
  const rs: Result[] = [];
  for (const s of over) {
    const r = cond(e.body, new Map(env).set(e.variable, s), ctx);
    if (r.x) r.x = { ...r.x, note: `${e.variable} = ${s}${r.x.note ? `: ${r.x.note}` : ''}` };
    rs.push(r);
    v = isAll ? and3(v, r.v) : or3(v, r.v);
  }
  const res: Result = { v };
  if (ctx.alternatives) {
    const ts = rs.map((r) => r.t ?? NO_ALTS);
    const fs = rs.map((r) => r.f ?? NO_ALTS);
    res.t = isAll ? productAlts(ts) : orAlts(ts);
    res.f = isAll ? orAlts(fs) : productAlts(fs);
  }
  if (ctx.explain) {
    res.x = node(isAll ? 'forall' : 'exists', v, e, ctx, {
      note: `${e.variable} ranges over ${over.length > 0 ? over.join(', ') : 'no state'}`,
      children: rs.map((r) => r.x as Explanation),
    });
  }
  return res;
}

function call(e: Extract<Expr, { kind: 'call' }>, env: Env, ctx: Context): Result {
  const args = e.args.map((a) => term(a, env, ctx));
  const region = e.ref.treaty ? undefined : placeRegion(e.ref.name, args);
  if (region !== undefined) {
    const v = region === null ? U : ctx.corpus.places.within(args[0], region);
    const res: Result = { v };
    if (ctx.alternatives) leafAlts(res, e);
    if (ctx.explain) {
      const where = typeof args[0] === 'string' ? ctx.corpus.places.name(args[0]) : undefined;
      const note =
        where === undefined
          ? 'the event does not say where it happened'
          : `${where} ${v === T ? 'lies' : 'does not lie'} within ${region === null ? '?' : ctx.corpus.places.name(region)}`;
      res.x = node('fact', v, e, ctx, { note });
    }
    return res;
  }
  if (!e.ref.treaty && e.ref.name === 'supports') {
    const v = supportsAttack(args[0], args[1]);
    const res: Result = { v };
    if (ctx.alternatives) leafAlts(res, e);
    if (ctx.explain) {
      const [s, a] = args.map((x) =>
        isEvent(x) ? `${x.type} ${x.fields.by ?? ''} → ${x.fields.to ?? x.fields.against ?? ''} (${x.date.text})` : '?',
      );
      res.x = node('fact', v, e, ctx, { note: `${s} ${v === T ? 'supports' : v === F ? 'does not support' : 'may support'} ${a}` });
    }
    return res;
  }
  if (!e.ref.treaty && (e.ref.name === 'european' || e.ref.name === 'league-member')) {
    const s = args[0];
    let v: Tri = U;
    let note = '';
    if (typeof s === 'string') {
      if (e.ref.name === 'european') {
        v = ctx.corpus.states.isEuropean(s) ? T : F;
        const st = ctx.corpus.states.find(s);
        note = `${s} (${st?.name ?? s}) is ${v === T ? '' : 'not '}a European state (COW region Europe)`;
      } else {
        const d = args[1];
        v = isDate(d) ? ctx.index.leagueMember(s, d) : U;
        note = `${s} ${v === T ? 'was' : v === F ? 'was not' : 'may have been'} a member of the League on ${isDate(d) ? d.text : '?'}`;
      }
    }
    const res: Result = { v };
    if (ctx.alternatives) leafAlts(res, e);
    if (ctx.explain) res.x = node('fact', v, e, ctx, { note });
    return res;
  }
  const treaty = e.ref.treaty ? ctx.corpus.treaties.get(e.ref.treaty) : ctx.treaty;
  const def = treaty?.conditions.get(e.ref.name);
  if (!treaty || !def) return { v: U };
  const inner = new Map<string, Value>();
  def.def.params.forEach((p, i) => {
    inner.set(p, args[i]);
  });
  const r = cond(def.def.body, inner, { ...ctx, treaty, provision: def.provision });
  if (ctx.explain) {
    const provision = treaty.provisions.get(def.provision);
    const interpretation = readingOf(treaty, def.def.name);
    r.x = {
      kind: 'reference',
      value: r.x?.value ?? triWord(r.v),
      rule: e.src ?? refText(e.ref),
      provision: def.provision,
      ...(provision?.text ? { quote: provision.text } : {}),
      ...(interpretation ? { interpretation: interpretation.text } : {}),
      children: r.x ? [r.x] : [],
    };
  }
  return r;
}

/** The interpretation that carries a named condition's reading: one named like it, or one that lists it. */
export function readingOf(treaty: Treaty, condition: string): Interpretation | undefined {
  return treaty.interpretations.find((i) => i.id === condition || i.conditions?.includes(condition));
}

function refText(ref: Ref): string {
  return ref.treaty ? `${ref.treaty}/${ref.name}` : ref.name;
}

function statusOf(e: Extract<Expr, { kind: 'status' }>, env: Env, ctx: Context): Result {
  const holder = term(e.holder, env, ctx);
  const beneficiary = term(e.beneficiary, env, ctx);
  const normId = `${e.norm.treaty ?? ctx.treaty.slug}/${e.norm.name}`;
  let v: Tri = U;
  let found: { statuses: string[]; missing: Alt[] } = { statuses: [], missing: NO_ALTS };
  if (typeof holder === 'string' && typeof beneficiary === 'string' && ctx.depth < 8) {
    found = ctx.status(normId, holder, beneficiary, ctx.at);
    v = found.statuses.some((s) => e.statuses.includes(s)) ? T : F;
    // The other norm may still become due: in optimistic mode that is not a final no.
    if (v === F && ctx.open && e.statuses.includes('due') && found.statuses.includes('pending')) v = U;
  }
  const res: Result = { v };
  if (ctx.alternatives) {
    res.t = v === T ? TRUE_ALTS : e.statuses.includes('due') ? found.missing : NO_ALTS;
    res.f = v === T ? NO_ALTS : TRUE_ALTS;
  }
  if (ctx.explain) {
    res.x = node('status', v, e, ctx, {
      note: `${normId} for ${String(holder)} toward ${String(beneficiary)}: ${found.statuses.length > 0 ? found.statuses.join(', ') : 'no instance'}`,
    });
  }
  return res;
}

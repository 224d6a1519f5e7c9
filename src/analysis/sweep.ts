import { CasusError } from '../base/casus-error.js';
import type { Event } from '../base/event.js';
import { wholeOption, YEARS } from '../base/input-ranges.js';
import { fromDayNumber, parseDate } from '../base/partial-date.js';
import { and3, F, T, type Tri, U } from '../base/tri.js';
import { membershipEnd } from '../corpus/league.js';
import type { Corpus, Norm, Treaty } from '../corpus/treaty.js';
import { patternTypes } from '../corpus/vocabulary.js';
import {
  admissibleRoles,
  type BindingSpan,
  bindingSpans,
  instanceObligation,
  OBLIGATIONS,
  type Obligation,
  obligationOf,
  openStatus,
  statusTruth,
  triggerSide,
} from '../engine/binding.js';
import type { FastContext, Frame } from '../engine/compile.js';
import { SLOT } from '../engine/compile.js';
import { type CompiledNorm, compileNorm } from '../engine/compile-norm.js';
import { Hypotheses } from '../engine/hypothetical.js';
import type { TreatyLife } from '../engine/treaty-status.js';
import { isSet, type Value } from '../engine/values.js';
import type { Expr } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';

/**
 * Sweeps: the field's dyad-year questions over a whole treaty library, answered by the engine.
 *
 * **The question.** "If `adversary` attacked `beneficiary` on day d (or, for an offensive pledge,
 * `beneficiary` attacked `adversary`), would `holder` owe the obligation?" is the engine's answer
 * on the one-event scenario of that act: due → the holder is *bound*; pending → *conditional*
 * (bound only if something casus cannot settle, or that has not happened, comes to hold: a
 * location, a provocation, a League step); anything else → not bound. The act is of the type the
 * norm's trigger names (an aggression for defence, offence and neutrality; a threat for most
 * consultation pledges); a norm triggered by something else (a Council finding, a remilitarisation)
 * answers no act of one state against another and is listed in `skipped`. Which norms express which
 * obligation, who is bound on which day, and who can never be bound against itself are the
 * engine's rules (engine/binding.ts), not the sweep's.
 *
 * **Speed, and why it is still the engine's answer.** A sweep model is built once per corpus: every
 * (norm, holder, beneficiary) of one of the five obligations, with the days the binding rule holds
 * for the pair (`bindingSpans`, sampled from the rule itself). Two specialisations make the
 * 1815-2003 sweep of ATOP take about a second; a property test over random questions
 * (sweep-engine.test.ts) proves both equal to the engine:
 * - *Symmetry.* A rule that names no state-dependent predicate (no `exists`, no call, no `status
 *   of`, no dates) can tell adversaries apart only by the states it names, so it is evaluated once
 *   for each state it names and once for a stand-in for all others.
 * - *Compiled conditions.* For such a rule the engine's walk on a one-event timeline reduces to its
 *   first step: the trigger's where-clause and the condition, compiled, on the day, with the
 *   engine's own mapping from truth to status (`openStatus`). Every other rule is asked of the
 *   engine itself (`Hypotheses`), `status of` another norm included: it is evaluated, not assumed.
 *
 * **Years.** A dyad-year holds if the question holds on some day of the year. For a symmetric rule
 * the answer depends on the day only through the binding spans; for any other rule it is asked on
 * each day of the year on which its inputs can change (the first day of each binding span, the
 * dates its rules name, League membership changes if it reads them, the corpus's lifecycle dates
 * if it reads lifecycle events).
 */

/** The five obligations the sweep answers: the engine's table (engine/binding.ts). */
export const SWEEP_OBLIGATIONS = OBLIGATIONS;
/** One of the five obligations. */
export type SweepObligation = Obligation;

/** The stand-in for "any state the condition does not mention". */
const OTHER = '*';

/** The acts of one state against another a sweep can ask about: a norm triggered by one of them is swept. */
const QUESTION_TYPES = new Set(['aggression', 'threat', 'war-declaration', 'occupation', 'annexation']);

/** A value per adversary: the value for every state not listed in `named`, and the named exceptions. */
export interface AdversaryMap {
  other: Tri;
  named: ReadonlyMap<string, Tri>;
}

/** One (norm, holder, beneficiary) with the days both are bound. */
export interface SweepInstance {
  norm: Norm;
  obligation: SweepObligation;
  treaty: string;
  holder: string;
  beneficiary: string;
  /** The days on which the binding rule holds for the pair (true) or may hold (unknown), sorted, disjoint. */
  spans: BindingSpan[];
  /** Standing norms (non-aggression) have no adversary: they bind whenever in force. */
  standing: boolean;
  /** The act that asks the question, and whether the beneficiary is its target (attacked) or its actor (attacking). */
  question?: { type: string; side: 'target' | 'actor' };
  /** Filled lazily: the value per adversary (only for norms in the symmetric fragment). */
  byAdversary?: AdversaryMap;
  /** Whether the norm is in the fragment that allows evaluation by symmetry and by its compiled first step. */
  symmetric: boolean;
  /** Whether its roles are picked out by the triggering event: the pair is then tested against each hypothetical event. */
  triggerRoles: boolean;
  /** For a rule outside the symmetric fragment: the days its inputs can change (sorted day numbers). */
  ruleDays?: readonly number[];
}

export interface SweepModel {
  corpus: Corpus;
  instances: SweepInstance[];
  /** Norms with one of the five obligations that the sweep cannot ask (a standing norm whose roles depend on an event, a trigger that is no act of one state against another). */
  skipped: Array<{ norm: string; why: string }>;
  /** ccode of each state, and its abbreviation by code. */
  ccode: ReadonlyMap<string, number>;
  /** COW system members as [lo, hi) spans, for the attacker universe. */
  system: ReadonlyArray<{ abb: string; spans: Array<{ lo: number; hi: number }> }>;
  /** The context compiled conditions run in: no events (a symmetric rule reads none). */
  ctx: FastContext;
  /** The engine, asked about single hypothetical events. */
  hypotheses: Hypotheses;
  /** What a hypothetical attack's `unprovoked` field says: unknown, or as `--unprovoked` / a cascade's entries set it. */
  unprovoked: boolean | 'unknown';
  /** ATOP's convention: every party bound for its whole membership (engine/binding.ts `anyMember`). */
  anyMember: boolean;
}

const yearStart = new Map<number, number>();
/** The day number of 1 January of a year (cached: sweeps ask it millions of times). Years run from 1 to 9999. */
export const dayOf = (y: number): number => {
  let d = yearStart.get(y);
  if (d === undefined) {
    d = y > 9999 ? parseDate('9999-12-31').lo + 1 : parseDate(String(Math.max(1, y)).padStart(4, '0')).lo;
    yearStart.set(y, d);
  }
  return d;
};

/** Whether a condition can tell states apart only by the states it names, and reads nothing but the trigger (see the module comment). */
function inSymmetricFragment(e: Expr | undefined): boolean {
  if (!e) return true;
  let ok = true;
  visitExpr(e, (x) => {
    if (x.kind === 'exists-event' || x.kind === 'call' || x.kind === 'status' || x.kind === 'within' || x.kind === 'plus') ok = false;
    if (x.kind === 'path' && x.fields.includes('date')) ok = false;
    if (x.kind === 'date') ok = false;
  });
  return ok;
}

function statesNamed(e: Expr | undefined, out: Set<string>): void {
  if (!e) return;
  visitExpr(e, (x) => {
    if (x.kind === 'state') out.add(x.code);
  });
}

/**
 * The days on which a rule's value can change, other than the question's own day: the dates it
 * names, League membership changes if it reads League membership, the corpus's lifecycle dates if
 * it reads lifecycle events (or another norm's status). Read through the conditions it calls.
 */
function ruleDaysOf(norm: Norm, corpus: Corpus, lifecycleTypes: ReadonlySet<string>): number[] {
  const days = new Set<number>();
  const add = (lo: number, hi: number) => {
    days.add(lo);
    days.add(hi - 1);
    days.add(hi);
  };
  let league = false;
  let lifecycle = false;
  const seen = new Set<string>();
  const visit = (e: Expr | undefined, treaty: Treaty): void => {
    if (!e) return;
    visitExpr(e, (x) => {
      if (x.kind === 'date') {
        const d = parseDate(x.text);
        add(d.lo, d.hi);
      } else if (x.kind === 'status') lifecycle = league = true;
      else if (x.kind === 'exists-event' && patternTypes(x).some((t) => lifecycleTypes.has(t))) lifecycle = true;
      else if (x.kind === 'call') {
        if (!x.ref.treaty && x.ref.name === 'league-member') league = true;
        const t = x.ref.treaty ? corpus.treaties.get(x.ref.treaty) : treaty;
        const def = t?.conditions.get(x.ref.name);
        if (t && def && !seen.has(def.id)) {
          seen.add(def.id);
          visit(def.def.body, t);
        }
      }
    });
  };
  const treaty = corpus.treaties.get(norm.treaty) as Treaty;
  visit(norm.def.trigger?.where, treaty);
  visit(norm.def.condition, treaty);
  if (league) {
    for (const m of corpus.league.values()) {
      const end = membershipEnd(m);
      for (const d of [m.admitted, end]) if (d) add(d.lo, d.hi);
    }
  }
  if (lifecycle) for (const t of corpus.treaties.values()) for (const e of t.lifecycle) add(e.date.lo, e.date.hi);
  return [...days].sort((a, b) => a - b);
}

/**
 * Builds the sweep model of a corpus: done once, then every sweep and year reuses it. The
 * hypothetical attacks' `unprovoked` is unknown, or true with `unprovoked`, or false with `provoked`.
 * `anyMember` drops the engine's rule that only a state of the COW system (or a recognised
 * government in exile) can be bound: every party is bound for its whole membership, as ATOP counts it.
 */
export function sweepModel(corpus: Corpus, options: { unprovoked?: boolean; provoked?: boolean; anyMember?: boolean } = {}): SweepModel {
  const instances: SweepInstance[] = [];
  const skipped: SweepModel['skipped'] = [];
  const binding = { anyMember: options.anyMember === true };
  const hypotheses = new Hypotheses(corpus, binding);
  const ctx: FastContext = {
    index: hypotheses.base,
    at: parseDate('2100'),
    corpus,
    open: false,
    status: () => {
      throw new Error('casus bug: a rule of the symmetric fragment asked the status of another norm');
    },
  };
  const spansOf = new Map<string, BindingSpan[]>();
  const lifecycleTypes = new Set<string>();
  for (const t of corpus.treaties.values()) for (const e of t.lifecycle) lifecycleTypes.add(e.type);
  for (const treaty of [...corpus.treaties.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    const life = hypotheses.lives.get(treaty.slug);
    if (!life?.entry) continue;
    for (const norm of treaty.norms) {
      if (!norm.def.trigger && !norm.def.forbids) continue;
      const trigger = norm.def.trigger;
      let pairs = rolePairs(norm, treaty, life.parties, corpus, ctx);
      let triggerRoles = false;
      if (typeof pairs === 'string') {
        if (!trigger) {
          if (obligationOf(norm.def) !== undefined) skipped.push({ norm: norm.id, why: pairs });
          continue;
        }
        // Roles picked out by the triggering event (Locarno's guarantors: every party but the
        // two at war): every ordered pair of parties, each tested against the hypothetical event.
        triggerRoles = true;
        pairs = life.parties.flatMap((h) => life.parties.filter((b) => b !== h).map((b): [string, string] => [h, b]));
      }
      const standing = !trigger;
      const symmetric = !triggerRoles && inSymmetricFragment(trigger?.where) && inSymmetricFragment(norm.def.condition);
      let question: SweepInstance['question'];
      if (trigger) {
        const side = triggerSide(norm.def) as 'actor' | 'target';
        // A class (`attack`) is asked as its first member a sweep can ask: an aggression before a declaration.
        const asked = patternTypes(trigger).find((t) => QUESTION_TYPES.has(t));
        if (asked === undefined) {
          if (pairs.some(([, b]) => instanceObligation(norm.def, life, b) !== undefined)) {
            skipped.push({
              norm: norm.id,
              why: `its trigger (${trigger.eventType}) is no act of one state against another: a sweep cannot ask it`,
            });
          }
          continue;
        }
        question = { type: asked, side };
      }
      const ruleDays = symmetric ? undefined : ruleDaysOf(norm, corpus, lifecycleTypes);
      for (const [holder, beneficiary] of pairs) {
        const obligation = instanceObligation(norm.def, life, beneficiary);
        if (!obligation) continue;
        // The binding rule is the treaty's, not the norm's: one computation per pair of a treaty.
        const spanKey = `${treaty.slug}|${holder}|${beneficiary}`;
        let spans = spansOf.get(spanKey);
        if (!spans) {
          spans = bindingSpans(corpus, life, holder, beneficiary, binding);
          spansOf.set(spanKey, spans);
        }
        if (spans.length === 0) continue;
        instances.push({
          norm,
          obligation,
          treaty: treaty.slug,
          holder,
          beneficiary,
          spans,
          standing,
          symmetric,
          triggerRoles,
          ...(question ? { question } : {}),
          ...(ruleDays ? { ruleDays } : {}),
        });
      }
    }
  }
  const ccode = new Map(corpus.states.states.map((s) => [s.abb, s.ccode]));
  const system = corpus.states.states
    .filter((s) => s.spells.length > 0)
    .map((s) => ({ abb: s.abb, spans: s.spells.map((x) => ({ lo: x.from.lo, hi: x.to.hi })) }));
  const unprovoked = options.unprovoked ? true : options.provoked ? false : 'unknown';
  return { corpus, instances, skipped, ccode, system, ctx, hypotheses, unprovoked, anyMember: binding.anyMember };
}

/** The (holder, beneficiary) pairs a norm's roles give among the treaty's parties, or why they cannot be listed. */
function rolePairs(
  norm: Norm,
  treaty: Treaty,
  parties: readonly string[],
  corpus: Corpus,
  ctx: FastContext,
): Array<[string, string]> | string {
  const roles = norm.def.roles;
  if (!roles || roles.kind === 'reciprocal') {
    const out: Array<[string, string]> = [];
    for (const h of parties) for (const b of parties) if (h !== b) out.push([h, b]);
    return out;
  }
  const c = compileNorm(norm, corpus);
  let uses = false;
  for (const e of [roles.holder, roles.beneficiary]) {
    visitExpr(e, (x) => {
      if (x.kind === 'path' && (x.head === 'trigger' || x.head === norm.def.trigger?.variable || x.head === 'counterparty')) uses = true;
    });
  }
  if (uses) return `${treaty.slug}: its roles depend on the triggering event`;
  const frame: Frame = new Array(c.frameSize).fill(undefined);
  frame[SLOT.parties] = parties;
  const list = (v: Value): string[] => (isSet(v) ? [...v] : typeof v === 'string' ? [v] : []);
  const holders = list((c.holders as NonNullable<CompiledNorm['holders']>)(frame, ctx));
  const out: Array<[string, string]> = [];
  for (const h of holders) {
    frame[SLOT.holder] = h;
    for (const b of list((c.beneficiaries as NonNullable<CompiledNorm['beneficiaries']>)(frame, ctx))) if (b !== h) out.push([h, b]);
  }
  return out;
}

/** The act that asks an instance's question of an adversary on a day. */
export function questionEvent(model: SweepModel, inst: SweepInstance, adversary: string, day: number): Event | undefined {
  const q = inst.question;
  if (!q) return undefined;
  const fields: Record<string, string | boolean> =
    q.side === 'actor' ? { by: inst.beneficiary, against: adversary } : { by: adversary, against: inst.beneficiary };
  if (q.type === 'aggression') fields.unprovoked = model.unprovoked;
  return { seq: 0, date: fromDayNumber(day), type: q.type, fields };
}

/** The binding rule's value for an instance on a day: true, unknown (a partial date), or false. */
export function spanValue(inst: SweepInstance, day: number): Tri {
  for (const s of inst.spans) {
    if (day < s.lo) return F;
    if (day < s.hi) return s.value;
  }
  return F;
}

/**
 * The engine's answer to one question, as a truth value: if the adversary did the instance's act on
 * the day (see `questionEvent`), is the holder bound (true), bound only conditionally (unknown), or
 * not (false)? A standing norm has no adversary: it binds whenever the binding rule holds.
 */
export function valueFor(model: SweepModel, inst: SweepInstance, adversary: string, day: number): Tri {
  const bound = spanValue(inst, day);
  if (bound === F) return F;
  if (inst.standing) {
    if (!inst.norm.def.condition) return bound;
    const touching: Event = {
      seq: 0,
      date: fromDayNumber(day),
      type: 'consultation',
      fields: { between: [inst.holder, inst.beneficiary] },
    };
    return statusTruth(model.hypotheses.standingStatus(inst.norm, inst.holder, inst.beneficiary, touching));
  }
  const event = questionEvent(model, inst, adversary, day);
  if (!event) return F;
  if (!inst.symmetric) return statusTruth(model.hypotheses.status(inst.norm, inst.holder, inst.beneficiary, event));
  return and3(bound, compiledFirstStep(model, inst, event, day));
}

/**
 * The specialisation of the engine's walk for a rule of the symmetric fragment on a one-event
 * timeline: its first (and only) step, from the compiled trigger where-clause and condition, mapped
 * to a status as the engine maps it (`openStatus`). The property test holds it equal to the engine.
 */
function compiledFirstStep(model: SweepModel, inst: SweepInstance, event: Event, day: number): Tri {
  const c = compileNorm(inst.norm, model.corpus);
  // One scratch frame per compiled norm: the sweep runs in one thread, and this is not re-entered.
  let frame = scratch.get(c);
  if (!frame) {
    frame = new Array(c.frameSize).fill(undefined);
    scratch.set(c, frame);
  }
  frame[SLOT.holder] = inst.holder;
  frame[SLOT.beneficiary] = inst.beneficiary;
  frame[SLOT.parties] = (model.hypotheses.lives.get(inst.treaty) as TreatyLife).parties;
  frame[SLOT.trigger] = event;
  frame[SLOT.counterparty] = undefined;
  // One context per model, its instant moved to the day (a sweep runs in one thread).
  const x = model.ctx;
  if (x.at.lo !== day || x.at.hi !== day + 1) x.at = fromDayNumber(day);
  x.open = false;
  const tw = c.triggerWhere ? c.triggerWhere(frame, x) : T;
  if (tw === F) return F;
  const cp = c.counterparty?.(frame, x);
  if (!admissibleRoles(inst.holder, inst.beneficiary, typeof cp === 'string' ? cp : undefined)) return F;
  if (typeof cp === 'string') frame[SLOT.counterparty] = cp;
  const now = c.condition ? and3(tw, c.condition(frame, x)) : tw;
  if (now !== F) return statusTruth(now === T ? 'due' : 'pending');
  // False now: is it false whatever may still happen (not triggered), or only so far (pending)?
  x.open = true;
  const twOpen = c.triggerWhere ? c.triggerWhere(frame, x) : T;
  const open = twOpen === F ? F : c.condition ? and3(twOpen, c.condition(frame, x)) : twOpen;
  x.open = false;
  return statusTruth(openStatus(now, () => open));
}

const scratch = new WeakMap<CompiledNorm, Frame>();

/** The value per adversary of a norm in the symmetric fragment, computed once (its rule reads no date). */
function adversaryMap(model: SweepModel, inst: SweepInstance): AdversaryMap {
  if (inst.byAdversary) return inst.byAdversary;
  const mentioned = new Set<string>();
  statesNamed(inst.norm.def.trigger?.where, mentioned);
  statesNamed(inst.norm.def.condition, mentioned);
  statesNamed(inst.norm.def.counterparty, mentioned);
  const treaty = model.corpus.treaties.get(inst.treaty) as Treaty;
  for (const p of treaty.parties) mentioned.add(p);
  for (const p of model.hypotheses.lives.get(inst.treaty)?.parties ?? []) mentioned.add(p);
  mentioned.add(inst.holder);
  mentioned.add(inst.beneficiary);
  // Any day on which the pair is bound surely, or else may be: the rule reads no date.
  const span = inst.spans.find((s) => s.value === T) ?? (inst.spans[0] as BindingSpan);
  const day = Math.max(span.lo, Math.min(span.hi - 1, dayOf(1900)));
  const of = (s: string) => (inst.standing ? T : compiledFirstStep(model, inst, questionEvent(model, inst, s, day) as Event, day));
  const other = of(OTHER);
  const named = new Map<string, Tri>();
  for (const s of mentioned) {
    const v = of(s);
    if (v !== other) named.set(s, v);
  }
  inst.byAdversary = { other, named };
  return inst.byAdversary;
}

/** The best value of the binding rule on some day of a year: true if it surely holds on one, unknown if it may. */
export function boundInYear(inst: SweepInstance, year: number): Tri {
  const lo = dayOf(year);
  const hi = dayOf(year + 1);
  let best: Tri = F;
  for (const s of inst.spans) {
    if (s.lo < hi && lo < s.hi && s.value > best) best = s.value;
  }
  return best;
}

/** The first day of a year on which the instance binds (surely or maybe), if any. */
export function dayInYear(inst: SweepInstance, year: number): number | undefined {
  const lo = dayOf(year);
  const hi = dayOf(year + 1);
  for (const s of inst.spans) if (s.lo < hi && lo < s.hi) return Math.max(lo, s.lo);
  return undefined;
}

/** The days of a year on which an instance's answer can change: the first day of each binding span, and its rule's days. */
function daysInYear(inst: SweepInstance, year: number): number[] {
  const lo = dayOf(year);
  const hi = dayOf(year + 1);
  const days = new Set<number>();
  for (const s of inst.spans) if (s.lo < hi && lo < s.hi) days.add(Math.max(lo, s.lo));
  for (const d of inst.ruleDays ?? []) if (d >= lo && d < hi && spanValue(inst, d) !== F) days.add(d);
  return [...days].sort((a, b) => a - b);
}

/** The COW system members in a year (a spell overlaps it). */
export function systemIn(model: SweepModel, year: number): string[] {
  const lo = dayOf(year);
  const hi = dayOf(year + 1);
  return model.system.filter((s) => s.spans.some((x) => x.lo < hi && lo < x.hi)).map((s) => s.abb);
}

/** What an instance answers for an adversary on one day (see `valueFor`); the symmetric fragment by its adversary map. */
export function instanceValue(model: SweepModel, inst: SweepInstance, adversary: string, day: number): Tri {
  if (inst.symmetric) {
    const bound = spanValue(inst, day);
    if (bound === F) return F;
    if (inst.standing) return valueFor(model, inst, adversary, day);
    const m = adversaryMap(model, inst);
    return and3(bound, m.named.get(adversary) ?? m.other);
  }
  return valueFor(model, inst, adversary, day);
}

/** What an instance answers for an adversary on some day of a year: the best of its days. */
export function yearValue(model: SweepModel, inst: SweepInstance, adversary: string, year: number): Tri {
  if (inst.symmetric) {
    const bound = boundInYear(inst, year);
    if (bound === F) return F;
    if (inst.standing && !inst.norm.def.condition) return bound;
    if (inst.standing) return valueFor(model, inst, adversary, dayInYear(inst, year) as number);
    const m = adversaryMap(model, inst);
    return and3(bound, m.named.get(adversary) ?? m.other);
  }
  let best: Tri = F;
  for (const day of daysInYear(inst, year)) {
    const v = valueFor(model, inst, adversary, day);
    if (v > best) best = v;
    if (best === T) break;
  }
  return best;
}

/** One directed dyad-year of an obligation. */
export interface DyadYear {
  holder: string;
  beneficiary: string;
  year: number;
  obligation: SweepObligation;
  /**
   * bound: owed outright against some adversary; conditional: only under conditions casus cannot
   * settle; untriggerable: in force, but no state other than the pair itself could trigger it.
   */
  status: 'bound' | 'conditional' | 'untriggerable';
  /** Against whom: `any`, `any except …`, or the adversaries listed (abbreviations). */
  against: string;
  treaties: string[];
}

export interface SweepRange {
  from: number;
  to: number;
  obligations?: readonly SweepObligation[];
}

/**
 * The unconditional form: for every year and directed pair, whether A owes B each obligation,
 * and against whom. Rows sorted by year, holder code, beneficiary code, obligation.
 */
/** The years of a sweep: whole years of the range every edge takes, `to` not before `from`. */
function checkYears(range: { from: number; to: number }): void {
  wholeOption('from', range.from, YEARS, range.from);
  wholeOption('to', range.to, YEARS, range.to);
  if (range.to < range.from)
    throw new CasusError('input.bad-option', `to (${range.to}) comes before from (${range.from})`, undefined, 'to');
}

export function sweepDyads(model: SweepModel, range: SweepRange, onYear?: (year: number) => void): DyadYear[] {
  checkYears(range);
  const wanted = new Set(range.obligations ?? SWEEP_OBLIGATIONS);
  const rows: DyadYear[] = [];
  const code = (a: string) => model.ccode.get(a) ?? 0;
  for (let year = range.from; year <= range.to; year++) {
    const idle = new Map<string, { h: string; b: string; o: SweepObligation; treaty: string }>();
    const acc = new Map<
      string,
      { bound: boolean; any: Tri; named: Map<string, Tri>; treaties: Set<string>; h: string; b: string; o: SweepObligation }
    >();
    let system: string[] | undefined;
    for (const inst of model.instances) {
      if (!wanted.has(inst.obligation)) continue;
      const bound = boundInYear(inst, year);
      if (bound === F) continue;
      let other: Tri;
      let named: ReadonlyMap<string, Tri>;
      if (inst.standing) {
        other = yearValue(model, inst, OTHER, year);
        named = new Map();
      } else if (inst.symmetric) {
        const m = adversaryMap(model, inst);
        other = and3(bound, m.other);
        named = new Map([...m.named].map(([s, v]) => [s, and3(bound, v)]));
      } else {
        system ??= systemIn(model, year);
        const m = new Map<string, Tri>();
        for (const s of system) m.set(s, yearValue(model, inst, s, year));
        other = F;
        named = m;
      }
      const exists = other !== F || [...named.entries()].some(([s, v]) => v !== F && s !== inst.holder && s !== inst.beneficiary);
      const key = `${inst.holder}|${inst.beneficiary}|${inst.obligation}`;
      if (!exists) {
        // In force, but no state other than the pair could trigger it (the adversaries it names are the pair itself).
        if (!acc.has(key) && !idle.has(key))
          idle.set(key, { h: inst.holder, b: inst.beneficiary, o: inst.obligation, treaty: inst.treaty });
        continue;
      }
      idle.delete(key);
      const a = acc.get(key) ?? {
        bound: false,
        any: F as Tri,
        named: new Map<string, Tri>(),
        treaties: new Set<string>(),
        h: inst.holder,
        b: inst.beneficiary,
        o: inst.obligation,
      };
      a.treaties.add(inst.treaty);
      if (other === T || [...named.values()].includes(T)) a.bound = true;
      if (other !== F) a.any = a.any === T || other === T ? T : U;
      for (const [s, v] of named)
        if (s !== inst.holder && s !== inst.beneficiary)
          a.named.set(s, v === T || a.named.get(s) === T ? T : v === U || a.named.get(s) === U ? U : F);
      acc.set(key, a);
    }
    for (const a of acc.values()) {
      let against: string;
      if (a.any !== F) {
        const except = [...a.named.entries()]
          .filter(([, v]) => v === F)
          .map(([s]) => s)
          .sort();
        against = except.length > 0 ? `any except ${except.join(' ')}` : 'any';
      } else {
        against = [...a.named.entries()]
          .filter(([, v]) => v !== F)
          .map(([s]) => s)
          .sort()
          .join(' ');
      }
      if (a.o === 'nonagg') against = a.b;
      rows.push({
        holder: a.h,
        beneficiary: a.b,
        year,
        obligation: a.o,
        status: a.bound ? 'bound' : 'conditional',
        against,
        treaties: [...a.treaties].sort(),
      });
    }
    for (const [key, i] of idle) {
      if (acc.has(key)) continue;
      rows.push({ holder: i.h, beneficiary: i.b, year, obligation: i.o, status: 'untriggerable', against: '', treaties: [i.treaty] });
    }
    onYear?.(year);
  }
  const order = new Map(SWEEP_OBLIGATIONS.map((o, i) => [o, i]));
  return rows.sort(
    (p, q) =>
      p.year - q.year ||
      code(p.holder) - code(q.holder) ||
      code(p.beneficiary) - code(q.beneficiary) ||
      (order.get(p.obligation) as number) - (order.get(q.obligation) as number),
  );
}

/** One (attacker, target, year, defender) of the conditional form, passed without allocating. */
export type CommitmentSink = (
  attacker: string,
  target: string,
  year: number,
  defender: string,
  status: 'bound' | 'conditional',
  treaties: readonly string[],
) => void;

const or3 = (a: Tri, b: Tri): Tri => (a === T || b === T ? T : a === U || b === U ? U : F);

/** A defender of one target in one year: its instances combined (a state bound by two treaties is bound). */
interface Defender {
  holder: string;
  other: Tri;
  named: Map<string, Tri>;
  /** The value per attacker index (other, overwritten by named), filled once per year. */
  values?: Uint8Array;
  /** Instances outside the symmetric fragment, evaluated per attacker. */
  slow: SweepInstance[];
  treaties: string[];
}

/**
 * Whether an instance answers the conditional form's question, an aggression: for defence (and any
 * obligation whose beneficiary is attacked) by the attacker against the target; for offence, by the
 * target (the beneficiary, whose war is joined) against the attacker.
 */
function answersAttack(inst: SweepInstance, obligation: SweepObligation): boolean {
  return (
    inst.obligation === obligation &&
    inst.question?.type === 'aggression' &&
    inst.question.side === (obligation === 'offense' ? 'actor' : 'target')
  );
}

/**
 * The conditional form: for every year, every attacker in the state system (or the one asked
 * for) and every target, which states are bound to `obligation` (defence by default) toward the
 * target against that attacker. `emit` receives the rows in order (year, attacker, target,
 * defender, by COW code); the sweep keeps nothing, so the full 1815-2003 sweep runs in constant
 * memory. Returns the number of rows and of bound rows.
 */
export function sweepAttacks(
  model: SweepModel,
  range: { from: number; to: number; obligation?: SweepObligation; attacker?: string },
  emit: CommitmentSink,
  onYear?: (year: number) => void,
): { rows: number; bound: number } {
  checkYears(range);
  const obligation = range.obligation ?? 'defense';
  const code = (a: string) => model.ccode.get(a) ?? 0;
  const byTarget = new Map<string, SweepInstance[]>();
  for (const inst of model.instances) {
    if (!answersAttack(inst, obligation)) continue;
    const list = byTarget.get(inst.beneficiary) ?? [];
    list.push(inst);
    byTarget.set(inst.beneficiary, list);
  }
  const targets = [...byTarget.keys()].sort((a, b) => code(a) - code(b));
  let rows = 0;
  let bound = 0;
  for (let year = range.from; year <= range.to; year++) {
    const attackers = range.attacker ? [range.attacker] : systemIn(model, year).sort((a, b) => code(a) - code(b));
    const attackerIndex = new Map(attackers.map((a, i) => [a, i]));
    const active: Array<{ target: string; defenders: Defender[] }> = [];
    for (const target of targets) {
      const defenders = new Map<string, Defender>();
      for (const inst of byTarget.get(target) as SweepInstance[]) {
        const inYear = boundInYear(inst, year);
        if (inYear === F) continue;
        let d = defenders.get(inst.holder);
        if (!d) {
          d = { holder: inst.holder, other: F, named: new Map(), slow: [], treaties: [] };
          defenders.set(inst.holder, d);
        }
        if (!d.treaties.includes(inst.treaty)) d.treaties.push(inst.treaty);
        if (!inst.symmetric) d.slow.push(inst);
        else {
          const m = adversaryMap(model, inst);
          const before = d.other;
          // Over the union of the named states: those only this instance names start from the defender's value for the others.
          for (const k of m.named.keys()) if (!d.named.has(k)) d.named.set(k, before);
          for (const [k, v] of d.named) d.named.set(k, or3(v, and3(inYear, m.named.get(k) ?? m.other)));
          d.other = or3(before, and3(inYear, m.other));
        }
      }
      if (defenders.size === 0) continue;
      const list = [...defenders.values()].sort((a, b) => code(a.holder) - code(b.holder));
      for (const d of list) {
        d.treaties.sort();
        const values = new Uint8Array(attackers.length).fill(d.other);
        for (const [s, v] of d.named) {
          const i = attackerIndex.get(s);
          if (i !== undefined) values[i] = v;
        }
        d.values = values;
      }
      active.push({ target, defenders: list });
    }
    for (let ai = 0; ai < attackers.length; ai++) {
      const attacker = attackers[ai] as string;
      for (const { target, defenders } of active) {
        if (target === attacker) continue;
        for (const d of defenders) {
          if (d.holder === attacker) continue;
          let v = (d.values as Uint8Array)[ai] as Tri;
          for (const inst of d.slow) {
            if (v === T) break;
            v = or3(v, yearValue(model, inst, attacker, year));
          }
          if (v === F) continue;
          rows++;
          if (v === T) bound++;
          emit(attacker, target, year, d.holder, v === T ? 'bound' : 'conditional', d.treaties);
        }
      }
    }
    onYear?.(year);
  }
  return { rows, bound };
}

/** What the engine's one-event scenario would owe, as the sweep answers it: one holder of an obligation toward a beneficiary. */
export interface SweepAnswer {
  norm: string;
  holder: string;
  beneficiary: string;
  obligation: SweepObligation;
  value: Tri;
}

/**
 * The sweep's answer to one question on one day: if `by` did an act of `type` against `against`,
 * which instances of the model would bind, and how (true: bound; unknown: conditional). Every
 * instance whose question that act is: the beneficiary attacked (`against`) by the adversary
 * (`by`), or, for an offensive pledge, the beneficiary (`by`) attacking the adversary.
 */
export function sweepAnswer(model: SweepModel, act: { type: string; by: string; against: string; day: number }): SweepAnswer[] {
  const out: SweepAnswer[] = [];
  for (const inst of model.instances) {
    const q = inst.question;
    if (!q || q.type !== act.type) continue;
    const adversary =
      q.side === 'target' ? (inst.beneficiary === act.against ? act.by : undefined) : inst.beneficiary === act.by ? act.against : undefined;
    if (adversary === undefined) continue;
    const value = instanceValue(model, inst, adversary, act.day);
    if (value !== F)
      out.push({ norm: inst.norm.id, holder: inst.holder, beneficiary: inst.beneficiary, obligation: inst.obligation, value });
  }
  return out;
}

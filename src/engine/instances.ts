import type { Event } from '../base/event.js';
import { ACT_TYPES } from '../base/event-types.js';
import { addDuration, compareDates, fromDayNumber, type PartialDate } from '../base/partial-date.js';
import { and3, F, T, type Tri, triWord, U } from '../base/tri.js';
import type { Corpus, Norm, Treaty } from '../corpus/treaty.js';
import { patternMatches } from '../corpus/vocabulary.js';
import type { EventPattern, Expr, NormDef } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import { type Alt, makePattern, minimise, NO_ALTS, productAlts, TRUE_ALTS, vetoesOf } from './alternatives.js';
import {
  admissibleRoles,
  type BindingOptions,
  bindingEnd,
  bindingSpans,
  canOwe,
  forbidsAboutThirdState,
  type LeagueRecords,
  openStatus,
  performsAgainst,
  treatyBindsPair,
} from './binding.js';
import type { CompiledPattern, FastContext, Frame } from './compile.js';
import { SLOT } from './compile.js';
import { type CompiledNorm, compileNorm, conditionEventTypes } from './compile-norm.js';
import { eventOut } from './event-out.js';
import { type Context, cond, type Result } from './interpret.js';
import type { Explanation, NormInstance, NormStatus, PatternOut } from './report.js';
import { firstAfter, type TimelineIndex } from './timeline-index.js';
import { statusAt, type TreatyLife } from './treaty-status.js';
import { asSet, bare, type Value, wherePattern } from './values.js';

/**
 * The day a standing norm starts to bind a pair: the treaty's entry into force, or the later
 * day on which the holder (or a party beneficiary) acceded.
 */
function standingStart(life: TreatyLife, c: { holder: string; beneficiary: string }): PartialDate | undefined {
  if (!life.entry) return undefined;
  let start = life.entry;
  for (const s of [c.holder, c.beneficiary]) {
    const from = life.members.get(s)?.from;
    if (from && compareDates(from, start) > 0) start = from;
  }
  return start;
}

const UNSURE = 'the record does not settle whether the treaty was in force on the trigger’s date';

const FINAL: ReadonlySet<NormStatus> = new Set(['void', 'not-triggered', 'fulfilled', 'breached', 'discharged']);

/** An instance the timeline touches: its norm, roles, trigger, and the slots its compiled conditions read. */
export interface Candidate {
  norm: Norm;
  treaty: Treaty;
  compiled: CompiledNorm;
  holder: string;
  beneficiary: string;
  counterparty?: string;
  trigger?: Event;
  /** The instance's slots for the compiled conditions (roles, trigger, then bound variables). */
  frame: Frame;
  /** The day it stops binding, worked out once for a start day. */
  end?: { start: number; value: { date: PartialDate; why: 'state' | 'treaty' } | undefined };
}

/** Where an instance stands after its walk through the timeline. */
export interface Walk {
  status: NormStatus;
  since: PartialDate;
  /** The event that put the instance in its final status (performance, breach, end). */
  decisive?: Event;
  note?: string;
  /** Held back only because the record does not settle whether the treaty bound on the trigger's date. */
  uncertainForce?: boolean;
  /** Why it stopped binding, when the binding rule ended it: its holder ceased to be a state, or the treaty ended for the pair. */
  endedBy?: 'state' | 'treaty';
}

/**
 * The instances of the corpus's norms under one timeline, and their walks: what `evaluate`
 * reports, and what the sweeps and cascades ask of single hypothetical events. One per timeline;
 * it caches the statuses `status of` conditions ask.
 */
export class InstanceEngine {
  private readonly statusCache = new Map<string, { statuses: string[]; missing: Alt[] }>();
  private readonly touchedCache = new Map<number, ReadonlyMap<string, ReadonlySet<string>>>();

  private readonly league: LeagueRecords;

  constructor(
    readonly corpus: Corpus,
    readonly index: TimelineIndex,
    readonly lives: ReadonlyMap<string, TreatyLife>,
    readonly options: BindingOptions = {},
  ) {
    this.league = (state) => index.leagueRecord(state);
  }

  /** Whether the treaty binds an instance's pair on a day (the binding module's rule, the timeline's League record). */
  private bindsPair(life: TreatyLife, c: { holder: string; beneficiary: string }, d: PartialDate): Tri {
    return treatyBindsPair(life, c.holder, c.beneficiary, d, this.league);
  }

  /** The interpreter's context (the slow path, for explanations and alternatives). */
  context(treaty: Treaty, provision: string, at: PartialDate, explain: boolean, alternatives: boolean, depth = 0): Context {
    return {
      corpus: this.corpus,
      index: this.index,
      at,
      treaty,
      provision,
      explain,
      alternatives,
      depth,
      status: (normId, holder, beneficiary, when) => this.statusOf(normId, holder, beneficiary, when, depth + 1, true),
    };
  }

  /** The compiled closures' context (the fast path). */
  fast(at: PartialDate, depth: number, open = false): FastContext {
    return {
      index: this.index,
      at,
      corpus: this.corpus,
      open,
      status: (normId, holder, beneficiary, when) => this.statusOf(normId, holder, beneficiary, when, depth + 1, false),
    };
  }

  /** The names the interpreter sees for an instance, built only when it is asked to explain. */
  envOf(c: Candidate): Map<string, Value> {
    const env = new Map<string, Value>([
      ['parties', (this.lives.get(c.treaty.slug) as TreatyLife).parties],
      ['holder', c.holder],
      ['beneficiary', c.beneficiary],
    ]);
    if (c.counterparty) env.set('counterparty', c.counterparty);
    if (c.trigger && c.norm.def.trigger) env.set('trigger', c.trigger).set(c.norm.def.trigger.variable, c.trigger);
    return env;
  }

  /** Every instance of a norm that the timeline (up to `at`) touches; with `only`, those of one pair. */
  candidates(norm: Norm, at: PartialDate, depth = 0, only?: { holder: string; beneficiary: string }): Candidate[] {
    const treaty = this.corpus.treaties.get(norm.treaty) as Treaty;
    const compiled = compileNorm(norm, this.corpus);
    const def = norm.def;
    const life = this.lives.get(treaty.slug) as TreatyLife;
    const out: Candidate[] = [];
    const frameFor = (holder: string, beneficiary: string, trigger?: Event): Frame => {
      const frame: Frame = new Array(compiled.frameSize);
      frame[SLOT.holder] = holder;
      frame[SLOT.beneficiary] = beneficiary;
      frame[SLOT.parties] = life.parties;
      frame[SLOT.trigger] = trigger;
      return frame;
    };
    if (def.trigger) {
      const signed = life.history[0];
      for (const ev of this.index.byType(def.trigger.eventType)) {
        if (ev.date.lo > at.lo) break;
        // A treaty not yet signed at the trigger is not touched by it: no instance at all.
        // A treaty not yet signed at the trigger is not touched by it, unless the norm reacts to
        // a situation that lasts (it has an `ends by`) and the treaty was signed by the instant.
        if (!signed || signed.at.lo > (def.endsBy ? at.lo : ev.date.lo)) continue;
        const x = this.fast(ev.date, depth);
        for (const [holder, beneficiary] of this.pairs(life, compiled, frameFor('', '', ev), x)) {
          if (only && (holder !== only.holder || beneficiary !== only.beneficiary)) continue;
          const frame = frameFor(holder, beneficiary, ev);
          if (compiled.triggerWhere && compiled.triggerWhere(frame, x) === F) continue;
          const cp = compiled.counterparty?.(frame, x);
          // A holder is never bound against itself, nor a beneficiary helped against itself.
          if (!admissibleRoles(holder, beneficiary, typeof cp === 'string' ? cp : undefined)) continue;
          if (typeof cp === 'string') frame[SLOT.counterparty] = cp;
          out.push({
            norm,
            treaty,
            compiled,
            holder,
            beneficiary,
            ...(typeof cp === 'string' ? { counterparty: cp } : {}),
            trigger: ev,
            frame,
          });
        }
      }
      return out;
    }
    // A standing norm (a prohibition without trigger) is touched by any event that
    // involves both its holder and its beneficiary: the report then says whether it held. One
    // about a third state ("no party shall attack Romania") is touched, toward every other
    // party, by any forbidden act of its holder (binding.ts: forbidsAboutThirdState).
    if (!life.entry || life.entry.lo > at.lo) return out;
    const touched = forbidsAboutThirdState(def) ? this.actorsWithParties(def, life, at) : this.touchedPairs(at);
    // Each party toward each other (Kellogg-Briand's 61 parties): walk the touched pairs, in
    // the order of the treaty's parties, rather than every pair of parties.
    const pairs =
      !compiled.holders || !compiled.beneficiaries
        ? life.parties.flatMap((h) => {
            const partners = touched.get(h);
            return partners ? life.parties.filter((b) => partners.has(b)).map((b): [string, string] => [h, b]) : [];
          })
        : this.pairs(life, compiled, frameFor('', ''), this.fast(at, depth)).filter(([h, b]) => touched.get(h)?.has(b));
    for (const [holder, beneficiary] of pairs) {
      if (only && (holder !== only.holder || beneficiary !== only.beneficiary)) continue;
      out.push({ norm, treaty, compiled, holder, beneficiary, frame: frameFor(holder, beneficiary) });
    }
    return out;
  }

  /**
   * For a prohibition about a third state: each party that some act of a forbidden type up to `at`
   * involves, with every other party, if the act has the states the pattern names (`x.against =
   * ROM`); and the touched pairs, as touchedPairs gives them.
   */
  private actorsWithParties(def: NormDef, life: TreatyLife, at: PartialDate): ReadonlyMap<string, ReadonlySet<string>> {
    const out = new Map<string, ReadonlySet<string>>(this.touchedPairs(at));
    const parties = new Set(life.parties);
    const p = def.forbids as EventPattern;
    const named = wherePattern(p.where, p.variable).fixed.flatMap(([field, x]) => {
      const v = bare(x);
      return v.kind === 'state' ? [[field, v.code] as const] : [];
    });
    for (const e of this.index.byType(p.eventType)) {
      if (e.date.lo > at.lo) break;
      if (!named.every(([field, code]) => e.fields[field] === code)) continue;
      for (const s of involved(e)) {
        if (parties.has(s)) out.set(s, new Set([...(out.get(s) ?? []), ...life.parties.filter((p) => p !== s)]));
      }
    }
    return out;
  }

  /** For each state, the others some event up to `at` involves together with it; computed once per instant. */
  private touchedPairs(at: PartialDate): ReadonlyMap<string, ReadonlySet<string>> {
    const cached = this.touchedCache.get(at.lo);
    if (cached) return cached;
    const partners = new Map<string, Set<string>>();
    for (const e of this.index.events) {
      if (e.date.lo > at.lo) continue;
      const states = involved(e);
      for (const a of states) {
        for (const b of states) {
          if (a === b) continue;
          const set = partners.get(a) ?? new Set<string>();
          set.add(b);
          partners.set(a, set);
        }
      }
    }
    this.touchedCache.set(at.lo, partners);
    return partners;
  }

  private pairs(life: TreatyLife, compiled: CompiledNorm, frame: Frame, x: FastContext): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    if (!compiled.holders || !compiled.beneficiaries) {
      for (const h of life.parties) for (const b of life.parties) if (h !== b) out.push([h, b]);
      return out;
    }
    for (const h of asSet(compiled.holders(frame, x)) ?? []) {
      frame[SLOT.holder] = h;
      for (const b of asSet(compiled.beneficiaries(frame, x)) ?? []) if (h !== b) out.push([h, b]);
    }
    return out;
  }

  /** Walks the instance through every date on which something happened, up to `at`. */
  walk(c: Candidate, at: PartialDate, depth = 0): Walk {
    const life = this.lives.get(c.treaty.slug) as TreatyLife;
    let start = c.trigger?.date ?? standingStart(life, c);
    if (c.trigger && start) start = this.continuingFrom(c, life, start, at);
    else if (start) start = this.firstBound(life, c, start, at);
    if (!start) return { status: 'void', since: at, note: `${c.treaty.slug} never entered into force by ${at.text}` };
    let w = this.walkFrom(c, life, start, at, depth);
    // A standing undertaking binds again once its holder is a state again (Ethiopia in 1941): the
    // report gives the present spell, unless the last one ended in a breach.
    while (!c.trigger && w.endedBy === 'state' && (w.status === 'fulfilled' || w.status === 'discharged')) {
      const since = w.since.lo;
      const again = bindingSpans(this.corpus, life, c.holder, c.beneficiary, this.options, this.league).find((x) => x.lo > since);
      if (!again || again.lo > at.lo) break;
      const restart = fromDayNumber(again.lo);
      const next = this.walkFrom(c, life, restart, at, depth);
      w = next.note
        ? next
        : {
            ...next,
            note: `bound again from ${restart.text}, when ${c.holder} was again a state (it had ceased to be one on ${w.since.text})`,
          };
    }
    return w;
  }

  /** The walk from a given start: void if the treaty or the holder cannot bind then, else each checkpoint up to `at`. */
  private walkFrom(c: Candidate, life: TreatyLife, start: PartialDate, at: PartialDate, depth: number): Walk {
    if (!life.parties.includes(c.holder)) {
      return { status: 'void', since: start, note: `${c.holder} is not a party to ${c.treaty.slug}` };
    }
    // A vanished state can owe nothing; what is owed to it is not discharged by its
    // disappearance (an aggressor does not escape its prohibition by annexing the victim).
    const exists = canOwe(this.corpus, c.holder, start, this.options);
    if (exists === F) {
      return {
        status: 'void',
        since: start,
        note: `${c.holder} was not an independent state on ${start.text} (outside the COW state system, occupied or annexed, with no recognised government in exile), so ${c.treaty.slug} could not bind it`,
      };
    }
    const binding = this.bindsPair(life, c, c.trigger ? start : at);
    if (binding === F) {
      const s = statusAt(life, start);
      const entry = life.entry ? `; it entered into force on ${life.entry.text}` : '';
      const end = life.end && life.end.lo <= start.lo ? `; it ended on ${life.end.text}` : '';
      return { status: 'void', since: start, note: `${c.treaty.slug} was ${s.status}, not in force, on ${start.text}${end || entry}` };
    }
    const unsure = and3(exists, binding) === U;
    let current: Walk | undefined;
    for (const day of this.checkpoints(c, life, start, at)) {
      const t = fromDayNumber(day);
      let next = this.step(c, life, t, start, current, depth);
      // Whether the treaty bound on the trigger's date is unknown (a partial date of entry
      // into force): nothing can be more than pending until the record settles it.
      if (unsure && next.status === 'due') next = { status: 'pending', since: next.since, note: UNSURE, uncertainForce: true };
      if (!current || next.status !== current.status) current = next;
      if (FINAL.has(current.status)) break;
    }
    return current as Walk;
  }

  /**
   * A day as the record knows it: the walk steps through days, so a status that changed with an
   * event dated only `1939-03` would read `1939-03-01`; it is reported as the event's own date,
   * unless an event dated that exact day also happened then.
   */
  private dayText(d: PartialDate): string {
    if (d.hi - d.lo !== 1) return d.text;
    let partial: string | undefined;
    for (const e of this.index.events) {
      if (e.date.lo !== d.lo) continue;
      if (e.date.hi - e.date.lo === 1) return d.text;
      partial ??= e.date.text;
    }
    return partial ?? d.text;
  }

  /**
   * A treaty does not reach back before its entry into force, except to a situation that still
   * exists then (Vienna Convention on the Law of Treaties, Art. 28). A norm with an `ends by`
   * reacts to such a situation (a war, until peace): if its trigger came before the treaty bound
   * the pair, and the situation had not ended by then, the instance starts on the day it did
   * (the Sino-Soviet pact of 21 August 1937 and Japan's war on China since July).
   */
  private continuingFrom(c: Candidate, life: TreatyLife, triggered: PartialDate, at: PartialDate): PartialDate {
    const k = c.compiled;
    if (!k.endsBy || this.bindsPair(life, c, triggered) !== F) return triggered;
    const from = standingStart(life, c);
    if (!from || from.lo <= triggered.lo || from.lo > at.lo || this.bindsPair(life, c, from) === F) return triggered;
    const ended = this.firstMatch(c, k.endsBy, triggered, this.fast(fromDayNumber(from.lo - 1), 0));
    return ended ? triggered : from;
  }

  /**
   * A standing norm binds a pair from the first day the binding rule holds: a state that adhered
   * before it counted as a state (Iraq, Egypt, Haiti to Kellogg-Briand) is bound from the day it
   * did. The treaty's (or the accession's) own day if the rule holds then, or nothing holds by `at`.
   */
  private firstBound(life: TreatyLife, c: Candidate, start: PartialDate, at: PartialDate): PartialDate {
    if (canOwe(this.corpus, c.holder, start, this.options) === T) return start;
    const span = bindingSpans(this.corpus, life, c.holder, c.beneficiary, this.options, this.league).find((x) => x.hi > start.lo);
    return span && span.lo > start.lo && span.lo <= at.lo ? fromDayNumber(span.lo) : start;
  }

  /**
   * The day an instance stops binding (the binding module's rule: its treaty's end for either
   * party, a League membership's end under the Covenant, or its holder ceasing to exist as a
   * state), with the date as the record gives it, and why.
   */
  private instanceEnd(life: TreatyLife, c: Candidate, start: PartialDate): { date: PartialDate; why: 'state' | 'treaty' } | undefined {
    if (c.end !== undefined && c.end.start === start.lo) return c.end.value;
    c.end = { start: start.lo, value: this.computeEnd(life, c, start) };
    return c.end.value;
  }

  private computeEnd(life: TreatyLife, c: Candidate, start: PartialDate): { date: PartialDate; why: 'state' | 'treaty' } | undefined {
    const end = bindingEnd(this.corpus, life, c.holder, c.beneficiary, start.lo, this.league, this.options);
    if (!end) return undefined;
    const recorded = [life.members.get(c.holder)?.to, life.members.get(c.beneficiary)?.to, life.end].find((d) => d?.lo === end.day);
    return { date: recorded ?? fromDayNumber(end.day), why: end.why };
  }

  /** The days on which an instance may change: its start, every event after it, the treaty's end, the instant. */
  private checkpoints(c: Candidate, life: TreatyLife, start: PartialDate, at: PartialDate): number[] {
    const days = new Set<number>([start.lo, at.lo]);
    const events = this.index.events;
    for (let i = firstAfter(events, start.lo); i < events.length; i++) {
      const d = (events[i] as Event).date.lo;
      if (d > at.lo) break;
      days.add(d);
    }
    const end = this.instanceEnd(life, c, start)?.date;
    if (end && end.lo > start.lo && end.lo <= at.lo) days.add(end.lo);
    return [...days].filter((d) => d >= start.lo).sort((a, b) => a - b);
  }

  /**
   * For a pending instance: the day it came to wait on exactly what it waits on now (the
   * contract's example: pending since the Council's report, waiting only on the
   * approvals). What it misses can change only on a day an event its condition can see
   * happened; walking back over those days, the first one before which it missed
   * something else is the answer.
   */
  private pendingSince(c: Candidate, w: Walk, missingKey: string, at: PartialDate): PartialDate {
    const def = c.norm.def;
    if (!def.condition || w.uncertainForce) return w.since;
    const types = conditionEventTypes(c.norm, this.corpus);
    const changes = new Set<number>();
    for (const e of this.index.events) {
      if (e.date.lo > w.since.lo && e.date.lo <= at.lo && (!types || types.has(e.type))) changes.add(e.date.lo);
    }
    const env = this.envOf(c);
    for (const day of [...changes].sort((a, b) => b - a)) {
      const r = cond(def.condition, env, this.context(c.treaty, c.norm.provision, fromDayNumber(day - 1), false, true));
      if (altsKey(minimise(r.t ?? NO_ALTS)) !== missingKey) return fromDayNumber(day);
    }
    return w.since;
  }

  private step(c: Candidate, life: TreatyLife, t: PartialDate, start: PartialDate, prev: Walk | undefined, depth: number): Walk {
    const def = c.norm.def;
    const k = c.compiled;
    const x = this.fast(t, depth);
    const seenSince = (p: CompiledPattern | undefined): Event | undefined => (p ? this.firstMatch(c, p, start, x) : undefined);
    const ending = this.instanceEnd(life, c, start);
    const end = ending?.date;
    if (end && end.lo <= t.lo) {
      const wasDue = prev?.status === 'due';
      const why =
        ending.why === 'state'
          ? `${c.holder} ceased to be an independent state on ${end.text} (outside the COW state system, with no recognised government in exile)`
          : `${life.end && compareDates(life.end, end) === 0 ? c.treaty.slug : `${c.treaty.slug} (for this pair of parties)`} ceased to bind on ${end.text}`;
      if (def.normKind === 'prohibition' && wasDue)
        return { status: 'fulfilled', since: end, note: `unbroken until the end: ${why}`, endedBy: ending.why };
      return { status: 'discharged', since: end, note: why, endedBy: ending.why };
    }
    const ended = seenSince(k.endsBy);
    if (ended) {
      if (def.normKind === 'prohibition' && prev?.status === 'due') return { status: 'fulfilled', since: ended.date, decisive: ended };
      return { status: 'discharged', since: ended.date, decisive: ended };
    }
    if (def.normKind === 'prohibition') {
      const v = this.value(c, x);
      if (prev?.status === 'due' && this.lapsed(c, t, v, depth)) {
        return { status: 'fulfilled', since: t, note: 'its condition no longer holds: the prohibition ended unbroken' };
      }
      if (v !== T) return this.openStatus(c, t, v, prev, depth);
      const act = k.forbids ? this.firstMatch(c, k.forbids, start, x, true) : undefined;
      if (act) return { status: 'breached', since: act.date, decisive: act };
      return prev?.status === 'due' ? prev : { status: 'due', since: c.trigger ? t : start };
    }
    if (prev?.status !== 'due') {
      // An act counts as performance only of a duty that is owed: assistance given while the
      // condition does not hold leaves the duty pending or not triggered.
      const v = this.value(c, x);
      if (v !== T) return this.openStatus(c, t, v, prev, depth);
      const done = seenSince(k.fulfilledBy);
      if (done) {
        const since = done.date.lo >= t.lo ? done.date : t;
        return { status: 'fulfilled', since, decisive: done };
      }
      return { status: 'due', since: t };
    }
    const done = seenSince(k.fulfilledBy);
    if (done) return { status: 'fulfilled', since: done.date, decisive: done };
    {
      const refused = seenSince(k.breachedBy);
      if (refused) return { status: 'breached', since: refused.date, decisive: refused };
      if (def.deadline) {
        const limit = addDuration(prev.since, def.deadline.amount, def.deadline.unit).hi - 1;
        if (t.lo > limit) return { status: 'breached', since: fromDayNumber(limit + 1), note: 'the deadline passed without performance' };
      }
      if ((k.condition || k.triggerWhere) && this.lapsed(c, t, this.value(c, x), depth)) {
        return { status: 'discharged', since: t, note: 'its condition no longer holds, and nothing that may still happen restores it' };
      }
      return prev;
    }
  }

  /**
   * An instance's condition on a day, its trigger's own where-clause included: a trigger whose
   * character the record leaves unsettled (a League membership on a partial date) holds the
   * instance back as the condition does.
   */
  private value(c: Candidate, x: FastContext): Tri {
    const k = c.compiled;
    const tw = k.triggerWhere ? k.triggerWhere(c.frame, x) : T;
    return tw === F || !k.condition ? tw : and3(tw, k.condition(c.frame, x));
  }

  /** A norm in force whose condition has become false for good (an event that cannot be undone). */
  private lapsed(c: Candidate, t: PartialDate, v: Tri, depth: number): boolean {
    return v === F && this.value(c, this.fast(t, depth, true)) === F;
  }

  private openStatus(c: Candidate, t: PartialDate, v: Tri, prev: Walk | undefined, depth: number): Walk {
    // False now: asked optimistically (events that may still happen count as unknown),
    // is it still false? Then nothing can make it due: not-triggered.
    const status = openStatus(v, () => this.value(c, this.fast(t, depth, true)));
    if (status === 'not-triggered') return { status, since: t };
    return prev?.status === 'pending' ? prev : { status: 'pending', since: t };
  }

  /**
   * The first event since `start` (seen by the instant) that the pattern matches, or for a
   * performance, an earlier one still in effect (inEffect: a mobilisation not yet ended). The trigger
   * itself counts only for what a prohibition forbids: the attack that brings a Covenant
   * prohibition into play can be the very act it forbids; it cannot perform, breach or end a duty
   * it creates. A performance must be directed against the instance's counterparty, if it says
   * against whom (binding.ts: `performsAgainst`).
   */
  private firstMatch(c: Candidate, p: CompiledPattern, start: PartialDate, x: FastContext, trigger = false): Event | undefined {
    const performance = p === c.compiled.fulfilledBy;
    for (const e of this.index.byType(p.eventType)) {
      if (e.date.lo > x.at.lo) break;
      if ((e.date.lo < start.lo && !(performance && this.inEffect(e, start))) || (e === c.trigger && !trigger)) continue;
      if (performance && !performsAgainst(e, c.counterparty)) continue;
      c.frame[p.slot] = e;
      if (!p.where || p.where(c.frame, x) === T) return e;
    }
    return undefined;
  }

  /**
   * Whether an event that came before `start` is still in effect then: its type lasts until its
   * actor's event of another type (a mobilisation until demobilisation), and there was none between.
   */
  private inEffect(e: Event, start: PartialDate): boolean {
    const until = this.corpus.vocabulary.lasting.get(e.type);
    const by = e.fields.by;
    if (until === undefined || typeof by !== 'string') return false;
    return !this.index.byTypeAndActor(until, by).some((u) => u.date.lo >= e.date.lo && u.date.lo < start.lo && u !== e);
  }

  private statusOf(normId: string, holder: string, beneficiary: string, at: PartialDate, depth: number, withMissing: boolean) {
    const key = `${normId}|${holder}|${beneficiary}|${at.lo}|${withMissing}`;
    const cached = this.statusCache.get(key);
    if (cached) return cached;
    const found = { statuses: [] as string[], missing: NO_ALTS as Alt[] };
    this.statusCache.set(key, found);
    const [slug] = normId.split('/');
    const norm = this.corpus.treaties.get(slug as string)?.norms.find((n) => n.id === normId);
    if (norm && depth < 8) {
      for (const c of this.candidates(norm, at, depth, { holder, beneficiary })) {
        const w = this.walk(c, at, depth);
        found.statuses.push(w.status);
        if (withMissing && w.status === 'pending' && c.norm.def.condition) {
          const r = cond(c.norm.def.condition, this.envOf(c), this.context(c.treaty, c.norm.provision, at, false, true, depth));
          found.missing = minimise([...found.missing, ...(r.t ?? NO_ALTS)]);
        }
      }
    }
    return found;
  }

  /** The report entry of one instance: status, since, missing, vetoes, cites and (optionally) the explanation. */
  report(c: Candidate, at: PartialDate, explain: boolean): NormInstance {
    const w = this.walk(c, at);
    const def = c.norm.def;
    let missing: PatternOut[][] = [];
    let vetoes: string[] = [];
    let condResult: Result | undefined;
    let since = w.since;
    const atCond = w.status === 'pending' || explain;
    if (atCond && def.condition) {
      // A closed instance is explained as things stood when it closed; one that can no
      // longer be triggered, with everything recorded by the instant (it stays false).
      const when = FINAL.has(w.status) && w.status !== 'void' && w.status !== 'not-triggered' ? w.since : at;
      condResult = cond(def.condition, this.envOf(c), this.context(c.treaty, c.norm.provision, when, explain, w.status === 'pending'));
    }
    if (w.status === 'pending') {
      let alts = condResult ? minimise(condResult.t ?? NO_ALTS) : TRUE_ALTS;
      const tw = def.trigger?.where;
      if (tw) {
        // A trigger whose own character is unsettled adds what would settle it.
        const r = cond(tw, this.envOf(c), this.context(c.treaty, c.norm.provision, at, false, true));
        if (r.v !== T) alts = minimise(productAlts([r.t ?? NO_ALTS, alts]));
      }
      if (w.uncertainForce) {
        const entry = makePattern({ type: 'ratifications-exchanged', treaty: c.treaty.slug }, true);
        alts = productAlts([[[entry]], alts]);
      }
      since = this.pendingSince(c, w, altsKey(alts), at);
      alts = alts.filter((a) => a.length > 0);
      missing = alts.map((a) => a.map((p) => ({ ...p.fields }) as PatternOut));
      vetoes = vetoesOf(alts, ACT_TYPES);
    }
    const instance: NormInstance = {
      norm: c.norm.id,
      kind: def.normKind,
      holder: c.holder,
      beneficiary: c.beneficiary,
      ...(c.counterparty ? { counterparty: c.counterparty } : {}),
      action: def.action ?? (def.normKind === 'prohibition' ? 'refrain' : def.normKind),
      status: w.status,
      since: this.dayText(since),
      ...(c.trigger ? { trigger: eventOut(c.trigger) } : {}),
      missing,
      vetoes,
      cites: this.cites(c.norm),
    };
    if (explain) instance.explanation = this.explanation(c, w, condResult, at);
    return instance;
  }

  private explanation(c: Candidate, w: Walk, r: Result | undefined, at: PartialDate): Explanation {
    const def = c.norm.def;
    const life = this.lives.get(c.treaty.slug) as TreatyLife;
    const provision = c.treaty.provisions.get(c.norm.provision);
    const when = c.trigger ? this.continuingFrom(c, life, c.trigger.date, at) : at;
    const continuing = c.trigger && when !== c.trigger.date;
    const bound = and3(this.bindsPair(life, c, when), canOwe(this.corpus, c.holder, when, this.options));
    const s = statusAt(life, when);
    const children: Explanation[] = [
      {
        kind: 'treaty',
        value: triWord(bound),
        provision: c.treaty.slug,
        note:
          w.status === 'void' && w.note
            ? w.note
            : `${c.treaty.slug} was ${s.status}${s.since ? ` (since ${s.since.text})` : ''} on ${when.text}; parties ${life.parties.join(', ')}${
                continuing
                  ? `. The trigger of ${c.trigger?.date.text} came before the treaty bound this pair; the situation it began had not ended by ${when.text}, so the treaty applies to it from then (Vienna Convention on the Law of Treaties, Art. 28)`
                  : ''
              }`,
      },
    ];
    if (c.trigger && def.trigger) {
      const tw = c.compiled.triggerWhere ? c.compiled.triggerWhere(c.frame, this.fast(when, 0)) : T;
      children.push({
        kind: 'exists',
        value: triWord(tw),
        rule: `trigger: ${def.trigger.eventType} ${def.trigger.variable}${def.trigger.where ? ` where ${def.trigger.where.src ?? ''}` : ''}`,
        provision: c.norm.provision,
        events: [eventOut(c.trigger)],
      });
    }
    if (r?.x && w.status !== 'void') children.push(r.x);
    // A breach: why the act is the forbidden one, exceptions and all, as things stood when it happened.
    const forbids = def.forbids;
    if (w.status === 'breached' && w.decisive && forbids?.where && patternMatches(forbids, w.decisive.type)) {
      const env = this.envOf(c).set(forbids.variable, w.decisive);
      const x = cond(forbids.where, env, this.context(c.treaty, c.norm.provision, w.decisive.date, true, false)).x;
      if (x) children.push({ ...x, rule: `forbids: ${forbids.eventType} ${forbids.variable} where ${forbids.where.src ?? ''}` });
    }
    if (w.decisive || (w.note && w.status !== 'void')) {
      children.push({
        kind: 'fact',
        value: 'true',
        provision: c.norm.provision,
        note: w.note ?? `${w.status} by this event`,
        ...(w.decisive ? { events: [eventOut(w.decisive)] } : {}),
      });
    }
    const value: Tri = w.status === 'due' || w.status === 'fulfilled' || w.status === 'breached' ? T : w.status === 'pending' ? U : F;
    return {
      kind: 'all',
      value: triWord(value),
      rule: `${def.normKind} ${def.name}: ${c.holder} toward ${c.beneficiary}`,
      provision: c.norm.provision,
      ...(provision?.text ? { quote: provision.text } : {}),
      note: `${w.status} since ${w.since.text}`,
      children,
    };
  }

  private cites(norm: Norm): string[] {
    const out = [norm.provision];
    const seen = new Set<string>();
    const visit = (e: Expr | undefined, treaty: Treaty) => {
      if (!e) return;
      visitExpr(e, (x) => {
        if (x.kind !== 'call') return;
        const t = x.ref.treaty ? this.corpus.treaties.get(x.ref.treaty) : treaty;
        const def = t?.conditions.get(x.ref.name);
        if (!t || !def || seen.has(def.id)) return;
        seen.add(def.id);
        out.push(def.provision);
        visit(def.def.body, t);
      });
    };
    const treaty = this.corpus.treaties.get(norm.treaty) as Treaty;
    for (const ref of norm.def.cites) out.push(`${ref.treaty ?? norm.treaty}/${ref.name}`);
    visit(norm.def.condition, treaty);
    return [...new Set(out)];
  }
}

function altsKey(alts: Alt[]): string {
  return alts.map((a) => a.map((p) => p.key).join('+')).join('|');
}

/** The states an event involves: who acts, toward whom, between whom. */
function involved(e: Event): Set<string> {
  const out = new Set<string>();
  for (const k of ['by', 'against', 'to', 'between', 'dispute', 'state']) {
    const v = e.fields[k];
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) for (const x of v) out.add(x);
  }
  return out;
}

import type { Event } from '../base/event.js';
import type { PartialDate } from '../base/partial-date.js';
import { fromDayNumber } from '../base/partial-date.js';
import { and3, F, T, type Tri, U } from '../base/tri.js';
import type { Membership } from '../corpus/league.js';
import { isMemberOn, membershipEnd } from '../corpus/league.js';
import type { Corpus, Norm, Treaty } from '../corpus/treaty.js';
import { patternTypes } from '../corpus/vocabulary.js';
import type { EventPattern, Expr, NormDef } from '../language/ast.js';
import type { NormStatus } from './report.js';
import { inForceFor, type TreatyLife } from './treaty-status.js';
import { bare, wherePattern } from './values.js';

/**
 * Who is bound, to whom, against whom: the one place that decides it. The engine, the sweeps,
 * the cascades (scenario and network), the conflict search, the ATOP importer and the treaty web
 * all import these rules; none restates them.
 *
 * 1. **Roles.** A holder never owes anything toward itself, and no one is bound against the
 *    holder or the beneficiary themselves: an aggressor owes its victim no help against itself,
 *    and a state attacked by its own ally is not owed help against that ally by that ally.
 * 2. **Bound.** A treaty binds a pair on a day when it is in force for the holder and, if the
 *    beneficiary is a party, for the beneficiary too; for the Covenant of the League, a party is
 *    bound while it is a Member. The holder must also be able to owe anything at all: a state
 *    outside the state system with no recognised government in exile owes nothing (what was owed
 *    *to* it is not discharged by its disappearance). `anyMember` drops that last rule (ATOP's
 *    convention: every party bound for its whole membership), and only where a caller asks.
 * 3. **Classification.** Which of the field's five obligations (ATOP's defence, offence,
 *    neutrality, non-aggression, consultation) a norm expresses, read off its structure, not its
 *    action word; and whether performing it means entering a war.
 */

// ---------------------------------------------------------------------------------------------
// 1. Roles

/**
 * Whether an instance with these roles can exist: holder and beneficiary differ, and the
 * counterparty (the state acted against) is neither of them.
 */
export function admissibleRoles(holder: string, beneficiary: string, counterparty?: string): boolean {
  return holder !== beneficiary && counterparty !== holder && counterparty !== beneficiary;
}

/**
 * Whether an act can perform a duty held against `counterparty`: an act that says against whom it
 * is directed (`assistance {…, against: PAR}`) performs only duties against that state; one that
 * does not say performs any. Helping Bolivia against Paraguay is not helping it against Chile.
 */
export function performsAgainst(act: Event, counterparty: string | undefined): boolean {
  const against = act.fields.against;
  return counterparty === undefined || typeof against !== 'string' || against === counterparty;
}

// ---------------------------------------------------------------------------------------------
// 2. Bound

/** The treaty whose parties are bound only while Members of the League (Covenant Art. 1). */
export const LEAGUE_COVENANT = 'league-covenant';

/** Options of the binding rules. */
export interface BindingOptions {
  /** ATOP's convention: every party is bound for its whole membership, whether or not it exists as a state. */
  anyMember?: boolean;
}

/** A state's League membership record: the corpus's, or a timeline's (scenario events amend it). */
export type LeagueRecords = (state: string) => Membership | undefined;

/** League membership as the corpus records it (no scenario). */
export function corpusLeague(corpus: Corpus): LeagueRecords {
  return (state) => corpus.league.get(state);
}

/** Whether a treaty binds one of its parties on a day: in force for it, and for the Covenant a Member of the League. */
export function partyBound(life: TreatyLife, state: string, d: PartialDate, league: LeagueRecords): Tri {
  const inForce = inForceFor(life, state, d);
  return life.treaty.slug === LEAGUE_COVENANT && inForce !== F ? and3(inForce, isMemberOn(league(state), d)) : inForce;
}

/** Whether a treaty binds an instance's pair on a day: its holder, and its beneficiary too when that is a party. */
export function treatyBindsPair(life: TreatyLife, holder: string, beneficiary: string, d: PartialDate, league: LeagueRecords): Tri {
  const h = partyBound(life, holder, d, league);
  if (h === F || !life.parties.includes(beneficiary)) return h;
  return and3(h, partyBound(life, beneficiary, d, league));
}

/** Whether a state can owe anything on a day: it exists as a state, or a recognised government in exile represents it. */
export function canOwe(corpus: Corpus, state: string, d: PartialDate, options: BindingOptions = {}): Tri {
  return options.anyMember ? T : corpus.states.canBeBound(state, d);
}

/**
 * `supports(s, a)` in a rule: whether the act `s` supports the attack `a` ("attacked by Italy
 * supported by Germany"; "unless Russia supports the attacker"). It does when a state other than
 * the attacker, on the day of the attack or later, assists the attacker (`assistance {to: a.by}`,
 * against the victim if it says against whom) or attacks the victim itself (an aggression or a
 * declaration of war on `a.against`). Unknown when either is not an event.
 */
export function supportsAttack(s: unknown, a: unknown): Tri {
  if (!isEventValue(s) || !isEventValue(a)) return U;
  const { by, against } = a.fields;
  if (s.fields.by === by || s.date.lo < a.date.lo) return F;
  if (s.type === 'assistance') return s.fields.to === by && (s.fields.against === undefined || s.fields.against === against) ? T : F;
  return (s.type === 'aggression' || s.type === 'war-declaration') && s.fields.against === against ? T : F;
}

function isEventValue(v: unknown): v is Event {
  return typeof v === 'object' && v !== null && 'fields' in v && 'type' in v && 'date' in v;
}

const systemCache = new WeakMap<Corpus, Map<number, readonly string[]>>();

/**
 * `states` in a rule: every state that can be bound on the day (in the state system, or kept alive
 * by a recognised government in exile), in the states table's order. What a guarantee "towards all
 * other States" is owed to: `beneficiary states except {BEL}`.
 */
export function statesOn(corpus: Corpus, d: PartialDate): readonly string[] {
  let byDay = systemCache.get(corpus);
  if (!byDay) systemCache.set(corpus, (byDay = new Map()));
  let out = byDay.get(d.lo);
  if (!out) {
    out = corpus.states.states.filter((s) => corpus.states.canBeBound(s.abb, d) === T).map((s) => s.abb);
    byDay.set(d.lo, out);
  }
  return out;
}

/** The whole rule: the treaty binds the pair and the holder can owe. */
export function bindsOn(
  corpus: Corpus,
  life: TreatyLife,
  holder: string,
  beneficiary: string,
  d: PartialDate,
  league: LeagueRecords,
  options: BindingOptions = {},
): Tri {
  const pair = treatyBindsPair(life, holder, beneficiary, d, league);
  return pair === F ? F : and3(pair, canOwe(corpus, holder, d, options));
}

/**
 * Every day on which the binding rule can change for a pair (each end of a membership, of the
 * treaty, of the holder's spells as a state, of a League membership), sorted: the rule is
 * constant between two of them.
 */
function cutDays(corpus: Corpus, life: TreatyLife, holder: string, beneficiary: string, league: LeagueRecords): number[] {
  const cuts = new Set<number>();
  const cut = (d: PartialDate | undefined) => {
    if (!d) return;
    cuts.add(d.lo);
    cuts.add(d.hi - 1);
    cuts.add(d.hi);
  };
  for (const s of [holder, beneficiary]) {
    const m = life.members.get(s);
    cut(m?.from);
    cut(m?.to);
    if (life.treaty.slug === LEAGUE_COVENANT) {
      const record = league(s);
      cut(record?.admitted);
      if (record) cut(membershipEnd(record));
    }
  }
  cut(life.entry);
  cut(life.end);
  for (const span of corpus.states.spansOf(holder) ?? []) {
    cuts.add(span.lo);
    cuts.add(span.hi);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** A stretch of days [lo, hi) on which the binding rule has one value, true or unknown. */
export interface BindingSpan {
  lo: number;
  hi: number;
  value: Tri;
}

/**
 * The days on which `bindsOn` is true or unknown for a pair, as merged spans. Not a second
 * reading of the rule: the rule is sampled at every day on which one of its inputs can change.
 */
export function bindingSpans(
  corpus: Corpus,
  life: TreatyLife,
  holder: string,
  beneficiary: string,
  options: BindingOptions = {},
  league: LeagueRecords = corpusLeague(corpus),
): BindingSpan[] {
  const days = cutDays(corpus, life, holder, beneficiary, league);
  const out: BindingSpan[] = [];
  for (let i = 0; i < days.length; i++) {
    const lo = days[i] as number;
    const hi = days[i + 1] ?? Number.POSITIVE_INFINITY;
    const value = bindsOn(corpus, life, holder, beneficiary, fromDayNumber(lo), league, options);
    if (value === F) continue;
    const last = out.at(-1);
    if (last && last.hi === lo && last.value === value) last.hi = hi;
    else out.push({ lo, hi, value });
  }
  return out;
}

/** Why a pair stops being bound: its holder ceased to exist as a state, or the treaty (or League membership) ended for the pair. */
export interface BindingEnd {
  day: number;
  why: 'state' | 'treaty';
}

/**
 * The first day after `start` on which the rule no longer surely binds the pair (or, if it was
 * unsure on `start`, on which it surely does not), and why; undefined if none.
 */
export function bindingEnd(
  corpus: Corpus,
  life: TreatyLife,
  holder: string,
  beneficiary: string,
  start: number,
  league: LeagueRecords,
  options: BindingOptions = {},
): BindingEnd | undefined {
  const first = bindsOn(corpus, life, holder, beneficiary, fromDayNumber(start), league, options);
  for (const day of cutDays(corpus, life, holder, beneficiary, league)) {
    if (day <= start) continue;
    const d = fromDayNumber(day);
    const v = bindsOn(corpus, life, holder, beneficiary, d, league, options);
    if (v === F || (v === U && first === T)) {
      return { day, why: canOwe(corpus, holder, d, options) !== T ? 'state' : 'treaty' };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The first status of an instance

/**
 * The status an instance takes on a day when no performance, breach or end has come yet: `due`
 * if its condition holds; `not-triggered` if it is false and stays false whatever may still
 * happen (`open`, asked only then); `pending` otherwise.
 */
export function openStatus(now: Tri, open: () => Tri): Extract<NormStatus, 'due' | 'pending' | 'not-triggered'> {
  if (now === T) return 'due';
  if (now === F && open() === F) return 'not-triggered';
  return 'pending';
}

/**
 * A status as a truth value for the sweeps: owed now (due), only conditionally (pending), or not
 * (any other status: a prohibition that has run its course unbroken is `fulfilled`, and no longer binds).
 */
export function statusTruth(status: NormStatus | undefined): Tri {
  return status === 'due' ? T : status === 'pending' ? U : F;
}

// ---------------------------------------------------------------------------------------------
// 3. Classification

/** The field's five obligations, in ATOP's order and with ATOP's column names. */
export const OBLIGATIONS = ['defense', 'offense', 'neutral', 'nonagg', 'consul'] as const;
/** One of the five obligations. */
export type Obligation = (typeof OBLIGATIONS)[number];

/** What an obligation is: how casus recognises it, the action the ATOP importer writes, the words shown. */
export interface ObligationClass {
  obligation: Obligation;
  /** The `action` word the ATOP importer gives its norms (casus's own treaties use their own words). */
  action: string;
  /** Words for a reader. */
  label: string;
  /** The structure casus recognises it by. */
  rule: string;
  /** Performing it means entering a war against the counterparty. */
  war: boolean;
}

/** The one table of obligations. */
export const OBLIGATION_TABLE: Readonly<Record<Obligation, ObligationClass>> = {
  defense: {
    obligation: 'defense',
    action: 'defend',
    label: 'defence',
    rule: 'a duty, arising from an act against the beneficiary, performed by assistance to it against the counterparty',
    war: true,
  },
  offense: {
    obligation: 'offense',
    action: 'join-offensive',
    label: 'offence',
    rule: 'a duty, arising from the beneficiary’s own act against another state (the counterparty is the state acted against), performed by assistance to it against that state',
    war: true,
  },
  neutral: {
    obligation: 'neutral',
    action: 'remain-neutral',
    label: 'neutrality',
    rule: 'a prohibition, arising from a war of the beneficiary, of the holder’s assistance to the counterparty or of its war on the beneficiary',
    war: false,
  },
  nonagg: {
    obligation: 'nonagg',
    action: 'refrain-from-aggression',
    label: 'non-aggression',
    rule: 'a standing prohibition of the holder’s aggression, war, occupation or annexation against the beneficiary',
    war: false,
  },
  consul: {
    obligation: 'consul',
    action: 'consult',
    label: 'consultation',
    rule: 'a duty performed by a consultation between holder and beneficiary',
    war: false,
  },
};

/** The armed acts a non-aggression undertaking can forbid. */
const FORCE = new Set(['aggression', 'war-declaration', 'occupation', 'annexation']);

/** Whether every type a pattern matches (its own, or its class's members) is in the set. */
function allIn(p: EventPattern, set: ReadonlySet<string>): boolean {
  return patternTypes(p).every((t) => set.has(t));
}

/** The state a norm's explicit roles name for a role, when they name one state (`roles: holder FRN, …`). */
function roleState(def: NormDef | undefined, role: string): string | undefined {
  if (def?.roles?.kind !== 'explicit') return undefined;
  const e = bare(role === 'holder' ? def.roles.holder : def.roles.beneficiary);
  return e.kind === 'state' ? e.code : undefined;
}

/**
 * The fields of a pattern fixed to a role (`s.to = beneficiary` → `to` for `beneficiary`), or to the
 * one state the norm's roles name for it (`s.by = FRN` in a norm whose holder is FRN).
 */
function fixedTo(p: EventPattern | undefined, role: string, def?: NormDef): Set<string> {
  const out = new Set<string>();
  if (!p) return out;
  const literal = roleState(def, role);
  for (const [field, value] of wherePattern(p.where, p.variable).fixed) {
    const v = bare(value);
    if (v.kind === 'path' && v.head === role && v.fields.length === 0) out.add(field);
    else if (literal !== undefined && v.kind === 'state' && v.code === literal) out.add(field);
  }
  return out;
}

/**
 * Whether a standing prohibition (no trigger) forbids an act about a third state: its forbidden
 * pattern ties no field to the beneficiary ("no party shall attack Romania", owed to each other
 * party). Such a norm is touched by any forbidden act of its holder, whoever the act is against,
 * not only by events that involve its holder and its beneficiary together.
 */
export function forbidsAboutThirdState(def: NormDef): boolean {
  return !def.trigger && def.forbids !== undefined && fixedTo(def.forbids, 'beneficiary', def).size === 0;
}

/** Whether an expression is the trigger's field `field` (`a.against`, `trigger.against`). */
function isTriggerField(e: Expr | undefined, def: NormDef, field: string): boolean {
  if (!e || !def.trigger) return false;
  const v = bare(e);
  return v.kind === 'path' && (v.head === def.trigger.variable || v.head === 'trigger') && v.fields.length === 1 && v.fields[0] === field;
}

/** Whether the forbidden act's `to` is the counterparty (or the trigger's `by`, as the counterparty usually is). */
function forbidsAidTo(def: NormDef, counterpartyField: string | undefined): boolean {
  const p = def.forbids;
  if (p?.eventType !== 'assistance' || !fixedTo(p, 'holder', def).has('by')) return false;
  for (const [field, value] of wherePattern(p.where, p.variable).fixed) {
    if (field !== 'to') continue;
    const v = bare(value);
    if (v.kind === 'path' && v.head === 'counterparty') return true;
    if (counterpartyField && isTriggerField(v, def, counterpartyField)) return true;
  }
  return false;
}

const classes = new WeakMap<NormDef, Obligation | null>();

/**
 * The obligation a norm expresses, read off its structure (see OBLIGATION_TABLE), or undefined
 * for any other norm (sanctions, expulsion, a separate peace, a prohibition the trigger's own
 * actor holds, such as the Covenant's Article 10).
 */
export function obligationOf(def: NormDef): Obligation | undefined {
  const known = classes.get(def);
  if (known !== undefined) return known ?? undefined;
  const found = classify(def);
  classes.set(def, found ?? null);
  return found;
}

/** Event types whose `by` acts against their `against`: a duty against the `against` helps the actor. */
const ACTS_AGAINST = new Set(['aggression', 'war-declaration', 'threat', 'occupation', 'annexation']);

/**
 * Whether the beneficiary of a triggered norm is the state that acts in the trigger (`actor`: an
 * offensive pledge, neutrality while the partner makes war) or the state acted against (`target`:
 * defence, neutrality when the partner is attacked, consultation when it is threatened).
 */
export function triggerSide(def: NormDef): 'actor' | 'target' | undefined {
  if (!def.trigger) return undefined;
  const counterpartyField = ['by', 'against'].find((f) => isTriggerField(def.counterparty, def, f));
  const actor = fixedTo(def.trigger, 'beneficiary', def).has('by') || (allIn(def.trigger, ACTS_AGAINST) && counterpartyField === 'against');
  return actor ? 'actor' : 'target';
}

function classify(def: NormDef): Obligation | undefined {
  const counterpartyField = ['by', 'against'].find((f) => isTriggerField(def.counterparty, def, f));
  // Offence: the duty sides with the trigger's actor, against the state it acted against.
  const actorIsBeneficiary = triggerSide(def) === 'actor';
  if (def.normKind === 'duty') {
    if (def.fulfilledBy?.eventType === 'consultation') return 'consul';
    if (
      def.fulfilledBy?.eventType === 'assistance' &&
      def.trigger &&
      def.counterparty &&
      fixedTo(def.fulfilledBy, 'holder', def).has('by')
    ) {
      return actorIsBeneficiary ? 'offense' : 'defense';
    }
    return undefined;
  }
  if (def.normKind !== 'prohibition' || !def.forbids) return undefined;
  const forbidsForce = allIn(def.forbids, FORCE) && fixedTo(def.forbids, 'holder', def).has('by');
  const againstBeneficiary = fixedTo(def.forbids, 'beneficiary', def).has('against');
  if (!def.trigger) return forbidsForce && againstBeneficiary ? 'nonagg' : undefined;
  if (!def.counterparty) return undefined;
  if (forbidsAidTo(def, counterpartyField)) return 'neutral';
  if (forbidsForce && againstBeneficiary) return 'neutral';
  return undefined;
}

/** The forms of assistance short of war (`assistance {…, form: supplies}`): arms, supplies, open lines. */
export const MATERIAL_FORMS: ReadonlySet<string> = new Set(['supplies']);

/**
 * Whether performing a norm means entering a war: a defence or offence duty, unless the treaty
 * promises aid short of war (its performance is an assistance of a material form, `s.form =
 * "supplies"`: France's aid to Poland against a Soviet attack under the convention of 1921).
 */
export function isWarDuty(def: NormDef): boolean {
  const o = obligationOf(def);
  if (o === undefined || !OBLIGATION_TABLE[o].war) return false;
  const p = def.fulfilledBy;
  for (const [field, value] of p ? wherePattern(p.where, p.variable).fixed : []) {
    const v = bare(value);
    if (field === 'form' && v.kind === 'string' && MATERIAL_FORMS.has(v.value)) return false;
  }
  return true;
}

/** The obligations a treaty's norms express, in the table's order. */
export function treatyObligations(treaty: Treaty): Obligation[] {
  const found = new Set(treaty.norms.map((n) => obligationOf(n.def)).filter((o): o is Obligation => o !== undefined));
  return OBLIGATIONS.filter((o) => found.has(o));
}

/** What a treaty is, for the treaty web's edges. */
export type TreatyKind = 'mutual-assistance' | 'guarantee' | 'non-aggression' | 'neutrality' | 'consultation' | 'other';

/** The kinds in the order of the treaty web's legend, with the words shown for them. */
export const TREATY_KINDS: ReadonlyArray<{ kind: TreatyKind; label: string; rule: string }> = [
  { kind: 'mutual-assistance', label: 'mutual assistance', rule: 'a defence duty each party owes the other' },
  { kind: 'guarantee', label: 'guarantee', rule: 'a defence duty not owed both ways (guarantors, one-sided pledges)' },
  { kind: 'non-aggression', label: 'non-aggression', rule: 'a non-aggression undertaking, and no defence duty' },
  { kind: 'neutrality', label: 'neutrality', rule: 'a neutrality undertaking only' },
  { kind: 'consultation', label: 'consultation', rule: 'a duty to consult only' },
  { kind: 'other', label: 'other', rule: 'none of these (sanctions, an offensive pact, spheres of influence…)' },
];

/**
 * A treaty's kind, from its norms' obligations: any defence duty written `each party toward the
 * other` makes it mutual assistance, any other defence duty a guarantee; failing those,
 * non-aggression, then neutrality, then consultation; anything else is `other`.
 */
export function treatyKindOf(treaty: Treaty): TreatyKind {
  const defence = treaty.norms.filter((n) => obligationOf(n.def) === 'defense');
  if (defence.some((n) => n.def.roles?.kind !== 'explicit')) return 'mutual-assistance';
  if (defence.length > 0) return 'guarantee';
  const obligations = new Set(treatyObligations(treaty));
  if (obligations.has('nonagg')) return 'non-aggression';
  if (obligations.has('neutral')) return 'neutrality';
  if (obligations.has('consul')) return 'consultation';
  return 'other';
}

/** The obligation of a norm by id, for callers that hold only the id (cascades, reports). */
export function obligationOfNorm(corpus: Corpus, normId: string): Obligation | undefined {
  const [slug] = normId.split('/');
  const norm: Norm | undefined = corpus.treaties.get(slug as string)?.norms.find((n) => n.id === normId);
  return norm ? obligationOf(norm.def) : undefined;
}

/**
 * The obligation an instance expresses: its norm's, except that a non-aggression undertaking is one
 * toward a fellow party (a promise to a partner about a third state, as in a spheres-of-influence
 * protocol, is not a non-aggression pact with that state).
 */
export function instanceObligation(def: NormDef, life: TreatyLife, beneficiary: string): Obligation | undefined {
  const o = obligationOf(def);
  return o === 'nonagg' && !life.parties.includes(beneficiary) ? undefined : o;
}

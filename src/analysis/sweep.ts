import type { Event } from '../base/event.js';
import { fromDayNumber, parseDate } from '../base/partial-date.js';
import { F, T, type Tri, U } from '../base/tri.js';
import type { Corpus, Norm, Treaty } from '../corpus/treaty.js';
import type { FastContext, Frame } from '../engine/compile.js';
import { SLOT } from '../engine/compile.js';
import { type CompiledNorm, compileNorm } from '../engine/compile-norm.js';
import { indexTimeline } from '../engine/timeline-index.js';
import { treatyLife } from '../engine/treaty-status.js';
import { isSet, type Value } from '../engine/values.js';
import type { Expr } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';

/**
 * Sweeps: the field's dyad-year questions over a whole treaty library, answered from the
 * casus rules themselves. A sweep model is built once per corpus: every norm whose `action`
 * names one of ATOP's five obligations, its (holder, beneficiary) pairs, the days on which the
 * treaty binds both (lifecycle, accessions, withdrawals, and the COW state system), and its
 * compiled trigger condition. A hypothetical event (an aggression by the adversary against the
 * beneficiary, or a threat for consultation) is evaluated against it, in three-valued logic:
 * true — the holder is bound; unknown — bound only if a condition casus cannot settle holds
 * (a location, a provocation, a request…); false — not bound.
 *
 * The attacker dimension is evaluated by symmetry, not by brute force: a condition that names
 * no state-dependent predicate (no `exists`, no call, no `status of`) can tell states apart only
 * by the states it mentions, so it is evaluated once for each state it mentions and once for a
 * stand-in for all others. Conditions outside that fragment are evaluated per attacker.
 */

export const SWEEP_OBLIGATIONS = ['defense', 'offense', 'neutral', 'nonagg', 'consul'] as const;
export type SweepObligation = (typeof SWEEP_OBLIGATIONS)[number];

/**
 * Which obligation a norm's `action` expresses. The ATOP importer writes the first word of each
 * list; the others are the casus corpus's own words for the same duties.
 */
export const ACTIONS: Record<SweepObligation, readonly string[]> = {
  defense: ['defend', 'assist', 'lend-assistance', 'military-assistance'],
  offense: ['join-offensive'],
  neutral: ['remain-neutral', 'not-assist-aggressor', 'refrain-from-supporting-attacker', 'refrain-from-aiding-aggressor'],
  nonagg: ['refrain-from-aggression'],
  consul: ['consult'],
};

const OBLIGATION_OF = new Map<string, SweepObligation>(
  SWEEP_OBLIGATIONS.flatMap((o) => ACTIONS[o].map((a) => [a, o] as [string, SweepObligation])),
);

/** The stand-in for "any state the condition does not mention". */
const OTHER = '*';

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
  /** [lo, hi) day numbers on which the treaty binds both, sorted, disjoint. */
  spans: Array<{ lo: number; hi: number }>;
  /** Standing norms (non-aggression) have no adversary: they bind whenever in force. */
  standing: boolean;
  /** Filled lazily: the value per adversary (only for norms in the symmetric fragment). */
  byAdversary?: AdversaryMap;
  /** Whether the norm is in the fragment that allows evaluation by symmetry. */
  symmetric: boolean;
  /** Whether its roles are picked out by the triggering event: the pair is then tested against each hypothetical event. */
  triggerRoles: boolean;
}

export interface SweepModel {
  corpus: Corpus;
  instances: SweepInstance[];
  /** Norms with one of the five actions that the sweep cannot enumerate (a standing norm whose roles depend on an event). */
  skipped: Array<{ norm: string; why: string }>;
  /** ccode of each state, and its abbreviation by code. */
  ccode: ReadonlyMap<string, number>;
  /** COW system members as [lo, hi) spans, for the attacker universe. */
  system: ReadonlyArray<{ abb: string; spans: Array<{ lo: number; hi: number }> }>;
  /** The context compiled conditions run in: no events, optimistic (what may still happen is unknown). */
  ctx: FastContext;
  /** What a hypothetical attack's `unprovoked` field says: unknown, or as `--unprovoked` / a cascade's entries set it. */
  unprovoked: boolean | 'unknown';
}

const yearStart = new Map<number, number>();
/** The day number of 1 January of a year (cached: sweeps ask it millions of times). */
const dayOf = (y: number): number => {
  let d = yearStart.get(y);
  if (d === undefined) {
    d = parseDate(String(y).padStart(4, '0')).lo;
    yearStart.set(y, d);
  }
  return d;
};

function intersect(a: Array<{ lo: number; hi: number }>, b: ReadonlyArray<{ lo: number; hi: number }>) {
  const out: Array<{ lo: number; hi: number }> = [];
  for (const x of a)
    for (const y of b) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      if (lo < hi) out.push({ lo, hi });
    }
  return out.sort((p, q) => p.lo - q.lo);
}

/** Whether a condition can tell states apart only by the states it names (see the module comment). */
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
 * Builds the sweep model of a corpus: done once, then every sweep and year reuses it. The
 * hypothetical attacks' `unprovoked` is unknown, or true with `unprovoked`, or false with `provoked`.
 * `anyMember` drops casus's rule that only a state of the COW system (or a recognised government
 * in exile) can be bound: every party is bound for its whole membership, as ATOP counts it.
 */
export function sweepModel(corpus: Corpus, options: { unprovoked?: boolean; provoked?: boolean; anyMember?: boolean } = {}): SweepModel {
  const instances: SweepInstance[] = [];
  const skipped: SweepModel['skipped'] = [];
  const index = indexTimeline(corpus, []);
  const ctx: FastContext = {
    index,
    at: parseDate('2100'),
    corpus,
    open: true,
    status: () => ({ statuses: ['pending'] }),
  };
  const bound = new Map<string, ReadonlyArray<{ lo: number; hi: number }>>();
  const forever = [{ lo: -1e9, hi: 1e9 }];
  const boundSpans = (abb: string) => {
    let s = bound.get(abb);
    if (!s) {
      s = corpus.states.spansOf(abb) ?? forever;
      bound.set(abb, s);
    }
    return s;
  };
  for (const treaty of [...corpus.treaties.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    const norms = treaty.norms.filter((n) => n.def.action && OBLIGATION_OF.has(n.def.action));
    if (norms.length === 0) continue;
    const life = treatyLife(treaty, []);
    if (!life.entry) continue;
    const memberSpans = new Map<string, Array<{ lo: number; hi: number }>>();
    for (const [p, m] of life.members) {
      if (!m.from) continue;
      const own = [{ lo: m.from.lo, hi: m.to ? m.to.lo : 1e9 }];
      memberSpans.set(p, options.anyMember ? own : intersect(own, boundSpans(p)));
    }
    for (const norm of norms) {
      const obligation = OBLIGATION_OF.get(norm.def.action as string) as SweepObligation;
      let pairs = rolePairs(norm, treaty, life.parties, corpus, ctx);
      let triggerRoles = false;
      if (typeof pairs === 'string') {
        if (!norm.def.trigger) {
          skipped.push({ norm: norm.id, why: pairs });
          continue;
        }
        // Roles picked out by the triggering event (Locarno's guarantors: every party but the
        // two at war): every ordered pair of parties, each tested against the hypothetical event.
        triggerRoles = true;
        pairs = life.parties.flatMap((h) => life.parties.filter((b) => b !== h).map((b): [string, string] => [h, b]));
      }
      const standing = !norm.def.trigger;
      const symmetric = !triggerRoles && inSymmetricFragment(norm.def.trigger?.where) && inSymmetricFragment(norm.def.condition);
      for (const [holder, beneficiary] of pairs) {
        const h = memberSpans.get(holder);
        const b = memberSpans.get(beneficiary);
        if (!h || !b) continue;
        const spans = intersect(h, b);
        if (spans.length === 0) continue;
        instances.push({ norm, obligation, treaty: treaty.slug, holder, beneficiary, spans, standing, symmetric, triggerRoles });
      }
    }
  }
  const ccode = new Map(corpus.states.states.map((s) => [s.abb, s.ccode]));
  const system = corpus.states.states
    .filter((s) => s.spells.length > 0)
    .map((s) => ({ abb: s.abb, spans: s.spells.map((x) => ({ lo: x.from.lo, hi: x.to.hi })) }));
  const unprovoked = options.unprovoked ? true : options.provoked ? false : 'unknown';
  return { corpus, instances, skipped, ccode, system, ctx, unprovoked };
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

/** The trigger's event type for an obligation's hypothetical event. */
function hypothetical(model: SweepModel, inst: SweepInstance, adversary: string, day: number): Event {
  const t = inst.norm.def.trigger;
  const type = t?.eventType ?? 'aggression';
  // The adversary is on the other side of the beneficiary: offence triggers on the beneficiary's own war.
  const offensive = inst.obligation === 'offense';
  const fields: Record<string, string | boolean> = offensive
    ? { by: inst.beneficiary, against: adversary }
    : { by: adversary, against: inst.beneficiary };
  if (type === 'aggression') fields.unprovoked = model.unprovoked;
  return { seq: 0, date: fromDayNumber(day), type, fields };
}

/** The value of an instance for one adversary on one day: trigger condition and condition, three-valued. */
export function valueFor(model: SweepModel, inst: SweepInstance, adversary: string, day: number): Tri {
  if (inst.standing) return T;
  if (adversary === inst.holder || adversary === inst.beneficiary) return F;
  const c = compileNorm(inst.norm, model.corpus);
  const frame: Frame = new Array(c.frameSize).fill(undefined);
  const treaty = model.corpus.treaties.get(inst.treaty) as Treaty;
  frame[SLOT.holder] = inst.holder;
  frame[SLOT.beneficiary] = inst.beneficiary;
  frame[SLOT.parties] = treaty.parties;
  const event = hypothetical(model, inst, adversary, day);
  frame[SLOT.trigger] = event;
  frame[SLOT.counterparty] = adversary;
  // One context per model, its instant moved to the day (a sweep runs in one thread).
  const x = model.ctx;
  if (x.at.lo !== day || x.at.hi !== day + 1) x.at = fromDayNumber(day);
  if (inst.triggerRoles) {
    const list = (v: Value): readonly string[] => (isSet(v) ? v : typeof v === 'string' ? [v] : []);
    if (!list((c.holders as NonNullable<CompiledNorm['holders']>)(frame, x)).includes(inst.holder)) return F;
    if (!list((c.beneficiaries as NonNullable<CompiledNorm['beneficiaries']>)(frame, x)).includes(inst.beneficiary)) return F;
  }
  let v: Tri = c.triggerWhere ? c.triggerWhere(frame, x) : T;
  if (v === F) return F;
  if (c.condition) {
    const w = c.condition(frame, x);
    v = w === F ? F : v === U || w === U ? U : T;
  }
  return v;
}

/** The value per adversary of a norm in the symmetric fragment, computed once. */
function adversaryMap(model: SweepModel, inst: SweepInstance, day: number): AdversaryMap {
  if (inst.byAdversary) return inst.byAdversary;
  const mentioned = new Set<string>();
  statesNamed(inst.norm.def.trigger?.where, mentioned);
  statesNamed(inst.norm.def.condition, mentioned);
  const treaty = model.corpus.treaties.get(inst.treaty) as Treaty;
  for (const p of treaty.parties) mentioned.add(p);
  mentioned.add(inst.holder);
  mentioned.add(inst.beneficiary);
  const other = valueFor(model, inst, OTHER, day);
  const named = new Map<string, Tri>();
  for (const s of mentioned) {
    const v = valueFor(model, inst, s, day);
    if (v !== other) named.set(s, v);
  }
  inst.byAdversary = { other, named };
  return inst.byAdversary;
}

/** The first day of a year on which the instance binds, if any. */
export function dayInYear(inst: SweepInstance, year: number): number | undefined {
  const lo = dayOf(year);
  const hi = dayOf(year + 1);
  for (const s of inst.spans) if (s.lo < hi && lo < s.hi) return Math.max(lo, s.lo);
  return undefined;
}

/** The COW system members in a year (a spell overlaps it). */
export function systemIn(model: SweepModel, year: number): string[] {
  const lo = dayOf(year);
  const hi = dayOf(year + 1);
  return model.system.filter((s) => s.spans.some((x) => x.lo < hi && lo < x.hi)).map((s) => s.abb);
}

/** What an instance says about an adversary in a year; `undefined` if the instance does not bind that year. */
export function instanceValue(model: SweepModel, inst: SweepInstance, adversary: string, day: number): Tri {
  if (inst.symmetric) {
    if (adversary === inst.holder || adversary === inst.beneficiary) return F;
    const m = adversaryMap(model, inst, day);
    return m.named.get(adversary) ?? m.other;
  }
  return valueFor(model, inst, adversary, day);
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
export function sweepDyads(model: SweepModel, range: SweepRange, onYear?: (year: number) => void): DyadYear[] {
  const wanted = new Set(range.obligations ?? SWEEP_OBLIGATIONS);
  const rows: DyadYear[] = [];
  const code = (a: string) => model.ccode.get(a) ?? 0;
  for (let year = range.from; year <= range.to; year++) {
    const idle = new Map<string, { h: string; b: string; o: SweepObligation; treaty: string }>();
    const acc = new Map<
      string,
      { bound: boolean; any: Tri; named: Map<string, Tri>; treaties: Set<string>; h: string; b: string; o: SweepObligation }
    >();
    for (const inst of model.instances) {
      if (!wanted.has(inst.obligation)) continue;
      const day = dayInYear(inst, year);
      if (day === undefined) continue;
      let other: Tri;
      let named: ReadonlyMap<string, Tri>;
      if (inst.standing) {
        other = T;
        named = new Map();
      } else if (inst.symmetric) {
        const m = adversaryMap(model, inst, day);
        other = m.other;
        named = m.named;
      } else {
        const m = new Map<string, Tri>();
        for (const s of systemIn(model, year)) m.set(s, valueFor(model, inst, s, day));
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
  slow: Array<{ inst: SweepInstance; day: number }>;
  treaties: string[];
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
  const obligation = range.obligation ?? 'defense';
  const code = (a: string) => model.ccode.get(a) ?? 0;
  const byTarget = new Map<string, SweepInstance[]>();
  for (const inst of model.instances) {
    if (inst.obligation !== obligation) continue;
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
        const day = dayInYear(inst, year);
        if (day === undefined) continue;
        let d = defenders.get(inst.holder);
        if (!d) {
          d = { holder: inst.holder, other: F, named: new Map(), slow: [], treaties: [] };
          defenders.set(inst.holder, d);
        }
        if (!d.treaties.includes(inst.treaty)) d.treaties.push(inst.treaty);
        if (inst.standing) d.other = T;
        else if (!inst.symmetric) d.slow.push({ inst, day });
        else {
          const m = adversaryMap(model, inst, day);
          const keys = new Set([...d.named.keys(), ...m.named.keys()]);
          const before = d.other;
          for (const k of keys) d.named.set(k, or3(d.named.get(k) ?? before, m.named.get(k) ?? m.other));
          d.other = or3(before, m.other);
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
          for (const { inst, day } of d.slow) {
            if (v === T) break;
            v = or3(v, valueFor(model, inst, attacker, day));
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

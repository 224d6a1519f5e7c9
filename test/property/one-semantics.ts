/**
 * Property checks that hold every specialised path to the engine's answer (issue 11: one
 * semantics). Each check draws random questions from a seeded generator and returns the questions
 * on which a path and the engine disagree, in words; an empty list is agreement. `npm test` runs a
 * fixed count (test/one-semantics.test.ts); `npm run property -- --runs N` runs any number.
 *
 * - `sweepAgainstEngine`: for a random day, attacker and target, the sweep's answer (which
 *   instances bind, outright or conditionally) equals the engine's report on the one-event
 *   scenario of that attack (`evaluate`), instance by instance; the same for threats, and for
 *   standing non-aggression undertakings asked with an event that touches the pair.
 * - `yearsAgainstDays`: the sweep's conditional form for a year equals the best of its answers
 *   over every day of that year (the dyad-year reading), brute force.
 * - `networkAgainstCascade`: on random attacks, the network cascade's war (compliance 1) equals the
 *   scenario cascade's, which runs the whole engine every round.
 */

import { cascade, mulberry32 } from '../../src/analysis/cascade.js';
import { compileNetwork, networkCascade } from '../../src/analysis/network-cascade.js';
import { dayOf, type SweepModel, spanValue, sweepAnswer, sweepAttacks, valueFor } from '../../src/analysis/sweep.js';
import type { Event } from '../../src/base/event.js';
import { fromDayNumber, parseDate } from '../../src/base/partial-date.js';
import { F, T, type Tri } from '../../src/base/tri.js';
import type { Corpus } from '../../src/corpus/treaty.js';
import { instanceObligation, statusTruth, triggerSide } from '../../src/engine/binding.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Report } from '../../src/engine/report.js';
import type { Scenario } from '../../src/scenario/scenario.js';

/** A seeded source of random choices. */
export class Draw {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A whole number in [lo, hi). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo));
  }

  /** One element of a non-empty list. */
  pick<X>(xs: readonly X[]): X {
    return xs[this.int(0, xs.length)] as X;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const word = (v: Tri) => (v === T ? 'bound' : v === F ? 'not bound' : 'conditional');

/** The states a question may name on a day: the system's members, the parties of the library's treaties, and a stand-in nobody knows. */
function statesOn(model: SweepModel, day: number): string[] {
  const out = new Set<string>();
  for (const s of model.system) if (s.spans.some((x) => x.lo <= day && day < x.hi)) out.add(s.abb);
  for (const inst of model.instances) {
    out.add(inst.holder);
    out.add(inst.beneficiary);
  }
  return [...out].sort();
}

/** One question: an act by `by` against `against` on `day`. */
interface Act {
  type: string;
  by: string;
  against: string;
  day: number;
}

/** A random act: its target a state some pledge protects that day (most of the time), its author anyone. */
function drawAct(model: SweepModel, draw: Draw, span: { from: number; to: number }, type: string): Act {
  const day = draw.int(span.from, span.to);
  const active = model.instances.filter((i) => i.question?.type === type && spanValue(i, day) !== F);
  const states = statesOn(model, day);
  const target = active.length > 0 && draw.chance(0.8) ? draw.pick(active).beneficiary : draw.pick(states);
  let by = draw.pick(states);
  for (let i = 0; i < 5 && by === target; i++) by = draw.pick(states);
  return { type, by, against: target, day };
}

function actEvent(model: SweepModel, act: Act): Event {
  const fields: Record<string, string | boolean> = { by: act.by, against: act.against };
  if (act.type === 'aggression') fields.unprovoked = model.unprovoked;
  return { seq: 0, date: fromDayNumber(act.day), type: act.type, fields };
}

/** The engine's answer to an act: every instance whose question the act is, and whether it binds, as the report gives it. */
function engineAnswer(corpus: Corpus, model: SweepModel, act: Act): Map<string, Tri> {
  const report: Report = evaluate(corpus, { id: 'question', events: [actEvent(model, act)] }, fromDayNumber(act.day), {
    explain: false,
    anyMember: model.anyMember,
  });
  const out = new Map<string, Tri>();
  const swept = new Set(model.instances.map((i) => i.norm.id));
  for (const n of report.norms) {
    if (!n.trigger || !swept.has(n.norm)) continue;
    const [slug] = n.norm.split('/');
    const treaty = corpus.treaties.get(slug as string);
    const norm = treaty?.norms.find((x) => x.id === n.norm);
    const life = model.hypotheses.lives.get(slug as string);
    if (!norm || !life || !instanceObligation(norm.def, life, n.beneficiary)) continue;
    const side = triggerSide(norm.def);
    if ((side === 'target' ? act.against : act.by) !== n.beneficiary) continue;
    const v = statusTruth(n.status);
    if (v !== F) out.set(`${n.norm} ${n.holder}→${n.beneficiary}`, v);
  }
  return out;
}

function compare(what: string, engine: Map<string, Tri>, path: Map<string, Tri>, pathName: string): string[] {
  const out: string[] = [];
  for (const k of [...new Set([...engine.keys(), ...path.keys()])].sort()) {
    const e = engine.get(k) ?? F;
    const p = path.get(k) ?? F;
    if (e !== p) out.push(`${what}: ${k}: the engine says ${word(e)}, the ${pathName} ${word(p)}`);
  }
  return out;
}

const actText = (a: Act) => `${a.type} ${a.by} → ${a.against} on ${fromDayNumber(a.day).text}`;

/**
 * The sweep's answers against the engine's on `count` random questions between two years: attacks
 * (and threats) instance by instance, and standing non-aggression undertakings with an event that
 * touches the pair. Returns the disagreements.
 */
export function sweepAgainstEngine(
  corpus: Corpus,
  model: SweepModel,
  draw: Draw,
  count: number,
  years: { from: number; to: number },
): { asked: number; disagreements: string[] } {
  const span = { from: dayOf(years.from), to: dayOf(years.to + 1) };
  const disagreements: string[] = [];
  let asked = 0;
  const types = [...new Set(model.instances.map((i) => i.question?.type).filter((t): t is string => !!t))].sort();
  for (let q = 0; q < count; q++) {
    const type = types.includes('aggression') && (types.length === 1 || draw.chance(0.8)) ? 'aggression' : draw.pick(types);
    const act = drawAct(model, draw, span, type);
    const path = new Map<string, Tri>();
    for (const a of sweepAnswer(model, act)) path.set(`${a.norm} ${a.holder}→${a.beneficiary}`, a.value);
    disagreements.push(...compare(actText(act), engineAnswer(corpus, model, act), path, 'sweep'));
    asked++;
  }
  // Standing undertakings: asked with a consultation between the pair, an act that touches both.
  const standing = model.instances.filter((i) => i.standing);
  for (let q = 0; q < Math.ceil(count / 4) && standing.length > 0; q++) {
    const inst = draw.pick(standing);
    const day = draw.chance(0.7)
      ? draw.int(inst.spans[0]?.lo ?? span.from, Math.min(span.to, (inst.spans.at(-1)?.hi ?? span.to) + 400))
      : draw.int(span.from, span.to);
    const touching: Event = {
      seq: 0,
      date: fromDayNumber(day),
      type: 'consultation',
      fields: { between: [inst.holder, inst.beneficiary] },
    };
    const report = evaluate(corpus, { id: 'touch', events: [touching] }, fromDayNumber(day), {
      explain: false,
      anyMember: model.anyMember,
    });
    const found = report.norms.find((n) => n.norm === inst.norm.id && n.holder === inst.holder && n.beneficiary === inst.beneficiary);
    const e = statusTruth(found?.status);
    const p = valueFor(model, inst, '*', day);
    if (e !== p) {
      disagreements.push(
        `standing ${inst.norm.id} ${inst.holder}→${inst.beneficiary} on ${fromDayNumber(day).text}: the engine says ${word(e)} (${found?.status ?? 'no instance'}), the sweep ${word(p)}`,
      );
    }
    asked++;
  }
  return { asked, disagreements };
}

/**
 * The conditional form for a year against its days: for random (year, attacker, target), the
 * rows `sweepAttacks` gives equal, holder by holder, the best answer `sweepAnswer` gives on any
 * day of the year (defence pledges answering that attack).
 */
export function yearsAgainstDays(
  model: SweepModel,
  draw: Draw,
  count: number,
  years: { from: number; to: number },
): { asked: number; disagreements: string[] } {
  const disagreements: string[] = [];
  for (let q = 0; q < count; q++) {
    const year = draw.int(years.from, years.to + 1);
    const mid = dayOf(year) + draw.int(0, 365);
    const act = drawAct(model, draw, { from: mid, to: mid + 1 }, 'aggression');
    const rows = new Map<string, Tri>();
    sweepAttacks(model, { from: year, to: year, attacker: act.by }, (_a, target, _y, defender, status) => {
      if (target === act.against) rows.set(defender, status === 'bound' ? T : 1);
    });
    const best = new Map<string, Tri>();
    for (let day = dayOf(year); day < dayOf(year + 1); day++) {
      for (const a of sweepAnswer(model, { ...act, day })) {
        if (a.obligation !== 'defense') continue;
        if (a.value > (best.get(a.holder) ?? F)) best.set(a.holder, a.value);
      }
    }
    disagreements.push(...compare(`${act.by} attacks ${act.against} in ${year}`, best, rows, 'year sweep'));
  }
  return { asked: count, disagreements };
}

/**
 * The network cascade against the scenario cascade: on `days` random days, `perDay` random attacks
 * each, the states at war at the end (every state complying). A day is drawn where the legal
 * situation holds for the cascade's rounds (no binding span begins or ends, no rule date falls,
 * within the next `rounds` days): the network describes one day's situation.
 */
export function networkAgainstCascade(
  corpus: Corpus,
  model: SweepModel,
  draw: Draw,
  days: number,
  perDay: number,
  years: { from: number; to: number },
  scenarioOf: (text: string) => Scenario,
  named: ReadonlyArray<{ date: string; by: string; against: string }> = [],
): { asked: number; disagreements: string[] } {
  const changes = new Set<number>();
  for (const inst of model.instances) {
    for (const s of inst.spans) {
      changes.add(s.lo);
      changes.add(s.hi);
    }
    for (const d of inst.ruleDays ?? []) changes.add(d);
  }
  const calm = (day: number) => {
    for (let d = day - 1; d <= day + 21; d++) if (changes.has(d)) return false;
    return true;
  };
  const disagreements: string[] = [];
  let asked = 0;
  const span = { from: dayOf(years.from), to: dayOf(years.to + 1) };
  // The named questions first (famous attacks: the chains historians ask about), then random ones.
  const plan: Array<{ day: number; acts: Array<Act | undefined> }> = named.map((q) => {
    const day = parseDate(q.date).lo;
    return { day, acts: [{ type: 'aggression', by: q.by, against: q.against, day }] };
  });
  for (let k = 0; k < days; k++) {
    let day = draw.int(span.from, span.to);
    for (let i = 0; i < 50 && !calm(day); i++) day = draw.int(span.from, span.to);
    plan.push({ day, acts: Array.from({ length: perDay }, () => undefined) });
  }
  for (const { day, acts } of plan) {
    const date = fromDayNumber(day);
    const net = compileNetwork(corpus, date, model);
    for (const given of acts) {
      const act = given ?? drawAct(model, draw, { from: day, to: day + 1 }, 'aggression');
      if (!net.states.includes(act.by) || !net.states.includes(act.against) || act.by === act.against) continue;
      const fast = networkCascade(net, act.by, act.against);
      const text = `id: q\ntitle: q\nat: ${date.text}\nevents:\n  - {date: ${date.text}, type: aggression, by: ${act.by}, against: ${act.against}, unprovoked: true}\n`;
      const reference = cascade(corpus, scenarioOf(text), { from: parseDate(date.text) });
      const a = fast.entered.map((e) => e.state).sort();
      const b = (reference.run?.belligerents ?? []).filter((s) => s !== act.by && s !== act.against).sort();
      if (a.join(' ') !== b.join(' ')) {
        disagreements.push(`${actText(act)}: the scenario cascade brings in [${b.join(', ')}], the network [${a.join(', ')}]`);
      }
      asked++;
    }
  }
  return { asked, disagreements };
}

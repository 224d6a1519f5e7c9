import { CasusError } from '../base/casus-error.js';
import type { Event, FieldValue } from '../base/event.js';
import { NETWORK_RUNS, SEEDS, wholeOption, YEARS } from '../base/input-ranges.js';
import { fromDayNumber, type PartialDate } from '../base/partial-date.js';
import { T } from '../base/tri.js';
import type { Corpus, Norm } from '../corpus/treaty.js';
import { isWarDuty, obligationOf } from '../engine/binding.js';
import { normEventTypes } from '../engine/compile-norm.js';
import type { InstanceEngine } from '../engine/instances.js';
import { type Compliance, mulberry32 } from './cascade.js';
import { warPerformance } from './performance.js';
import { dayOf, instanceValue, type SweepInstance, type SweepModel, sweepModel, yearValue } from './sweep.js';

/**
 * Monte Carlo cascades on a compiled alliance network: the fast path of `casus cascade`
 * (`--network WHEN --attack A,T`). The scenario cascade (cascade.ts) re-evaluates the whole corpus
 * every round and is the reference for any timeline; this one answers the narrower question
 * wargamers and IR models ask a million times — one attack, through the pledges that make a state
 * enter a war — from the same rules and the same reading of an entry (analysis/performance.ts):
 *
 * - **Network.** For the day asked (or a year: a pledge counts if it binds on some day of it, the
 *   sweep's dyad-year reading), every war duty of the library (defence or offence, as
 *   engine/binding.ts classifies it) gives, for each act that can set it off (an aggression, a
 *   declaration of war) and each pair of states, the holders *bound* to enter (the engine's `due`,
 *   as the sweep model answers it). A pledge that is only conditional (a condition casus cannot
 *   settle, a League procedure not yet run) is not performed, as in the scenario cascade a
 *   `pending` duty is not.
 * - **An entry.** A defender enters *in defence of* the state attacked: it declares war on the
 *   attacker and assists its victim, and that is no aggression, so it sets off no defence pact of
 *   the attacker (only a pledge that answers a declaration of war). A joiner (an offensive pledge)
 *   enters the attacker's war and attacks: its entry is an aggression against the victim, with
 *   the first attack's `unprovoked`, which sets off the victim's defenders against it.
 * - **Pledges that wait on the cascade's own acts.** A pledge whose condition reads an assistance,
 *   a declaration of war or an aggression (the USSR's aid to Czechoslovakia waits on France's; the
 *   Anglo-Polish clause on states engaged in hostilities), or another norm's status, cannot be
 *   compiled into the matrix: after each round, the engine itself is asked about it on the run's
 *   acts so far (memoised by those acts), as the scenario cascade would ask it.
 * - **A run.** The attack puts attacker and target at war. Acts are handled round by round: each
 *   holder bound against a state, not already at war with it, decides once per counterparty:
 *   it enters with its compliance probability (a mulberry32 draw, only when 0 < p < 1). The war's
 *   size is the number of states at war at the end.
 * - **Cost.** Per run without waiting pledges: no allocation; "at war" and "decided" are stamped
 *   with the run number in preallocated arrays, so nothing is cleared between runs.
 *
 * A property test (network-cascade.test.ts) holds the network's war equal to the scenario
 * cascade's on random attacks when every state complies.
 */

/** The acts a cascade records that can set off a pledge, and their index in the network's tables. */
const ACTS = ['aggression', 'war-declaration'] as const;
type Act = (typeof ACTS)[number];

export interface Network {
  /** The day or year the network describes (`1939`, `1939-09-01`). */
  when: string;
  /** The year of `when`. */
  year: number;
  states: string[];
  /**
   * For an act of kind k (ACTS) by state a against state t: at [k][a * n + t], the holders bound to
   * enter, as a flat list: holder index, then 1 for an offence entry (joining a against t) or 0 for
   * defence (defending t against a).
   */
  entries: Int32Array[][];
  /** Number of (act, pair, holder) pledges bound outright for an aggression. */
  edges: number;
  /** Pledges that wait on the cascade's own acts: asked of the engine after each round. */
  waiting?: WaitingPledges;
}

const EMPTY = new Int32Array(0);

/** The war duties of a corpus that cannot be compiled into the matrix, and how to ask the engine about them. */
export interface WaitingPledges {
  norms: Norm[];
  /** The first day of the network (a year network: its first day). */
  day: number;
  model: SweepModel;
}

/** The event types a cascade records. */
const CASCADE_ACTS = new Set(['aggression', 'war-declaration', 'assistance']);

/** Whether a war duty's answer can depend on the cascade's own acts (beyond the act that triggers it). */
function waitsOnActs(norm: Norm, corpus: Corpus): boolean {
  const types = normEventTypes(norm, corpus);
  return types === null || [...types].some((t) => CASCADE_ACTS.has(t));
}

/**
 * Compiles the war network of a library on a day or in a year (the first attack unprovoked).
 * `model`, if given, is the library's sweep model with `unprovoked: true` (built once for many networks).
 */
export function compileNetwork(
  corpus: Corpus,
  when: number | PartialDate,
  model: SweepModel = sweepModel(corpus, { unprovoked: true }),
): Network {
  if (model.unprovoked !== true) throw new RangeError('compileNetwork: the model must take attacks as unprovoked');
  if (typeof when === 'number') wholeOption('year', when, YEARS, when);
  const year = typeof when === 'number' ? when : Number(when.text.slice(0, 4));
  const label = typeof when === 'number' ? String(when) : when.text;
  const day = typeof when === 'number' ? dayOf(when) : when.lo;
  const answer = (inst: SweepInstance, adversary: string) =>
    typeof when === 'number' ? yearValue(model, inst, adversary, year) : instanceValue(model, inst, adversary, day);
  const binds = (inst: SweepInstance) =>
    typeof when === 'number'
      ? inst.spans.some((s) => s.lo < dayOf(year + 1) && dayOf(year) < s.hi)
      : inst.spans.some((s) => s.lo <= day && day < s.hi);
  const waiting = new Map<string, Norm>();
  const active: SweepInstance[] = [];
  const involved = new Set<string>();
  for (const inst of model.instances) {
    if (!isWarDuty(inst.norm.def) || !inst.question || !(ACTS as readonly string[]).includes(inst.question.type) || !binds(inst)) continue;
    involved.add(inst.holder);
    involved.add(inst.beneficiary);
    if (waitsOnActs(inst.norm, corpus)) {
      waiting.set(inst.norm.id, inst.norm);
      continue;
    }
    active.push(inst);
  }
  // A war duty set off by an assistance, or one the sweep cannot ask, still waits on the engine.
  for (const t of corpus.treaties.values()) {
    for (const n of t.norms) {
      if (isWarDuty(n.def) && n.def.trigger?.eventType === 'assistance') waiting.set(n.id, n);
    }
  }
  const lo = dayOf(year);
  const hi = dayOf(year + 1);
  for (const s of model.system) {
    if (typeof when === 'number' ? s.spans.some((x) => x.lo < hi && lo < x.hi) : s.spans.some((x) => x.lo <= day && day < x.hi)) {
      involved.add(s.abb);
    }
  }
  const code = (a: string) => model.ccode.get(a) ?? 0;
  const states = [...involved].sort((a, b) => code(a) - code(b) || (a < b ? -1 : 1));
  const n = states.length;
  const index = new Map(states.map((s, i) => [s, i]));
  const lists = ACTS.map(() => new Array<number[] | undefined>(n * n));
  let edges = 0;
  for (const inst of active) {
    const k = ACTS.indexOf(inst.question?.type as Act);
    const offence = obligationOf(inst.norm.def) === 'offense';
    const b = index.get(inst.beneficiary) as number;
    const h = index.get(inst.holder) as number;
    for (let a = 0; a < n; a++) {
      const adversary = states[a] as string;
      if (adversary === inst.beneficiary || adversary === inst.holder) continue;
      if (answer(inst, adversary) !== T) continue;
      // Defence: the act is the adversary's against the beneficiary; offence: the beneficiary's against the adversary.
      const slot = offence ? b * n + a : a * n + b;
      const list = (lists[k] as Array<number[] | undefined>)[slot] ?? [];
      if (!list.some((x, i) => i % 2 === 0 && x === h && list[i + 1] === (offence ? 1 : 0))) {
        list.push(h, offence ? 1 : 0);
        if (k === 0) edges++;
      }
      (lists[k] as Array<number[] | undefined>)[slot] = list;
    }
  }
  const entries = lists.map((l) => Array.from(l, (x) => (x ? Int32Array.from(sortPairs(x)) : EMPTY)));
  return {
    when: label,
    year,
    states,
    entries,
    edges,
    ...(waiting.size > 0 ? { waiting: { norms: [...waiting.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), day, model } } : {}),
  };
}

/** A flat list of (holder, flag) pairs sorted by holder, then flag. */
function sortPairs(flat: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as number, flat[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs.flat();
}

export interface NetworkCascadeResult {
  /** The day or year of the network. */
  when: string;
  year: number;
  attacker: string;
  target: string;
  runs: number;
  seed: number;
  prng: 'mulberry32';
  compliance: { default: number; states: Record<string, number> };
  /** Runs in which each state entered the war as a new belligerent (the attacker and target are at war in every run). */
  entered: Array<{ state: string; runs: number; share: number }>;
  size: { histogram: Array<{ size: number; runs: number }>; mean: number; min: number; max: number };
  /** Number of states in the network, of (act, pair, holder) pledges bound outright for an aggression, and of pledges asked of the engine. */
  network: { states: number; edges: number; waiting: number };
}

/** A node of the memo of runs' acts (a trie over act ids): the waiting pledges due after each round. */
interface ActNode {
  next: Map<number, ActNode>;
  due?: Map<number, Array<{ holder: number; beneficiary: number; counterparty: number; offence: boolean }>>;
}

/** A reusable runner: buffers allocated once; a run allocates nothing unless some pledge waits on the war's acts and the memo misses. */
export class NetworkRunner {
  private readonly n: number;
  private readonly war: Int32Array;
  private readonly decided: Int32Array;
  private readonly inWar: Int32Array;
  private readonly qKind: Uint8Array;
  private readonly qBy: Int32Array;
  private readonly qAgainst: Int32Array;
  private readonly qRound: Int32Array;
  private readonly p: Float64Array;
  private readonly index: Map<string, number>;
  /** The round in which each (holder, counterparty) entered, stamped with the run. */
  private readonly enteredStamp: Int32Array;
  private readonly enteredRound: Int32Array;
  /** The run's acts as ids, in order (for the waiting pledges), and where the memo stands. */
  private readonly actIds: Float64Array;
  private acts = 0;
  private readonly root: ActNode = { next: new Map() };
  private node: ActNode = this.root;
  private stamp = 0;
  private size = 0;
  private tail = 0;
  /** Per state: runs in which it entered. */
  readonly entered: Float64Array;
  readonly sizes: Int32Array;

  constructor(
    readonly net: Network,
    compliance: Compliance | undefined,
  ) {
    const n = net.states.length;
    this.n = n;
    this.war = new Int32Array(n * n);
    this.decided = new Int32Array(n * n);
    this.inWar = new Int32Array(n);
    // Each entry queues at most two acts (a declaration, and an aggression for an offence entry).
    const cap = 2 * n * n + 2;
    this.qKind = new Uint8Array(cap);
    this.qBy = new Int32Array(cap);
    this.qAgainst = new Int32Array(cap);
    this.qRound = new Int32Array(cap);
    this.p = Float64Array.from(net.states, (s) => compliance?.states[s] ?? compliance?.default ?? 1);
    this.entered = new Float64Array(n);
    this.sizes = new Int32Array(n + 1);
    this.index = new Map(net.states.map((s, i) => [s, i]));
    this.enteredStamp = new Int32Array(n * n);
    this.enteredRound = new Int32Array(n * n);
    this.actIds = new Float64Array(net.waiting ? 3 * n * n + 3 : 0);
  }

  /** One cascade from `attacker` attacking `target` (indices); returns the war's size. */
  run(attacker: number, target: number, rand: () => number): number {
    const n = this.n;
    const s = ++this.stamp;
    const { war, inWar, qKind, qBy, qAgainst, qRound } = this;
    this.size = 0;
    war[attacker * n + target] = s;
    war[target * n + attacker] = s;
    inWar[attacker] = s;
    inWar[target] = s;
    this.size = 2;
    let head = 0;
    this.tail = 0;
    this.push(0, attacker, target, 0);
    const waiting = this.net.waiting !== undefined;
    this.acts = 0;
    this.node = this.root;
    let round = 0;
    for (;;) {
      // The acts of this round set off the compiled pledges; their entries are the next round's acts.
      while (head < this.tail && qRound[head] === round) {
        const kind = qKind[head] as number;
        const x = qBy[head] as number;
        const v = qAgainst[head++] as number;
        const list = (this.net.entries[kind] as Int32Array[])[x * n + v] as Int32Array;
        for (let i = 0; i < list.length; i += 2) {
          const d = list[i] as number;
          // Defence: against the actor, for the target; offence: against the target, for the actor.
          if (list[i + 1] === 1) this.decide(d, v, true, x, round + 1, rand);
          else this.decide(d, x, false, v, round + 1, rand);
        }
      }
      if (waiting) {
        for (const w of this.waitingDue(attacker, target, round))
          this.decide(w.holder, w.counterparty, w.offence, w.beneficiary, round + 1, rand);
      }
      if (head >= this.tail) break;
      round++;
    }
    this.sizes[this.size] = (this.sizes[this.size] as number) + 1;
    return this.size;
  }

  private push(kind: number, by: number, against: number, round: number): void {
    const t = this.tail++;
    this.qKind[t] = kind;
    this.qBy[t] = by;
    this.qAgainst[t] = against;
    this.qRound[t] = round;
  }

  /** Records an act of the run for the waiting pledges: its id (round, type, actor, beneficiary, target) and the memo's next node. */
  private act(round: number, type: number, by: number, to: number, against: number): void {
    const n = this.n;
    const id = (((round * 3 + type) * n + by) * (n + 1) + to) * n + against;
    this.actIds[this.acts++] = id;
    let next = this.node.next.get(id);
    if (!next) {
      next = { next: new Map() };
      this.node.next.set(id, next);
    }
    this.node = next;
  }

  /** A holder's decision to enter against a counterparty, once per run and counterparty. */
  private decide(d: number, cp: number, offence: boolean, beneficiary: number, round: number, rand: () => number): void {
    const n = this.n;
    const s = this.stamp;
    const k = d * n + cp;
    if (d === cp) return;
    if (this.war[k] === s || this.decided[k] === s) {
      // Entering for several states in one round is one entry with an assistance to each (as in
      // the scenario cascade); the waiting pledges may read every one of them.
      if (this.net.waiting && this.enteredStamp[k] === s && this.enteredRound[k] === round) this.act(round, 0, d, beneficiary, cp);
      return;
    }
    this.decided[k] = s;
    const pd = this.p[d] as number;
    if (pd <= 0 || (pd < 1 && rand() >= pd)) return;
    this.war[k] = s;
    this.war[cp * n + d] = s;
    // Counted once per run, when it becomes a belligerent.
    if (this.inWar[d] !== s) {
      this.inWar[d] = s;
      this.size++;
      this.entered[d] = (this.entered[d] as number) + 1;
    }
    this.push(1, d, cp, round);
    if (offence) this.push(0, d, cp, round);
    if (this.net.waiting) {
      this.enteredStamp[k] = s;
      this.enteredRound[k] = round;
      this.act(round, 0, d, beneficiary, cp);
      this.act(round, 1, d, n, cp);
      if (offence) this.act(round, 2, d, n, cp);
    }
  }

  /**
   * The pledges waiting on the war's acts that are due after `round`: the engine, asked on the
   * run's acts so far (dated as the scenario cascade dates them: the attack on the network's day,
   * round r's entries r days later), on the day after the round's acts. Memoised by the acts.
   */
  private waitingDue(
    attacker: number,
    target: number,
    round: number,
  ): Array<{ holder: number; beneficiary: number; counterparty: number; offence: boolean }> {
    const node = this.node;
    node.due ??= new Map();
    const hit = node.due.get(round);
    if (hit) return hit;
    const w = this.net.waiting as WaitingPledges;
    const states = this.net.states;
    const n = this.n;
    const types = ['assistance', 'war-declaration', 'aggression'];
    const events: Event[] = [
      {
        seq: 0,
        date: fromDayNumber(w.day),
        type: 'aggression',
        fields: { by: states[attacker] as string, against: states[target] as string, unprovoked: true },
      },
    ];
    for (let i = 0; i < this.acts; i++) {
      let id = this.actIds[i] as number;
      const against = id % n;
      id = (id - against) / n;
      const to = id % (n + 1);
      id = (id - to) / (n + 1);
      const by = id % n;
      id = (id - by) / n;
      const type = id % 3;
      const r = (id - type) / 3;
      const fields: Record<string, FieldValue> = { by: states[by] as string, against: states[against] as string };
      if (type === 0 && to < n) fields.to = states[to] as string;
      if (type === 2) fields.unprovoked = true;
      events.push({ seq: i + 1, date: fromDayNumber(w.day + r), type: types[type] as string, fields });
    }
    const at = fromDayNumber(w.day + round);
    const engine: InstanceEngine = w.model.hypotheses.engine(events);
    const out: Array<{ holder: number; beneficiary: number; counterparty: number; offence: boolean }> = [];
    for (const norm of w.norms) {
      for (const c of engine.candidates(norm, at)) {
        if (c.counterparty === undefined || !this.index.has(c.holder) || !this.index.has(c.counterparty)) continue;
        if (engine.walk(c, at).status !== 'due') continue;
        const war = warPerformance(norm.def, {
          norm: norm.id,
          holder: c.holder,
          beneficiary: c.beneficiary,
          counterparty: c.counterparty,
          ...(c.trigger ? { trigger: c.trigger.fields } : {}),
        });
        if (!war) continue;
        out.push({
          holder: this.index.get(c.holder) as number,
          beneficiary: this.index.get(c.beneficiary) ?? n,
          counterparty: this.index.get(c.counterparty) as number,
          offence: war.some((a) => a.type === 'aggression'),
        });
      }
    }
    out.sort((a, b) => a.holder - b.holder || a.counterparty - b.counterparty);
    node.due.set(round, out);
    return out;
  }
}

/** Runs `runs` cascades from one attack and summarises them. Same seed, same result. */
export function networkCascade(
  net: Network,
  attacker: string,
  target: string,
  options: { runs?: number; seed?: number; compliance?: Compliance } = {},
): NetworkCascadeResult {
  const runs = wholeOption('runs', options.runs, NETWORK_RUNS, 1);
  const seed = wholeOption('seed', options.seed, SEEDS, 1);
  const a = net.states.indexOf(attacker);
  const t = net.states.indexOf(target);
  if (a < 0 || t < 0 || a === t) {
    throw new CasusError(
      'input.unknown-state',
      `${attacker} attacking ${target}: both must be distinct states of the ${net.when} network`,
      undefined,
      a < 0 ? 'attacker' : 'target',
    );
  }
  const runner = new NetworkRunner(net, options.compliance);
  const rand = mulberry32(seed);
  for (let r = 0; r < runs; r++) runner.run(a, t, rand);
  const histogram: Array<{ size: number; runs: number }> = [];
  let total = 0;
  runner.sizes.forEach((count, size) => {
    if (count > 0) {
      histogram.push({ size, runs: count });
      total += size * count;
    }
  });
  const entered = net.states
    .map((state, i) => ({ state, runs: runner.entered[i] as number }))
    .filter((e) => e.runs > 0)
    .map((e) => ({ ...e, share: Math.round((e.runs / runs) * 10000) / 10000 }))
    .sort((x, y) => y.runs - x.runs || (x.state < y.state ? -1 : 1));
  return {
    when: net.when,
    year: net.year,
    attacker,
    target,
    runs,
    seed,
    prng: 'mulberry32',
    compliance: { default: options.compliance?.default ?? 1, states: { ...(options.compliance?.states ?? {}) } },
    entered,
    size: {
      histogram,
      mean: Math.round((total / runs) * 10000) / 10000,
      min: histogram[0]?.size ?? 0,
      max: histogram.at(-1)?.size ?? 0,
    },
    network: { states: net.states.length, edges: net.edges, waiting: net.waiting?.norms.length ?? 0 },
  };
}

/** The result for the terminal. */
export function networkCascadeText(r: NetworkCascadeResult): string {
  const lines = [
    `${r.attacker} attacks ${r.target}, ${r.when}: ${r.runs} run${r.runs > 1 ? 's' : ''} through the pledges in force (seed ${r.seed}, mulberry32)`,
    `network: ${r.network.states} states, ${r.network.edges} (attacker, target, holder) pledges bound outright by an attack${
      r.network.waiting > 0 ? `; ${r.network.waiting} pledge(s) that wait on the war's own acts, asked of the engine each round` : ''
    }`,
    'a defender enters in defence of the state attacked (no aggression: it sets off no defence pact of the attacker); a joiner of an offensive pact attacks',
    `compliance: default ${r.compliance.default}${
      Object.keys(r.compliance.states).length > 0
        ? `, ${Object.entries(r.compliance.states)
            .map(([s, p]) => `${s} ${p}`)
            .join(', ')}`
        : ''
    }`,
    '',
    r.entered.length === 0 ? 'No one else enters the war.' : 'Entered the war (share of runs):',
    ...r.entered.map((e) => `  ${e.state.padEnd(6)} ${(e.share * 100).toFixed(2).padStart(7)}%  (${e.runs})`),
    '',
    `States at war: mean ${r.size.mean}, min ${r.size.min}, max ${r.size.max}`,
    ...r.size.histogram.map((h) => `  ${String(h.size).padStart(3)} states: ${h.runs} run${h.runs > 1 ? 's' : ''}`),
  ];
  return lines.join('\n');
}

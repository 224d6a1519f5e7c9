/**
 * @module cascade
 * Cascades (issue 4, point 3): who would be dragged into a war if every treaty were kept.
 *
 * `cascade(corpus, scenario, options)` starts from the scenario's events and, round after round,
 * lets the duties that have become due be performed, then re-evaluates the corpus:
 *
 * - **Start.** The cascade starts on `options.from`, or the scenario's `at`, or its last event's
 *   date (the last day of a partial date). The scenario's events that cannot have happened by then
 *   are left out: what happens next is the cascade's to work out. Round `r` happens on the start
 *   day plus `r` days.
 * - **A round.** The engine evaluates the timeline (with `{explain: false}`) on the round's eve.
 *   Every duty instance that is `due` and was not yet handled in an earlier round is handled once:
 *   - a war duty (a defence or offence duty: engine/binding.ts classifies it) is performed by its
 *     holder *entering the war*, as analysis/performance.ts records it: on the round's day the
 *     cascade adds `assistance {by: holder, to: beneficiary, against: counterparty}` and
 *     `war-declaration {by: holder, against: counterparty}` (belligerence in defence of the
 *     beneficiary, not an aggression), and for an offence duty (joining the beneficiary's own war)
 *     also `aggression {by: holder, against: counterparty}`. The due duties of one holder against
 *     one counterparty are grouped into one entry (several treaties, several beneficiaries: one
 *     assistance event per beneficiary, one declaration, at most one aggression);
 *   - other due duties (consult, sanctions, no separate peace...) are not acts of war: they are
 *     listed in the round (`otherDuties`) but make no one a belligerent.
 *   A state already at war with the counterparty is not added again (the engine never makes a
 *   state owe war against itself). Prohibitions the round's entries breach (a resort to war that
 *   none of Locarno Art. 2's exceptions covers, a non-aggression pact's war clause...) are listed
 *   with the round (`breaches`), read from the next evaluation.
 * - **Stop.** The cascade stops after a round that adds no event (nothing new became due, or
 *   every new duty was declined), or after `maxRounds` rounds (default 20; the run then says
 *   `stopped: 'max-rounds'`).
 * - **Compliance.** By default every state performs every duty (p = 1). `options.compliance` gives
 *   per-state probabilities (and a `default` for the rest); `readCompliance` reads them from a YAML
 *   or JSON file. A holder decides *once per war*: the first time it owes entry against a
 *   counterparty it enters with its probability p, or declines (the round records it under
 *   `declined`, with p). A state that declined stays out of that war for the rest of the run: its
 *   later duties against the same counterparty are not asked again. A decline adds no event.
 * - **At war.** Two states are at war once an aggression, a war declaration or an assistance
 *   against the other is recorded between them (in the scenario or added by the cascade), until a
 *   `peace` between both. The war's *size* is the number of states at war with anyone at the end;
 *   the wars are the connected groups of states at war, each split into two sides when it can be
 *   (every state fighting only states of the other side).
 * - **Monte Carlo.** With `runs` N > 1 the cascade is run N times with one seeded PRNG
 *   (mulberry32, src/base/prng.ts; seed `options.seed`, default 1) and reports, for every state that was
 *   asked, in how many runs it entered (and against whom) or declined, and the histogram and mean
 *   of the war's size. The same seed gives byte-identical JSON. A run that draws no random number
 *   (every p consulted is 0 or 1) is the same in every run: the result then says
 *   `deterministic: true`, holds that one run, and its distribution counts it N times.
 *
 * **Cost.** Evaluating the corpus is the cost (about 0.1 s per evaluation on the full corpus).
 * Evaluations are memoised by their day and the set of events the cascade added, so runs that reach
 * the same situation share them: a Monte Carlo of N runs costs one evaluation per distinct
 * situation, not per run. A run makes at most `maxRounds` + 1 evaluations.
 *
 * The result is plain data (JSON-serialisable, keys and lists in a fixed order); `cascadeText`
 * prints it for the terminal.
 *
 * @example
 * const corpus = loadCorpus();
 * const scenario = loadScenario(readFileSync(file, 'utf8'), file, corpus);
 * const one = cascade(corpus, scenario, { from: parseDate('1939-09-01') });
 * const many = cascade(corpus, scenario, { compliance: readCompliance(text, 'p.yaml', corpus), runs: 400, seed: 7 });
 * console.log(cascadeText(many));
 */
import { CasusError, CasusErrors } from '../base/casus-error.js';
import type { Event, FieldValue } from '../base/event.js';
import { CASCADE_RUNS, MAX_ROUNDS, SEEDS, wholeOption } from '../base/input-ranges.js';
import { fromDayNumber, type PartialDate } from '../base/partial-date.js';
import { mulberry32 } from '../base/prng.js';
import { wrapLines } from '../base/wrap.js';
import { readYaml } from '../base/yaml-source.js';
import type { Corpus } from '../corpus/treaty.js';
import { evaluate, type Timeline } from '../engine/evaluate.js';
import { readingsOf } from '../engine/readings.js';
import type { NormDef } from '../language/ast.js';
import type { Scenario } from '../scenario/scenario.js';
import { warPerformance } from './performance.js';

/** Per-state probabilities of performing a duty of assistance, each in [0, 1]. */
export interface Compliance {
  /** The probability of every state not listed; 1 (everyone complies) when absent. */
  default?: number;
  /** State (COW abbreviation; names and numbers are resolved) → probability. */
  states: Readonly<Record<string, number>>;
}

/** Options of `cascade`. */
export interface CascadeOptions {
  /** Who performs what, with which probability; default: everyone performs every duty. */
  compliance?: Compliance;
  /** Monte Carlo runs (default 1). */
  runs?: number;
  /** Seed of the PRNG (an integer 0 … 2^32 - 1; default 1). */
  seed?: number;
  /** At most this many rounds per run (default 20). */
  maxRounds?: number;
  /** Start on this day: the scenario's events after it are left out. Default: the scenario's `at`, or its last event's date. */
  from?: PartialDate;
  /** Called after each run, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** A state entering a war in one round, and the duties it performs by doing so. */
export interface CascadeEntry {
  state: string;
  /** The state it goes to war against (the duties' counterparty). */
  against: string;
  /** The beneficiaries of the duties it performs. */
  onBehalfOf: string[];
  /** The norms that made its entry due. */
  norms: string[];
  /**
   * `defence`: belligerence in defence of the beneficiaries, not an aggression; `offence`: it joins
   * the beneficiaries' own war, and its entry is an aggression against the counterparty.
   */
  as: 'defence' | 'offence';
}

/** A state that owed entry into a war and did not enter (its probability drew no). */
export interface CascadeDecline extends CascadeEntry {
  /** The holder's probability of performing. */
  p: number;
}

/** Duties that became due in the cascade and are not acts of war (consult, sanctions...): one norm, toward one beneficiary. */
export interface CascadeOtherDuty {
  norm: string;
  /** The states that owe it. */
  holders: string[];
  beneficiary: string;
  counterparty?: string;
  action: string;
  /** The day it became due. */
  since: string;
}

/** A prohibition that a round's entries breached. */
export interface CascadeBreach {
  norm: string;
  holder: string;
  beneficiary: string;
  /** The readings casus chose that decide it (interpretation ids, `treaty/id`): an exception read so, say. */
  readings: string[];
}

/** One round: the duties due on its eve, and what their holders did on its day. */
export interface CascadeRound {
  round: number;
  /** The day of the round's acts. */
  date: string;
  entries: CascadeEntry[];
  declined: CascadeDecline[];
  otherDuties: CascadeOtherDuty[];
  breaches: CascadeBreach[];
  /**
   * The events by which the round's entries perform their duties (assistance, declaration of war,
   * and an aggression for an offence), as a scenario file writes them: with the scenario's events,
   * those of the rounds before a round are the timeline its duties are due on.
   */
  acts: Array<{ date: string; type: string } & Record<string, FieldValue>>;
}

/** A connected group of states at war, split into two sides where it can be. */
export interface CascadeWar {
  states: string[];
  /** Every state of one side fights only states of the other (absent when no such split exists). */
  sides?: [string[], string[]];
}

/**
 * A state whose duties put it on both sides: it entered the war against a state on whose behalf
 * it also entered (or entered on behalf of a state it also fights). Its duties conflict; both
 * are cited. A war with such a state has no two sides.
 */
export interface CascadeBothSides {
  state: string;
  /** The state it fights and fights for. */
  both: string;
  /** The entries against `both`: the norms and on whose behalf. */
  against: Array<{ round: number; norms: string[]; onBehalfOf: string[] }>;
  /** The entries on behalf of `both`: the norms and against whom. */
  for: Array<{ round: number; norms: string[]; against: string }>;
}

/** One run of the cascade. */
export interface CascadeRun {
  rounds: CascadeRound[];
  /** Everyone at war at the end, grouped into wars. */
  wars: CascadeWar[];
  /** States asked by their duties to fight on both sides, each conflict with the duties on either side. */
  bothSides: CascadeBothSides[];
  belligerents: string[];
  /** The number of states at war at the end. */
  size: number;
  /** `quiet`: a round added nothing; `max-rounds`: the bound was reached with duties still coming due. */
  stopped: 'quiet' | 'max-rounds';
}

/** How often one state was drawn into the war over the Monte Carlo runs. */
export interface CascadeStateDistribution {
  state: string;
  /** Runs in which it entered a war. */
  entered: number;
  /** entered / runs, to four decimals. */
  share: number;
  /** Runs in which it entered against each counterparty. */
  against: Record<string, number>;
  /** Runs in which it declined to enter. */
  declined: number;
}

/** The Monte Carlo distributions. */
export interface CascadeDistribution {
  /** Every state that owed entry into a war in some run, most often entering first. */
  states: CascadeStateDistribution[];
  size: { histogram: Array<{ size: number; runs: number }>; mean: number; min: number; max: number };
  /** Runs stopped by `maxRounds`. */
  maxRoundsReached: number;
}

/** What `cascade` answers. */
export interface CascadeResult {
  scenario: string;
  title: string;
  /** The day the cascade starts from (round 1 is the day after). */
  start: string;
  /** Who is at war on the start day. */
  atStart: { wars: CascadeWar[]; belligerents: string[]; size: number };
  /** The compliance used: the default and the listed states. */
  compliance: { default: number; states: Record<string, number> };
  maxRounds: number;
  runs: number;
  seed: number;
  prng: 'mulberry32';
  /** No run drew a random number: every run is the same one. */
  deterministic: boolean;
  /** How many times the corpus was evaluated (runs that reach the same situation share one evaluation). */
  evaluations: number;
  /** The run, when there is one run or every run is the same. */
  run?: CascadeRun;
  /** With runs > 1: how often each state entered, and the size of the war. */
  distribution?: CascadeDistribution;
  /** The names of the states the result mentions. */
  names: Record<string, string>;
}

/** The cascade's PRNG (src/base/prng.ts), exported here for its callers. */
export { mulberry32 };

/**
 * Reads a compliance file (YAML or JSON): a mapping from states (COW abbreviations, numbers or
 * names) to the probability, between 0 and 1, that the state performs a duty of assistance; the
 * key `default` sets it for every state not listed (1 otherwise).
 *
 * ```yaml
 * UKG: 1
 * France: 0.5
 * default: 0
 * ```
 * Every problem is a CasusError naming the file, the line and the key.
 */
export function readCompliance(text: string, file: string, corpus: Corpus): Compliance {
  const yaml = readYaml(text, file, 'input.bad-option');
  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CasusError(
      'input.bad-option',
      'a compliance file is a mapping from states to probabilities between 0 and 1, e.g. `FRN: 0.5` (and optionally `default: 1`)',
      yaml.locate([]),
    );
  }
  const errors: CasusError[] = [];
  const states: Record<string, number> = {};
  const seen = new Map<string, string>();
  let fallback: number | undefined;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const p = probability(raw);
    if (p === undefined) {
      errors.push(
        new CasusError(
          'input.bad-option',
          `a probability is a number between 0 and 1 (0.5, not 50%); got ${JSON.stringify(raw) ?? String(raw)}`,
          yaml.locate([key]),
          key,
        ),
      );
    }
    if (key === 'default') {
      fallback = p;
      continue;
    }
    let abb: string;
    try {
      abb = corpus.states.resolve(key, yaml.locate([key], true), 'input.unknown-state', key);
    } catch (e) {
      errors.push(e as CasusError);
      continue;
    }
    const earlier = seen.get(abb);
    if (earlier !== undefined) {
      errors.push(
        new CasusError(
          'input.bad-option',
          `"${key}" and "${earlier}" both name ${abb}: give each state once`,
          yaml.locate([key], true),
          key,
        ),
      );
      continue;
    }
    seen.set(abb, key);
    if (p !== undefined) states[abb] = p;
  }
  if (errors.length > 0) throw new CasusErrors(errors);
  return { ...(fallback !== undefined ? { default: fallback } : {}), states: sortedRecord(states) };
}

function probability(raw: unknown): number | undefined {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= 1 ? raw : undefined;
}

/** The duty instances due at one evaluation, and the prohibitions breached that very day. */
interface Digest {
  due: DueDuty[];
  breachedToday: CascadeBreach[];
}

interface DueDuty {
  /** Identifies the instance across evaluations: norm, roles, trigger. */
  key: string;
  norm: string;
  holder: string;
  beneficiary: string;
  counterparty?: string;
  action: string;
  since: string;
  /** The events that perform it by entering a war (a war duty with a counterparty); undefined for any other duty. */
  war?: Array<Record<string, FieldValue>>;
}

const WAR_ACTS = new Set(['aggression', 'war-declaration', 'assistance']);

/** The set of pairs of states at war, kept as `A|B` with A < B. */
class WarMap {
  readonly pairs = new Set<string>();

  static of(events: readonly Event[]): WarMap {
    const w = new WarMap();
    for (const e of events) w.apply(e);
    return w;
  }

  copy(): WarMap {
    const w = new WarMap();
    for (const p of this.pairs) w.pairs.add(p);
    return w;
  }

  apply(e: Event): void {
    if (WAR_ACTS.has(e.type)) {
      const by = e.fields.by;
      const against = e.fields.against;
      if (typeof by === 'string' && typeof against === 'string' && by !== against) this.pairs.add(pairKey(by, against));
    } else if (e.type === 'peace') {
      const between = e.fields.between;
      if (!Array.isArray(between)) return;
      for (const a of between) for (const b of between) if (a < b) this.pairs.delete(pairKey(a, b));
    }
  }

  atWar(a: string, b: string): boolean {
    return this.pairs.has(pairKey(a, b));
  }

  /** The connected groups of states at war, each split into two sides when the group allows it. */
  wars(): CascadeWar[] {
    const adj = new Map<string, string[]>();
    for (const p of [...this.pairs].sort()) {
      const [a, b] = p.split('|') as [string, string];
      (adj.get(a) ?? adj.set(a, []).get(a) ?? []).push(b);
      (adj.get(b) ?? adj.set(b, []).get(b) ?? []).push(a);
    }
    const colour = new Map<string, 0 | 1>();
    const wars: CascadeWar[] = [];
    for (const start of [...adj.keys()].sort()) {
      if (colour.has(start)) continue;
      const members: string[] = [];
      let twoSided = true;
      colour.set(start, 0);
      const queue = [start];
      while (queue.length > 0) {
        const s = queue.shift() as string;
        members.push(s);
        for (const t of adj.get(s) ?? []) {
          const c = colour.get(t);
          if (c === undefined) {
            colour.set(t, colour.get(s) === 0 ? 1 : 0);
            queue.push(t);
          } else if (c === colour.get(s)) twoSided = false;
        }
      }
      members.sort();
      const war: CascadeWar = { states: members };
      if (twoSided) war.sides = [members.filter((m) => colour.get(m) === 0), members.filter((m) => colour.get(m) === 1)];
      wars.push(war);
    }
    return wars;
  }

  belligerents(): string[] {
    const out = new Set<string>();
    for (const p of this.pairs) for (const s of p.split('|')) out.add(s);
    return [...out].sort();
  }
}

/** The states whose entries put them on both sides of a war (see CascadeBothSides), in state order. */
export function bothSides(rounds: readonly CascadeRound[]): CascadeBothSides[] {
  const entries = rounds.flatMap((r) => r.entries.map((e) => ({ ...e, round: r.round })));
  const out: CascadeBothSides[] = [];
  for (const state of [...new Set(entries.map((e) => e.state))].sort()) {
    const own = entries.filter((e) => e.state === state);
    const fought = new Set(own.map((e) => e.against));
    for (const both of [...new Set(own.flatMap((e) => e.onBehalfOf))].filter((b) => fought.has(b)).sort()) {
      out.push({
        state,
        both,
        against: own.filter((e) => e.against === both).map((e) => ({ round: e.round, norms: e.norms, onBehalfOf: e.onBehalfOf })),
        for: own.filter((e) => e.onBehalfOf.includes(both)).map((e) => ({ round: e.round, norms: e.norms, against: e.against })),
      });
    }
  }
  return out;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k] as T;
  return out;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Runs the cascade (see the module's description): one run, or `runs` seeded Monte Carlo runs.
 * Bad options (a probability outside [0, 1], an unknown state, a run count that is not a positive
 * whole number) throw a CasusError.
 */
export function cascade(corpus: Corpus, scenario: Scenario, options: CascadeOptions = {}): CascadeResult {
  const runs = wholeOption('runs', options.runs, CASCADE_RUNS, 1);
  const seed = wholeOption('seed', options.seed, SEEDS, 1);
  const maxRounds = wholeOption('maxRounds', options.maxRounds, MAX_ROUNDS, 20);
  const compliance = normaliseCompliance(corpus, options.compliance);
  const last = scenario.events[scenario.events.length - 1];
  const from = options.from ?? scenario.at ?? last?.date;
  if (!from) {
    throw new CasusError('input.bad-option', `${scenario.file}: the scenario has no events and no \`at\`: there is nothing to start from`);
  }
  const startDay = from.hi - 1;
  const base = scenario.events.filter((e) => e.date.lo <= startDay);
  const startWars = WarMap.of(base);
  const sim = new Simulation(corpus, scenario, base, startDay, startWars, compliance, maxRounds);

  const rng = mulberry32(seed);
  const first = sim.run(rng);
  options.onProgress?.(1, runs);
  const deterministic = first.draws === 0;
  const outcomes: CascadeRun[] = [first.run];
  if (!deterministic) {
    for (let i = 1; i < runs; i++) {
      outcomes.push(sim.run(rng).run);
      options.onProgress?.(i + 1, runs);
    }
  } else if (runs > 1) options.onProgress?.(runs, runs);

  const result: CascadeResult = {
    scenario: scenario.id,
    title: scenario.title,
    start: fromDayNumber(startDay).text,
    atStart: { wars: startWars.wars(), belligerents: startWars.belligerents(), size: startWars.belligerents().length },
    compliance,
    maxRounds,
    runs,
    seed,
    prng: 'mulberry32',
    deterministic,
    evaluations: sim.evaluations,
    names: {},
  };
  if (runs === 1 || deterministic) result.run = first.run;
  if (runs > 1) result.distribution = distributionOf(outcomes, deterministic ? runs : 1);
  result.names = namesOf(corpus, result);
  return result;
}

function normaliseCompliance(corpus: Corpus, c: Compliance | undefined): CascadeResult['compliance'] {
  const states: Record<string, number> = {};
  const check = (p: unknown, field: string): number => {
    const v = probability(p);
    if (v === undefined)
      throw new CasusError('input.bad-option', `a probability is a number between 0 and 1; got ${String(p)}`, undefined, field);
    return v;
  };
  const fallback = c?.default === undefined ? 1 : check(c.default, 'compliance.default');
  for (const [k, p] of Object.entries(c?.states ?? {})) {
    states[corpus.states.resolve(k, undefined, 'input.unknown-state', `compliance.${k}`)] = check(p, `compliance.${k}`);
  }
  return { default: fallback, states: sortedRecord(states) };
}

/** One cascade's fixed inputs, and the memo of evaluations shared by its runs. */
class Simulation {
  private readonly memo = new Map<string, Digest>();
  private readonly defs = new Map<string, NormDef>();
  private readonly readingCache = new Map<string, string[]>();
  /** Evaluations actually made (memo misses). */
  evaluations = 0;

  constructor(
    readonly corpus: Corpus,
    readonly scenario: Scenario,
    readonly base: readonly Event[],
    readonly startDay: number,
    readonly startWars: WarMap,
    readonly compliance: CascadeResult['compliance'],
    readonly maxRounds: number,
  ) {
    for (const t of corpus.treaties.values()) for (const n of t.norms) this.defs.set(n.id, n.def);
  }

  /** The interpretations a norm relies on, as `treaty/id`. */
  private readings(normId: string): string[] {
    let r = this.readingCache.get(normId);
    if (!r) {
      const [slug] = normId.split('/');
      const norm = this.corpus.treaties.get(slug as string)?.norms.find((n) => n.id === normId);
      r = norm ? readingsOf(norm, this.corpus).map((x) => `${x.treaty}/${x.id}`) : [];
      this.readingCache.set(normId, r);
    }
    return r;
  }

  private p(state: string): number {
    return this.compliance.states[state] ?? this.compliance.default;
  }

  /** The evaluation of the base events plus the added ones, on a day; memoised. */
  private digest(day: number, added: readonly Event[]): Digest {
    const keys = added.map(eventKey);
    const memoKey = `${day}#${[...keys].sort().join(';')}`;
    const hit = this.memo.get(memoKey);
    if (hit) return hit;
    this.evaluations++;
    // A canonical order for the added events, so that one set gives one timeline.
    const ordered = added
      .map((e, i) => ({ e, k: keys[i] as string }))
      .sort((a, b) => a.e.date.lo - b.e.date.lo || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      .map(({ e }, i) => ({ ...e, seq: this.base.length + i }));
    const timeline: Timeline = { id: this.scenario.id, title: this.scenario.title, events: [...this.base, ...ordered] };
    const date = fromDayNumber(day);
    const report = evaluate(this.corpus, timeline, date, { explain: false });
    const due: DueDuty[] = [];
    const breachedToday: CascadeBreach[] = [];
    for (const n of report.norms) {
      if (n.kind === 'duty' && n.status === 'due') {
        const war = warPerformance(this.defs.get(n.norm) as NormDef, n);
        due.push({
          key: [n.norm, n.holder, n.beneficiary, n.counterparty ?? '', n.trigger ? JSON.stringify(n.trigger) : ''].join('|'),
          norm: n.norm,
          holder: n.holder,
          beneficiary: n.beneficiary,
          ...(n.counterparty ? { counterparty: n.counterparty } : {}),
          action: n.action,
          since: n.since,
          ...(war ? { war } : {}),
        });
      } else if (n.kind === 'prohibition' && n.status === 'breached' && n.since === date.text) {
        breachedToday.push({ norm: n.norm, holder: n.holder, beneficiary: n.beneficiary, readings: this.readings(n.norm) });
      }
    }
    const out = { due, breachedToday };
    this.memo.set(memoKey, out);
    return out;
  }

  /** One run; `draws` counts the random numbers it used. */
  run(rng: () => number): { run: CascadeRun; draws: number } {
    const wars = this.startWars.copy();
    const added: Event[] = [];
    const handled = new Set<string>();
    const decided = new Set<string>();
    const rounds: CascadeRound[] = [];
    let draws = 0;
    let digest = this.digest(this.startDay, added);
    let stopped: CascadeRun['stopped'] = 'quiet';
    for (let r = 1; ; r++) {
      const fresh = digest.due.filter((d) => !handled.has(d.key));
      for (const d of fresh) handled.add(d.key);
      const day = this.startDay + r;
      const date = fromDayNumber(day);
      const groups = new Map<string, DueDuty[]>();
      const others = new Map<string, CascadeOtherDuty>();
      for (const d of fresh) {
        if (!d.war || d.counterparty === undefined) {
          const k = [d.norm, d.beneficiary, d.counterparty ?? '', d.action, d.since].join('|');
          const o = others.get(k);
          if (o) o.holders.push(d.holder);
          else {
            others.set(k, {
              norm: d.norm,
              holders: [d.holder],
              beneficiary: d.beneficiary,
              ...(d.counterparty ? { counterparty: d.counterparty } : {}),
              action: d.action,
              since: d.since,
            });
          }
          continue;
        }
        const g = `${d.holder}|${d.counterparty}`;
        if (wars.atWar(d.holder, d.counterparty) || decided.has(g)) continue;
        (groups.get(g) ?? groups.set(g, []).get(g) ?? []).push(d);
      }
      if (groups.size === 0 && others.size === 0) break;
      if (r > this.maxRounds) {
        stopped = 'max-rounds';
        break;
      }
      const entries: CascadeEntry[] = [];
      const declined: CascadeDecline[] = [];
      for (const g of [...groups.keys()].sort()) {
        const duties = groups.get(g) as DueDuty[];
        const [state, against] = g.split('|') as [string, string];
        decided.add(g);
        const p = this.p(state);
        let performs = p >= 1;
        if (p > 0 && p < 1) {
          draws++;
          performs = rng() < p;
        }
        // The events of every duty performed, each once: one assistance per beneficiary, one
        // declaration, and an aggression if one of the duties joins the beneficiary's own war.
        const acts = new Map<string, Record<string, FieldValue>>();
        for (const d of duties) for (const a of d.war ?? []) if (!acts.has(actKey(a))) acts.set(actKey(a), a);
        const offence = [...acts.values()].some((a) => a.type === 'aggression');
        const entry: CascadeEntry = {
          state,
          against,
          onBehalfOf: [...new Set(duties.map((d) => d.beneficiary))].sort(),
          norms: [...new Set(duties.map((d) => d.norm))].sort(),
          as: offence ? 'offence' : 'defence',
        };
        if (!performs) {
          declined.push({ ...entry, p });
          continue;
        }
        entries.push(entry);
        const seq = this.base.length + added.length;
        for (const { type, ...fields } of [...acts.values()].sort(
          (a, b) => ACT_ORDER.indexOf(a.type as string) - ACT_ORDER.indexOf(b.type as string),
        )) {
          added.push({ seq, date, type: type as string, fields });
        }
        wars.pairs.add(pairKey(state, against));
      }
      const otherDuties = [...others.keys()].sort().map((k) => {
        const o = others.get(k) as CascadeOtherDuty;
        o.holders = [...new Set(o.holders)].sort();
        return o;
      });
      const acts = added.filter((e) => e.date === date).map((e) => ({ date: date.text, type: e.type, ...e.fields }));
      const round: CascadeRound = { round: r, date: date.text, entries, declined, otherDuties, breaches: [], acts };
      rounds.push(round);
      if (entries.length === 0) break;
      digest = this.digest(day, added);
      const entering = new Set(entries.map((e) => e.state));
      round.breaches = digest.breachedToday
        .filter((b) => entering.has(b.holder))
        .sort((a, b) => cmp(a.norm, b.norm) || cmp(a.holder, b.holder) || cmp(a.beneficiary, b.beneficiary));
    }
    const belligerents = wars.belligerents();
    return { run: { rounds, wars: wars.wars(), bothSides: bothSides(rounds), belligerents, size: belligerents.length, stopped }, draws };
  }
}

/** The order in which an entry's acts are recorded. */
const ACT_ORDER = ['assistance', 'war-declaration', 'aggression'];

function actKey(a: Readonly<Record<string, FieldValue>>): string {
  return JSON.stringify(
    Object.keys(a)
      .sort()
      .map((k) => [k, a[k]]),
  );
}

function eventKey(e: Event): string {
  const f = e.fields;
  return `${e.date.text} ${e.type} ${String(f.by)} ${String(f.to ?? '')} ${String(f.against)}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts over the runs; `weight` counts each run that many times (a deterministic cascade run once). */
function distributionOf(outcomes: readonly CascadeRun[], weight: number): CascadeDistribution {
  const total = outcomes.length * weight;
  const stats = new Map<string, { entered: number; declined: number; against: Map<string, number> }>();
  const sizes = new Map<number, number>();
  let sum = 0;
  let maxRoundsReached = 0;
  const stat = (s: string) => {
    let x = stats.get(s);
    if (!x) {
      x = { entered: 0, declined: 0, against: new Map<string, number>() };
      stats.set(s, x);
    }
    return x;
  };
  for (const run of outcomes) {
    const entered = new Map<string, Set<string>>();
    const declined = new Set<string>();
    for (const r of run.rounds) {
      for (const e of r.entries) (entered.get(e.state) ?? entered.set(e.state, new Set()).get(e.state))?.add(e.against);
      for (const d of r.declined) declined.add(d.state);
    }
    for (const [s, against] of entered) {
      const x = stat(s);
      x.entered += weight;
      for (const a of against) x.against.set(a, (x.against.get(a) ?? 0) + weight);
    }
    for (const s of declined) stat(s).declined += weight;
    sizes.set(run.size, (sizes.get(run.size) ?? 0) + weight);
    sum += run.size * weight;
    if (run.stopped === 'max-rounds') maxRoundsReached += weight;
  }
  const states: CascadeStateDistribution[] = [...stats.entries()]
    .map(([state, x]) => ({
      state,
      entered: x.entered,
      share: round4(x.entered / total),
      against: sortedRecord(Object.fromEntries(x.against)),
      declined: x.declined,
    }))
    .sort((a, b) => b.entered - a.entered || cmp(a.state, b.state));
  const histogram = [...sizes.entries()].sort((a, b) => a[0] - b[0]).map(([size, runs]) => ({ size, runs }));
  return {
    states,
    size: {
      histogram,
      mean: round4(sum / total),
      min: histogram[0]?.size ?? 0,
      max: histogram[histogram.length - 1]?.size ?? 0,
    },
    maxRoundsReached,
  };
}

function namesOf(corpus: Corpus, result: CascadeResult): Record<string, string> {
  const states = new Set<string>([...result.atStart.belligerents, ...Object.keys(result.compliance.states)]);
  const run = result.run;
  if (run) {
    for (const s of run.belligerents) states.add(s);
    for (const r of run.rounds) {
      for (const e of [...r.entries, ...r.declined]) for (const s of [e.state, e.against, ...e.onBehalfOf]) states.add(s);
      for (const d of r.otherDuties) for (const s of [...d.holders, d.beneficiary, d.counterparty]) if (s) states.add(s);
      for (const b of r.breaches) states.add(b.holder).add(b.beneficiary);
    }
  }
  for (const d of result.distribution?.states ?? []) for (const s of [d.state, ...Object.keys(d.against)]) states.add(s);
  const names: Record<string, string> = {};
  for (const s of [...states].sort()) names[s] = corpus.states.find(s)?.name ?? s;
  return names;
}

/** The cascade as plain text for the terminal: the rounds, or the Monte Carlo distributions as a table. */
export function cascadeText(result: CascadeResult): string {
  const out: string[] = [];
  const list = (xs: readonly string[]) => xs.join(', ');
  out.push(`Cascade from ${result.scenario} (${result.title}), starting ${result.start}`);
  const listed = Object.entries(result.compliance.states).map(([s, p]) => `${s} ${p}`);
  const rest = listed.length > 0 ? 'every other state' : 'every state';
  const everyone = result.compliance.default === 1 ? `${rest} performs every duty` : `${rest} p = ${result.compliance.default}`;
  out.push(
    listed.length === 0 && result.compliance.default === 1
      ? 'Compliance: every state performs every duty that becomes due.'
      : `Compliance (probability of performing): ${listed.length > 0 ? `${list(listed)}; ` : ''}${everyone}.`,
  );
  out.push(
    result.atStart.size === 0 ? `At war on ${result.start}: no one.` : `At war on ${result.start}: ${warsText(result.atStart.wars)}.`,
  );
  if (result.runs > 1) {
    out.push(
      result.deterministic
        ? `${result.runs} runs: every probability consulted is 0 or 1, so every run is the same (deterministic). The run:`
        : `${result.runs} runs, seed ${result.seed} (mulberry32).`,
    );
  }
  if (result.run) out.push('', ...runText(result.run));
  const dist = result.distribution;
  if (dist && !result.deterministic) {
    out.push('', 'How often each state enters the war:');
    const rows = [['state', 'enters', 'share', 'against', 'declines']];
    for (const s of dist.states) {
      rows.push([
        s.state,
        String(s.entered),
        `${(s.share * 100).toFixed(1)}%`,
        Object.entries(s.against)
          .map(([a, n]) => `${a} ${n}`)
          .join(', ') || '-',
        String(s.declined),
      ]);
    }
    out.push(...table(rows));
    out.push('', `Size of the war (states at war at the end): mean ${dist.size.mean}, from ${dist.size.min} to ${dist.size.max}`);
    const most = Math.max(...dist.size.histogram.map((h) => h.runs));
    out.push(
      ...table([
        ['size', 'runs', ''],
        ...dist.size.histogram.map((h) => [String(h.size), String(h.runs), '#'.repeat(Math.max(1, Math.round((h.runs / most) * 40)))]),
      ]),
    );
    if (dist.maxRoundsReached > 0) out.push(`${dist.maxRoundsReached} runs stopped at the bound of ${result.maxRounds} rounds.`);
  }
  const names = Object.entries(result.names).map(([abb, name]) => `${abb} ${name}`);
  if (names.length > 0) out.push('', `States: ${list(names)}.`);
  return `${out.join('\n')}\n`;
}

function runText(run: CascadeRun): string[] {
  const out: string[] = [];
  for (const r of run.rounds) {
    out.push(`Round ${r.round}, ${r.date}`);
    for (const e of r.entries) {
      const side =
        e.as === 'offence' ? `joining the war of ${e.onBehalfOf.join(', ')} (an aggression)` : `in defence of ${e.onBehalfOf.join(', ')}`;
      out.push(`  ${e.state} enters the war against ${e.against}, ${side}, under ${e.norms.join(', ')}`);
    }
    for (const d of r.declined) {
      out.push(
        `  ${d.state} does not enter the war against ${d.against} (p = ${d.p}), though it owed it to ${d.onBehalfOf.join(', ')} under ${d.norms.join(', ')}`,
      );
    }
    for (const d of r.otherDuties) {
      const against = d.counterparty ? ` (against ${d.counterparty})` : '';
      const who = d.holders.length > 1 ? `${d.holders.length} states` : (d.holders[0] as string);
      out.push(`  due, not an act of war: ${d.norm}  ${who} → ${d.beneficiary}: ${d.action}${against}, since ${d.since}`);
      if (d.holders.length > 1) out.push(...wrapLines(d.holders.join(', '), 100, '      '));
    }
    for (const b of r.breaches) {
      const reading = b.readings.length > 0 ? ` (none of its exceptions holds, as casus reads them: ${b.readings.join(', ')})` : '';
      out.push(`  breached by entering: ${b.norm}  ${b.holder} → ${b.beneficiary}${reading}`);
    }
  }
  out.push(
    run.rounds.length === 0
      ? 'No duty of assistance is due: no one enters the war.'
      : run.stopped === 'max-rounds'
        ? `Stopped at the bound of ${run.rounds.length} rounds with duties still coming due.`
        : 'Then nothing new becomes due: the cascade stops.',
  );
  out.push(run.size === 0 ? 'At war at the end: no one.' : `At war at the end (${run.size} states): ${warsText(run.wars)}.`);
  for (const c of run.bothSides) {
    const against = c.against.map((e) => `${e.norms.join(', ')} (round ${e.round}, on behalf of ${e.onBehalfOf.join(', ')})`).join('; ');
    const fors = c.for.map((e) => `${e.norms.join(', ')} (round ${e.round}, against ${e.against})`).join('; ');
    out.push(
      ...wrapLines(
        `Its duties put ${c.state} on both sides: it fights ${c.both} under ${against}, and fights for ${c.both} under ${fors}. These duties conflict; casus records both entries and chooses neither.`,
        100,
        '  ',
      ),
    );
  }
  return out;
}

function warsText(wars: readonly CascadeWar[]): string {
  return wars
    .map((w) => (w.sides ? `${w.sides[0].join(', ')} against ${w.sides[1].join(', ')}` : `${w.states.join(', ')} (no two sides)`))
    .join('; ');
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
}

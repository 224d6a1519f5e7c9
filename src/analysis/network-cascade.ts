import { T } from '../base/tri.js';
import type { Corpus } from '../corpus/treaty.js';
import { type Compliance, mulberry32 } from './cascade.js';
import { dayInYear, instanceValue, type SweepInstance, sweepModel } from './sweep.js';

/**
 * Monte Carlo cascades on a compiled alliance network: the fast path of `casus cascade`
 * (`--network YEAR --attack A,T`). The scenario cascade (cascade.ts) re-evaluates the whole
 * corpus every round and is the reference for any timeline; this one answers the narrower
 * question wargamers and IR models ask a million times — one attack, in one year, through the
 * defence pledges alone — from the same rules, compiled once:
 *
 * - **Network.** For the year asked, every defence norm of the library (the sweep model:
 *   `action: defend` or `assist`) that binds its holder and beneficiary on some day of the year
 *   gives, for each (target, attacker), the holders *bound* to enter (condition true). A pledge
 *   that is only conditional (a condition casus cannot settle, a League procedure not yet run) is
 *   not performed, as in the scenario cascade a `pending` duty is not.
 * - **Provocation.** The first attack is taken as unprovoked; a state entering a war in aid of a
 *   victim is not (as the scenario cascade records `unprovoked: false`), so a pledge conditional
 *   on non-provocation protects the first victim, never a state attacked for joining in.
 * - **A run.** The attack puts attacker and target at war. Each war pair (x attacks v) is handled
 *   in the order it arose, rounds in order: every holder bound to defend v against x, not already
 *   at war with x and not x itself, decides once per counterparty: it enters with its compliance
 *   probability (a mulberry32 draw, only when 0 < p < 1), and entering makes it attack x, which
 *   may bind x's own defenders against it in the next round. The war's size is the number of
 *   states at war at the end.
 * - **Cost.** Per run: no allocation; "at war" and "decided" are stamped with the run number
 *   in preallocated arrays, so nothing is cleared between runs.
 */

export interface Network {
  year: number;
  states: string[];
  /** For the first attack: defenders of target t against attacker a, at [t * n + a]. */
  first: Int32Array[];
  /** For a state that entered: defenders of t against a, when a's attack was not unprovoked. */
  joined: Int32Array[];
  /** Number of (target, attacker, defender) triples bound, first attack. */
  edges: number;
}

const EMPTY = new Int32Array(0);

/** Compiles the defence network of a library in a year (the first attack unprovoked, entries not). */
export function compileNetwork(corpus: Corpus, year: number): Network {
  const model = sweepModel(corpus, { unprovoked: true });
  const alt = sweepModel(corpus, { provoked: true });
  const active: Array<{ inst: SweepInstance; day: number; alt: SweepInstance }> = [];
  const altByKey = new Map(alt.instances.map((i) => [`${i.norm.id}|${i.holder}|${i.beneficiary}`, i]));
  const involved = new Set<string>();
  for (const inst of model.instances) {
    if (inst.obligation !== 'defense') continue;
    const day = dayInYear(inst, year);
    if (day === undefined) continue;
    active.push({ inst, day, alt: altByKey.get(`${inst.norm.id}|${inst.holder}|${inst.beneficiary}`) as SweepInstance });
    involved.add(inst.holder);
    involved.add(inst.beneficiary);
  }
  const lo = Date.UTC(year, 0, 1) / 864e5;
  const hi = Date.UTC(year + 1, 0, 1) / 864e5;
  for (const s of model.system) if (s.spans.some((x) => x.lo < hi && lo < x.hi)) involved.add(s.abb);
  const code = (a: string) => model.ccode.get(a) ?? 0;
  const states = [...involved].sort((a, b) => code(a) - code(b) || (a < b ? -1 : 1));
  const n = states.length;
  const at = new Map(states.map((s, i) => [s, i]));
  const first: Int32Array[] = new Array(n * n).fill(EMPTY);
  const joined: Int32Array[] = new Array(n * n).fill(EMPTY);
  const byTarget = new Map<string, typeof active>();
  for (const a of active) byTarget.set(a.inst.beneficiary, [...(byTarget.get(a.inst.beneficiary) ?? []), a]);
  let edges = 0;
  for (const [target, list] of byTarget) {
    const t = at.get(target) as number;
    for (let a = 0; a < n; a++) {
      const attacker = states[a] as string;
      if (attacker === target) continue;
      const f = new Set<number>();
      const j = new Set<number>();
      for (const { inst, day, alt: other } of list) {
        if (inst.holder === attacker) continue;
        const d = at.get(inst.holder) as number;
        if (instanceValue(model, inst, attacker, day) === T) f.add(d);
        if (instanceValue(alt, other, attacker, day) === T) j.add(d);
      }
      if (f.size > 0) {
        first[t * n + a] = Int32Array.from([...f].sort((x, y) => x - y));
        edges += f.size;
      }
      if (j.size > 0) joined[t * n + a] = Int32Array.from([...j].sort((x, y) => x - y));
    }
  }
  return { year, states, first, joined, edges };
}

export interface NetworkCascadeResult {
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
  /** Number of states in the network and of (target, attacker, defender) pledges bound. */
  network: { states: number; edges: number };
}

/** A reusable runner: buffers allocated once, runs without allocation. */
export class NetworkRunner {
  private readonly n: number;
  private readonly war: Int32Array;
  private readonly decided: Int32Array;
  private readonly inWar: Int32Array;
  private readonly qFrom: Int32Array;
  private readonly qTo: Int32Array;
  private readonly qFirst: Uint8Array;
  private readonly p: Float64Array;
  private stamp = 0;
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
    this.qFrom = new Int32Array(n * n + 1);
    this.qTo = new Int32Array(n * n + 1);
    this.qFirst = new Uint8Array(n * n + 1);
    this.p = Float64Array.from(net.states, (s) => compliance?.states[s] ?? compliance?.default ?? 1);
    this.entered = new Float64Array(n);
    this.sizes = new Int32Array(n + 1);
  }

  /** One cascade from `attacker` attacking `target` (indices); returns the war's size. */
  run(attacker: number, target: number, rand: () => number): number {
    const n = this.n;
    const s = ++this.stamp;
    const { war, decided, inWar, qFrom, qTo, qFirst, p } = this;
    let size = 0;
    const enter = (x: number): boolean => {
      if (inWar[x] === s) return false;
      inWar[x] = s;
      size++;
      return true;
    };
    war[attacker * n + target] = s;
    war[target * n + attacker] = s;
    enter(attacker);
    enter(target);
    let head = 0;
    let tail = 0;
    qFrom[tail] = attacker;
    qTo[tail] = target;
    qFirst[tail++] = 1;
    while (head < tail) {
      const x = qFrom[head] as number;
      const v = qTo[head] as number;
      const list = (qFirst[head++] === 1 ? this.net.first : this.net.joined)[v * n + x] as Int32Array;
      for (let i = 0; i < list.length; i++) {
        const d = list[i] as number;
        if (d === x || war[d * n + x] === s || decided[d * n + x] === s) continue;
        decided[d * n + x] = s;
        const pd = p[d] as number;
        if (pd <= 0 || (pd < 1 && rand() >= pd)) continue;
        war[d * n + x] = s;
        war[x * n + d] = s;
        // Counted once per run, when it becomes a belligerent.
        if (enter(d)) this.entered[d] = (this.entered[d] as number) + 1;
        qFrom[tail] = d;
        qTo[tail] = x;
        qFirst[tail++] = 0;
      }
    }
    this.sizes[size] = (this.sizes[size] as number) + 1;
    return size;
  }
}

/** Runs `runs` cascades from one attack and summarises them. Same seed, same result. */
export function networkCascade(
  net: Network,
  attacker: string,
  target: string,
  options: { runs?: number; seed?: number; compliance?: Compliance } = {},
): NetworkCascadeResult {
  const runs = options.runs ?? 1;
  const seed = options.seed ?? 1;
  const a = net.states.indexOf(attacker);
  const t = net.states.indexOf(target);
  if (a < 0 || t < 0 || a === t) throw new RangeError(`${attacker} attacking ${target} is not a war of the ${net.year} network`);
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
    network: { states: net.states.length, edges: net.edges },
  };
}

/** The result for the terminal. */
export function networkCascadeText(r: NetworkCascadeResult): string {
  const lines = [
    `${r.attacker} attacks ${r.target}, ${r.year}: ${r.runs} run${r.runs > 1 ? 's' : ''} through the defence pledges in force (seed ${r.seed}, mulberry32)`,
    `network: ${r.network.states} states, ${r.network.edges} (target, attacker, defender) pledges bound outright`,
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

/**
 * Peers for `npm run bench`: the conditional defence question of `casus sweep` (for every year,
 * every attacker in the COW state system and every target, which states are bound, or bound only
 * under conditions nobody can settle, to defend the target against that attacker) answered by two
 * other rule engines over the same sweep model, so that speed can be compared on equal answers.
 *
 * - clingo (answer set programming): the model becomes facts (system members, the defence
 *   instances active in each year) and each norm's trigger condition and condition become ASP rules
 *   in three-valued form: every sub-expression K gets `holds(K, I, A, Y)` and `fails(K, I, A, Y)`;
 *   unknown is "neither" (Kleene logic by the usual pair encoding).
 * - json-rules-engine: each instance becomes two JSON rules (one fires if the condition is true,
 *   one if it is unknown), the same pair encoding written as `all`/`any`/`not` trees; the engine runs
 *   once per (year, attacker, target) on the facts of the hypothetical attack.
 *
 * Both translate the rules' ASTs, never their text, and only the fragment the ATOP library uses:
 * `and`, `or`, `not`, labels, `=`, `!=`, `in`, `not in` over `a.by`, `a.against`, `holder`,
 * `beneficiary`, `counterparty`, states and `{...}` sets, `true`/`false`/`unknown`, and
 * `a.unprovoked`, which the hypothetical attack takes from the model (`model.unprovoked`: unknown
 * by default). Anything else throws.
 *
 * What is shared by all three and done outside the engines: which instances bind in a year
 * (`dayInYear`) and which states are in the system (`systemIn`); they are the data, not the rules.
 * Each engine evaluates the conditions, excludes the attacker = holder / target cases and combines
 * a defender's instances (bound if one is true, else conditional if one is unknown); only the
 * json-rules-engine peer combines its fired events outside the engine, as the engine has no
 * aggregation of its own.
 *
 * As in casus, the hypothetical attack is against the beneficiary: in the ASP program both are
 * the variable B (so `a.against = beneficiary` grounds to `B = B`); json-rules-engine receives the
 * target as a fact and tests it.
 *
 * clingo and json-rules-engine are far slower than the casus sweep, so the bench runs them on a
 * few years only: see DEFAULT_WINDOWS.
 */
import { spawnSync } from 'node:child_process';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { dayInYear, type SweepInstance, type SweepModel, sweepAttacks, systemIn } from '../src/analysis/sweep.js';
import { parseDate } from '../src/base/partial-date.js';
import { T } from '../src/base/tri.js';
import type { Norm } from '../src/corpus/treaty.js';
import type { Expr } from '../src/language/ast.js';
import { parseRules } from '../src/language/parse-rules.js';

/** An engine's answer: canonical rows `year,attacker,target,defender,status`, sorted, and its time. */
export interface PeerAnswer {
  rows: string[];
  /** The engine's own time (the sweep; the clingo process; building and running the JRE engines). */
  ms: number;
  /** The time to generate the engine's input from the model (program text, JSON rules), if any. */
  genMs?: number;
  /** Size of the generated input, for the report. */
  size?: string;
}

export type PeerResult = PeerAnswer | { skipped: string };

/**
 * Default year window for the peers, chosen by measurement (bench/peers-check.ts on the ATOP
 * library of 802 treaties, 2-core machine, answers equal to casus's in every window tried):
 *
 *   window     rows   casus sweep (1st / again)   clingo   json-rules-engine
 *   1935-1939   21k      35-55 / 20 ms             0.3 s     1.3 s
 *   1946-1950  175k      95 / 40 ms                4.0 s    10.9 s
 *   1955-1959  342k      90-165 / 85-105 ms        7.4 s    21.2 s
 *   1960-1964  552k     140 / 110 ms              12.6 s    34-37 s
 *   1980-1984  1.3M     320 / 225 ms              31 s      88 s
 *
 * 1955-1959 (about 1,350 active defence instances toward 65-67 targets, 84-90 states a year) keeps clingo well under
 * a minute and json-rules-engine near 20 s, leaving room for a slower or busier machine; both
 * grow with the number of (instance, attacker) pairs, so the full 1816-2003 sweep (12M rows, about
 * 1.3-2.5 s for casus) is out of reach for them. (casus times include keeping the rows; clingo's
 * include printing them, not parsing them; the first casus sweep of a model fills its caches.)
 */
export const DEFAULT_WINDOWS = {
  clingo: { from: 1955, to: 1959 },
  jre: { from: 1955, to: 1959 },
} as const;

const row = (year: number, attacker: string, target: string, defender: string, status: string) =>
  `${year},${attacker},${target},${defender},${status}`;

// ---------------------------------------------------------------------------------------------
// casus

/**
 * casus's own answer: `sweepAttacks` for defence over the window. `ms` is the sweep, keeping its
 * rows in a flat array; they are formatted as canonical lines afterwards, as the peers' output is
 * parsed after their time. The first sweep of a model is slower than the next ones: it computes
 * and caches each instance's value per adversary.
 */
export function casusAnswer(model: SweepModel, from: number, to: number): PeerAnswer {
  const flat: Array<string | number> = [];
  const t = performance.now();
  sweepAttacks(model, { from, to, obligation: 'defense' }, (attacker, target, year, defender, status) => {
    flat.push(year, attacker, target, defender, status);
  });
  const ms = performance.now() - t;
  const rows: string[] = [];
  for (let i = 0; i < flat.length; i += 5) rows.push(flat.slice(i, i + 5).join(','));
  return { rows: rows.sort(), ms };
}

// ---------------------------------------------------------------------------------------------
// The fragment: terms and conditions the peers translate

/** What a term denotes for an instance and a hypothetical attack. */
type Term = { role: 'attacker' | 'target' | 'holder' | 'beneficiary' } | { state: string };

const STATE = /^[A-Za-z0-9_-]+$/;

function outside(norm: Norm, e: Expr, what: string): Error {
  return new Error(
    `peers: ${norm.id}: ${what} \`${e.src ?? e.kind}\` (${e.kind}) is outside the fragment the peers translate ` +
      '(and, or, not, labels, =, !=, in, not in over a.by, a.against, holder, beneficiary, states and sets; true/false/unknown; a.unprovoked)',
  );
}

/** The trigger variable of a norm (`a` in `aggression a where ...`). */
const triggerVar = (norm: Norm): string | undefined => norm.def.trigger?.variable;

function termOf(norm: Norm, e: Expr): Term {
  if (e.kind === 'state') {
    if (!STATE.test(e.code)) throw outside(norm, e, 'state code');
    return { state: e.code };
  }
  if (e.kind === 'path') {
    const v = triggerVar(norm);
    if (v !== undefined && e.head === v && e.fields.length === 1) {
      // The hypothetical defence event: an aggression by the attacker against the beneficiary.
      if (e.fields[0] === 'by') return { role: 'attacker' };
      if (e.fields[0] === 'against') return { role: 'target' };
    }
    if (e.fields.length === 0) {
      if (e.head === 'holder') return { role: 'holder' };
      if (e.head === 'beneficiary') return { role: 'beneficiary' };
      if (e.head === 'counterparty') return { role: 'attacker' };
    }
  }
  throw outside(norm, e, 'term');
}

/** The items of the right side of `in`: a set literal (nested sets flattened) or a single term. */
function itemsOf(norm: Norm, e: Expr): Term[] {
  if (e.kind === 'set') return e.items.flatMap((i) => (i.kind === 'set' ? itemsOf(norm, i) : [termOf(norm, i)]));
  return [termOf(norm, e)];
}

/** Whether a condition is `a.unprovoked` (the only event field read as a truth value). */
function isUnprovoked(norm: Norm, e: Expr): boolean {
  return e.kind === 'path' && e.head === triggerVar(norm) && e.fields.length === 1 && e.fields[0] === 'unprovoked';
}

/** The conjuncts or disjuncts of a chain of `and` / `or` (a label keeps its group whole). */
function chain(e: Expr, kind: 'and' | 'or'): Expr[] {
  return e.kind === kind ? [...chain(e.left, kind), ...chain(e.right, kind)] : [e];
}

const TRUE: Expr = { kind: 'bool', value: 'true', span: { file: 'peers', line: 0, column: 0 }, src: 'true' };

/**
 * The whole condition of an instance, as casus evaluates it: the trigger's where-clause and the
 * norm's condition, Kleene `and`; a standing norm (no trigger) binds whatever its condition.
 */
function rootOf(inst: SweepInstance): Expr {
  if (inst.standing) return TRUE;
  const where = inst.norm.def.trigger?.where;
  const cond = inst.norm.def.condition;
  if (where && cond) return { kind: 'and', left: where, right: cond, span: cond.span, src: `(${where.src}) and (${cond.src})` };
  return where ?? cond ?? TRUE;
}

/** The defence instances active in each year of a window, with the year's attacker universe. */
function windowOf(model: SweepModel, from: number, to: number) {
  const defence = model.instances.map((inst, id) => ({ id, inst })).filter((x) => x.inst.obligation === 'defense');
  const years: Array<{ year: number; attackers: string[]; active: Array<{ id: number; inst: SweepInstance }> }> = [];
  for (let year = from; year <= to; year++) {
    years.push({
      year,
      attackers: systemIn(model, year),
      active: defence.filter((x) => dayInYear(x.inst, year) !== undefined),
    });
  }
  return years;
}

// ---------------------------------------------------------------------------------------------
// clingo

/** Translates conditions into ASP rules, one `holds`/`fails` pair per sub-expression. */
class AspProgram {
  readonly lines: string[] = [];
  private next = 0;

  /** The node id of a condition of norm number `n`, its rules appended. */
  cond(norm: Norm, n: number, e: Expr): number {
    const ctx = `c(${n},I,H,B,A,Y)`;
    const at = (k: number) => `(${k},I,A,Y)`;
    switch (e.kind) {
      case 'labeled':
        return this.cond(norm, n, e.expr);
      case 'and':
      case 'or': {
        const parts = chain(e, e.kind).map((p) => this.cond(norm, n, p));
        const k = this.next++;
        // and: true if all are true, false if one is false; or: the dual.
        const [all, one] = e.kind === 'and' ? ['holds', 'fails'] : ['fails', 'holds'];
        this.lines.push(`${all}${at(k)} :- ${parts.map((p) => `${all}${at(p)}`).join(', ')}.`);
        for (const p of parts) this.lines.push(`${one}${at(k)} :- ${one}${at(p)}.`);
        return k;
      }
      case 'not': {
        const p = this.cond(norm, n, e.expr);
        const k = this.next++;
        this.lines.push(`holds${at(k)} :- fails${at(p)}.`, `fails${at(k)} :- holds${at(p)}.`);
        return k;
      }
      case 'bool': {
        const k = this.next++;
        if (e.value === 'true') this.lines.push(`holds${at(k)} :- ${ctx}.`);
        else if (e.value === 'false') this.lines.push(`fails${at(k)} :- ${ctx}.`);
        else this.lines.push(`% node ${k}: unknown (neither holds nor fails)`);
        return k;
      }
      case 'path': {
        if (!isUnprovoked(norm, e)) throw outside(norm, e, 'condition');
        const k = this.next++;
        this.lines.push(`holds${at(k)} :- ${ctx}, unprovoked(true).`, `fails${at(k)} :- ${ctx}, unprovoked(false).`);
        return k;
      }
      case 'compare': {
        const term = (t: Term) => ('state' in t ? JSON.stringify(t.state) : t.role === 'attacker' ? 'A' : t.role === 'holder' ? 'H' : 'B');
        const l = term(termOf(norm, e.left));
        const k = this.next++;
        let eq: string[];
        if (e.op === '=' || e.op === '!=') eq = [term(termOf(norm, e.right))];
        else if (e.op === 'in' || e.op === 'not-in') eq = itemsOf(norm, e.right).map(term);
        else throw outside(norm, e, 'comparison');
        // Membership: true if equal to one item, false if different from all (an empty set: false).
        const [yes, no] = e.op === '=' || e.op === 'in' ? ['holds', 'fails'] : ['fails', 'holds'];
        for (const r of eq) this.lines.push(`${yes}${at(k)} :- ${ctx}, ${l} = ${r}.`);
        this.lines.push(`${no}${at(k)} :- ${[ctx, ...eq.map((r) => `${l} != ${r}`)].join(', ')}.`);
        return k;
      }
      default:
        throw outside(norm, e, 'condition');
    }
  }
}

const aspRules = (unprovoked: boolean | 'unknown') => `% The hypothetical attack: by A against the target B; unprovoked is ${unprovoked}.
unprovoked(${unprovoked}).
% An instance I of norm N, held by H toward B, active in year Y, against each attacker A of the system.
c(N,I,H,B,A,Y) :- inst(I,H,B,Y), of(I,N), sys(Y,A), A != H, A != B.
tv(I,A,Y,t) :- c(N,I,_,_,A,Y), root(N,R), holds(R,I,A,Y).
tv(I,A,Y,u) :- c(N,I,_,_,A,Y), root(N,R), not holds(R,I,A,Y), not fails(R,I,A,Y).
% A defender is bound if one of its instances is true, conditional if none is and one is unknown.
ans(Y,A,B,H,bound) :- inst(I,H,B,Y), tv(I,A,Y,t).
maybe(Y,A,B,H) :- inst(I,H,B,Y), tv(I,A,Y,u).
ans(Y,A,B,H,conditional) :- maybe(Y,A,B,H), not ans(Y,A,B,H,bound).
#show ans/5.`;

/** The ASP program answering the conditional defence question over a window. */
export function clingoProgram(model: SweepModel, from: number, to: number): string {
  const years = windowOf(model, from, to);
  const program = new AspProgram();
  const normNo = new Map<Norm, number>();
  const facts: string[] = [];
  const seen = new Set<number>();
  const q = JSON.stringify;
  for (const { year, attackers, active } of years) {
    for (const a of attackers) facts.push(`sys(${year},${q(a)}).`);
    for (const { id, inst } of active) {
      facts.push(`inst(${id},${q(inst.holder)},${q(inst.beneficiary)},${year}).`);
      if (seen.has(id)) continue;
      seen.add(id);
      let n = normNo.get(inst.norm);
      if (n === undefined) {
        n = normNo.size;
        normNo.set(inst.norm, n);
        program.lines.push(`% norm ${n}: ${inst.norm.id}${inst.standing ? ' (standing)' : ''}`);
        program.lines.push(`root(${n},${program.cond(inst.norm, n, rootOf(inst))}).`);
      }
      facts.push(`of(${id},${n}).`);
    }
  }
  return [`% casus peer: conditional defence, ${from}-${to}`, aspRules(model.unprovoked), ...program.lines, ...facts, ''].join('\n');
}

const ANS = /ans\((\d+),"([^"]*)","([^"]*)","([^"]*)",(bound|conditional)\)/g;

/** Runs clingo on a program and reads its `ans/5` atoms into canonical rows. */
function runClingo(program: string): { rows: string[]; ms: number } {
  const t = performance.now();
  const r = spawnSync('clingo', ['--outf=0', '-V0', '--models=1'], {
    input: program,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t;
  // clingo exits 10 (satisfiable) or 30 (satisfiable, search space exhausted).
  if (r.error || (r.status !== 10 && r.status !== 30)) {
    throw new Error(`clingo failed (exit ${r.status}): ${r.error?.message ?? r.stderr.slice(0, 2000)}`);
  }
  const rows: string[] = [];
  for (const m of r.stdout.matchAll(ANS)) rows.push(row(Number(m[1]), m[2] as string, m[3] as string, m[4] as string, m[5] as string));
  return { rows: rows.sort(), ms };
}

/** Whether clingo is installed (Debian package `gringo`). */
export function clingoVersion(): string | undefined {
  const r = spawnSync('clingo', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** clingo's answer over a window; `ms` is the clingo process (parse, ground, solve, print). */
export function clingoAnswer(model: SweepModel, from: number, to: number): PeerResult {
  if (!clingoVersion()) return { skipped: 'clingo not installed (apt-get install gringo)' };
  const t = performance.now();
  const program = clingoProgram(model, from, to);
  const genMs = performance.now() - t;
  const { rows, ms } = runClingo(program);
  return { rows, ms, genMs, size: `${(program.length / 1e6).toFixed(1)} MB of ASP` };
}

// ---------------------------------------------------------------------------------------------
// json-rules-engine

/** A json-rules-engine condition (the package does not export its nested condition type). */
type JCond = TopLevelCondition | { fact: string; operator: string; value: unknown; params?: Record<string, unknown> };

/** A JRE value for a term of an instance: a fact of the attack, or a constant. */
type JTerm = { fact: string } | string;

/** A comparison `l op r` as a JRE condition; a constant on the left is read through the `const` fact. */
function jCompare(l: JTerm, operator: string, r: JTerm | string[]): JCond {
  if (typeof l !== 'string') return { fact: l.fact, operator, value: r };
  if (typeof r === 'object' && !Array.isArray(r) && (operator === 'equal' || operator === 'notEqual'))
    return { fact: r.fact, operator, value: l };
  return { fact: 'const', params: { value: l }, operator, value: r };
}

/** The pair (true-condition, false-condition) of an expression for one instance: Kleene logic as two trees. */
function jreCond(inst: SweepInstance, e: Expr): { holds: JCond; fails: JCond } {
  const norm = inst.norm;
  switch (e.kind) {
    case 'labeled':
      return jreCond(inst, e.expr);
    case 'and':
    case 'or': {
      const parts = chain(e, e.kind).map((p) => jreCond(inst, p));
      const all = { all: parts.map((p) => (e.kind === 'and' ? p.holds : p.fails)) } as TopLevelCondition;
      const any = { any: parts.map((p) => (e.kind === 'and' ? p.fails : p.holds)) } as TopLevelCondition;
      return e.kind === 'and' ? { holds: all, fails: any } : { holds: any, fails: all };
    }
    case 'not': {
      const p = jreCond(inst, e.expr);
      return { holds: p.fails, fails: p.holds };
    }
    case 'bool': {
      // A constant through the `const` fact: 'unknown' is neither true nor false.
      const value = e.value === 'unknown' ? 'unknown' : e.value === 'true';
      return {
        holds: { fact: 'const', params: { value }, operator: 'equal', value: true },
        fails: { fact: 'const', params: { value }, operator: 'equal', value: false },
      };
    }
    case 'path': {
      if (!isUnprovoked(norm, e)) throw outside(norm, e, 'condition');
      return {
        holds: { fact: 'unprovoked', operator: 'equal', value: true },
        fails: { fact: 'unprovoked', operator: 'equal', value: false },
      };
    }
    case 'compare': {
      const term = (t: Term): JTerm =>
        'state' in t
          ? t.state
          : t.role === 'attacker'
            ? { fact: 'attacker' }
            : t.role === 'target'
              ? { fact: 'target' }
              : t.role === 'holder'
                ? inst.holder
                : inst.beneficiary;
      const l = term(termOf(norm, e.left));
      const positive = e.op === '=' || e.op === 'in';
      let yes: JCond;
      let no: JCond;
      if (e.op === '=' || e.op === '!=') {
        const r = term(termOf(norm, e.right));
        yes = jCompare(l, 'equal', r);
        no = jCompare(l, 'notEqual', r);
      } else if (e.op === 'in' || e.op === 'not-in') {
        const items = itemsOf(norm, e.right).map(term);
        if (items.every((i) => typeof i === 'string')) {
          yes = jCompare(l, 'in', items as string[]);
          no = jCompare(l, 'notIn', items as string[]);
        } else {
          yes = { any: items.map((i) => jCompare(l, 'equal', i)) } as TopLevelCondition;
          no = { all: items.map((i) => jCompare(l, 'notEqual', i)) } as TopLevelCondition;
        }
      } else throw outside(norm, e, 'comparison');
      return positive ? { holds: yes, fails: no } : { holds: no, fails: yes };
    }
    default:
      throw outside(norm, e, 'condition');
  }
}

/** The two rules of an instance: `bound` fires if its condition is true, `conditional` if unknown. */
export function jreRules(inst: SweepInstance): RuleProperties[] {
  const { holds, fails } = jreCond(inst, rootOf(inst));
  const pair = [
    { fact: 'attacker', operator: 'notEqual', value: inst.holder },
    { fact: 'attacker', operator: 'notEqual', value: inst.beneficiary },
  ];
  const params = { defender: inst.holder };
  return [
    { conditions: { all: [...pair, holds] } as TopLevelCondition, event: { type: 'bound', params } },
    { conditions: { all: [...pair, { not: holds }, { not: fails }] } as TopLevelCondition, event: { type: 'conditional', params } },
  ];
}

/**
 * json-rules-engine's answer over a window. One engine per (year, target) holds the rules of the
 * defence instances toward that target active that year (the rule base indexed by target, as casus
 * indexes its instances); it runs once per attacker of the year's system on the facts of the
 * hypothetical attack. `ms` is the engines' time: building them from the JSON rules and running
 * them; generating the JSON rules is `genMs`.
 */
export async function jreAnswer(model: SweepModel, from: number, to: number): Promise<PeerResult> {
  const years = windowOf(model, from, to);
  const t0 = performance.now();
  const rulesOf = new Map<number, RuleProperties[]>();
  const plan: Array<{ year: number; attackers: string[]; targets: Map<string, number[]> }> = [];
  for (const { year, attackers, active } of years) {
    const targets = new Map<string, number[]>();
    for (const { id, inst } of active) {
      if (!rulesOf.has(id)) rulesOf.set(id, jreRules(inst));
      const list = targets.get(inst.beneficiary) ?? [];
      list.push(id);
      targets.set(inst.beneficiary, list);
    }
    plan.push({ year, attackers, targets });
  }
  // The rule base as JSON text, as it would be stored; the engines are built from the text.
  const json = new Map([...rulesOf].map(([id, rules]) => [id, JSON.stringify(rules)]));
  const genMs = performance.now() - t0;
  const bytes = [...json.values()].reduce((n, s) => n + s.length, 0);

  const rows: string[] = [];
  const t = performance.now();
  for (const { year, attackers, targets } of plan) {
    for (const [target, ids] of targets) {
      const engine = new Engine(ids.flatMap((id) => JSON.parse(json.get(id) as string) as RuleProperties[]));
      engine.addFact('const', (params: Record<string, unknown>) => params.value);
      for (const attacker of attackers) {
        const { events } = await engine.run({ attacker, target, unprovoked: model.unprovoked });
        const status = new Map<string, string>();
        for (const ev of events) {
          const defender = ev.params?.defender as string;
          if (ev.type === 'bound' || !status.has(defender)) status.set(defender, ev.type);
        }
        for (const [defender, s] of status) rows.push(row(year, attacker, target, defender, s));
      }
    }
  }
  const ms = performance.now() - t;
  return { rows: rows.sort(), ms, genMs, size: `${rulesOf.size * 2} rules, ${(bytes / 1e6).toFixed(1)} MB of JSON` };
}

// ---------------------------------------------------------------------------------------------
// Comparing answers

/** Whether two canonical answers are equal; if not, the counts and the first differing lines. */
export function sameAnswer(a: string[], b: string[], names: [string, string] = ['first', 'second']): { equal: boolean; detail: string } {
  const x = [...a].sort();
  const y = [...b].sort();
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const p = x[i];
    const q = y[j];
    if (p !== undefined && p === q) {
      i++;
      j++;
    } else if (q === undefined || (p !== undefined && p < q)) {
      onlyA.push(p as string);
      i++;
    } else {
      onlyB.push(q);
      j++;
    }
  }
  if (onlyA.length === 0 && onlyB.length === 0) return { equal: true, detail: `equal: ${x.length} rows` };
  const first = (xs: string[]) => xs.slice(0, 5).join('; ') + (xs.length > 5 ? '; …' : '');
  const lines = [`differ: ${names[0]} ${x.length} rows, ${names[1]} ${y.length} rows`];
  if (onlyA.length > 0) lines.push(`  only in ${names[0]} (${onlyA.length}): ${first(onlyA)}`);
  if (onlyB.length > 0) lines.push(`  only in ${names[1]} (${onlyB.length}): ${first(onlyB)}`);
  return { equal: false, detail: lines.join('\n') };
}

// ---------------------------------------------------------------------------------------------
// Self-check

/**
 * Checks the peers' translations on a small hand-made model whose answer is written out below:
 * every construct of the fragment (including `or`, `not`, `false`, constants on both sides, sets
 * naming the holder), a defender with two instances, an instance inactive in one year, a state
 * leaving the system, and an expression outside the fragment (which must throw). Returns the
 * failures (empty if all is well); clingo's part is skipped if clingo is not installed.
 */
export async function selfCheck(): Promise<string[]> {
  const trigger = 'trigger: aggression a where a.against = beneficiary and a.by != holder;';
  const norm = (name: string, condition: string): Norm => {
    const src = `duty ${name} {\n  roles: each party toward the other;\n  action: defend;\n  ${trigger}\n${condition ? `  condition: ${condition};\n` : ''}}`;
    const def = parseRules(src, { file: 'peers-self-check', line: 1 })[0];
    if (def?.kind !== 'norm') throw new Error(`self-check: no norm in ${src}`);
    return { id: `self/${name}`, treaty: 'self', provision: 'self', def };
  };
  const y1 = parseDate('1950').lo;
  const y2 = parseDate('1951').lo;
  const y3 = parseDate('1952').lo;
  const both = [{ lo: y1, hi: y3 }];
  // [norm, holder, beneficiary, spans]: the expected value per attacker is stated next to each.
  const table: Array<[Norm, string, string, Array<{ lo: number; hi: number }>]> = [
    // HAA → BBB: no condition: bound against all; active in 1950 only.
    [norm('plain', ''), 'HAA', 'BBB', [{ lo: y1, hi: y2 }]],
    // HBB → BBB: bound against CCC, DDD; with the next norm, conditional against the others.
    [norm('named', 'a.by in {CCC, DDD} "named"'), 'HBB', 'BBB', both],
    [norm('location', 'unknown "a location"'), 'HBB', 'BBB', both],
    // HCC → BBB: conditional against all but CCC (false).
    [norm('unprovoked', 'a.unprovoked "npr" and a.by not in {CCC}'), 'HCC', 'BBB', both],
    // HDD → BBB: CCC: not true or unknown = unknown (conditional); others: true (bound).
    [norm('negation', 'not (a.by = CCC) or unknown'), 'HDD', 'BBB', both],
    // HEE → BBB: DDD: false; others: true.
    [norm('disjunction', '(false or a.by != DDD) and true'), 'HEE', 'BBB', both],
    // HFF → BBB: EEE: not unknown and true = unknown; others false (a.by = holder is excluded anyway).
    [norm('holder-set', 'not a.unprovoked and a.by in {holder, EEE}'), 'HFF', 'BBB', both],
    // HAA → CCC: beneficiary in {BBB} is false: never bound (constants on both sides).
    [norm('constants', 'beneficiary in {BBB} or CCC = DDD'), 'HAA', 'CCC', both],
    // HBB → CCC: a.against = CCC and holder = HBB: bound against all.
    [norm('target', 'a.against = CCC and holder = HBB and HBB != beneficiary'), 'HBB', 'CCC', both],
  ];
  const instances: SweepInstance[] = table.map(([n, holder, beneficiary, spans]) => ({
    norm: n,
    obligation: 'defense',
    treaty: 'self',
    holder,
    beneficiary,
    spans: spans.map((x) => ({ ...x, value: T })),
    standing: false,
    question: { type: 'aggression', side: 'target' },
    symmetric: true,
    triggerRoles: false,
  }));
  const states = ['BBB', 'CCC', 'DDD', 'EEE', 'HAA', 'HBB', 'HCC', 'HDD', 'HEE', 'HFF'];
  // EEE leaves the system at the end of 1950.
  const system = states.map((abb) => ({ abb, spans: abb === 'EEE' ? [{ lo: y1, hi: y2 }] : both }));
  const model = { instances, system } as unknown as SweepModel;

  const expected: string[] = [];
  for (const year of [1950, 1951]) {
    for (const a of states) {
      if (year === 1951 && a === 'EEE') continue;
      const add = (target: string, defender: string, s: 'bound' | 'conditional' | undefined) => {
        if (s && a !== target && a !== defender) expected.push(row(year, a, target, defender, s));
      };
      if (year === 1950) add('BBB', 'HAA', 'bound');
      add('BBB', 'HBB', a === 'CCC' || a === 'DDD' ? 'bound' : 'conditional');
      add('BBB', 'HCC', a === 'CCC' ? undefined : 'conditional');
      add('BBB', 'HDD', a === 'CCC' ? 'conditional' : 'bound');
      add('BBB', 'HEE', a === 'DDD' ? undefined : 'bound');
      add('BBB', 'HFF', a === 'EEE' ? 'conditional' : undefined);
      add('CCC', 'HBB', 'bound');
    }
  }
  const failures: string[] = [];
  const check = (name: string, got: PeerResult) => {
    if ('skipped' in got) return;
    const same = sameAnswer(expected, got.rows, ['expected', name]);
    if (!same.equal) failures.push(`${name}: ${same.detail}`);
  };
  check('clingo', clingoAnswer(model, 1950, 1951));
  check('json-rules-engine', await jreAnswer(model, 1950, 1951));
  const inst = instances[0] as SweepInstance;
  const odd = { ...inst, norm: norm('odd', 'a.date before 1950-06-01') };
  for (const [name, f] of [
    ['clingo', () => clingoProgram({ instances: [odd], system } as unknown as SweepModel, 1950, 1950)],
    ['json-rules-engine', () => jreRules(odd)],
  ] as const) {
    try {
      f();
      failures.push(`${name}: a condition outside the fragment (a.date before ...) was translated instead of refused`);
    } catch (e) {
      if (!/outside the fragment/.test((e as Error).message)) failures.push(`${name}: unexpected error ${(e as Error).message}`);
    }
  }
  const diff = sameAnswer(['1,A,B,C,bound', '1,A,B,D,bound'], ['1,A,B,C,bound', '1,A,B,D,conditional']);
  if (diff.equal || !diff.detail.includes('1,A,B,D,conditional')) failures.push(`sameAnswer: missed a difference (${diff.detail})`);
  return failures;
}

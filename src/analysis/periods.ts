/**
 * @module analysis/periods
 * The periods in which the legal situation of some treaties is constant (issue 11, point 5): the
 * conflict search tries one day of each instead of every day.
 *
 * **The situation on a day** is what a search on that day reads from outside its own scenario,
 * each asked of the engine's own rules, never restated here:
 * - for each treaty, whether it is in force (`inForceOn`), and for each of its parties among the
 *   states that matter, whether it binds that party (`partyBound`: its own membership, and for
 *   the Covenant membership of the League);
 * - for each state that matters, whether it is a Member of the League (`isMemberOn`, the
 *   corpus's record) and whether it can owe anything (`canOwe`: a state, or represented by a
 *   recognised government in exile);
 * - for each date the treaties' rules write (`d on or after 1937-04-24`), whether the day is
 *   before, on or after it (the comparisons of partial-date.ts);
 * - the states that matter themselves (the caller says which: they may change with the day).
 *
 * A period begins on every day on which that situation differs from the day before, and on every
 * day on which a treaty's history records a change of its own (entry into force, accession, a
 * party's withdrawal taking effect, termination, extension, renewal), even when nothing above
 * moves. The situation is read on the days around each end of every date it depends on (a
 * partial date's two ends included), not on every day: it cannot change in between, and a test
 * checks that a day-by-day reading finds the same periods.
 *
 * Deterministic: the same corpus, treaties, states and window give the same periods.
 * @example
 * const s = new Situations(corpus, [locarno, covenant], () => ['FRN', 'GMY']);
 * s.periods(parseDate('1926-09-14').lo, parseDate('1939-09-01').lo);
 */
import { addDuration, after, before, fromDayNumber, onOrAfter, onOrBefore, type PartialDate, parseDate } from '../base/partial-date.js';
import { F, T, type Tri } from '../base/tri.js';
import { isMemberOn, membershipEnd } from '../corpus/league.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import { canOwe, corpusLeague, LEAGUE_COVENANT, type LeagueRecords, partyBound } from '../engine/binding.js';
import { inForceOn, type TreatyLife, treatyLife } from '../engine/treaty-status.js';
import type { CompareOp, Expr } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import { ruleExprs } from './rule-exprs.js';

/** A stretch of days on which the situation is the same. */
export interface SituationPeriod {
  /** First day, as a day number. */
  lo: number;
  /** Last day, as a day number (included). */
  hi: number;
  /** What changes on the first day, in words (empty when nothing does: the window opens there). */
  changes: string[];
  /** The situation on each of its days, as a canonical text: two periods with the same text read the same. */
  situation: string;
}

/** The history steps that change a treaty's legal situation even when no party's binding moves. */
const CHANGING_STEPS = new Set(['accession', 'withdrawal', 'termination', 'extension', 'renewal']);

const TRI = ['F', 'U', 'T'] as const;

/** A comparison of a day with a date. */
type DateOp = 'before' | 'on-or-before' | 'after' | 'on-or-after';
const DATE_OPS: readonly DateOp[] = ['before', 'on-or-before', 'after', 'on-or-after'];
const COMPARE: Record<DateOp, (a: PartialDate, b: PartialDate) => Tri> = {
  before,
  'on-or-before': onOrBefore,
  after,
  'on-or-after': onOrAfter,
};
const FLIPPED: Record<DateOp, DateOp> = { before: 'after', 'on-or-before': 'on-or-after', after: 'before', 'on-or-after': 'on-or-before' };

/**
 * The comparisons of the day with the date that a rule's operator reads (`flip`: the date is
 * on the left); equality reads both sides of the day, anything else all four.
 */
function opsOf(op: CompareOp, flip: boolean): readonly DateOp[] {
  if (op === '=' || op === '!=') return ['before', 'after'];
  if (op === 'in' || op === 'not-in') return DATE_OPS;
  return [flip ? FLIPPED[op] : op];
}

/** The date a term denotes when the rules write it: a literal (`1937-04-24`), or a literal shifted (`1939-05-19 + 3 months`). */
function literalDate(e: Expr): PartialDate | undefined {
  if (e.kind === 'date') return parseDate(e.text);
  if (e.kind === 'plus' && e.left.kind === 'date') return addDuration(parseDate(e.left.text), e.duration.amount, e.duration.unit);
  return undefined;
}

/** A date the rules write, the rules that write it, and how they compare a day with it. */
interface DateLiteral {
  date: PartialDate;
  rules: string[];
  ops: DateOp[];
}

/** The situation of some treaties through time, day by day (see the module comment). */
export class Situations {
  private readonly lives: TreatyLife[];
  private readonly league: LeagueRecords;
  private readonly literals: DateLiteral[];
  /** History steps that begin a period, by day. */
  private readonly steps = new Map<number, Array<{ treaty: string; words: string }>>();
  private readonly cache = new Map<number, Map<string, string>>();
  private turnDays: number[] | undefined;

  /**
   * @param treaties the treaties whose situation counts (the named ones and those their rules call)
   * @param states the states that matter on a day
   */
  constructor(
    private readonly corpus: Corpus,
    treaties: readonly Treaty[],
    private readonly states: (day: number) => readonly string[],
  ) {
    this.lives = treaties.map((t) => treatyLife(t, []));
    this.league = corpusLeague(corpus);
    const literals = new Map<string, DateLiteral>();
    const note = (date: PartialDate, rule: string, ops: readonly DateOp[]) => {
      const known = literals.get(date.text) ?? { date, rules: [], ops: [] };
      if (!known.rules.includes(rule)) known.rules.push(rule);
      for (const op of ops) if (!known.ops.includes(op)) known.ops.push(op);
      literals.set(date.text, known);
    };
    for (const t of treaties) {
      for (const { rule, expr } of ruleExprs(t)) {
        // Literals read through a comparison are noted with the comparison; any other, with all four.
        const read = new Set<Expr>();
        const compare = (side: Expr, ops: readonly DateOp[]) => {
          const at = literalDate(side);
          if (!at) return;
          read.add(side.kind === 'plus' ? side.left : side);
          note(at, rule, ops);
        };
        visitExpr(expr, (x) => {
          if (x.kind === 'compare') {
            // `d on or after 1937-04-24` reads the day against the date one way only.
            if (!literalDate(x.left)) compare(x.right, opsOf(x.op, false));
            if (!literalDate(x.right)) compare(x.left, opsOf(x.op, true));
          } else if (x.kind === 'within' && !literalDate(x.left)) {
            // `a within 3 months of 1939-05-19`: on or after the date, on or before the date + 3 months.
            const at = literalDate(x.right);
            if (at) {
              read.add(x.right.kind === 'plus' ? x.right.left : x.right);
              note(at, rule, ['on-or-after']);
              note(addDuration(at, x.duration.amount, x.duration.unit), rule, ['on-or-before']);
            }
          } else if (x.kind === 'date' && !read.has(x)) note(parseDate(x.text), rule, DATE_OPS);
        });
      }
    }
    this.literals = [...literals.values()].sort((a, b) => a.date.lo - b.date.lo || a.date.hi - b.date.hi);
    for (const life of this.lives) {
      let status = 'negotiating';
      for (const h of life.history) {
        const entered = h.status === 'in-force' && status !== 'in-force';
        status = h.status;
        if (!entered && !CHANGING_STEPS.has(h.event)) continue;
        // A step counts once it has surely happened (as in statusAt).
        const day = h.at.hi - 1;
        const slug = life.treaty.slug;
        const words = entered
          ? `${slug} enters into force${h.note && !h.note.startsWith('enters into force') ? ` (${h.note})` : ''}`
          : `${slug}: ${h.event}${h.by ? ` by ${h.by}` : ''}${h.note ? ` (${h.note})` : ''}`;
        this.steps.set(day, [...(this.steps.get(day) ?? []), { treaty: slug, words }]);
      }
    }
  }

  /** The situation on a day, one entry per thing read (see the module comment). */
  private on(day: number): Map<string, string> {
    const known = this.cache.get(day);
    if (known) return known;
    const d = fromDayNumber(day);
    const states = this.states(day);
    const s = new Map<string, string>();
    s.set('states', states.join(','));
    for (const life of this.lives) {
      const slug = life.treaty.slug;
      s.set(`in-force|${slug}`, TRI[inForceOn(life, d)]);
      for (const p of life.parties) if (states.includes(p)) s.set(`bound|${slug}|${p}`, TRI[partyBound(life, p, d, this.league)]);
    }
    for (const p of states) {
      s.set(`member|${p}`, TRI[isMemberOn(this.league(p), d)]);
      s.set(`owe|${p}`, TRI[canOwe(this.corpus, p, d)]);
    }
    for (const l of this.literals) {
      s.set(`date|${l.date.text}`, l.ops.map((op) => TRI[COMPARE[op](d, l.date)]).join(''));
    }
    this.cache.set(day, s);
    return s;
  }

  /** The situation on a day as a canonical text. */
  situation(day: number): string {
    return [...this.on(day)].map(([k, v]) => `${k}=${v}`).join(';');
  }

  /** Whether every one of the given treaties is surely in force on a day. */
  allInForce(slugs: readonly string[], day: number): boolean {
    const s = this.on(day);
    return slugs.every((slug) => s.get(`in-force|${slug}`) === TRI[T]);
  }

  /** What changes from the day before to this one, in words: the history's steps, then the situation's changes. */
  changes(day: number): string[] {
    const steps = (this.steps.get(day) ?? []).map((x) => x.words);
    const stepped = new Set((this.steps.get(day) ?? []).map((x) => x.treaty));
    const was = this.on(day - 1);
    const now = this.on(day);
    const out = [...steps];
    const changed = (k: string) => was.get(k) !== now.get(k);
    for (const [key, value] of now) {
      // A state that only now matters brings its standing along: "the states tried change" says it.
      if (!changed(key) || (key !== 'states' && !was.has(key))) continue;
      const [what, a, b] = key.split('|') as [string, string, string?];
      const v = TRI.indexOf(value as (typeof TRI)[number]) as Tri;
      switch (what) {
        case 'states': {
          const before = new Set((was.get('states') ?? '').split(',').filter(Boolean));
          const after = value.split(',').filter(Boolean);
          const added = after.filter((x) => !before.has(x));
          const gone = [...before].filter((x) => !after.includes(x));
          out.push(
            `the states tried change:${added.length > 0 ? ` ${added.join(', ')} in` : ''}${gone.length > 0 ? `${added.length > 0 ? ',' : ''} ${gone.join(', ')} out` : ''}`,
          );
          break;
        }
        case 'in-force':
          if (!stepped.has(a))
            out.push(v === T ? `${a} enters into force` : v === F ? `${a} ceases to be in force` : `${a} may be in force (a partial date)`);
          break;
        case 'bound':
          // The Covenant binds a party while it is a Member: its membership says it better.
          if (stepped.has(a) || (a === LEAGUE_COVENANT && changed(`member|${b}`))) break;
          out.push(
            v === T
              ? `${b} becomes bound by ${a}`
              : v === F
                ? `${b} ceases to be bound by ${a}`
                : `${b} may be bound by ${a} (a partial date)`,
          );
          break;
        case 'member':
          out.push(this.membershipWords(a, v, day));
          break;
        case 'owe':
          out.push(
            v === T
              ? `${a} can be bound again (a state again, or its government in exile recognised)`
              : v === F
                ? `${a} can no longer be bound (out of the state system, no recognised government in exile)`
                : `${a} may be out of the state system (a partial date)`,
          );
          break;
        case 'date': {
          const l = this.literals.find((x) => x.date.text === a) as DateLiteral;
          const when = day === l.date.lo ? a : day === l.date.hi ? `the day after ${a}` : `within ${a}`;
          out.push(`${when}, a date the rules compare (${l.rules.join(', ')})`);
          break;
        }
      }
    }
    return out;
  }

  private membershipWords(state: string, v: Tri, day: number): string {
    if (v === T) return `${state} becomes a Member of the League`;
    const record = this.league(state);
    if (v !== F || !record) return `${state} may be a Member of the League (a partial date in the record)`;
    const end = membershipEnd(record);
    if (record.expelled && end && end.hi - 1 <= day) return `${state} is expelled from the League`;
    if (end && end.hi - 1 <= day) {
      return `${state}'s withdrawal from the League takes effect${record.withdrawalNotice ? ` (notice of ${record.withdrawalNotice.text})` : ''}`;
    }
    return `${state} is not yet a Member of the League`;
  }

  /**
   * The days on which the situation may change: around each end of every date it is read from
   * (a treaty's entry, end, steps and members' times; each League record; each state's spells in
   * the state system, of every state, since the states that matter may change with them; each
   * date the rules compare). A day's situation also reads the next day (the states that matter
   * must exist on both), hence the day before each end too. Between two of them it is constant.
   */
  private turns(): number[] {
    if (this.turnDays) return this.turnDays;
    const days = new Set<number>();
    const around = (lo: number, hi: number) => {
      for (const d of [lo - 1, lo, lo + 1, hi - 2, hi - 1, hi]) days.add(d);
    };
    const date = (d: PartialDate | undefined) => d && around(d.lo, d.hi);
    for (const life of this.lives) {
      date(life.entry);
      date(life.end);
      for (const h of life.history) date(h.at);
      for (const m of life.members.values()) {
        date(m.from);
        date(m.to);
      }
    }
    for (const m of this.corpus.league.values()) {
      for (const d of [m.admitted, m.withdrawalNotice, m.withdrawalEffective, m.expelled, membershipEnd(m)]) date(d);
    }
    for (const st of this.corpus.states.states) for (const span of this.corpus.states.spansOf(st.abb) ?? []) around(span.lo, span.hi);
    for (const l of this.literals) date(l.date);
    this.turnDays = [...days].sort((a, b) => a - b);
    return this.turnDays;
  }

  /** The periods between two days (both included), in order. */
  periods(lo: number, hi: number): SituationPeriod[] {
    const out: SituationPeriod[] = [];
    let current: SituationPeriod = { lo, hi, changes: this.changes(lo), situation: this.situation(lo) };
    out.push(current);
    for (const day of this.turns()) {
      if (day <= lo || day > hi) continue;
      const situation = this.situation(day);
      if (current.situation === situation && !this.steps.has(day)) continue;
      current.hi = day - 1;
      current = { lo: day, hi, changes: this.changes(day), situation };
      out.push(current);
    }
    return out;
  }
}

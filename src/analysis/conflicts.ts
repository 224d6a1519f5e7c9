/**
 * @module analysis/conflicts
 * Treaty compatibility (issue 4, point 2; over time, issue 11, point 5): does performing what one
 * treaty makes due ever breach what another forbids (or another duty it imposes), for the same
 * state, at any time the treaties are in force together?
 *
 * **The question.** `conflicts(corpus, slugs)` searches a bounded space of scenarios for a
 * situation in which a duty of one of the named treaties is `due` for a state and, once that
 * state performs it the next day, some instance of a norm of *another* named treaty held by the
 * same state becomes `breached` (a prohibition whose forbidden act the performance is, or a
 * duty whose `breached by` act it is). The answer is either "compatible within these bounds, in
 * every period searched", with the bounds, or a witness and its period: a runnable scenario file
 * whose `expect` block asserts both.
 *
 * **What performing a duty means (casus's reading, not the treaties' words).** A war duty is
 * performed as analysis/performance.ts records it (the cascade's reading too): belligerence in
 * defence of the beneficiary, `assistance {by: holder, to: beneficiary, against: counterparty}`
 * and `war-declaration {by: holder, against: counterparty}`, no aggression; an offence duty also
 * records the holder's aggression. Whether that breaches another treaty is that treaty's norm to
 * say, by its own exceptions. Any other duty is performed by the event its `fulfilled by` clause
 * names, with `by` the holder, `to` the beneficiary, `against` the counterparty and `between` the
 * two; a performance that does not make the duty `fulfilled` is not counted.
 *
 * **The bounds** (reported in `bounds`; directed, not brute force):
 * 1. *Periods.* The window is the whole time all named treaties are in force together, from the
 *    first day all are in force to the last (when none of them ends, to the last day the corpus
 *    records anything: its horizon); `from` and `to` narrow it. It is split into the periods in
 *    which the treaties' legal situation is constant (analysis/periods.ts): the status and
 *    parties of the named treaties and of the treaties their rules call, the League membership
 *    and the standing as a state of every state tried, the dates the rules compare, and the
 *    states tried. Each period is searched on its first day `d`: triggers and the events that
 *    complete them happen on `d`, the performance on `d + 1`, the instant the report describes.
 *    A period whose next day is already in another situation (one day long) is skipped. The
 *    search stops at the first witness (the later periods are listed, not searched), unless
 *    `all` asks for every period.
 * 2. *The states that matter.* The parties of the named treaties, the states their rules name
 *    (sets and literals), one European state outside them and one non-European state, the first
 *    of each in `corpus/data/states.csv` that is in the state system on `d` and `d + 1`: these two
 *    are picked per period, so the states tried may differ from one period to the next.
 * 3. *Trigger events.* For every event type that triggers a norm of the named treaties, every
 *    instantiation over those states (two different states in a `by`/`against`/`to` pair;
 *    `unprovoked` true, false and unknown; a text field takes the texts the treaties' rules
 *    compare it with): one scenario each.
 * 4. *Completions.* Every pending duty of a named treaty is completed along each alternative of
 *    its `missing`: the event patterns are instantiated, fields they leave open filled from the
 *    same domain (states, booleans, texts), and the new scenario explored in turn, up to
 *    `maxEvents` events before the performance (default 8). An alternative that only settles a
 *    field the scenario left unknown (`{aggression, unprovoked: true}`) is skipped: step 3
 *    already tries that value.
 * 5. *Performance.* Every duty due on `d + 1` is performed as above and the report compared
 *    with the one without the performance.
 * Duties whose holder is not a party to another named treaty with a norm that an act of the
 * performance's types could breach are set aside (`examined.skipped`): nothing they do can
 * produce a conflict. Scenarios are evaluated against the named treaties and what their rules
 * refer to (other treaties' norms are left out, which does not change the named treaties'
 * instances); the witness is then checked against the whole corpus.
 *
 * **Limits.** One day per period: rules that turn on time (Article 12's three months, a
 * deadline, "before") are tried with all the scenario's events on one day and the performance
 * the next, so a conflict that needs events on either side of a change (a trigger before
 * Germany leaves the League, the performance after) is outside the bounds. So is one needing two
 * unrelated triggers (a prohibition created by one event and a duty by another), or more than
 * `maxEvents` events.
 *
 * Deterministic: the same corpus and arguments give the same result, except `ms`, the time taken.
 * @example
 * const r = conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925']);
 * console.log(conflictsText(r));
 */

import { CasusError } from '../base/casus-error.js';
import type { Event, FieldValue } from '../base/event.js';
import type { FieldSpec } from '../base/event-types.js';
import { dateProblem, fromDayNumber, type PartialDate, parseDate } from '../base/partial-date.js';
import { T } from '../base/tri.js';
import { wrapLines } from '../base/wrap.js';
import { membershipEnd } from '../corpus/league.js';
import { unknownTreatyError } from '../corpus/lookup.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import { fieldsNamed, patternTypes, typesNamed, type Vocabulary } from '../corpus/vocabulary.js';
import { canOwe } from '../engine/binding.js';
import { evaluate } from '../engine/evaluate.js';
import { readingsOf } from '../engine/readings.js';
import type { EventOut, NormInstance, Report } from '../engine/report.js';
import { inForceOn, type TreatyLife, treatyLife } from '../engine/treaty-status.js';
import type { NormDef } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { scenarioYaml as writeScenario } from '../scenario/write-scenario.js';
import { checkExpectations } from './check-expectations.js';
import { PERFORMANCE_READING, warPerformance } from './performance.js';
import { type SituationPeriod, Situations } from './periods.js';
import { ruleExprs } from './rule-exprs.js';

/** Options of `conflicts`. Dates are ISO texts (`1936-03-27`, `1937`). */
export interface ConflictOptions {
  /** First day of the window searched (default: the first day all named treaties are in force). */
  from?: string;
  /** Last day of the window (default: the last day all are in force, or the corpus's horizon if none ends). */
  to?: string;
  /** Most events a scenario may hold before the performance (default 8). */
  maxEvents?: number;
  /** Search every period, and report each one's witness (default: stop at the first witness). */
  all?: boolean;
}

/** What became of a period: searched and compatible, searched with a witness, skipped, or not reached. */
export type ConflictOutcome = 'compatible' | 'conflict' | 'skipped' | 'not-searched';

/** A stretch of the window in which the treaties' legal situation is constant, and what its search found. */
export interface ConflictPeriod {
  /** First and last day (both included). */
  from: string;
  to: string;
  /** What changes on `from`: why a period begins there (the window's opening if nothing does). */
  starts: string[];
  outcome: ConflictOutcome;
  /** The day of the triggers and completions (the period's first); absent if the period was not searched. */
  date?: string;
  /** The day of the performance, and the instant of every report. */
  performedOn?: string;
  /** Every state a field may take that day, in the order tried. */
  states?: string[];
  /** The two states added from outside the treaties that day: a European one and a non-European one. */
  outsiders?: { european?: string; nonEuropean?: string };
  /** Why the period was skipped or not searched. */
  note?: string;
  /** How much of the space this period's search explored. */
  examined?: ConflictExamined;
}

/** The space the search covered. */
export interface ConflictBounds {
  treaties: string[];
  /** The window searched: first and last day. */
  from: string;
  to: string;
  /** How the window was chosen, in words. */
  window: string;
  /** Every period of the window, in order. */
  periods: ConflictPeriod[];
  /** Whether every period was to be searched (`all`), or the search was to stop at the first witness. */
  all: boolean;
  /** The states tried in every period: the parties of the named treaties and the states their rules name. */
  states: string[];
  /** How the other states tried are picked, per period. */
  outsiders: string;
  /** The event types that trigger a norm of the named treaties. */
  triggerTypes: string[];
  /** The texts a text field may take, by field: those the rules compare it with. */
  texts: Record<string, string[]>;
  maxEvents: number;
  /** How a duty is performed: casus's reading, said plainly. */
  performance: string;
}

/** How much of the space was explored. */
export interface ConflictExamined {
  /** Trigger events tried (step 3), one scenario each. */
  triggers: number;
  /** Distinct scenarios evaluated: the trigger scenarios and every completion of a pending duty. */
  scenarios: number;
  /** Due duties whose performance was added and checked. */
  performances: number;
  /** Due or pending duties set aside: their holder is bound by no norm of another named treaty that the performance could breach. */
  skipped: number;
}

/** A norm instance of the witness, as the report gives it (without explanation). */
export type ConflictInstance = Omit<NormInstance, 'explanation'>;

/** A scenario in which performing a due duty breaches a norm of another treaty. */
export interface ConflictWitness {
  /** The period in which it was found (first and last day). */
  period: { from: string; to: string };
  /** The day of its triggers, and the day of the performance. */
  date: string;
  performedOn: string;
  /** A runnable scenario file (YAML) with an `expect` block asserting the duty and the breach. */
  scenarioYaml: string;
  /** The duty, as it stands once performed (`fulfilled`: it was due and the act performed it). */
  duty: ConflictInstance;
  /** The instance of the other treaty that the performance breaches. */
  breached: ConflictInstance;
  /** What the witness shows, in plain words. */
  explanation: string;
}

/** What `conflicts` answers. `witness` is the first witness; `witnesses` every one found (one per period, all of them only with `all`). */
export type ConflictResult =
  | { compatible: true; bounds: ConflictBounds; examined: ConflictExamined; ms: number }
  | {
      compatible: false;
      witness: ConflictWitness;
      witnesses: ConflictWitness[];
      bounds: ConflictBounds;
      examined: ConflictExamined;
      ms: number;
    };

const DEFAULT_MAX_EVENTS = 8;
/** Fields whose states must differ within one event (no state attacks or assists itself). */
const PARTY_FIELDS = ['by', 'against', 'to'];
/** How far the default window looks for a first day all named treaties are in force. */
const SEARCH_YEARS = 50;

/** The search's domain: what a field may take. */
interface Domain {
  vocabulary: Vocabulary;
  states: string[];
  texts: Map<string, string[]>;
  treaties: string[];
  date: PartialDate;
}

/**
 * Searches a bounded space of scenarios for a conflict between the named treaties, period by
 * period (see the module comment for the semantics and the bounds). Bad input (an unknown
 * treaty, fewer than two, a bad date or window, a window in which they are never all in force, a
 * bad `maxEvents`) throws a CasusError.
 */
export function conflicts(corpus: Corpus, slugs: readonly string[], options: ConflictOptions = {}): ConflictResult {
  const started = performance.now();
  const named = checkSlugs(corpus, slugs);
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  if (!Number.isInteger(maxEvents) || maxEvents < 1) {
    throw new CasusError('input.bad-option', `maxEvents must be a whole number of at least 1, not ${String(maxEvents)}`);
  }
  const all = options.all === true;
  const window = searchWindow(corpus, named, options);
  const { sub, referenced } = searchCorpus(corpus, named);
  const fixed = fixedStates(named);
  const texts = ruleTexts(referenced);
  const outsiders = outsidersOn(corpus, fixed);
  const situations = new Situations(corpus, referenced, (day) => [...fixed, ...outsiderList(outsiders(day))]);
  const namedSlugs = named.map((t) => t.slug);
  const triggerTypes = unique(named.flatMap((t) => t.norms.flatMap((n) => (n.def.trigger ? patternTypes(n.def.trigger) : []))));
  const examined: ConflictExamined = { triggers: 0, scenarios: 0, performances: 0, skipped: 0 };
  const periods: ConflictPeriod[] = [];
  const found: Array<{ period: ConflictPeriod; found: Found }> = [];
  for (const p of situations.periods(window.lo, window.hi)) {
    const period: ConflictPeriod = {
      from: fromDayNumber(p.lo).text,
      to: fromDayNumber(p.hi).text,
      starts: p.changes.length > 0 ? p.changes : [window.opens],
      outcome: 'not-searched',
    };
    periods.push(period);
    if (found.length > 0 && !all) {
      period.note = 'not searched: the search stops at the first witness';
      continue;
    }
    const why = unsearchable(situations, namedSlugs, p);
    if (why) {
      period.outcome = 'skipped';
      period.note = why;
      continue;
    }
    const date = fromDayNumber(p.lo);
    const out = outsiders(p.lo);
    const dom: Domain = { vocabulary: corpus.vocabulary, states: [...fixed, ...outsiderList(out)], texts, treaties: namedSlugs, date };
    const search = new Search(sub, named, dom, fromDayNumber(p.lo + 1), maxEvents);
    const hit = search.run(triggerTypes);
    period.outcome = hit ? 'conflict' : 'compatible';
    period.date = date.text;
    period.performedOn = fromDayNumber(p.lo + 1).text;
    period.states = dom.states;
    period.outsiders = out;
    period.examined = search.examined;
    for (const k of Object.keys(examined) as Array<keyof ConflictExamined>) examined[k] += search.examined[k];
    if (hit) found.push({ period, found: hit });
  }
  if (!periods.some((p) => p.outcome === 'compatible' || p.outcome === 'conflict')) {
    throw new CasusError(
      'input.bad-option',
      `${namedSlugs.join(' and ')} are in force together between ${window.from} and ${window.to}, but on no two consecutive days in the same situation: nothing to search; choose a longer window`,
    );
  }
  const bounds: ConflictBounds = {
    treaties: namedSlugs,
    from: window.from,
    to: window.to,
    window: window.words,
    periods,
    all,
    states: fixed,
    outsiders:
      'one European state outside the treaties and one non-European state, the first of each in corpus/data/states.csv in the state system on the day searched and the next: picked per period',
    triggerTypes,
    texts: Object.fromEntries([...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    maxEvents,
    performance: PERFORMANCE_READING,
  };
  const ms = () => Math.round(performance.now() - started);
  if (found.length === 0) return { compatible: true, bounds, examined, ms: ms() };
  const witnesses = found.map((f) => writeWitness(corpus, namedSlugs, f.period, f.found));
  return { compatible: false, witness: witnesses[0] as ConflictWitness, witnesses, bounds, examined, ms: ms() };
}

/** Why a period cannot be searched on its first day, or undefined if it can. */
function unsearchable(situations: Situations, named: readonly string[], p: SituationPeriod): string | undefined {
  if (!situations.allInForce(named, p.lo) || !situations.allInForce(named, p.lo + 1)) {
    return 'skipped: the named treaties are not all in force on its first day and the next';
  }
  if (situations.situation(p.lo + 1) !== p.situation) {
    return 'skipped: one day long; the situation changes on the next day, the day the performance would fall on';
  }
  return undefined;
}

/** The named treaties, checked: at least two, distinct, each in the corpus. */
function checkSlugs(corpus: Corpus, slugs: readonly string[]): Treaty[] {
  if (slugs.length < 2) {
    throw new CasusError(
      'input.missing-option',
      `name at least two treaties to compare (got ${slugs.length}); \`casus list\` shows the corpus`,
    );
  }
  const seen = new Set<string>();
  return slugs.map((slug) => {
    const t = corpus.treaties.get(slug);
    if (!t) throw unknownTreatyError(corpus, slug);
    if (seen.has(slug)) throw new CasusError('input.bad-option', `treaty "${slug}" is named twice: name each treaty once`);
    seen.add(slug);
    return t;
  });
}

function readDate(text: string, option: string): PartialDate {
  const problem = dateProblem(text);
  if (problem) throw new CasusError('input.bad-date', `--${option}: ${problem}`);
  return parseDate(text);
}

const horizons = new WeakMap<Corpus, number>();

/**
 * The last day the corpus records anything: a treaty's recorded step, a League admission, notice,
 * withdrawal or expulsion (a withdrawal's effect worked out by Covenant Art. 1(3) where the record
 * gives only the notice). The default window ends there when none of the named treaties ends.
 */
function corpusHorizon(corpus: Corpus): number {
  const known = horizons.get(corpus);
  if (known !== undefined) return known;
  let last = Number.NEGATIVE_INFINITY;
  const see = (d: PartialDate | undefined) => {
    if (d && d.hi - 1 > last) last = d.hi - 1;
  };
  for (const t of corpus.treaties.values()) for (const e of t.lifecycle) see(e.date);
  for (const m of corpus.league.values()) {
    for (const d of [m.admitted, m.withdrawalNotice, m.withdrawalEffective, m.expelled, membershipEnd(m)]) see(d);
  }
  horizons.set(corpus, last);
  return last;
}

/** When a treaty is in force, in words (`in force from 1926-09-14`, `… until 1938-09-30`). */
function lifeWords(life: TreatyLife): string {
  if (!life.entry) return `${life.treaty.slug}: never in force`;
  return `${life.treaty.slug}: in force from ${life.entry.text}${life.end ? ` until ${life.end.text}` : ''}`;
}

/** The window searched: its first and last day, and how they were chosen. */
interface SearchWindow {
  lo: number;
  hi: number;
  from: string;
  to: string;
  words: string;
  /** Why the first period begins when nothing changes on its first day. */
  opens: string;
}

/**
 * The window searched: the time all named treaties are in force together (to the corpus's horizon
 * if none of them ends), narrowed by `from` and `to`. Never together, or not within the dates
 * asked: a CasusError naming the dates.
 */
function searchWindow(corpus: Corpus, named: Treaty[], options: ConflictOptions): SearchWindow {
  const lives = named.map((t) => treatyLife(t, []));
  const never = lives.filter((l) => !l.entry).map((l) => l.treaty.slug);
  if (never.length > 0) throw new CasusError('input.bad-option', `${never.join(', ')} never entered into force: nothing to compare`);
  const names = named.map((t) => t.slug).join(' and ');
  const times = lives.map(lifeWords).join('; ');
  const together = (day: number) => lives.every((l) => inForceOn(l, fromDayNumber(day)) === T);
  const asked = { from: options.from, to: options.to };
  const from = asked.from !== undefined ? readDate(asked.from, 'from') : undefined;
  const to = asked.to !== undefined ? readDate(asked.to, 'to') : undefined;
  if (from && to && to.hi - 1 < from.lo) throw new CasusError('input.bad-option', `--to ${to.text} comes before --from ${from.text}`);
  // The first day every treaty surely binds: from the latest entry into force, the first day all hold.
  const latest = Math.max(...lives.map((l) => (l.entry as PartialDate).lo));
  const start = Math.max(latest, from?.lo ?? latest);
  const limit = to ? to.hi - 1 : start + 366 * SEARCH_YEARS;
  let lo = start;
  while (lo <= limit && !together(lo)) lo++;
  if (lo > limit) {
    throw new CasusError(
      'input.bad-option',
      from || to
        ? `${names} are never all in force ${from && to ? `between ${from.text} and ${to.text}` : from ? `on or after ${from.text}` : `on or before ${to?.text}`} (${times}): choose another window`
        : `${names} are never in force together (${times})`,
    );
  }
  // Without `to`: to the first end among them, or, if none ends, to the corpus's horizon.
  const ends = lives.flatMap((l) => (l.end ? [l.end.hi - 1] : []));
  const last = to ? to.hi - 1 : ends.length > 0 ? Math.min(...ends) : Math.max(corpusHorizon(corpus), lo);
  let hi = lo;
  while (hi < last && together(hi + 1)) hi++;
  const endsHere = !together(hi + 1);
  const first = fromDayNumber(lo).text;
  const final = fromDayNumber(hi).text;
  const opening = from && lo === from.lo ? `the start of the window asked for, ${from.text}` : 'the first day all are in force';
  const closing = endsHere
    ? 'the last day all are in force'
    : to
      ? `the end of the window asked for, ${to.text}`
      : `none of them ends: the corpus's horizon, the last day it records anything`;
  return {
    lo,
    hi,
    from: first,
    to: final,
    words: `${from || to ? 'within the dates asked, ' : ''}the time ${names} are in force together: from ${first} (${opening}) to ${final} (${closing})`,
    opens: opening,
  };
}

/**
 * The corpus the search evaluates: the named treaties whole; the treaties their rules call
 * (transitively) with only the norms a `status of` refers to; every other treaty without norms
 * (its recorded lifecycle stays, so the timeline is the same). The named treaties' instances
 * depend on nothing else. `referenced` lists the named treaties and those they call.
 */
function searchCorpus(corpus: Corpus, named: Treaty[]): { sub: Corpus; referenced: Treaty[] } {
  const referenced = new Set(named.map((t) => t.slug));
  const statusNorms = new Set<string>();
  const queue = [...named];
  while (queue.length > 0) {
    const t = queue.pop() as Treaty;
    for (const { expr } of ruleExprs(t)) {
      visitExpr(expr, (x) => {
        if (x.kind !== 'call' && x.kind !== 'status') return;
        const ref = x.kind === 'call' ? x.ref : x.norm;
        const slug = ref.treaty ?? t.slug;
        if (x.kind === 'status') statusNorms.add(`${slug}/${ref.name}`);
        const target = corpus.treaties.get(slug);
        if (target && !referenced.has(slug)) {
          referenced.add(slug);
          queue.push(target);
        }
      });
    }
  }
  const isNamed = new Set(named.map((t) => t.slug));
  const treaties = new Map<string, Treaty>();
  for (const [slug, t] of corpus.treaties) {
    treaties.set(slug, isNamed.has(slug) ? t : { ...t, norms: t.norms.filter((n) => statusNorms.has(n.id)) });
  }
  return { sub: { ...corpus, treaties }, referenced: [...referenced].sort().map((slug) => corpus.treaties.get(slug) as Treaty) };
}

/** The states tried in every period (bound 2): the parties of the named treaties, then the states their rules name. */
function fixedStates(named: Treaty[]): string[] {
  const states: string[] = [];
  const add = (s: string) => {
    if (!states.includes(s)) states.push(s);
  };
  for (const t of named) for (const s of treatyLife(t, []).parties) add(s);
  for (const t of named) for (const { expr } of ruleExprs(t)) visitExpr(expr, (x) => x.kind === 'state' && add(x.code));
  return states;
}

/** The outsiders of a day (bound 2): the first European and non-European states of states.csv outside `fixed` that can be bound that day and the next. */
function outsidersOn(corpus: Corpus, fixed: readonly string[]): (day: number) => ConflictPeriod['outsiders'] & object {
  const cache = new Map<number, { european?: string; nonEuropean?: string }>();
  return (day) => {
    const known = cache.get(day);
    if (known) return known;
    const d = fromDayNumber(day);
    const next = fromDayNumber(day + 1);
    const exists = (abb: string) => canOwe(corpus, abb, d) === T && canOwe(corpus, abb, next) === T;
    const outside = corpus.states.states.filter((s) => !fixed.includes(s.abb));
    const european = outside.find((s) => s.european && exists(s.abb))?.abb;
    const nonEuropean = outside.find((s) => !s.european && exists(s.abb))?.abb;
    const out = { ...(european ? { european } : {}), ...(nonEuropean ? { nonEuropean } : {}) };
    cache.set(day, out);
    return out;
  };
}

function outsiderList(o: { european?: string; nonEuropean?: string }): string[] {
  return [o.european, o.nonEuropean].filter((s): s is string => s !== undefined);
}

/** The texts a text field may take (bound 3): those the rules (of the named treaties and what they call) compare it with. */
function ruleTexts(referenced: Treaty[]): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  for (const t of referenced) {
    for (const { expr } of ruleExprs(t)) {
      visitExpr(expr, (x) => {
        if (x.kind !== 'compare' || (x.op !== '=' && x.op !== '!=')) return;
        for (const [a, b] of [
          [x.left, x.right],
          [x.right, x.left],
        ] as const) {
          if (a.kind === 'path' && a.fields.length > 0 && b.kind === 'string') {
            const field = a.fields[a.fields.length - 1] as string;
            const list = texts.get(field) ?? [];
            if (!list.includes(b.value)) list.push(b.value);
            texts.set(field, list.sort());
          }
        }
      });
    }
  }
  return texts;
}

/** Every pair of distinct states, in domain order. */
function pairs(states: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < states.length; i++) for (let j = i + 1; j < states.length; j++) out.push([states[i] as string, states[j] as string]);
  return out;
}

function values(fs: FieldSpec, field: string, dom: Domain): FieldValue[] {
  switch (fs.kind) {
    case 'state':
      return dom.states;
    case 'states':
      return pairs(dom.states);
    case 'bool':
      return [true, false];
    case 'tri':
      return [true, false, 'unknown'];
    case 'text':
      return dom.texts.get(field) ?? ['unspecified'];
    case 'treaty':
      return dom.treaties;
    case 'date':
      return [dom.date.text];
    case 'choice':
      return [...(fs.choices ?? [])];
  }
}

/**
 * Every event of a type with the given fields, the others filled from the domain: required
 * fields always, a three-valued field (`unprovoked`) too for a trigger. Undefined-typed or
 * unknown fields give nothing. Two party fields never name the same state.
 */
function instantiate(
  type: string,
  given: Readonly<Record<string, FieldValue>>,
  dom: Domain,
  trigger: boolean,
): Array<Record<string, FieldValue>> {
  const named = typesNamed(dom.vocabulary, type);
  if (named.length !== 1 || named[0] !== type) return named.flatMap((t) => instantiate(t, given, dom, trigger));
  const spec = dom.vocabulary.types.get(type);
  if (!spec) return [];
  if (Object.keys(given).some((k) => k !== 'type' && !(k in spec))) return [];
  let out: Array<Record<string, FieldValue>> = [{ type }];
  for (const [key, fs] of Object.entries(spec)) {
    let options: FieldValue[];
    if (key in given) options = [given[key] as FieldValue];
    else if (fs.required || (trigger && fs.kind === 'tri')) options = values(fs, key, dom);
    else continue;
    const next: Array<Record<string, FieldValue>> = [];
    for (const partial of out) for (const v of options) next.push({ ...partial, [key]: v });
    out = next;
  }
  return out.filter((f) => {
    const parties = PARTY_FIELDS.map((k) => f[k]).filter((v): v is string => typeof v === 'string');
    return new Set(parties).size === parties.length;
  });
}

/** A canonical text for an event's fields (type first, then fields in alphabetical order). */
function fieldsKey(f: Readonly<Record<string, FieldValue>>): string {
  return JSON.stringify(
    Object.keys(f)
      .sort()
      .map((k) => [k, f[k]]),
  );
}

function instanceKey(n: { norm: string; holder: string; beneficiary: string; trigger?: EventOut }): string {
  return `${n.norm}|${n.holder}|${n.beneficiary}|${n.trigger ? JSON.stringify(n.trigger) : ''}`;
}

/** What the search found: the scenario, its performance, and the two instances. */
interface Found {
  events: Array<Record<string, FieldValue>>;
  performance: Array<Record<string, FieldValue>>;
  duty: NormInstance;
  breached: NormInstance;
}

class Search {
  readonly examined: ConflictExamined = { triggers: 0, scenarios: 0, performances: 0, skipped: 0 };
  private readonly seen = new Set<string>();
  private readonly performed = new Set<string>();
  private readonly namedSlugs: Set<string>;

  constructor(
    private readonly corpus: Corpus,
    private readonly named: Treaty[],
    private readonly dom: Domain,
    private readonly next: PartialDate,
    private readonly maxEvents: number,
  ) {
    this.namedSlugs = new Set(named.map((t) => t.slug));
  }

  /** Steps 3 to 5: every trigger event, each scenario explored in turn, until a witness. */
  run(triggerTypes: readonly string[]): Found | undefined {
    for (const type of triggerTypes) {
      for (const fields of instantiate(type, {}, this.dom, true)) {
        this.examined.triggers++;
        const found = this.explore([fields]);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Evaluates a scenario: its events on the search date, then any performance the next day. */
  private evaluate(events: Array<Record<string, FieldValue>>, performance: Array<Record<string, FieldValue>> = []): Report {
    const timeline: Event[] = [
      ...events.map((f, i) => toEvent(f, i, this.dom.date)),
      ...performance.map((f, i) => toEvent(f, events.length + i, this.next)),
    ];
    return evaluate(this.corpus, { id: 'conflicts-search', events: timeline }, this.next, { explain: false });
  }

  private normDef(id: string): NormDef | undefined {
    const [slug] = id.split('/');
    return this.corpus.treaties.get(slug as string)?.norms.find((n) => n.id === id)?.def;
  }

  /** The events that perform a duty instance (casus's reading), or none if it cannot be performed by an event. */
  private performanceOf(n: NormInstance): Array<Record<string, FieldValue>> {
    const def = this.normDef(n.norm);
    const type = def?.fulfilledBy?.eventType;
    if (!def || !type) return [];
    const war = warPerformance(def, n);
    if (war) return war;
    const spec = fieldsNamed(this.dom.vocabulary, type) ?? {};
    const given: Record<string, FieldValue> = {};
    if ('by' in spec) given.by = n.holder;
    if ('to' in spec) given.to = n.beneficiary;
    if ('against' in spec && n.counterparty) given.against = n.counterparty;
    if ('between' in spec) given.between = [n.holder, n.beneficiary];
    const first = instantiate(type, given, this.dom, false)[0];
    return first ? [first] : [];
  }

  /**
   * Whether a duty's holder could breach a norm of another named treaty by performing it: it is
   * a party to another named treaty with a norm forbidding, or breached by, an act of one of the
   * performance's types.
   */
  private relevant(n: NormInstance, types: ReadonlySet<string>): boolean {
    const own = n.norm.split('/')[0];
    return this.named.some(
      (t) =>
        t.slug !== own &&
        treatyLife(t, []).parties.includes(n.holder) &&
        t.norms.some((m) => [m.def.forbids, m.def.breachedBy].some((p) => p !== undefined && patternTypes(p).some((x) => types.has(x)))),
    );
  }

  /** Explores a scenario (step 4 and 5): performs its due duties, completes its pending ones. */
  explore(events: Array<Record<string, FieldValue>>): Found | undefined {
    const key = events.map(fieldsKey).sort().join('\n');
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    this.examined.scenarios++;
    const base = this.evaluate(events);
    const duties = base.norms.filter((n) => n.kind === 'duty' && this.namedSlugs.has(n.norm.split('/')[0] as string));
    for (const n of duties.filter((d) => d.status === 'due')) {
      const found = this.perform(events, base, n);
      if (found) return found;
    }
    for (const n of duties.filter((d) => d.status === 'pending')) {
      const perf = this.performanceOf(n);
      if (perf.length === 0 || !this.relevant(n, new Set(perf.map((p) => p.type as string)))) {
        this.examined.skipped++;
        continue;
      }
      for (const alt of n.missing) {
        if (alt.some((p) => this.settles(events, p))) continue;
        const options = alt.map((p) => {
          const { type, ...given } = p;
          return instantiate(type, given, this.dom, false);
        });
        for (const added of product(options)) {
          const present = new Set(events.map(fieldsKey));
          const fresh = added.filter((f) => !present.has(fieldsKey(f)));
          if (fresh.length === 0 || events.length + fresh.length > this.maxEvents) continue;
          const found = this.explore([...events, ...dedupe(fresh)]);
          if (found) return found;
        }
      }
    }
    return undefined;
  }

  /** A pattern that only settles a field the scenario left unknown (`{aggression, unprovoked: true}` for an attack of unknown character). */
  private settles(events: Array<Record<string, FieldValue>>, p: Readonly<Record<string, FieldValue>>): boolean {
    return events.some((e) => {
      if (e.type !== p.type) return false;
      let unknownSettled = false;
      for (const [k, v] of Object.entries(p)) {
        if (JSON.stringify(e[k]) === JSON.stringify(v)) continue;
        if (e[k] === 'unknown') unknownSettled = true;
        else return false;
      }
      return unknownSettled;
    });
  }

  /** Step 5: adds the performance of a due duty and looks for an instance of another named treaty, held by the same state, that it breaches. */
  private perform(events: Array<Record<string, FieldValue>>, base: Report, n: NormInstance): Found | undefined {
    const performance = this.performanceOf(n);
    if (performance.length === 0 || !this.relevant(n, new Set(performance.map((p) => p.type as string)))) {
      this.examined.skipped++;
      return undefined;
    }
    const key = `${events.map(fieldsKey).sort().join('\n')}|${instanceKey(n)}`;
    if (this.performed.has(key)) return undefined;
    this.performed.add(key);
    this.examined.performances++;
    const after = this.evaluate(events, performance);
    const done = after.norms.find((m) => instanceKey(m) === instanceKey(n));
    if (done?.status !== 'fulfilled') return undefined;
    const breachedBefore = new Set(base.norms.filter((m) => m.status === 'breached').map(instanceKey));
    const own = n.norm.split('/')[0];
    const breached = after.norms.find((m) => {
      const slug = m.norm.split('/')[0] as string;
      return (
        slug !== own && this.namedSlugs.has(slug) && m.holder === n.holder && m.status === 'breached' && !breachedBefore.has(instanceKey(m))
      );
    });
    return breached ? { events, performance, duty: done, breached } : undefined;
  }
}

/** Every combination of one item from each list. */
function product<X>(lists: X[][]): X[][] {
  let acc: X[][] = [[]];
  for (const list of lists) {
    const next: X[][] = [];
    for (const a of acc) for (const x of list) next.push([...a, x]);
    acc = next;
  }
  return acc;
}

function dedupe(list: Array<Record<string, FieldValue>>): Array<Record<string, FieldValue>> {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = fieldsKey(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function unique<X>(list: X[]): X[] {
  return [...new Set(list)];
}

function toEvent(f: Readonly<Record<string, FieldValue>>, seq: number, date: PartialDate): Event {
  const { type, ...fields } = f;
  return { seq, date, type: type as string, fields };
}

// ---------------------------------------------------------------------------------------------
// The witness: a runnable scenario file, checked against the whole corpus.

/** An event in words: `aggression GMY → RUS (unprovoked: true)`. */
function eventWords(f: Readonly<Record<string, FieldValue>>): string {
  const { type, by, against, to, ...rest } = f;
  const target = to ?? against;
  const who =
    by !== undefined
      ? ` ${String(by)}${target !== undefined ? ` → ${String(target)}` : ''}`
      : target !== undefined
        ? ` ${String(target)}`
        : '';
  const extra = Object.entries({ ...(to !== undefined && against !== undefined ? { against } : {}), ...rest });
  return `${String(type)}${who}${extra.length > 0 ? ` (${extra.map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`).join('; ')})` : ''}`;
}

/** `, none of its exceptions holding as casus reads them (interpretation …)` for a norm that relies on readings. */
function readingsText(corpus: Corpus, normId: string): string {
  const [slug] = normId.split('/');
  const norm = corpus.treaties.get(slug as string)?.norms.find((n) => n.id === normId);
  const readings = norm ? readingsOf(norm, corpus) : [];
  return readings.length > 0
    ? `, none of its exceptions holding as casus reads them (interpretation ${readings.map((r) => `${r.id} of ${r.treaty}`).join(', ')})`
    : '';
}

function strip(n: NormInstance): ConflictInstance {
  const { explanation: _explanation, ...rest } = n;
  return rest;
}

function writeWitness(corpus: Corpus, treaties: readonly string[], period: ConflictPeriod, found: Found): ConflictWitness {
  const { duty, breached } = found;
  const date = period.date as string;
  const performedOn = period.performedOn as string;
  const [first, ...rest] = found.events;
  const explanation = [
    `On ${date}: ${eventWords(first as Record<string, FieldValue>)}${rest.length > 0 ? `; then ${rest.map(eventWords).join('; ')}` : ''}.`,
    `${duty.norm} then makes ${duty.holder} owe ${duty.beneficiary} "${duty.action}"${duty.counterparty ? ` against ${duty.counterparty}` : ''}: due.`,
    `${duty.holder} performs it on ${performedOn} (casus's reading): ${found.performance.map(eventWords).join('; ')}.`,
    `${duty.norm} is fulfilled, and ${breached.norm} (${breached.kind} of ${breached.holder} toward ${breached.beneficiary}: "${breached.action}") is breached by the same act${readingsText(corpus, breached.norm)}.`,
  ].join(' ');
  const id = `conflict-${treaties.join('-vs-')}`.replace(/[^a-z0-9-]/g, '-');
  const expectDuty = {
    norm: duty.norm,
    holder: duty.holder,
    beneficiary: duty.beneficiary,
    ...(duty.counterparty ? { counterparty: duty.counterparty } : {}),
    status: 'fulfilled',
  };
  const expectBreach = {
    norm: breached.norm,
    holder: breached.holder,
    beneficiary: breached.beneficiary,
    ...(breached.counterparty ? { counterparty: breached.counterparty } : {}),
    status: 'breached',
  };
  const description =
    `Found by \`casus conflicts ${treaties.join(' ')}\` in the period from ${period.from} to ${period.to}, in which the ` +
    `treaties' legal situation is constant (it begins with: ${period.starts.join('; ')}): performing a duty that ` +
    `${duty.norm.split('/')[0]} makes due breaches ${breached.norm}. ${explanation} The expectations assert the duty as ` +
    `fulfilled (it was due, and the act performed it; an act counts as performance only of a duty that is owed) and the ` +
    `other treaty's ${breached.kind} as breached.`;
  const asEvent = (day: string) => (f: Readonly<Record<string, FieldValue>>) => ({ date: day, ...f }) as EventOut;
  const scenarioYaml = writeScenario({
    id,
    title: `Conflict: ${duty.norm} against ${breached.norm}`,
    description: wrapLines(description, 100).join('\n'),
    at: performedOn,
    events: [...found.events.map(asEvent(date)), ...found.performance.map(asEvent(performedOn))],
    expect: [expectDuty, expectBreach],
  });
  // The round trip, against the whole corpus: the file must load and its expectations hold.
  const scenario = loadScenario(scenarioYaml, `${id}.yaml`, corpus);
  const report = evaluate(corpus, scenario, scenario.at as PartialDate, { explain: false });
  const mismatches = checkExpectations(scenario, report);
  if (mismatches.length > 0) {
    throw new Error(`casus bug: the conflict witness does not hold against the whole corpus: ${JSON.stringify(mismatches)}`);
  }
  const pick = (want: Record<string, string>) =>
    report.norms.find((n) =>
      Object.entries(want).every(([k, v]) => String((n as unknown as Record<string, unknown>)[k]) === v),
    ) as NormInstance;
  return {
    period: { from: period.from, to: period.to },
    date,
    performedOn,
    scenarioYaml,
    duty: strip(pick(expectDuty)),
    breached: strip(pick(expectBreach)),
    explanation,
  };
}

/** An outcome in the words of the periods table. */
const OUTCOME_WORDS: Record<ConflictOutcome, string> = {
  compatible: 'compatible',
  conflict: '✗ witness',
  skipped: 'skipped',
  'not-searched': 'not searched',
};

/** The outsiders of the searched periods, grouped over consecutive periods that share them. */
function outsiderWords(periods: readonly ConflictPeriod[]): string {
  const groups: Array<{ words: string; from: string; to: string }> = [];
  for (const p of periods) {
    if (!p.outsiders) continue;
    const o = p.outsiders;
    const words =
      [
        o.european ? `${o.european} (a European state outside the treaties)` : '',
        o.nonEuropean ? `${o.nonEuropean} (a non-European state)` : '',
      ]
        .filter(Boolean)
        .join(' and ') || 'none';
    const last = groups.at(-1);
    if (last && last.words === words) last.to = p.to;
    else groups.push({ words, from: p.from, to: p.to });
  }
  if (groups.length === 1) return `${groups[0]?.words} in every period searched`;
  return groups.map((g) => `${g.words} from ${g.from} to ${g.to}`).join('; ');
}

/** The result for the terminal: plain text, readable by a historian. */
export function conflictsText(r: ConflictResult): string {
  const b = r.bounds;
  const e = r.examined;
  const searched = b.periods.filter((p) => p.outcome === 'compatible' || p.outcome === 'conflict');
  const witnesses = r.compatible ? [] : r.witnesses;
  const verdict = r.compatible
    ? '✓ Compatible within these bounds, in every period searched: in no scenario searched does performing a duty of one treaty breach a norm of another held by the same state.'
    : `✗ Not compatible: in the period from ${r.witness.period.from} to ${r.witness.period.to}${
        witnesses.length > 1 ? ` (and ${witnesses.length - 1} more of the ${searched.length} periods searched)` : ''
      }, performing a duty of one treaty breaches a norm of another held by the same state.`;
  const unsearched = b.periods.filter((p) => p.outcome === 'not-searched').length;
  const skipped = b.periods.filter((p) => p.outcome === 'skipped').length;
  const lines = [
    `Compatibility of ${b.treaties.join(' and ')}`,
    '',
    ...wrapLines(verdict, 118),
    '',
    ...wrapLines(
      `Periods: searched ${searched.length} of ${b.periods.length} from ${b.from} to ${b.to}${skipped > 0 ? ` (${skipped} skipped)` : ''}, ` +
        `each a stretch in which the treaties' legal situation is constant, on its first day (the performance on the next). ` +
        `The window: ${b.window}.`,
      118,
    ),
  ];
  for (const p of b.periods) {
    const head = `  ${p.from} … ${p.to}  ${OUTCOME_WORDS[p.outcome].padEnd(12)}  `;
    const [firstLine, ...more] = wrapLines(`begins: ${p.starts.join('; ')}`, 120 - head.length);
    lines.push(`${head}${firstLine ?? ''}`, ...more.map((l) => `${' '.repeat(head.length)}${l}`));
  }
  if (unsearched > 0) {
    lines.push(
      `  (${unsearched} later period${unsearched > 1 ? 's were' : ' was'} not searched: the search stops at the first witness; --all searches every period)`,
    );
  }
  lines.push(
    '',
    'Bounds',
    ...wrapLines(`${b.states.join(', ')} in every period; with them ${outsiderWords(b.periods)}`, 108, '             ').map((l, i) =>
      i === 0 ? `  states     ${l.trimStart()}` : l,
    ),
    `  triggers   every ${b.triggerTypes.join(', ')} between those states (unprovoked: true, false, unknown)`,
    ...Object.entries(b.texts).map(([k, v], i) => `  ${i === 0 ? 'texts     ' : '          '} ${k}: ${v.map((x) => `"${x}"`).join(', ')}`),
    `  completion every alternative of what a pending duty misses, up to ${b.maxEvents} events before the performance`,
    wrapLines(`performance ${b.performance}`, 120, '  ')
      .join('\n')
      .replace(/^ {2}performance /, '  performed  '),
    '',
    `Examined, over the periods searched: ${e.triggers} trigger events, ${e.scenarios} scenarios, ${e.performances} performances checked; ${e.skipped} duties set aside (their holder is bound by nothing in the other treaties that the act could breach). ${r.ms} ms.`,
  );
  for (const w of witnesses) {
    lines.push(
      '',
      `Witness, in the period from ${w.period.from} to ${w.period.to}`,
      wrapLines(w.explanation, 110, '  ').join('\n'),
      '',
      '  Runnable scenario (`casus test` checks its expect block):',
      '',
      ...w.scenarioYaml
        .trimEnd()
        .split('\n')
        .map((l) => `    ${l}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

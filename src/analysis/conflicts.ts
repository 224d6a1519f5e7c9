/**
 * @module analysis/conflicts
 * Treaty compatibility (issue 4, point 2): does performing what one treaty makes due ever
 * breach what another forbids (or another duty it imposes), for the same state?
 *
 * **The question.** `conflicts(corpus, slugs)` searches a bounded space of scenarios for a
 * situation in which a duty of one of the named treaties is `due` for a state and, once that
 * state performs it the next day, some instance of a norm of *another* named treaty held by the
 * same state becomes `breached` (a prohibition whose forbidden act the performance is, or a
 * duty whose `breached by` act it is). The answer is either "compatible within these bounds",
 * with the bounds, or a witness: a runnable scenario file whose `expect` block asserts both.
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
 * 1. *One date.* The first day `d` in [from, to] on which every named treaty is in force, and
 *    still is on `d + 1` (default: `from` = the first day all are in force, `to` = a year later).
 *    Triggers and the events that complete them happen on `d`; the performance on `d + 1`, the
 *    instant the report describes.
 * 2. *The states that matter.* The parties of the named treaties, the states their rules name
 *    (sets and literals), one European state outside them and one non-European state, the first
 *    of each in `corpus/data/states.csv` that is in the state system on `d`.
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
 * **Limits.** One date per search: rules that turn on time (Article 12's three months, a
 * deadline, "before") are tried with all the scenario's events on one day and the performance
 * the next. A conflict needing two unrelated triggers (a prohibition created by one event and a
 * duty by another) is outside the bounds, as is one that needs more than `maxEvents` events.
 *
 * Deterministic: the same corpus and arguments give the same result, except `ms`, the time taken.
 * @example
 * const r = conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925']);
 * console.log(conflictsText(r));
 */
import { CasusError } from '../base/casus-error.js';
import type { Event, FieldValue } from '../base/event.js';
import { EVENT_TYPES, type FieldKind } from '../base/event-types.js';
import { addDuration, dateProblem, fromDayNumber, type PartialDate, parseDate } from '../base/partial-date.js';
import { T } from '../base/tri.js';
import { wrapLines } from '../base/wrap.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import { evaluate } from '../engine/evaluate.js';
import type { EventOut, NormInstance, Report } from '../engine/report.js';
import { inForceOn, treatyLife } from '../engine/treaty-status.js';
import type { Expr, NormDef } from '../language/ast.js';
import { visitExpr } from '../language/sub-expressions.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { scenarioYaml as writeScenario } from '../scenario/write-scenario.js';
import { checkExpectations } from './check-expectations.js';
import { PERFORMANCE_READING, warPerformance } from './performance.js';

/** Options of `conflicts`. Dates are ISO texts (`1936-03-27`, `1937`). */
export interface ConflictOptions {
  /** First day of the window in which the search date is chosen (default: the first day all named treaties are in force). */
  from?: string;
  /** Last day of the window (default: a year after `from`). */
  to?: string;
  /** Most events a scenario may hold before the performance (default 8). */
  maxEvents?: number;
}

/** The space the search covered. */
export interface ConflictBounds {
  treaties: string[];
  /** The window asked for. */
  from: string;
  to: string;
  /** The day of the triggers and completions: the first day of the window on which all named treaties are in force (and the next). */
  date: string;
  /** The day of the performance, and the instant of every report. */
  performedOn: string;
  /** Every state a field may take, in the order tried. */
  states: string[];
  /** The two states added from outside the treaties: a European one and a non-European one. */
  outsiders: { european?: string; nonEuropean?: string };
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
  /** A runnable scenario file (YAML) with an `expect` block asserting the duty and the breach. */
  scenarioYaml: string;
  /** The duty, as it stands once performed (`fulfilled`: it was due and the act performed it). */
  duty: ConflictInstance;
  /** The instance of the other treaty that the performance breaches. */
  breached: ConflictInstance;
  /** What the witness shows, in plain words. */
  explanation: string;
}

/** What `conflicts` answers. */
export type ConflictResult =
  | { compatible: true; bounds: ConflictBounds; examined: ConflictExamined; ms: number }
  | { compatible: false; witness: ConflictWitness; bounds: ConflictBounds; examined: ConflictExamined; ms: number };

const DEFAULT_MAX_EVENTS = 8;
/** Fields whose states must differ within one event (no state attacks or assists itself). */
const PARTY_FIELDS = ['by', 'against', 'to'];

/** The search's domain: what a field may take. */
interface Domain {
  states: string[];
  texts: Map<string, string[]>;
  treaties: string[];
  date: PartialDate;
}

/**
 * Searches a bounded space of scenarios for a conflict between the named treaties (see the
 * module comment for the semantics and the bounds). Bad input (an unknown treaty, fewer than two,
 * a bad date or window, a bad `maxEvents`) throws a CasusError.
 */
export function conflicts(corpus: Corpus, slugs: readonly string[], options: ConflictOptions = {}): ConflictResult {
  const started = performance.now();
  const named = checkSlugs(corpus, slugs);
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  if (!Number.isInteger(maxEvents) || maxEvents < 1) {
    throw new CasusError('input.bad-option', `maxEvents must be a whole number of at least 1, not ${String(maxEvents)}`);
  }
  const window = searchWindow(named, options);
  const { sub, referenced } = searchCorpus(corpus, named);
  const dom = domain(corpus, referenced, named, window.date);
  const triggerTypes = unique(named.flatMap((t) => t.norms.map((n) => n.def.trigger?.eventType).filter((x): x is string => !!x)));
  const next = fromDayNumber(window.date.lo + 1);
  const bounds: ConflictBounds = {
    treaties: named.map((t) => t.slug),
    from: window.from.text,
    to: window.to.text,
    date: window.date.text,
    performedOn: next.text,
    states: dom.states,
    outsiders: dom.outsiders,
    triggerTypes,
    texts: Object.fromEntries([...dom.texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    maxEvents,
    performance: PERFORMANCE_READING,
  };
  const search = new Search(sub, named, dom, next, maxEvents);
  let found: Found | undefined;
  for (const type of triggerTypes) {
    for (const fields of instantiate(type, {}, dom, true)) {
      search.examined.triggers++;
      found = search.explore([fields]);
      if (found) break;
    }
    if (found) break;
  }
  const examined = search.examined;
  if (!found) return { compatible: true, bounds, examined, ms: Math.round(performance.now() - started) };
  const witness = writeWitness(corpus, bounds, found);
  return { compatible: false, witness, bounds, examined, ms: Math.round(performance.now() - started) };
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
    if (!t) {
      const near = [...corpus.treaties.keys()].filter((k) => k.includes(slug.split('-')[0] ?? slug)).slice(0, 3);
      throw new CasusError(
        'input.unknown-treaty',
        `unknown treaty "${slug}"${near.length > 0 ? ` — did you mean ${near.join(', ')}?` : ''}; \`casus list\` shows the corpus`,
      );
    }
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

/** The window [from, to] and the first day in it on which every named treaty is in force, and the next day too. */
function searchWindow(named: Treaty[], options: ConflictOptions): { from: PartialDate; to: PartialDate; date: PartialDate } {
  const lives = named.map((t) => treatyLife(t, []));
  const never = lives.filter((l) => !l.entry).map((l) => l.treaty.slug);
  if (never.length > 0) throw new CasusError('input.bad-option', `${never.join(', ')} never entered into force: nothing to compare`);
  const inForce = (day: number) => lives.every((l) => inForceOn(l, fromDayNumber(day)) === T && inForceOn(l, fromDayNumber(day + 1)) === T);
  let from: PartialDate;
  if (options.from !== undefined) from = readDate(options.from, 'from');
  else {
    // The first day every treaty surely binds: the latest entry into force, then the first day all hold.
    const latest = Math.max(...lives.map((l) => (l.entry as PartialDate).hi - 1));
    let day = latest;
    const limit = latest + 366 * 50;
    while (day < limit && !inForce(day)) day++;
    if (day >= limit) throw new CasusError('input.bad-option', `${named.map((t) => t.slug).join(' and ')} are never in force together`);
    from = fromDayNumber(day);
  }
  const to = options.to !== undefined ? readDate(options.to, 'to') : addDuration(from, 1, 'year');
  const last = to.hi - 1;
  if (last < from.lo) throw new CasusError('input.bad-option', `--to ${to.text} comes before --from ${from.text}`);
  for (let day = from.lo; day <= last; day++) if (inForce(day)) return { from, to, date: fromDayNumber(day) };
  throw new CasusError(
    'input.bad-option',
    `${named.map((t) => t.slug).join(' and ')} are not all in force on any two consecutive days between ${from.text} and ${to.text}: choose another window`,
  );
}

/** Every expression of a treaty's rules: norms, named conditions, sets. */
function treatyExprs(t: Treaty): Expr[] {
  const out: Expr[] = [];
  const norm = (d: NormDef) => {
    if (d.roles?.kind === 'explicit') out.push(d.roles.holder, d.roles.beneficiary);
    for (const p of [d.trigger, d.forbids, d.fulfilledBy, d.breachedBy, d.endsBy]) if (p?.where) out.push(p.where);
    if (d.counterparty) out.push(d.counterparty);
    if (d.condition) out.push(d.condition);
  };
  for (const n of t.norms) norm(n.def);
  for (const c of t.conditions.values()) out.push(c.def.body);
  for (const s of t.sets.values()) out.push(s.value);
  return out;
}

/**
 * The corpus the search evaluates: the named treaties whole; the treaties their rules call
 * (transitively) with only the norms a `status of` refers to; every other treaty without norms
 * (its recorded lifecycle stays, so the timeline is the same). The named treaties' instances
 * depend on nothing else.
 */
function searchCorpus(corpus: Corpus, named: Treaty[]): { sub: Corpus; referenced: Treaty[] } {
  const referenced = new Set(named.map((t) => t.slug));
  const statusNorms = new Set<string>();
  const queue = [...named];
  while (queue.length > 0) {
    const t = queue.pop() as Treaty;
    for (const e of treatyExprs(t)) {
      visitExpr(e, (x) => {
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

/** The states, texts and treaties a field may take (bounds 2 and 3). */
function domain(
  corpus: Corpus,
  referenced: Treaty[],
  named: Treaty[],
  date: PartialDate,
): Domain & { outsiders: ConflictBounds['outsiders'] } {
  const states: string[] = [];
  const add = (s: string) => {
    if (!states.includes(s)) states.push(s);
  };
  for (const t of named) for (const s of treatyLife(t, []).parties) add(s);
  for (const t of named) for (const e of treatyExprs(t)) visitExpr(e, (x) => x.kind === 'state' && add(x.code));
  const next = fromDayNumber(date.lo + 1);
  const exists = (abb: string) => corpus.states.canBeBound(abb, date) === T && corpus.states.canBeBound(abb, next) === T;
  const european = corpus.states.states.find((s) => s.european && !states.includes(s.abb) && exists(s.abb))?.abb;
  const nonEuropean = corpus.states.states.find((s) => !s.european && !states.includes(s.abb) && exists(s.abb))?.abb;
  if (european) add(european);
  if (nonEuropean) add(nonEuropean);
  // Texts: those the rules (of the named treaties and what they call) compare a field with.
  const texts = new Map<string, string[]>();
  for (const t of referenced) {
    for (const e of treatyExprs(t)) {
      visitExpr(e, (x) => {
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
  return {
    states,
    texts,
    treaties: named.map((t) => t.slug),
    date,
    outsiders: { ...(european ? { european } : {}), ...(nonEuropean ? { nonEuropean } : {}) },
  };
}

/** Every pair of distinct states, in domain order. */
function pairs(states: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < states.length; i++) for (let j = i + 1; j < states.length; j++) out.push([states[i] as string, states[j] as string]);
  return out;
}

function values(kind: FieldKind, field: string, dom: Domain): FieldValue[] {
  switch (kind) {
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
  const spec = EVENT_TYPES[type];
  if (!spec) return [];
  if (Object.keys(given).some((k) => k !== 'type' && !(k in spec))) return [];
  let out: Array<Record<string, FieldValue>> = [{ type }];
  for (const [key, fs] of Object.entries(spec)) {
    let options: FieldValue[];
    if (key in given) options = [given[key] as FieldValue];
    else if (fs.required || (trigger && fs.kind === 'tri')) options = values(fs.kind, key, dom);
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
    const spec = EVENT_TYPES[type] ?? {};
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
        t.norms.some((m) => [m.def.forbids?.eventType, m.def.breachedBy?.eventType].some((x) => x !== undefined && types.has(x))),
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

function strip(n: NormInstance): ConflictInstance {
  const { explanation: _explanation, ...rest } = n;
  return rest;
}

function writeWitness(corpus: Corpus, bounds: ConflictBounds, found: Found): ConflictWitness {
  const { duty, breached } = found;
  const [first, ...rest] = found.events;
  const explanation = [
    `On ${bounds.date}: ${eventWords(first as Record<string, FieldValue>)}${rest.length > 0 ? `; then ${rest.map(eventWords).join('; ')}` : ''}.`,
    `${duty.norm} then makes ${duty.holder} owe ${duty.beneficiary} "${duty.action}"${duty.counterparty ? ` against ${duty.counterparty}` : ''}: due.`,
    `${duty.holder} performs it on ${bounds.performedOn} (casus's reading): ${found.performance.map(eventWords).join('; ')}.`,
    `${duty.norm} is fulfilled, and ${breached.norm} (${breached.kind} of ${breached.holder} toward ${breached.beneficiary}: "${breached.action}") is breached by the same act.`,
  ].join(' ');
  const id = `conflict-${bounds.treaties.join('-vs-')}`.replace(/[^a-z0-9-]/g, '-');
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
    `Found by \`casus conflicts ${bounds.treaties.join(' ')}\`: performing a duty that ${duty.norm.split('/')[0]} makes due breaches ` +
    `${breached.norm}. ${explanation} The expectations assert the duty as fulfilled (it was due, and the act performed it; ` +
    `an act counts as performance only of a duty that is owed) and the other treaty's ${breached.kind} as breached.`;
  const asEvent = (date: string) => (f: Readonly<Record<string, FieldValue>>) => ({ date, ...f }) as EventOut;
  const scenarioYaml = writeScenario({
    id,
    title: `Conflict: ${duty.norm} against ${breached.norm}`,
    description: wrapLines(description, 100).join('\n'),
    at: bounds.performedOn,
    events: [...found.events.map(asEvent(bounds.date)), ...found.performance.map(asEvent(bounds.performedOn))],
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
  return { scenarioYaml, duty: strip(pick(expectDuty)), breached: strip(pick(expectBreach)), explanation };
}

/** The result for the terminal: plain text, readable by a historian. */
export function conflictsText(r: ConflictResult): string {
  const b = r.bounds;
  const e = r.examined;
  const outsiders = [
    b.outsiders.european ? `${b.outsiders.european}: a European state outside the treaties` : '',
    b.outsiders.nonEuropean ? `${b.outsiders.nonEuropean}: a non-European state` : '',
  ].filter(Boolean);
  const lines = [
    `Compatibility of ${b.treaties.join(' and ')}`,
    '',
    r.compatible
      ? '✓ Compatible within these bounds: in no scenario searched does performing a duty of one treaty breach a norm of another held by the same state.'
      : '✗ Not compatible: performing a duty of one treaty breaches a norm of another held by the same state.',
    '',
    'Bounds',
    `  date       triggers and what completes them on ${b.date} (the first day in ${b.from} … ${b.to} on which all are in force); the performance on ${b.performedOn}`,
    `  states     ${b.states.join(', ')}${outsiders.length > 0 ? ` (${outsiders.join('; ')})` : ''}`,
    `  triggers   every ${b.triggerTypes.join(', ')} between those states (unprovoked: true, false, unknown)`,
    ...Object.entries(b.texts).map(([k, v], i) => `  ${i === 0 ? 'texts     ' : '          '} ${k}: ${v.map((x) => `"${x}"`).join(', ')}`),
    `  completion every alternative of what a pending duty misses, up to ${b.maxEvents} events before the performance`,
    wrapLines(`performance ${b.performance}`, 120, '  ')
      .join('\n')
      .replace(/^ {2}performance /, '  performed  '),
    '',
    `Examined: ${e.triggers} trigger events, ${e.scenarios} scenarios, ${e.performances} performances checked; ${e.skipped} duties set aside (their holder is bound by nothing in the other treaties that the act could breach). ${r.ms} ms.`,
  ];
  if (!r.compatible) {
    lines.push(
      '',
      'Witness',
      wrapLines(r.witness.explanation, 110, '  ').join('\n'),
      '',
      '  Runnable scenario (`casus test` checks its expect block):',
      '',
    );
    lines.push(
      ...r.witness.scenarioYaml
        .trimEnd()
        .split('\n')
        .map((l) => `    ${l}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

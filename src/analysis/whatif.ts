import { CasusError } from '../base/casus-error.js';
import type { Event, FieldValue } from '../base/event.js';
import { fromDayNumber, type PartialDate, parseDate } from '../base/partial-date.js';
import { hasNorm, unknownNormError } from '../corpus/lookup.js';
import type { Corpus } from '../corpus/treaty.js';
import { typesNamed, type Vocabulary } from '../corpus/vocabulary.js';
import { evaluate } from '../engine/evaluate.js';
import { eventOut } from '../engine/event-out.js';
import type { EventOut, NormInstance, NormStatus, PatternOut } from '../engine/report.js';
import type { Scenario } from '../scenario/scenario.js';
import { scenarioYaml } from '../scenario/write-scenario.js';
import { checkExpectations } from './check-expectations.js';

const BINDING: ReadonlySet<NormStatus> = new Set(['due', 'fulfilled', 'breached']);

/** One smallest change to a scenario, and what it does to the instance. */
export interface WhatIfChange {
  add: EventOut[];
  remove: EventOut[];
  /** Events added plus events removed. */
  size: number;
  /** The instance's status once the change is made. */
  status: NormStatus;
  /** The changed scenario, runnable: its `expect` block asserts the new status. */
  scenarioYaml: string;
}

/** The smallest changes for one instance of the norm. */
export interface WhatIfInstance {
  norm: string;
  holder: string;
  beneficiary: string;
  counterparty?: string;
  trigger?: EventOut;
  status: NormStatus;
  /** `make-due` for an instance that is not (yet) due; `stop-due` for one that is due, fulfilled or breached. */
  goal: 'make-due' | 'stop-due';
  changes: WhatIfChange[];
  /** Why no change was found, when none was. */
  note?: string;
}

export interface WhatIfResult {
  scenario: string;
  at: string;
  instances: WhatIfInstance[];
  /** Changed scenarios evaluated in the search. */
  examined: number;
  /** The search's bounds, in words. */
  bounds: string;
}

export interface WhatIfOptions {
  norm: string;
  holder: string;
  beneficiary?: string;
  /** The most events removed in one change (default 2). */
  maxRemovals?: number;
}

/**
 * Counterfactuals (issue 4, point 4): the smallest changes to a scenario — events added or
 * removed — that would make a norm instance due, or stop it from being due.
 *
 * - Not yet due (pending): each way the report's `missing` lists is a change; its events are
 *   added the day after the scenario's last event (or on the trigger's day if that is what the
 *   way needs), with unnamed fields filled from the instance (a referral by the victim).
 * - Not triggered (its condition can no longer hold): the events to take away first, one or two
 *   of them (never the trigger), then what is still missing.
 * - Due, fulfilled or breached: the fewest events (one or two, never the trigger) whose removal
 *   leaves it not due.
 * Every change is checked by evaluating the changed scenario; only changes that do what they
 * claim are listed, smallest first, and none that contains a smaller one.
 */
export function whatIf(corpus: Corpus, scenario: Scenario, at: PartialDate, options: WhatIfOptions): WhatIfResult {
  if (!hasNorm(corpus, options.norm)) throw unknownNormError(corpus, options.norm);
  const maxRemovals = options.maxRemovals ?? 2;
  let examined = 0;
  const report = evaluate(corpus, scenario, at, { explain: false });
  const targets = report.norms.filter(
    (n) => n.norm === options.norm && n.holder === options.holder && (!options.beneficiary || n.beneficiary === options.beneficiary),
  );
  if (targets.length === 0) {
    throw new CasusError(
      'input.unknown-norm',
      `no instance of ${options.norm} held by ${options.holder}${options.beneficiary ? ` toward ${options.beneficiary}` : ''} in this scenario at ${at.text}: casus whatif changes an instance the events already touch`,
    );
  }
  const lastDay = Math.max(at.lo, ...scenario.events.map((e) => e.date.lo));

  /** The instance in a changed world: same norm, same pair, same trigger. */
  const statusWith = (events: Event[], when: PartialDate, target: NormInstance): NormInstance | undefined => {
    examined++;
    const r = evaluate(corpus, { ...scenario, events }, when, { explain: false });
    return r.norms.find(
      (n) =>
        n.norm === target.norm &&
        n.holder === target.holder &&
        n.beneficiary === target.beneficiary &&
        JSON.stringify(n.trigger) === JSON.stringify(target.trigger),
    );
  };

  const instances = targets.map((target): WhatIfInstance => {
    const goal = BINDING.has(target.status) ? 'stop-due' : 'make-due';
    const base: WhatIfInstance = {
      norm: target.norm,
      holder: target.holder,
      beneficiary: target.beneficiary,
      ...(target.counterparty ? { counterparty: target.counterparty } : {}),
      ...(target.trigger ? { trigger: target.trigger } : {}),
      status: target.status,
      goal,
      changes: [],
    };
    const removable = scenario.events.filter((e) => !target.trigger || JSON.stringify(eventOut(e)) !== JSON.stringify(target.trigger));
    const found: Array<{ add: Event[]; remove: Event[]; status: NormStatus; when: PartialDate }> = [];
    const contains = (big: Event[], small: Event[]) => small.every((e) => big.includes(e));
    const dominated = (remove: Event[], add: Event[]) =>
      found.some(
        (f) => contains(remove, f.remove) && f.add.length <= add.length && f.remove.length + f.add.length < remove.length + add.length,
      );

    // Completing a pending instance along one of its missing ways.
    const complete = (events: Event[], n: NormInstance, removed: Event[]) => {
      for (const way of n.missing) {
        const add = instantiate(
          corpus.vocabulary,
          way,
          n,
          scenario.events.length + 1000,
          lastDay,
          target.trigger ? parseDate(target.trigger.date) : undefined,
        );
        if (!add || dominated(removed, add)) continue;
        const when = fromDayNumber(Math.max(lastDay + 1, ...add.map((e) => e.date.lo)));
        const after = statusWith(sortEvents([...events, ...add]), when, target);
        if (after && BINDING.has(after.status)) found.push({ add, remove: removed, status: after.status, when });
      }
    };

    if (goal === 'make-due') {
      if (target.status === 'pending') complete(scenario.events, target, []);
      if (found.length === 0) {
        for (const remove of subsets(removable, maxRemovals)) {
          if (found.some((f) => contains(remove, f.remove))) continue;
          const events = scenario.events.filter((e) => !remove.includes(e));
          const after = statusWith(events, at, target);
          if (!after) continue;
          if (BINDING.has(after.status)) found.push({ add: [], remove, status: after.status, when: at });
          else if (after.status === 'pending') complete(events, after, remove);
        }
      }
    } else {
      for (const remove of subsets(removable, maxRemovals)) {
        if (found.some((f) => contains(remove, f.remove))) continue;
        const after = statusWith(
          scenario.events.filter((e) => !remove.includes(e)),
          at,
          target,
        );
        if (after && !BINDING.has(after.status)) found.push({ add: [], remove, status: after.status, when: at });
      }
    }
    const smallest = found
      .filter((f) => !found.some((g) => g !== f && contains(f.remove, g.remove) && g.add.length <= f.add.length && sizeOf(g) < sizeOf(f)))
      .sort((a, b) => sizeOf(a) - sizeOf(b));
    base.changes = smallest.map((f, i) => {
      const remaining = scenario.events.filter((e) => !f.remove.includes(e));
      const events = sortEvents([...remaining, ...f.add]);
      const yaml = scenarioYaml({
        id: `${scenario.id}-whatif-${i + 1}`,
        title: `${scenario.title || scenario.id}: what if (${describeChange(f.add, f.remove)})`,
        description: `Generated by casus whatif from ${scenario.id}: ${describeChange(f.add, f.remove)}. Then ${target.norm} (${target.holder} toward ${target.beneficiary}) is ${f.status}, where it was ${target.status}.`,
        at: f.when.text,
        events: events.map(eventOut),
        expect: [
          {
            norm: target.norm,
            holder: target.holder,
            beneficiary: target.beneficiary,
            ...(target.counterparty ? { counterparty: target.counterparty } : {}),
            status: f.status,
          },
        ],
      });
      return { add: f.add.map(eventOut), remove: f.remove.map(eventOut), size: sizeOf(f), status: f.status, scenarioYaml: yaml };
    });
    if (base.changes.length === 0) {
      base.note =
        goal === 'make-due'
          ? `no change of at most ${maxRemovals} removal(s) plus one missing way makes it due (${target.status}: ${target.status === 'void' ? 'the treaty does not bind the pair then' : 'its condition cannot be met by events of the vocabulary'})`
          : `no removal of at most ${maxRemovals} event(s) other than its trigger stops it from being ${target.status}`;
    }
    return base;
  });
  return {
    scenario: scenario.id,
    at: report.at,
    instances,
    examined,
    bounds: `removals of at most ${maxRemovals} event(s), never the trigger; additions: one of the ways the report lists as missing`,
  };
}

function sizeOf(f: { add: Event[]; remove: Event[] }): number {
  return f.add.length + f.remove.length;
}

/** Every subset of 1..k items, smallest first, in the list's order. */
function* subsets<T>(items: readonly T[], k: number): Generator<T[]> {
  for (let size = 1; size <= Math.min(k, items.length); size++) {
    const pick = (start: number, chosen: T[]): T[][] => {
      if (chosen.length === size) return [chosen];
      const out: T[][] = [];
      for (let i = start; i < items.length; i++) out.push(...pick(i + 1, [...chosen, items[i] as T]));
      return out;
    };
    yield* pick(0, []);
  }
}

function sortEvents(events: Event[]): Event[] {
  return [...events].sort((a, b) => a.date.lo - b.date.lo || a.seq - b.seq);
}

/**
 * Concrete events for one missing way: the pattern's fields, a date (the day after the
 * scenario's last event), and any required field the pattern leaves open filled from the
 * instance (the victim refers the aggressor; the beneficiary is the one assisted). Undefined when
 * a required field cannot be filled sensibly.
 */
function instantiate(
  vocabulary: Vocabulary,
  way: readonly PatternOut[],
  n: NormInstance,
  seq: number,
  lastDay: number,
  trigger?: PartialDate,
): Event[] | undefined {
  const out: Event[] = [];
  for (const [i, p] of way.entries()) {
    // A class (`attack`) is added as its first member type.
    const type = typesNamed(vocabulary, p.type)[0];
    const spec = type === undefined ? undefined : vocabulary.types.get(type);
    if (!spec || type === undefined) return undefined;
    const fields: Record<string, FieldValue> = {};
    for (const [k, v] of Object.entries(p)) if (k !== 'type' && k !== 'date') fields[k] = v as FieldValue;
    for (const [k, fs] of Object.entries(spec)) {
      if (!fs.required || fields[k] !== undefined) continue;
      const fill =
        fs.kind === 'state'
          ? k === 'by'
            ? type === 'referral'
              ? n.beneficiary
              : n.holder
            : k === 'against'
              ? n.counterparty
              : k === 'to'
                ? n.beneficiary
                : undefined
          : fs.kind === 'states'
            ? n.counterparty
              ? [n.beneficiary, n.counterparty]
              : undefined
            : fs.kind === 'bool'
              ? false
              : fs.kind === 'choice'
                ? fs.choices?.[0]
                : undefined;
      if (fill === undefined) return undefined;
      fields[k] = fill;
    }
    const day = Math.max(lastDay + 1, trigger ? trigger.lo : 0);
    out.push({ seq: seq + i, date: fromDayNumber(day), type, fields });
  }
  return out;
}

function describeChange(add: readonly Event[], remove: readonly Event[]): string {
  const line = (e: Event) => {
    const o = eventOut(e);
    const { date, type, ...rest } = o;
    return `${type} ${Object.entries(rest)
      .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('/') : String(v)}`)
      .join(' ')} (${date})`;
  };
  return [...add.map((e) => `add ${line(e)}`), ...remove.map((e) => `remove ${line(e)}`)].join('; ');
}

/** Every changed scenario of a result passes its own `expect` block (a self-check the tests use). */
export function verifyChanges(corpus: Corpus, result: WhatIfResult, load: (text: string, file: string) => Scenario): string[] {
  const problems: string[] = [];
  for (const i of result.instances) {
    for (const c of i.changes) {
      const s = load(c.scenarioYaml, 'whatif.yaml');
      const r = evaluate(corpus, s, s.at ?? parseDate(result.at), { explain: false });
      const m = checkExpectations(s, r);
      if (m.length > 0) problems.push(`${s.id}: ${JSON.stringify(m)}`);
    }
  }
  return problems;
}

/** The result in words. */
export function whatIfText(r: WhatIfResult): string {
  const out = [`What if — ${r.scenario}, at ${r.at} (${r.examined} changed scenarios evaluated; ${r.bounds})`, ''];
  for (const i of r.instances) {
    out.push(
      `  ${i.norm}  ${i.holder} → ${i.beneficiary}${i.counterparty ? ` (against ${i.counterparty})` : ''}: ${i.status}${i.trigger ? `   trigger ${i.trigger.date} ${i.trigger.type}` : ''}`,
    );
    out.push(`    to ${i.goal === 'make-due' ? 'make it due' : 'stop it from being due'}:`);
    if (i.note) out.push(`    ${i.note}`);
    for (const c of i.changes) {
      const parts = [
        ...c.add.map((e) => `add ${e.date} ${e.type}${fieldsText(e)}`),
        ...c.remove.map((e) => `remove ${e.date} ${e.type}${fieldsText(e)}`),
      ];
      out.push(`    - ${parts.join('; ')}  → ${c.status}`);
    }
  }
  return out.join('\n');
}

function fieldsText(e: EventOut): string {
  const { date: _d, type: _t, ...rest } = e;
  const parts = Object.entries(rest).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

import { CasusError } from '../base/casus-error.js';
import { ACT_TYPES } from '../base/event-types.js';
import { type PartialDate, parseDate } from '../base/partial-date.js';
import { hasNorm, unknownNormError, unknownTreatyError } from '../corpus/lookup.js';
import type { Corpus } from '../corpus/treaty.js';
import { evaluate } from '../engine/evaluate.js';
import type { NormInstance, PatternOut, Report } from '../engine/report.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * The minimal sets of states that, by withholding their own acts, keep every alternative
 * from completing: the minimal hitting sets of the alternatives' actors (see `actor`). An alternative with
 * no act of a named state (a Council report alone, a referral anyone may make) cannot be
 * blocked that way, so then no coalition can block: the result is empty and `blockable` false.
 */
export function blockingCoalitions(missing: readonly (readonly PatternOut[])[]): { coalitions: string[][]; blockable: boolean } {
  if (missing.length === 0) return { coalitions: [], blockable: false };
  const families = missing.map((alt) => new Set(alt.map(actor).filter((a): a is string => a !== undefined)));
  if (families.some((f) => f.size === 0)) return { coalitions: [], blockable: false };
  let hitting: Array<Set<string>> = [new Set()];
  for (const family of families) {
    const next: Array<Set<string>> = [];
    for (const h of hitting) {
      if ([...h].some((s) => family.has(s))) next.push(h);
      else for (const s of family) next.push(new Set([...h, s]));
    }
    hitting = minimalSets(next);
  }
  const coalitions = hitting.map((h) => [...h].sort()).sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
  return { coalitions, blockable: true };
}

/**
 * The state whose own act an event is, if any: the `by` of an act (approval, assistance,
 * referral...), or the invitee of a refused League invitation (Art. 17: the state that refuses).
 */
function actor(p: PatternOut): string | undefined {
  if (!ACT_TYPES.has(p.type)) return undefined;
  if (typeof p.by === 'string') return p.by;
  if (p.type === 'invitation-refused' && typeof p.to === 'string') return p.to;
  return undefined;
}

/** Drops every set that contains another, and duplicates. */
function minimalSets(sets: Array<Set<string>>): Array<Set<string>> {
  const sorted = [...sets].sort((a, b) => a.size - b.size);
  const out: Array<Set<string>> = [];
  for (const s of sorted) if (!out.some((o) => [...o].every((x) => s.has(x)))) out.push(s);
  return out;
}

/** One step that stands between a trigger and a duty: an event, and who can bring it about. */
export interface Step {
  event: PatternOut;
  /** The state whose act it is, `League Council` for a Council report, or `anyone`. */
  heldBy: string;
}

/** What stands between one norm instance and its becoming due. */
export interface InstanceVetoes {
  norm: string;
  holder: string;
  beneficiary: string;
  counterparty?: string;
  status: NormInstance['status'];
  since: string;
  /** Every minimal set of states whose withheld acts keep it from becoming due, smallest first. */
  coalitions: string[][];
  /** Whether withholding acts of named states can keep it from becoming due at all. */
  blockable: boolean;
  /** What is still missing at the report's instant (contract `missing`). */
  missing: PatternOut[][];
  /**
   * Counted from the trigger (the timeline cut at the trigger's day): the fewest steps of any way
   * to make it due, and the steps of the cheapest ways. Absent for a norm without a trigger.
   */
  fromTrigger?: { fewestSteps: number; ways: Step[][] };
}

export interface VetoReport {
  scenario: string;
  at: string;
  instances: InstanceVetoes[];
}

export interface VetoOptions {
  /** Only the instances of this norm (`franco-soviet-1935/art-2`). */
  norm?: string;
  /** Only the duties of this treaty: the per-duty summary for a whole treaty. */
  treaty?: string;
  holder?: string;
  beneficiary?: string;
  /** Also report instances that are not duties (prohibitions, permissions, powers). Default: duties only. */
  allKinds?: boolean;
}

/**
 * Blocking coalitions and credibility (issue 4, point 1): for every duty instance of the
 * scenario's report (or of one norm), the minimal coalitions that can keep it from becoming due
 * by withholding their own acts (approvals, votes, assistance, referrals...), and how many
 * independent steps stood between its trigger and the duty, with who holds each. A duty that is
 * already due, fulfilled or breached has no coalition: nothing is missing.
 */
export function vetoAnalysis(corpus: Corpus, scenario: Scenario, at: PartialDate, options: VetoOptions = {}): VetoReport {
  if (options.norm && !hasNorm(corpus, options.norm)) throw unknownNormError(corpus, options.norm);
  if (options.treaty && !corpus.treaties.has(options.treaty)) throw unknownTreatyError(corpus, options.treaty);
  const report = evaluate(corpus, scenario, at, { explain: false });
  const selected = report.norms.filter(
    (n) =>
      (options.allKinds || options.norm || n.kind === 'duty') &&
      (!options.norm || n.norm === options.norm) &&
      (!options.treaty || n.norm.startsWith(`${options.treaty}/`)) &&
      (!options.holder || n.holder === options.holder) &&
      (!options.beneficiary || n.beneficiary === options.beneficiary),
  );
  const cut = new Map<string, Report>();
  const instances = selected.map((n) => {
    const { coalitions, blockable } = blockingCoalitions(n.status === 'pending' ? n.missing : []);
    const out: InstanceVetoes = {
      norm: n.norm,
      holder: n.holder,
      beneficiary: n.beneficiary,
      ...(n.counterparty ? { counterparty: n.counterparty } : {}),
      status: n.status,
      since: n.since,
      coalitions,
      blockable,
      missing: n.missing,
    };
    if (n.trigger) {
      // The world as it stood on the trigger's day: everything after it taken away.
      const day = n.trigger.date;
      let early = cut.get(day);
      if (!early) {
        const d = parseDate(day);
        const events = scenario.events.filter((e) => e.date.lo < d.hi);
        early = evaluate(corpus, { ...scenario, events }, d, { explain: false });
        cut.set(day, early);
      }
      const then = early.norms.find(
        (m) => m.norm === n.norm && m.holder === n.holder && m.beneficiary === n.beneficiary && sameTrigger(m, n),
      );
      if (then) out.fromTrigger = stepsFrom(then);
    }
    return out;
  });
  return { scenario: scenario.id, at: report.at, instances };
}

function sameTrigger(a: NormInstance, b: NormInstance): boolean {
  return JSON.stringify(a.trigger) === JSON.stringify(b.trigger);
}

function stepsFrom(n: NormInstance): { fewestSteps: number; ways: Step[][] } {
  if (n.status === 'due' || n.status === 'fulfilled' || n.status === 'breached') return { fewestSteps: 0, ways: [] };
  if (n.missing.length === 0) return { fewestSteps: 0, ways: [] };
  const fewest = Math.min(...n.missing.map((a) => a.length));
  const ways = n.missing.filter((a) => a.length === fewest).map((a) => a.map((event) => ({ event, heldBy: heldBy(event) })));
  return { fewestSteps: fewest, ways };
}

function heldBy(p: PatternOut): string {
  const a = actor(p) ?? (typeof p.by === 'string' ? p.by : undefined);
  if (a) return a;
  if (p.type === 'council-report' || p.type === 'council-recommendation' || p.type === 'council-finding') return 'League Council';
  return 'anyone';
}

/** The analysis in words, one paragraph per instance. */
export function vetoText(r: VetoReport): string {
  const out = [`Blocking coalitions — ${r.scenario}, at ${r.at}`, ''];
  if (r.instances.length === 0) out.push('  no duty instance in this report matches');
  // Instances that read the same but for their holder (every Member's Art. 16 duty) print once.
  const groups = new Map<string, { first: InstanceVetoes; holders: string[] }>();
  for (const i of r.instances) {
    const { holder: _h, ...rest } = i;
    const key = JSON.stringify(rest).replaceAll(JSON.stringify(i.holder), '"·"');
    const g = groups.get(key);
    if (g) g.holders.push(i.holder);
    else groups.set(key, { first: i, holders: [i.holder] });
  }
  for (const { first: i, holders } of groups.values()) {
    const who = holders.length === 1 ? i.holder : `{${holders.join(', ')}}`;
    out.push(`  ${i.norm}  ${who} → ${i.beneficiary}${i.counterparty ? ` (against ${i.counterparty})` : ''}: ${i.status} since ${i.since}`);
    if (i.fromTrigger && i.fromTrigger.fewestSteps > 0) {
      const way = i.fromTrigger.ways[0] as Step[];
      out.push(
        `    from the trigger: ${i.fromTrigger.fewestSteps} step(s) at least — ${way.map((s) => `${s.event.type} (${s.heldBy})`).join(', ')}${
          i.fromTrigger.ways.length > 1 ? `, or ${i.fromTrigger.ways.length - 1} other way(s) as short` : ''
        }`,
      );
    }
    if (i.status !== 'pending') {
      out.push(`    nothing missing: no coalition can keep it from being ${i.status}`);
    } else if (!i.blockable) {
      out.push('    no coalition of named states can block it: some way to make it due needs no act of theirs');
    } else {
      for (const c of i.coalitions) {
        out.push(
          c.length === 1
            ? `    ${c[0]} alone can hold ${who} back, by withholding its act`
            : `    ${c.join(' + ')} together can hold ${who} back, by withholding their acts`,
        );
      }
    }
  }
  return out.join('\n');
}

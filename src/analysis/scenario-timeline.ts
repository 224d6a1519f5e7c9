import { compareDates, type PartialDate } from '../base/partial-date.js';
import type { Corpus } from '../corpus/treaty.js';
import { evaluate } from '../engine/evaluate.js';
import type { NormStatus } from '../engine/report.js';
import type { Scenario } from '../scenario/scenario.js';

/** One stretch of a norm instance's (or a treaty's) status: from `from` (the engine's `since`) until the next stretch, or the end. */
export interface StatusBand {
  status: string;
  from: string;
  /** The day the engine was asked on when it gave this status (an event's day, or the instant). */
  seen: string;
}

/** A norm instance through time. */
export interface InstanceLine {
  norm: string;
  holder: string;
  beneficiary: string;
  counterparty?: string;
  action: string;
  bands: StatusBand[];
}

/** A treaty through time, as the scenario's reports give it. */
export interface TreatyLine {
  treaty: string;
  title: string;
  bands: StatusBand[];
}

/** What `scenarioTimeline` answers. */
export interface ScenarioTimeline {
  scenario: string;
  title: string;
  /** The days the engine was asked on: every event's day, then the instant, in order. */
  asked: string[];
  /** The scenario's events, each with its day: the deciding events marked on the bands. */
  events: Array<{ date: string; type: string; by?: string; against?: string; treaty?: string }>;
  treaties: TreatyLine[];
  instances: InstanceLine[];
}

/**
 * A scenario's treaties and norm instances through time, from the engine's own reports: the
 * scenario is evaluated on the day of every event up to the instant (a partial date as written,
 * `1936-03`), and at the instant; a band begins on the `since` the engine gives, so a status that a
 * deadline changes between two events starts on its own day. Nothing here decides a status:
 * every band is a report's.
 */
export function scenarioTimeline(corpus: Corpus, scenario: Scenario, at: PartialDate): ScenarioTimeline {
  const days = new Map<string, PartialDate>();
  for (const e of scenario.events) if (compareDates(e.date, at) <= 0) days.set(e.date.text, e.date);
  days.set(at.text, at);
  const asked = [...days.values()].sort(compareDates);
  const instances = new Map<string, InstanceLine>();
  const treaties = new Map<string, TreatyLine>();
  const push = (bands: StatusBand[], status: string, from: string, seen: string) => {
    const last = bands.at(-1);
    if (last && last.status === status && last.from === from) return;
    bands.push({ status, from, seen });
  };
  for (const day of asked) {
    const report = evaluate(corpus, scenario, day, { explain: false });
    for (const t of report.treaties) {
      const line = treaties.get(t.treaty) ?? { treaty: t.treaty, title: t.title, bands: [] };
      treaties.set(t.treaty, line);
      push(line.bands, t.status, t.since ?? day.text, day.text);
    }
    for (const n of report.norms) {
      const key = `${n.norm}|${n.holder}|${n.beneficiary}|${n.counterparty ?? ''}`;
      const line = instances.get(key) ?? {
        norm: n.norm,
        holder: n.holder,
        beneficiary: n.beneficiary,
        ...(n.counterparty ? { counterparty: n.counterparty } : {}),
        action: n.action,
        bands: [],
      };
      instances.set(key, line);
      push(line.bands, n.status satisfies NormStatus, n.since, day.text);
    }
  }
  const field = (e: Scenario['events'][number], k: string) => {
    const v = e.fields[k];
    return typeof v === 'string' ? { [k]: v } : {};
  };
  return {
    scenario: scenario.id,
    title: scenario.title,
    asked: asked.map((d) => d.text),
    events: scenario.events
      .filter((e) => compareDates(e.date, at) <= 0)
      .map((e) => ({ date: e.date.text, type: e.type, ...field(e, 'by'), ...field(e, 'against'), ...field(e, 'treaty') })),
    treaties: [...treaties.values()],
    instances: [...instances.values()],
  };
}

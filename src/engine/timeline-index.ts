import type { Event } from '../base/event.js';
import type { PartialDate } from '../base/partial-date.js';
import type { Tri } from '../base/tri.js';
import { isMemberOn, type Membership } from '../corpus/league.js';
import type { Corpus } from '../corpus/treaty.js';

/** A timeline indexed for the engine: events by type (sorted by date) and League membership as amended by the scenario. */
export interface TimelineIndex {
  events: readonly Event[];
  byType(type: string): readonly Event[];
  leagueMember(state: string, date: PartialDate): Tri;
}

/** Indexes a scenario's events together with the corpus's recorded lifecycle events. */
export function indexTimeline(corpus: Corpus, events: readonly Event[]): TimelineIndex {
  const all = [...events];
  for (const t of corpus.treaties.values()) all.push(...t.lifecycle);
  all.sort((a, b) => a.date.lo - b.date.lo || a.date.hi - b.date.hi || a.seq - b.seq);
  const types = new Map<string, Event[]>();
  for (const e of all) {
    const list = types.get(e.type);
    if (list) list.push(e);
    else types.set(e.type, [e]);
  }
  const membership = new Map<string, Membership>(corpus.league);
  for (const e of events) {
    const state = e.fields.state;
    if (typeof state !== 'string') continue;
    const m: Membership = { ...(membership.get(state) ?? { state, verified: 'scenario', source: 'scenario', note: '' }) };
    if (e.type === 'league-admission') {
      m.admitted = e.date;
      delete m.withdrawalNotice;
      delete m.withdrawalEffective;
      delete m.expelled;
    } else if (e.type === 'league-withdrawal') {
      m.withdrawalNotice = e.date;
      delete m.withdrawalEffective;
    } else if (e.type === 'league-expulsion') m.expelled = e.date;
    membership.set(state, m);
  }
  const empty: Event[] = [];
  return {
    events: all,
    byType: (type) => types.get(type) ?? empty,
    leagueMember: (state, date) => isMemberOn(membership.get(state), date),
  };
}

import type { Event } from '../base/event.js';
import type { PartialDate } from '../base/partial-date.js';
import type { Tri } from '../base/tri.js';
import { isMemberOn, type Membership } from '../corpus/league.js';
import type { Corpus } from '../corpus/treaty.js';

/** A timeline indexed for the engine: events by type (sorted by date) and League membership as amended by the scenario. */
export interface TimelineIndex {
  events: readonly Event[];
  byType(type: string): readonly Event[];
  /** Events of a type performed by a state (`by`), sorted by date. */
  byTypeAndActor(type: string, by: string): readonly Event[];
  leagueMember(state: string, date: PartialDate): Tri;
}

/** Indexes a scenario's events together with the corpus's recorded lifecycle events. */
export function indexTimeline(corpus: Corpus, events: readonly Event[]): TimelineIndex {
  const all = [...events];
  for (const t of corpus.treaties.values()) all.push(...t.lifecycle);
  all.sort((a, b) => a.date.lo - b.date.lo || a.date.hi - b.date.hi || a.seq - b.seq);
  const types = new Map<string, Event[]>();
  const acts = new Map<string, Event[]>();
  const push = (map: Map<string, Event[]>, key: string, e: Event) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  for (const e of all) {
    push(types, e.type, e);
    if (typeof e.fields.by === 'string') push(acts, `${e.type}|${e.fields.by}`, e);
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
    byTypeAndActor: (type, by) => acts.get(`${type}|${by}`) ?? empty,
    leagueMember: (state, date) => isMemberOn(membership.get(state), date),
  };
}

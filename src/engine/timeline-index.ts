import type { Event } from '../base/event.js';
import type { PartialDate } from '../base/partial-date.js';
import type { Tri } from '../base/tri.js';
import { isMemberOn, type Membership } from '../corpus/league.js';
import type { Corpus } from '../corpus/treaty.js';

/** A timeline indexed for the engine: events by type (sorted by date) and League membership as amended by the scenario. */
export interface TimelineIndex {
  /** Every event, scenario and corpus lifecycle, sorted by first possible day, then precision, then order. */
  events: readonly Event[];
  /** Events of a type, or of any member type of a class (`attack`), sorted by date. */
  byType(type: string): readonly Event[];
  /** Events of a type performed by a state (`by`), sorted by date. */
  byTypeAndActor(type: string, by: string): readonly Event[];
  leagueMember(state: string, date: PartialDate): Tri;
  /** A state's League membership as the timeline amends the record (scenario admissions, withdrawals, expulsions). */
  leagueRecord(state: string): Membership | undefined;
  /** The classes of the library's vocabulary that a type belongs to (corpus/vocabulary.ts). */
  classesOf(type: string): readonly string[];
}

/** For each event type, the classes it belongs to. */
function classMap(corpus: Corpus): (type: string) => readonly string[] {
  const of = new Map<string, string[]>();
  for (const [name, members] of corpus.vocabulary.classes) for (const m of members) of.set(m, [...(of.get(m) ?? []), name]);
  const none: string[] = [];
  return (type) => of.get(type) ?? none;
}

const order = (a: Event, b: Event) => a.date.lo - b.date.lo || a.date.hi - b.date.hi || a.seq - b.seq;

/** Indexes a scenario's events together with the corpus's recorded lifecycle events. */
export function indexTimeline(corpus: Corpus, events: readonly Event[]): TimelineIndex {
  const all = [...events];
  for (const t of corpus.treaties.values()) all.push(...t.lifecycle);
  all.sort(order);
  const types = new Map<string, Event[]>();
  const acts = new Map<string, Event[]>();
  const push = (map: Map<string, Event[]>, key: string, e: Event) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  const classesOf = classMap(corpus);
  for (const e of all) {
    for (const key of [e.type, ...classesOf(e.type)]) {
      push(types, key, e);
      if (typeof e.fields.by === 'string') push(acts, `${key}|${e.fields.by}`, e);
    }
  }
  const membership = new Map<string, Membership>(corpus.league);
  for (const e of events) {
    const state = e.fields.state;
    if (typeof state !== 'string' || !LEAGUE_EVENTS.has(e.type)) continue;
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
    leagueRecord: (state) => membership.get(state),
    classesOf,
  };
}

/** The event types that amend League membership. */
const LEAGUE_EVENTS = new Set(['league-admission', 'league-withdrawal', 'league-expulsion']);

/**
 * The same index with a few more events (a hypothetical question: one attack, a cascade's
 * entries), without re-indexing the corpus: lists of the types the new events have are merged,
 * the others shared. Events that amend League membership need a full index (`indexTimeline`).
 */
export function withEvents(base: TimelineIndex, extra: readonly Event[]): TimelineIndex {
  if (extra.length === 0) return base;
  if (extra.some((e) => LEAGUE_EVENTS.has(e.type))) throw new RangeError('withEvents: League membership events need indexTimeline');
  const merge = (list: readonly Event[], add: Event[]): Event[] => [...list, ...add].sort(order);
  const types = new Map<string, Event[]>();
  const acts = new Map<string, Event[]>();
  for (const e of extra) {
    for (const type of [e.type, ...base.classesOf(e.type)]) {
      types.set(type, [...(types.get(type) ?? []), e]);
      if (typeof e.fields.by === 'string') {
        const key = `${type}|${e.fields.by}`;
        acts.set(key, [...(acts.get(key) ?? []), e]);
      }
    }
  }
  const mergedTypes = new Map<string, readonly Event[]>();
  const mergedActs = new Map<string, readonly Event[]>();
  let all: readonly Event[] | undefined;
  return {
    get events() {
      all ??= merge(base.events, [...extra]);
      return all;
    },
    byType: (type) => {
      const add = types.get(type);
      if (!add) return base.byType(type);
      let m = mergedTypes.get(type);
      if (!m) {
        m = merge(base.byType(type), add);
        mergedTypes.set(type, m);
      }
      return m;
    },
    byTypeAndActor: (type, by) => {
      const key = `${type}|${by}`;
      const add = acts.get(key);
      if (!add) return base.byTypeAndActor(type, by);
      let m = mergedActs.get(key);
      if (!m) {
        m = merge(base.byTypeAndActor(type, by), add);
        mergedActs.set(key, m);
      }
      return m;
    },
    leagueMember: base.leagueMember,
    leagueRecord: base.leagueRecord,
    classesOf: base.classesOf,
  };
}

/** The position of the first event whose first possible day is after `day` (events sorted by day). */
export function firstAfter(events: readonly Event[], day: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as Event).date.lo <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

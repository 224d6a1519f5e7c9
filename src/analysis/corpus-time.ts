import type { Event } from '../base/event.js';
import { compareDates, fromDayNumber, type PartialDate } from '../base/partial-date.js';
import { and3, T, type Tri, triWord } from '../base/tri.js';
import { membershipEnd } from '../corpus/league.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import { canOwe, corpusLeague, type LeagueRecords, partyBound } from '../engine/binding.js';
import type { TreatyStatus } from '../engine/report.js';
import { endFor, inForceFor, statusAt, type TreatyLife, treatyLife } from '../engine/treaty-status.js';
import { csvTable } from '../export/csv.js';

/**
 * Why a treaty does not surely bind one of its parties on a day, in the binding rule's order:
 * the treaty binds no one that day (signed, suspended, terminated: the entry's `status` says
 * which); the party's own time in the treaty has not begun (a ratification or accession still to
 * come) or has ended (a withdrawal, a denunciation that took effect); for the Covenant, it is not
 * a Member of the League that day; or it is not an independent state that day (occupied or
 * annexed, with no recognised government in exile), and so owes nothing.
 */
export const UNBOUND_REASONS = ['treaty-not-in-force', 'not-yet-party', 'no-longer-party', 'not-league-member', 'not-a-state'] as const;
/** One of the reasons of UNBOUND_REASONS. */
export type UnboundReason = (typeof UNBOUND_REASONS)[number];

/** A party that a treaty does not surely bind on a day, and why. */
export interface UnboundParty {
  state: string;
  reason: UnboundReason;
  /** Whether the treaty binds it: `false`, or `unknown` where a partial date leaves it open. */
  value: 'false' | 'unknown';
}

/** One treaty's standing on a day, for `casus status --at DATE` over the whole corpus. */
export interface CorpusStatusEntry {
  treaty: string;
  title: string;
  status: TreatyStatus;
  since?: string;
  /**
   * The parties the treaty binds that day, surely (not where a partial date leaves it open): in
   * force for them, existing as states (or represented by a recognised government in exile), and
   * for the Covenant, Members of the League that day.
   */
  bound: string[];
  /** Every state that is or was a party by then, original or acceding. */
  parties: string[];
  /**
   * Every state of `parties` not in `bound`, then every signatory not yet among `parties` (one
   * whose ratification is still to come), each with the reason.
   */
  unbound: UnboundParty[];
}

/**
 * Every treaty of the corpus and its status on `at`, with the parties it binds that day and why
 * each other party is not bound, in slug order. A partial date means the end of its period, as in
 * a report. `events` are scenario events (denunciations, accessions) to take into account.
 */
export function corpusStatus(corpus: Corpus, asked: PartialDate, events: readonly Event[] = []): CorpusStatusEntry[] {
  // As in a report, a partial day (`1939`, `1939-09`) means the end of that period.
  const at = asked.hi - asked.lo === 1 ? asked : fromDayNumber(asked.hi - 1);
  const league = corpusLeague(corpus);
  const slugs = [...corpus.treaties.keys()].sort();
  return slugs.map((slug) => {
    const treaty = corpus.treaties.get(slug) as Treaty;
    const life = treatyLife(treaty, events);
    const s = statusAt(life, at);
    const joined = life.parties.filter((p) => {
      const m = life.members.get(p);
      return m?.from !== undefined && m.from.hi - 1 <= at.lo;
    });
    const parties = s.status === 'negotiating' ? [] : joined.length > 0 ? joined : [...treaty.parties];
    const signatories = s.status === 'negotiating' ? [] : treaty.parties.filter((p) => !parties.includes(p));
    const unbound = [...parties, ...signatories].flatMap((p): UnboundParty[] => {
      if (s.status !== 'in-force') return [{ state: p, reason: 'treaty-not-in-force', value: 'false' }];
      const why = unboundReason(corpus, life, p, at, league);
      return why ? [why] : [];
    });
    const bound = parties.filter((p) => !unbound.some((u) => u.state === p));
    return {
      treaty: slug,
      title: treaty.title,
      status: s.status,
      ...(s.since ? { since: s.since.text } : {}),
      bound,
      parties,
      unbound,
    };
  });
}

/**
 * Why a treaty in force does not surely bind a party on a day, or undefined if it does. The rule
 * is binding.ts's (the treaty binds the party, and the party can owe); this only names the first
 * of its conditions that fails, or, where none surely fails, the first that a partial date leaves
 * open.
 */
function unboundReason(corpus: Corpus, life: TreatyLife, state: string, at: PartialDate, league: LeagueRecords): UnboundParty | undefined {
  const party = partyBound(life, state, at, league);
  const owes = canOwe(corpus, state, at);
  const value = and3(party, owes);
  if (value === T) return undefined;
  const end = endFor(life, state);
  const checks: Array<[UnboundReason, Tri]> = [
    // The party's own time in the treaty; partyBound adds League membership to it for the Covenant.
    [end && end.lo < at.hi ? 'no-longer-party' : 'not-yet-party', inForceFor(life, state, at)],
    ['not-league-member', party],
    ['not-a-state', owes],
  ];
  const [reason] = checks.find(([, v]) => v === value) as [UnboundReason, Tri];
  return { state, reason, value: triWord(value) as UnboundParty['value'] };
}

/** One lifecycle event of the corpus: a recorded step, or one worked out from the treaty's terms. */
export interface TimelineEntry {
  date: string;
  treaty: string;
  event: string;
  /** The treaty's status after the event. */
  status: TreatyStatus;
  by?: string;
  note?: string;
  source?: string;
}

export interface TimelineOptions {
  from?: PartialDate;
  to?: PartialDate;
  /** Scenario events to take into account (a denunciation, an accession). */
  events?: readonly Event[];
}

/**
 * Every lifecycle event of the corpus in date order: signatures, ratifications, entries into
 * force, accessions, extensions, renewals, denunciations and when they take effect,
 * terminations, and League of Nations admissions, withdrawals and expulsions (as steps of
 * `league-covenant`). Ties keep treaty slug order, then the treaty's own order.
 */
export function corpusTimeline(corpus: Corpus, options: TimelineOptions = {}): TimelineEntry[] {
  const rows: Array<TimelineEntry & { at: PartialDate; order: number }> = [];
  let order = 0;
  for (const slug of [...corpus.treaties.keys()].sort()) {
    const life = treatyLife(corpus.treaties.get(slug) as Treaty, options.events ?? []);
    for (const h of life.history) {
      rows.push({
        at: h.at,
        order: order++,
        date: h.date,
        treaty: slug,
        event: h.event,
        status: h.status,
        ...(h.by ? { by: h.by } : {}),
        ...(h.note ? { note: h.note } : {}),
        ...(h.source ? { source: h.source } : {}),
      });
    }
  }
  if (corpus.treaties.has('league-covenant')) {
    for (const m of [...corpus.league.values()].sort((a, b) => (a.state < b.state ? -1 : 1))) {
      const step = (at: PartialDate | undefined, event: string, note: string) => {
        if (at) {
          rows.push({
            at,
            order: order++,
            date: at.text,
            treaty: 'league-covenant',
            event,
            status: 'in-force',
            by: m.state,
            note,
            ...(m.source ? { source: `corpus/data/league-membership.csv: ${m.source}` } : {}),
          });
        }
      };
      step(m.admitted, 'league-admission', `${m.state} becomes a Member of the League`);
      step(
        m.withdrawalNotice,
        'league-withdrawal',
        `${m.state} gives notice of withdrawal (Covenant Art. 1(3): effective two years later)`,
      );
      const end = membershipEnd(m);
      if (m.expelled) step(m.expelled, 'league-expulsion', `${m.state} is expelled (Covenant Art. 16(4))`);
      else if (end) step(end, 'league-membership-ends', `${m.state}'s withdrawal takes effect`);
    }
  }
  const from = options.from;
  const to = options.to;
  return rows
    .filter((r) => (!from || r.at.lo >= from.lo) && (!to || r.at.lo < to.hi))
    .sort((a, b) => compareDates(a.at, b.at) || a.order - b.order)
    .map(({ at: _at, order: _order, ...rest }) => rest);
}

/** The whole years a library covers: from its first to its last lifecycle step, recorded or worked out. */
export interface LibrarySpan {
  from: number;
  to: number;
  /** `from`-01-01 and `to`-12-31. */
  firstDay: string;
  lastDay: string;
}

/**
 * The years of a library: those of the first and last step of corpusTimeline (signatures to
 * the last renewal or termination its terms give, League membership included); 1919-1945 for a
 * library with no dated step.
 */
export function librarySpan(corpus: Corpus): LibrarySpan {
  const years = corpusTimeline(corpus).map((r) => Number(r.date.slice(0, 4)));
  const from = years.length > 0 ? Math.min(...years) : 1919;
  const to = years.length > 0 ? Math.max(...years) : 1945;
  return { from, to, firstDay: `${String(from).padStart(4, '0')}-01-01`, lastDay: `${String(to).padStart(4, '0')}-12-31` };
}

/**
 * A timeline as CSV (RFC 4180, a header row), ready for R and pandas; `by_ccode` is the COW
 * number of the state in `by`, empty when `by` is not a state (or no lookup is given).
 */
export function timelineCsv(entries: readonly TimelineEntry[], ccode: (abb: string) => number | undefined = () => undefined): string {
  const cols = ['date', 'treaty', 'event', 'by', 'status', 'note', 'source', 'by_ccode'] as const;
  return csvTable(
    cols,
    entries.map((e) => ({ ...e, by_ccode: e.by ? ccode(e.by) : undefined })),
  );
}

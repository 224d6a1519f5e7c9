import type { Event } from '../base/event.js';
import { compareDates, fromDayNumber, type PartialDate } from '../base/partial-date.js';
import { T } from '../base/tri.js';
import { isMemberOn, membershipEnd } from '../corpus/league.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import type { TreatyStatus } from '../engine/report.js';
import { inForceFor, statusAt, type TreatyLife, treatyLife } from '../engine/treaty-status.js';

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
}

/**
 * Every treaty of the corpus and its status on `at`, with the parties it binds that day,
 * in slug order. A partial date means the end of its period, as in a report. `events` are scenario events (denunciations, accessions) to take into account.
 */
export function corpusStatus(corpus: Corpus, asked: PartialDate, events: readonly Event[] = []): CorpusStatusEntry[] {
  // As in a report, a partial day (`1939`, `1939-09`) means the end of that period.
  const at = asked.hi - asked.lo === 1 ? asked : fromDayNumber(asked.hi - 1);
  const slugs = [...corpus.treaties.keys()].sort();
  return slugs.map((slug) => {
    const treaty = corpus.treaties.get(slug) as Treaty;
    const life = treatyLife(treaty, events);
    const s = statusAt(life, at);
    const joined = life.parties.filter((p) => {
      const m = life.members.get(p);
      return m?.from !== undefined && m.from.hi - 1 <= at.lo;
    });
    return {
      treaty: slug,
      title: treaty.title,
      status: s.status,
      ...(s.since ? { since: s.since.text } : {}),
      bound: s.status === 'in-force' ? life.parties.filter((p) => bindsOn(corpus, life, p, at)) : [],
      parties: s.status === 'negotiating' ? [] : joined.length > 0 ? joined : [...treaty.parties],
    };
  });
}

/**
 * Whether the treaty surely binds a party on a day: a party in force for it, a state then (or a
 * recognised government in exile), and for the Covenant a Member of the League that day.
 */
function bindsOn(corpus: Corpus, life: TreatyLife, state: string, at: PartialDate): boolean {
  if (inForceFor(life, state, at) !== T || corpus.states.canBeBound(state, at) !== T) return false;
  return life.treaty.slug !== 'league-covenant' || isMemberOn(corpus.league.get(state), at) === T;
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

/** A timeline as CSV (RFC 4180, a header row), ready for R and pandas. */
export function timelineCsv(entries: readonly TimelineEntry[]): string {
  const cols = ['date', 'treaty', 'event', 'by', 'status', 'note', 'source'] as const;
  const cell = (v: string | undefined) => {
    const s = v ?? '';
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[cols.join(','), ...entries.map((e) => cols.map((c) => cell(e[c])).join(','))].join('\n')}\n`;
}

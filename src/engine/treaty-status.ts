import type { Event } from '../base/event.js';
import { addDuration, compareDates, type PartialDate } from '../base/partial-date.js';
import { F, T, type Tri, U } from '../base/tri.js';
import type { Treaty } from '../corpus/treaty.js';
import type { Duration } from '../language/ast.js';
import type { HistoryEntry, TreatyStatus } from './report.js';

/** A treaty's life computed from its recorded lifecycle and a scenario's own events. */
export interface TreatyLife {
  treaty: Treaty;
  history: Array<HistoryEntry & { at: PartialDate }>;
  /** Entry into force, if it happened (or may have, for a partial date). */
  entry?: PartialDate;
  /** The moment the treaty stops binding (expiry or effective denunciation). */
  end?: PartialDate;
}

function add(d: PartialDate, dur: Duration): PartialDate {
  return addDuration(d, dur.amount, dur.unit);
}

/**
 * Works out a treaty's history: signature, each ratification, exchange, entry into force
 * (as its lifecycle terms say), registration, renewal, denunciation and termination.
 * `events` are the scenario's events; the treaty's recorded lifecycle is added here.
 */
export function treatyLife(treaty: Treaty, events: readonly Event[]): TreatyLife {
  const own = [...treaty.lifecycle, ...events.filter((e) => e.fields.treaty === treaty.slug)].sort(
    (a, b) => compareDates(a.date, b.date) || (a.source ? 0 : 1) - (b.source ? 0 : 1) || a.seq - b.seq,
  );
  const history: TreatyLife['history'] = [];
  const terms = treaty.terms;
  const signatures = own.filter((e) => e.type === 'signature');
  const ratified = new Map<string, Event>();
  // Widened on purpose: `push` changes it from inside a closure.
  let status = 'negotiating' as TreatyStatus;
  let entry: PartialDate | undefined;
  const push = (e: Event, next: TreatyStatus, note?: string) => {
    status = next;
    history.push({
      at: e.date,
      date: e.date.text,
      status: next,
      event: e.type,
      ...(typeof e.fields.by === 'string' ? { by: e.fields.by } : {}),
      ...(note ? { note } : {}),
      ...(e.source ? { source: e.source } : {}),
    });
  };
  const signedByAll = () => {
    const by = new Set(signatures.map((s) => s.fields.by).filter(Boolean));
    return signatures.some((s) => s.fields.by === undefined) || treaty.parties.every((p) => by.has(p));
  };
  const signedSoFar = new Set<string>();
  for (const e of own) {
    if (status === 'terminated') break;
    switch (e.type) {
      case 'signature': {
        if (typeof e.fields.by === 'string') signedSoFar.add(e.fields.by);
        const all = e.fields.by === undefined || treaty.parties.every((p) => signedSoFar.has(p));
        if (status === 'negotiating' && all && terms.entry === 'signature') {
          entry = e.date;
          push(e, 'in-force', 'enters into force on signature');
        } else push(e, status === 'negotiating' && all ? 'signed' : status);
        break;
      }
      case 'ratification': {
        ratified.set(e.fields.by as string, e);
        const all = treaty.parties.every((p) => ratified.has(p));
        if (status === 'signed' && all && terms.entry === 'all-ratified') {
          entry = e.date;
          push(e, 'in-force', 'ratified by every party');
        } else push(e, status);
        break;
      }
      case 'ratifications-exchanged':
        if ((status === 'signed' || status === 'negotiating') && terms.entry === 'exchange' && signedByAll()) {
          entry = e.date;
          push(e, 'in-force', 'enters into force on the exchange of ratifications');
        } else push(e, status);
        break;
      case 'entry-into-force':
        entry = e.date;
        push(e, 'in-force');
        break;
      case 'registration':
        push(e, status);
        break;
      default:
        break;
    }
  }
  const life: TreatyLife = { treaty, history, ...(entry ? { entry } : {}) };
  if (!entry) return life;

  // Duration, renewal and denunciation (the treaty's own terms).
  const initialEnd = terms.duration && terms.duration !== 'indefinite' ? add(entry, terms.duration) : undefined;
  const denunciation = own.find((e) => e.type === 'denunciation' && compareDates(e.date, entry as PartialDate) >= 0);
  let end: PartialDate | undefined;
  let endNote = '';
  if (denunciation) {
    const notice = terms.notice;
    if (notice === undefined || notice === 'none') {
      push(denunciation, 'in-force', 'the treaty provides no denunciation: the notice has no effect under its terms');
    } else if (!initialEnd) {
      end = add(denunciation.date, notice);
      endNote = `denounced by ${denunciation.fields.by} on ${denunciation.date.text}, effective after ${notice.amount} ${notice.unit}(s) notice`;
    } else {
      const earliest = add(denunciation.date, notice);
      if (terms.renewal?.kind === 'tacit') {
        let e = initialEnd;
        while (compareDates(e, earliest) < 0) e = add(e, terms.renewal.period);
        end = e;
      } else if (terms.renewal?.kind === 'indefinite') {
        end = compareDates(earliest, initialEnd) <= 0 ? initialEnd : earliest;
      } else end = initialEnd;
      endNote = `denounced by ${denunciation.fields.by} on ${denunciation.date.text}; takes effect ${end.text}`;
    }
    if (end) push(denunciation, 'in-force', endNote);
  } else if (initialEnd && !terms.renewal) {
    end = initialEnd;
    endNote = 'expired at the end of its term';
  }
  if (initialEnd && terms.renewal && (!end || compareDates(initialEnd, end) < 0)) {
    const note =
      terms.renewal.kind === 'indefinite'
        ? 'not denounced in time: remains in force indefinitely'
        : 'not denounced in time: tacitly renewed';
    history.push({ at: initialEnd, date: initialEnd.text, status: 'in-force', event: 'renewal', note });
  }
  if (end) {
    life.end = end;
    history.push({ at: end, date: end.text, status: 'terminated', event: 'termination', note: endNote || 'terminated' });
  }
  history.sort((a, b) => compareDates(a.at, b.at));
  return life;
}

/** The treaty's status at an instant, and since when it has held. */
export function statusAt(life: TreatyLife, at: PartialDate): { status: TreatyStatus; since?: PartialDate } {
  let status: TreatyStatus = 'negotiating';
  let since: PartialDate | undefined;
  for (const h of life.history) {
    // A step counts once it has surely happened: a ratification of `1936-02` is not yet
    // counted on 1936-02-15.
    if (h.at.hi - 1 > at.lo) continue;
    if (h.status !== status) {
      status = h.status;
      since = h.at;
    }
  }
  return since ? { status, since } : { status };
}

/** Whether the treaty binds on a date: false before entry into force or after its end; unknown where partial dates overlap. */
export function inForceOn(life: TreatyLife, d: PartialDate): Tri {
  if (!life.entry) return F;
  const started: Tri = life.entry.hi - 1 <= d.lo ? T : life.entry.lo > d.hi - 1 ? F : U;
  if (!life.end) return started;
  const notEnded: Tri = life.end.lo > d.hi - 1 ? T : life.end.hi - 1 <= d.lo ? F : U;
  return started < notEnded ? started : notEnded;
}

/**
 * Whether the treaty binds a given state on a date: it must be a party, and the treaty in
 * force. The one place that answers "in force for the holder" (contract: `void`), so that
 * treaties whose parties join or leave one by one can answer it per party.
 */
export function inForceFor(life: TreatyLife, state: string, d: PartialDate): Tri {
  if (!life.treaty.parties.includes(state)) return F;
  return inForceOn(life, d);
}

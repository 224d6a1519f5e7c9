import type { Event } from '../base/event.js';
import { addDuration, compareDates, type PartialDate, parseDate } from '../base/partial-date.js';
import { F, T, type Tri, U } from '../base/tri.js';
import type { Treaty } from '../corpus/treaty.js';
import type { Duration } from '../language/ast.js';
import type { HistoryEntry, TreatyStatus } from './report.js';

/** When a party is bound: from its own entry into force to its own end (either may be open). */
export interface Membership {
  from?: PartialDate;
  to?: PartialDate;
}

/** A treaty's life computed from its recorded lifecycle and a scenario's own events. */
export interface TreatyLife {
  treaty: Treaty;
  history: Array<HistoryEntry & { at: PartialDate }>;
  /** Entry into force, if it happened (or may have, for a partial date). */
  entry?: PartialDate;
  /** The moment the treaty stops binding everyone (expiry, effective denunciation, termination). */
  end?: PartialDate;
  /** Every state that is or was a party: the original parties, then acceding states in order. */
  parties: readonly string[];
  /** Each party's own time in the treaty (accessions, withdrawals from a multilateral treaty). */
  members: ReadonlyMap<string, Membership>;
}

function add(d: PartialDate, dur: Duration): PartialDate {
  return addDuration(d, dur.amount, dur.unit);
}

const later = (a: PartialDate, b: PartialDate): PartialDate => (compareDates(a, b) >= 0 ? a : b);
const earlier = (a: PartialDate | undefined, b: PartialDate): PartialDate => (a && compareDates(a, b) <= 0 ? a : b);

/**
 * Works out a treaty's history: signature, each ratification, exchange, entry into force
 * (as its lifecycle terms say), accessions, registration, extensions, renewal, denunciation
 * and termination. `events` are the scenario's events; the treaty's recorded lifecycle is
 * added here. A denunciation takes effect only as the treaty's own terms allow; in a treaty
 * of more than two parties it ends the denouncing party's membership, not the treaty.
 */
export function treatyLife(treaty: Treaty, events: readonly Event[], depth = 0): TreatyLife {
  // In the order the steps surely happened (a year-only exchange of ratifications comes after
  // a signature dated within that year), then recorded before scenario steps, then file order.
  // A scenario event that repeats a recorded step (same type, day and party) is the same step.
  const recorded = new Set(treaty.lifecycle.map((e) => `${e.type}|${e.date.text}|${e.fields.by ?? ''}`));
  const added = events.filter((e) => e.fields.treaty === treaty.slug && !recorded.has(`${e.type}|${e.date.text}|${e.fields.by ?? ''}`));
  const own = [...treaty.lifecycle, ...added].sort(
    (a, b) => a.date.hi - b.date.hi || compareDates(a.date, b.date) || (a.source ? 0 : 1) - (b.source ? 0 : 1) || a.seq - b.seq,
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
  const acceding: Event[] = [];
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
        } else if (terms.entry === 'each-ratified' && status === 'signed' && ratified.size >= 2) {
          entry = e.date;
          push(e, 'in-force', `in force between ${[...ratified.keys()].join(' and ')}, the first two parties to ratify`);
        } else if (terms.entry === 'each-ratified' && status === 'in-force') {
          push(e, status, `${e.fields.by} is bound from its ratification`);
        } else push(e, status);
        break;
      }
      case 'ratifications-exchanged':
        if ((status === 'signed' || status === 'negotiating') && terms.entry === 'exchange' && signedByAll()) {
          entry = e.date;
          push(e, 'in-force', 'enters into force on the exchange of ratifications');
        } else push(e, status);
        break;
      case 'entry-into-force': {
        // A treaty cannot enter into force before it is signed: a recorded entry of `1924` after a
        // signature of 25 January 1924 is some day from the 25th on (the text stays as recorded).
        const signed = signatures.find((x) => x.date.lo > e.date.lo && x.date.lo < e.date.hi);
        entry = signed ? { text: e.date.text, lo: signed.date.lo, hi: e.date.hi } : e.date;
        push(e, 'in-force');
        break;
      }
      case 'accession': {
        const by = e.fields.by as string;
        if (treaty.parties.includes(by) || acceding.some((a) => a.fields.by === by)) {
          push(e, status, `${by} is already a party: the accession changes nothing`);
        } else {
          acceding.push(e);
          push(e, status, entry ? `${by} accedes and is bound from this day` : `${by} accedes; bound once the treaty enters into force`);
        }
        break;
      }
      case 'registration':
        push(e, status);
        break;
      default:
        break;
    }
  }
  const parties = [...treaty.parties, ...acceding.map((a) => a.fields.by as string)];
  const members = new Map<string, Membership>(parties.map((p) => [p, {}]));
  const life: TreatyLife = { treaty, history, parties, members, ...(entry ? { entry } : {}) };
  if (!entry) return life;
  const begun = entry;
  const afterEntry = (e: Event) => compareDates(e.date, begun) >= 0;

  // The term: the treaty's duration, moved by any extension protocol in force by then.
  let termEnd = terms.duration && terms.duration !== 'indefinite' ? add(entry, terms.duration) : undefined;
  for (const e of own.filter((x) => x.type === 'extension' && afterEntry(x))) {
    termEnd = parseDate(e.fields.until as string);
    push(e, 'in-force', `term extended to ${termEnd.text}`);
  }
  let end: PartialDate | undefined;
  let endNote = '';
  const close = (at: PartialDate, note: string) => {
    if (!end || compareDates(at, end) < 0) {
      end = at;
      endNote = note;
    }
  };
  for (const e of own.filter((x) => x.type === 'termination' && afterEntry(x))) {
    const by = e.fields.by;
    if (typeof by === 'string' && parties.length > 2) {
      const m = members.get(by);
      if (m) m.to = earlier(m.to, e.date);
      push(e, 'in-force', `${by} ceases to be a party`);
    } else close(e.date, `terminated on ${e.date.text}${typeof by === 'string' ? ` by ${by}` : ''}`);
  }
  // When a denunciation given on `d` takes effect, under the treaty's own terms.
  const effective = (d: PartialDate): PartialDate | undefined => {
    const notice = terms.notice;
    if (notice === undefined || notice === 'none') return undefined;
    const earliest = add(d, notice);
    if (!termEnd) return earliest;
    if (terms.renewal?.kind === 'tacit') {
      let e = termEnd;
      while (compareDates(e, earliest) < 0) e = add(e, terms.renewal.period);
      return e;
    }
    if (terms.renewal?.kind === 'indefinite') return compareDates(earliest, termEnd) <= 0 ? termEnd : earliest;
    return termEnd;
  };
  for (const d of own.filter((x) => x.type === 'denunciation' && afterEntry(x))) {
    const by = d.fields.by as string;
    const eff = effective(d.date);
    if (!eff) {
      push(d, 'in-force', 'the treaty provides no denunciation: the notice has no effect under its terms');
      continue;
    }
    const note = `denounced by ${by} on ${d.date.text}; takes effect ${eff.text}`;
    if (parties.length > 2) {
      const m = members.get(by);
      if (m) m.to = earlier(m.to, eff);
      push(d, 'in-force', `${note} for ${by} alone`);
      history.push({ at: eff, date: eff.text, status: 'in-force', event: 'withdrawal', by, note: `${by} ceases to be a party` });
    } else {
      push(d, 'in-force', note);
      close(eff, note);
    }
  }
  if (termEnd && !terms.renewal) close(termEnd, 'expired at the end of its term');
  // `duration: as long as SLUG`: it ends when that treaty ends (check-corpus refuses a cycle).
  const bound = treaty.lastsWith && depth < 64 ? treatyLife(treaty.lastsWith, events, depth + 1).end : undefined;
  if (bound && treaty.lastsWith) close(bound, `ended with ${treaty.lastsWith.slug}, whose duration it shares`);
  if (termEnd && terms.renewal && (!end || compareDates(termEnd, end) < 0)) {
    const note =
      terms.renewal.kind === 'indefinite'
        ? 'not denounced in time: remains in force indefinitely'
        : 'not denounced in time: tacitly renewed';
    history.push({ at: termEnd, date: termEnd.text, status: 'in-force', event: 'renewal', note });
  }
  const finalEnd = end as PartialDate | undefined;
  if (finalEnd) {
    life.end = finalEnd;
    history.push({ at: finalEnd, date: finalEnd.text, status: 'terminated', event: 'termination', note: endNote || 'terminated' });
  }
  for (const p of parties) {
    const m = members.get(p) as Membership;
    const joined = acceding.find((a) => a.fields.by === p);
    const ratifiedOn = terms.entry === 'each-ratified' && !joined ? ratified.get(p) : undefined;
    if (terms.entry === 'each-ratified' && !joined && !ratifiedOn) {
      members.delete(p); // a signatory that never ratified is not bound
      continue;
    }
    m.from = joined ? later(joined.date, entry) : ratifiedOn ? later(ratifiedOn.date, entry) : entry;
    if (finalEnd) m.to = earlier(m.to, finalEnd);
    if (m.to && compareDates(m.to, m.from) <= 0) members.delete(p);
  }
  history.sort((a, b) => a.at.hi - b.at.hi || compareDates(a.at, b.at));
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
  const m = life.members.get(state);
  if (!m?.from) return F;
  const started: Tri = m.from.hi - 1 <= d.lo ? T : m.from.lo > d.hi - 1 ? F : U;
  if (!m.to) return started;
  const notEnded: Tri = m.to.lo > d.hi - 1 ? T : m.to.hi - 1 <= d.lo ? F : U;
  return started < notEnded ? started : notEnded;
}

/** The day a party stops being bound (its own withdrawal or the treaty's end), if any. */
export function endFor(life: TreatyLife, state: string): PartialDate | undefined {
  return life.members.get(state)?.to ?? life.end;
}

import { addDuration, type PartialDate, parseDate } from '../base/partial-date.js';
import { F, T, type Tri, U } from '../base/tri.js';
import { readCsv } from './read-csv.js';

/** One state's membership of the League of Nations, as the record gives it. */
export interface Membership {
  state: string;
  admitted?: PartialDate;
  /** Notice of withdrawal (Covenant Art. 1(3)): takes effect two years later. */
  withdrawalNotice?: PartialDate;
  /** The date the withdrawal took effect, where a source records it. */
  withdrawalEffective?: PartialDate;
  expelled?: PartialDate;
  /** End of the state's existence in fact (annexation); the League never struck these states off. */
  deFactoEnd?: PartialDate;
  verified: string;
  source: string;
  note: string;
}

/** The moment a membership ends, formally: expulsion, or withdrawal (recorded, else notice + 2 years). */
export function membershipEnd(m: Membership): PartialDate | undefined {
  if (m.expelled) return m.expelled;
  if (m.withdrawalEffective) return m.withdrawalEffective;
  if (m.withdrawalNotice) return addDuration(m.withdrawalNotice, 2, 'year');
  return undefined;
}

/** Whether `state` was a member of the League on `date`, three-valued where partial dates overlap. */
export function isMemberOn(m: Membership | undefined, date: PartialDate): Tri {
  if (!m?.admitted) return F;
  const started: Tri = m.admitted.hi - 1 <= date.lo ? T : m.admitted.lo > date.hi - 1 ? F : U;
  const end = membershipEnd(m);
  const notEnded: Tri = !end ? T : end.lo > date.hi - 1 ? T : end.hi - 1 <= date.lo ? F : U;
  return started < notEnded ? started : notEnded;
}

/** Reads corpus/data/league-membership.csv. */
export function readLeague(text: string): Map<string, Membership> {
  const out = new Map<string, Membership>();
  const opt = (s: string | undefined) => (s ? parseDate(s) : undefined);
  for (const r of readCsv(text)) {
    const m: Membership = { state: r.state as string, verified: r.verified ?? '', source: r.source ?? '', note: r.note ?? '' };
    const admitted = opt(r.admitted);
    if (admitted) m.admitted = admitted;
    const notice = opt(r.withdrawal_notice);
    if (notice) m.withdrawalNotice = notice;
    const effective = opt(r.withdrawal_effective);
    if (effective) m.withdrawalEffective = effective;
    const expelled = opt(r.expelled);
    if (expelled) m.expelled = expelled;
    const end = opt(r.de_facto_end);
    if (end) m.deFactoEnd = end;
    out.set(m.state, m);
  }
  return out;
}

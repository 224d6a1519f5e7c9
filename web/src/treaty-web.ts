import type { StatusEntry, TreatySummary } from './api';

/** What a treaty is, for the style of its edges. */
export type TreatyKind = 'mutual-assistance' | 'guarantee' | 'non-aggression' | 'neutrality' | 'other';

/** The kinds in the order of the legend, with the words shown for them. */
export const TREATY_KINDS: ReadonlyArray<{ kind: TreatyKind; label: string }> = [
  { kind: 'mutual-assistance', label: 'mutual assistance' },
  { kind: 'guarantee', label: 'guarantee' },
  { kind: 'non-aggression', label: 'non-aggression' },
  { kind: 'neutrality', label: 'neutrality' },
  { kind: 'other', label: 'alliance, consultation' },
];

/**
 * The kind of a treaty. The rule: the title's own words first, in this order — "mutual assistance",
 * "guarantee", "non-aggression", "neutrality"; failing those, its norms' actions — any `assist`
 * makes it mutual assistance, `refrain-from-aggression` or `refrain-from-war` non-aggression,
 * `remain-neutral` neutrality; anything else (consultation, concerted action) is `other`.
 */
export function treatyKind(title: string, actions: readonly string[]): TreatyKind {
  const t = title.toLowerCase();
  if (t.includes('mutual assistance')) return 'mutual-assistance';
  if (t.includes('guarantee')) return 'guarantee';
  if (t.includes('non-aggression')) return 'non-aggression';
  if (t.includes('neutrality')) return 'neutrality';
  if (actions.includes('assist')) return 'mutual-assistance';
  if (actions.includes('refrain-from-aggression') || actions.includes('refrain-from-war')) return 'non-aggression';
  if (actions.includes('remain-neutral')) return 'neutrality';
  return 'other';
}

/**
 * A treaty with more parties than this is "large": listed apart, and drawn only on demand, as a
 * hub linked to each state it binds (the Covenant alone would otherwise draw over a thousand
 * edges). Treaties of up to five parties — Locarno's Rhineland Pact, the founding case's own
 * setting, among them — are edges between every two of their bound parties.
 */
export const SMALL_TREATY_PARTIES = 5;

/** An edge of the treaty web: one treaty between two states it binds that day. */
export interface WebEdge {
  /** `franco-soviet-1935:FRN-RUS`: one edge per treaty, so two pacts between the same states are two edges. */
  id: string;
  treaty: string;
  title: string;
  kind: TreatyKind;
  source: string;
  target: string;
}

/** A large multilateral treaty in force, drawn (on demand) as a hub. */
export interface WebHub {
  treaty: string;
  title: string;
  kind: TreatyKind;
  bound: string[];
}

/** What the treaty web shows on a day. */
export interface TreatyWeb {
  at: string;
  /** The states of the drawn edges, sorted. */
  states: string[];
  edges: WebEdge[];
  /** Large treaties in force (drawn only when asked). */
  large: WebHub[];
  /** Treaties signed but not (yet) in force: shown apart, never as edges. */
  signed: StatusEntry[];
}

/** Builds the treaty web of a day from GET /api/status and the corpus list (GET /api/treaties). */
export function buildTreatyWeb(status: { at: string; treaties: StatusEntry[] }, corpus: readonly TreatySummary[]): TreatyWeb {
  const info = new Map(corpus.map((t) => [t.treaty, t]));
  const edges: WebEdge[] = [];
  const large: WebHub[] = [];
  const signed: StatusEntry[] = [];
  for (const s of status.treaties) {
    const t = info.get(s.treaty);
    const kind = treatyKind(s.title, t?.actions ?? []);
    if (s.status === 'signed') {
      signed.push(s);
      continue;
    }
    if (s.status !== 'in-force') continue;
    // Original parties and those that acceded (the Litvinov Protocol's five grew to eight).
    const parties = Math.max(t?.parties.length ?? 0, s.parties.length);
    if (parties > SMALL_TREATY_PARTIES) {
      large.push({ treaty: s.treaty, title: s.title, kind, bound: [...s.bound] });
      continue;
    }
    const bound = [...new Set(s.bound)].sort();
    for (let i = 0; i < bound.length; i++) {
      for (let j = i + 1; j < bound.length; j++) {
        const a = bound[i] as string;
        const b = bound[j] as string;
        edges.push({ id: `${s.treaty}:${a}-${b}`, treaty: s.treaty, title: s.title, kind, source: a, target: b });
      }
    }
  }
  const states = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
  return { at: status.at, states, edges, large, signed };
}

import type { TreatyKind } from '../engine/binding.js';
import type { CorpusStatusEntry as StatusEntry, UnboundParty } from './corpus-time.js';

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
  /** The engine's kind of the treaty (GET /api/treaties). */
  kind: TreatyKind;
  source: string;
  target: string;
  /** The treaty's other parties, which it does not bind that day, and why (the engine's reasons). */
  unbound: UnboundParty[];
}

/** A large multilateral treaty in force, drawn (on demand) as a hub. */
export interface WebHub {
  treaty: string;
  title: string;
  kind: TreatyKind;
  bound: string[];
  parties: string[];
  unbound: UnboundParty[];
}

/**
 * A treaty that cannot be drawn as an edge that day although the engine counts it: in force but
 * binding fewer than two of its parties (the others gone as states, or no longer parties), or
 * suspended. Listed apart, with the engine's reason for each party it does not bind.
 */
export interface ApartTreaty {
  treaty: string;
  title: string;
  kind: TreatyKind;
  status: StatusEntry['status'];
  since?: string;
  bound: string[];
  parties: string[];
  unbound: UnboundParty[];
}

/** What the treaty web shows on a day. */
export interface TreatyWeb {
  at: string;
  /** The states of the drawn edges, sorted. */
  states: string[];
  edges: WebEdge[];
  /** Large treaties in force (drawn only when asked). */
  large: WebHub[];
  /** Treaties in force for fewer than two states, and suspended ones: never edges, listed with the reason. */
  apart: ApartTreaty[];
  /** Treaties signed but not (yet) in force: shown apart, never as edges. */
  signed: StatusEntry[];
}

/**
 * Builds the treaty web of a day from the engine's status of every treaty (`corpusStatus`, GET
 * /api/status) and each treaty's kind and parties (GET /api/treaties). The web app draws it and
 * the exports write it (`src/export/network.ts`): one reading of which treaty links whom.
 * Every treaty the engine counts in force that day is shown: as edges, as a hub, or apart.
 */
export function buildTreatyWeb(
  status: { at: string; treaties: readonly StatusEntry[] },
  corpus: ReadonlyArray<{ treaty: string; parties: readonly string[]; kind: TreatyKind }>,
): TreatyWeb {
  const info = new Map(corpus.map((t) => [t.treaty, t]));
  const edges: WebEdge[] = [];
  const large: WebHub[] = [];
  const apart: ApartTreaty[] = [];
  const signed: StatusEntry[] = [];
  for (const s of status.treaties) {
    const t = info.get(s.treaty);
    const kind = t?.kind ?? 'other';
    if (s.status === 'signed') {
      signed.push(s);
      continue;
    }
    const bound = [...new Set(s.bound)].sort();
    if (s.status === 'suspended' || (s.status === 'in-force' && bound.length < 2)) {
      apart.push({
        treaty: s.treaty,
        title: s.title,
        kind,
        status: s.status,
        ...(s.since ? { since: s.since } : {}),
        bound: [...s.bound],
        parties: [...s.parties],
        unbound: [...s.unbound],
      });
      continue;
    }
    if (s.status !== 'in-force') continue;
    // Original parties and those that acceded (the Litvinov Protocol's five grew to eight).
    const parties = Math.max(t?.parties.length ?? 0, s.parties.length);
    if (parties > SMALL_TREATY_PARTIES) {
      large.push({ treaty: s.treaty, title: s.title, kind, bound: [...s.bound], parties: [...s.parties], unbound: [...s.unbound] });
      continue;
    }
    for (let i = 0; i < bound.length; i++) {
      for (let j = i + 1; j < bound.length; j++) {
        const a = bound[i] as string;
        const b = bound[j] as string;
        edges.push({ id: `${s.treaty}:${a}-${b}`, treaty: s.treaty, title: s.title, kind, source: a, target: b, unbound: [...s.unbound] });
      }
    }
  }
  const states = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
  return { at: status.at, states, edges, large, apart, signed };
}

import type { ScenarioTimeline, TimelineEntry } from './api';

/** One stretch of a row: a status from a day until the next stretch (or the row's end). */
export interface Band {
  status: string;
  from: string;
  to?: string;
}

/** A row of the timeline: what it is, its bands, and the days to mark on it (the deciding events). */
export interface Row {
  key: string;
  label: string;
  /** A link for the label (a treaty page), when there is one. */
  treaty?: string;
  group: 'treaty' | 'member' | 'instance';
  bands: Band[];
  marks: Array<{ date: string; label: string }>;
}

/** The first day a date may denote, as a day: `1936-03` → `1936-03-01`, `1936` → `1936-01-01`. */
export function firstDay(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** Days since 1970-01-01 of a date's first day. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${firstDay(date)}T00:00:00Z`) / 86_400_000);
}

/** Consecutive bands: each ends where the next begins. */
function chain(bands: Array<{ status: string; from: string }>): Band[] {
  return bands.map((b, i) => {
    const next = bands[i + 1];
    return next ? { ...b, to: next.from } : { ...b };
  });
}

/**
 * A treaty's rows from the corpus timeline: its status through time, and for the Covenant each
 * Member's time in the League (admission to the day its withdrawal takes effect, or its expulsion),
 * the notice of withdrawal marked.
 */
export function treatyRows(entries: readonly TimelineEntry[], slug: string, name: (abb: string) => string): Row[] {
  const own = entries.filter((e) => e.treaty === slug);
  const statusSteps = own.filter((e) => !e.event.startsWith('league-'));
  const rows: Row[] = [
    {
      key: slug,
      label: 'the treaty',
      treaty: slug,
      group: 'treaty',
      bands: chain(statusSteps.map((e) => ({ status: e.status, from: e.date }))),
      marks: statusSteps.map((e) => ({ date: e.date, label: e.event + (e.by ? ` (${e.by})` : '') })),
    },
  ];
  const members = new Map<string, TimelineEntry[]>();
  for (const e of own) if (e.event.startsWith('league-') && e.by) (members.get(e.by) ?? members.set(e.by, []).get(e.by))?.push(e);
  for (const [state, steps] of [...members].sort(([a], [b]) => name(a).localeCompare(name(b)))) {
    const bands: Band[] = [];
    for (const s of steps) {
      if (s.event === 'league-admission') bands.push({ status: 'member', from: s.date });
      const open = bands.at(-1);
      if (s.event === 'league-withdrawal' && open && open.to === undefined) {
        open.to = s.date;
        bands.push({ status: 'notice', from: s.date });
      }
      if ((s.event === 'league-membership-ends' || s.event === 'league-expulsion') && open && open.to === undefined) open.to = s.date;
    }
    rows.push({
      key: `${slug}:${state}`,
      label: name(state),
      group: 'member',
      bands,
      marks: steps.map((s) => ({ date: s.date, label: s.event.replace('league-', '') })),
    });
  }
  return rows;
}

/**
 * A scenario's rows: its treaties, then its norm instances, with the scenario's events marked.
 * Instances of one norm toward one beneficiary with the same bands are one row, their holders
 * named (or counted, past three): the Covenant's sanctions owed by fifty Members are one row.
 */
export function scenarioRows(t: ScenarioTimeline, name: (abb: string) => string): Row[] {
  const marks = t.events.map((e) => ({ date: e.date, label: `${e.type}${e.by ? ` ${e.by}` : ''}${e.against ? ` → ${e.against}` : ''}` }));
  const groups = new Map<string, { line: ScenarioTimeline['instances'][number]; holders: string[] }>();
  for (const l of t.instances) {
    const key = `${l.norm}|${l.beneficiary}|${l.counterparty ?? ''}|${JSON.stringify(l.bands.map((b) => [b.status, b.from]))}`;
    const g = groups.get(key);
    if (g) g.holders.push(l.holder);
    else groups.set(key, { line: l, holders: [l.holder] });
  }
  return [
    ...t.treaties.map((l): Row => ({ key: l.treaty, label: l.title, treaty: l.treaty, group: 'treaty', bands: chain(l.bands), marks: [] })),
    ...[...groups.values()].map(({ line: l, holders }): Row => {
      const who = holders.length > 3 ? `${holders.length} states` : holders.map(name).join(', ');
      return {
        key: `${l.norm}|${holders.join(',')}|${l.beneficiary}|${l.counterparty ?? ''}`,
        label: `${l.norm}: ${who} → ${name(l.beneficiary)}${l.counterparty ? ` against ${name(l.counterparty)}` : ''}`,
        treaty: l.norm.split('/')[0] as string,
        group: 'instance',
        bands: chain(l.bands),
        marks,
      };
    }),
  ];
}

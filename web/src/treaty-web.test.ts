import { describe, expect, it } from 'vitest';
import type { StatusEntry, TreatySummary, UnboundParty } from './api';
import { buildTreatyWeb } from './treaty-web';

const corpus: TreatySummary[] = [
  {
    treaty: 'franco-soviet-1935',
    title: 'Treaty of Mutual Assistance between France and the USSR',
    parties: ['FRN', 'RUS'],
    norms: [],
    actions: ['consult', 'assist'],
    kind: 'mutual-assistance',
    obligations: ['defense', 'neutral', 'consul'],
  },
  {
    treaty: 'soviet-french-1932',
    title: 'Pact of Non-Aggression between France and the USSR',
    parties: ['FRN', 'RUS'],
    norms: [],
    actions: ['refrain-from-aggression'],
    kind: 'non-aggression',
    obligations: ['neutral', 'nonagg'],
  },
  {
    treaty: 'league-covenant',
    title: 'Covenant of the League of Nations',
    parties: ['FRN', 'UKG', 'BEL', 'ITA', 'RUS', 'POL'],
    norms: [],
    actions: ['assist'],
    kind: 'other',
    obligations: [],
  },
  {
    treaty: 'czechoslovak-soviet-1935',
    title: 'Treaty of Mutual Assistance between the Czechoslovak Republic and the USSR',
    parties: ['CZE', 'RUS'],
    norms: [],
    actions: ['assist'],
    kind: 'mutual-assistance',
    obligations: ['defense', 'consul'],
  },
  {
    treaty: 'franco-czechoslovak-1924',
    title: 'Treaty of Alliance and Friendship between France and Czechoslovakia',
    parties: ['FRN', 'CZE'],
    norms: [],
    actions: ['consult', 'agree-on-measures'],
    kind: 'consultation',
    obligations: ['consul'],
  },
];
const entry = (treaty: string, status: StatusEntry['status'], bound: string[], unbound: UnboundParty[] = []): StatusEntry => ({
  treaty,
  title: corpus.find((t) => t.treaty === treaty)?.title ?? treaty,
  status,
  bound,
  parties: [...bound, ...unbound.map((u) => u.state)],
  unbound,
});
const czeGone: UnboundParty = { state: 'CZE', reason: 'not-a-state', value: 'false' };

describe('the treaty web of a day', () => {
  it('draws the Franco-Soviet mutual assistance edge only once the treaty is in force, beside the 1932 pact', () => {
    const before = buildTreatyWeb(
      {
        at: '1936-03-26',
        treaties: [
          entry(
            'franco-soviet-1935',
            'signed',
            [],
            [
              { state: 'FRN', reason: 'treaty-not-in-force', value: 'false' },
              { state: 'RUS', reason: 'treaty-not-in-force', value: 'false' },
            ],
          ),
          entry('soviet-french-1932', 'in-force', ['FRN', 'RUS']),
        ],
      },
      corpus,
    );
    expect(before.edges.map((e) => [e.id, e.kind])).toEqual([['soviet-french-1932:FRN-RUS', 'non-aggression']]);
    expect(before.signed.map((s) => s.treaty)).toEqual(['franco-soviet-1935']);

    const after = buildTreatyWeb(
      {
        at: '1936-03-27',
        treaties: [entry('franco-soviet-1935', 'in-force', ['RUS', 'FRN']), entry('soviet-french-1932', 'in-force', ['FRN', 'RUS'])],
      },
      corpus,
    );
    expect(after.edges.map((e) => [e.id, e.kind, e.source, e.target])).toEqual([
      ['franco-soviet-1935:FRN-RUS', 'mutual-assistance', 'FRN', 'RUS'],
      ['soviet-french-1932:FRN-RUS', 'non-aggression', 'FRN', 'RUS'],
    ]);
    expect(after.states).toEqual(['FRN', 'RUS']);
    expect(after.signed).toEqual([]);
    expect(after.apart).toEqual([]);
  });

  it('takes each treaty’s kind from the engine, consultation among them, not from its title', () => {
    const web = buildTreatyWeb({ at: '1930-01-01', treaties: [entry('franco-czechoslovak-1924', 'in-force', ['CZE', 'FRN'])] }, corpus);
    // Titled an alliance; the engine finds only a duty to consult in it.
    expect(web.edges.map((e) => e.kind)).toEqual(['consultation']);
  });

  it('lists large multilateral treaties apart instead of drawing every pair of their parties', () => {
    const web = buildTreatyWeb(
      { at: '1936-03-27', treaties: [entry('league-covenant', 'in-force', ['FRN', 'UKG', 'BEL', 'ITA', 'RUS', 'POL'])] },
      corpus,
    );
    expect(web.edges).toEqual([]);
    expect(web.large).toEqual([
      {
        treaty: 'league-covenant',
        title: 'Covenant of the League of Nations',
        kind: 'other',
        bound: ['FRN', 'UKG', 'BEL', 'ITA', 'RUS', 'POL'],
        parties: ['FRN', 'UKG', 'BEL', 'ITA', 'RUS', 'POL'],
        unbound: [],
      },
    ]);
  });

  it('lists a treaty in force that binds only the USSR apart, with the engine’s reason, and draws no edge for it', () => {
    const web = buildTreatyWeb({ at: '1939-09-01', treaties: [entry('czechoslovak-soviet-1935', 'in-force', ['RUS'], [czeGone])] }, corpus);
    expect(web.edges).toEqual([]);
    expect(web.apart).toEqual([
      {
        treaty: 'czechoslovak-soviet-1935',
        title: corpus[3]?.title,
        kind: 'mutual-assistance',
        status: 'in-force',
        bound: ['RUS'],
        parties: ['RUS', 'CZE'],
        unbound: [czeGone],
      },
    ]);
  });

  it('lists a suspended treaty apart, and drops a terminated one', () => {
    const web = buildTreatyWeb(
      {
        at: '1940-01-01',
        treaties: [
          entry(
            'franco-soviet-1935',
            'suspended',
            [],
            [
              { state: 'FRN', reason: 'treaty-not-in-force', value: 'false' },
              { state: 'RUS', reason: 'treaty-not-in-force', value: 'false' },
            ],
          ),
          entry('soviet-french-1932', 'terminated', []),
        ],
      },
      corpus,
    );
    expect(web.apart.map((t) => [t.treaty, t.status])).toEqual([['franco-soviet-1935', 'suspended']]);
    expect([web.edges, web.large, web.signed]).toEqual([[], [], []]);
  });
});

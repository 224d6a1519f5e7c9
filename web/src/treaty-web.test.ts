import { describe, expect, it } from 'vitest';
import type { StatusEntry, TreatySummary } from './api';
import { buildTreatyWeb, treatyKind } from './treaty-web';

const corpus: TreatySummary[] = [
  {
    treaty: 'franco-soviet-1935',
    title: 'Treaty of Mutual Assistance between France and the USSR',
    parties: ['FRN', 'RUS'],
    norms: [],
    actions: ['consult', 'assist'],
  },
  {
    treaty: 'soviet-french-1932',
    title: 'Pact of Non-Aggression between France and the USSR',
    parties: ['FRN', 'RUS'],
    norms: [],
    actions: ['refrain-from-aggression'],
  },
  {
    treaty: 'league-covenant',
    title: 'Covenant of the League of Nations',
    parties: ['FRN', 'UKG', 'BEL', 'ITA', 'RUS', 'POL'],
    norms: [],
    actions: ['assist'],
  },
  {
    treaty: 'soviet-japanese-1941',
    title: 'Pact of Neutrality between the USSR and Japan',
    parties: ['RUS', 'JPN'],
    norms: [],
    actions: ['refrain-from-aggression', 'remain-neutral'],
  },
];
const entry = (treaty: string, status: string, bound: string[]): StatusEntry => ({
  treaty,
  title: corpus.find((t) => t.treaty === treaty)?.title ?? treaty,
  status,
  bound,
  parties: bound.length > 0 ? bound : ['FRN', 'RUS'],
});

describe('the kind of a treaty', () => {
  it('reads the title first, then the actions of its norms', () => {
    expect(treatyKind('Treaty of Mutual Assistance between France and the USSR', ['consult'])).toBe('mutual-assistance');
    expect(treatyKind('Treaty of Mutual Guarantee between France and Poland', ['assist'])).toBe('guarantee');
    expect(treatyKind('Pact of Friendship, Non-Aggression and Neutrality', ['remain-neutral'])).toBe('non-aggression');
    expect(treatyKind('Pact of Neutrality between the USSR and Japan', ['refrain-from-aggression'])).toBe('neutrality');
    expect(treatyKind('Political Agreement between France and Poland', ['concert-defence', 'assist'])).toBe('mutual-assistance');
    expect(treatyKind('Treaty between Germany and the USSR (Berlin Treaty)', ['remain-neutral'])).toBe('neutrality');
    expect(treatyKind('Treaty of Alliance and Friendship', ['consult', 'agree-on-measures'])).toBe('other');
  });
});

describe('the treaty web of a day', () => {
  it('draws the Franco-Soviet mutual assistance edge only once the treaty is in force, beside the 1932 pact', () => {
    const before = buildTreatyWeb(
      { at: '1936-03-26', treaties: [entry('franco-soviet-1935', 'signed', []), entry('soviet-french-1932', 'in-force', ['FRN', 'RUS'])] },
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
        kind: 'mutual-assistance',
        bound: ['FRN', 'UKG', 'BEL', 'ITA', 'RUS', 'POL'],
      },
    ]);
  });

  it('draws no edge for a treaty that binds fewer than two states that day, nor for a terminated one', () => {
    const web = buildTreatyWeb(
      { at: '1945-08-09', treaties: [entry('soviet-japanese-1941', 'in-force', ['RUS']), entry('soviet-french-1932', 'terminated', [])] },
      corpus,
    );
    expect(web.edges).toEqual([]);
    expect(web.signed).toEqual([]);
  });
});

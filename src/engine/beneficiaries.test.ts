import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../test/helpers.js';
import { parseDate } from '../base/partial-date.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { statesOn } from './binding.js';

const corpus = loadCorpus(undefined, [fileURLToPath(new URL('../../test/fixtures/belgian-neutrality.treaty.md', import.meta.url))]);
const of = (events: string[], at: string, norm: string) =>
  run(events, at, corpus)
    .norms.filter((n) => n.norm === `belgian-neutrality-test/${norm}`)
    .map((n) => [n.holder, n.beneficiary, n.status]);

describe('duties owed to a state that is no party, and to every state', () => {
  it('`states` is every state that can be bound that day', () => {
    const d = statesOn(corpus, parseDate('1914-08-04'));
    expect(d).toContain('YUG'); // Serbia
    expect(d).toContain('AUH');
    expect(d).not.toContain('POL'); // not a state in 1914
    expect(statesOn(corpus, parseDate('1930-01-01'))).not.toContain('AUH');
  });

  it('binds Belgium toward every other state, a party or not', () => {
    expect(of(['{date: 1870-08-01, type: aggression, by: BEL, against: NTH, unprovoked: true}'], '1870-08-02', 'art-7-neutrality')).toEqual(
      [['BEL', 'NTH', 'breached']],
    );
  });

  it('makes every guarantor but the attacker owe Belgium help when it is attacked', () => {
    expect(
      of(['{date: 1914-08-04, type: war-declaration, by: GMY, against: BEL, unprovoked: true}'], '1914-08-05', 'art-7-guarantee'),
    ).toEqual([
      ['UKG', 'BEL', 'due'],
      ['AUH', 'BEL', 'due'],
      ['FRN', 'BEL', 'due'],
      ['RUS', 'BEL', 'due'],
    ]);
  });
});

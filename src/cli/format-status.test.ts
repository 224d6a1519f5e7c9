import { describe, expect, it } from 'vitest';
import type { CorpusStatusEntry } from '../analysis/corpus-time.js';
import { corpusStatusText } from './format-status.js';

const row = (r: Partial<CorpusStatusEntry> & Pick<CorpusStatusEntry, 'treaty' | 'status'>): CorpusStatusEntry => ({
  title: r.treaty,
  bound: [],
  parties: [],
  unbound: [],
  ...r,
});

describe('casus status --at as text', () => {
  it('says why a suspended treaty binds no one, and where a partial date leaves a reason open', () => {
    const text = corpusStatusText('1936-01-01', [
      row({
        treaty: 'a-pact',
        status: 'suspended',
        since: '1935-06-01',
        parties: ['FRN', 'POL'],
        unbound: [
          { state: 'FRN', reason: 'treaty-not-in-force', value: 'false' },
          { state: 'POL', reason: 'treaty-not-in-force', value: 'false' },
        ],
      }),
      row({
        treaty: 'b-pact',
        status: 'in-force',
        since: '1920',
        bound: ['FRN'],
        parties: ['FRN', 'ROM'],
        unbound: [{ state: 'ROM', reason: 'not-league-member', value: 'unknown' }],
      }),
    ]);
    expect(text).toBe(
      [
        'The corpus on 1936-01-01 (1 of 2 treaties in force)',
        '',
        '  a-pact  suspended since 1935-06-01',
        '      FRN, POL: the treaty is suspended that day',
        '  b-pact  in-force since 1920            — binds 1 of 2 parties: FRN',
        '      ROM: perhaps not a Member of the League that day (the Covenant binds only Members); a partial date in the record leaves it open',
        '',
      ].join('\n'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { normaliseName } from '../base/nearest.js';
import { parseDate } from '../base/partial-date.js';
import { F, T, U } from '../base/tri.js';
import { defaultCorpus } from './load-corpus.js';

describe('whether a state can be bound on a day', () => {
  const states = defaultCorpus().states;
  const d = (t: string) => parseDate(t);

  it('follows the COW spells, with the governments in exile filling the gaps they fill', () => {
    expect(states.canBeBound('AUS', d('1938-03-13'))).toBe(T);
    expect(states.canBeBound('AUS', d('1938-03-14'))).toBe(F); // annexed, no government in exile
    expect(states.canBeBound('POL', d('1941-06-22'))).toBe(T); // the government in exile in London
    expect(states.canBeBound('CZE', d('1939-06-01'))).toBe(F); // before the provisional recognition of July 1940
    expect(states.canBeBound('CZE', d('1941-06-22'))).toBe(T);
    expect(states.canBeBound('LAT', d('1940-08'))).toBe(F);
    expect(states.canBeBound('LAT', d('1940-06'))).toBe(U); // the spell ends mid-month
  });

  it('gives the day a state stops being bound, across a government in exile', () => {
    expect(states.boundUntil('AUS', d('1930-01-01'))?.text).toBe('1938-03-14');
    // Poland: the COW spell ends 27 September 1939, the government in exile carries on to 1945,
    // and the second spell follows: bound without a break to the end of the data.
    expect(states.boundUntil('POL', d('1939-09-01'))?.text).toBe('2017-01-01');
    expect(states.boundUntil('CZE', d('1939-06-01'))).toBeUndefined();
  });
});

describe('naming a state', () => {
  const states = defaultCorpus().states;

  it('takes abbreviations, numbers, names and the common names of the period', () => {
    expect(
      ['UKG', 200, 'United Kingdom', 'great britain', 'England', 'england'].map((n) => states.resolve(n, undefined, 'input.unknown-state')),
    ).toEqual(Array(6).fill('UKG'));
  });

  it('suggests the nearest states for a misspelt name, and names the way to write one', () => {
    expect(() => states.resolve('Germny', undefined, 'input.unknown-state')).toThrow(
      /unknown state "Germny" — did you mean GMY \(Germany\)\?/,
    );
    expect(() => states.resolve('Englnd', undefined, 'input.unknown-state')).toThrow(/did you mean UKG \(United Kingdom\)/);
    expect(() => states.resolve('Atlantis', undefined, 'input.unknown-state')).toThrow(/Write a COW abbreviation, number or name/);
  });
});

describe('the whole COW state system', () => {
  const states = defaultCorpus().states;

  it('names the states of 1816-2016 and their historical names, each to one code', () => {
    const at = (name: string) => states.resolve(name, undefined, 'input.unknown-state');
    expect(['Austria-Hungary', 'Bavaria', 'Prussia', 'Ottoman Empire', 'Serbia', 'Sardinia', 'Siam', 'Persia', 'Kosovo'].map(at)).toEqual([
      'AUH',
      'BAV',
      'GMY',
      'TUR',
      'YUG',
      'ITA',
      'THI',
      'IRN',
      'KOS',
    ]);
    expect(at('Austria')).toBe('AUS');
    expect(states.canBeBound('AUH', parseDate('1914-07-28'))).toBe(T);
    expect(states.canBeBound('AUH', parseDate('1918-11-13'))).toBe(F);
  });

  it('lets no name, alias, abbreviation or number lead to two states', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of states.states) {
      for (const key of new Set(
        [s.abb, String(s.ccode), s.name, ...s.aliases].map((k) =>
          k
            .trim()
            .toLowerCase()
            .replace(/[.\s_/-]+/g, ' '),
        ),
      )) {
        const other = owner.get(key);
        if (other && other !== s.abb) clashes.push(`${key}: ${other} and ${s.abb}`);
        owner.set(key, s.abb);
      }
    }
    expect(clashes).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
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

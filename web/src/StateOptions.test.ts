import { describe, expect, it } from 'vitest';
import type { StateInfo } from './api';
import { existsOn } from './StateOptions';

const state = (abb: string, spells: Array<[string, string]>): StateInfo => ({
  abb,
  name: abb,
  ccode: 0,
  european: true,
  spells: spells.map(([from, to]) => ({ from, to })),
  bound: spells.map(([from, to]) => ({ from, to })),
});

describe('the states a picker offers on a date', () => {
  const auh = state('AUH', [['1816-01-01', '1918-11-12']]);
  const aus = state('AUS', [
    ['1919-09-10', '1938-03-13'],
    ['1955-07-27', '2016-12-31'],
  ]);

  it('keeps the states of the system on that day, month or year', () => {
    expect([auh, aus].filter((s) => existsOn(s, '1914-07-28')).map((s) => s.abb)).toEqual(['AUH']);
    expect([auh, aus].filter((s) => existsOn(s, '1937-03-01')).map((s) => s.abb)).toEqual(['AUS']);
    expect(existsOn(aus, '1940')).toBe(false);
    expect(existsOn(aus, '1938')).toBe(true); // until 13 March
    expect(existsOn(auh, '1918-11')).toBe(true);
    expect(existsOn(auh, '1918-12')).toBe(false);
  });

  it('offers every state while the date is being typed or is malformed', () => {
    for (const d of [undefined, '', '19', '1937-3', 'soon']) expect(existsOn(auh, d) && existsOn(aus, d)).toBe(true);
  });
});

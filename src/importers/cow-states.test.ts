import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatError, inputErrors } from '../base/casus-error.js';
import { importCowStates, statesCsv } from './cow-states.js';

const cow = `stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
USA,2,United States of America,1816,1,1,2016,12,31,2016
AUS,305,Austria,1918,11,12,1938,3,13,2016
AUS,305,Austria,1955,7,27,2016,12,31,2016
CUB,40,Cuba,1902,5,20,1906,9,25,2016
CUB,40,Cuba,1909,1,23,2016,12,31,2016
BAD,999,Gone Early,1816,1,1,1860,1,1,2016
`;

const errorsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return inputErrors(e).map(formatError);
  }
  return [];
};

describe('casus import cow-states', () => {
  it('groups each state’s spells, marks Europe by COW code, and keeps the states and spells of a period', () => {
    const rows = importCowStates(cow, 'states2016.csv', { from: 1919, to: 1945 });
    expect(rows.map((r) => [r.abb, r.european, r.spells])).toEqual([
      ['USA', false, ['1816-01-01/2016-12-31']],
      ['CUB', false, ['1909-01-23/2016-12-31']],
      ['AUS', true, ['1918-11-12/1938-03-13']],
    ]);
    expect(statesCsv(rows).split('\n')[3]).toBe('AUS,305,Austria,true,,1918-11-12/1938-03-13');
  });

  it('keeps the aliases and casus’s own additions of the table it merges with', () => {
    const merge =
      'abb,ccode,name,european,aliases,spells\nAUS,305,Austria,true,Österreich,x\nSVK,9317,Slovakia,true,Slovak State,1939-03-14/1945-04-04\n';
    const rows = importCowStates(cow, 'states2016.csv', { from: 1919, to: 1945, merge });
    expect(rows.find((r) => r.abb === 'AUS')?.aliases).toEqual(['Österreich']);
    expect(rows.at(-1)).toMatchObject({ abb: 'SVK', ccode: 9317, spells: ['1939-03-14/1945-04-04'] });
  });

  it('rejects a file that is not a COW state list, and an impossible date, with the line', () => {
    expect(errorsOf(() => importCowStates('a,b\n1,2\n', 'x.csv'))[0]).toMatch(/^x\.csv:1:1 {2}not a COW state list: no column stateabb/);
    const bad = cow.replace('1938,3,13', '1938,2,30');
    expect(errorsOf(() => importCowStates(bad, 'x.csv'))).toEqual(['x.csv:3:1  impossible date 1938-02-30']);
  });

  const shared = fileURLToPath(new URL('../../../shared/data/cow_states2016.csv', import.meta.url));
  it.skipIf(!existsSync(shared))(
    'reproduces corpus/data/states.csv, the whole state system of 1816-2016, from the shared COW file, byte for byte',
    () => {
      const ours = readFileSync(fileURLToPath(new URL('../../corpus/data/states.csv', import.meta.url)), 'utf8');
      const rows = importCowStates(readFileSync(shared, 'utf8'), shared, { merge: ours });
      expect(statesCsv(rows)).toBe(ours);
    },
  );
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sweepModel } from '../src/analysis/sweep.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { importAtop } from '../src/importers/atop.js';
import { library } from '../src/importers/atop-fixture.js';
import { importCowStates } from '../src/importers/cow-states.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { Draw, networkAgainstCascade, sweepAgainstEngine, yearsAgainstDays } from './property/one-semantics.js';

// One semantics (issue 11): every specialised path against the engine, on seeded random
// questions. A fixed count here; `npm run property -- --runs N` for more.
const shipped = loadCorpus();

describe('the sweep answers as the engine does, on random questions over the shipped corpus', () => {
  for (const [name, options, seed] of [
    ['attacks of unknown character', {}, 11],
    ['unprovoked attacks', { unprovoked: true }, 12],
    ['ATOP’s convention (--any-member)', { anyMember: true }, 13],
  ] as const) {
    it(`instance by instance, for ${name}`, () => {
      const model = sweepModel(shipped, options);
      const r = sweepAgainstEngine(shipped, model, new Draw(seed), 300, { from: 1920, to: 1945 });
      expect(r.disagreements).toEqual([]);
      expect(r.asked).toBeGreaterThan(300);
    });
  }

  it('a dyad-year is the best answer over every day of the year', () => {
    const r = yearsAgainstDays(sweepModel(shipped), new Draw(21), 4, { from: 1935, to: 1940 });
    expect(r.disagreements).toEqual([]);
  });
});

describe('the network cascade wars as the scenario cascade does, every state complying', () => {
  it('on random attacks over the shipped corpus', () => {
    const model = sweepModel(shipped, { unprovoked: true });
    const r = networkAgainstCascade(shipped, model, new Draw(31), 4, 12, { from: 1926, to: 1941 }, (text) =>
      loadScenario(text, 'q.yaml', shipped),
    );
    expect(r.disagreements).toEqual([]);
    expect(r.asked).toBeGreaterThan(30);
  });
});

// ATOP 4.01, imported as `casus import atop` does, from ../shared/data (never committed).
const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const hasAtop = existsSync(`${data}atop4_01m.csv`) && existsSync(`${data}cow_states2016.csv`);

it.runIf(process.env.CI === 'true')('in CI (CI=true): the ATOP data are in ../shared/data', () => {
  expect(hasAtop, `no ATOP 4.01 and COW files in ${data}`).toBe(true);
});

describe.skipIf(!hasAtop)('the same properties over the ATOP 4.01 import (../shared/data)', () => {
  const atop = hasAtop
    ? library(
        importAtop(
          readFileSync(`${data}atop4_01m.csv`, 'utf8'),
          'atop4_01m.csv',
          importCowStates(readFileSync(`${data}cow_states2016.csv`, 'utf8'), 'cow_states2016.csv'),
        ),
      )
    : shipped;

  it('the sweep answers as the engine does, instance by instance', () => {
    for (const [options, seed] of [
      [{}, 41],
      [{ anyMember: true }, 42],
    ] as const) {
      const r = sweepAgainstEngine(atop, sweepModel(atop, options), new Draw(seed), 150, { from: 1816, to: 1944 });
      expect(r.disagreements).toEqual([]);
    }
  });

  it('the network cascade wars as the scenario cascade does', () => {
    const model = sweepModel(atop, { unprovoked: true });
    // The July crisis and September 1939 among them: the chains historians ask about.
    const named = [
      { date: '1914-07-28', by: 'AUH', against: 'YUG' },
      { date: '1914-08-01', by: 'GMY', against: 'RUS' },
      { date: '1914-08-04', by: 'GMY', against: 'BEL' },
      { date: '1939-09-01', by: 'GMY', against: 'POL' },
      { date: '1940-06-10', by: 'ITA', against: 'FRN' },
      { date: '1941-06-22', by: 'GMY', against: 'RUS' },
      { date: '1870-07-19', by: 'FRN', against: 'GMY' },
    ];
    const r = networkAgainstCascade(
      atop,
      model,
      new Draw(43),
      4,
      8,
      { from: 1816, to: 1944 },
      (text) => loadScenario(text, 'q.yaml', atop),
      named,
    );
    expect(r.disagreements).toEqual([]);
  });
});

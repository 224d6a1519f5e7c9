import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { parseDate } from '../base/partial-date.js';
import { and3, T } from '../base/tri.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import { canOwe, corpusLeague, partyBound } from '../engine/binding.js';
import { treatyLife } from '../engine/treaty-status.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { type CorpusStatusEntry, corpusStatus } from './corpus-time.js';

const entry = (at: string, treaty: string, corpus: Corpus = testCorpus, events: string[] = []): CorpusStatusEntry => {
  const scenario = loadScenario(`id: x\nevents:${events.map((e) => `\n  - ${e}`).join('') || ' []'}\n`, 'x.yaml', corpus);
  const found = corpusStatus(corpus, parseDate(at), scenario.events).find((e) => e.treaty === treaty);
  if (!found) throw new Error(`no ${treaty}`);
  return found;
};

describe('why a treaty does not bind a party on a day', () => {
  it('binds only the USSR under the Czechoslovak-Soviet pact on 1 September 1939: Czechoslovakia was not a state', () => {
    expect(entry('1939-09-01', 'czechoslovak-soviet-1935')).toMatchObject({
      status: 'in-force',
      bound: ['RUS'],
      parties: ['CZE', 'RUS'],
      unbound: [{ state: 'CZE', reason: 'not-a-state', value: 'false' }],
    });
    // Once the Allies recognised the Czechoslovak government in exile, the pact bound both again.
    expect(entry('1941-09-01', 'czechoslovak-soviet-1935')).toMatchObject({ bound: ['CZE', 'RUS'], unbound: [] });
  });

  it('says Germany and Japan were no Members of the League in 1939, and keeps them among the Covenant’s parties', () => {
    const covenant = entry('1939-09-01', 'league-covenant');
    const why = new Map(covenant.unbound.map((u) => [u.state, u.reason]));
    expect([why.get('GMY'), why.get('JPN'), why.get('CZE'), why.get('UKG')]).toEqual([
      'not-league-member',
      'not-league-member',
      'not-a-state',
      undefined,
    ]);
    expect(covenant.parties).toEqual(expect.arrayContaining(['GMY', 'JPN']));
  });

  it('leaves it open where a partial date straddles the day: Romania’s admission is recorded by its year only', () => {
    expect(entry('1920-09-01', 'league-covenant').unbound.find((u) => u.state === 'ROM')).toEqual({
      state: 'ROM',
      reason: 'not-league-member',
      value: 'unknown',
    });
    expect(entry('1921-01-01', 'league-covenant').bound).toContain('ROM');
  });

  it('says a signatory that has not yet ratified is not yet a party', () => {
    const late = ['{date: 1929-06-01, type: ratification, treaty: each-ratified-test, by: ROM}'];
    expect(entry('1929-05-01', 'each-ratified-test', testCorpus, late)).toMatchObject({
      bound: ['POL', 'EST'],
      unbound: [{ state: 'ROM', reason: 'not-yet-party', value: 'false' }],
    });
    expect(entry('1929-06-01', 'each-ratified-test', testCorpus, late)).toMatchObject({ bound: ['POL', 'ROM', 'EST'], unbound: [] });
  });

  it('says a state that left a multilateral treaty is no longer a party', () => {
    const left = ['{date: 1935-01-01, type: termination, treaty: litvinov-protocol-1929, by: EST}'];
    const e = entry('1936-01-01', 'litvinov-protocol-1929', testCorpus, left);
    expect(e.parties).toContain('EST');
    expect(e.bound).not.toContain('EST');
    expect(e.unbound).toEqual([{ state: 'EST', reason: 'no-longer-party', value: 'false' }]);
  });

  it('gives every party of a treaty not in force that day the treaty itself as the reason', () => {
    expect(entry('1936-03-26', 'franco-soviet-1935')).toMatchObject({
      status: 'signed',
      bound: [],
      unbound: [
        { state: 'FRN', reason: 'treaty-not-in-force', value: 'false' },
        { state: 'RUS', reason: 'treaty-not-in-force', value: 'false' },
      ],
    });
  });

  it('names every party either bound or unbound, never both, and binds exactly whom the binding rule binds', () => {
    const league = corpusLeague(testCorpus);
    for (let year = 1920; year <= 1945; year++) {
      for (const day of [`${year}-01-01`, `${year}-09-01`]) {
        const at = parseDate(day);
        for (const e of corpusStatus(testCorpus, at)) {
          const where = `${day} ${e.treaty}`;
          const unbound = e.unbound.map((u) => u.state);
          expect(
            unbound.filter((s) => e.bound.includes(s)),
            where,
          ).toEqual([]);
          expect([...e.bound, ...unbound], where).toEqual(expect.arrayContaining(e.parties));
          const life = treatyLife(testCorpus.treaties.get(e.treaty) as Treaty, []);
          const surely =
            e.status === 'in-force' ? e.parties.filter((p) => and3(partyBound(life, p, at, league), canOwe(testCorpus, p, at)) === T) : [];
          expect(e.bound, where).toEqual(surely);
        }
      }
    }
  });
});

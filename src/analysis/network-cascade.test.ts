import { describe, expect, it } from 'vitest';
import { parseDate } from '../base/partial-date.js';
import { importAtop } from '../importers/atop.js';
import { csv, library, pair, STATES } from '../importers/atop-fixture.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { cascade } from './cascade.js';
import { compileNetwork, networkCascade } from './network-cascade.js';

// A 1938 web: FRN and UKG defend POL (FRN only against GMY); GMY and ITA defend each other against
// anyone; RUS defends CZE only if the attack is unprovoked; ROM defends HUN at a place casus cannot
// test; and ITA alone pledges to join GMY's wars (an offensive pledge, ATOP's `offense`).
const corpus = library(
  importAtop(
    csv([
      ...pair(1, 220, 290, { defense: 1, defcoadv: 1, statthr1: 255 }),
      ...pair(2, 200, 290, { defense: 1 }),
      ...pair(3, 255, 325, { defense: 1 }),
      ...pair(4, 365, 315, { defense: 1, defconpr: 1 }),
      ...pair(5, 310, 360, { defense: 1, defcoloc: 1 }),
      { atopid: 6, member: 325, yrent: 1935, moent: 5, dayent: 2, offense: 1 },
      { atopid: 6, member: 255, yrent: 1935, moent: 5, dayent: 2 },
    ]),
    'fixture.csv',
    STATES,
  ),
);
const net = compileNetwork(corpus, 1938);
const entered = (attacker: string, target: string) =>
  networkCascade(net, attacker, target)
    .entered.map((e) => e.state)
    .sort();

describe('cascades on the compiled network', () => {
  it('agrees with the scenario cascade (the whole engine, round by round) when every state complies', () => {
    const scenario = loadScenario(
      'id: f\ntitle: t\nat: 1938-06-01\nevents:\n  - {date: 1938-06-01, type: aggression, by: GMY, against: POL, unprovoked: true}\n',
      'f.yaml',
      corpus,
    );
    const reference = cascade(corpus, scenario, { from: parseDate('1938-06-01') });
    const fast = networkCascade(compileNetwork(corpus, parseDate('1938-06-01')), 'GMY', 'POL');
    expect(fast.entered.map((e) => e.state).sort()).toEqual(
      [...(reference.run?.belligerents ?? [])].filter((s) => s !== 'GMY' && s !== 'POL').sort(),
    );
    // France and Britain defend Poland; Italy joins Germany's war, an aggression of its own, so
    // Britain (which defends Poland against anyone) enters against Italy too.
    expect(fast.entered.map((e) => e.state).sort()).toEqual(['FRN', 'ITA', 'UKG']);
    expect(reference.run?.rounds.flatMap((r) => r.entries.map((e) => `${e.state}>${e.against} ${e.as}`))).toEqual([
      'FRN>GMY defence',
      'ITA>POL offence',
      'UKG>GMY defence',
      'UKG>ITA defence',
    ]);
    expect(fast.size.max).toBe(reference.run?.size);
  });

  it('a defender’s entry is no aggression: it sets off no defence pact of the attacker', () => {
    // The USSR defends Czechoslovakia against Italy; Germany, which defends Italy against an
    // attack, owes it nothing against a state that comes to the aid of Italy's victim.
    expect(entered('ITA', 'CZE')).toEqual(['RUS']);
    // Italy joins Germany's war on Czechoslovakia, and the USSR defends Czechoslovakia against both.
    expect(entered('GMY', 'CZE')).toEqual(['ITA', 'RUS']);
  });

  it('a pledge against a named adversary, or only for an unprovoked attack, binds only then', () => {
    expect(entered('RUS', 'POL')).toEqual(['UKG']);
    // A pledge conditional on a place casus cannot test is not performed: only Italy joins Germany.
    expect(entered('GMY', 'HUN')).toEqual(['ITA']);
  });

  it('Monte Carlo: same seed, same result; shares follow the compliance', () => {
    const compliance = { default: 0.5, states: { UKG: 1 } };
    const a = networkCascade(net, 'GMY', 'POL', { runs: 20000, seed: 9, compliance });
    expect(JSON.stringify(networkCascade(net, 'GMY', 'POL', { runs: 20000, seed: 9, compliance }))).toBe(JSON.stringify(a));
    const share = (s: string) => a.entered.find((e) => e.state === s)?.share ?? 0;
    expect(share('UKG')).toBe(1);
    for (const s of ['FRN', 'ITA']) {
      expect(share(s)).toBeGreaterThan(0.48);
      expect(share(s)).toBeLessThan(0.52);
    }
    expect(a.size.histogram.reduce((n, h) => n + h.runs, 0)).toBe(20000);
  });
});

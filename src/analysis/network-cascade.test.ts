import { describe, expect, it } from 'vitest';
import { parseDate } from '../base/partial-date.js';
import { importAtop } from '../importers/atop.js';
import { csv, library, pair, STATES } from '../importers/atop-fixture.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { cascade } from './cascade.js';
import { compileNetwork, networkCascade } from './network-cascade.js';

// A 1938 web: FRN and UKG defend POL (FRN only against GMY); ITA defends GMY against anyone;
// RUS defends CZE only if the attack is unprovoked; ROM defends HUN at a place casus cannot test.
const corpus = library(
  importAtop(
    csv([
      ...pair(1, 220, 290, { defense: 1, defcoadv: 1, statthr1: 255 }),
      ...pair(2, 200, 290, { defense: 1 }),
      ...pair(3, 255, 325, { defense: 1 }),
      ...pair(4, 365, 315, { defense: 1, defconpr: 1 }),
      ...pair(5, 310, 360, { defense: 1, defcoloc: 1 }),
    ]),
    'fixture.csv',
    STATES,
  ),
);
const net = compileNetwork(corpus, 1938);

describe('cascades on the compiled network', () => {
  it('agrees with the scenario cascade (the whole engine, round by round) when every state complies', () => {
    const scenario = loadScenario(
      'id: f\ntitle: t\nat: 1938-06-01\nevents:\n  - {date: 1938-06-01, type: aggression, by: GMY, against: POL, unprovoked: true}\n',
      'f.yaml',
      corpus,
    );
    const reference = cascade(corpus, scenario, { from: parseDate('1938-06-01') });
    const fast = networkCascade(net, 'GMY', 'POL');
    expect(fast.entered.map((e) => e.state).sort()).toEqual(
      [...(reference.run?.belligerents ?? [])].filter((s) => s !== 'GMY' && s !== 'POL').sort(),
    );
    expect(fast.entered.map((e) => e.state).sort()).toEqual(['FRN', 'ITA', 'UKG']);
    expect(fast.size.max).toBe(reference.run?.size);
  });

  it('a pledge against a named adversary, or only for an unprovoked attack, binds only then', () => {
    expect(networkCascade(net, 'RUS', 'POL').entered.map((e) => e.state)).toEqual(['UKG']);
    // The first attack is unprovoked: RUS defends CZE, and ITA then defends GMY against RUS.
    expect(networkCascade(net, 'GMY', 'CZE').entered.map((e) => e.state)).toEqual(['ITA', 'RUS']);
    expect(networkCascade(net, 'ITA', 'CZE').entered.map((e) => e.state)).toEqual(['GMY', 'RUS']);
    // A pledge conditional on a place casus cannot test is not performed.
    expect(networkCascade(net, 'GMY', 'HUN').entered).toEqual([]);
  });

  it('Monte Carlo: same seed, same result; shares follow the compliance', () => {
    const compliance = { default: 0.5, states: { UKG: 1 } };
    const a = networkCascade(net, 'GMY', 'POL', { runs: 20000, seed: 9, compliance });
    expect(JSON.stringify(networkCascade(net, 'GMY', 'POL', { runs: 20000, seed: 9, compliance }))).toBe(JSON.stringify(a));
    const share = (s: string) => a.entered.find((e) => e.state === s)?.share ?? 0;
    expect(share('UKG')).toBe(1);
    expect(share('FRN')).toBeGreaterThan(0.48);
    expect(share('FRN')).toBeLessThan(0.52);
    // ITA is asked once per counterparty (UKG always, FRN half the time): 1 - 0.5 * (1 - 0.5 * 0.5) = 0.625.
    expect(share('ITA')).toBeGreaterThan(0.6);
    expect(share('ITA')).toBeLessThan(0.65);
    expect(a.size.histogram.reduce((n, h) => n + h.runs, 0)).toBe(20000);
  });
});

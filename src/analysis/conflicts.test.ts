import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CasusError } from '../base/casus-error.js';
import { parseDate } from '../base/partial-date.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { evaluate } from '../engine/evaluate.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { checkExpectations } from './check-expectations.js';
import { type ConflictResult, conflicts, conflictsText } from './conflicts.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

/** The shipped corpus and the pact without Laval's conditions (a test fixture). */
const corpus = loadCorpus(undefined, [fixture('franco-soviet-unconditional.treaty.md')]);

function witnessOf(r: ConflictResult) {
  if (r.compatible) throw new Error(`expected a witness, got compatible: ${JSON.stringify(r.examined)}`);
  return r.witness;
}

/** The witness file loads, and its expect block holds against the whole corpus. */
function roundTrip(yaml: string) {
  const scenario = loadScenario(yaml, 'witness.yaml', corpus);
  const report = evaluate(corpus, scenario, scenario.at ?? parseDate('1936-03-28'), { explain: false });
  return { scenario, report, mismatches: checkExpectations(scenario, report) };
}

const withoutTime = (r: ConflictResult) => JSON.stringify({ ...r, ms: 0 });

describe('conflicts: the pact without Laval’s conditions against Locarno', () => {
  const r = conflicts(corpus, ['franco-soviet-unconditional-test', 'locarno-rhineland-1925']);

  it('finds France owing an entry into war on Germany that Locarno Art. 2 forbids, none of its exceptions applying', () => {
    const w = witnessOf(r);
    expect(w.duty).toMatchObject({
      norm: 'franco-soviet-unconditional-test/art-2',
      holder: 'FRN',
      beneficiary: 'RUS',
      counterparty: 'GMY',
    });
    expect(w.duty.status).toBe('fulfilled');
    expect(w.breached).toMatchObject({ norm: 'locarno-rhineland-1925/art-2-war', holder: 'FRN', beneficiary: 'GMY', status: 'breached' });
    // The smallest situation: a German attack on the USSR, nothing else before France acts.
    expect(w.scenarioYaml).toContain(
      '- { date: 1936-03-27, type: aggression, by: GMY, against: RUS, unprovoked: true }\n  - { date: 1936-03-28',
    );
    // Performing the duty is belligerence in defence of the USSR, not an aggression.
    expect(w.scenarioYaml).toContain('{ date: 1936-03-28, type: assistance, by: FRN, against: GMY, to: RUS }');
    expect(w.scenarioYaml).toContain('{ date: 1936-03-28, type: war-declaration, by: FRN, against: GMY }');
    expect(w.scenarioYaml).not.toContain('type: aggression, by: FRN');
    expect(w.explanation).toContain('locarno-rhineland-1925/art-2-war');
  });

  it('writes a witness that loads and passes its own expect block, and fails without the performance', () => {
    const w = witnessOf(r);
    const { scenario, mismatches } = roundTrip(w.scenarioYaml);
    expect(mismatches).toEqual([]);
    expect(scenario.expect.map((e) => e.fields.status)).toEqual(['fulfilled', 'breached']);
    expect(scenario.description).toMatch(/breaches locarno-rhineland-1925\/art-2-war/);
    // Without France's act the duty is only due and Locarno unbroken: both expectations fail.
    const unperformed = w.scenarioYaml
      .split('\n')
      .filter((l) => !l.includes('date: 1936-03-28'))
      .join('\n');
    expect(roundTrip(unperformed).mismatches.map((m) => m.expected.norm)).toEqual([
      'franco-soviet-unconditional-test/art-2',
      'locarno-rhineland-1925/art-2-war',
    ]);
  });

  it('says how the search was bounded, and is deterministic', () => {
    expect(r.bounds).toMatchObject({
      treaties: ['franco-soviet-unconditional-test', 'locarno-rhineland-1925'],
      from: '1936-03-27',
      to: '1937-03-27',
      date: '1936-03-27',
      performedOn: '1936-03-28',
      // The parties, then the states the rules name (none new), then the first European and
      // non-European states of states.csv outside them: Ireland (205) and the United States (2).
      states: ['FRN', 'RUS', 'GMY', 'BEL', 'UKG', 'ITA', 'IRE', 'USA'],
      outsiders: { european: 'IRE', nonEuropean: 'USA' },
      triggerTypes: ['threat', 'aggression', 'council-finding', 'remilitarisation'],
      maxEvents: 8,
    });
    // Threats come first (8 × 7 = 56), then aggressions by (by, against, unprovoked): GMY → RUS,
    // unprovoked, is the 46th: 102 trigger scenarios before the witness.
    expect(r.examined.triggers).toBe(102);
    expect(withoutTime(conflicts(corpus, ['franco-soviet-unconditional-test', 'locarno-rhineland-1925']))).toBe(withoutTime(r));
    const text = conflictsText(r);
    expect(text).toContain('✗ Not compatible');
    expect(text).toContain('states     FRN, RUS, GMY, BEL, UKG, ITA, IRE, USA');
    expect(text).toContain('    id: conflict-franco-soviet-unconditional-test-vs-locarno-rhineland-1925');
  });
});

describe('conflicts: the Franco-Soviet pact as encoded', () => {
  it('is compatible with Locarno within the bounds, thanks to the conditions Laval added', () => {
    const r = conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925']);
    expect(r.compatible).toBe(true);
    // Every trigger is tried: threats 8 × 7, aggressions 8 × 7 × 3 (unprovoked true/false/unknown),
    // council findings 8 × 2 texts of `under`, remilitarisations 8 × 1 zone.
    expect(r.examined.triggers).toBe(56 + 168 + 16 + 8);
    expect(r.examined.scenarios).toBeGreaterThan(r.examined.triggers);
    expect(r.examined.performances).toBeGreaterThan(0);
    expect(r.bounds.texts).toMatchObject({ under: ['art-16', 'locarno-rhineland-1925/art-4'], zone: ['rhineland'] });
    expect(conflictsText(r)).toContain('✓ Compatible within these bounds');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('owes nothing in the witness of the unconditional pact: the League steps stand in the way', () => {
    // The events that make the unconditional pact breach Locarno leave the pact as Laval framed it pending.
    const w = witnessOf(conflicts(corpus, ['franco-soviet-unconditional-test', 'locarno-rhineland-1925']));
    const { report } = roundTrip(w.scenarioYaml);
    const laval = report.norms.find((n) => n.norm === 'franco-soviet-1935/art-2' && n.holder === 'FRN' && n.counterparty === 'GMY');
    expect(laval?.status).toBe('pending');
  });
});

describe('conflicts: options and bad input', () => {
  it('chooses the first day of the window on which all the treaties are in force', () => {
    const r = conflicts(corpus, ['franco-soviet-unconditional-test', 'locarno-rhineland-1925'], { from: '1936-01-01', to: '1936-06-30' });
    expect(r.bounds).toMatchObject({ from: '1936-01-01', to: '1936-06-30', date: '1936-03-27', performedOn: '1936-03-28' });
  });

  it('finds nothing when the bound on events leaves no room for the League steps', () => {
    // The encoded pact needs a trigger and five League steps (6 events): with at most 5, no duty becomes due.
    const r = conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { maxEvents: 5 });
    expect(r.compatible).toBe(true);
    expect(r.examined.triggers).toBe(56 + 168 + 16 + 8);
  });

  it('rejects bad input with a CasusError', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CasusError);
        return (e as CasusError).code;
      }
      return 'no error';
    };
    expect(code(() => conflicts(corpus, ['franco-soviet-1935']))).toBe('input.missing-option');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-1925']))).toBe('input.unknown-treaty');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'franco-soviet-1935']))).toBe('input.bad-option');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { from: '1936-02-30' }))).toBe('input.bad-date');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { from: '1930', to: '1931' }))).toBe(
      'input.bad-option',
    );
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { from: '1937', to: '1936' }))).toBe(
      'input.bad-option',
    );
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { maxEvents: 0 }))).toBe('input.bad-option');
  });
});

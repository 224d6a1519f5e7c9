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

function witnessesOf(r: ConflictResult) {
  if (r.compatible) throw new Error(`expected witnesses, got compatible: ${JSON.stringify(r.examined)}`);
  return r.witnesses;
}

/** The CasusError a call throws. */
function errorOf(f: () => unknown): CasusError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CasusError);
    return e as CasusError;
  }
  throw new Error('expected a CasusError, got none');
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
    expect(w.scenarioYaml).toContain('{ date: 1936-03-28, type: war-declaration, by: FRN, against: GMY, unprovoked: false }');
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

  it('says how the search was bounded, stops at the first witness, and is deterministic', () => {
    expect(r.bounds).toMatchObject({
      treaties: ['franco-soviet-unconditional-test', 'locarno-rhineland-1925'],
      // The whole time both are in force: neither ends, so to the last day the corpus records (the League's end).
      from: '1936-03-27',
      to: '1946-04-18',
      all: false,
      // The parties, then the states the rules name (none new).
      states: ['FRN', 'RUS', 'GMY', 'BEL', 'UKG', 'ITA'],
      triggerTypes: ['threat', 'aggression', 'remilitarisation', 'council-finding', 'war-declaration'],
      maxEvents: 8,
    });
    const [first, ...later] = r.bounds.periods;
    expect(first).toMatchObject({
      from: '1936-03-27',
      to: '1937-04-23',
      outcome: 'conflict',
      date: '1936-03-27',
      performedOn: '1936-03-28',
      // With them, the first European and non-European states of states.csv outside them: Ireland (205) and the United States (2).
      states: ['FRN', 'RUS', 'GMY', 'BEL', 'UKG', 'ITA', 'IRE', 'USA'],
      outsiders: { european: 'IRE', nonEuropean: 'USA' },
    });
    // The later periods are listed, not searched.
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((p) => p.outcome === 'not-searched' && p.examined === undefined)).toBe(true);
    expect(witnessOf(r).period).toEqual({ from: '1936-03-27', to: '1937-04-23' });
    // Threats come first (8 × 7 = 56), then aggressions by (by, against, unprovoked): GMY → RUS,
    // unprovoked, is the 46th: 102 trigger scenarios before the witness.
    expect(r.examined.triggers).toBe(102);
    expect(withoutTime(conflicts(corpus, ['franco-soviet-unconditional-test', 'locarno-rhineland-1925']))).toBe(withoutTime(r));
    const text = conflictsText(r);
    expect(text).toContain('✗ Not compatible: in the period from 1936-03-27 to 1937-04-23');
    expect(text).toContain(`(${later.length} later periods were not searched: the search stops at the first witness`);
    expect(text).toContain('states     FRN, RUS, GMY, BEL, UKG, ITA in every period; with them IRE');
    expect(text).toContain('    id: conflict-franco-soviet-unconditional-test-vs-locarno-rhineland-1925');
  });
});

describe('conflicts: the Franco-Soviet pact as encoded', () => {
  it('is compatible with Locarno in every period of their joint life, thanks to the conditions Laval added', () => {
    const r = conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925']);
    expect(r.compatible).toBe(true);
    expect(r.bounds).toMatchObject({ from: '1936-03-27', to: '1946-04-18' });
    expect(r.bounds.periods.map((p) => [p.from, p.outcome])).toEqual([
      ['1936-03-27', 'compatible'], // the pact enters into force (Germany already out of the League)
      ['1937-04-24', 'compatible'], // Belgium released from its Locarno obligations toward France and Britain
      ['1939-12-11', 'compatible'], // Italy's withdrawal from the League takes effect
      ['1939-12-14', 'compatible'], // the USSR expelled from the League
      ['1941-03-27', 'compatible'], // the pact's five years end: not denounced, it stays in force
      ['1942-11-12', 'compatible'], // France out of the state system (COW), no recognised government in exile
      ['1944-08-25', 'compatible'], // France again
      ['1945-05-09', 'compatible'], // Germany out of the state system
      ['1946-04-18', 'compatible'], // the League dissolved
    ]);
    expect(r.bounds.periods[3]?.starts).toEqual(['RUS is expelled from the League']);
    // Every trigger is tried in every period: threats 8 × 7, aggressions and declarations of war
    // 8 × 7 × 3 each (unprovoked true/false/unknown), council findings 8 × 2 texts of `under`,
    // remilitarisations 8 × 1 zone.
    for (const p of r.bounds.periods) expect(p.examined?.triggers).toBe(56 + 168 + 168 + 16 + 8);
    expect(r.examined.triggers).toBe(9 * (56 + 168 + 168 + 16 + 8));
    expect(r.examined.scenarios).toBeGreaterThan(r.examined.triggers);
    expect(r.examined.performances).toBeGreaterThan(0);
    expect(r.bounds.texts).toMatchObject({ under: ['art-16', 'locarno-rhineland-1925/art-4'], zone: ['rhineland'] });
    const text = conflictsText(r);
    expect(text).toContain('✓ Compatible within these bounds, in every period searched');
    expect(text).toContain('Periods: searched 9 of 9 from 1936-03-27 to 1946-04-18');
    expect(text).toContain('  1939-12-14 … 1941-03-26  compatible    begins: RUS is expelled from the League');
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

describe('conflicts over time: the Franco-Czechoslovak treaty against Locarno', () => {
  const pair = ['franco-czechoslovak-1925', 'locarno-rhineland-1925'];
  const r = conflicts(corpus, pair);
  const every = conflicts(corpus, pair, { all: true });

  it('finds no conflict while Germany is in the League, and a witness once its withdrawal has taken effect, without being told when to look', () => {
    expect(r.bounds.periods[0]).toMatchObject({ from: '1926-09-14', to: '1935-10-20', outcome: 'compatible' });
    const w = witnessOf(r);
    expect(w.period).toEqual({ from: '1935-10-21', to: '1937-04-23' });
    expect(r.bounds.periods[1]?.starts).toEqual(["GMY's withdrawal from the League takes effect (notice of 1933-10-19)"]);
    // An unprovoked German attack on Czechoslovakia: France owes it aid and, Germany outside the
    // League, entering the war is no longer "action in pursuance of Article 16".
    expect(w.scenarioYaml).toContain('- { date: 1935-10-21, type: aggression, by: GMY, against: CZE, unprovoked: true }');
    expect(w.duty).toMatchObject({ norm: 'franco-czechoslovak-1925/art-1', holder: 'FRN', beneficiary: 'CZE', counterparty: 'GMY' });
    expect(w.breached).toMatchObject({ norm: 'locarno-rhineland-1925/art-2-war', holder: 'FRN', beneficiary: 'GMY', status: 'breached' });
    expect(roundTrip(w.scenarioYaml).mismatches).toEqual([]);
    expect(conflictsText(r)).toContain('✗ Not compatible: in the period from 1935-10-21 to 1937-04-23');
    expect(withoutTime(conflicts(corpus, pair))).toBe(withoutTime(r));
  });

  it('lists the days the situation changes on: the treaties’ entry, Germany leaving the League, Belgium’s release, the occupation of Czechoslovakia', () => {
    expect(every.bounds.periods.map((p) => p.from)).toEqual([
      '1926-09-14',
      '1935-10-21',
      '1937-04-24',
      '1939-03-16',
      '1939-12-11',
      '1940-07-21',
      '1942-11-12',
      '1944-08-25',
      '1945-05-09',
      '1946-04-18',
    ]);
    expect(every.bounds.periods[2]?.starts).toEqual(['1937-04-24, a date the rules compare (locarno-rhineland-1925/belgium-released)']);
    expect(every.bounds.periods[3]?.starts).toEqual([
      'CZE can no longer be bound (out of the state system, no recognised government in exile)',
    ]);
  });

  it('searches every period with all, and reports each one compatible or its witness', () => {
    expect(every.bounds.all).toBe(true);
    expect(every.bounds.periods.map((p) => p.outcome)).toEqual([
      'compatible', // Germany a Member: an attack by it is a resort to war under Article 16, and France's entry is Art. 16 action
      'conflict',
      'conflict',
      // What was owed to Czechoslovakia is not discharged by its occupation (engine/binding.ts).
      'conflict',
      'conflict',
      'conflict',
      'compatible', // 1942-11-12: no French state (COW) and no recognised French government in exile: France owes nothing
      // 1944-08-25: France is a state again, and its standing Locarno undertaking toward Germany binds
      // again (engine: a standing undertaking revives when its holder is a state again). What is
      // owed to Germany is not discharged when Germany ceases to be a state (1945-05-09).
      'conflict',
      'conflict',
      'conflict',
    ]);
    const yaml1944 = witnessOf(r)
      .scenarioYaml.replace(/1935-10-21/g, '1944-08-25')
      .replace(/1935-10-22/g, '1944-08-26');
    const scenario1944 = loadScenario(yaml1944, 'witness-1944.yaml', corpus);
    const in1944 = evaluate(corpus, scenario1944, parseDate('1944-08-26')).norms.find(
      (n) => n.norm === 'locarno-rhineland-1925/art-2-war' && n.holder === 'FRN' && n.beneficiary === 'GMY',
    );
    expect(in1944?.status).toBe('breached');
    // In between, France owed nothing: the undertaking had run its course unbroken when France ceased to be a state.
    const in1943 = evaluate(
      corpus,
      loadScenario(yaml1944.replace(/1944-08-2(5|6)/g, '1943-06-0$1'), 'witness-1943.yaml', corpus),
      parseDate('1943-06-06'),
    ).norms.find((n) => n.norm === 'locarno-rhineland-1925/art-2-war' && n.holder === 'FRN' && n.beneficiary === 'GMY');
    expect(in1943?.status).toBe('fulfilled');
    expect(JSON.stringify(in1943?.explanation)).toContain('FRN ceased to be an independent state on 1942-11-12');
    const w = witnessesOf(every);
    expect(w.map((x) => x.period.from)).toEqual(every.bounds.periods.filter((p) => p.outcome === 'conflict').map((p) => p.from));
    expect(w[0]).toEqual(witnessOf(r));
    for (const x of w) expect(roundTrip(x.scenarioYaml).mismatches).toEqual([]);
    const sum = every.bounds.periods.reduce((n, p) => n + (p.examined?.triggers ?? 0), 0);
    expect(every.examined.triggers).toBe(sum);
    expect(conflictsText(every)).toContain('(and 7 more of the 10 periods searched)');
  });
});

describe('conflicts: options and bad input', () => {
  it('narrows the window to the days asked for within the time all the treaties are in force', () => {
    const r = conflicts(corpus, ['franco-soviet-unconditional-test', 'locarno-rhineland-1925'], { from: '1936-01-01', to: '1936-06-30' });
    expect(r.bounds).toMatchObject({ from: '1936-03-27', to: '1936-06-30' });
    expect(r.bounds.periods).toHaveLength(1);
    expect(r.bounds.periods[0]).toMatchObject({ date: '1936-03-27', performedOn: '1936-03-28' });
  });

  it('searches a single day as one period, the performance on the next', () => {
    const r = conflicts(corpus, ['franco-czechoslovak-1925', 'locarno-rhineland-1925'], { from: '1938-09-30', to: '1938-09-30' });
    expect(r.bounds.periods.map((p) => [p.from, p.to, p.outcome])).toEqual([['1938-09-30', '1938-09-30', 'conflict']]);
    expect(r.bounds.periods[0]?.starts).toEqual(['the start of the window asked for, 1938-09-30']);
    expect(witnessOf(r)).toMatchObject({ date: '1938-09-30', performedOn: '1938-10-01' });
  });

  it('skips a period of one day whose next day is already in another situation', () => {
    const r = conflicts(corpus, ['franco-czechoslovak-1925', 'locarno-rhineland-1925'], { from: '1935-10-20', to: '1935-10-25' });
    expect(r.bounds.periods.map((p) => [p.from, p.to, p.outcome])).toEqual([
      ['1935-10-20', '1935-10-20', 'skipped'],
      ['1935-10-21', '1935-10-25', 'conflict'],
    ]);
    expect(r.bounds.periods[0]?.note).toMatch(/one day long; the situation changes on the next day/);
    expect(conflictsText(r)).toContain('(1 skipped)');
  });

  it('finds nothing when the bound on events leaves no room for the League steps', () => {
    // The encoded pact needs a trigger and five League steps (6 events): with at most 5, no duty becomes due.
    const r = conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { maxEvents: 5, to: '1936-12-31' });
    expect(r.compatible).toBe(true);
    expect(r.examined.triggers).toBe(56 + 168 + 168 + 16 + 8);
  });

  it('rejects a window in which the treaties are never both in force, naming the dates', () => {
    const e = errorOf(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { from: '1930', to: '1931' }));
    expect(e.code).toBe('input.bad-option');
    expect(e.message).toContain('never all in force between 1930 and 1931');
    expect(e.message).toContain('franco-soviet-1935: in force from 1936-03-27');
    expect(e.message).toContain('locarno-rhineland-1925: in force from 1926-09-14');
  });

  it('rejects bad input with a CasusError', () => {
    const code = (f: () => unknown) => errorOf(f).code;
    expect(code(() => conflicts(corpus, ['franco-soviet-1935']))).toBe('input.missing-option');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-1925']))).toBe('input.unknown-treaty');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'franco-soviet-1935']))).toBe('input.bad-option');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { from: '1936-02-30' }))).toBe('input.bad-date');
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { from: '1937', to: '1936' }))).toBe(
      'input.bad-option',
    );
    expect(code(() => conflicts(corpus, ['franco-soviet-1935', 'locarno-rhineland-1925'], { maxEvents: 0 }))).toBe('input.bad-option');
  });
});

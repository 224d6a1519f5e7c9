import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { loadScenario } from '../../src/scenario/load-scenario';
import { addEvent, eventsOf, NEW_SCENARIO, variant } from './scenario-yaml';

describe('the builder’s new scenario', () => {
  it('is a valid scenario file as it opens, so the builder does not open in an error state', () => {
    const s = loadScenario(NEW_SCENARIO, 'new.yaml', loadCorpus());
    expect(s.events).toEqual([]);
  });
});

describe('adding an event from the form', () => {
  it('appends one flow-style line to `events`, keeping comments', () => {
    let text = addEvent(NEW_SCENARIO, { date: '1937-03-01', type: 'aggression', by: 'GMY', against: 'RUS', unprovoked: true });
    text = addEvent(text, { date: '1937-03-05', type: 'council-report', dispute: ['RUS', 'GMY'], unanimous: false });
    expect(text).toContain('# at: 1937-04-01');
    expect(text).toContain('  - {date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}\n');
    expect(text).toContain('  - {date: 1937-03-05, type: council-report, dispute: [RUS, GMY], unanimous: false}\n');
    expect(parse(text).events).toHaveLength(2);
  });

  it('refuses to edit text that is not YAML', () => {
    expect(() => addEvent('id: x\nevents: [\n', { date: '1937-03-01', type: 'threat', by: 'GMY', against: 'CZE' })).toThrow(/fix the YAML/);
  });
});

describe('a variant of a scenario', () => {
  const text =
    'id: x\ntitle: X\nat: 1938-09-29\nevents:\n  - {date: 1938-09-23, type: threat, by: GMY, against: CZE}  # S1\nexpect:\n  - {treaty: a, status: in-force}\n';
  it('adds events, sets or drops `at`, leaves out `expect`, keeps the rest as written', () => {
    const v = variant(text, [{ date: '1938-10-01', type: 'aggression', by: 'GMY', against: 'CZE', unprovoked: true }], '1938-10-02');
    expect(v).toContain('# S1');
    expect(v).toContain('at: 1938-10-02');
    expect(v).not.toContain('expect');
    expect(eventsOf(v).map((e) => `${e.date} ${e.type}`)).toEqual(['1938-09-23 threat', '1938-10-01 aggression']);
    expect(variant(text, [], undefined)).not.toMatch(/^at:/m);
    // The variant is a scenario the real loader takes.
    expect(loadScenario(v, 'v.yaml', loadCorpus()).events).toHaveLength(2);
  });
  it('reads no events from text that is not YAML', () => {
    expect(eventsOf('events: [\n')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { loadScenario } from '../../src/scenario/load-scenario';
import { addEvent, NEW_SCENARIO } from './scenario-yaml';

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

import { describe, expect, it } from 'vitest';
import { type CasusError, inputErrors } from '../base/casus-error.js';
import { defaultCorpus } from '../corpus/load-corpus.js';
import { loadScenario } from './load-scenario.js';

const corpus = defaultCorpus();
const errorsOf = (text: string): CasusError[] => {
  try {
    loadScenario(text, 's.yaml', corpus);
  } catch (e) {
    return inputErrors(e);
  }
  return [];
};

describe('loading a scenario', () => {
  it('accepts states by abbreviation, COW number or name, and writes abbreviations', () => {
    const s = loadScenario(
      'id: x\nevents:\n  - {date: 1937-03-01, type: aggression, by: Germany, against: 365}\n  - {date: 1937-03-02, type: approval, by: Britain}\n',
      's.yaml',
      corpus,
    );
    expect(s.events.map((e) => e.fields)).toEqual([{ by: 'GMY', against: 'RUS', unprovoked: 'unknown' }, { by: 'UKG' }]);
  });

  it('sorts events by date, keeping file order on ties', () => {
    const s = loadScenario(
      'id: x\nevents:\n  - {date: 1937-03-05, type: threat, by: GMY, against: FRN}\n  - {date: 1937-03, type: threat, by: ITA, against: FRN}\n  - {date: 1937-03-05, type: threat, by: POL, against: FRN}\n',
      's.yaml',
      corpus,
    );
    expect(s.events.map((e) => e.fields.by)).toEqual(['ITA', 'GMY', 'POL']);
  });

  it('accepts JSON as well as YAML', () => {
    const s = loadScenario(
      '{"id": "j", "at": "1937-04-01", "events": [{"date": "1937-03-01", "type": "threat", "by": "GMY", "against": "FRN"}]}',
      'j.json',
      corpus,
    );
    expect(s.at?.text).toBe('1937-04-01');
  });

  it('rejects every bad field at once, each with its line, column and field', () => {
    const errors = errorsOf(
      [
        'id: x',
        'events:',
        '  - {date: 1936-02-30, type: threat, by: GMY, against: FRN}',
        '  - {date: 1936-09-01, type: aggression, by: GMYY, against: FRN, unprovokd: true}',
        '  - {date: 1936-09-01, type: invasion, by: GMY}',
        '  - {date: 1936-09-01, type: ratification, treaty: franco-soviet-1936, by: FRN}',
        '  - {date: 1936-09-01, type: referral, by: RUS}',
      ].join('\n'),
    );
    expect(errors.map((e) => [e.code, e.span?.line, e.field])).toEqual([
      ['scenario.bad-date', 3, 'events[0].date'],
      ['scenario.unknown-state', 4, 'events[1].by'],
      ['scenario.unknown-field', 4, 'events[1].unprovokd'],
      ['scenario.unknown-event-type', 5, 'events[2].type'],
      ['scenario.unknown-treaty', 6, 'events[3].treaty'],
      ['scenario.missing-field', 7, 'events[4].against'],
    ]);
    expect(errors[1]?.message).toMatch(/did you mean GMY \(Germany\)/);
    expect(errors[2]?.message).toMatch(/did you mean "unprovoked"/);
    expect(errors[2]?.span?.column).toBe(66);
  });

  it('rejects a YAML syntax error with its position', () => {
    const [e] = errorsOf('id: x\nevents:\n  - {date: 1936-09-01, type: threat, by: GMY, against: [FRN\n');
    expect(e?.code).toBe('scenario.syntax');
    expect(e?.span?.line).toBeGreaterThanOrEqual(3);
  });

  it('requires an id and an event list, and knows the top-level fields', () => {
    expect(errorsOf('title: t\nevents: []\n').map((e) => [e.code, e.field])).toEqual([['scenario.missing-field', 'id']]);
    expect(errorsOf('id: x\nevents: []\nexpected: []\n').map((e) => [e.code, e.field, e.span?.line])).toEqual([
      ['scenario.unknown-field', 'expected', 3],
    ]);
  });

  it('checks expect entries: a norm or a treaty, known fields, known states', () => {
    const errors = errorsOf(
      'id: x\nevents: []\nexpect:\n  - {norm: a/b, treaty: c}\n  - {norm: a/b, holdr: FRN}\n  - {norm: a/b, holder: FRX}\n',
    );
    expect(errors.map((e) => e.field)).toEqual(['expect[0]', 'expect[1].holdr', 'expect[2].holder']);
  });

  it('rejects malformed shapes with a plain message, never a crash', () => {
    const cases: Array<[string, string, string | undefined]> = [
      ['', 'scenario.invalid', undefined],
      ['- a\n- b\n', 'scenario.invalid', undefined],
      ['id: x\nevents: 5\n', 'scenario.invalid', 'events'],
      ['id: x\nevents:\n  - 5\n', 'scenario.invalid', 'events[0]'],
      ['id: x\nevents:\n  - {date: 1937-03-05, type: threat, by: [GMY], against: FRN}\n', 'scenario.invalid', 'events[0].by'],
      [
        'id: x\nevents:\n  - {date: 1937-03-05, type: council-report, dispute: RUS, unanimous: false}\n',
        'scenario.invalid',
        'events[0].dispute',
      ],
      ['id: x\nevents: []\nexpect:\n  - {norm: a/b, missing: 5}\n', 'scenario.invalid', 'expect[0].missing'],
      ['id: x\nevents: []\nexpect:\n  - {norm: a/b, status: overdue}\n', 'scenario.invalid', 'expect[0].status'],
      [
        'id: x\nevents: []\nexpect:\n  - {norm: a/b, missing: [[{type: approval, by: UKX}]]}\n',
        'scenario.unknown-state',
        'expect[0].missing[0][0].by',
      ],
    ];
    for (const [text, code, field] of cases) {
      const [first] = errorsOf(text);
      expect([text, first?.code, first?.field]).toEqual([text, code, field]);
      expect(first?.message).not.toMatch(/Invalid input/);
    }
  });

  it('resolves the states of expected patterns like those of events', () => {
    const s = loadScenario('id: x\nevents: []\nexpect:\n  - {norm: a/b, missing: [[{type: approval, by: Britain}]]}\n', 's.yaml', corpus);
    expect(s.expect[0]?.fields.missing).toEqual([[{ type: 'approval', by: 'UKG' }]]);
  });
});

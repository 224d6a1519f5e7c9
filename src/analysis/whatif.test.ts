import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { parseDate } from '../base/partial-date.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { verifyChanges, whatIf, whatIfText } from './whatif.js';

const inline = (events: string[]) =>
  loadScenario(`id: inline\ntitle: inline\nevents:\n${events.map((e) => `  - ${e}`).join('\n')}\n`, 'inline.yaml', testCorpus);
const load = (text: string, file: string) => loadScenario(text, file, testCorpus);

// The events of the shared acceptance case seed-05-approvals-missing.
const founding = [
  '{date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}',
  '{date: 1937-03-01, type: referral, by: RUS, against: GMY}',
  '{date: 1937-03-05, type: council-report, dispute: [RUS, GMY], unanimous: false}',
];

describe('whatIf', () => {
  it('makes the founding case due by adding the three withheld approvals, as a runnable scenario', () => {
    const r = whatIf(testCorpus, inline(founding), parseDate('1937-04-01'), { norm: 'franco-soviet-1935/art-2', holder: 'FRN' });
    const fr = r.instances[0];
    expect(fr).toMatchObject({ goal: 'make-due', status: 'pending' });
    expect(fr?.changes).toHaveLength(1);
    expect(fr?.changes[0]?.add.map((e) => e.by).sort()).toEqual(['BEL', 'ITA', 'UKG']);
    expect(fr?.changes[0]).toMatchObject({ remove: [], size: 3, status: 'due' });
    expect(verifyChanges(testCorpus, r, load)).toEqual([]);
    expect(whatIfText(r)).toContain('add 1937-04-02 approval (by: UKG)');
  });

  it('lists the two ways to stop a due duty, each one event removed', () => {
    const s = inline([
      '{date: 1938-10-01, type: aggression, by: GMY, against: CZE, unprovoked: true}',
      '{date: 1938-10-01, type: referral, by: CZE, against: GMY}',
      '{date: 1938-10-03, type: council-report, dispute: [CZE, GMY], unanimous: false}',
      '{date: 1938-10-04, type: assistance, by: FRN, to: CZE, against: GMY}',
    ]);
    const r = whatIf(testCorpus, s, parseDate('1938-10-05'), { norm: 'czechoslovak-soviet-1935/art-2', holder: 'RUS' });
    const ru = r.instances[0];
    expect(ru?.goal).toBe('stop-due');
    expect(ru?.changes.map((c) => c.remove.map((e) => e.type))).toEqual([['council-report'], ['assistance']]);
    expect(ru?.changes.every((c) => c.status === 'pending' && c.add.length === 0)).toBe(true);
    expect(verifyChanges(testCorpus, r, load)).toEqual([]);
  });

  it('takes away the event that keeps an instance from being due', () => {
    // The test treaty's Art. 3 holds only while no one but the victim has referred the dispute:
    // Belgium's referral discharges it, and taking the referral away makes it due again.
    const s = inline([
      '{date: 1937-06-01, type: aggression, by: GMY, against: UKG, unprovoked: true}',
      '{date: 1937-06-02, type: referral, by: BEL, against: GMY}',
    ]);
    const r = whatIf(testCorpus, s, parseDate('1937-06-20'), { norm: 'two-keys-test/art-3', holder: 'FRN' });
    const fr = r.instances[0];
    expect(fr?.status).toBe('discharged');
    expect(fr?.changes).toHaveLength(1);
    expect(fr?.changes[0]).toMatchObject({ add: [], size: 1, status: 'due' });
    expect(fr?.changes[0]?.remove.map((e) => [e.type, e.by])).toEqual([['referral', 'BEL']]);
    expect(verifyChanges(testCorpus, r, load)).toEqual([]);
  });

  it('says so when no change within its bounds helps', () => {
    const s = inline(['{date: 1937-06-01, type: aggression, by: JPN, against: RUS, unprovoked: true}']);
    const r = whatIf(testCorpus, s, parseDate('1937-07-01'), { norm: 'franco-soviet-1935/art-2', holder: 'FRN' });
    expect(r.instances[0]).toMatchObject({ status: 'not-triggered', changes: [] });
    expect(r.instances[0]?.note).toMatch(/no change/);
  });

  it('rejects a norm the scenario does not touch', () => {
    expect(() =>
      whatIf(testCorpus, inline(founding), parseDate('1937-04-01'), { norm: 'franco-soviet-1935/art-2', holder: 'UKG' }),
    ).toThrow(/no instance/);
    expect(() => whatIf(testCorpus, inline(founding), parseDate('1937-04-01'), { norm: 'nope/art-1', holder: 'FRN' })).toThrow(
      /unknown norm/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { parseDate } from '../base/partial-date.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { blockingCoalitions, vetoAnalysis, vetoText } from './vetoes.js';

const inline = (events: string[]) =>
  loadScenario(`id: inline\nevents:\n${events.map((e) => `  - ${e}`).join('\n')}\n`, 'inline.yaml', testCorpus);

describe('blocking coalitions', () => {
  it('finds the minimal hitting sets of the alternatives’ actors, smallest first', () => {
    const missing = [
      [
        { type: 'approval', by: 'BEL' },
        { type: 'approval', by: 'ITA' },
      ],
      [
        { type: 'approval', by: 'BEL' },
        { type: 'approval', by: 'NTH' },
      ],
      [{ type: 'referral', by: 'UKG' }],
    ];
    // Two different minimal coalitions: Belgium with the victim, or Italy and the Netherlands with it.
    expect(blockingCoalitions(missing)).toEqual({
      coalitions: [
        ['BEL', 'UKG'],
        ['ITA', 'NTH', 'UKG'],
      ],
      blockable: true,
    });
  });

  it('cannot block what some alternative completes without any named state’s act', () => {
    expect(blockingCoalitions([[{ type: 'approval', by: 'BEL' }], [{ type: 'council-report', unanimous: false }]])).toEqual({
      coalitions: [],
      blockable: false,
    });
    expect(blockingCoalitions([[{ type: 'referral', against: 'GMY' }]]).blockable).toBe(false);
  });

  it('counts the refusal of a League invitation as the invitee’s act', () => {
    expect(blockingCoalitions([[{ type: 'invitation-refused', to: 'GMY' }]]).coalitions).toEqual([['GMY']]);
  });
});

describe('vetoAnalysis on the founding case', () => {
  it('shows that each of the United Kingdom, Italy and Belgium alone can hold France back against Germany', () => {
    // The events of the shared acceptance case seed-05-approvals-missing.
    const scenario = inline([
      '{date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}',
      '{date: 1937-03-01, type: referral, by: RUS, against: GMY}',
      '{date: 1937-03-05, type: council-report, dispute: [RUS, GMY], unanimous: false}',
    ]);
    const r = vetoAnalysis(testCorpus, scenario, parseDate('1937-04-01'), {
      norm: 'franco-soviet-1935/art-2',
      holder: 'FRN',
    });
    expect(r.instances).toHaveLength(1);
    const fr = r.instances[0];
    expect(fr?.coalitions).toEqual([['BEL'], ['ITA'], ['UKG']]);
    // From the attack itself: three approvals and the Council's divided report stood between it and the duty.
    expect(fr?.fromTrigger?.fewestSteps).toBe(4);
    expect(fr?.fromTrigger?.ways[0]?.map((s) => s.heldBy).sort()).toEqual(['BEL', 'ITA', 'League Council', 'UKG']);
    expect(vetoText(r)).toContain('UKG alone can hold FRN back');
  });

  it('shows that France alone holds the USSR back toward Czechoslovakia', () => {
    // The events of the shared acceptance case seed-10a-czech-france-first.
    const scenario = inline([
      '{date: 1938-10-01, type: aggression, by: GMY, against: CZE, unprovoked: true}',
      '{date: 1938-10-01, type: referral, by: CZE, against: GMY}',
      '{date: 1938-10-03, type: council-report, dispute: [CZE, GMY], unanimous: false}',
    ]);
    const r = vetoAnalysis(testCorpus, scenario, parseDate('1938-10-05'), {
      treaty: 'czechoslovak-soviet-1935',
      holder: 'RUS',
    });
    const art2 = r.instances.find((i) => i.norm === 'czechoslovak-soviet-1935/art-2');
    expect(art2).toMatchObject({ beneficiary: 'CZE', counterparty: 'GMY', status: 'pending', coalitions: [['FRN']] });
  });

  it('finds two different minimal coalitions on a test treaty', () => {
    const scenario = inline(['{date: 1937-06-01, type: aggression, by: GMY, against: UKG, unprovoked: true}']);
    const r = vetoAnalysis(testCorpus, scenario, parseDate('1937-06-03'), { norm: 'two-keys-test/art-1', holder: 'FRN' });
    expect(r.instances[0]?.coalitions).toEqual([
      ['BEL', 'UKG'],
      ['ITA', 'NTH', 'UKG'],
    ]);
  });

  it('has no coalition for a duty already due', () => {
    const scenario = inline([
      '{date: 1937-06-01, type: aggression, by: GMY, against: UKG, unprovoked: true}',
      '{date: 1937-06-02, type: referral, by: UKG, against: GMY}',
    ]);
    const r = vetoAnalysis(testCorpus, scenario, parseDate('1937-06-03'), { norm: 'two-keys-test/art-1', holder: 'FRN' });
    expect(r.instances[0]).toMatchObject({ status: 'due', coalitions: [], blockable: false });
  });

  it('rejects an unknown norm or treaty', () => {
    const scenario = inline(['{date: 1937-06-01, type: aggression, by: GMY, against: UKG}']);
    expect(() => vetoAnalysis(testCorpus, scenario, parseDate('1937-06-03'), { norm: 'two-keys-test/art-9' })).toThrow(/unknown norm/);
    expect(() => vetoAnalysis(testCorpus, scenario, parseDate('1937-06-03'), { treaty: 'no-such' })).toThrow(/unknown treaty/);
  });
});

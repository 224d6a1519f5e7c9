import { describe, expect, it } from 'vitest';
import { instance, run, testCorpus } from '../../test/helpers.js';
import { parseDate } from '../base/partial-date.js';
import { F, T, U } from '../base/tri.js';
import { indexTimeline } from '../engine/timeline-index.js';
import { loadScenario } from '../scenario/load-scenario.js';

const member = (state: string, date: string, events = '[]') =>
  indexTimeline(testCorpus, loadScenario(`id: x\nevents: ${events}\n`, 'x.yaml', testCorpus).events).leagueMember(state, parseDate(date));

describe('League of Nations membership over time', () => {
  it('follows the record: admissions, withdrawals as they took effect, the expulsion', () => {
    expect([member('RUS', '1934-09-17'), member('RUS', '1934-09-18'), member('RUS', '1939-12-13'), member('RUS', '1939-12-14')]).toEqual([
      F,
      T,
      T,
      F,
    ]);
    // Germany's notice of 19 October 1933 took effect on 21 October 1935 (the record), not on the 19th.
    expect([member('GMY', '1926-09-07'), member('GMY', '1935-10-20'), member('GMY', '1935-10-21')]).toEqual([F, T, F]);
    expect([member('JPN', '1935-03-26'), member('JPN', '1935-03-27')]).toEqual([T, F]);
    expect(member('USA', '1930-01-01')).toBe(F);
  });

  it('applies Covenant Art. 1(3) where only the notice is recorded: two years later', () => {
    expect([member('ITA', '1939-12-10'), member('ITA', '1939-12-11')]).toEqual([T, F]);
  });

  it('answers unknown where the record gives only a year or a month', () => {
    expect(member('CHN', '1920-03-01')).toBe(U);
    expect(member('CHN', '1921-01-01')).toBe(T);
  });

  it('takes a scenario’s own withdrawal notice into account', () => {
    const notice = '[{date: 1935-01-01, type: league-withdrawal, state: POL}]';
    expect([member('POL', '1936-12-31', notice), member('POL', '1937-01-01', notice)]).toEqual([T, F]);
  });

  it('turns a Polish attack from a Covenant Art. 16 case into an Art. 17 case once Poland has left', () => {
    const attack = [
      '{date: 1937-05-01, type: aggression, by: POL, against: RUS, unprovoked: true}',
      '{date: 1937-05-01, type: referral, by: RUS, against: POL}',
    ];
    expect(instance(run(attack, '1937-06-01'), 'franco-soviet-1935/art-3', 'FRN', 'RUS').status).toBe('due');
    const left = instance(
      run(['{date: 1935-01-01, type: league-withdrawal, state: POL}', ...attack], '1937-06-01'),
      'franco-soviet-1935/art-3',
      'FRN',
      'RUS',
    );
    expect([left.status, left.missing]).toEqual(['pending', [[{ type: 'invitation-refused', to: 'POL' }]]]);
  });
});

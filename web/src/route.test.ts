import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dateWords,
  dayAt,
  dayIndex,
  defaultDay,
  FIRST_DAY,
  href,
  isDay,
  LAST_DAY,
  parseRoute,
  setSpan,
  spanWords,
} from './route';

describe('routes', () => {
  it('reads and writes every view’s shareable URL', () => {
    for (const hash of [
      '#/library',
      '#/cascade?run=4',
      '#/timeline?run=4',
      '#/timeline?treaty=league-covenant',
      '#/conflicts',
      '#/conflicts?treaties=franco-czechoslovak-1925,locarno-rhineland-1925&from=1935-01-01&all=1',
      '#/builder?library=01-rhineland-1936',
      '#/web?at=1936-03-27',
      '#/web?at=1939-09-17&large=1',
      '#/web?at=1936-03-27&state=FRN',
      '#/treaty/franco-soviet-1935',
      '#/treaty/franco-soviet-1935?provision=franco-soviet-1935/art-2',
      '#/builder',
      '#/builder?scenario=3',
      '#/report?run=12&norm=franco-soviet-1935/art-2',
      '#/vetoes?run=12',
      '#/vetoes?run=12&norm=franco-soviet-1935/art-2&holder=FRN&beneficiary=RUS',
    ]) {
      expect(href(parseRoute(hash))).toBe(hash);
    }
  });

  it('opens the crisis library at home, and the treaty web on 27 March 1936 for an unknown path or an impossible day', () => {
    expect(parseRoute('')).toEqual({ view: 'library' });
    expect(parseRoute('#/')).toEqual({ view: 'library' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'web', at: '1936-03-27', large: false });
    expect(parseRoute('#/builder?scenario=3&library=x')).toEqual({ view: 'builder', scenario: 3 });
    expect(parseRoute('#/cascade')).toEqual({ view: 'report' });
    expect(parseRoute('#/web?at=1936-02-30')).toEqual({ view: 'web', at: '1936-03-27', large: false, rejected: '1936-02-30' });
    expect(parseRoute('#/web?at=1950-01-01').view).toBe('web');
    expect(isDay('1950-01-01')).toBe(false);
  });

  it('counts days from the first day of the slider and moves by months within it', () => {
    expect(dayAt(dayIndex('1936-03-27'))).toBe('1936-03-27');
    expect(dayIndex('1902-01-02')).toBe(1);
    expect(addMonths('1936-01-31', 1)).toBe('1936-02-29');
    expect(addMonths('1949-12-01', 12)).toBe('1949-12-31');
    expect(addMonths('1902-03-01', -12)).toBe('1902-01-01');
  });

  it('says dates of any precision in words', () => {
    expect(dateWords('1936-03-07')).toBe('7 March 1936');
    expect(dateWords('1936-03')).toBe('March 1936');
    expect(dateWords('1936')).toBe('1936');
    expect(spanWords('1936-03-07', '1936-03-19')).toBe('7 March 1936 – 19 March 1936');
    expect(spanWords('1936-03-07', '1936-03-07')).toBe('7 March 1936');
    expect(spanWords(undefined, '1937')).toBe('1937');
  });
});

describe('the years of the loaded library', () => {
  it('bound the slider and the days a URL may ask for, and a malformed span changes nothing', () => {
    const before = [FIRST_DAY, LAST_DAY];
    try {
      setSpan({ firstDay: '1815-01-01', lastDay: '1918-12-31', sweepYears: 51 });
      expect([FIRST_DAY, LAST_DAY]).toEqual(['1815-01-01', '1918-12-31']);
      expect(isDay('1914-07-28')).toBe(true);
      expect(isDay('1936-03-27')).toBe(false);
      expect(parseRoute('#/web?at=1914-07-28')).toMatchObject({ view: 'web', at: '1914-07-28' });
      // The founding day is not in these years: the web opens on the middle of them.
      expect(defaultDay()).toBe(dayAt(Math.floor(dayIndex('1918-12-31') / 2)));
      expect(parseRoute('#/web')).toMatchObject({ view: 'web', at: defaultDay() });
      setSpan({ firstDay: '1950', lastDay: 7 });
      expect([FIRST_DAY, LAST_DAY]).toEqual(['1815-01-01', '1918-12-31']);
    } finally {
      setSpan({ firstDay: before[0], lastDay: before[1] });
    }
    expect(defaultDay()).toBe('1936-03-27');
  });
});

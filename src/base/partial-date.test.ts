import { describe, expect, it } from 'vitest';
import { addDuration, dateProblem, after as follows, onOrAfter, onOrBefore, parseDate, before as precedes } from './partial-date.js';
import { F, T, U } from './tri.js';

const d = parseDate;

describe('partial dates', () => {
  it('reads a month as the interval of its days', () => {
    const feb = d('1936-02');
    expect(feb.hi - feb.lo).toBe(29); // 1936 is a leap year
    expect(d('1936').hi - d('1936').lo).toBe(366);
    expect(d('1936-03-27').hi - d('1936-03-27').lo).toBe(1);
  });

  it('answers the contract’s example: February 1936 is before 7 March, unknown against 15 February', () => {
    expect(precedes(d('1936-02'), d('1936-03-07'))).toBe(T);
    expect(precedes(d('1936-02'), d('1936-02-15'))).toBe(U);
    expect(precedes(d('1936-03-07'), d('1936-02'))).toBe(F);
  });

  it('compares exact days strictly and inclusively', () => {
    expect(precedes(d('1936-03-27'), d('1936-03-27'))).toBe(F);
    expect(onOrBefore(d('1936-03-27'), d('1936-03-27'))).toBe(T);
    expect(onOrAfter(d('1936-03-28'), d('1936-03-27'))).toBe(T);
    expect(follows(d('1936-03-27'), d('1936-03-27'))).toBe(F);
  });

  it('gives unknown when a partial date overlaps the other side', () => {
    expect(onOrBefore(d('1936'), d('1936-06-30'))).toBe(U);
    expect(follows(d('1937'), d('1936'))).toBe(T);
  });

  it('takes the years of a year given as a number, 1000 to 9999, and names the range otherwise', () => {
    expect(dateProblem('0999-12-31')).toBe('"0999-12-31" is before the year 1000: casus takes years 1000 to 9999');
    expect(dateProblem('0050')).toMatch(/before the year 1000/);
    expect(dateProblem('1000-01-01')).toBeUndefined();
    expect(dateProblem('9999-12-31')).toBeUndefined();
    expect(dateProblem('10000-01-01')).toMatch(/not an ISO date/);
  });

  it('rejects impossible dates with a reason', () => {
    expect(dateProblem('1936-02-30')).toMatch(/29 days/);
    expect(dateProblem('1937-02-29')).toMatch(/28 days/);
    expect(dateProblem('1936-13')).toMatch(/no month/);
    expect(dateProblem('36-02-01')).toMatch(/not an ISO date/);
    expect(dateProblem('1936-02-29')).toBeUndefined();
  });

  it('adds calendar months and years to both ends of an interval', () => {
    expect(addDuration(d('1936-03-27'), 5, 'year').text).toBe('1941-03-27');
    expect(addDuration(d('1933-10-19'), 2, 'year').text).toBe('1935-10-19');
    expect(addDuration(d('1937-03-05'), 3, 'month').text).toBe('1937-06-05');
    expect(addDuration(d('1936-02-29'), 1, 'year').text).toBe('1937-02-28');
    const month = addDuration(d('1936-02'), 1, 'year');
    expect(month.text).toBe('1937-02');
    expect(month.hi - month.lo).toBe(28);
    expect(addDuration(d('1936-11'), 3, 'month').text).toBe('1937-02');
  });

  it('adds a duration that runs past the year 9999 without throwing (found by the treaty fuzz, case 5006 of seed 1)', () => {
    for (const date of ['9999', '9999-12', '9999-12-31']) {
      const later = addDuration(d(date), 5, 'year');
      expect(later.lo).toBeGreaterThan(d(date).lo);
      expect(later.hi).toBeGreaterThan(later.lo);
    }
    expect(addDuration(d('9999'), 5, 'year').hi - addDuration(d('9999'), 5, 'year').lo).toBe(366);
  });
});

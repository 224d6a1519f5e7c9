import { describe, expect, it } from 'vitest';
import { corpusTimeline } from '../../src/analysis/corpus-time';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { dayNumber, firstDay, treatyRows } from './timeline-rows';

describe('the rows of a treaty’s timeline', () => {
  const entries = corpusTimeline(loadCorpus());
  it('gives the Covenant each Member’s time in the League, Germany from 1926 to 1935 with its notice of 1933 marked', () => {
    const rows = treatyRows(entries, 'league-covenant', (a) => a);
    expect(rows[0]?.bands.map((b) => b.status)).toContain('in-force');
    const germany = rows.find((r) => r.label === 'GMY');
    expect(germany?.bands).toEqual([
      { status: 'member', from: '1926-09-08', to: '1933-10-19' },
      { status: 'notice', from: '1933-10-19', to: '1935-10-21' },
    ]);
    expect(germany?.marks.map((m) => m.label)).toEqual(['admission', 'withdrawal', 'membership-ends']);
    // Every admission, withdrawal and expulsion that `casus timeline` shows is on a row.
    const league = entries.filter((e) => e.treaty === 'league-covenant' && e.event.startsWith('league-'));
    expect(rows.slice(1).reduce((n, r) => n + r.marks.length, 0)).toBe(league.length);
  });
  it('reads dates of any precision by their first day', () => {
    expect(firstDay('1936')).toBe('1936-01-01');
    expect(firstDay('1936-03')).toBe('1936-03-01');
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});

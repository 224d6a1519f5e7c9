import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories, testCorpus } from '../../test/helpers.js';
import { fromDayNumber, parseDate } from '../base/partial-date.js';
import { T } from '../base/tri.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import type { Treaty } from '../corpus/treaty.js';
import { Situations } from './periods.js';

const corpus = loadCorpus();
const tempDir = temporaryDirectories();

/** A test treaty whose rules compare the day with a shifted date and with a span after a date. */
const DATED = `---
treaty: dated-test
title: A test pact whose rules compare dates
parties: [FRN, UKG]
sources:
  test: written for casus's own tests; not a historical treaty
lifecycle:
  - {date: 1930-01-01, type: entry-into-force, source: test}
interpretations: []
---

# Dated pact (test fixture)

## Article 1 {#art-1}

> Each party assists the other if attacked within ten days after 1 June 1932.

Written for casus's tests (source: test).

\`\`\`casus
duty art-1 {
  roles: each party toward the other;
  action: assist;
  trigger: aggression a where a.against = beneficiary;
  counterparty: a.by;
  condition: a.date after 1931-01-01 + 1 month and a.date within 10 days after 1932-06-01;
  fulfilled by: assistance s where s.by = holder and s.to = beneficiary;
}

lifecycle {
  entry into force: as recorded;
  duration: indefinite;
}
\`\`\`
`;
const treaty = (slug: string) => corpus.treaties.get(slug) as Treaty;
const day = (text: string) => parseDate(text).lo;
const starts = (s: Situations, from: string, to: string) => s.periods(day(from), day(to)).map((p) => fromDayNumber(p.lo).text);

describe('periods of constant legal situation', () => {
  const locarno = [treaty('locarno-rhineland-1925'), treaty('league-covenant')];

  it('begins a period on the day Germany’s withdrawal from the League takes effect, not on the day of its notice', () => {
    const s = new Situations(corpus, locarno, () => ['FRN', 'GMY']);
    expect(starts(s, '1933-01-01', '1935-12-31')).toEqual(['1933-01-01', '1935-10-21']);
    const [, withdrawal] = s.periods(day('1933-01-01'), day('1935-12-31'));
    expect(withdrawal?.changes).toEqual(["GMY's withdrawal from the League takes effect (notice of 1933-10-19)"]);
  });

  it('reads a date the rules compare as the rule reads it: Belgium’s release begins a period on 1937-04-24, not the day after', () => {
    const s = new Situations(corpus, locarno, () => ['BEL', 'FRN']);
    expect(starts(s, '1937-01-01', '1937-12-31')).toEqual(['1937-01-01', '1937-04-24']);
    expect(s.periods(day('1937-04-01'), day('1937-04-30'))[1]?.changes).toEqual([
      '1937-04-24, a date the rules compare (locarno-rhineland-1925/belgium-released)',
    ]);
  });

  it('ignores a state’s League membership when that state is not among the states that matter', () => {
    const s = new Situations(corpus, locarno, () => ['FRN', 'BEL']);
    expect(starts(s, '1933-01-01', '1935-12-31')).toEqual(['1933-01-01']);
  });

  it('begins a period on a renewal, although no party’s binding changes that day', () => {
    const s = new Situations(corpus, [treaty('franco-soviet-1935')], () => ['FRN', 'RUS']);
    const periods = s.periods(day('1941-01-01'), day('1941-12-31'));
    expect(periods.map((p) => fromDayNumber(p.lo).text)).toEqual(['1941-01-01', '1941-03-27']);
    expect(periods[1]?.changes[0]).toMatch(/^franco-soviet-1935: renewal/);
    // Same reading on both sides of the renewal: the situation texts agree.
    expect(periods[1]?.situation).toBe(periods[0]?.situation);
  });

  it('begins a period when a state leaves the state system, and when the states that matter change', () => {
    const s = new Situations(corpus, [treaty('franco-czechoslovak-1925')], (d) =>
      d < day('1939-06-01') ? ['FRN', 'CZE'] : ['FRN', 'CZE', 'IRE'],
    );
    const periods = s.periods(day('1939-01-01'), day('1939-12-31'));
    expect(periods.map((p) => [fromDayNumber(p.lo).text, p.changes])).toEqual([
      ['1939-01-01', []],
      ['1939-03-16', ['CZE can no longer be bound (out of the state system, no recognised government in exile)']],
      ['1939-06-01', ['the states tried change: IRE in']],
    ]);
  });

  it('begins periods where a shifted date and a span after a date are crossed, not on the dates as written', () => {
    const file = join(tempDir('casus-periods-'), 'dated.treaty.md');
    writeFileSync(file, DATED);
    const dated = loadCorpus(undefined, [file]);
    const s = new Situations(dated, [dated.treaties.get('dated-test') as Treaty], () => ['FRN', 'UKG']);
    // After 1 February 1931 (from the 2nd); from 1 June 1932; no longer on or before 11 June 1932 (from the 12th).
    expect(starts(s, '1930-06-01', '1933-12-31')).toEqual(['1930-06-01', '1931-02-02', '1932-06-01', '1932-06-12']);
  });

  it('begins a period on an accession and an extension, although the treaty stays in force', () => {
    const s = new Situations(testCorpus, [testCorpus.treaties.get('open-pact-test') as Treaty], () => ['FRN', 'NTH']);
    const periods = s.periods(day('1931-06-01'), day('1935-12-31'));
    expect(periods.map((p) => [fromDayNumber(p.lo).text, p.changes])).toEqual([
      ['1931-06-01', []],
      ['1932-03-01', ['open-pact-test: accession by NTH (NTH accedes and is bound from this day)']],
      ['1934-05-01', ['open-pact-test: extension (term extended to 1938-12-31)']],
    ]);
  });

  it('finds every change a day-by-day reading finds, though it reads only the days around the dates it depends on', () => {
    const slugs = ['franco-czechoslovak-1925', 'locarno-rhineland-1925', 'franco-soviet-1935', 'franco-polish-1921', 'german-soviet-1939'];
    const fixed = ['FRN', 'CZE', 'GMY', 'RUS', 'POL', 'BEL', 'UKG', 'ITA'];
    // As the conflict search does: the first European state outside them that can owe on the day and the next.
    const owes = (abb: string, d: number) => corpus.states.canBeBound(abb, fromDayNumber(d)) === T;
    const states = (d: number) => [
      ...fixed,
      ...corpus.states.states
        .filter((st) => st.european && !fixed.includes(st.abb) && owes(st.abb, d) && owes(st.abb, d + 1))
        .slice(0, 1)
        .map((st) => st.abb),
    ];
    const s = new Situations(corpus, [...slugs, 'league-covenant'].map(treaty), states);
    const lo = day('1920-01-01');
    const hi = day('1946-12-31');
    const found = s.periods(lo, hi);
    const everyDay: number[] = [];
    for (let d = lo + 1; d <= hi; d++) if (s.situation(d) !== s.situation(d - 1)) everyDay.push(d);
    expect(everyDay.length).toBeGreaterThan(20);
    // The same changes; the periods found besides begin on a step of a treaty's history (a renewal, an extension).
    expect(
      found
        .slice(1)
        .filter((p) => everyDay.includes(p.lo))
        .map((p) => p.lo),
    ).toEqual(everyDay);
    for (const p of found.slice(1).filter((x) => !everyDay.includes(x.lo)))
      expect(p.changes.every((c) => /^[a-z0-9-]+: /.test(c))).toBe(true);
    // Each period's days are in its situation.
    for (const p of found) expect(s.situation(p.hi)).toBe(p.situation);
  });
});

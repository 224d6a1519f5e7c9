import type { ScenarioTimeline } from '../analysis/scenario-timeline.js';
import type { Corpus } from '../corpus/treaty.js';
import type { Report } from '../engine/report.js';
import { csvTable } from './csv.js';

/** The COW number of a state abbreviation, or undefined for anything that is not a state of the corpus. */
export function ccodeOf(corpus: Corpus): (abb: string | undefined) => number | undefined {
  const codes = new Map(corpus.states.states.map((s) => [s.abb, s.ccode]));
  return (abb) => (abb === undefined ? undefined : codes.get(abb));
}

/** The columns of `reportCsv`, in order. */
export const REPORT_COLUMNS = [
  'scenario',
  'at',
  'norm',
  'treaty',
  'kind',
  'action',
  'holder',
  'holder_ccode',
  'beneficiary',
  'beneficiary_ccode',
  'counterparty',
  'counterparty_ccode',
  'status',
  'since',
  'trigger_date',
  'trigger_type',
  'missing_ways',
  'vetoes',
  'cites',
] as const;

/**
 * A report as CSV, one row per norm instance, in the report's order: who owes what to whom (COW
 * abbreviations and numbers), the status and since when, the trigger, how many ways of making it
 * due are still open (`missing_ways`; 0 when nothing is missing), the states that can each hold
 * it back (`vetoes`, abbreviations separated by spaces) and the provisions it rests on. The
 * explanation trees stay in the JSON report.
 */
export function reportCsv(corpus: Corpus, report: Report): string {
  const ccode = ccodeOf(corpus);
  return csvTable(
    REPORT_COLUMNS,
    report.norms.map((n) => ({
      scenario: report.scenario,
      at: report.at,
      norm: n.norm,
      treaty: n.norm.split('/')[0],
      kind: n.kind,
      action: n.action,
      holder: n.holder,
      holder_ccode: ccode(n.holder),
      beneficiary: n.beneficiary,
      beneficiary_ccode: ccode(n.beneficiary),
      counterparty: n.counterparty,
      counterparty_ccode: ccode(n.counterparty),
      status: n.status,
      since: n.since,
      trigger_date: n.trigger?.date,
      trigger_type: n.trigger?.type,
      missing_ways: n.missing.length,
      vetoes: n.vetoes.join(' '),
      cites: n.cites.join(' '),
    })),
  );
}

/** The columns of `scenarioTimelineCsv`, in order. */
export const TIMELINE_COLUMNS = [
  'scenario',
  'row',
  'treaty',
  'norm',
  'holder',
  'holder_ccode',
  'beneficiary',
  'beneficiary_ccode',
  'counterparty',
  'counterparty_ccode',
  'status',
  'from',
  'to',
] as const;

/**
 * A scenario through time as CSV, one row per band: each treaty's status, then each norm
 * instance's, from the day it began to the day the next began (`to` empty for the last band: it
 * holds on at the instant). `row` says which: `treaty` or `instance`.
 */
export function scenarioTimelineCsv(corpus: Corpus, timeline: ScenarioTimeline): string {
  const ccode = ccodeOf(corpus);
  const rows: Array<Partial<Record<(typeof TIMELINE_COLUMNS)[number], string | number | undefined>>> = [];
  for (const t of timeline.treaties) {
    t.bands.forEach((b, i) => {
      rows.push({ scenario: timeline.scenario, row: 'treaty', treaty: t.treaty, status: b.status, from: b.from, to: t.bands[i + 1]?.from });
    });
  }
  for (const l of timeline.instances) {
    l.bands.forEach((b, i) => {
      rows.push({
        scenario: timeline.scenario,
        row: 'instance',
        treaty: l.norm.split('/')[0],
        norm: l.norm,
        holder: l.holder,
        holder_ccode: ccode(l.holder),
        beneficiary: l.beneficiary,
        beneficiary_ccode: ccode(l.beneficiary),
        counterparty: l.counterparty,
        counterparty_ccode: ccode(l.counterparty),
        status: b.status,
        from: b.from,
        to: l.bands[i + 1]?.from,
      });
    });
  }
  return csvTable(TIMELINE_COLUMNS, rows);
}

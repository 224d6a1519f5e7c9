import type { NormInstance, Report, TreatyReport } from '../engine/report.js';
import type { Scenario } from '../scenario/scenario.js';

/** One `expect` entry that the report does not satisfy, with what came closest. */
export interface Mismatch {
  line: number;
  expected: Record<string, unknown>;
  /** The report entries of the same norm (or treaty), to show beside the expectation. */
  candidates: Array<Record<string, unknown>>;
  /** For the closest candidate: each differing field, expected and actual. */
  differences: Array<{ field: string; expected: unknown; actual: unknown }>;
}

const SET_FIELDS = new Set(['vetoes']);

/**
 * Checks a scenario's `expect` entries against a report (contract §3): an entry matches
 * when some norm instance (or treaty entry) equals it on every field it names; lists in
 * `missing` and `vetoes` compare as sets, and an expected event pattern matches a
 * reported one when every field it names is equal.
 */
export function checkExpectations(scenario: Scenario, report: Report): Mismatch[] {
  const out: Mismatch[] = [];
  for (const exp of scenario.expect) {
    const want = exp.fields;
    const pool: Array<NormInstance | TreatyReport> =
      typeof want.norm === 'string'
        ? report.norms.filter((n) => n.norm === want.norm)
        : report.treaties.filter((t) => t.treaty === want.treaty);
    const scored = pool.map((entry) => ({ entry, diffs: differences(want, entry as unknown as Record<string, unknown>) }));
    if (scored.some((s) => s.diffs.length === 0)) continue;
    scored.sort((a, b) => a.diffs.length - b.diffs.length);
    out.push({
      line: exp.line,
      expected: want,
      candidates: pool.map((p) => summary(p as unknown as Record<string, unknown>, Object.keys(want))),
      differences: scored[0]?.diffs ?? [
        { field: want.norm ? 'norm' : 'treaty', expected: want.norm ?? want.treaty, actual: '(no such entry in the report)' },
      ],
    });
  }
  return out;
}

function summary(entry: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, entry[k]]));
}

function differences(
  want: Record<string, unknown>,
  got: Record<string, unknown>,
): Array<{ field: string; expected: unknown; actual: unknown }> {
  const diffs = [];
  for (const [field, expected] of Object.entries(want)) {
    const actual = got[field];
    if (!matches(field, expected, actual)) diffs.push({ field, expected, actual });
  }
  return diffs;
}

function matches(field: string, expected: unknown, actual: unknown): boolean {
  if (field === 'missing') return sameAlternatives(expected, actual);
  if (SET_FIELDS.has(field)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return false;
    const a = new Set(actual.map(String));
    return expected.length === actual.length && expected.every((x) => a.has(String(x)));
  }
  return String(expected) === String(actual);
}

/** Alternatives compare as sets of sets of patterns; a pattern matches on the fields it names. */
function sameAlternatives(expected: unknown, actual: unknown): boolean {
  if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) return false;
  const used = new Set<number>();
  return expected.every((alt) => {
    const i = actual.findIndex((got, j) => !used.has(j) && sameAlternative(alt, got));
    if (i < 0) return false;
    used.add(i);
    return true;
  });
}

function sameAlternative(expected: unknown, actual: unknown): boolean {
  if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) return false;
  const used = new Set<number>();
  return expected.every((p) => {
    const i = actual.findIndex((q, j) => !used.has(j) && patternMatches(p, q));
    if (i < 0) return false;
    used.add(i);
    return true;
  });
}

function patternMatches(expected: unknown, actual: unknown): boolean {
  if (!expected || typeof expected !== 'object' || !actual || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([k, v]) => JSON.stringify(v) === JSON.stringify((actual as Record<string, unknown>)[k]));
}

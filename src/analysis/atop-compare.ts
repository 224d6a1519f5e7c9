import { CasusError } from '../base/casus-error.js';
import { parseDate } from '../base/partial-date.js';
import { readAtopMembers } from '../importers/atop.js';
import { SWEEP_OBLIGATIONS, type SweepObligation } from './sweep.js';

/**
 * `casus sweep --compare`: how a sweep over imported ATOP 4.01 data agrees with ATOP 5.1's
 * directed dyad-year file, and why each disagreement exists. Disagreements are classified by
 * rules, never by hand, against an independent reading of the 4.01 member file (the "oracle":
 * plain code over the CSV rows, no casus rules):
 *
 * - `casus-error`: the sweep differs from what the 4.01 rows say, for no reason below. Target: none.
 * - `state-system`: the sweep leaves out a dyad-year the 4.01 rows have because the state that owes
 *   it (ccode1) was outside the COW state system for part of the year (engine/binding.ts: a state
 *   that does not exist owes nothing; what is owed to it stays owed. ATOP starts in 1815, COW in 1816).
 * - `no-adversary`: the 4.01 row codes the pledge, but the only adversaries it names (statthr1/2)
 *   are the pair itself, so no state could ever trigger it: Locarno's guarantee, where France is
 *   coded as defending Germany against Germany or France (the sweep reports it `untriggerable`).
 * - `date-boundary`: 4.01 and 5.1 have the same obligation for the pair in an adjacent year, not
 *   in this one: an alliance, phase or membership begins or ends a year apart in the two versions.
 * - `5.1-new`: 5.1 codes the obligation for a pair that 4.01 has in no alliance that year (an
 *   alliance or a member 4.01 did not have, or dates moved by more than a year).
 * - `5.1-dropped`: 4.01 codes the obligation; 5.1 has no obligation of any kind for the pair that year.
 * - `5.1-recoded`: both versions ally the pair that year, but code this obligation differently.
 */

export const DISAGREEMENT_CLASSES = [
  'casus-error',
  'state-system',
  'no-adversary',
  'date-boundary',
  '5.1-new',
  '5.1-dropped',
  '5.1-recoded',
] as const;
export type DisagreementClass = (typeof DISAGREEMENT_CLASSES)[number];

/** Flags per directed dyad-year: bit i is obligation i of SWEEP_OBLIGATIONS. */
export type DyadFlags = Map<string, number>;

export const dyadKey = (c1: number, c2: number, year: number) => `${c1},${c2},${year}`;

/** Reads ATOP 5.1's directed dyad-year obligations (ccode1, ccode2, year, atop_defense … atop_consul). */
export function readDdyr(text: string, file: string, from: number, to: number): DyadFlags {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const cols = ['ccode1', 'ccode2', 'year', ...SWEEP_OBLIGATIONS.map((o) => `atop_${o}`)];
  const at = cols.map((c) => header.indexOf(c));
  const missing = cols.filter((_, i) => (at[i] as number) < 0);
  if (missing.length > 0) {
    throw new CasusError('input.bad-option', `not an ATOP directed dyad-year file: no column ${missing.join(', ')}`, {
      file,
      line: 1,
      column: 1,
    });
  }
  const out: DyadFlags = new Map();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const n = at.map((j) => Number(cells[j as number]));
    if (n.some((x) => !Number.isInteger(x))) {
      throw new CasusError('input.bad-option', 'a row needs whole numbers in ccode1, ccode2, year and the five obligations', {
        file,
        line: i + 1,
        column: 1,
      });
    }
    const [c1, c2, year] = n as [number, number, number];
    if (year < from || year > to) continue;
    let flags = 0;
    for (let k = 0; k < SWEEP_OBLIGATIONS.length; k++) if (n[3 + k] === 1) flags |= 1 << k;
    if (flags !== 0) out.set(dyadKey(c1, c2, year), flags);
  }
  return out;
}

/**
 * The oracle: directed dyad-year flags straight from the 4.01 member rows. A member owes each
 * obligation its row codes to every other member of the same alliance phase, in every year in
 * which both rows are in effect on a common day (entry inclusive, exit exclusive, as casus reads
 * ATOP's dates). `withinSystem` optionally drops days on which a state is outside the system.
 */
export function oracleFlags(memberText: string, file: string, from: number, to: number): DyadFlags {
  const rows = readAtopMembers(memberText, file);
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = `${r.atopid}|${r.phase}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const lo = (d: string) => parseDate(d).lo;
  const out: DyadFlags = new Map();
  for (const list of groups.values()) {
    for (const h of list) {
      let flags = 0;
      SWEEP_OBLIGATIONS.forEach((o, k) => {
        if (h.v[o] === 1) flags |= 1 << k;
      });
      if (flags === 0) continue;
      for (const b of list) {
        if (b.member === h.member) continue;
        const start = Math.max(lo(h.entry), lo(b.entry));
        const end = Math.min(h.exit ? lo(h.exit) : Number.POSITIVE_INFINITY, b.exit ? lo(b.exit) : Number.POSITIVE_INFINITY);
        if (start >= end) continue;
        for (let y = from; y <= to; y++) {
          const ys = lo(String(y));
          const ye = lo(String(y + 1));
          if (start < ye && ys < end) {
            const key = dyadKey(h.member, b.member, y);
            out.set(key, (out.get(key) ?? 0) | flags);
          }
        }
      }
    }
  }
  return out;
}

export interface ObligationAgreement {
  obligation: SweepObligation;
  /** Directed dyad-years where either side codes the obligation. */
  either: number;
  both: number;
  onlyCasus: number;
  only51: number;
  /** both / either. */
  rate: number;
  classes: Record<DisagreementClass, number>;
}

export interface Disagreement {
  ccode1: number;
  ccode2: number;
  year: number;
  obligation: SweepObligation;
  casus: 0 | 1;
  atop51: 0 | 1;
  atop401: 0 | 1;
  class: DisagreementClass;
}

export interface AgreementReport {
  /** casus against the 4.01 rows read directly, over every directed dyad-year and obligation. */
  faithful?: { same: number; stateSystem: number; noAdversary: number; errors: number };
  from: number;
  to: number;
  obligations: ObligationAgreement[];
  disagreements: Disagreement[];
  /** Whether the 4.01 member rows were given: without them casus errors cannot be told apart. */
  oracle: boolean;
}

/**
 * Compares the sweep's flags with 5.1's. `oracle` (the 4.01 rows read directly) lets the report
 * tell a casus error from a difference between the two ATOP versions; `inSystem(ccode, year)`
 * says whether a state belonged to the state system in a year.
 */
export function compareWithAtop(
  casus: DyadFlags,
  atop51: DyadFlags,
  oracle: DyadFlags | undefined,
  range: { from: number; to: number },
  inSystemAllYear: (ccode: number, year: number) => boolean,
  idle: DyadFlags = new Map(),
): AgreementReport {
  const keys = new Set<string>([...casus.keys(), ...atop51.keys(), ...(oracle ? oracle.keys() : [])]);
  const sorted = [...keys]
    .map((k) => k.split(',').map(Number) as [number, number, number])
    .sort((a, b) => a[2] - b[2] || a[0] - b[0] || a[1] - b[1]);
  const per = SWEEP_OBLIGATIONS.map((o) => ({
    obligation: o,
    either: 0,
    both: 0,
    onlyCasus: 0,
    only51: 0,
    rate: 0,
    classes: Object.fromEntries(DISAGREEMENT_CLASSES.map((c) => [c, 0])) as Record<DisagreementClass, number>,
  }));
  const disagreements: Disagreement[] = [];
  const bit = (m: DyadFlags | undefined, c1: number, c2: number, y: number, k: number) =>
    (((m?.get(dyadKey(c1, c2, y)) ?? 0) >> k) & 1) as 0 | 1;
  for (const [c1, c2, y] of sorted) {
    for (let k = 0; k < SWEEP_OBLIGATIONS.length; k++) {
      const a = bit(casus, c1, c2, y, k);
      const b = bit(atop51, c1, c2, y, k);
      const o = oracle ? bit(oracle, c1, c2, y, k) : a;
      const p = per[k] as ObligationAgreement;
      // Neither casus nor 5.1 codes it (4.01 may: that is counted in `faithful` below).
      if (a === 0 && b === 0) continue;
      p.either++;
      if (a === 1 && b === 1) {
        p.both++;
        continue;
      }
      if (a === 1) p.onlyCasus++;
      else p.only51++;
      let cls: DisagreementClass;
      if (a !== o) {
        // casus differs from the 4.01 rows themselves.
        if (a === 0 && o === 1 && bit(idle, c1, c2, y, k) === 1) cls = 'no-adversary';
        else cls = a === 0 && o === 1 && !inSystemAllYear(c1, y) ? 'state-system' : 'casus-error';
      } else {
        // casus reads 4.01 faithfully; the versions differ.
        const near = (m: DyadFlags | undefined) => bit(m, c1, c2, y - 1, k) === 1 || bit(m, c1, c2, y + 1, k) === 1;
        const ref = oracle ?? casus;
        if (b === 1 && near(ref)) cls = 'date-boundary';
        else if (o === 1 && near(atop51)) cls = 'date-boundary';
        else if (b === 1) cls = (ref.get(dyadKey(c1, c2, y)) ?? 0) !== 0 ? '5.1-recoded' : '5.1-new';
        else cls = (atop51.get(dyadKey(c1, c2, y)) ?? 0) !== 0 ? '5.1-recoded' : '5.1-dropped';
      }
      p.classes[cls]++;
      disagreements.push({
        ccode1: c1,
        ccode2: c2,
        year: y,
        obligation: SWEEP_OBLIGATIONS[k] as SweepObligation,
        casus: a,
        atop51: b,
        atop401: o,
        class: cls,
      });
    }
  }
  for (const p of per) p.rate = p.either === 0 ? 1 : p.both / p.either;
  let faithful: AgreementReport['faithful'];
  if (oracle) {
    faithful = { same: 0, stateSystem: 0, noAdversary: 0, errors: 0 };
    for (const [c1, c2, y] of sorted) {
      for (let k = 0; k < SWEEP_OBLIGATIONS.length; k++) {
        const a = bit(casus, c1, c2, y, k);
        const o = bit(oracle, c1, c2, y, k);
        if (a === 0 && o === 0) continue;
        if (a === o) faithful.same++;
        else if (a === 0 && bit(idle, c1, c2, y, k) === 1) faithful.noAdversary++;
        else if (a === 0 && !inSystemAllYear(c1, y)) faithful.stateSystem++;
        else faithful.errors++;
      }
    }
  }
  return { ...range, obligations: per, disagreements, oracle: oracle !== undefined, ...(faithful ? { faithful } : {}) };
}

/** The agreement report as text: a table per obligation, then the classes. */
export function agreementText(r: AgreementReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const lines = [
    `casus sweep over ATOP 4.01 against ATOP 5.1 directed dyad-years, ${r.from}-${r.to}`,
    'A directed dyad-year counts when either side codes the obligation; agreement = both / either.',
    '',
    `${'obligation'.padEnd(10)} ${'either'.padStart(8)} ${'both'.padStart(8)} ${'casus only'.padStart(10)} ${'5.1 only'.padStart(9)} ${'agreement'.padStart(9)}`,
  ];
  for (const p of r.obligations) {
    lines.push(
      `${p.obligation.padEnd(10)} ${String(p.either).padStart(8)} ${String(p.both).padStart(8)} ${String(p.onlyCasus).padStart(10)} ${String(p.only51).padStart(9)} ${pct(p.rate).padStart(9)}`,
    );
  }
  lines.push('', 'Disagreements by class (see `casus sweep --help`):', '');
  lines.push(`${'class'.padEnd(14)} ${SWEEP_OBLIGATIONS.map((o) => o.padStart(8)).join(' ')} ${'total'.padStart(8)}`);
  for (const c of DISAGREEMENT_CLASSES) {
    const counts = r.obligations.map((p) => p.classes[c]);
    lines.push(
      `${c.padEnd(14)} ${counts.map((n) => String(n).padStart(8)).join(' ')} ${String(counts.reduce((a, b) => a + b, 0)).padStart(8)}`,
    );
  }
  if (r.faithful) {
    lines.push(
      '',
      `casus against the 4.01 rows read directly: ${r.faithful.same} obligation dyad-years the same, ${r.faithful.stateSystem} left out because the state that owes them was outside the COW state system part of the year, ${r.faithful.noAdversary} in force but untriggerable (the only adversaries named are the pair itself), ${r.faithful.errors} casus errors.`,
    );
  }
  if (!r.oracle) {
    lines.push('', 'Without --members (the 4.01 member file) a casus error cannot be told from a difference between versions.');
  }
  return `${lines.join('\n')}\n`;
}

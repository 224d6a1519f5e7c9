import { CasusError, CasusErrors } from '../base/casus-error.js';
import { readCsv } from '../corpus/read-csv.js';
import { splitAliases, splitSpells } from '../corpus/states.js';

/** One row of casus's states table (corpus/data/states.csv). */
export interface StateRow {
  abb: string;
  ccode: number;
  name: string;
  european: boolean;
  aliases: string[];
  /** `start/end` pairs, ISO dates, in order. */
  spells: string[];
}

export interface CowImportOptions {
  /** Keep only the states, and their spells, that overlap these years (inclusive). */
  from?: number;
  to?: number;
  /**
   * An existing states.csv to merge with: its aliases are kept for the states imported, and its
   * rows that COW does not have (casus's additions, ccode 9000 and up) are kept as they are.
   */
  merge?: string;
}

const COLUMNS = ['stateabb', 'ccode', 'statenme', 'styear', 'stmonth', 'stday', 'endyear', 'endmonth', 'endday'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * `casus import cow-states`: the Correlates of War State System Membership List (states2016.csv:
 * one row per spell) into casus's states table, one row per state with all its spells. `european`
 * is COW region Europe, ccodes 200-399 (how casus reads "a European State"). Rows are checked:
 * a missing column, a code that is not a number or an impossible date is an error naming the line.
 */
export function importCowStates(text: string, file: string, options: CowImportOptions = {}): StateRow[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new CasusError('input.bad-option', `not a COW state list: no column ${missing.join(', ')} (expected ${COLUMNS.join(', ')})`, {
      file,
      line: 1,
      column: 1,
    });
  }
  const errors: CasusError[] = [];
  const byAbb = new Map<string, StateRow>();
  readCsv(text).forEach((r, i) => {
    const line = i + 2;
    const n = (k: string) => Number(r[k]);
    const nums = ['ccode', 'styear', 'stmonth', 'stday', 'endyear', 'endmonth', 'endday'].map(n);
    if (nums.some((x) => !Number.isInteger(x)) || !r.stateabb) {
      errors.push(
        new CasusError('input.bad-option', 'a row needs a state abbreviation and whole numbers for the code and dates', {
          file,
          line,
          column: 1,
        }),
      );
      return;
    }
    const [ccode, sy, sm, sd, ey, em, ed] = nums as [number, number, number, number, number, number, number];
    const start = `${pad(sy, 4)}-${pad(sm)}-${pad(sd)}`;
    const end = `${pad(ey, 4)}-${pad(em)}-${pad(ed)}`;
    for (const d of [start, end]) {
      const t = new Date(`${d}T00:00:00Z`);
      if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d) {
        errors.push(new CasusError('input.bad-date', `impossible date ${d}`, { file, line, column: 1 }));
        return;
      }
    }
    const abb = (r.stateabb as string).trim();
    const row = byAbb.get(abb) ?? {
      abb,
      ccode,
      name: (r.statenme ?? '').trim(),
      european: ccode >= 200 && ccode <= 399,
      aliases: [],
      spells: [],
    };
    row.spells.push(`${start}/${end}`);
    byAbb.set(abb, row);
  });
  if (errors.length > 0) throw new CasusErrors(errors);
  const overlaps = (spell: string) => {
    const [s, e] = spell.split('/') as [string, string];
    return (
      (options.from === undefined || Number(e.slice(0, 4)) >= options.from) &&
      (options.to === undefined || Number(s.slice(0, 4)) <= options.to)
    );
  };
  // A state with a spell in the period, with its spells in the period (a spell that began before and
  // ends after it is kept whole).
  let rows = [...byAbb.values()].filter((r) => r.spells.some(overlaps)).map((r) => ({ ...r, spells: r.spells.filter(overlaps) }));
  if (options.merge !== undefined) {
    const old = readStateRows(options.merge);
    const aliases = new Map(old.map((o) => [o.abb, o.aliases]));
    rows = rows.map((r) => ({ ...r, aliases: aliases.get(r.abb) ?? [] }));
    rows.push(...readStateRows(options.merge).filter((o) => o.ccode >= 9000 && !byAbb.has(o.abb)));
  }
  return rows.sort((a, b) => a.ccode - b.ccode);
}

/** Reads casus's states.csv (abb, ccode, name, european, aliases, spells) back into rows. */
export function readStateRows(text: string): StateRow[] {
  return readCsv(text).map((r) => ({
    abb: r.abb as string,
    ccode: Number(r.ccode),
    name: r.name as string,
    european: r.european === 'true',
    aliases: splitAliases(r.aliases),
    spells: splitSpells(r.spells),
  }));
}

/** The rows as casus's states.csv (header abb, ccode, name, european, aliases, spells). */
export function statesCsv(rows: readonly StateRow[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const body = rows.map((r) =>
    [r.abb, String(r.ccode), r.name, String(r.european), r.aliases.join(';'), r.spells.join(' ')].map(cell).join(','),
  );
  return `${['abb,ccode,name,european,aliases,spells', ...body].join('\n')}\n`;
}

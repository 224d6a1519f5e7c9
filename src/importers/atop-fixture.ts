import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CORPUS_DIR, loadCorpus } from '../corpus/load-corpus.js';
import type { Corpus } from '../corpus/treaty.js';
import { ATOP_MEMBER_COLUMNS, type AtopImport, LEAGUE_HEADER } from './atop.js';
import { readStateRows, type StateRow } from './cow-states.js';

/** Test fixtures: small ATOP member-level files, and the libraries `casus import atop` makes of them. */

// A small ATOP member-level file: the columns the importer reads, 0 unless a row says otherwise.
export const COLUMNS = ATOP_MEMBER_COLUMNS;

export type Row = Partial<Record<string, number | ''>>;
export const csv = (rows: Row[]) =>
  `${COLUMNS.join(',')}\n${rows.map((r) => COLUMNS.map((c) => (r[c] === undefined ? 0 : r[c])).join(',')).join('\n')}\n`;
export const pair = (id: number, a: number, b: number, extra: Row, dates: Row = {}): Row[] =>
  [a, b].map((member) => ({ atopid: id, member, yrent: 1935, moent: 5, dayent: 2, ...dates, ...extra }));

export const STATES: StateRow[] = readStateRows(readFileSync(join(DEFAULT_CORPUS_DIR, 'data', 'states.csv'), 'utf8'));

/** Writes an import as a library and loads it, as `casus --corpus DIR check` would. */
export function library(result: AtopImport): Corpus {
  const dir = mkdtempSync(join(tmpdir(), 'casus-atop-'));
  mkdirSync(join(dir, 'data'));
  for (const t of result.treaties) writeFileSync(join(dir, t.name), t.text);
  writeFileSync(join(dir, 'data', 'states.csv'), result.statesCsv);
  writeFileSync(join(dir, 'data', 'league-membership.csv'), LEAGUE_HEADER);
  return loadCorpus(dir, [], { cacheDir: false });
}

import { CasusError, CasusErrors } from '../base/casus-error.js';
import { readCsv } from '../corpus/read-csv.js';
import { OBLIGATION_TABLE, OBLIGATIONS, type Obligation } from '../engine/binding.js';
import type { StateRow } from './cow-states.js';
import { statesCsv } from './cow-states.js';

/**
 * `casus import atop`: the ATOP member-level file (one row per alliance × member × phase, with
 * each member's obligations and their conditions) into literate casus treaties, one per
 * alliance phase. What ATOP codes and casus cannot express is written into every file under
 * "Not expressed" and returned per alliance; it is never dropped silently. The mapping is set
 * out in docs/atop-import.md; the meanings of the variables, and which of them rest on a source,
 * in docs/atop-notes.md.
 */

/** The citation ATOP asks for, wherever its data are shown or exported. */
export const ATOP_CITATION =
  'Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. ' +
  '"Alliance Treaty Obligations and Provisions, 1815-1944." International Interactions 28: 237-260.';

/**
 * ATOP's five obligations and their column names are the engine's table (engine/binding.ts): each
 * generated norm carries the table's `action` word, and its shape (SHAPES below) is what the
 * table's classifier reads as that obligation (a test holds them together).
 */
export { OBLIGATIONS, type Obligation } from '../engine/binding.js';

/** The member-level columns the importer reads. */
export const ATOP_MEMBER_COLUMNS = [
  'atopid',
  'member',
  'yrent',
  'moent',
  'dayent',
  'yrexit',
  'moexit',
  'dayexit',
  'phase',
  'maxphase',
  ...OBLIGATIONS,
  'defcoadv',
  'defcoloc',
  'defcocon',
  'defconum',
  'defcodem',
  'defconpr',
  'offcoadv',
  'offcoloc',
  'offcocon',
  'offconum',
  'offcodem',
  'neucoadv',
  'neucoloc',
  'neucocon',
  'neuconum',
  'neucodem',
  'neuconpr',
  'neucoatt',
  'concoadv',
  'concoloc',
  'concocon',
  'concoreq',
  'olimob',
  'asymm',
  'statthr1',
  'statthr2',
];

/** Columns whose cell may be blank (ATOP leaves the day blank when only the month is known). */
const MAY_BE_BLANK = new Set(['dayent', 'dayexit', 'statthr1', 'statthr2', 'asymm']);

/** One member row, read and checked. */
export interface AtopRow {
  line: number;
  atopid: number;
  member: number;
  phase: number;
  maxphase: number;
  entry: string;
  /** Undefined: no exit recorded (ATOP's 0/0/0, in effect at the end of the data). */
  exit?: string;
  v: Record<string, number>;
}

/** A condition ATOP codes for one obligation, and what casus makes of it. */
interface CondMap {
  column: string;
  /** The casus condition, or `unknown` with a label when casus cannot express it. */
  casus: (row: AtopRow, adversary: string, abb: (code: number) => string) => { expr: string; expressed: boolean; note: string };
}

const adversaryCondition =
  (column: string) =>
  (row: AtopRow, adversary: string, abb: (code: number) => string): { expr: string; expressed: boolean; note: string } => {
    const named = [row.v.statthr1, row.v.statthr2].filter((c): c is number => c !== undefined && c > 0);
    if (named.length === 0) {
      return {
        expr: `unknown "ATOP ${column}: only against a specific adversary, which the data do not name (statthr1/2 = 0)"`,
        expressed: false,
        note: `${column}: only against a specific adversary, not named in statthr1/2`,
      };
    }
    const set = named.map(abb).join(', ');
    return {
      expr: `${adversary} in {${set}} "ATOP ${column}: only against the named adversary (statthr1/2 = ${named.join(', ')})"`,
      expressed: true,
      note: `${column}: only against ${set}`,
    };
  };

const opaque = (column: string, words: string, why: string) => (): { expr: string; expressed: boolean; note: string } => ({
  expr: `unknown "ATOP ${column}: ${words}"`,
  expressed: false,
  note: `${column}: ${words} (${why})`,
});

const NO_PLACE = 'casus events carry no place';
const PEACE = 'ends by: peace p where a.by in p.between and a.against in p.between;';
const NO_CONFLICT = 'casus does not name conflicts; the codebook meaning is not verified';
const NUMBER = 'the codebook meaning (how many attackers) is not verified';
const NO_DEMAND = "casus has no demand event; read as non-compliance, which may be the ally's rather than the adversary's";

/** What casus makes of one condition column (`defcoloc`: prefix `def`, condition `coloc`). */
function condition(column: string): CondMap {
  const unprovoked = () => ({
    expr: `a.unprovoked "ATOP ${column}: only if the partner did not provoke the attack"`,
    expressed: true,
    note: '',
  });
  const place = column.startsWith('con') ? 'a crisis' : 'a conflict';
  switch (column.slice(3)) {
    case 'coadv':
      return { column, casus: adversaryCondition(column) };
    case 'coloc':
      return { column, casus: opaque(column, `only for ${place} in a specified location`, NO_PLACE) };
    case 'cocon':
      return { column, casus: opaque(column, 'only in a specified conflict', NO_CONFLICT) };
    case 'conum':
      return { column, casus: opaque(column, 'depends on the number of adversaries', NUMBER) };
    case 'codem':
      return { column, casus: opaque(column, 'only if the adversary does not comply with demands', NO_DEMAND) };
    case 'conpr':
      return { column, casus: unprovoked };
    case 'coreq':
      return { column, casus: opaque(column, 'only if a partner requests consultation', 'casus has no request event') };
    default:
      throw new Error(`no mapping for the ATOP condition column ${column}`);
  }
}

/** Each obligation's conditions, in ATOP's column order. `a` is the trigger; the adversary is a field of it. */
const CONDITIONS: Record<Obligation, CondMap[]> = {
  defense: ['defcoadv', 'defcoloc', 'defcocon', 'defconum', 'defcodem', 'defconpr'].map(condition),
  offense: ['offcoadv', 'offcoloc', 'offcocon', 'offconum', 'offcodem'].map(condition),
  neutral: ['neucoadv', 'neucoloc', 'neucocon', 'neuconum', 'neucodem', 'neuconpr'].map(condition),
  nonagg: [],
  consul: ['concoadv', 'concoloc', 'concocon', 'concoreq'].map(condition),
};

/** What one generated treaty holds, and what it could not say. */
export interface AtopTreaty {
  slug: string;
  atopid: number;
  phase: number;
  /** File name inside the output folder. */
  name: string;
  text: string;
  members: number[];
  /** ATOP codings casus does not express, one line each (also written into the file). */
  unexpressed: string[];
}

export interface AtopImport {
  treaties: AtopTreaty[];
  /** data/states.csv for the imported library: COW's list plus any ATOP member without a COW code. */
  statesCsv: string;
  /** ATOP codes that are not COW states, and the casus names given to them. */
  addedStates: Array<{ ccode: number; abb: string }>;
  /** Differences between the member-level and the alliance-level files (with --alliances). */
  crossCheck: string[];
  rows: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dateOf(y: number, m: number | undefined, d: number | undefined): string {
  if (!m) return pad(y, 4);
  if (!d) return `${pad(y, 4)}-${pad(m)}`;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Reads and checks the member-level rows; every bad cell is an error naming its line and column. */
export function readAtopMembers(text: string, file: string): AtopRow[] {
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((h) => h.trim());
  const missing = ATOP_MEMBER_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new CasusError(
      'input.bad-option',
      `not an ATOP member-level file: no column ${missing.join(', ')} (ATOP 4.01 atop4_01m.csv has them all)`,
      { file, line: 1, column: 1 },
    );
  }
  const errors: CasusError[] = [];
  const rows: AtopRow[] = [];
  readCsv(text.replace(/^\uFEFF/, '')).forEach((r, i) => {
    const line = i + 2;
    const v: Record<string, number> = {};
    for (const c of ATOP_MEMBER_COLUMNS) {
      const cell = (r[c] ?? '').trim();
      if (cell === '' && MAY_BE_BLANK.has(c)) continue;
      const n = Number(cell);
      if (cell === '' || !Number.isInteger(n) || n < 0) {
        errors.push(
          new CasusError(
            'input.bad-option',
            `${c} must be a whole number ≥ 0${cell === '' ? ', and is blank' : `, not "${cell}"`}`,
            { file, line, column: header.indexOf(c) + 1 },
            c,
          ),
        );
        continue;
      }
      v[c] = n;
    }
    if (errors.length > 0 && errors.at(-1)?.span?.line === line) return;
    const y = v.yrent as number;
    const entry = dateOf(y, v.moent, v.dayent);
    const exit = v.yrexit ? dateOf(v.yrexit, v.moexit, v.dayexit) : undefined;
    for (const [col, d] of [
      ['yrent', entry],
      ['yrexit', exit],
    ] as const) {
      if (d === undefined) continue;
      const full = d.length === 10 ? d : d.length === 7 ? `${d}-01` : `${d}-01-01`;
      const t = new Date(`${full}T00:00:00Z`);
      if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== full) {
        errors.push(new CasusError('input.bad-date', `impossible date ${d}`, { file, line, column: header.indexOf(col) + 1 }, col));
      }
    }
    if (exit && exit < entry) {
      errors.push(
        new CasusError('input.bad-date', `the exit ${exit} comes before the entry ${entry}`, {
          file,
          line,
          column: header.indexOf('yrexit') + 1,
        }),
      );
    }
    for (const o of OBLIGATIONS) {
      if ((v[o] as number) > 1) {
        errors.push(new CasusError('input.bad-option', `${o} is 0 or 1, not ${v[o]}`, { file, line, column: header.indexOf(o) + 1 }, o));
      }
    }
    rows.push({
      line,
      atopid: v.atopid as number,
      member: v.member as number,
      phase: v.phase as number,
      maxphase: v.maxphase as number,
      entry,
      ...(exit ? { exit } : {}),
      v,
    });
  });
  if (errors.length > 0) throw new CasusErrors(errors);
  return rows;
}

/** A casus name for a state code ATOP uses and COW does not have: letters only, as the grammar wants. */
function extraAbb(code: number): string {
  const letters = String(code)
    .split('')
    .map((d) => String.fromCharCode(65 + Number(d)))
    .join('');
  return `AT${letters}`;
}

/** The shape of each obligation's norm: its kind, and its clauses before and after the condition. */
const SHAPES: Record<Obligation, { kind: 'duty' | 'prohibition'; before: string[]; after: string[] }> = {
  defense: {
    kind: 'duty',
    before: ['trigger: aggression a where a.against = beneficiary and a.by != holder;', 'counterparty: a.by;'],
    after: ['fulfilled by: assistance s where s.by = holder and s.to = beneficiary;', PEACE],
  },
  offense: {
    kind: 'duty',
    before: ['trigger: aggression a where a.by = beneficiary and a.against != holder;', 'counterparty: a.against;'],
    after: ['fulfilled by: assistance s where s.by = holder and s.to = beneficiary;', PEACE],
  },
  neutral: {
    kind: 'prohibition',
    before: ['trigger: aggression a where a.against = beneficiary and a.by != holder;', 'counterparty: a.by;'],
    after: ['forbids: assistance s where s.by = holder and s.to = a.by;', PEACE],
  },
  nonagg: {
    kind: 'prohibition',
    before: [],
    after: [
      'forbids: aggression x where x.by = holder and x.against = beneficiary;',
      'ends by: aggression y where y.by = beneficiary and y.against = holder;',
    ],
  },
  consul: {
    kind: 'duty',
    before: ['trigger: threat a where a.against = beneficiary and a.by != holder;', 'counterparty: a.by;'],
    after: ['fulfilled by: consultation c where holder in c.between and beneficiary in c.between;'],
  },
};

/**
 * The norm for one obligation of one holder (or of every member, when all hold it alike).
 * `inWar`: neutrality's second norm, which binds while the partner makes war (no `neucoatt`).
 */
function normText(o: Obligation, name: string, roles: string, conditions: string[], inWar = false): string {
  const shape = SHAPES[o];
  const flip = (clause: string) =>
    inWar
      ? clause
          .replace('a.against = beneficiary and a.by != holder', 'a.by = beneficiary and a.against != holder')
          .replace('counterparty: a.by;', 'counterparty: a.against;')
          .replace('s.to = a.by;', 's.to = a.against;')
      : clause;
  return [
    `${shape.kind} ${name} {`,
    `  roles: ${roles};`,
    `  action: ${OBLIGATION_TABLE[o].action};`,
    ...shape.before.map((c) => `  ${flip(c)}`),
    ...(conditions.length > 0 ? [`  condition: ${conditions.join('\n    and ')};`] : []),
    ...shape.after.map((c) => `  ${flip(c)}`),
    '}',
  ].join('\n');
}

/** The casus field that holds the adversary in each obligation's trigger. */
const ADVERSARY: Record<Obligation, string> = {
  defense: 'a.by',
  offense: 'a.against',
  neutral: 'a.by',
  nonagg: 'beneficiary',
  consul: 'a.by',
};

const HEADINGS: Record<Obligation, string> = {
  defense: 'Defence',
  offense: 'Offence',
  neutral: 'Neutrality',
  nonagg: 'Non-aggression',
  consul: 'Consultation',
};

const WORDS: Record<Obligation, string> = {
  defense:
    'a defence pledge: active military support to a partner that is attacked. casus reads it as a duty, arising when a partner suffers an aggression by a state other than the holder, to assist it against the attacker until peace.',
  offense:
    'an offence pledge: military support in a conflict not limited to defence (wording not verified against the codebook). casus reads it as a duty to join a partner that goes to war, against its adversary.',
  neutral:
    'a neutrality pledge: not to support a third party in conflict with the partner (wording not verified). casus reads it as a prohibition, once the partner is attacked, on assisting the attacker.',
  nonagg:
    'a non-aggression pledge: not to use force against the partners (wording not verified). casus reads it as a standing prohibition of aggression against a partner, released for a partner that attacks the holder (as the non-aggression pacts of the casus corpus are read).',
  consul:
    'a consultation pledge: to consult in the event of crises with the potential to become militarised conflicts (the ATOP definition as quoted by the QoG data finder). casus reads it as a duty to consult a partner that is threatened.',
};

/**
 * Turns ATOP member rows into treaties. `states` is the state list (COW's, as `casus import
 * cow-states` reads it) that gives each COW code its casus name.
 */
export function importAtop(
  memberText: string,
  memberFile: string,
  states: readonly StateRow[],
  options: { alliances?: { text: string; file: string }; sourceName?: string } = {},
): AtopImport {
  const rows = readAtopMembers(memberText, memberFile);
  const byCode = new Map(states.map((s) => [s.ccode, s.abb]));
  const added: Array<{ ccode: number; abb: string }> = [];
  const abb = (code: number): string => {
    const known = byCode.get(code);
    if (known) return known;
    const name = extraAbb(code);
    byCode.set(code, name);
    added.push({ ccode: code, abb: name });
    return name;
  };
  const sourceName = options.sourceName ?? memberFile.split(/[\\/]/).pop() ?? memberFile;

  // Alliance phases; a member that left and came back within one phase starts a second segment.
  const groups = new Map<string, AtopRow[]>();
  for (const r of rows) {
    const key = `${r.atopid}|${r.phase}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const treaties: AtopTreaty[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : a.line - b.line));
    // Segment k holds each member's k-th row in the phase, or its last row if it has fewer: a
    // member that left and joined again gets a second segment, with the partners it had then.
    const byMember = new Map<number, AtopRow[]>();
    for (const r of list) byMember.set(r.member, [...(byMember.get(r.member) ?? []), r]);
    const count = Math.max(...[...byMember.values()].map((l) => l.length));
    const segments: AtopRow[][] = Array.from({ length: count }, (_, k) =>
      [...byMember.values()].map((l) => l[Math.min(k, l.length - 1)] as AtopRow),
    );
    segments.forEach((seg, k) => {
      treaties.push(treatyFor(seg, k, abb, sourceName));
    });
  }
  treaties.sort((a, b) => a.atopid - b.atopid || a.phase - b.phase || (a.slug < b.slug ? -1 : 1));

  const crossCheck: string[] = [];
  if (options.alliances) {
    const text = options.alliances.text.replace(/^\uFEFF/, '');
    const header = (text.split(/\r?\n/, 1)[0] ?? '').split(',').map((h) => h.trim());
    if (!header.includes('atopid') || !header.includes('mem1')) {
      throw new CasusError(
        'input.bad-option',
        'not an ATOP alliance-level file: it needs the columns atopid and mem1, mem2, … (ATOP 4.01 atop4_01a.csv has them)',
        { file: options.alliances.file, line: 1, column: 1 },
      );
    }
    const alliances = readCsv(text);
    const membersOf = new Map<number, Set<number>>();
    for (const r of rows) {
      const s = membersOf.get(r.atopid) ?? new Set<number>();
      s.add(r.member);
      membersOf.set(r.atopid, s);
    }
    alliances.forEach((a, i) => {
      const id = Number(a.atopid);
      const listed = new Set(
        Object.keys(a)
          .filter((k) => /^mem\d+$/.test(k) && (a[k] ?? '').trim() !== '')
          .map((k) => Number(a[k])),
      );
      const have = membersOf.get(id);
      if (!have) {
        crossCheck.push(`${options.alliances?.file}:${i + 2}: alliance ${id} has no member rows`);
        return;
      }
      const onlyA = [...listed].filter((m) => !have.has(m));
      const onlyM = [...have].filter((m) => !listed.has(m));
      if (onlyA.length > 0 || onlyM.length > 0) {
        crossCheck.push(
          `${options.alliances?.file}:${i + 2}: alliance ${id}: ${onlyA.length > 0 ? `members ${onlyA.join(', ')} only in the alliance file` : ''}${onlyA.length > 0 && onlyM.length > 0 ? '; ' : ''}${onlyM.length > 0 ? `members ${onlyM.join(', ')} only in the member file` : ''}`,
        );
      }
      membersOf.delete(id);
    });
    for (const id of membersOf.keys()) crossCheck.push(`alliance ${id} has member rows but no row in ${options.alliances.file}`);
  }

  const stateRows: StateRow[] = [
    ...states,
    ...added.map((a) => ({
      abb: a.abb,
      ccode: a.ccode,
      name: `ATOP member ${a.ccode} (not a COW state)`,
      european: false,
      aliases: [],
      spells: [],
    })),
  ].sort((a, b) => a.ccode - b.ccode);
  return { treaties, statesCsv: statesCsv(stateRows), addedStates: added, crossCheck, rows: rows.length };
}

function treatyFor(seg: AtopRow[], k: number, abb: (code: number) => string, sourceName: string): AtopTreaty {
  const first = seg[0] as AtopRow;
  const { atopid, phase, maxphase } = first;
  const slug = `atop-${atopid}${phase > 0 ? `-p${phase}` : ''}${k > 0 ? `-r${k + 1}` : ''}`;
  const members = seg.map((r) => r.member);
  const lines = seg.map((r) => r.line);
  const entry = seg.map((r) => r.entry).sort()[0] as string;
  const original = seg.filter((r) => r.entry === entry);
  const acceding = seg.filter((r) => r.entry !== entry);
  const exits = seg.map((r) => r.exit);
  const allSameExit = exits.every((e) => e !== undefined && e === exits[0]);
  const partyCount = seg.length;

  const lifecycle: string[] = [`  - {date: ${entry}, type: entry-into-force, source: ATOP}`];
  for (const r of acceding) lifecycle.push(`  - {date: ${r.entry}, type: accession, by: ${abb(r.member)}, source: ATOP}`);
  const unexpressed: string[] = [];
  if (allSameExit) lifecycle.push(`  - {date: ${exits[0]}, type: termination, source: ATOP}`);
  else if (partyCount > 2) {
    for (const r of seg) if (r.exit) lifecycle.push(`  - {date: ${r.exit}, type: termination, by: ${abb(r.member)}, source: ATOP}`);
  } else {
    const ended = exits.filter((e): e is string => e !== undefined).sort();
    if (ended.length > 0) {
      lifecycle.push(`  - {date: ${ended[0]}, type: termination, source: ATOP}`);
      unexpressed.push(
        `exit dates differ in a bilateral phase (${exits.map((e) => e ?? 'none').join(', ')}): the treaty ends at the first`,
      );
    }
  }

  // Obligations: per member, with their conditions; one reciprocal norm when all members hold it alike.
  const sections: string[] = [];
  const perMember = (r: AtopRow, o: Obligation): { conds: string[]; notes: string[] } => {
    const conds: string[] = [];
    const notes: string[] = [];
    for (const c of CONDITIONS[o]) {
      if (r.v[c.column] !== 1) continue;
      const m = c.casus(r, ADVERSARY[o], abb);
      conds.push(m.expr);
      if (!m.expressed) notes.push(m.note);
    }
    if (r.v.olimob === 1) {
      conds.push('unknown "ATOP olimob: other conditions the data do not specify"');
      notes.push('olimob: other conditions, not specified by the data');
    }
    return { conds, notes };
  };
  const neutralAny = (r: AtopRow) => r.v.neucoatt !== 1;
  for (const o of OBLIGATIONS) {
    const holders = seg.filter((r) => r.v[o] === 1);
    if (holders.length === 0) continue;
    const shapes = holders.map((r) => JSON.stringify(perMember(r, o).conds) + (o === 'neutral' ? String(neutralAny(r)) : ''));
    const alike = holders.length === seg.length && shapes.every((s) => s === shapes[0]);
    const blocks: string[] = [];
    const texts: string[] = [];
    const groupsOf: Array<{ name: string; roles: string; rows: AtopRow[] }> = alike
      ? [{ name: o, roles: 'each party toward the other', rows: holders }]
      : holders.map((r) => ({
          name: `${o}-${abb(r.member).toLowerCase()}`,
          roles: `holder ${abb(r.member)}, beneficiary parties except {${abb(r.member)}}`,
          rows: [r],
        }));
    for (const g of groupsOf) {
      const r = g.rows[0] as AtopRow;
      const { conds, notes } = perMember(r, o);
      blocks.push(normText(o, g.name, g.roles, conds));
      if (o === 'neutral' && neutralAny(r)) {
        // Without neucoatt the pledge is not limited to the partner being attacked: also while it makes war.
        blocks.push(
          normText(
            o,
            `${g.name}-in-war`,
            g.roles,
            conds.map((c) => c.replace(/\ba\.by in\b/, 'a.against in')),
            true,
          ),
        );
      }
      for (const n of notes) {
        const who = alike ? 'every member' : abb(r.member);
        unexpressed.push(`${o} (${who}): ${n}`);
      }
      texts.push(
        alike
          ? `every member (${holders.map((h) => abb(h.member)).join(', ')})`
          : `${abb(r.member)} (ATOP code ${r.member}, line ${r.line})`,
      );
    }
    sections.push(
      [
        `## ${HEADINGS[o]} {#${o}}`,
        '',
        `ATOP codes ${o} = 1 for ${texts.join('; ')} [ATOP]: ${WORDS[o]} Conditions coded 1 become the norm's`,
        `\`condition\`, each labelled with its ATOP column; a condition casus cannot test is \`unknown\`, so the`,
        'duty is never reported as owed outright while ATOP makes it conditional.',
        '',
        '```casus',
        blocks.join('\n\n'),
        '```',
      ].join('\n'),
    );
  }
  if (first.v.asymm === 1) {
    unexpressed.push(
      'asymm: obligations are asymmetric; the member-level data say who holds each obligation but not toward which members, so casus reads it toward every other member',
    );
  }
  const rowTable = [
    '| member | COW | entry | exit | defense | offense | neutral | nonagg | consul | line |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...seg.map(
      (r) =>
        `| ${abb(r.member)} | ${r.member} | ${r.entry} | ${r.exit ?? 'in effect'} | ${OBLIGATIONS.map((o) => r.v[o]).join(' | ')} | ${r.line} |`,
    ),
  ].join('\n');
  const phaseWords = phase > 0 ? `, phase ${phase} of ${maxphase}` : '';
  const segWords = k > 0 ? ` (members who left and joined again: segment ${k + 1})` : '';
  const title = `ATOP alliance ${atopid}${phaseWords}${segWords}`;
  const text = [
    '---',
    `treaty: ${slug}`,
    `title: "${title}"`,
    `short: "ATOP ${atopid}${phase > 0 ? ` phase ${phase}` : ''}${k > 0 ? ` (${k + 1})` : ''}"`,
    `parties: [${original.map((r) => abb(r.member)).join(', ')}]`,
    'sources:',
    '  ATOP: >-',
    `    ${ATOP_CITATION} Data: ATOP version 4.01, member-level file ${sourceName}, lines ${lines.join(', ')}`,
    `    (atopid ${atopid}${phase > 0 ? `, phase ${phase}` : ''}). Imported by casus import atop; the dates and obligations are ATOP's codings,`,
    '    not read from the treaty text.',
    'lifecycle:',
    ...lifecycle,
    'interpretations:',
    '  - id: atop-obligations',
    '    text: >-',
    '      Each obligation ATOP codes for a member becomes one norm held by that member toward every other member',
    '      of this phase. The meanings casus gives the obligations and conditions are set out in docs/atop-import.md;',
    '      several rest on secondary descriptions of the codebook, not on the codebook itself (docs/atop-notes.md).',
    '---',
    '',
    `# ${title}`,
    '',
    `Generated by \`casus import atop\` from ATOP 4.01 [ATOP]. This file holds ATOP's coding of the alliance, not the`,
    "treaty's words: no article is quoted. Cite Leeds, Ritter, Mitchell & Long (2002) wherever these data are shown.",
    '',
    rowTable,
    '',
    '## Not expressed',
    '',
    unexpressed.length > 0
      ? unexpressed.map((u) => `- ${u}`).join('\n')
      : 'Nothing: every obligation and condition ATOP codes for this phase is expressed below.',
    '',
    '## Lifecycle {#lifecycle}',
    '',
    `ATOP dates each member's entry and exit [ATOP]; the treaty is in force as recorded, from the first entry. A member`,
    "that joined later accedes on its own entry date, and one that left earlier ceases to be a party then. ATOP's",
    'length and renewal codes are not used: the recorded exit is what ended the alliance.',
    '',
    '```casus',
    'lifecycle {',
    '  entry into force: as recorded;',
    '}',
    '```',
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  return {
    slug,
    atopid,
    phase,
    name: `${slug}.treaty.md`,
    text,
    members,
    unexpressed,
  };
}

/** The header of an empty League membership table (an imported library has no League data). */
export const LEAGUE_HEADER = 'state,admitted,withdrawal_notice,withdrawal_effective,expelled,de_facto_end,verified,source,note\n';

/** data/SOURCES.md of an imported library. */
export function atopSourcesMd(memberFile: string, cowFile: string | undefined): string {
  const name = (f: string) => f.split(/[\\/]/).pop() ?? f;
  return [
    '# Sources of this library',
    '',
    `Generated by \`casus import atop\` from \`${name(memberFile)}\` (ATOP 4.01, member level). Cite:`,
    '',
    `> ${ATOP_CITATION}`,
    '',
    cowFile
      ? `\`states.csv\` is the Correlates of War State System Membership List v2016 (\`${name(cowFile)}\`), read by \`casus import cow-states\`. Cite: Correlates of War Project. 2017. "State System Membership List, v2016." Online, http://correlatesofwar.org.`
      : "`states.csv` is the shipped casus corpus's states table (COW v2016, 1816-2016); see casus's corpus/data/SOURCES.md.",
    'States ATOP codes that COW does not list are added with casus names (AT followed by the code in letters) and no spells.',
    '',
    '`league-membership.csv` is empty: the ATOP treaties do not refer to the League.',
    "`exile-governments.csv` is casus's own table of governments in exile the Allies recognised (1939-1945), copied from the casus corpus with its sources: a state occupied in the Second World War whose government in exile was recognised stays bound by its alliances.",
    '',
  ].join('\n');
}

/** IMPORT.md: what was imported and, per alliance, what casus could not express. */
export function atopImportReport(result: AtopImport, memberFile: string): string {
  const gaps = result.treaties.filter((t) => t.unexpressed.length > 0);
  const counts = new Map<string, number>();
  for (const t of gaps) {
    for (const u of t.unexpressed) {
      const col = /^(\w+)(?: \([^)]*\))?: (\w+)/.exec(u);
      const key = col ? (col[1] === 'asymm' || col[1] === 'exit' ? col[1] : (col[2] as string)) : u;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [
    '# ATOP import report',
    '',
    `From \`${memberFile.split(/[\\/]/).pop()}\`: ${result.rows} member rows, ${new Set(result.treaties.map((t) => t.atopid)).size} alliances, ${result.treaties.length} treaty files (one per alliance phase).`,
    `Cite: ${ATOP_CITATION}`,
    '',
    '## Not expressed, by ATOP column (number of treaty files)',
    '',
    ...[...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `- ${k}: ${n}`),
    '',
    '## Not expressed, per alliance phase',
    '',
    ...gaps.flatMap((t) => [`### ${t.slug}`, '', ...t.unexpressed.map((u) => `- ${u}`), '']),
    ...(result.addedStates.length > 0
      ? ['## States without a COW code', '', ...result.addedStates.map((a) => `- ${a.ccode}: named ${a.abb}`), '']
      : []),
    ...(result.crossCheck.length > 0 ? ['## Member file against alliance file', '', ...result.crossCheck.map((c) => `- ${c}`), ''] : []),
  ].join('\n');
}

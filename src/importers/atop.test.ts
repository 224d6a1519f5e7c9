import { describe, expect, it } from 'vitest';
import { type SweepModel, sweepAttacks, sweepDyads, sweepModel } from '../analysis/sweep.js';
import { formatError, inputErrors } from '../base/casus-error.js';
import { parseDate } from '../base/partial-date.js';
import { OBLIGATION_TABLE, type Obligation, obligationOf } from '../engine/binding.js';
import { evaluate } from '../engine/evaluate.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { type AtopImport, importAtop } from './atop.js';
import { csv, library, pair, type Row, STATES } from './atop-fixture.js';

const treatyText = (r: AtopImport, slug: string) => r.treaties.find((t) => t.slug === slug)?.text ?? '';

/** Who must defend `target` against `attacker` in `year`, as "DEF:status". */
function defenders(model: SweepModel, attacker: string, target: string, year: number, obligation?: 'offense' | 'consul' | 'neutral') {
  const out: string[] = [];
  sweepAttacks(model, { from: year, to: year, attacker, ...(obligation ? { obligation } : {}) }, (_a, t, _y, d, status) => {
    if (t === target) out.push(`${d}:${status}`);
  });
  return out;
}

describe('casus import atop: each ATOP condition on a small fixture', () => {
  const rows: Row[] = [
    // 1: FRN-POL defence against a named adversary (statthr1 = Germany), in force from 1935-05-02, exit 1939-09-27.
    ...pair(1, 220, 290, { defense: 1, defcoadv: 1, statthr1: 255 }, { yrexit: 1939, moexit: 9, dayexit: 27 }),
    // 2: defence for a conflict in a named place (not expressible): conditional, listed.
    ...pair(2, 200, 390, { defense: 1, defcoloc: 1 }),
    // 3: defence only if unprovoked: conditional unless the attack is taken as unprovoked.
    ...pair(3, 230, 235, { defense: 1, defconpr: 1 }),
    // 4: number of adversaries, demands, specific conflict: each unexpressed.
    ...pair(4, 325, 339, { defense: 1, defconum: 1, defcodem: 1, defcocon: 1 }),
    // 5: offence against a named adversary.
    ...pair(5, 255, 325, { offense: 1, offcoadv: 1, statthr1: 220, statthr2: 200 }),
    // 6: neutrality, not limited to an attack on the partner (neucoatt = 0); 7: only when attacked.
    ...pair(6, 365, 255, { neutral: 1 }),
    ...pair(7, 365, 220, { neutral: 1, neucoatt: 1 }),
    // 8: non-aggression, and consultation only on request.
    ...pair(8, 365, 375, { nonagg: 1, consul: 1, concoreq: 1 }),
    // 9: asymmetric: UKG guarantees BEL and NTH, they owe nothing; BEL leaves early; blank exit day.
    { atopid: 9, member: 200, yrent: 1936, moent: 1, dayent: 1, defense: 1, asymm: 1 },
    { atopid: 9, member: 211, yrent: 1936, moent: 1, dayent: 1, asymm: 1, yrexit: 1937, moexit: 4, dayexit: '' },
    { atopid: 9, member: 210, yrent: 1936, moent: 3, dayent: 1, asymm: 1 },
    // 10: a specific adversary the data do not name; and other conditions (olimob).
    ...pair(10, 310, 360, { defense: 1, defcoadv: 1, olimob: 1 }),
    // 11: two phases with different obligations.
    ...pair(11, 290, 366, { nonagg: 1, phase: 1, maxphase: 2 }, { yrexit: 1937, moexit: 1, dayexit: 1 }),
    ...pair(11, 290, 366, { nonagg: 1, consul: 1, phase: 2, maxphase: 2 }, { yrent: 1937, moent: 1, dayent: 1 }),
  ];
  const result = importAtop(csv(rows), 'fixture.csv', STATES);
  const corpus = library(result);
  const model = sweepModel(corpus);

  it('writes one treaty per alliance phase, each a valid literate treaty that cites ATOP', () => {
    expect(result.treaties.map((t) => t.slug)).toEqual([
      'atop-1',
      'atop-2',
      'atop-3',
      'atop-4',
      'atop-5',
      'atop-6',
      'atop-7',
      'atop-8',
      'atop-9',
      'atop-10',
      'atop-11-p1',
      'atop-11-p2',
    ]);
    expect(corpus.treaties.size).toBe(12);
    for (const t of corpus.treaties.values()) expect(t.sources.ATOP).toContain('Leeds, Brett Ashley');
  });

  it('writes each obligation in the shape the engine’s one table reads as that obligation, with the table’s action word', () => {
    let checked = 0;
    for (const t of corpus.treaties.values()) {
      for (const n of t.norms) {
        // Norm names are the obligation, then a member and `-in-war` where the shape differs.
        const written = n.def.name.split('-')[0] as Obligation;
        expect([n.id, obligationOf(n.def)]).toEqual([n.id, written]);
        expect([n.id, n.def.action]).toEqual([n.id, OBLIGATION_TABLE[written].action]);
        checked++;
      }
    }
    // Every obligation, the per-member (asymm) and while-at-war neutrality shapes among them.
    expect(checked).toBe(15);
  });

  it('defcoadv + statthr1/2: the adversary must be the named state', () => {
    expect(treatyText(result, 'atop-1')).toContain('condition: a.by in {GMY} "ATOP defcoadv');
    expect(defenders(model, 'GMY', 'POL', 1938)).toEqual(['FRN:bound']);
    expect(defenders(model, 'RUS', 'POL', 1938)).toEqual([]);
    // Dates: in force from 1935-05-02 until the exit of 1939-09-27 (exclusive), and not after.
    expect(defenders(model, 'GMY', 'POL', 1934)).toEqual([]);
    expect(defenders(model, 'GMY', 'POL', 1940)).toEqual([]);
    expect(result.treaties[0]?.unexpressed).toEqual([]);
  });

  it('defcoloc, defcocon, defconum, defcodem: unknown conditions, listed as not expressed, and the duty conditional', () => {
    expect(treatyText(result, 'atop-2')).toContain('unknown "ATOP defcoloc');
    expect(result.treaties[1]?.unexpressed).toEqual([
      'defense (every member): defcoloc: only for a conflict in a specified location (casus events carry no place)',
    ]);
    expect(defenders(model, 'GMY', 'DEN', 1938)).toEqual(['UKG:conditional']);
    const four = result.treaties[3]?.unexpressed.join('\n') ?? '';
    for (const c of ['defconum', 'defcodem', 'defcocon']) expect(four).toContain(c);
    expect(defenders(model, 'FRN', 'ITA', 1938)).toEqual(['ALB:conditional']);
  });

  it('defconpr: the attack must be unprovoked (unsettled unless the sweep assumes it)', () => {
    expect(treatyText(result, 'atop-3')).toContain('a.unprovoked "ATOP defconpr');
    expect(defenders(model, 'FRN', 'SPN', 1938)).toEqual(['POR:conditional']);
    expect(defenders(sweepModel(corpus, { unprovoked: true }), 'FRN', 'SPN', 1938)).toEqual(['POR:bound']);
  });

  it('offense + offcoadv: the partner’s war against a named adversary', () => {
    expect(treatyText(result, 'atop-5')).toContain('condition: a.against in {FRN, UKG} "ATOP offcoadv');
    expect(defenders(model, 'FRN', 'GMY', 1938, 'offense')).toEqual(['ITA:bound']);
    expect(defenders(model, 'RUS', 'GMY', 1938, 'offense')).toEqual([]);
  });

  it('neucoatt: without it neutrality also binds while the partner makes war; with it, only when attacked', () => {
    const six = corpus.treaties.get('atop-6');
    expect(six?.norms.map((n) => n.def.name)).toEqual(['neutral', 'neutral-in-war']);
    expect(corpus.treaties.get('atop-7')?.norms.map((n) => n.def.name)).toEqual(['neutral']);
  });

  it('nonagg is a standing prohibition; consul with concoreq waits on a request casus cannot see', () => {
    const eight = corpus.treaties.get('atop-8');
    expect(eight?.norms.find((n) => n.def.name === 'nonagg')?.def.trigger).toBeUndefined();
    expect(result.treaties[7]?.unexpressed).toEqual([
      'consul (every member): concoreq: only if a partner requests consultation (casus has no request event)',
    ]);
    const rows1938 = sweepDyads(model, { from: 1938, to: 1938 }).filter((r) => r.treaties.includes('atop-8'));
    expect(rows1938.map((r) => `${r.holder}>${r.beneficiary} ${r.obligation} ${r.status}`)).toEqual([
      'RUS>FIN nonagg bound',
      'RUS>FIN consul conditional',
      'FIN>RUS nonagg bound',
      'FIN>RUS consul conditional',
    ]);
  });

  it('asymm: per-member roles, a member that joined later accedes, one that left ceases to be a party, a blank day is a partial date', () => {
    const text = treatyText(result, 'atop-9');
    expect(text).toContain('roles: holder UKG, beneficiary parties except {UKG};');
    expect(text).toContain('{date: 1936-03-01, type: accession, by: NTH, source: ATOP}');
    expect(text).toContain('{date: 1937-04, type: termination, by: BEL, source: ATOP}');
    expect(result.treaties[8]?.unexpressed[0]).toMatch(/^asymm:/);
    const y = (year: number) =>
      sweepDyads(model, { from: year, to: year })
        .filter((r) => r.treaties.includes('atop-9'))
        .map((r) => `${r.holder}>${r.beneficiary}`);
    expect(y(1936)).toEqual(['UKG>NTH', 'UKG>BEL']);
    expect(y(1938)).toEqual(['UKG>NTH']);
  });

  it('defcoadv without a named state, and olimob: unknown, listed', () => {
    expect(result.treaties[9]?.unexpressed).toEqual([
      'defense (every member): defcoadv: only against a specific adversary, not named in statthr1/2',
      'defense (every member): olimob: other conditions, not specified by the data',
    ]);
    expect(defenders(model, 'GMY', 'ROM', 1936)).toEqual(['HUN:conditional']);
  });

  it('phases: each phase its own treaty with its own obligations and dates', () => {
    const y = (year: number) =>
      sweepDyads(model, { from: year, to: year })
        .filter((r) => r.holder === 'POL' && r.beneficiary === 'EST')
        .map((r) => `${r.obligation}:${r.treaties.join('+')}`);
    expect(y(1936)).toEqual(['nonagg:atop-11-p1']);
    expect(y(1937)).toEqual(['nonagg:atop-11-p2', 'consul:atop-11-p2']);
  });

  it('an imported treaty runs in the engine like any other: a German attack on Poland makes France’s defence due', () => {
    const scenario = loadScenario(
      'id: atop-fixture\ntitle: t\nat: 1938-01-10\nevents:\n  - {date: 1938-01-05, type: aggression, by: GMY, against: POL, unprovoked: true}\n',
      's.yaml',
      corpus,
    );
    const report = evaluate(corpus, scenario, parseDate('1938-01-10'));
    const due = report.norms.filter((n) => n.norm === 'atop-1/defense' && n.status === 'due').map((n) => n.holder);
    expect(due).toEqual(['FRN']);
  });

  it('evaluation by symmetry gives what evaluation state by state gives', async () => {
    const { instanceValue, valueFor, dayInYear, systemIn } = await import('../analysis/sweep.js');
    let checked = 0;
    for (const inst of model.instances) {
      const day = dayInYear(inst, 1938);
      if (day === undefined) continue;
      for (const s of systemIn(model, 1938)) {
        // A standing norm has no adversary; any other is never owed against the pair itself.
        const direct = !inst.standing && (s === inst.holder || s === inst.beneficiary) ? 0 : valueFor(model, inst, s, day);
        expect([inst.norm.id, s, instanceValue(model, inst, s, day)]).toEqual([inst.norm.id, s, direct]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('casus import atop: bad input', () => {
  const errorsOf = (text: string) => {
    try {
      importAtop(text, 'bad.csv', STATES);
    } catch (e) {
      return inputErrors(e).map(formatError);
    }
    return [];
  };

  it('names the file, line and column of a bad cell, and the missing columns of a wrong file', () => {
    const bad = csv([{ atopid: 1, member: 220, yrent: 1935, moent: 5, dayent: 2, defense: 1 }]).replace(
      /\n1,220,1935,5,2,/,
      '\n1,220,1935,x,2,',
    );
    expect(errorsOf(bad).join('\n')).toMatch(/bad\.csv:2:4 .*moent must be a whole number/);
    expect(errorsOf('atopid,member\n1,220\n').join('\n')).toMatch(/bad\.csv:1:1 .*not an ATOP member-level file: no column yrent/);
    const backwards = csv([{ atopid: 1, member: 220, yrent: 1935, moent: 5, dayent: 2, yrexit: 1934, moexit: 1, dayexit: 1 }]);
    expect(errorsOf(backwards).join('\n')).toMatch(/the exit 1934-01-01 comes before the entry 1935-05-02/);
  });

  it('checks the alliance-level file against the member file, and rejects a file that is not one', () => {
    const members = csv([...pair(1, 220, 290, { defense: 1 }), ...pair(2, 200, 210, { nonagg: 1 })]);
    const alliances = { text: 'atopid,mem1,mem2,mem3\n1,220,290,\n2,200,210,211\n3,2,20,\n', file: 'a.csv' };
    expect(importAtop(members, 'm.csv', STATES, { alliances }).crossCheck).toEqual([
      'a.csv:3: alliance 2: members 211 only in the alliance file',
      'a.csv:4: alliance 3 has no member rows',
    ]);
    expect(() => importAtop(members, 'm.csv', STATES, { alliances: { text: 'x,y\n1,2\n', file: 'a.csv' } })).toThrow(
      /not an ATOP alliance-level file/,
    );
  });

  it('gives a state ATOP codes outside COW a casus name, and says so', () => {
    const r = importAtop(csv(pair(1, 220, 8152, { nonagg: 1 })), 'x.csv', STATES);
    expect(r.addedStates).toEqual([{ ccode: 8152, abb: 'ATIBFC' }]);
    expect(r.statesCsv).toContain('ATIBFC,8152,ATOP member 8152 (not a COW state),false,,');
    expect(library(r).treaties.get('atop-1')?.parties).toEqual(['FRN', 'ATIBFC']);
  });

  it('a member that left and joined again in one phase gets a second treaty with the partners it had then', () => {
    const rows: Row[] = [
      { atopid: 5, member: 651, yrent: 1930, moent: 1, dayent: 1, yrexit: 1932, moexit: 1, dayexit: 1, nonagg: 1 },
      { atopid: 5, member: 651, yrent: 1934, moent: 1, dayent: 1, nonagg: 1 },
      { atopid: 5, member: 200, yrent: 1930, moent: 1, dayent: 1, nonagg: 1 },
    ];
    const r = importAtop(csv(rows), 'x.csv', STATES);
    expect(r.treaties.map((t) => `${t.slug}:${t.members.join(',')}`)).toEqual(['atop-5:651,200', 'atop-5-r2:651,200']);
  });
});

describe('casus import atop: every condition column, one by one', () => {
  // [column, its obligation, what the norm's condition says, expressed by casus?]
  const cases: Array<[string, string, RegExp, boolean]> = [
    ['defcoadv', 'defense', /a\.by in \{GMY\} "ATOP defcoadv/, true],
    ['defcoloc', 'defense', /unknown "ATOP defcoloc: only for a conflict in a specified location"/, false],
    ['defcocon', 'defense', /unknown "ATOP defcocon: only in a specified conflict"/, false],
    ['defconum', 'defense', /unknown "ATOP defconum: depends on the number of adversaries"/, false],
    ['defcodem', 'defense', /unknown "ATOP defcodem: only if the adversary does not comply with demands"/, false],
    ['defconpr', 'defense', /a\.unprovoked "ATOP defconpr/, true],
    ['offcoadv', 'offense', /a\.against in \{GMY\} "ATOP offcoadv/, true],
    ['offcoloc', 'offense', /unknown "ATOP offcoloc/, false],
    ['offcocon', 'offense', /unknown "ATOP offcocon/, false],
    ['offconum', 'offense', /unknown "ATOP offconum/, false],
    ['offcodem', 'offense', /unknown "ATOP offcodem/, false],
    ['neucoadv', 'neutral', /a\.by in \{GMY\} "ATOP neucoadv/, true],
    ['neucoloc', 'neutral', /unknown "ATOP neucoloc/, false],
    ['neucocon', 'neutral', /unknown "ATOP neucocon/, false],
    ['neuconum', 'neutral', /unknown "ATOP neuconum/, false],
    ['neucodem', 'neutral', /unknown "ATOP neucodem/, false],
    ['neuconpr', 'neutral', /a\.unprovoked "ATOP neuconpr/, true],
    ['concoadv', 'consul', /a\.by in \{GMY\} "ATOP concoadv/, true],
    ['concoloc', 'consul', /unknown "ATOP concoloc/, false],
    ['concocon', 'consul', /unknown "ATOP concocon/, false],
    ['concoreq', 'consul', /unknown "ATOP concoreq: only if a partner requests consultation"/, false],
    ['olimob', 'defense', /unknown "ATOP olimob: other conditions the data do not specify"/, false],
  ];
  it.each(cases)('%s on %s', (column, obligation, condition, expressed) => {
    const r = importAtop(csv(pair(1, 220, 290, { [obligation]: 1, [column]: 1, statthr1: 255, neucoatt: 1 })), 'x.csv', STATES);
    const t = r.treaties[0];
    const norm = (t?.text ?? '').split('```casus').find((b) => b.includes(`${obligation} {`)) ?? '';
    expect(norm).toMatch(condition);
    expect((t?.unexpressed ?? []).some((u) => u.includes(`${column}:`))).toBe(!expressed);
    // Every variant is a valid treaty that casus loads.
    expect(library(r).treaties.get('atop-1')?.norms.length).toBe(1);
  });

  it('a condition coded for one obligation is not applied to another', () => {
    const r = importAtop(csv(pair(1, 220, 290, { defense: 1, consul: 1, concoloc: 1 })), 'x.csv', STATES);
    const text = r.treaties[0]?.text ?? '';
    const defense = text.split('```casus').find((b) => b.includes('duty defense {')) ?? '';
    expect(defense).not.toContain('condition:');
    expect(r.treaties[0]?.unexpressed).toEqual([
      'consul (every member): concoloc: only for a crisis in a specified location (casus events carry no place)',
    ]);
  });
});

describe('sweeps and the state system', () => {
  it('binds a holder only while it is a state, unless --any-member asks for ATOP’s own convention; what is owed to a vanished state stays owed', () => {
    // Austria left the state system on 13 March 1938 (the Anschluss) and had no recognised government in exile.
    const corpus = library(importAtop(csv(pair(1, 305, 310, { nonagg: 1 })), 'x.csv', STATES));
    const years = (model: ReturnType<typeof sweepModel>, holder: string) => [
      ...new Set(
        sweepDyads(model, { from: 1936, to: 1940 })
          .filter((r) => r.holder === holder)
          .map((r) => r.year),
      ),
    ];
    // Austria owes nothing once it is gone; Hungary still owes Austria non-aggression (the engine's one rule).
    expect(years(sweepModel(corpus), 'AUS')).toEqual([1936, 1937, 1938]);
    expect(years(sweepModel(corpus), 'HUN')).toEqual([1936, 1937, 1938, 1939, 1940]);
    expect(years(sweepModel(corpus, { anyMember: true }), 'AUS')).toEqual([1936, 1937, 1938, 1939, 1940]);
  });
});

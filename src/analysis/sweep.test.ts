import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareWithAtop, type DyadFlags, dyadKey, oracleFlags, readDdyr } from './atop-compare.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const HEADER =
  'atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,maxphase,defense,offense,neutral,nonagg,consul,defcoadv,defcoloc,defcocon,defconum,defcodem,defconpr,offcoadv,offcoloc,offcocon,offconum,offcodem,neucoadv,neucoloc,neucocon,neuconum,neucodem,neuconpr,neucoatt,concoadv,concoloc,concocon,concoreq,olimob,asymm,statthr1,statthr2';
const row = (id: number, member: number, entry: [number, number, number], exit: [number, number, number], obligations: string) =>
  `${id},${member},${entry.join(',')},${exit.join(',')},0,0,${obligations},${Array(26).fill(0).join(',')}`;

describe('casus sweep --compare: every disagreement gets a class', () => {
  // 4.01: FRN-POL defence 1921-1939 (exit 1939-09-27); GMY-ITA non-aggression from 1939-05-22.
  const members = [
    HEADER,
    row(1, 220, [1921, 2, 19], [1939, 9, 27], '1,0,0,0,0'),
    row(1, 290, [1921, 2, 19], [1939, 9, 27], '1,0,0,0,0'),
    row(2, 255, [1939, 5, 22], [0, 0, 0], '0,0,0,1,0'),
    row(2, 325, [1939, 5, 22], [0, 0, 0], '0,0,0,1,0'),
  ].join('\n');
  const oracle = oracleFlags(members, 'm.csv', 1938, 1941);
  const D = 1; // defense bit
  const N = 8; // nonagg bit

  it('reads the 4.01 rows directly: both directions, every year the pair is allied on some day', () => {
    expect(oracle.get(dyadKey(220, 290, 1939))).toBe(D);
    expect(oracle.get(dyadKey(290, 220, 1938))).toBe(D);
    expect(oracle.get(dyadKey(220, 290, 1940))).toBeUndefined();
    expect(oracle.get(dyadKey(255, 325, 1941))).toBe(N);
  });

  it('classes: agreement, a casus error, the state system, a date boundary, and 5.1 recodings', () => {
    const casus: DyadFlags = new Map(oracle);
    casus.delete(dyadKey(290, 220, 1939)); // casus leaves out a year 4.01 has, with POL out of the system part of it
    casus.set(dyadKey(220, 290, 1941), D); // casus invents a year: an error
    casus.delete(dyadKey(255, 325, 1940)); // casus leaves out a year with both states in the system: an error
    const atop51 = readDdyr(
      [
        'ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul',
        '220,290,1938,1,0,0,0,0',
        '220,290,1939,1,0,0,0,0',
        '220,290,1940,1,0,0,0,0', // one year later than 4.01: a date boundary
        '290,220,1938,1,0,0,0,0',
        '290,220,1939,1,0,0,0,0',
        '255,325,1939,0,0,0,1,0',
        '255,325,1940,0,0,0,1,0',
        '325,255,1939,0,0,0,1,0',
        '325,255,1940,1,0,0,1,0', // 5.1 adds defence where both versions ally the pair: recoded
        '255,325,1941,0,0,0,1,0',
        '325,255,1941,0,0,0,1,0',
        '2,200,1941,1,0,0,0,0', // a pair 4.01 never allies: new in 5.1
      ].join('\n'),
      'ddyr.csv',
      1938,
      1941,
    );
    const inSystem = (cc: number, y: number) => !(cc === 290 && y >= 1939);
    const r = compareWithAtop(casus, atop51, oracle, { from: 1938, to: 1941 }, inSystem);
    const classes = r.disagreements.map((d) => `${d.ccode1}>${d.ccode2} ${d.year} ${d.obligation} ${d.class}`);
    expect(classes).toEqual([
      '290>220 1939 defense state-system',
      '220>290 1940 defense date-boundary',
      '255>325 1940 nonagg casus-error',
      '325>255 1940 defense 5.1-recoded',
      '2>200 1941 defense 5.1-new',
      '220>290 1941 defense casus-error',
    ]);
    expect(r.faithful).toEqual({ same: 8, stateSystem: 1, noAdversary: 0, errors: 2 });
  });

  it('rejects a file that is not a directed dyad-year file, naming it', () => {
    expect(() => readDdyr('a,b\n1,2\n', 'x.csv', 1, 2)).toThrow(/not an ATOP directed dyad-year file: no column ccode1/);
  });
});

describe('casus sweep (built CLI): the same bytes with and without worker threads', () => {
  it.skipIf(!existsSync(BIN))(
    'sweeps the shipped corpus in ATOP layout, per obligation, and in the conditional form',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'casus-sweep-'));
      for (const args of [
        ['--from', '1935', '--to', '1940'],
        ['--from', '1935', '--to', '1940', '--obligation', 'defense', '--json'],
        ['--from', '1936', '--to', '1939', '--attacker', 'any'],
      ]) {
        const outs = ['0', '2'].map((w) => {
          const out = join(dir, `w${w}.out`);
          const r = spawnSync(process.execPath, [BIN, 'sweep', ...args, '--workers', w, '--out', out], { encoding: 'utf8' });
          expect(r.status, r.stderr).toBe(0);
          return readFileSync(out, 'utf8');
        });
        expect(outs[1]).toBe(outs[0]);
        expect((outs[0] as string).length).toBeGreaterThan(100);
      }
      const fs = spawnSync(process.execPath, [BIN, 'sweep', '--from', '1936', '--to', '1936', '--attacker', 'GMY'], { encoding: 'utf8' });
      // France is bound to defend Czechoslovakia against Germany (1925 treaty, Locarno-linked: conditional in casus).
      expect(fs.stdout).toMatch(/^255,315,1936,220,(bound|conditional),franco-czechoslovak-1925$/m);
      const bad = spawnSync(process.execPath, [BIN, 'sweep', '--from', '1936', '--to', '1935'], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--to comes before --from/);
      // Six CLI processes, each loading the corpus: past 30 s on a loaded two-core machine.
    },
    120_000,
  );
});

describe('sweeps over the shipped corpus', () => {
  it('Locarno’s guarantee, whose guarantors are picked out by the attack, is swept attack by attack', async () => {
    const { loadCorpus } = await import('../corpus/load-corpus.js');
    const { sweepAttacks, sweepModel } = await import('./sweep.js');
    const model = sweepModel(loadCorpus());
    // Two Locarno duties answer no act of one state against another (a Council finding, a
    // remilitarisation): a sweep cannot ask them, and says so.
    expect(model.skipped.map((s) => s.norm)).toEqual(['locarno-rhineland-1925/art-4-2', 'locarno-rhineland-1925/art-4-3-zone']);
    expect(model.skipped[0]?.why).toMatch(/its trigger \(council-finding\) is no act of one state against another/);
    const defenders = (attacker: string, target: string) => {
      const out: string[] = [];
      sweepAttacks(model, { from: 1936, to: 1936, attacker }, (_a, t, _y, d, _s, treaties) => {
        if (t === target && treaties.includes('locarno-rhineland-1925')) out.push(d);
      });
      return out;
    };
    // Art. 4: every other party comes to the help of the one attacked, Belgium included, whichever of France and Germany it is.
    expect(defenders('GMY', 'FRN')).toEqual(['UKG', 'BEL', 'ITA']);
    expect(defenders('FRN', 'GMY')).toEqual(['UKG', 'BEL', 'ITA']);
    expect(defenders('RUS', 'FRN')).toEqual([]);
  });
});

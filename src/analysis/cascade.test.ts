import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories } from '../../test/helpers.js';
import { CasusError, CasusErrors, inputErrors } from '../base/casus-error.js';
import { parseDate } from '../base/partial-date.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { evaluate } from '../engine/evaluate.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { type CascadeResult, cascade, cascadeText, mulberry32, readCompliance } from './cascade.js';

const tempDir = temporaryDirectories();
const fixture = (f: string) => fileURLToPath(new URL(`../../test/fixtures/${f}`, import.meta.url));
/**
 * The shipped corpus plus two test alliances: BOL-PER (mutual aid against an attack); ARG aids PAR against
 * any state that declares war on it, CHL aids ARG against an unprovoked attack and joins PAR's own wars.
 */
const corpus = loadCorpus(undefined, [fixture('cascade-alliance-ac.treaty.md'), fixture('cascade-alliance-bd.treaty.md')], {
  cacheDir: false,
});
const chacoText = readFileSync(fixture('cascade-chaco.yaml'), 'utf8');
/** Paraguay attacks Bolivia on 15 July 1932. */
const chaco = loadScenario(chacoText, 'cascade-chaco.yaml', corpus);

const entries = (r: CascadeResult) => (r.run?.rounds ?? []).map((round) => round.entries);

describe('cascade: the acts of each round are the timeline of the next', () => {
  it('the engine, on the scenario’s events and the acts of the rounds before, finds every entry’s duty due on the eve of its round', () => {
    const r = cascade(corpus, chaco);
    const rounds = r.run?.rounds ?? [];
    expect(rounds.filter((x) => x.entries.length > 0).length).toBeGreaterThan(1);
    const flow = (e: Record<string, unknown>) =>
      `{${Object.entries(e)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
        .join(', ')}}`;
    const base = chacoText.split('\nexpect:')[0] as string;
    let eve = r.start;
    const before: string[] = [];
    for (const round of rounds) {
      const yaml = `${base.replace(/^at: .*$/m, '')}\n${before.map((a) => `  - ${a}`).join('\n')}\n`;
      const report = evaluate(corpus, loadScenario(yaml, 'eve.yaml', corpus), parseDate(eve));
      for (const entry of round.entries) {
        for (const norm of entry.norms) {
          const due = report.norms.filter((n) => n.norm === norm && n.holder === entry.state && n.status === 'due');
          expect(
            due.map((n) => n.beneficiary).filter((b) => entry.onBehalfOf.includes(b)).length,
            `${entry.state} ${norm}`,
          ).toBeGreaterThan(0);
        }
      }
      // Each entry performs by its acts: an assistance to each beneficiary, a declaration of war.
      for (const entry of round.entries) {
        const mine = round.acts.filter((a) => a.by === entry.state);
        expect(mine.map((a) => a.type)).toContain('war-declaration');
      }
      before.push(...round.acts.map(flow));
      eve = round.date;
    }
  });
});

describe('cascade: one run', () => {
  it('follows the pacts round by round: a defender’s entry is no aggression, a joiner’s is', () => {
    const r = cascade(corpus, chaco);
    expect(r.start).toBe('1932-07-15');
    expect(r.atStart.wars).toEqual([{ states: ['BOL', 'PAR'], sides: [['BOL'], ['PAR']] }]);
    const run = r.run;
    if (!run) throw new Error('one run expected');
    // 1: Peru owes Bolivia aid against Paraguay and enters in its defence; Chile joins Paraguay's
    // war (an offensive pledge), which is an aggression of its own against Bolivia.
    // 2: Chile's attack makes Peru owe Bolivia aid against Chile too; Peru's declaration of war on
    // Paraguay sets off Argentina's pledge (it answers a declaration of war). Chile owes Argentina
    // aid only against an unprovoked attack, and Peru's entry in defence of Bolivia is no attack:
    // nothing more.
    expect(entries(r).slice(0, 2)).toEqual([
      [
        { state: 'CHL', against: 'BOL', onBehalfOf: ['PAR'], norms: ['cascade-alliance-bd/art-3'], as: 'offence' },
        { state: 'PER', against: 'PAR', onBehalfOf: ['BOL'], norms: ['cascade-alliance-ac/art-1'], as: 'defence' },
      ],
      [
        { state: 'ARG', against: 'PER', onBehalfOf: ['PAR'], norms: ['cascade-alliance-bd/art-1'], as: 'defence' },
        { state: 'PER', against: 'CHL', onBehalfOf: ['BOL'], norms: ['cascade-alliance-ac/art-1'], as: 'defence' },
      ],
    ]);
    expect(run.rounds.map((x) => x.date).slice(0, 2)).toEqual(['1932-07-16', '1932-07-17']);
    // Later rounds may list duties that are not acts of war (League sanctions), and no entry.
    expect(run.rounds.slice(2).every((x) => x.entries.length === 0 && x.declined.length === 0)).toBe(true);
    expect(run.rounds.flatMap((x) => x.declined)).toEqual([]);
    expect(run.stopped).toBe('quiet');
    expect(run.wars).toEqual([
      {
        states: ['ARG', 'BOL', 'CHL', 'PAR', 'PER'],
        sides: [
          ['ARG', 'CHL', 'PAR'],
          ['BOL', 'PER'],
        ],
      },
    ]);
    expect(run.size).toBe(5);
    expect(r.deterministic).toBe(true);
  });

  it('records a defender’s entry as assistance and a declaration of war, and breaches no prohibition of aggression by it', () => {
    const r = cascade(corpus, chaco);
    const first = r.run?.rounds[0];
    // Peru and Paraguay are both Members of the League and parties to the Kellogg-Briand Pact:
    // Peru's entry in defence of Bolivia breaches neither Covenant Art. 10 nor the Pact; Chile's
    // joining the attack breaches Art. 10 toward Bolivia.
    expect(first?.breaches.filter((b) => b.holder === 'PER')).toEqual([]);
    expect(first?.breaches.filter((b) => b.holder === 'CHL').map((b) => b.norm)).toContain('league-covenant/art-10-aggression');
    // Sanctions are owed against Paraguay and Chile, the two aggressors, never against Peru.
    const sanctioned = new Set(
      (r.run?.rounds ?? []).flatMap((x) =>
        x.otherDuties.filter((d) => d.norm === 'league-covenant/art-16-1-sanctions').map((d) => d.counterparty),
      ),
    );
    expect(sanctioned.has('PER')).toBe(false);
  });

  it('lists a due duty that is not an act of war without making its holder a belligerent', () => {
    const run = cascade(corpus, chaco).run;
    const consult = run?.rounds[0]?.otherDuties.find((d) => d.norm === 'cascade-alliance-ac/art-2');
    expect(consult).toEqual({
      norm: 'cascade-alliance-ac/art-2',
      holders: ['PER'],
      beneficiary: 'BOL',
      counterparty: 'PAR',
      action: 'consult',
      since: '1932-07-15',
    });
    // The same instance is not listed again in later rounds.
    const again = run?.rounds
      .slice(1)
      .flatMap((x) =>
        x.otherDuties.filter((d) => d.norm === 'cascade-alliance-ac/art-2' && d.beneficiary === 'BOL' && d.counterparty === 'PAR'),
      );
    expect(again).toEqual([]);
  });

  it('stops the chain where a state does not comply', () => {
    const none = cascade(corpus, chaco, { compliance: { states: { PER: 0 } } });
    expect(entries(none).map((round) => round.map((e) => e.state))).toEqual([['CHL'], []]);
    // Peru is asked once per war: against Paraguay in round 1, against Chile in round 2.
    expect(none.run?.rounds.map((x) => x.declined)).toEqual([
      [{ state: 'PER', against: 'PAR', onBehalfOf: ['BOL'], norms: ['cascade-alliance-ac/art-1'], as: 'defence', p: 0 }],
      [{ state: 'PER', against: 'CHL', onBehalfOf: ['BOL'], norms: ['cascade-alliance-ac/art-1'], as: 'defence', p: 0 }],
    ]);
    expect(none.run?.size).toBe(3);
    expect(none.deterministic).toBe(true);

    const argentinaOut = cascade(corpus, chaco, { compliance: { states: { Argentina: 0 } } });
    expect(entries(argentinaOut).map((round) => round.map((e) => e.state))).toEqual([['CHL', 'PER'], ['PER']]);
    expect(argentinaOut.run?.rounds[1]?.declined.map((d) => [d.state, d.against])).toEqual([['ARG', 'PER']]);
    expect(argentinaOut.run?.wars).toEqual([
      {
        states: ['BOL', 'CHL', 'PAR', 'PER'],
        sides: [
          ['BOL', 'PER'],
          ['CHL', 'PAR'],
        ],
      },
    ]);
    expect(argentinaOut.compliance).toEqual({ default: 1, states: { ARG: 0 } });
  });

  it('does not add a state already at war with the counterparty', () => {
    const text = chacoText.replace('events:\n', 'events:\n  - {date: 1932-07-14, type: war-declaration, by: PER, against: PAR}\n');
    const r = cascade(corpus, loadScenario(text, 'at-war.yaml', corpus));
    expect(r.atStart.belligerents).toEqual(['BOL', 'PAR', 'PER']);
    const asked = (r.run?.rounds ?? []).flatMap((x) => [...x.entries, ...x.declined]);
    expect(asked.filter((e) => e.state === 'PER' && e.against === 'PAR')).toEqual([]);
    // The others still come in: Chile joins Paraguay, Argentina answers Peru's declaration.
    expect(asked.map((e) => `${e.state}>${e.against}`).sort()).toEqual(['ARG>PER', 'CHL>BOL', 'PER>CHL']);
  });

  it('starts from the scenario as it stood on `from`, leaving later events out', () => {
    const text = chacoText.replace('at: 1932-07-15', 'at: 1932-08-01');
    const later = `${text}  - {date: 1932-07-20, type: war-declaration, by: PER, against: PAR}\n`;
    const r = cascade(corpus, loadScenario(later, 'later.yaml', corpus), { from: parseDate('1932-07-15') });
    expect(r.start).toBe('1932-07-15');
    expect(r.atStart.belligerents).toEqual(['BOL', 'PAR']);
    expect(entries(r)[0]?.map((e) => e.state)).toEqual(['CHL', 'PER']);
  });

  it('stops at maxRounds, and says so', () => {
    const r = cascade(corpus, chaco, { maxRounds: 1 });
    expect(entries(r).map((round) => round.map((e) => e.state))).toEqual([['CHL', 'PER']]);
    expect(r.run?.stopped).toBe('max-rounds');
    expect(r.run?.belligerents).toEqual(['BOL', 'CHL', 'PAR', 'PER']);
    expect(cascadeText(r)).toContain('Stopped at the bound of 1 rounds');
  });

  it('rejects bad options with a CasusError', () => {
    expect(() => cascade(corpus, chaco, { runs: 0 })).toThrow(CasusError);
    expect(() => cascade(corpus, chaco, { seed: -1 })).toThrow(/seed is a whole number/);
    expect(() => cascade(corpus, chaco, { compliance: { states: { XYZZY: 0.5 } } })).toThrow(/unknown state "XYZZY"/);
    expect(() => cascade(corpus, chaco, { compliance: { states: { PER: 1.5 } } })).toThrow(/between 0 and 1/);
  });
});

describe('cascade: Monte Carlo', () => {
  it('gives byte-identical JSON for the same seed, and draws near p', () => {
    const progress: Array<[number, number]> = [];
    const options = { compliance: { states: { PER: 0.5 } }, runs: 400, seed: 42 };
    const a = cascade(corpus, chaco, { ...options, onProgress: (done, total) => progress.push([done, total]) });
    const b = cascade(corpus, chaco, options);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(cascade(corpus, chaco, { ...options, seed: 43 }))).not.toBe(JSON.stringify(a));
    expect(progress.length).toBe(400);
    expect(progress[399]).toEqual([400, 400]);
    expect(a.deterministic).toBe(false);
    expect(a.run).toBeUndefined();

    const d = a.distribution;
    if (!d) throw new Error('a distribution expected');
    const share = (state: string) => d.states.find((x) => x.state === state);
    const per = share('PER');
    const arg = share('ARG');
    if (!per || !arg) throw new Error('PER and ARG expected');
    // Peru decides twice, with p = 0.5 each: against Paraguay (round 1) and against Chile (round 2),
    // so it enters in 3/4 of the runs; Argentina follows exactly when Peru entered against Paraguay.
    const againstParaguay = per.against.PAR ?? 0;
    expect(againstParaguay / 400).toBeGreaterThan(0.4);
    expect(againstParaguay / 400).toBeLessThan(0.6);
    expect(per.share).toBeGreaterThan(0.68);
    expect(per.share).toBeLessThan(0.82);
    expect(arg.entered).toBe(againstParaguay);
    expect(share('CHL')?.entered).toBe(400);
    // Sizes: Paraguay, Bolivia and Chile always; Peru when it entered once; Argentina with it.
    const sizes = Object.fromEntries(d.size.histogram.map((h) => [h.size, h.runs]));
    expect(sizes[5]).toBe(againstParaguay);
    expect((sizes[4] ?? 0) + againstParaguay).toBe(per.entered);
    expect((sizes[3] ?? 0) + per.entered).toBe(400);
    expect(d.maxRoundsReached).toBe(0);
    // Memoised: 400 runs reach six situations (the start; after round 1 with or without Peru;
    // after round 2 with Peru in against both, against Paraguay only, against Chile only).
    expect(a.evaluations).toBe(6);
  });

  it('says so when every probability is 0 or 1: every run is the same', () => {
    const r = cascade(corpus, chaco, { runs: 50, seed: 9, compliance: { states: { ARG: 0 } } });
    expect(r.deterministic).toBe(true);
    expect(r.run?.size).toBe(4);
    expect(r.distribution?.size.histogram).toEqual([{ size: 4, runs: 50 }]);
    expect(r.distribution?.states.map((s) => [s.state, s.entered, s.declined])).toEqual([
      ['CHL', 50, 0],
      ['PER', 50, 0],
      ['ARG', 0, 50],
    ]);
    expect(cascadeText(r)).toContain('every run is the same (deterministic)');
  });

  it('mulberry32 is seeded and uniform enough', () => {
    const x = mulberry32(123);
    const y = mulberry32(123);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = x();
      expect(v).toBe(y());
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(sum / 10_000).toBeGreaterThan(0.49);
    expect(sum / 10_000).toBeLessThan(0.51);
    expect(mulberry32(124)()).not.toBe(mulberry32(123)());
  });
});

describe('readCompliance', () => {
  it('reads states by abbreviation, number or name, and a default', () => {
    expect(readCompliance('UKG: 1\nFrance: 0.5\n290: 0\ndefault: 0.2\n', 'p.yaml', corpus)).toEqual({
      default: 0.2,
      states: { FRN: 0.5, POL: 0, UKG: 1 },
    });
    expect(readCompliance('{"ITA": 0.25}', 'p.json', corpus)).toEqual({ states: { ITA: 0.25 } });
  });

  it('rejects bad files with the file, the line and the key', () => {
    const errors = (text: string) => {
      try {
        readCompliance(text, 'p.yaml', corpus);
      } catch (e) {
        return inputErrors(e).map((x) => ({ code: x.code, line: x.span?.line, field: x.field, message: x.message }));
      }
      throw new Error('expected an error');
    };
    const bad = errors('UKG: 1\nFRN: 1.5\nGMYY: 0.5\nITA: 50%\nFrance: 0\n');
    expect(bad.map((e) => [e.code, e.line, e.field])).toEqual([
      ['input.bad-option', 2, 'FRN'],
      ['input.unknown-state', 3, 'GMYY'],
      ['input.bad-option', 4, 'ITA'],
      ['input.bad-option', 5, 'France'],
    ]);
    expect(bad[0]?.message).toMatch(/between 0 and 1/);
    expect(bad[1]?.message).toMatch(/did you mean GMY/);
    expect(bad[3]?.message).toMatch(/both name FRN/);
    expect(errors('- FRN\n- UKG\n')[0]?.message).toMatch(/a compliance file is a mapping/);
    expect(errors('FRN: [0.5\n')[0]?.code).toBe('input.bad-option');
    expect(() => readCompliance('FRN: 2', 'p.yaml', corpus)).toThrow(CasusErrors);
  });
});

describe('entering a war in performance of a duty, and the other treaties', () => {
  const withGuarantee = loadCorpus(undefined, [fixture('cascade-guarantee-uk.treaty.md')], { cacheDir: false });
  const one = (events: string[], at: string, c = withGuarantee) =>
    cascade(c, loadScenario(`id: q\ntitle: q\nat: ${at}\nevents:\n${events.map((e) => `  - ${e}`).join('\n')}\n`, 'q.yaml', c));

  it('a defender breaches neither Covenant Art. 10 nor the Kellogg-Briand Pact, and no one owes sanctions against it', () => {
    // Italy attacks Poland in 1938, provocation unsettled; the United Kingdom comes to Poland's aid.
    const r = one(['{date: 1938-06-01, type: aggression, by: ITA, against: POL, unprovoked: unknown}'], '1938-06-01');
    const rounds = r.run?.rounds ?? [];
    expect(rounds[0]?.entries.map((e) => `${e.state}>${e.against} ${e.as}`)).toEqual(['UKG>ITA defence']);
    expect(rounds.flatMap((x) => x.breaches).filter((b) => b.holder === 'UKG')).toEqual([]);
    const sanctions = rounds.flatMap((x) => x.otherDuties).filter((d) => d.norm === 'league-covenant/art-16-1-sanctions');
    expect(sanctions.map((d) => d.counterparty)).not.toContain('UKG');
    expect(sanctions.map((d) => d.counterparty)).toContain('ITA');
  });

  it('France entering in 1938 under the Franco-Czechoslovak treaty breaches Locarno Art. 2 unless one of its exceptions holds, and says by which reading', () => {
    const attack = '{date: 1938-06-01, type: aggression, by: GMY, against: CZE, unprovoked: true}';
    const r = one([attack], '1938-06-01');
    const first = r.run?.rounds[0];
    expect(first?.entries.map((e) => `${e.state}>${e.against} ${e.norms.join(' ')}`)).toEqual(['FRN>GMY franco-czechoslovak-1925/art-1']);
    // Germany has left the League (no Art. 16 action), and no League step was taken (no Art. 15(7)).
    expect(first?.breaches).toEqual([
      {
        norm: 'locarno-rhineland-1925/art-2-war',
        holder: 'FRN',
        beneficiary: 'GMY',
        readings: ['locarno-rhineland-1925/art-2-exceptions-as-worded'],
      },
    ]);
    expect(cascadeText(r)).toContain(
      'breached by entering: locarno-rhineland-1925/art-2-war  FRN → GMY (none of its exceptions holds, as casus reads them: locarno-rhineland-1925/art-2-exceptions-as-worded)',
    );
    // After a divided Council (Art. 15(7)) against a Germany that attacked first, the same entry is covered.
    const divided = one([attack, '{date: 1938-06-01, type: council-report, dispute: [CZE, GMY], unanimous: false}'], '1938-06-01');
    expect(divided.run?.rounds[0]?.entries.map((e) => e.state)).toEqual(['FRN']);
    expect(divided.run?.rounds.flatMap((x) => x.breaches).filter((b) => b.norm.startsWith('locarno'))).toEqual([]);
  });
});

describe('cascade on a real crisis', () => {
  it('Poland, 1 September 1939: the United Kingdom and France enter against Germany', () => {
    const file = fileURLToPath(new URL('../../scenarios/12-poland-1939.yaml', import.meta.url));
    const poland = loadScenario(readFileSync(file, 'utf8'), file, corpus);
    const r = cascade(corpus, poland, { from: parseDate('1939-09-01') });
    expect(r.atStart.belligerents).toEqual(['GMY', 'POL']);
    const first = r.run?.rounds[0];
    expect(first?.date).toBe('1939-09-02');
    expect(first?.entries.map((e) => [e.state, e.against, e.onBehalfOf])).toEqual([
      ['FRN', 'GMY', ['POL']],
      ['UKG', 'GMY', ['POL']],
    ]);
    expect(first?.entries[1]?.norms).toEqual(['anglo-polish-1939/art-1']);
    expect(first?.entries[0]?.norms).toEqual(
      expect.arrayContaining(['franco-polish-1921/secret-convention-germany', 'franco-polish-1925/art-1-1']),
    );
    // The alliance's concerted measures (art-3) are due too, but they are not an act of war.
    expect(first?.otherDuties.map((d) => d.norm)).toContain('franco-polish-1921/art-3');
    expect(r.run?.wars).toEqual([{ states: ['FRN', 'GMY', 'POL', 'UKG'], sides: [['FRN', 'POL', 'UKG'], ['GMY']] }]);
    const text = cascadeText(r);
    expect(text).toContain('UKG enters the war against GMY, in defence of POL, under anglo-polish-1939/art-1');
    expect(text).toContain('At war at the end (4 states): FRN, POL, UKG against GMY.');
  });
});

describe('cascade: a state its duties put on both sides', () => {
  it('is reported as a conflict between its duties, both cited, and the war has no two sides', () => {
    const dir = tempDir('casus-both-sides-');
    const pact = (slug: string, parties: string) =>
      `---\ntreaty: ${slug}\ntitle: A test defence pact\nparties: [${parties}]\nsources:\n  test: written for casus's own tests\nlifecycle:\n  - {date: 1930-01-01, type: signature, source: test}\n---\n\n## Article 1 {#art-1}\n\nA test (source: test).\n\n\`\`\`casus\nduty art-1 {\n  roles: each party toward the other;\n  action: assist;\n  trigger: aggression a where a.against = beneficiary;\n  counterparty: a.by;\n  fulfilled by: assistance s where s.by = holder and s.to = beneficiary;\n}\nlifecycle { entry into force: on signature; }\n\`\`\`\n`;
    writeFileSync(join(dir, 'ita-gmy.treaty.md'), pact('ita-gmy-test', 'ITA, GMY'));
    writeFileSync(join(dir, 'ita-frn.treaty.md'), pact('ita-frn-test', 'ITA, FRN'));
    const c = loadCorpus(undefined, [dir], { cacheDir: false });
    // Germany attacks France, and Britain Germany, the same day: Italy owes France help against
    // Germany and Germany help against Britain.
    const s = loadScenario(
      'id: both\nat: 1935-06-01\nevents:\n  - {date: 1935-06-01, type: aggression, by: GMY, against: FRN, unprovoked: true}\n  - {date: 1935-06-01, type: aggression, by: UKG, against: GMY, unprovoked: true}\n',
      'both.yaml',
      c,
    );
    const run = cascade(c, s).run;
    expect(run?.bothSides).toEqual([
      {
        state: 'ITA',
        both: 'GMY',
        against: [{ round: 1, norms: ['ita-frn-test/art-1'], onBehalfOf: ['FRN'] }],
        for: [{ round: 1, norms: ['ita-gmy-test/art-1'], against: 'UKG' }],
      },
    ]);
    expect(run?.wars.every((w) => w.sides === undefined)).toBe(true);
    const text = cascadeText(cascade(c, s));
    expect(text).toContain('(no two sides)');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Its duties put ITA on both sides: it fights GMY under ita-frn-test/art-1 (round 1, on behalf of FRN), and fights for GMY under ita-gmy-test/art-1 (round 1, against UKG).',
    );
    // The Chaco war has two sides and no one on both.
    expect(cascade(corpus, chaco).run?.bothSides).toEqual([]);
  });
});

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories } from '../../test/helpers.js';
import { csv, pair } from '../importers/atop-fixture.js';
import { runCli } from './main.js';

const tempDir = temporaryDirectories();

const library = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const italy = `${library}03-hollow-threat-italy-1937.yaml`;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function tempScenario(text: string): string {
  const file = join(tempDir('casus-cli-'), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

describe('casus run', () => {
  it('prints the report as JSON with the contract’s fields', async () => {
    const r = await cli('run', italy, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ scenario: 'hollow-threat-italy-1937', at: '1937-04-01' });
    const n = report.norms.find((x: { norm: string; holder: string }) => x.norm === 'franco-soviet-1935/art-2' && x.holder === 'FRN');
    expect(Object.keys(n)).toEqual(
      expect.arrayContaining([
        'norm',
        'kind',
        'holder',
        'beneficiary',
        'counterparty',
        'action',
        'status',
        'since',
        'trigger',
        'missing',
        'vetoes',
        'cites',
        'explanation',
      ]),
    );
  });

  it('prints a readable report, and describes another instant with --at', async () => {
    const r = await cli('run', italy, '--at', '1937-03-03');
    expect(r.out).toContain('at 1937-03-03');
    expect(r.out).toMatch(/franco-soviet-1935\/art-2 {2}duty FRN → RUS: assist \(against GMY\)\n {4}status: pending since 1937-03-01/);
  });

  it('rejects a directory, a missing file and a missing corpus with exit 2, not a crash', async () => {
    expect(await cli('run', library)).toMatchObject({ code: 2, err: expect.stringMatching(/is a directory; give one scenario file/) });
    expect(await cli('run', `${library}nope.yaml`)).toMatchObject({ code: 2, err: expect.stringMatching(/no such scenario file/) });
    expect(await cli('--corpus', `${library}nowhere`, 'list')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/no treaty library at/),
    });
  });

  it('rejects a bad --at with exit 2', async () => {
    const r = await cli('run', italy, '--at', '1937-02-30');
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/--at: "1937-02-30" does not exist/)]);
  });
});

describe('casus test', () => {
  it('exits 1 with a readable diff when an expectation does not hold', async () => {
    const file = tempScenario(
      'id: wrong\nat: 1937-04-01\nevents:\n  - {date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}\nexpect:\n  - {norm: franco-soviet-1935/art-2, holder: FRN, status: due}\n',
    );
    const r = await cli('test', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL ${file}`);
    expect(r.out).toContain(`${file}:6  expected`);
    expect(r.out).toMatch(/status:\n {6}- expected "due"\n {6}\+ actual {3}"pending"/);
  });

  it('exits 2 naming file, line and field when a scenario is invalid', async () => {
    const file = tempScenario('id: bad\nevents:\n  - {date: 1936-09-01, type: threat, by: GMY, againts: FRN}\n');
    const r = await cli('test', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:3:47  events[0].againts: a threat event has no field "againts"`);
  });
});

describe('casus explain', () => {
  it('shows why France is held back, and by whom', async () => {
    const r = await cli('explain', italy, '--norm', 'franco-soviet-1935/art-2', '--holder', 'France');
    expect(r.code).toBe(0);
    expect(r.out).toContain('missing: approval by ITA');
    expect(r.out).toContain('vetoes: ITA');
    expect(r.out).toMatch(
      /✗ exists approval p where p\.by = g {3}\[franco-soviet-1935\/protocol-2\]\n\s+g = ITA: no approval \(by ITA\) recorded by 1937-04-01/,
    );
    expect(r.out).toMatch(/✓ exists approval p where p\.by = g .*\n\s+g = UKG\n\s+event: 1937-03-06 approval by UKG/);
    expect(r.out).toContain('interpretation: The seed says Laval');
  });

  it('says which norms the scenario has when the asked one is absent', async () => {
    const r = await cli('explain', italy, '--norm', 'franco-soviet-1935/art-9');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no instance of franco-soviet-1935\/art-9 .* it has .*franco-soviet-1935\/art-2/);
  });
});

describe('casus status, list, check and help', () => {
  it('gives a treaty’s status at an instant with its history', async () => {
    const r = await cli('status', 'franco-soviet-1935', '--at', '1936-03-07');
    expect(r.out).toContain('at 1936-03-07: signed since 1935-05-02');
    expect(r.out).toMatch(/1936-02 +ratification +signed \(FRN\)/);
    const j = JSON.parse((await cli('status', 'german-soviet-1939', '--at', '1941-06-22', '--json')).out);
    expect(j).toMatchObject({ treaty: 'german-soviet-1939', status: 'in-force', since: '1939-08-23' });
  });

  it('rejects an unknown treaty with exit 2 and the list of known ones', async () => {
    const r = await cli('status', 'franco-soviet-1936');
    expect([r.code, r.err]).toEqual([
      2,
      expect.stringMatching(
        /unknown treaty "franco-soviet-1936" \(did you mean "franco-soviet-1935"\?\); the corpus has .*franco-soviet-1935/,
      ),
    ]);
  });

  it('suggests the nearest treaty, norm, event type and state wherever one is named', async () => {
    const hint = (name: string) => new RegExp(`did you mean "${name.replace(/[/.]/g, '\\$&')}"`);
    expect((await cli('timeline', '--treaty', 'franco-sovet-1935')).err).toMatch(hint('franco-soviet-1935'));
    expect((await cli('conflicts', 'locarno', 'franco-soviet-1935', '--from', '1936', '--to', '1936')).err).toMatch(
      /did you mean "locarno-/,
    );
    const norm = await cli('vetoes', italy, '--norm', 'franco-soviet-1935/art2');
    expect([norm.code, norm.err]).toEqual([
      2,
      expect.stringMatching(/unknown norm "franco-soviet-1935\/art2" \(did you mean "franco-soviet-1935\/art-2"/),
    ]);
    expect((await cli('whatif', italy, '--norm', 'franco-sovet-1935/art-2', '--holder', 'FRN')).err).toMatch(
      hint('franco-soviet-1935/art-2'),
    );
    expect((await cli('explain', italy, '--norm', 'franco-soviet-1935/art2')).err).toMatch(hint('franco-soviet-1935/art-2'));
    const typo = tempScenario(
      'id: typo\nat: 1936-01-01\nevents:\n  - date: 1935-06-01\n    type: agression\n    by: GMY\n    against: FRN\n',
    );
    const event = await cli('run', typo);
    expect([event.code, event.err]).toEqual([
      2,
      expect.stringMatching(/events\[0\]\.type.*unknown event type "agression" \(did you mean "aggression"\?\)/s),
    ]);
    // "England" is an alias of the United Kingdom, not a near miss for Ireland.
    const england = tempScenario(
      'id: england\nat: 1939-09-04\nevents:\n  - date: 1939-09-03\n    type: war-declaration\n    by: England\n    against: GMY\n',
    );
    const run = await cli('run', england, '--json');
    expect(run.code).toBe(0);
    expect(run.err).not.toMatch(/Ireland/);
  });

  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await cli(flag)).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('lists the corpus', async () => {
    const rows = JSON.parse((await cli('list', '--json')).out) as Array<{ treaty: string }>;
    const files = readdirSync(fileURLToPath(new URL('../../corpus/', import.meta.url))).filter((f) => f.endsWith('.treaty.md'));
    expect(rows.map((x) => `${x.treaty}.treaty.md`)).toEqual(files.sort());
    expect(rows.map((x) => x.treaty)).toContain('franco-soviet-1935');
  });

  it('checks a treaty file and reports its syntax errors with line and column', async () => {
    const ok = await cli('check', fileURLToPath(new URL('../../test/fixtures/two-keys.treaty.md', import.meta.url)));
    expect(ok.code).toBe(0);
    const dir = tempDir('casus-check-');
    const bad = join(dir, 'bad.treaty.md');
    writeFileSync(
      bad,
      '---\ntreaty: bad\ntitle: Bad\nparties: [FRN, RUS]\nsources: {}\nlifecycle: []\n---\n\n## Article 1 {#art-1}\n\n```casus\nduty art-1 {\n  roles: each party toward the other\n}\n```\n',
    );
    const r = await cli('check', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:14:1  syntax error: expected ";"`);
  });

  it('checks the --with files and folders with the corpus, and loads every treaty of a --with folder', async () => {
    const fixture = readFileSync(fileURLToPath(new URL('../../test/fixtures/two-keys.treaty.md', import.meta.url)), 'utf8');
    const dir = tempDir('casus-with-');
    writeFileSync(join(dir, 'a.treaty.md'), fixture);
    writeFileSync(join(dir, 'b.treaty.md'), fixture.replace('treaty: two-keys-test', 'treaty: two-keys-copy'));
    writeFileSync(join(dir, 'notes.md'), '# not a treaty\n');
    const folder = await cli('--with', dir, 'check');
    expect(folder.code).toBe(0);
    expect(folder.out).toMatch(/ok {3}two-keys-test .*a\.treaty\.md\nok {3}two-keys-copy .*b\.treaty\.md\n/);
    expect(folder.out).toMatch(/treaties checked \(.*, with 2 more files\)/);
    const rows = JSON.parse((await cli('--with', dir, 'list', '--json')).out) as Array<{ treaty: string }>;
    expect(rows.map((r) => r.treaty)).toEqual(expect.arrayContaining(['two-keys-test', 'two-keys-copy', 'franco-soviet-1935']));
    // --with a broken file is checked, not ignored.
    writeFileSync(join(dir, 'b.treaty.md'), fixture.replace('roles: each party toward the other;', 'roles: each party toward the other'));
    const broken = await cli('--with', join(dir, 'b.treaty.md'), 'check');
    expect([broken.code, broken.err]).toEqual([2, expect.stringContaining('b.treaty.md:')]);
    const empty = tempDir('casus-with-empty-');
    expect((await cli('--with', empty, 'check')).err).toMatch(
      /no \*\.treaty\.md or \*\.vocabulary\.md file in the folder .*: --with takes a treaty file or a folder of them/,
    );
  });

  it('takes a folder of treaties as a library, with the shipped tables unless it brings its own', async () => {
    const fixture = readFileSync(fileURLToPath(new URL('../../test/fixtures/open-pact.treaty.md', import.meta.url)), 'utf8');
    const dir = tempDir('casus-library-');
    writeFileSync(join(dir, 'open-pact.treaty.md'), fixture);
    const r = await cli('--corpus', dir, 'check');
    expect([r.code, r.out]).toEqual([0, expect.stringMatching(/^1 treaties checked/)]);
    // Its own states table, if it brings one, replaces casus's: here it has no Belgium.
    mkdirSync(join(dir, 'data'));
    writeFileSync(
      join(dir, 'data', 'states.csv'),
      'abb,ccode,name,european,aliases,spells\nUKG,200,United Kingdom,true,,1816-01-01/2016-12-31\nFRN,220,France,true,,1816-01-01/2016-12-31\n',
    );
    const own = await cli('--corpus', dir, 'check');
    expect([own.code, own.err]).toEqual([2, expect.stringMatching(/unknown state "BEL"/)]);
    expect((await cli('--corpus', join(dir, 'nowhere'), 'list')).err).toMatch(
      /no treaty library at .*nowhere: a library is a folder of \*\.treaty\.md files/,
    );
  });

  it('shows the founding case in the demo (npm run demo): every library scenario, then why France is held back', async () => {
    const r = await cli('demo');
    expect(r.code).toBe(0);
    for (const id of ['rhineland-1936', 'exchange-1936', 'hollow-threat-italy-1937', 'barbarossa-1941']) expect(r.out).toContain(id);
    expect(r.out).toMatch(
      /Why France was held back \(casus explain .*03-hollow-threat-italy-1937\.yaml --norm franco-soviet-1935\/art-2 --holder FRN\)/,
    );
  });

  it('has --help on every command', async () => {
    for (const command of ['run', 'test', 'status', 'explain', 'check', 'list', 'demo']) {
      const r = await cli(command, '--help');
      expect([command, r.code]).toEqual([command, 0]);
      expect(r.out).toContain(`Usage: casus ${command}`);
    }
  });
});

describe('casus run, readable form', () => {
  it('prints instances that differ only by holder as one paragraph, listing the holders', async () => {
    const file = tempScenario(
      'id: abyssinia\nat: 1935-10-10\nevents:\n  - {date: 1935-10-03, type: aggression, by: ITA, against: ETH, unprovoked: true}\n',
    );
    const text = (await cli('run', file)).out;
    const json = JSON.parse((await cli('run', file, '--json')).out) as { norms: Array<{ norm: string; holder: string }> };
    const holders = json.norms.filter((n) => n.norm === 'league-covenant/art-16-1-sanctions').map((n) => n.holder);
    expect(holders.length).toBeGreaterThan(40);
    const lines = text.split('\n').filter((l) => l.includes('league-covenant/art-16-1-sanctions'));
    expect(lines).toEqual([
      `  league-covenant/art-16-1-sanctions  duty {${holders.join(', ')}} → ETH: sever-trade-and-financial-relations (against ITA)`,
    ]);
  });
});

describe('casus status over the whole corpus, and casus timeline', () => {
  it('lists every treaty of the corpus on a day, with the parties it binds', async () => {
    const r = await cli('status', '--at', '1936-03-27', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { at: string; treaties: Array<{ treaty: string; status: string; bound: string[] }> };
    const list = await cli('list', '--json');
    expect(out.treaties.map((t) => t.treaty)).toEqual((JSON.parse(list.out) as Array<{ treaty: string }>).map((t) => t.treaty).sort());
    expect(out.treaties.find((t) => t.treaty === 'franco-soviet-1935')).toMatchObject({ status: 'in-force', bound: ['FRN', 'RUS'] });
    const dayBefore = JSON.parse((await cli('status', '--at', '1936-03-26', '--json')).out) as typeof out;
    expect(dayBefore.treaties.find((t) => t.treaty === 'franco-soviet-1935')).toMatchObject({ status: 'signed', bound: [] });
  });

  it('binds only states that exist that day, and for the Covenant only Members', async () => {
    const out = JSON.parse((await cli('status', '--at', '1939-09-17', '--json')).out) as {
      treaties: Array<{ treaty: string; bound: string[]; parties: string[] }>;
    };
    const covenant = out.treaties.find((t) => t.treaty === 'league-covenant');
    expect(covenant?.bound).toContain('UKG');
    expect(covenant?.bound).not.toContain('GMY'); // withdrew in 1935
    expect(covenant?.parties).toContain('GMY');
    // Czechoslovakia had ceased to exist and had no recognised government in exile until July 1940.
    expect(out.treaties.find((t) => t.treaty === 'czechoslovak-soviet-1935')?.bound).toEqual(['RUS']);
  });

  it('says under a treaty that binds only one party why the other is not bound, in the text and in the JSON', async () => {
    const r = await cli('status', '--at', '1939-09-01');
    expect(r.out).toMatch(
      /\n {2}czechoslovak-soviet-1935 +in-force since 1935 +— binds 1 of 2 parties: RUS\n {6}CZE: not an independent state that day \(occupied or annexed, with no recognised government in exile\)\n/,
    );
    // A treaty that binds two or more parties lists no reasons under it.
    expect(r.out).toMatch(/\n {2}franco-soviet-1935 +in-force since 1936-03-27 +— FRN, RUS\n {2}german-soviet-1939/);
    const out = JSON.parse((await cli('status', '--at', '1939-09-01', '--json')).out) as {
      treaties: Array<{ treaty: string; unbound: unknown[] }>;
    };
    expect(out.treaties.find((t) => t.treaty === 'franco-czechoslovak-1925')?.unbound).toEqual([
      { state: 'CZE', reason: 'not-a-state', value: 'false' },
    ]);
  });

  it('asks for a day when no treaty is named', async () => {
    const r = await cli('status');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--at/);
  });

  it('lists lifecycle events in date order within the bounds, as JSON and as CSV', async () => {
    const r = await cli('timeline', '--from', '1936', '--to', '1936-04', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as Array<{ date: string; treaty: string; event: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.date >= '1936' && x.date < '1936-05')).toBe(true);
    expect(rows.map((x) => x.date)).toEqual([...rows.map((x) => x.date)].sort());
    expect(rows).toContainEqual(
      expect.objectContaining({ date: '1936-03-27', treaty: 'franco-soviet-1935', event: 'ratifications-exchanged' }),
    );
    const csv = await cli('timeline', '--from', '1936', '--to', '1936-04', '--csv');
    const lines = csv.out.trimEnd().split('\n');
    expect(lines[0]).toBe('date,treaty,event,by,status,note,source,by_ccode');
    expect(lines).toHaveLength(rows.length + 1);
  });

  it('rejects a period that ends before it starts', async () => {
    const r = await cli('timeline', '--from', '1939-09', '--to', '1939-08');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/comes before/);
  });
});

describe('casus vetoes and casus whatif', () => {
  it('names each Locarno power as a veto on its own, as text and as JSON', async () => {
    const text = await cli('vetoes', italy, '--norm', 'franco-soviet-1935/art-2', '--holder', 'FRN');
    expect(text.code).toBe(0);
    // Scenario 03: the United Kingdom and Belgium approved; Italy did not.
    expect(text.out).toContain('ITA alone can hold FRN back');
    const json = JSON.parse((await cli('vetoes', italy, '--norm', 'franco-soviet-1935/art-2', '--holder', 'FRN', '--json')).out);
    expect(json.instances[0].coalitions).toEqual([['ITA']]);
  });

  it('writes each smallest change as a scenario that casus test accepts', async () => {
    const dir = tempDir('casus-whatif-');
    const r = await cli('whatif', italy, '--norm', 'franco-soviet-1935/art-2', '--holder', 'FRN', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('add 1937-04-02 approval (by: ITA)');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const t = await cli('test', join(dir, files[0] as string));
    expect(t.code).toBe(0);
  });

  it('rejects a bad --max-removals', async () => {
    const r = await cli('whatif', italy, '--norm', 'franco-soviet-1935/art-2', '--holder', 'FRN', '--max-removals', 'many');
    expect(r.code).toBe(2);
  });
});

describe('casus conflicts', () => {
  it('answers compatible in every period searched for the pact as Laval framed it, and names the periods', async () => {
    const r = await cli('conflicts', 'franco-soviet-1935', 'locarno-rhineland-1925');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ Compatible within these bounds, in every period searched');
    expect(r.out).toContain('Periods: searched 9 of 9 from 1936-03-27 to 1946-04-18');
    expect(r.out).toContain('  1937-04-24 … 1939-12-10  compatible    begins: 1937-04-24, a date the rules compare');
    expect(r.out).toContain('states     FRN, RUS, GMY, BEL, UKG, ITA in every period');
    const json = JSON.parse((await cli('conflicts', 'franco-soviet-1935', 'locarno-rhineland-1925', '--to', '1937-12-31', '--json')).out);
    expect(json.compatible).toBe(true);
    expect(json.bounds.periods.map((p: { from: string }) => p.from)).toEqual(['1936-03-27', '1937-04-24']);
  });

  it('finds the Franco-Czechoslovak witness after Germany left the League without --from, and writes a file casus test passes', async () => {
    const file = join(tempDir('casus-conflicts-'), 'witness.yaml');
    const r = await cli('conflicts', 'franco-czechoslovak-1925', 'locarno-rhineland-1925', '--out', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✗ Not compatible: in the period from 1935-10-21 to 1937-04-23');
    expect(r.out).toContain("begins: GMY's withdrawal from the League takes effect (notice of 1933-10-19)");
    expect(r.out).toContain(`witness written to ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('{ date: 1935-10-21, type: aggression, by: GMY, against: CZE, unprovoked: true }');
    const t = await cli('test', file);
    expect(t.code).toBe(0);
    expect(t.out).toContain('ok   ');
    expect(t.out).toContain('(2 expectation(s))');
  });

  it('with --all, reports every period and every witness; --out keeps the first', async () => {
    const file = join(tempDir('casus-conflicts-'), 'first.yaml');
    const args = ['conflicts', 'franco-czechoslovak-1925', 'locarno-rhineland-1925', '--to', '1939-12-31', '--all'];
    const json = JSON.parse((await cli(...args, '--json', '--out', file)).out);
    expect(json.bounds.periods.map((p: { from: string; outcome: string }) => [p.from, p.outcome])).toEqual([
      ['1926-09-14', 'compatible'],
      ['1935-10-21', 'conflict'],
      ['1937-04-24', 'conflict'],
      ['1939-03-16', 'conflict'],
      ['1939-12-11', 'conflict'],
    ]);
    expect(json.witnesses.map((w: { period: { from: string } }) => w.period.from)).toEqual([
      '1935-10-21',
      '1937-04-24',
      '1939-03-16',
      '1939-12-11',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(json.witness.scenarioYaml);
    const text = await cli(...args);
    expect(text.out).toContain('(and 3 more of the 5 periods searched)');
    expect(text.out).not.toContain('not searched');
  });

  it('rejects an unknown treaty, a bad bound, and a window in which the treaties are never both in force', async () => {
    expect((await cli('conflicts', 'franco-soviet-1935', 'no-such')).code).toBe(2);
    expect((await cli('conflicts', 'franco-soviet-1935', 'locarno-rhineland-1925', '--max-events', '0')).code).toBe(2);
    const never = await cli('conflicts', 'franco-soviet-1935', 'locarno-rhineland-1925', '--from', '1930', '--to', '1931');
    expect(never.code).toBe(2);
    expect(never.err).toContain('never all in force between 1930 and 1931');
  });
});

describe('casus cascade', () => {
  const poland = `${library}12-poland-1939.yaml`;

  it('lets the United Kingdom and France enter against Germany in the first round of September 1939', async () => {
    const r = await cli('cascade', poland, '--from', '1939-09-01');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /Round 1, 1939-09-02\n(.*\n)*\s+UKG enters the war against GMY, in defence of POL, under anglo-polish-1939\/art-1/,
    );
    expect(r.out).toMatch(/FRN enters the war against GMY/);
  });

  it('gives byte-identical Monte Carlo JSON for the same seed, read from a compliance file', async () => {
    const file = join(tempDir('casus-cascade-'), 'compliance.yaml');
    writeFileSync(file, 'FRN: 0.5\nUnited Kingdom: 0.8\n');
    const args = ['cascade', poland, '--from', '1939-09-01', '--runs', '50', '--seed', '3', '--compliance', file, '--json'];
    const a = await cli(...args);
    const b = await cli(...args);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).runs).toBe(50);
  });

  it('rejects a probability outside [0, 1] with the file and line', async () => {
    const file = join(tempDir('casus-cascade-'), 'bad.yaml');
    writeFileSync(file, 'FRN: 0.5\nUKG: 1.5\n');
    const r = await cli('cascade', poland, '--compliance', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:2/);
  });
});

describe('the examples (a variant of the pact, loaded with --with)', () => {
  const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
  const variant = ['--with', `${examples}franco-soviet-unconditional.treaty.md`];

  it('passes its own expect block', async () => {
    expect((await cli(...variant, 'test', `${examples}dragged-in-1936.yaml`)).code).toBe(0);
  });

  it('drags the Locarno guarantors into war against France once the Council finds the breach', async () => {
    const r = await cli(...variant, 'cascade', `${examples}dragged-in-1936.yaml`, '--json');
    const round1 = JSON.parse(r.out).run.rounds[0];
    expect(round1.entries.map((e: { state: string; against: string }) => `${e.state}>${e.against}`)).toEqual([
      'BEL>FRN',
      'ITA>FRN',
      'UKG>FRN',
    ]);
  });
});

describe('casus serve', () => {
  it('says which port is busy instead of crashing', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    const r = await cli('serve', '--port', String(port), '--db', join(tempDir('casus-serve-'), 'casus.db'));
    busy.close();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already in use: choose another with --port/);
  });

  it('will not listen beyond loopback without --allow-host, and warns when it does', async () => {
    const db = join(tempDir('casus-serve-'), 'casus.db');
    const open = await cli('serve', '--host', '0.0.0.0', '--port', '0', '--db', db);
    expect(open.code).toBe(2);
    expect(open.err).toMatch(/^--host 0\.0\.0\.0 lets other machines reach the API, which has no accounts: .* --allow-host name\[,name\]/);
    expect((await cli('serve', '--host', '0.0.0.0', '--allow-host', 'a b', '--db', db)).err).toMatch(/--allow-host takes host names/);
    // 192.0.2.1 (TEST-NET-1) is no address of this machine: the warning comes, then the listen fails.
    const warned = await cli('serve', '--host', '192.0.2.1', '--allow-host', 'casus.example.org,192.0.2.1', '--port', '0', '--db', db);
    expect(warned.code).toBe(2);
    expect(warned.err).toMatch(
      /^warning: casus listens on 192\.0\.2\.1, beyond this machine, with no accounts: .* addressed to localhost, 127\.0\.0\.1, \[::1\] or casus\.example\.org, 192\.0\.2\.1\.\n.*cannot listen on 192\.0\.2\.1/s,
    );
  });
});

describe('casus import cow-states', () => {
  it('writes casus’s states table from a COW state list, and cites COW', async () => {
    const dir = tempDir('casus-import-');
    const input = join(dir, 'states2016.csv');
    writeFileSync(
      input,
      'stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\nFRN,220,France,1816,1,1,1942,11,11,2016\n',
    );
    const out = join(dir, 'states.csv');
    const r = await cli('import', 'cow-states', input, '--from', '1919', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 states written .*"State System Membership List, v2016\."/s);
    expect(readFileSync(out, 'utf8')).toBe('abb,ccode,name,european,aliases,spells\nFRN,220,France,true,,1816-01-01/1942-11-11\n');
    expect((await cli('import', 'cow-states', input, '--from', 'soon')).code).toBe(2);
  });
});

describe('casus import atop, then check, sweep and cascade on the library it writes', () => {
  it('runs end to end on a small member file, and rejects bad options with exit 2', async () => {
    const dir = tempDir('casus-import-atop-');
    const input = join(dir, 'members.csv');
    writeFileSync(
      input,
      csv([...pair(1, 220, 290, { defense: 1, defcoadv: 1, statthr1: 255 }), ...pair(2, 255, 325, { defense: 1, defcoloc: 1 })]),
    );
    const out = join(dir, 'atop');
    const r = await cli('import', 'atop', input, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^2 treaties \(2 alliances, 4 member rows\) written to /);
    expect(r.out).toMatch(/1 of them code something casus cannot express/);
    expect(r.out).toMatch(/Cite: Leeds, Brett Ashley/);
    expect(readdirSync(out).sort()).toEqual(['IMPORT.md', 'atop-1.treaty.md', 'atop-2.treaty.md', 'data']);
    expect(readFileSync(join(out, 'IMPORT.md'), 'utf8')).toContain(
      '- defense (every member): defcoloc: only for a conflict in a specified location',
    );
    expect((await cli('--corpus', out, 'check')).out).toMatch(/2 treaties checked/);
    const sweep = await cli('--corpus', out, 'sweep', '--from', '1938', '--to', '1938', '--obligation', 'defense', '--workers', '0');
    expect(sweep.out).toBe(
      [
        'ccode1,ccode2,year,obligation,status,against,treaties',
        '220,290,1938,defense,bound,255,atop-1',
        '255,325,1938,defense,conditional,any,atop-2',
        '290,220,1938,defense,bound,255,atop-1',
        '325,255,1938,defense,conditional,any,atop-2',
        '',
      ].join('\n'),
    );
    const war = await cli('--corpus', out, 'cascade', '--network', '1938', '--attack', 'GMY,POL', '--json');
    expect(JSON.parse(war.out).entered).toEqual([{ state: 'FRN', runs: 1, share: 1 }]);
    expect((await cli('import', 'atop', input)).code).toBe(2);
    expect((await cli('--corpus', out, 'cascade', '--attack', 'GMY,POL')).err).toMatch(
      /--network YEAR and --attack ATTACKER,TARGET go together/,
    );
    expect((await cli('--corpus', out, 'sweep', '--from', '1938', '--to', '1938', '--obligation', 'alliance')).err).toMatch(
      /--obligation is one of defense, offense, neutral, nonagg, consul/,
    );
  });
});

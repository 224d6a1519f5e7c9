import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDirectories, testCorpus } from '../../test/helpers.js';
import { conflicts } from '../analysis/conflicts.js';
import { whatIf } from '../analysis/whatif.js';
import type { PartialDate } from '../base/partial-date.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { startServer } from './serve.js';
import { MIGRATIONS, Store } from './store.js';

const tempDir = temporaryDirectories();
const library = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const italy = readFileSync(`${library}03-hollow-threat-italy-1937.yaml`, 'utf8');

// The events of the shared acceptance case seed-05-approvals-missing, built in the API.
const seed05 = `id: seed-05-approvals-missing
title: German attack on the USSR in 1937; the Locarno powers withhold approval
at: 1937-04-01
events:
  - {date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}
  - {date: 1937-03-01, type: referral, by: RUS, against: GMY}
  - {date: 1937-03-05, type: council-report, dispute: [RUS, GMY], unanimous: false}
`;

let url = '';
let close: () => Promise<void> = async () => {};
let db = '';

beforeAll(async () => {
  db = join(tempDir('casus-server-'), 'data', 'casus.db');
  const s = await startServer(testCorpus, { port: 0, db });
  url = s.url;
  close = s.close;
});
afterAll(() => close());

const api = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
const post = (path: string, body: unknown, type = 'application/json') =>
  api(path, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('the HTTP API over a real socket on loopback', () => {
  it('listens on 127.0.0.1 and serves its OpenAPI document', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const doc = await (await api('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/treaties/{slug}', '/api/scenarios/{id}', '/api/runs', '/api/cascades']),
    );
    expect(Object.keys(doc.paths['/api/conflicts'].post.requestBody.content['application/json'].schema.properties)).toEqual([
      'treaties',
      'from',
      'to',
      'maxEvents',
      'all',
    ]);
  });

  it('serves a treaty with each provision’s text and formalisation, and the statuses of a day', async () => {
    const t = await (await api('/api/treaties/franco-soviet-1935')).json();
    const art2 = t.provisions.find((p: { id: string }) => p.id === 'franco-soviet-1935/art-2');
    expect(art2.text).toMatch(/unprovoked aggression/);
    expect(art2.rules[0]).toMatch(/^duty art-2 \{/);
    expect(t.lifecycle.map((h: { event: string }) => h.event)).toContain('ratifications-exchanged');
    const before = await (await api('/api/status?at=1936-03-26')).json();
    const after = await (await api('/api/status?at=1936-03-27')).json();
    const fs = (r: { treaties: Array<{ treaty: string; status: string }> }) =>
      r.treaties.find((x) => x.treaty === 'franco-soviet-1935')?.status;
    expect([fs(before), fs(after)]).toEqual(['signed', 'in-force']);
  });

  it('gives each treaty its kind and obligations from the engine, and says why a treaty in force binds only one party', async () => {
    const treaties = (await (await api('/api/treaties')).json()) as Array<{ treaty: string; kind: string; obligations: string[] }>;
    const of = (slug: string) => treaties.find((t) => t.treaty === slug);
    expect(of('franco-soviet-1935')).toMatchObject({ kind: 'mutual-assistance', obligations: ['defense', 'neutral', 'consul'] });
    expect(of('franco-czechoslovak-1924')).toMatchObject({ kind: 'consultation', obligations: ['consul'] });
    expect(of('treaty-of-berlin-1926')).toMatchObject({ kind: 'neutrality', obligations: ['neutral'] });
    const kinds = (await (await api('/api/treaty-kinds')).json()) as Array<{ kind: string; label: string; rule: string }>;
    expect(kinds.map((k) => k.kind)).toEqual(['mutual-assistance', 'guarantee', 'non-aggression', 'neutrality', 'consultation', 'other']);
    // The library's years, for the web's slider: the Anglo-Japanese alliance of 1902 to the last tacit renewal the terms give.
    expect(await (await api('/api/span')).json()).toEqual({
      from: 1902,
      to: 1949,
      firstDay: '1902-01-01',
      lastDay: '1949-12-31',
      sweepYears: 51,
    });
    const states = (await (await api('/api/states')).json()) as Array<{ abb: string; spells: Array<{ from: string; to: string }> }>;
    expect(states.find((s) => s.abb === 'AUH')?.spells).toEqual([{ from: '1816-01-01', to: '1918-11-12' }]);
    // Poland's government in exile kept it bound between its two spells: a 1941 scenario may name it.
    const poland = states.find((s) => s.abb === 'POL') as { bound: Array<{ from: string; to: string }> } | undefined;
    expect(poland?.bound.some((b) => b.from <= '1941-06-22' && b.to >= '1941-06-22')).toBe(true);
    const day = (await (await api('/api/status?at=1939-09-01')).json()) as {
      treaties: Array<{ treaty: string; bound: string[]; unbound: unknown[] }>;
    };
    expect(day.treaties.find((t) => t.treaty === 'czechoslovak-soviet-1935')).toMatchObject({
      bound: ['RUS'],
      unbound: [{ state: 'CZE', reason: 'not-a-state', value: 'false' }],
    });
    const doc = await (await api('/api/openapi.json')).json();
    expect(doc.components.schemas.UnboundParty.properties.reason.enum).toEqual([
      'treaty-not-in-force',
      'not-yet-party',
      'no-longer-party',
      'not-league-member',
      'not-a-state',
    ]);
    expect(doc.components.schemas.TreatyKind.enum).toContain('consultation');
    expect(Object.keys(doc.paths)).toContain('/api/treaty-kinds');
  });

  it('creates, lists, reads, updates and deletes a scenario, and keeps every run with its report', async () => {
    const created = await post('/api/scenarios', seed05, 'application/yaml');
    expect(created.status).toBe(201);
    const s = await created.json();
    expect(s).toMatchObject({ slug: 'seed-05-approvals-missing' });
    expect((await (await api('/api/scenarios')).json()).map((x: { id: number }) => x.id)).toContain(s.id);

    const run = await post('/api/runs', { scenarioId: s.id });
    expect(run.status).toBe(201);
    const { run: runId, report } = await run.json();
    const fr = report.norms.find((n: { norm: string; holder: string }) => n.norm === 'franco-soviet-1935/art-2' && n.holder === 'FRN');
    expect(fr).toMatchObject({ status: 'pending', vetoes: ['BEL', 'ITA', 'UKG'] });
    expect((await (await api(`/api/runs/${runId}`)).json()).report).toEqual(report);

    const updated = await api(`/api/scenarios/${s.id}`, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body: italy });
    expect((await updated.json()).slug).toBe('hollow-threat-italy-1937');
    expect((await api(`/api/scenarios/${s.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/scenarios/${s.id}`)).status).toBe(404);
    // The run outlives its scenario.
    expect((await api(`/api/runs/${runId}`)).status).toBe(200);
  });

  it('evaluates an unsaved scenario and answers the analyses', async () => {
    const run = await (await post('/api/runs', { yaml: italy, explain: false })).json();
    expect(run.report.scenario).toBe('hollow-threat-italy-1937');
    const vetoes = await (await post('/api/vetoes', { yaml: seed05, norm: 'franco-soviet-1935/art-2' })).json();
    expect(vetoes.instances.find((i: { holder: string }) => i.holder === 'FRN').coalitions).toEqual([['BEL'], ['ITA'], ['UKG']]);
    const war = await (await post('/api/cascades', { yaml: italy, runs: 1 })).json();
    expect(war.runs).toBe(1);
  });

  it('answers what-if as the CLI does, and vetoes of one holder', async () => {
    const ask = { yaml: seed05, norm: 'franco-soviet-1935/art-2', holder: 'France' };
    const res = await post('/api/whatif', ask);
    expect(res.status).toBe(200);
    const got = await res.json();
    const scenario = loadScenario(seed05, 'seed-05.yaml', testCorpus);
    const expected = whatIf(testCorpus, scenario, (scenario.at ?? scenario.events.at(-1)?.date) as PartialDate, {
      norm: ask.norm,
      holder: 'FRN',
    });
    expect(got).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(got.instances[0].changes[0].add.map((e: { by: string }) => e.by).sort()).toEqual(['BEL', 'ITA', 'UKG']);
    expect((await post('/api/whatif', { ...ask, holder: 'Atlantis' })).status).toBe(400);

    type Held = { holder: string };
    const every = (await (await post('/api/vetoes', { yaml: seed05 })).json()).instances as Held[];
    const france = (await (await post('/api/vetoes', { yaml: seed05, holder: 'France' })).json()).instances as Held[];
    expect(every.some((i) => i.holder !== 'FRN')).toBe(true);
    expect(france.length).toBeGreaterThan(0);
    expect(france).toEqual(every.filter((i) => i.holder === 'FRN'));
  });

  it('searches for conflicts period by period, with from, to and all, and answers what the library answers', async () => {
    const ask = { treaties: ['franco-czechoslovak-1925', 'locarno-rhineland-1925'], from: '1935-01-01', to: '1937-12-31', all: true };
    const res = await post('/api/conflicts', ask);
    expect(res.status).toBe(200);
    const got = await res.json();
    expect(got.bounds.periods.map((p: { from: string; outcome: string }) => [p.from, p.outcome])).toEqual([
      ['1935-01-01', 'compatible'],
      ['1935-10-21', 'conflict'],
      ['1937-04-24', 'conflict'],
    ]);
    expect(got.witnesses).toHaveLength(2);
    const { treaties, ...options } = ask;
    expect({ ...got, ms: 0 }).toEqual({ ...conflicts(testCorpus, treaties, options), ms: 0 });
    // Without `all`, the search stops at the first witness.
    const first = await (await post('/api/conflicts', { ...ask, all: false })).json();
    expect(first.bounds.periods.map((p: { outcome: string }) => p.outcome)).toEqual(['compatible', 'conflict', 'not-searched']);
    expect((await post('/api/conflicts', { ...ask, all: 'yes' })).status).toBe(400);
    expect((await post('/api/conflicts', { ...ask, from: 1935 })).status).toBe(400);
    expect((await post('/api/conflicts', { ...ask, from: '1920', to: '1925' })).status).toBe(400);
  });

  it('sweeps the library and runs network cascades', async () => {
    const sweep = await (await api('/api/sweep?from=1939&to=1939&obligation=defense')).json();
    const anglo = sweep.rows.find((r: { holder: string; beneficiary: string }) => r.holder === 'UKG' && r.beneficiary === 'POL');
    expect(anglo).toMatchObject({ ccode1: 200, ccode2: 290, year: 1939, obligation: 'defense', treaties: ['anglo-polish-1939'] });
    const attacks = await (await api('/api/sweep/attacks?year=1939&attacker=GMY')).json();
    expect(attacks.rows.filter((r: { target: string }) => r.target === 'POL').map((r: { defender: string }) => r.defender)).toEqual(
      expect.arrayContaining(['UKG', 'FRN']),
    );
    const war = await (
      await post('/api/cascades/network', { year: 1939, attacker: 'GMY', target: 'POL', runs: 1000, compliance: { default: 0.5 } })
    ).json();
    expect(war).toMatchObject({ year: 1939, attacker: 'GMY', target: 'POL', runs: 1000 });
    expect(war.entered.map((e: { state: string }) => e.state).sort()).toEqual(['FRN', 'UKG']);
    expect((await api('/api/sweep?from=1800&to=1900')).status).toBe(413);
    expect((await api('/api/sweep?from=1939&to=1939&obligation=alliance')).status).toBe(400);
    expect((await post('/api/cascades/network', { year: 1939, attacker: 'GMY', target: 'GMY' })).status).toBe(400);
    // A day's network: on 1 September 1939 the Anglo-Polish agreement binds; on 1 August it did not yet.
    const day = async (date: string) =>
      (
        (await (await post('/api/cascades/network', { date, attacker: 'GMY', target: 'POL' })).json()) as {
          entered: Array<{ state: string }>;
        }
      ).entered
        .map((e) => e.state)
        .sort();
    expect(await day('1939-09-01')).toEqual(['FRN', 'UKG']);
    expect(await day('1939-08-01')).toEqual(['FRN']);
    expect((await post('/api/cascades/network', { date: '1939', attacker: 'GMY', target: 'POL' })).status).toBe(400);
  });

  it('answers bad input in one JSON shape, with the CLI’s codes and the file’s line and field', async () => {
    const bad = await post(
      '/api/scenarios',
      'id: bad\nevents:\n  - {date: 1937-03-01, type: aggression, by: GMYY, against: RUS}\n',
      'application/yaml',
    );
    expect(bad.status).toBe(400);
    const e = await bad.json();
    expect(e.error.code).toBe('scenario.unknown-state');
    expect(e.error.errors[0]).toMatchObject({ line: 3, field: 'events[0].by' });
    expect((await api('/api/treaties/no-such')).status).toBe(404);
    expect((await api('/api/status?at=1936-02-30')).status).toBe(400);
    expect((await post('/api/runs', '{not json')).status).toBe(400);
    expect((await post('/api/scenarios', 'x'.repeat(1_100_000), 'application/yaml')).status).toBe(413);
    expect((await api('/api/nowhere')).status).toBe(404);
  });
});

describe('the store', () => {
  it('creates the database file on first start, in WAL mode, at the latest schema version', () => {
    const file = join(tempDir('casus-store-'), 'nested', 'casus.db');
    const store = new Store(file, () => '1937-04-01T00:00:00.000Z');
    expect(store.version).toBe(MIGRATIONS.at(-1)?.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const s = store.createScenario({ slug: 'a', title: 'A', yaml: 'id: a\nevents: []\n' });
    expect(s).toMatchObject({ id: 1, created: '1937-04-01T00:00:00.000Z' });
    store.close();
    // Reopening migrates nothing twice and keeps the data.
    const again = new Store(file);
    expect(again.listScenarios().map((x) => x.slug)).toEqual(['a']);
    again.close();
  });
});

describe('the web app beside the API', () => {
  let web = '';
  let stop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const dir = tempDir('casus-web-');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>casus</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(join(dir, '..', 'secret.txt'), 'not to be served');
    const s = await startServer(testCorpus, { port: 0, db: ':memory:', webDir: dir });
    web = s.url;
    stop = s.close;
  });
  afterAll(() => stop());

  it('serves the app’s index.html at the root, and its assets with their types', async () => {
    const root = await fetch(`${web}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await root.text()).toContain('<div id="root">');
    const js = await fetch(`${web}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1);');
  });

  it('answers unknown non-API paths with index.html, unknown API paths with the JSON error, and never climbs out', async () => {
    const deep = await fetch(`${web}/treaty/franco-soviet-1935`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    const api = await fetch(`${web}/api/nowhere`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('not-found');
    expect(await (await fetch(`${web}/%2e%2e/secret.txt`)).text()).not.toContain('not to be served');
  });

  it('lists the states by name and number, and the event vocabulary with its fields', async () => {
    const states = await (await fetch(`${web}/api/states`)).json();
    expect(Object.keys(states[0])).toEqual(['abb', 'name', 'ccode', 'european', 'spells', 'bound']);
    expect(states.find((s: { abb: string }) => s.abb === 'FRN')).toMatchObject({
      abb: 'FRN',
      name: 'France',
      ccode: 220,
      european: true,
      spells: [
        { from: '1816-01-01', to: '1942-11-11' },
        { from: '1944-08-25', to: '2016-12-31' },
      ],
    });
    const types = await (await fetch(`${web}/api/event-types`)).json();
    expect(types.find((t: { type: string }) => t.type === 'council-report').fields).toEqual([
      { name: 'dispute', kind: 'states', required: true },
      { name: 'unanimous', kind: 'bool', required: true },
    ]);
    const treaties = await (await fetch(`${web}/api/treaties`)).json();
    expect(treaties.find((t: { treaty: string }) => t.treaty === 'franco-soviet-1935').actions).toContain('assist');
  });

  it('validates a scenario without saving it, pointing at the line and field', async () => {
    const yaml = { 'content-type': 'application/yaml' };
    const ok = await fetch(`${web}/api/validate`, { method: 'POST', headers: yaml, body: seed05 });
    expect(await ok.json()).toEqual({ ok: true, id: 'seed-05-approvals-missing', title: expect.any(String), events: 3 });
    const bad = await fetch(`${web}/api/validate`, {
      method: 'POST',
      headers: yaml,
      body: 'id: bad\nevents:\n  - {date: 1937-03-01, type: threat, by: GMYY, against: RUS}\n',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.errors[0]).toMatchObject({ line: 3, field: 'events[0].by' });
    expect(await (await fetch(`${web}/api/scenarios`)).json()).toEqual([]);
  });
});

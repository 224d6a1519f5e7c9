import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories, testCorpus } from '../../test/helpers.js';
import { evaluate } from '../engine/evaluate.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { createApp } from './app.js';
import { MIGRATIONS, Store, unpackReport } from './store.js';

const tempDir = temporaryDirectories();
const library = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const crisis = readdirSync(library)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(library, f), 'utf8'));

/** A report's JSON text as the engine gives it, with explanations. */
function reportText(yaml: string): { slug: string; at: string; json: string } {
  const s = loadScenario(yaml, 'scenario.yaml', testCorpus);
  const report = evaluate(testCorpus, s, s.at ?? (s.events.at(-1)?.date as NonNullable<typeof s.at>), { explain: true });
  return { slug: s.id, at: report.at, json: JSON.stringify(report) };
}

/** The bytes of the database file once its WAL is checkpointed into it. */
function fileBytes(file: string): number {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return statSync(file).size;
}

describe('the store on disk', () => {
  it('syncs every commit (synchronous FULL) on first open and on every reopen, when SQLite would fall back to NORMAL', () => {
    const file = join(tempDir('casus-store-'), 'casus.db');
    for (let open = 0; open < 2; open++) {
      const store = new Store(file);
      // 2 = FULL; a database already in WAL mode opens at 1 (NORMAL) in better-sqlite3's build.
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
      store.close();
    }
  });

  it('migrates a version-1 database: every report deflated and read back byte for byte, links kept, the file shrunk', () => {
    const file = join(tempDir('casus-store-'), 'casus.db');
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    v1.exec((MIGRATIONS[0] as (typeof MIGRATIONS)[number]).sql);
    v1.pragma('user_version = 1');
    const scenario = v1
      .prepare("INSERT INTO scenarios (slug, title, yaml, created, updated) VALUES ('s', 'S', ?, 't', 't')")
      .run(crisis[0]).lastInsertRowid;
    const insert = v1.prepare('INSERT INTO runs (scenario_id, scenario_slug, at, yaml, report, created) VALUES (?, ?, ?, ?, ?, ?)');
    const reports = crisis.map((yaml, i) => {
      const r = reportText(yaml);
      insert.run(i === 0 ? scenario : null, r.slug, r.at, yaml, r.json, `1937-04-0${(i % 9) + 1}T00:00:00.000Z`);
      return r;
    });
    v1.close();
    const before = fileBytes(file);

    const store = new Store(file);
    expect(store.version).toBe(2);
    const columns = (store.db.prepare('PRAGMA table_info(runs)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(['id', 'scenario_id', 'scenario_slug', 'at', 'yaml', 'report_deflated', 'created']);
    expect(store.listRuns().map((r) => r.scenario)).toEqual(reports.map((r) => r.slug));
    expect(store.listRuns(Number(scenario)).map((r) => r.id)).toEqual([1]);
    reports.forEach((r, i) => {
      const blob = store.db
        .prepare('SELECT report_deflated FROM runs WHERE id = ?')
        .pluck()
        .get(i + 1) as Buffer;
      expect(unpackReport(blob)).toBe(r.json);
      expect(JSON.stringify(store.getRun(i + 1)?.report)).toBe(r.json);
      expect(Buffer.from(store.getRunJson(i + 1) as Uint8Array).toString('utf8')).toBe(JSON.stringify(store.getRun(i + 1)));
    });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    // The rebuilt table still lets a run outlive its scenario.
    store.deleteScenario(Number(scenario));
    expect(store.getRun(1)?.scenarioId).toBeNull();
    store.close();
    const after = fileBytes(file);
    const json = reports.reduce((n, r) => n + r.json.length, 0);
    expect(after).toBeLessThan(before / 5);
    expect(json / reports.length).toBeGreaterThan(100_000);
    expect(after / reports.length).toBeLessThan(json / reports.length / 5);
  });
});

describe('runs through the API', () => {
  it('answers GET /api/runs/:id with the report POST /api/runs returned, byte for byte, for every crisis of the library', async () => {
    const store = new Store(':memory:');
    const app = createApp(testCorpus, store);
    for (const yaml of crisis) {
      const posted = await app.request('/api/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ yaml }),
      });
      expect(posted.status).toBe(201);
      const postedText = await posted.text();
      const { run } = JSON.parse(postedText) as { run: number };
      const got = await app.request(`/api/runs/${run}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/json');
      const gotText = await got.text();
      // Both answers end with the report: `..."report":{...}}`.
      const report = (text: string) => text.slice(text.indexOf(',"report":') + ',"report":'.length, -1);
      expect(report(gotText)).toBe(report(postedText));
      // A whole report, not an empty shell: its treaties at least (a crisis may touch no norm, as Japan's of 1914).
      expect((JSON.parse(report(gotText)) as { treaties: unknown[] }).treaties.length).toBeGreaterThan(0);
      expect(Object.keys(JSON.parse(gotText))).toEqual(['id', 'scenarioId', 'scenario', 'at', 'created', 'report']);
    }
    // The scenario of a run, as it was sent: what a cascade, vetoes or what-if from the report start from.
    const scenarioOf = await app.request('/api/runs/1/scenario');
    expect(await scenarioOf.json()).toEqual({
      run: 1,
      scenarioId: null,
      scenario: expect.any(String),
      at: expect.any(String),
      yaml: crisis[0],
    });
    expect((await app.request('/api/runs/999/scenario')).status).toBe(404);
    expect((await app.request('/api/runs/999')).status).toBe(404);
    expect(store.getRunJson(999)).toBeUndefined();
    store.close();
  });
});

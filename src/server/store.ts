import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The schema, one migration per version, applied in order inside a transaction. The version
 * reached is kept in SQLite's `user_version`, so a database is migrated exactly once per step.
 * Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; why: string; sql: string }> = [
  {
    version: 1,
    why: 'saved scenarios and every run with its report',
    sql: `
      CREATE TABLE scenarios (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        yaml TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        scenario_id INTEGER REFERENCES scenarios(id) ON DELETE SET NULL,
        scenario_slug TEXT NOT NULL,
        at TEXT NOT NULL,
        yaml TEXT NOT NULL,
        report TEXT NOT NULL,
        created TEXT NOT NULL
      );
      CREATE INDEX runs_by_scenario ON runs(scenario_id);
    `,
  },
];

export interface StoredScenario {
  id: number;
  slug: string;
  title: string;
  yaml: string;
  created: string;
  updated: string;
}

export interface StoredRun {
  id: number;
  scenarioId: number | null;
  scenario: string;
  at: string;
  created: string;
  report: unknown;
}

/**
 * The embedded store (better-sqlite3, WAL mode): saved scenarios and every run with its report.
 * Writes happen in transactions, each synced to disk before the call returns, so a save the API
 * has acknowledged survives a killed process, and a power cut as far as the disk honours fsync;
 * `now` is injectable so tests are deterministic.
 */
export class Store {
  readonly db: Database.Database;
  private readonly now: () => string;

  constructor(path: string, now: () => string = () => new Date().toISOString()) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 builds SQLite with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: a database already in WAL
    // mode opens at NORMAL, whose last commits survive a killed process but not a power cut (the
    // WAL is not synced at each commit). FULL syncs it: ~0.2 ms a commit here.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.now = now;
    this.migrate();
  }

  /** The schema version the database is at. */
  get version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const apply = this.db.transaction((m: (typeof MIGRATIONS)[number]) => {
      this.db.exec(m.sql);
      this.db.pragma(`user_version = ${m.version}`);
    });
    for (const m of MIGRATIONS) if (m.version > this.version) apply(m);
  }

  listScenarios(): Array<Omit<StoredScenario, 'yaml'>> {
    return this.db.prepare('SELECT id, slug, title, created, updated FROM scenarios ORDER BY id').all() as Array<
      Omit<StoredScenario, 'yaml'>
    >;
  }

  getScenario(id: number): StoredScenario | undefined {
    return this.db.prepare('SELECT id, slug, title, yaml, created, updated FROM scenarios WHERE id = ?').get(id) as
      | StoredScenario
      | undefined;
  }

  createScenario(s: { slug: string; title: string; yaml: string }): StoredScenario {
    const t = this.now();
    const id = this.db.transaction(
      () =>
        this.db
          .prepare('INSERT INTO scenarios (slug, title, yaml, created, updated) VALUES (?, ?, ?, ?, ?)')
          .run(s.slug, s.title, s.yaml, t, t).lastInsertRowid,
    )();
    return this.getScenario(Number(id)) as StoredScenario;
  }

  updateScenario(id: number, s: { slug: string; title: string; yaml: string }): StoredScenario | undefined {
    const changed = this.db.transaction(
      () =>
        this.db
          .prepare('UPDATE scenarios SET slug = ?, title = ?, yaml = ?, updated = ? WHERE id = ?')
          .run(s.slug, s.title, s.yaml, this.now(), id).changes,
    )();
    return changed > 0 ? this.getScenario(id) : undefined;
  }

  deleteScenario(id: number): boolean {
    return this.db.transaction(() => this.db.prepare('DELETE FROM scenarios WHERE id = ?').run(id).changes)() > 0;
  }

  saveRun(r: { scenarioId: number | null; scenario: string; at: string; yaml: string; report: unknown }): StoredRun {
    const created = this.now();
    const id = this.db.transaction(
      () =>
        this.db
          .prepare('INSERT INTO runs (scenario_id, scenario_slug, at, yaml, report, created) VALUES (?, ?, ?, ?, ?, ?)')
          .run(r.scenarioId, r.scenario, r.at, r.yaml, JSON.stringify(r.report), created).lastInsertRowid,
    )();
    return this.getRun(Number(id)) as StoredRun;
  }

  getRun(id: number): StoredRun | undefined {
    const row = this.db.prepare('SELECT id, scenario_id, scenario_slug, at, created, report FROM runs WHERE id = ?').get(id) as
      | { id: number; scenario_id: number | null; scenario_slug: string; at: string; created: string; report: string }
      | undefined;
    return (
      row && {
        id: row.id,
        scenarioId: row.scenario_id,
        scenario: row.scenario_slug,
        at: row.at,
        created: row.created,
        report: JSON.parse(row.report),
      }
    );
  }

  listRuns(scenarioId?: number): Array<Omit<StoredRun, 'report'>> {
    const rows = (
      scenarioId === undefined
        ? this.db.prepare('SELECT id, scenario_id, scenario_slug, at, created FROM runs ORDER BY id').all()
        : this.db.prepare('SELECT id, scenario_id, scenario_slug, at, created FROM runs WHERE scenario_id = ? ORDER BY id').all(scenarioId)
    ) as Array<{ id: number; scenario_id: number | null; scenario_slug: string; at: string; created: string }>;
    return rows.map((r) => ({ id: r.id, scenarioId: r.scenario_id, scenario: r.scenario_slug, at: r.at, created: r.created }));
  }

  close(): void {
    this.db.close();
  }
}

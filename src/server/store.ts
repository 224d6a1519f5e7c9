import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import Database from 'better-sqlite3';

/** One step of the schema: its SQL, then (optionally) the rows it rewrites in code. */
export interface Migration {
  version: number;
  why: string;
  sql: string;
  /** Rewrites rows SQLite cannot (e.g. compresses them); runs after `sql`, in the same transaction. */
  rows?: (db: Database.Database) => void;
  /** The step frees many pages: VACUUM once it has committed, so the file shrinks too. */
  vacuum?: true;
}

/** A report as the store keeps it: its JSON text, deflated (zlib, with its Adler-32 check). */
export function packReport(json: string): Buffer {
  return deflateSync(json);
}

/** The JSON text of a stored report, byte for byte what was saved; throws if the blob is damaged. */
export function unpackReport(blob: Buffer): string {
  return inflateSync(blob).toString('utf8');
}

const CLOSE = Buffer.from('}');

/**
 * The schema, one migration per version, applied in order inside a transaction. The version
 * reached is kept in SQLite's `user_version`, so a database is migrated exactly once per step.
 * Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: ReadonlyArray<Migration> = [
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
  {
    version: 2,
    // Rebuilding explanations on demand would evaluate against the corpus of the day, which may
    // not be the one the run was made with; a deflated report is the answer given, exactly.
    why: 'reports kept deflated: a run with explanations drops from ~260 KB of JSON to ~12 KB, and reads back byte for byte',
    sql: `
      CREATE TABLE runs_deflated (
        id INTEGER PRIMARY KEY,
        scenario_id INTEGER REFERENCES scenarios(id) ON DELETE SET NULL,
        scenario_slug TEXT NOT NULL,
        at TEXT NOT NULL,
        yaml TEXT NOT NULL,
        report_deflated BLOB NOT NULL,
        created TEXT NOT NULL
      );
    `,
    rows: (db) => {
      const read = db.prepare('SELECT id, scenario_id, scenario_slug, at, yaml, report, created FROM runs WHERE id = ?');
      const write = db.prepare(
        'INSERT INTO runs_deflated (id, scenario_id, scenario_slug, at, yaml, report_deflated, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      // One row in memory at a time: a reader cannot stay open while the connection writes.
      for (const id of db.prepare('SELECT id FROM runs ORDER BY id').pluck().all() as number[]) {
        const r = read.get(id) as {
          id: number;
          scenario_id: number | null;
          scenario_slug: string;
          at: string;
          yaml: string;
          report: string;
          created: string;
        };
        write.run(r.id, r.scenario_id, r.scenario_slug, r.at, r.yaml, packReport(r.report), r.created);
      }
      db.exec(`
        DROP TABLE runs;
        ALTER TABLE runs_deflated RENAME TO runs;
        CREATE INDEX runs_by_scenario ON runs(scenario_id);
      `);
    },
    vacuum: true,
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
    const apply = this.db.transaction((m: Migration) => {
      this.db.exec(m.sql);
      m.rows?.(this.db);
      this.db.pragma(`user_version = ${m.version}`);
    });
    const due = MIGRATIONS.filter((m) => m.version > this.version);
    for (const m of due) apply(m);
    if (due.some((m) => m.vacuum)) {
      this.db.exec('VACUUM');
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    }
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

  /** Keeps a run; the report handed in is the one returned (not read back, which would parse it again). */
  saveRun(r: { scenarioId: number | null; scenario: string; at: string; yaml: string; report: unknown }): StoredRun {
    const { id, created } = this.saveRunPacked({ ...r, packed: packReport(JSON.stringify(r.report)) });
    return { id, scenarioId: r.scenarioId, scenario: r.scenario, at: r.at, created, report: r.report };
  }

  /** A run whose report is already deflated (`packReport` of its JSON text, made in a worker). */
  saveRunPacked(r: { scenarioId: number | null; scenario: string; at: string; yaml: string; packed: Uint8Array }): {
    id: number;
    created: string;
  } {
    const created = this.now();
    // A Uint8Array that crossed from a worker: bound as the Buffer over the same bytes.
    const report = Buffer.isBuffer(r.packed) ? r.packed : Buffer.from(r.packed.buffer, r.packed.byteOffset, r.packed.byteLength);
    const id = this.db.transaction(() => {
      // The scenario may have been deleted while its run was made: the run is kept, with its YAML,
      // unlinked, as ON DELETE SET NULL leaves the runs made before.
      const linked =
        r.scenarioId !== null && this.db.prepare('SELECT 1 FROM scenarios WHERE id = ?').get(r.scenarioId) !== undefined
          ? r.scenarioId
          : null;
      return this.db
        .prepare('INSERT INTO runs (scenario_id, scenario_slug, at, yaml, report_deflated, created) VALUES (?, ?, ?, ?, ?, ?)')
        .run(linked, r.scenario, r.at, r.yaml, report, created).lastInsertRowid;
    })();
    return { id: Number(id), created };
  }

  getRun(id: number): StoredRun | undefined {
    const row = this.runRow(id);
    return row && { ...row.run, report: JSON.parse(unpackReport(row.report)) };
  }

  /**
   * A run as JSON, in UTF-8: `JSON.stringify(getRun(id))` to the byte, but the stored report is
   * neither parsed to be printed again nor decoded to a string to be encoded again.
   */
  getRunJson(id: number): Uint8Array<ArrayBuffer> | undefined {
    const row = this.runRow(id);
    if (!row) return undefined;
    const head = Buffer.from(`${JSON.stringify(row.run).slice(0, -1)},"report":`);
    // Buffer.concat allocates the bytes afresh, never on a SharedArrayBuffer.
    return Buffer.concat([head, inflateSync(row.report), CLOSE]) as Uint8Array<ArrayBuffer>;
  }

  /** The scenario a run was made from, as it was then: its YAML (a saved scenario may have changed since) and the instant. */
  getRunScenario(id: number): { run: number; scenarioId: number | null; scenario: string; at: string; yaml: string } | undefined {
    const row = this.db.prepare('SELECT id, scenario_id, scenario_slug, at, yaml FROM runs WHERE id = ?').get(id) as
      | { id: number; scenario_id: number | null; scenario_slug: string; at: string; yaml: string }
      | undefined;
    return row && { run: row.id, scenarioId: row.scenario_id, scenario: row.scenario_slug, at: row.at, yaml: row.yaml };
  }

  private runRow(id: number): { run: Omit<StoredRun, 'report'>; report: Buffer } | undefined {
    const row = this.db.prepare('SELECT id, scenario_id, scenario_slug, at, created, report_deflated FROM runs WHERE id = ?').get(id) as
      | { id: number; scenario_id: number | null; scenario_slug: string; at: string; created: string; report_deflated: Buffer }
      | undefined;
    return (
      row && {
        run: { id: row.id, scenarioId: row.scenario_id, scenario: row.scenario_slug, at: row.at, created: row.created },
        report: row.report_deflated,
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

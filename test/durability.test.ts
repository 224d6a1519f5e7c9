import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/engine/evaluate.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { MIGRATIONS, unpackReport as unpack } from '../src/server/store.js';
import { killLoop } from './durability/kill-loop.js';
import { temporaryDirectories, testCorpus } from './helpers.js';

/**
 * Durability of the store behind the real server: the built CLI (dist/, which `npm test` builds
 * first) is killed with SIGKILL while it saves. A bounded loop here; `npm run durability` runs
 * the full one and prints its counts.
 */
const tempDir = temporaryDirectories();
const STORE_JS = fileURLToPath(new URL('../dist/server/store.js', import.meta.url));
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('saves that survive a killed server', () => {
  it('keeps every acknowledged save, byte for byte, across 5 SIGKILLs at random moments over at least 100 saves', async () => {
    const db = join(tempDir('casus-durability-'), 'casus.db');
    const r = await killLoop({ db, kills: 5, saves: 100, maxDelayMs: 1500, clients: 6, seed: 12 });
    expect({ lost: r.lost, phantoms: r.phantoms, damaged: r.damaged }).toEqual({ lost: [], phantoms: [], damaged: [] });
    expect(r.kills).toBeGreaterThanOrEqual(5);
    expect(r.scenarios + r.runs).toBeGreaterThanOrEqual(100);
    expect(r.runs).toBeGreaterThan(0);
  }, 90_000);

  it('notices saves that are gone after a restart (the loop can fail)', async () => {
    const db = join(tempDir('casus-durability-'), 'casus.db');
    const r = await killLoop({
      db,
      kills: 1,
      saves: 1,
      maxDelayMs: 1500,
      clients: 2,
      seed: 1,
      afterKill: (file) => {
        const d = new Database(file);
        d.prepare('DELETE FROM scenarios').run();
        d.close();
      },
    });
    expect(r.scenarios).toBeGreaterThan(0);
    expect(r.lost).toHaveLength(r.scenarios);
    for (const line of r.lost) expect(line).toMatch(/^scenario \d+: 404$/);
  }, 60_000);

  it('leaves a version-1 database whole when its migration is killed half-way, and migrates it on the next start', async () => {
    const dir = tempDir('casus-migration-');
    const v1 = join(dir, 'v1.db');
    const library = fileURLToPath(new URL('../scenarios/', import.meta.url));
    const reports = readdirSync(library)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => {
        const s = loadScenario(readFileSync(join(library, f), 'utf8'), f, testCorpus);
        return JSON.stringify(evaluate(testCorpus, s, s.at ?? (s.events.at(-1)?.date as NonNullable<typeof s.at>), { explain: true }));
      });
    const db = new Database(v1);
    db.pragma('journal_mode = WAL');
    db.exec((MIGRATIONS[0] as (typeof MIGRATIONS)[number]).sql);
    db.pragma('user_version = 1');
    const insert = db.prepare(
      "INSERT INTO runs (scenario_id, scenario_slug, at, yaml, report, created) VALUES (NULL, 's', 'a', 'y', ?, 't')",
    );
    // ~40 MB of reports: the migration takes long enough to be killed in its middle.
    const expected: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < 150; i++) {
        const text = reports[i % reports.length] as string;
        insert.run(text);
        expected.push(sha(text));
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    // How long one whole migration takes here, on a copy.
    const file = join(dir, 'casus.db');
    copyFileSync(v1, join(dir, 'timing.db'));
    const whole = await openStore(join(dir, 'timing.db'));
    expect(whole.killed).toBe(false);

    copyFileSync(v1, file);
    let killedBeforeCommit = 0;
    for (const at of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const attempt = await openStore(file, at * whole.ms);
      const d = new Database(file);
      const version = d.pragma('user_version', { simple: true }) as number;
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      // Either as it was (version 1, JSON text) or wholly migrated (version 2, deflated): nothing between.
      const column = version === 1 ? 'report' : 'report_deflated';
      const stored = (d.prepare(`SELECT ${column} FROM runs ORDER BY id`).pluck().all() as Array<string | Buffer>).map((r) =>
        sha(typeof r === 'string' ? r : unpack(r)),
      );
      d.close();
      expect(stored).toEqual(expected);
      if (attempt.killed && version === 1) killedBeforeCommit++;
      if (version === 2) break;
    }
    expect(killedBeforeCommit).toBeGreaterThan(0);

    await openStore(file);
    const d = new Database(file);
    expect(d.pragma('user_version', { simple: true })).toBe(2);
    expect((d.prepare('SELECT report_deflated FROM runs ORDER BY id').pluck().all() as Buffer[]).map((b) => sha(unpack(b)))).toEqual(
      expected,
    );
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    d.close();
  }, 90_000);
});

/**
 * Opens the database with the built store (dist/server/store.js) in a child process, which
 * migrates it; with `killAfterMs`, kills that process with SIGKILL this long after it starts
 * opening. Resolves with how long the open took and whether the kill came first.
 */
function openStore(file: string, killAfterMs?: number): Promise<{ ms: number; killed: boolean }> {
  const code = `
    const { Store } = await import(${JSON.stringify(pathToFileURL(STORE_JS).href)});
    process.stdout.write('opening\\n');
    const t = performance.now();
    new Store(process.argv[1]).close();
    process.stdout.write('opened ' + (performance.now() - t) + '\\n');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let armed = false;
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (killAfterMs !== undefined && !armed && out.startsWith('opening\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => {
      const ms = Number(/opened ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
      if (signal === 'SIGKILL') resolve({ ms, killed: true });
      else if (exitCode === 0) resolve({ ms, killed: false });
      else reject(new Error(`the store exited ${exitCode}: ${out}`));
    });
  });
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { mulberry32 } from '../../src/base/prng.js';
import { type ServerProcess, spawnServer } from './spawn-server.js';

/** How hard the kill loop pushes, and for how long. */
export interface KillLoopOptions {
  /** The database file the server is killed on and restarted on. */
  db: string;
  /** At least this many SIGKILLs… */
  kills: number;
  /** …and at least this many acknowledged saves (scenarios and runs) over them. */
  saves: number;
  /** A kill lands at a random moment up to this long after the server listens. */
  maxDelayMs: number;
  /** Clients saving at the same time. */
  clients: number;
  /** Seeds which requests are sent and when the kills land (the timing of answers is the machine's). */
  seed: number;
  log?: (line: string) => void;
  /** Runs on the database file between a kill and the restart: a test damages it here to see the loop notice. */
  afterKill?: (db: string) => void;
}

/** What the kill loop saw. `lost`, `phantoms` and `damaged` must be empty. */
export interface KillLoopResult {
  kills: number;
  /** Scenarios saved with a 201 answer. */
  scenarios: number;
  /** Runs saved with a 201 answer. */
  runs: number;
  /** Requests cut by a kill before their answer: each may or may not be stored, either is right. */
  unanswered: number;
  /** Acknowledged saves missing or changed after a restart. */
  lost: string[];
  /** Stored rows no client ever sent. */
  phantoms: string[];
  /** `PRAGMA integrity_check` answers other than ok, and servers that died of something else than the kill. */
  damaged: string[];
  ms: number;
}

const library = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const crisis = readdirSync(library)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(library, f), 'utf8'));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

interface Acked {
  scenarios: Map<number, { body: string; answer: string }>;
  /** A run's report is kept as the hash of its JSON text: a thousand reports would not fit in memory. */
  runs: Map<number, { scenario: string; report: string }>;
}

/**
 * Saves scenarios and runs through the HTTP API of a real `casus serve` process, kills it with
 * SIGKILL at random moments, restarts it on the same database file and checks, after each
 * restart and once more at the end, that every save answered 2xx reads back byte for byte, that
 * nothing was stored that no client sent, and that SQLite's integrity check says ok.
 */
export async function killLoop(o: KillLoopOptions): Promise<KillLoopResult> {
  const started = performance.now();
  const random = mulberry32(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const acked: Acked = { scenarios: new Map(), runs: new Map() };
  const sent = new Set<string>(crisis);
  const result: KillLoopResult = { kills: 0, scenarios: 0, runs: 0, unanswered: 0, lost: [], phantoms: [], damaged: [], ms: 0 };
  const unchecked: Acked = { scenarios: new Map(), runs: new Map() };
  let n = 0;

  const body = (): string => {
    n++;
    // A crisis of the library under a new id, padded to a random size (some rows overflow a page).
    const yaml = pick(crisis).replace(/^id: .*$/m, `id: durability-${n}`);
    return `${yaml}# save ${n}: ${'x'.repeat(Math.floor(random() ** 3 * 20_000))}\n`;
  };

  const client = async (server: ServerProcess, stop: { now: boolean }) => {
    while (!stop.now) {
      const ids = [...acked.scenarios.keys()];
      const save = ids.length === 0 || random() < 0.7;
      const request = save
        ? { path: '/api/scenarios', type: 'application/yaml', text: body() }
        : {
            path: '/api/runs',
            type: 'application/json',
            text: JSON.stringify(random() < 0.5 ? { scenarioId: pick(ids) } : { yaml: pick(crisis) }),
          };
      if (save) sent.add(request.text);
      let answer: string;
      let status: number;
      try {
        const res = await fetch(`${server.url}${request.path}`, {
          method: 'POST',
          headers: { 'content-type': request.type },
          body: request.text,
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        answer = await res.text();
      } catch {
        result.unanswered++;
        continue;
      }
      if (status !== 201) {
        result.damaged.push(`POST ${request.path} answered ${status}: ${answer.slice(0, 200)}`);
        continue;
      }
      if (save) {
        const s = JSON.parse(answer) as { id: number };
        acked.scenarios.set(s.id, { body: request.text, answer });
        unchecked.scenarios.set(s.id, { body: request.text, answer });
        result.scenarios++;
      } else {
        const r = JSON.parse(answer) as { run: number; report: { scenario: string } };
        const entry = { scenario: r.report.scenario, report: sha(JSON.stringify(r.report)) };
        acked.runs.set(r.run, entry);
        unchecked.runs.set(r.run, entry);
        result.runs++;
      }
    }
  };

  const verify = async (server: ServerProcess, which: Acked) => {
    for (const [id, s] of which.scenarios) {
      const res = await fetch(`${server.url}/api/scenarios/${id}`);
      const text = await res.text();
      if (res.status !== 200) result.lost.push(`scenario ${id}: ${res.status}`);
      else if ((JSON.parse(text) as { yaml: string }).yaml !== s.body) result.lost.push(`scenario ${id}: its YAML changed`);
      else if (text !== s.answer) result.lost.push(`scenario ${id}: answered ${text.slice(0, 120)}, not ${s.answer.slice(0, 120)}`);
    }
    for (const [id, r] of which.runs) {
      const res = await fetch(`${server.url}/api/runs/${id}`);
      if (res.status !== 200) {
        result.lost.push(`run ${id}: ${res.status}`);
        continue;
      }
      const got = (await res.json()) as { scenario: string; report: unknown };
      if (got.scenario !== r.scenario || sha(JSON.stringify(got.report)) !== r.report) result.lost.push(`run ${id}: its report changed`);
    }
    // Read beside the running server (WAL lets a reader in), so the server itself recovers each kill.
    const db = new Database(o.db, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') result.damaged.push(`integrity_check: ${String(integrity)}`);
    for (const row of db.prepare('SELECT id, yaml FROM scenarios').all() as Array<{ id: number; yaml: string }>) {
      if (!sent.has(row.yaml)) result.phantoms.push(`scenario ${row.id}`);
    }
    for (const row of db.prepare('SELECT id, yaml FROM runs').all() as Array<{ id: number; yaml: string }>) {
      if (!sent.has(row.yaml)) result.phantoms.push(`run ${row.id}`);
    }
    db.close();
  };

  while (result.kills < o.kills || result.scenarios + result.runs < o.saves) {
    const server = await spawnServer(o.db);
    await verify(server, unchecked);
    unchecked.scenarios.clear();
    unchecked.runs.clear();
    const stop = { now: false };
    const clients = Array.from({ length: o.clients }, () => client(server, stop));
    await new Promise((wake) => setTimeout(wake, 20 + random() * (o.maxDelayMs - 20)));
    stop.now = true;
    server.child.kill('SIGKILL');
    await server.exited;
    if (server.child.signalCode !== 'SIGKILL') result.damaged.push(`server exited ${server.child.exitCode} before the kill`);
    await Promise.all(clients);
    o.afterKill?.(o.db);
    result.kills++;
    o.log?.(
      `kill ${result.kills}: ${result.scenarios} scenarios and ${result.runs} runs acknowledged, ${result.unanswered} cut off, ${result.lost.length} lost`,
    );
  }
  // The last restart reads everything back, then stops cleanly: the file is checked once more without the server.
  const server = await spawnServer(o.db);
  await verify(server, acked);
  server.child.kill('SIGTERM');
  await server.exited;
  const db = new Database(o.db, { fileMustExist: true });
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') result.damaged.push(`integrity_check after a clean stop: ${String(integrity)}`);
  db.close();
  // A save missing at one restart is missing at the last one too: say it once.
  result.lost = [...new Set(result.lost)];
  result.ms = performance.now() - started;
  return result;
}

/**
 * `npm run bench`, third part: the HTTP API under a bounded loopback load. The built CLI's server
 * (`node dist/cli/main.js serve`) runs in a child process on a fresh database; autocannon, in this
 * process, drives it. Prints tables — measurements, never tests:
 *
 * 1. storage: the seed suite and the crisis library saved and run once each through the API; the
 *    report's JSON bytes (what GET /api/runs/:id answers) against the bytes the store keeps;
 * 2. the load: each route in turn, first a warm-up round, then a measured round — req/s, p50, p99
 *    (autocannon, CASUS_BENCH_CONNECTIONS connections, default 10), and the server's RSS before and
 *    after each measured route; the two runs routes once more on one connection, the time of a
 *    request without the queue of the other nine; and GET /api/treaties on one connection while the
 *    others POST runs (the server makes runs in worker threads: CASUS_BENCH_WORKERS=0 makes them
 *    on the event loop, to compare). About 60 s in all (CASUS_BENCH_SECONDS scales it). Targets:
 *    p99 < 100 ms, and no RSS growth after the warm-up round.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CLI, spawnServer } from '../test/durability/spawn-server.js';

/** The part of autocannon's options and results used here (the package ships no types). */
interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: LoadRequest[];
}) => Promise<LoadResult>;

if (!existsSync(CLI)) {
  console.log('\nHTTP benchmarks skipped: dist/ not built (npm run build).');
  process.exit(0);
}

const seconds = Number(process.env.CASUS_BENCH_SECONDS ?? 60);
const connections = Number(process.env.CASUS_BENCH_CONNECTIONS ?? 10);
const shared = fileURLToPath(new URL('../../shared/scenarios/seed/', import.meta.url));
const library = fileURLToPath(new URL('../scenarios/', import.meta.url));
const yamls = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => ({ name: f.replace(/\.yaml$/, ''), text: readFileSync(join(dir, f), 'utf8') }))
    : [];
const scenarios = [...yamls(shared), ...yamls(library)];
const crisis = yamls(library);

const dir = mkdtempSync(join(tmpdir(), 'casus-bench-http-'));
const db = join(dir, 'casus.db');
// CASUS_BENCH_WORKERS=0 measures runs made on the event loop, as before the run pool.
const workers = process.env.CASUS_BENCH_WORKERS;
const server = await spawnServer(db, 30_000, workers === undefined ? [] : ['--workers', workers]);
const { url } = server;
const json = { 'content-type': 'application/json' };
const yaml = { 'content-type': 'application/yaml' };
const post = async (path: string, body: string, headers: Record<string, string>) => {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.text();
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

// 1. Storage: every scenario saved and run once (with explanations, as the web app asks).
const saved: Array<{ name: string; scenarioId: number; runId: number; reportBytes: number }> = [];
for (const s of scenarios) {
  const { id } = JSON.parse(await post('/api/scenarios', s.text, yaml)) as { id: number };
  const text = await post('/api/runs', JSON.stringify({ scenarioId: id }), json);
  const { run, report } = JSON.parse(text) as { run: number; report: unknown };
  saved.push({ name: s.name, scenarioId: id, runId: run, reportBytes: Buffer.byteLength(JSON.stringify(report)) });
}
const store = new Database(db, { readonly: true });
// The report's column: `report` (JSON text) up to schema version 1, `report_deflated` since.
const column = (store.prepare('PRAGMA table_info(runs)').all() as Array<{ name: string }>).find((c) => c.name.startsWith('report'))?.name;
const stored = new Map(
  (store.prepare(`SELECT id, length(CAST(${column} AS BLOB)) AS bytes FROM runs`).all() as Array<{ id: number; bytes: number }>).map(
    (r) => [r.id, r.bytes],
  ),
);
/** The pages the runs table takes (overflow pages and the scenario's YAML included), per run. */
const tableBytesPerRun = (d: Database.Database) =>
  (d.prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'runs'").pluck().get() as number) /
  (d.prepare('SELECT count(*) FROM runs').pluck().get() as number);
const pagesPerRun = tableBytesPerRun(store);
store.close();
const [load1] = loadavg();
console.log(
  `\ncasus bench — HTTP API on loopback (built CLI in a child process; ${cpus().length} CPUs, load average ${load1?.toFixed(1)} at the start)`,
);
console.log('\nStorage: one run with explanations of each scenario, the report as GET /api/runs/:id answers it and as the store keeps it');
const w = Math.max(...saved.map((s) => s.name.length), 8);
console.log(`${'scenario'.padEnd(w)}  ${'report JSON'.padStart(12)}  ${'stored'.padStart(10)}`);
for (const s of saved) console.log(`${s.name.padEnd(w)}  ${kb(s.reportBytes).padStart(12)}  ${kb(stored.get(s.runId) ?? 0).padStart(10)}`);
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const json0 = total(saved.map((s) => s.reportBytes));
const kept0 = total(saved.map((s) => stored.get(s.runId) ?? 0));
console.log(
  `${'mean'.padEnd(w)}  ${kb(json0 / saved.length).padStart(12)}  ${kb(kept0 / saved.length).padStart(10)}  (${(json0 / kept0).toFixed(1)}× smaller)`,
);
console.log(`the runs table on disk: ${kb(pagesPerRun)} a run (pages, the scenario's YAML included)`);

// 2. The load.
const slugs = ((await (await fetch(`${url}/api/treaties`)).json()) as Array<{ treaty: string }>).map((t) => t.treaty);
const days = ['1925-12-01', '1935-05-02', '1936-03-07', '1938-09-30', '1939-09-01', '1941-06-22'];
const runRequests = saved.map(
  (s): LoadRequest => ({ method: 'POST', path: '/api/runs', headers: json, body: JSON.stringify({ scenarioId: s.scenarioId }) }),
);
const readRequests = saved.map((s): LoadRequest => ({ method: 'GET', path: `/api/runs/${s.runId}` }));
// The runs routes once more on one connection: the time a request takes, without the queue of the others.
// `alongside`: a load on other connections for the same time, the foreground figures reported.
const routes: Array<{
  name: string;
  requests: LoadRequest[];
  expect: '2xx' | '4xx';
  connections?: number;
  alongside?: LoadRequest[];
}> = [
  { name: 'GET /api/treaties', requests: [{ method: 'GET', path: '/api/treaties' }], expect: '2xx' },
  { name: 'GET /api/status?at=…', requests: days.map((d) => ({ method: 'GET', path: `/api/status?at=${d}` })), expect: '2xx' },
  { name: 'GET /api/treaties/:slug', requests: slugs.map((s) => ({ method: 'GET', path: `/api/treaties/${s}` })), expect: '2xx' },
  {
    name: 'POST /api/validate',
    requests: crisis.map((s) => ({ method: 'POST', path: '/api/validate', headers: yaml, body: s.text })),
    expect: '2xx',
  },
  {
    name: 'POST /api/scenarios',
    requests: crisis.map((s) => ({ method: 'POST', path: '/api/scenarios', headers: yaml, body: s.text })),
    expect: '2xx',
  },
  { name: 'POST /api/runs', requests: runRequests, expect: '2xx' },
  { name: 'POST /api/runs (1 conn.)', requests: runRequests, expect: '2xx', connections: 1 },
  { name: 'GET /api/runs/:id', requests: readRequests, expect: '2xx' },
  { name: 'GET /api/runs/:id (1 conn.)', requests: readRequests, expect: '2xx', connections: 1 },
  // What a reader of the web app meets while others make runs: the runs are made off the event loop.
  {
    name: 'GET /api/treaties (1 conn.) amid POST /api/runs',
    requests: [{ method: 'GET', path: '/api/treaties' }],
    expect: '2xx',
    connections: 1,
    alongside: runRequests,
  },
  {
    name: 'malformed (400s)',
    requests: [
      { method: 'POST', path: '/api/runs', headers: json, body: '{not json' },
      { method: 'POST', path: '/api/scenarios', headers: yaml, body: 'id: bad\nevents:\n  - {date: 1937-03-01, type: threat, by: GMYY}\n' },
      { method: 'GET', path: '/api/status?at=1936-02-30' },
      { method: 'POST', path: '/api/validate', headers: yaml, body: ':\n  - ]['.repeat(200) },
    ],
    expect: '4xx',
  },
];
// A fifth of the time warms up (JIT, caches, the heap's working size), the rest is measured.
const warmS = Math.max(1, Math.round((seconds * 0.2) / routes.length));
const measureS = Math.max(1, Math.round((seconds * 0.8) / routes.length));
const load = async (r: (typeof routes)[number], duration: number) => {
  const background = r.alongside ? autocannon({ url, connections, duration, requests: r.alongside }) : undefined;
  const res = await autocannon({ url, connections: r.connections ?? connections, duration, requests: r.requests });
  await background;
  return res;
};

const started = server.rss();
for (const r of routes) await load(r, warmS);
const warm = server.rss();
console.log(
  `\nLoad: each route ${warmS} s warm-up, then ${measureS} s measured; RSS ${mb(started)} after start-up, ${mb(warm)} after the warm-up round`,
);
const rw = Math.max(...routes.map((r) => r.name.length));
console.log(
  `${'route'.padEnd(rw)}  ${'req/s'.padStart(7)}  ${'p50'.padStart(7)}  ${'p99'.padStart(7)}  ${'max'.padStart(7)}  ${'unexpected'.padStart(10)}  RSS before → after`,
);
const misses: string[] = [];
for (const r of routes) {
  const before = server.rss();
  const res = await load(r, measureS);
  const after = server.rss();
  const unexpected = res.errors + res.timeouts + (r.expect === '2xx' ? res['4xx'] + res['5xx'] : res['2xx'] + res['5xx']);
  if (res.latency.p99 >= 100) misses.push(r.name);
  console.log(
    `${r.name.padEnd(rw)}  ${res.requests.average.toFixed(0).padStart(7)}  ${`${res.latency.p50} ms`.padStart(7)}  ${`${res.latency.p99} ms`.padStart(7)}  ${`${res.latency.max} ms`.padStart(7)}  ${String(unexpected).padStart(10)}  ${mb(before)} → ${mb(after)}`,
  );
}
const end = server.rss();
const after = new Database(db, { readonly: true });
const runs = after.prepare('SELECT count(*) FROM runs').pluck().get() as number;
const loadPagesPerRun = tableBytesPerRun(after);
after.close();
server.child.kill('SIGTERM');
await server.exited;
const fileBytes = statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
console.log(
  `RSS after the measured round: ${mb(end)} (${end >= warm ? '+' : '-'}${mb(Math.abs(end - warm))} against the warm-up round); p99 < 100 ms: ${misses.length === 0 ? 'every route' : `missed by ${misses.join(', ')}`}`,
);
console.log(
  `database after the load: ${runs} runs, the runs table ${kb(loadPagesPerRun)} a run; the file ${mb(fileBytes)} (saved scenarios included)`,
);
rmSync(dir, { recursive: true, force: true });

/**
 * `npm run fuzz -- --runs N [--kind scenario|treaty|http] [--seed S] [--from I] [--workers W] [--budget MS] [--out DIR]`
 * `npm run fuzz -- --case I [--kind scenario|treaty] [--seed S]`: print case I and what it does.
 *
 * The fuzz of issue 12 at any size. Case i of a run seeded S is drawn from its own seed, so any case
 * can be drawn again alone. Worker threads (default: one per core) run the cases against the
 * property of test/fuzz/harness.ts: load → evaluate → report → JSON succeeds or throws CasusErrors,
 * each with a file, a line and a column. A case that takes longer than the budget (default 2,000 ms)
 * is a hang; one still running after five budgets is stopped (its worker is replaced). Every failing
 * input is written to DIR (default fuzz-failures/), minimised (hangs as drawn), with a note beside it
 * saying what it did and how to draw it again; DIR/summary.json holds the counts. Exit 1 if anything
 * failed.
 *
 * `--kind http` sends the malformed requests of src/server/http-fuzz.ts to the app in-process (an
 * in-memory store): none may answer 5xx, and every 4xx must be in the API's error shape.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { createApp } from '../src/server/app.js';
import { fuzzApp } from '../src/server/http-fuzz.js';
import { Store } from '../src/server/store.js';
import { checkCase, drawCase, type Kind, loadSeeds } from '../test/fuzz/harness.js';
import type { Finding, FromWorker, ToWorker } from './fuzz-worker.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const usage =
  'usage: npm run fuzz -- --runs N [--kind scenario|treaty|http] [--seed S] [--from I] [--workers W] [--budget MS] [--out DIR]\n' +
  '       npm run fuzz -- --case I [--kind scenario|treaty] [--seed S]';
const kind = (option('--kind') ?? 'scenario') as Kind | 'http';
const seed = Number(option('--seed') ?? 1);
const runs = Number(option('--runs') ?? 10_000);
const from = Number(option('--from') ?? 0);
const workers = Number(option('--workers') ?? availableParallelism());
const budget = Number(option('--budget') ?? 2000);
const out = resolve(option('--out') ?? 'fuzz-failures');
const one = option('--case');
if (
  (kind !== 'scenario' && kind !== 'treaty' && kind !== 'http') ||
  (kind === 'http' && option('--case') !== undefined) ||
  ![seed, runs, from, workers, budget].every(Number.isInteger) ||
  runs < 1 ||
  workers < 1 ||
  budget < 1 ||
  (one !== undefined && !Number.isInteger(Number(one)))
) {
  console.error(usage);
  process.exit(2);
}

if (kind === 'http') await fuzzHttp();

async function fuzzHttp(): Promise<never> {
  const web = mkdtempSync(join(tmpdir(), 'casus-fuzz-web-'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>casus</title>');
  const app = createApp(loadCorpus(), new Store(':memory:'), { webDir: web });
  const began = performance.now();
  const rssBefore = process.memoryUsage().rss;
  const statuses: Record<string, number> = {};
  let failures = 0;
  mkdirSync(out, { recursive: true });
  for (let at = from; at < from + runs; at += 1000) {
    const report = await fuzzApp(app, { count: Math.min(1000, from + runs - at), seed, from: at });
    for (const [status, n] of Object.entries(report.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
    for (const f of report.failures) {
      failures++;
      writeFileSync(join(out, `http-seed${seed}-case${f.index}.json`), `${JSON.stringify(f, null, 2)}\n`);
    }
    console.error(
      `http: ${(at - from + report.requests).toLocaleString('en-GB')}/${runs.toLocaleString('en-GB')} requests, ${failures} failures`,
    );
  }
  rmSync(web, { recursive: true, force: true });
  const count = (p: (s: number) => boolean) => Object.entries(statuses).reduce((n, [s, k]) => (p(Number(s)) ? n + k : n), 0);
  const summary = {
    kind,
    seed,
    from,
    runs,
    statuses,
    failures,
    rssBeforeMB: Math.round(rssBefore / 2 ** 20),
    rssAfterMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    seconds: Math.round((performance.now() - began) / 1000),
    command: `npm run fuzz -- --runs ${runs} --kind http --seed ${seed}${from ? ` --from ${from}` : ''}`,
  };
  writeFileSync(join(out, `summary-http-seed${seed}.json`), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    [
      '| kind | requests | 2xx | 4xx | 5xx | failures (5xx, or a 4xx not in the error shape) | RSS before → after |',
      '|---|---:|---:|---:|---:|---:|---|',
      `| http | ${runs.toLocaleString('en-GB')} | ${count((x) => x < 300)} | ${count((x) => x >= 400 && x < 500)} | ${count((x) => x >= 500)} | ${failures} | ${summary.rssBeforeMB} → ${summary.rssAfterMB} MB |`,
    ].join('\n'),
  );
  console.log(`seed ${seed}, requests ${from} to ${from + runs - 1}, ${summary.seconds} s; failing requests and summary in ${out}`);
  process.exit(failures > 0 ? 1 : 0);
}

if (one !== undefined) {
  const c = drawCase(loadSeeds(root), kind, seed, Number(one));
  const t = performance.now();
  const o = checkCase(loadCorpus(), c);
  console.log(`--- case ${one} of ${kind} seed ${seed}, mutated from ${c.from}${c.kind === 'treaty' ? `, read as ${c.file}` : ''}`);
  console.log(c.text);
  console.log(
    `--- ${o.ok ? (o.refused ? 'refused with located errors' : 'evaluated') : `${o.reason}: ${o.error}`} (${(performance.now() - t).toFixed(0)} ms)`,
  );
  process.exit(o.ok ? 0 : 1);
}

const CHUNK = 250;
const end = from + runs;
let next = from;
const queue: Array<[number, number]> = [];
function take(): [number, number] | undefined {
  const again = queue.shift();
  if (again || next >= end) return again;
  const chunk: [number, number] = [next, Math.min(end, next + CHUNK)];
  next = chunk[1];
  return chunk;
}

const totals = { cases: 0, evaluated: 0, refused: 0, crashes: 0, unlocated: 0, hangs: 0, stopped: 0, maxMs: 0 };
const findings: Finding[] = [];
mkdirSync(out, { recursive: true });

/** Cases over the budget that finished: timed again alone at the end, since a loaded machine slows every case. */
const overBudget: Finding[] = [];

function record(f: Finding) {
  if (f.reason === 'hang' && f.ms < 5 * budget && !f.error.includes('alone, the best')) {
    overBudget.push(f);
    return;
  }
  findings.push(f);
  if (f.reason === 'crash') totals.crashes++;
  else if (f.reason === 'no-span') totals.unlocated++;
  else totals.hangs++;
  const ext = kind === 'scenario' ? 'yaml' : 'treaty.md';
  const base = join(out, `${kind}-seed${seed}-case${f.index}`);
  writeFileSync(`${base}.${ext}`, f.input);
  writeFileSync(
    `${base}.txt`,
    [
      `${f.reason} (${f.ms.toFixed(0)} ms), case ${f.index} of a ${kind} fuzz seeded ${seed}, mutated from ${f.from}`,
      f.minimised
        ? 'the input beside this note is minimised: the smallest found that fails the same way'
        : 'the input beside this note is the case as drawn',
      `draw it again: npm run fuzz -- --case ${f.index} --kind ${kind} --seed ${seed}`,
      '',
      f.error,
      '',
    ].join('\n'),
  );
}

type Slot = { worker: Worker; clock: Float64Array; chunk?: [number, number] };
const slots: Slot[] = [];
let finished: () => void = () => {};
const done = new Promise<void>((r) => {
  finished = r;
});

function start(): Slot {
  const shared = new SharedArrayBuffer(16);
  const clock = new Float64Array(shared);
  const worker = new Worker(new URL('./fuzz-worker.mjs', import.meta.url), {
    workerData: { root, kind, seed, budget, shared } satisfies ToWorker,
  });
  const slot: Slot = { worker, clock };
  const feed = () => {
    slot.chunk = take();
    if (slot.chunk) worker.postMessage(slot.chunk);
    else {
      void worker.terminate();
      slots.splice(slots.indexOf(slot), 1);
      if (slots.length === 0) finished();
    }
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') return feed();
    totals.cases += m.cases;
    totals.evaluated += m.evaluated;
    totals.refused += m.refused;
    totals.maxMs = Math.max(totals.maxMs, m.maxMs);
    for (const f of m.findings) record(f);
    progress();
    feed();
  });
  worker.on('error', (e) => {
    console.error(`a fuzz worker failed outside any case: ${e.stack ?? e}`);
    process.exit(3);
  });
  slots.push(slot);
  return slot;
}

// The watchdog: a case still running after five budgets is stopped, counted as a hang, and the rest
// of its chunk goes back to the queue, for the worker that replaces it.
const watchdog = setInterval(() => {
  for (const slot of [...slots]) {
    const [index, since] = [slot.clock[0] as number, slot.clock[1] as number];
    if (!slot.chunk || since === 0 || Date.now() - since < 5 * budget) continue;
    const c = drawCase(loadSeedsOnce(), kind, seed, index);
    totals.cases++;
    totals.stopped++;
    record({
      index,
      reason: 'hang',
      ms: 5 * budget,
      error: `still running after ${5 * budget} ms: stopped`,
      input: c.text,
      from: c.from,
      minimised: false,
    });
    // The worker reports a chunk when it ends it: the cases it ran before this one go back too.
    if (slot.chunk[0] < index) queue.push([slot.chunk[0], index]);
    if (index + 1 < slot.chunk[1]) queue.push([index + 1, slot.chunk[1]]);
    slot.chunk = undefined;
    void slot.worker.terminate();
    slots.splice(slots.indexOf(slot), 1);
    start();
  }
}, 250);

let seedsCache: ReturnType<typeof loadSeeds> | undefined;
const loadSeedsOnce = () => (seedsCache ??= loadSeeds(root));

const began = performance.now();
let lastLine = 0;
function progress(final = false) {
  const now = performance.now();
  if (!final && now - lastLine < (process.stderr.isTTY ? 1000 : 30_000)) return;
  lastLine = now;
  const rate = totals.cases / Math.max(1, (now - began) / 1000);
  const left = rate > 0 ? (end - from - totals.cases) / rate : 0;
  const line = `${kind}: ${totals.cases.toLocaleString('en-GB')}/${runs.toLocaleString('en-GB')} cases, ${totals.crashes} crashes, ${totals.unlocated} unlocated, ${totals.hangs} hangs, ${rate.toFixed(0)}/s${final ? '' : `, ~${Math.ceil(left / 60)} min left`}`;
  if (process.stderr.isTTY && !final) process.stderr.write(`\r${line}   `);
  else console.error(line);
}

for (let i = 0; i < Math.min(workers, Math.ceil(runs / CHUNK)); i++) start();
await done;
clearInterval(watchdog);
if (process.stderr.isTTY) process.stderr.write('\n');
// A case over the budget is a hang if it is over the budget again when it runs alone (the best of
// three), with no other worker beside it.
let slowUnderLoad = 0;
if (overBudget.length > 0) {
  const corpus = loadCorpus();
  for (const f of overBudget) {
    const c = drawCase(loadSeedsOnce(), kind, seed, f.index);
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 3 && best > budget; k++) {
      const t = performance.now();
      checkCase(corpus, c);
      best = Math.min(best, performance.now() - t);
    }
    if (best > budget)
      record({ ...f, ms: best, error: `${f.error}; alone, the best of three runs took ${best.toFixed(0)} ms`, reason: 'hang' });
    else slowUnderLoad++;
  }
}
progress(true);

const seconds = (performance.now() - began) / 1000;
const summary = {
  kind,
  seed,
  from,
  runs,
  budgetMs: budget,
  ...totals,
  overBudgetUnderLoad: slowUnderLoad,
  maxMs: Math.round(totals.maxMs),
  seconds: Math.round(seconds),
  command: `npm run fuzz -- --runs ${runs} --kind ${kind} --seed ${seed}${from ? ` --from ${from}` : ''}`,
};
writeFileSync(join(out, `summary-${kind}-seed${seed}.json`), `${JSON.stringify(summary, null, 2)}\n`);
console.log(
  [
    `| kind | cases | evaluated | refused (located) | crashes | unlocated errors | hangs > ${budget} ms | slowest |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    `| ${kind} | ${totals.cases.toLocaleString('en-GB')} | ${totals.evaluated.toLocaleString('en-GB')} | ${totals.refused.toLocaleString('en-GB')} | ${totals.crashes} | ${totals.unlocated} | ${totals.hangs} | ${Math.round(totals.maxMs)} ms |`,
  ].join('\n'),
);
console.log(
  `seed ${seed}, cases ${from} to ${end - 1}, ${Math.round(seconds)} s; ${slowUnderLoad} cases over the budget under load ran within it alone; failing inputs and summary in ${out}`,
);
process.exit(findings.length > 0 ? 1 : 0);

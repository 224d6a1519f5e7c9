import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryDirectories, testCorpus } from '../../test/helpers.js';
import { type CasusError, inputErrors } from '../base/casus-error.js';
import { DEFAULT_CORPUS_DIR } from '../corpus/load-corpus.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { createApp } from './app.js';
import { RunPool } from './run-pool.js';
import { type RunJob, runReport } from './run-report.js';
import { Store } from './store.js';

/** The built worker: the pool runs compiled code, as `casus serve` does. */
const WORKER = fileURLToPath(new URL('../../dist/server/run-worker.js', import.meta.url));
const tempDir = temporaryDirectories();
const fixtures = ['two-keys', 'open-pact', 'each-ratified'].map((n) =>
  fileURLToPath(new URL(`../../test/fixtures/${n}.treaty.md`, import.meta.url)),
);
const source = { dir: DEFAULT_CORPUS_DIR, extraFiles: fixtures };
const folders = [
  fileURLToPath(new URL('../../scenarios/', import.meta.url)),
  fileURLToPath(new URL('../../../shared/scenarios/seed/', import.meta.url)),
];
const jobs: RunJob[] = folders
  .filter((d) => existsSync(d))
  .flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({ file: f, yaml: readFileSync(join(d, f), 'utf8') })),
  )
  .flatMap(({ file, yaml }) => {
    const s = loadScenario(yaml, file, testCorpus);
    const last = s.at ?? s.events.at(-1)?.date;
    return last ? [true, false].map((explain) => ({ yaml, file, at: last.text, explain })) : [];
  });

const pools: RunPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));
const pool = (size: number, script = WORKER) => {
  const p = new RunPool(size, source, script);
  pools.push(p);
  return p;
};

/** The input errors a promise rejects with, or a thrown call's. */
async function refusal(f: () => unknown): Promise<CasusError[]> {
  try {
    await f();
  } catch (e) {
    return inputErrors(e);
  }
  throw new Error('expected a refusal');
}

describe.skipIf(!existsSync(WORKER))('the run pool of casus serve', () => {
  it('makes every report of the library and the seed suite byte for byte as the main thread does, asked all at once', async () => {
    expect(jobs.length).toBeGreaterThan(20);
    const p = pool(2);
    const made = await Promise.all(jobs.map((j) => p.run(j)));
    made.forEach((out, i) => {
      const here = runReport(testCorpus, jobs[i] as RunJob);
      expect(out.json).toBe(here.json);
      expect(out.at).toBe(here.at);
      expect(inflateSync(out.packed).toString('utf8')).toBe(here.json);
    });
    expect(p.load).toEqual({ queued: 0, running: 0 });
  });

  it('throws a run’s input error again as the same CasusError, with its code, span and field', async () => {
    const job: RunJob = {
      yaml: 'id: x\nevents:\n  - {date: 1936-03-07, type: aggression, by: NOPE, against: FRN}\n',
      file: 'x.yaml',
      at: '1936-03-07',
      explain: false,
    };
    const here = await refusal(() => runReport(testCorpus, job));
    const there = await refusal(() => pool(1).run(job));
    expect(here.length).toBe(1);
    expect(there.map((e) => e.toJSON())).toEqual(here.map((e) => e.toJSON()));
  });

  it('fails the run of a worker that dies, replaces the worker, and refuses every run when workers cannot start', async () => {
    const dir = tempDir('casus-pool-');
    // A stand-in worker: dies on the scenario "die", answers anything else with its text.
    const dying = join(dir, 'dying.mjs');
    writeFileSync(
      dying,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.job.yaml === 'die') process.exit(7);
  parentPort.postMessage({ id: m.id, out: { json: m.job.yaml, packed: new Uint8Array(0), at: m.job.at } });
});
parentPort.postMessage({ ready: true });
`,
    );
    const p = pool(1, dying);
    const job = (yaml: string): RunJob => ({ yaml, file: 'x.yaml', at: '1936', explain: false });
    expect((await p.run(job('a'))).json).toBe('a');
    await expect(p.run(job('die'))).rejects.toThrow('the run worker stopped (exit code 7) while making this run');
    expect((await p.run(job('b'))).json).toBe('b');
    const broken = join(dir, 'broken.mjs');
    writeFileSync(broken, `throw new Error('no corpus here');\n`);
    const q = pool(1, broken);
    await expect(q.run(job('a'))).rejects.toThrow(/the run workers cannot start: no corpus here/);
    await expect(q.run(job('b'))).rejects.toThrow(/cannot start/);
  });

  it('answers POST /api/runs with the bytes of the event loop’s answer, and stores the same run', async () => {
    const inThread = new Store(':memory:');
    const pooled = new Store(':memory:');
    const a = createApp(testCorpus, inThread);
    const b = createApp(testCorpus, pooled, { runs: pool(2) });
    const post = (app: typeof a, yaml: string) =>
      app.request('/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ yaml }) });
    const yamls = [...new Set(jobs.map((j) => j.yaml))].slice(0, 6);
    // Asked at once: the runs are numbered as they finish, each answer names its own.
    const answers = await Promise.all(yamls.map(async (y) => (await post(b, y)).text()));
    const report = (text: string) => text.slice(text.indexOf(',"report":'));
    for (const [i, yaml] of yamls.entries()) {
      const here = await (await post(a, yaml)).text();
      const there = answers[i] as string;
      expect(report(there)).toBe(report(here));
      const run = (JSON.parse(there) as { run: number }).run;
      expect(report(Buffer.from(pooled.getRunJson(run) as Uint8Array).toString())).toBe(report(here));
      expect(pooled.getRun(run)?.scenario).toBe(loadScenario(yaml, 'x.yaml', testCorpus).id);
    }
    expect(pooled.listRuns().length).toBe(yamls.length);
    // A bad scenario is refused by the main thread, before any worker: the same 400 either way.
    const bad = await post(b, 'id: x\nevents: *nope\n');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(await (await post(a, 'id: x\nevents: *nope\n')).json());
    inThread.close();
    pooled.close();
  });
});

/**
 * A worker of `npm run fuzz` (scripts/fuzz.ts): runs the chunks of case numbers it is sent and
 * answers with counts and findings. Before each case it writes the case's number and start time to
 * the shared clock, so the main thread can stop a case that runs far past the budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { checkCase, drawCase, type Kind, loadSeeds, minimiseCase } from '../test/fuzz/harness.js';

export interface ToWorker {
  root: string;
  kind: Kind;
  seed: number;
  budget: number;
  shared: SharedArrayBuffer;
}

export interface Finding {
  index: number;
  reason: 'crash' | 'no-span' | 'hang';
  ms: number;
  error: string;
  input: string;
  from: string;
  minimised: boolean;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'chunk'; cases: number; evaluated: number; refused: number; maxMs: number; findings: Finding[] };

const { root, kind, seed, budget, shared } = workerData as ToWorker;
const clock = new Float64Array(shared);
const corpus = loadCorpus();
const seeds = loadSeeds(root);
const port = parentPort;
if (!port) throw new Error('fuzz-worker runs as a worker thread of scripts/fuzz.ts');

port.on('message', ([lo, hi]: [number, number]) => {
  const m: Extract<FromWorker, { type: 'chunk' }> = { type: 'chunk', cases: 0, evaluated: 0, refused: 0, maxMs: 0, findings: [] };
  for (let i = lo; i < hi; i++) {
    const c = drawCase(seeds, kind, seed, i);
    clock[0] = i;
    clock[1] = Date.now();
    const t = performance.now();
    const o = checkCase(corpus, c);
    const ms = performance.now() - t;
    clock[1] = 0;
    m.cases++;
    m.maxMs = Math.max(m.maxMs, ms);
    if (!o.ok) {
      m.findings.push({ index: i, reason: o.reason, ms, error: o.error, input: minimiseCase(corpus, c), from: c.from, minimised: true });
    } else {
      if (o.refused) m.refused++;
      else m.evaluated++;
      if (ms > budget)
        m.findings.push({
          index: i,
          reason: 'hang',
          ms,
          error: `took ${ms.toFixed(0)} ms, over the budget of ${budget} ms`,
          input: c.text,
          from: c.from,
          minimised: false,
        });
    }
  }
  port.postMessage(m);
});
port.postMessage({ type: 'ready' } satisfies FromWorker);

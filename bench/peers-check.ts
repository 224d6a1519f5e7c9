/**
 * `npx tsx bench/peers-check.ts [from] [to]`: the peers' self-check, then the conditional defence
 * question over the ATOP library (CASUS_ATOP_DIR, default /tmp/atop-peer, made by
 * `casus import atop ... --out /tmp/atop-peer`) answered by casus, clingo and json-rules-engine;
 * prints their times and whether the answers are equal. Exits 1 if any answer differs.
 * Without years, each peer runs on its default window (DEFAULT_WINDOWS in bench/peers.ts).
 */
import { type SweepModel, sweepModel } from '../src/analysis/sweep.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { casusAnswer, clingoAnswer, DEFAULT_WINDOWS, jreAnswer, type PeerResult, sameAnswer, selfCheck } from './peers.js';

const dir = process.env.CASUS_ATOP_DIR ?? '/tmp/atop-peer';
const [fromArg, toArg] = process.argv.slice(2);
const asked = fromArg ? { from: Number(fromArg), to: Number(toArg ?? fromArg) } : undefined;
if (asked && !(Number.isInteger(asked.from) && Number.isInteger(asked.to) && asked.from <= asked.to)) {
  console.error('usage: npx tsx bench/peers-check.ts [from] [to]');
  process.exit(2);
}

const failures = await selfCheck();
console.log(failures.length === 0 ? 'self-check: ok' : `self-check FAILED:\n  ${failures.join('\n  ')}`);
let ok = failures.length === 0;

let t = performance.now();
const corpus = loadCorpus(dir);
const loadMs = performance.now() - t;
t = performance.now();
const model: SweepModel = sweepModel(corpus);
console.log(
  `corpus ${dir}: ${corpus.treaties.size} treaties, loaded in ${loadMs.toFixed(0)} ms; ` +
    `sweep model ${model.instances.length} instances in ${(performance.now() - t).toFixed(0)} ms`,
);

const ms = (v: number | undefined) => (v === undefined ? '-' : `${v.toFixed(0)} ms`);
const peers: Array<[string, { from: number; to: number }, (from: number, to: number) => PeerResult | Promise<PeerResult>]> = [
  ['clingo', asked ?? DEFAULT_WINDOWS.clingo, (from, to) => clingoAnswer(model, from, to)],
  ['json-rules-engine', asked ?? DEFAULT_WINDOWS.jre, (from, to) => jreAnswer(model, from, to)],
];
const casusByWindow = new Map<string, ReturnType<typeof casusAnswer>>();
for (const [name, { from, to }, run] of peers) {
  const key = `${from}-${to}`;
  let casus = casusByWindow.get(key);
  if (!casus) {
    casus = casusAnswer(model, from, to);
    casusByWindow.set(key, casus);
    // The first sweep of a model also computes each instance's value per adversary (cached on the model).
    const again = casusAnswer(model, from, to);
    console.log(`\n${key}: casus sweep ${ms(casus.ms)} (first sweep of the model), ${ms(again.ms)} (again); ${casus.rows.length} rows`);
  }
  const got = await run(from, to);
  if ('skipped' in got) {
    console.log(`  ${name}: skipped: ${got.skipped}`);
    continue;
  }
  const same = sameAnswer(casus.rows, got.rows, ['casus', name]);
  if (!same.equal) ok = false;
  console.log(`  ${name}: ${ms(got.ms)} engine, ${ms(got.genMs)} generating ${got.size ?? ''}; ${same.detail}`);
}
process.exit(ok ? 0 : 1);

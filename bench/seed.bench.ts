/**
 * `npm run bench`: how fast casus answers the seed suite. Prints a table — a measurement,
 * never a test. In-process: the median time to evaluate each scenario with explanations
 * (corpus parsed and checked once, scenario loaded once). End to end: the median wall time
 * of the built CLI (`node dist/cli/main.js`), start-up and corpus loading included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { evaluate } from '../src/engine/evaluate.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

const shared = fileURLToPath(new URL('../../shared/scenarios/seed/', import.meta.url));
const library = fileURLToPath(new URL('../scenarios/', import.meta.url));
const dir = existsSync(shared) ? shared : library;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

const corpusStart = performance.now();
const corpus = loadCorpus();
const corpusMs = performance.now() - corpusStart;

const bench = new Bench({ time: 300, warmup: true });
for (const f of files) {
  const scenario = loadScenario(readFileSync(`${dir}${f}`, 'utf8'), f, corpus);
  const at = scenario.at ?? scenario.events.at(-1)?.date;
  if (!at) continue;
  const name = f.replace(/\.yaml$/, '');
  bench.add(`${name}|explain`, () => {
    evaluate(corpus, scenario, at, { explain: true });
  });
  bench.add(`${name}|bare`, () => {
    evaluate(corpus, scenario, at, { explain: false });
  });
}
await bench.run();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const wall = (args: string[], runs: number) =>
  median(
    Array.from({ length: runs }, () => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`casus ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return performance.now() - t;
    }),
  );

const p50 = new Map<string, number>();
for (const task of bench.tasks) {
  const latency = (task.result as { latency?: { p50?: number } } | undefined)?.latency?.p50;
  if (latency !== undefined) p50.set(task.name, latency * 1000);
}
const names = [...new Set(bench.tasks.map((t) => t.name.split('|')[0] as string))];
const us = (v: number | undefined) => (v === undefined ? '-' : `${v.toFixed(1)} µs`);

console.log(`\ncasus bench — ${names.length} scenarios from ${dir}`);
console.log(`corpus parse + check (once per process): ${corpusMs.toFixed(1)} ms`);
console.log('median time to evaluate one scenario in-process (corpus loaded and compiled once)\n');
const w = Math.max(...names.map((n) => n.length), 8);
console.log(`${'scenario'.padEnd(w)}  ${'with explanations'.padStart(18)}  ${'without'.padStart(12)}`);
for (const n of names) console.log(`${n.padEnd(w)}  ${us(p50.get(`${n}|explain`)).padStart(18)}  ${us(p50.get(`${n}|bare`)).padStart(12)}`);
const all = names.map((n) => p50.get(`${n}|explain`) ?? 0).sort((a, b) => a - b);
console.log(`${'median'.padEnd(w)}  ${us(all[Math.floor(all.length / 2)]).padStart(18)}`);

if (existsSync(bin)) {
  const one = `${dir}${files[0]}`;
  console.log('\nCLI end to end (node dist/cli/main.js, median of 5 runs)');
  console.log(`  casus run ${files[0]} --json          ${wall(['run', one, '--json'], 5).toFixed(0)} ms`);
  console.log(`  casus test <all ${files.length} scenarios>        ${wall(['test', dir], 5).toFixed(0)} ms`);
} else {
  console.log('\n(dist/ not built: run `npm run build` for the CLI timings)');
}

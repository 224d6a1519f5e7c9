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
  bench.add(f.replace(/\.yaml$/, ''), () => {
    evaluate(corpus, scenario, at, { explain: true });
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

const rows: Array<[string, string, string]> = [];
for (const task of bench.tasks) {
  const result = task.result as { latency?: { p50?: number }; throughput?: { mean?: number } } | undefined;
  const p50 = result?.latency?.p50;
  rows.push([
    task.name,
    p50 === undefined ? '-' : `${(p50 * 1000).toFixed(1)} µs`,
    result?.throughput?.mean ? `${Math.round(result.throughput.mean)}/s` : '-',
  ]);
}

console.log(`\ncasus bench — ${files.length} scenarios from ${dir}`);
console.log(`corpus parse + check (once per process): ${corpusMs.toFixed(1)} ms\n`);
const w = Math.max(...rows.map((r) => r[0].length), 8);
console.log(`${'scenario'.padEnd(w)}  ${'median (in-process, with explanations)'.padStart(40)}  ${'throughput'.padStart(12)}`);
for (const [name, p50, ops] of rows) console.log(`${name.padEnd(w)}  ${p50.padStart(40)}  ${ops.padStart(12)}`);

if (existsSync(bin)) {
  const one = `${dir}${files[0]}`;
  console.log('\nCLI end to end (node dist/cli/main.js, median of 5 runs)');
  console.log(`  casus run ${files[0]} --json          ${wall(['run', one, '--json'], 5).toFixed(0)} ms`);
  console.log(`  casus test <all ${files.length} scenarios>        ${wall(['test', dir], 5).toFixed(0)} ms`);
} else {
  console.log('\n(dist/ not built: run `npm run build` for the CLI timings)');
}

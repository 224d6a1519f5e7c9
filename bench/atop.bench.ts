/**
 * `npm run bench`, second part: alliances at scale, on the user's ATOP 4.01 copy (by default
 * `../shared/data/`, or the folder in CASUS_DATA). Prints tables — measurements, never tests:
 *
 * 1. the import (ATOP member rows → literate treaties) and loading the library;
 * 2. the sweep over every ATOP 4.01 alliance, 1815-2003, in its conditional form (attacker ×
 *    target × year → the defenders bound), in-process, cold (model built from the rules each
 *    time) — target < 5 s;
 * 3. the same question answered by clingo (Debian's `gringo` package) on an ASP program, and by
 *    json-rules-engine on JSON rules, both generated from the same imported treaties, on a
 *    window of years (bench/peers.ts says why that window); answers checked equal to casus's on
 *    the same window, and casus's speed-up printed. A missing peer is reported and skipped;
 * 4. Monte Carlo cascades on the compiled defence networks of 1914 (ATOP) and 1939 (ATOP, and
 *    the casus corpus): cascades per second on one core — target ≥ 10^6.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../src/analysis/cascade.js';
import { compileNetwork, NetworkRunner } from '../src/analysis/network-cascade.js';
import { sweepAttacks, sweepModel } from '../src/analysis/sweep.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import type { Corpus } from '../src/corpus/treaty.js';
import { ATOP_CITATION, importAtop, LEAGUE_HEADER } from '../src/importers/atop.js';
import { importCowStates } from '../src/importers/cow-states.js';
import { casusAnswer, clingoAnswer, DEFAULT_WINDOWS, jreAnswer, type PeerResult, sameAnswer } from './peers.js';

const data = process.env.CASUS_DATA ?? fileURLToPath(new URL('../../shared/data/', import.meta.url));
const members = join(data, 'atop4_01m.csv');
const cow = join(data, 'cow_states2016.csv');
if (!existsSync(members) || !existsSync(cow)) {
  console.log(`\nATOP benchmarks skipped: no ${members} or ${cow} (set CASUS_DATA to the folder holding your ATOP and COW copies).`);
  process.exit(0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

// 1. Import and load.
const [imported, importMs] = time(() =>
  importAtop(readFileSync(members, 'utf8'), members, importCowStates(readFileSync(cow, 'utf8'), cow)),
);
const dir = mkdtempSync(join(tmpdir(), 'casus-bench-atop-'));
mkdirSync(join(dir, 'data'));
for (const t of imported.treaties) writeFileSync(join(dir, t.name), t.text);
writeFileSync(join(dir, 'data', 'states.csv'), imported.statesCsv);
writeFileSync(join(dir, 'data', 'league-membership.csv'), LEAGUE_HEADER);
writeFileSync(
  join(dir, 'data', 'exile-governments.csv'),
  readFileSync(fileURLToPath(new URL('../corpus/data/exile-governments.csv', import.meta.url))),
);
const [, coldLoadMs] = time(() => loadCorpus(dir, [], { cacheDir: false }));
const [atop, loadMs] = time(() => loadCorpus(dir, [], { cacheDir: join(dir, '.cache') }) as Corpus);
const [, warmLoadMs] = time(() => loadCorpus(dir, [], { cacheDir: join(dir, '.cache') }));

console.log(`\ncasus bench — ATOP 4.01 (${imported.rows} member rows, ${imported.treaties.length} treaties). Cite: ${ATOP_CITATION}`);
console.log(
  `import ${ms(importMs)}; load and check the library: ${ms(coldLoadMs)} cold, ${ms(warmLoadMs)} from the parse cache (${ms(loadMs)} filling it)`,
);

// 2. The full conditional sweep, cold, 3 times.
const sweeps = Array.from({ length: 3 }, () =>
  time(() => {
    const model = sweepModel(atop);
    let n = 0;
    const r = sweepAttacks(model, { from: 1815, to: 2003 }, () => {
      n++;
    });
    return { ...r, n };
  }),
);
const [sweepResult] = sweeps[0] as [{ rows: number; bound: number }, number];
const sweepMs = median(sweeps.map(([, t]) => t));
console.log('\nSweep, conditional form (attacker × target × year → defenders bound), 1815-2003, one thread, rules compiled each time');
console.log(
  `  ${sweepResult.rows.toLocaleString('en')} rows (${sweepResult.bound.toLocaleString('en')} bound, the rest conditional): median ${ms(sweepMs)} of 3 — target < 5 s ${sweepMs < 5000 ? 'met' : 'NOT met'}`,
);

// The same through the built CLI, end to end: start-up, loading, worker threads, and writing every row to a file.
const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (existsSync(bin)) {
  const out = join(dir, 'attacks.csv');
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [bin, '--corpus', dir, 'sweep', '--from', '1815', '--to', '2003', '--attacker', 'any', '--out', out],
    {
      encoding: 'utf8',
    },
  );
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`casus sweep exited ${r.status}: ${r.stderr}`);
  console.log(`  casus sweep --attacker any --out FILE (the CLI, end to end, ${statSync(out).size >> 20} MB written): ${ms(wall)}`);
  rmSync(out);
}

// 3. Peers, on their windows.
console.log('\nPeers on the same question (defence, conditional form), same inputs, answers checked equal to casus’s');
const header = `  ${'engine'.padEnd(20)} ${'years'.padEnd(10)} ${'rows'.padStart(8)} ${'time'.padStart(10)} ${'casus'.padStart(9)} ${'speed-up'.padStart(9)}  answers`;
console.log(header);
const peerLine = async (
  name: string,
  window: { from: number; to: number },
  run: () => PeerResult | Promise<PeerResult>,
  target: number,
) => {
  // casus on the same window, cold (a fresh model), median of 5.
  const casusRuns = Array.from({ length: 5 }, () => {
    const model = sweepModel(atop);
    const t = performance.now();
    const a = casusAnswer(model, window.from, window.to);
    return { a, t: performance.now() - t };
  });
  const casusMs = median(casusRuns.map((r) => r.t));
  const casusRows = (casusRuns[0] as { a: { rows: string[] } }).a.rows;
  const r = await run();
  const years = `${window.from}-${window.to}`;
  if ('skipped' in r) {
    console.log(
      `  ${name.padEnd(20)} ${years.padEnd(10)} ${'-'.padStart(8)} ${'skipped'.padStart(10)} ${ms(casusMs).padStart(9)} ${'-'.padStart(9)}  ${r.skipped}`,
    );
    return;
  }
  const same = sameAnswer(casusRows, r.rows, ['casus', name]);
  const speedup = r.ms / casusMs;
  console.log(
    `  ${name.padEnd(20)} ${years.padEnd(10)} ${String(r.rows.length).padStart(8)} ${ms(r.ms).padStart(10)} ${ms(casusMs).padStart(9)} ${`${speedup.toFixed(0)}×`.padStart(9)}  ${same.equal ? 'equal' : `DIFFER: ${same.detail}`} (target ≥ ${target}× ${speedup >= target && same.equal ? 'met' : 'NOT met'})`,
  );
};
await peerLine(
  'clingo',
  DEFAULT_WINDOWS.clingo,
  () => clingoAnswer(sweepModel(atop), DEFAULT_WINDOWS.clingo.from, DEFAULT_WINDOWS.clingo.to),
  20,
);
await peerLine(
  'json-rules-engine',
  DEFAULT_WINDOWS.jre,
  () => jreAnswer(sweepModel(atop), DEFAULT_WINDOWS.jre.from, DEFAULT_WINDOWS.jre.to),
  100,
);
console.log(
  '  (casus: the sweep with its rules compiled afresh; clingo: the clingo process on the generated program; json-rules-engine: building and running its engines)',
);

// 4. Cascades per second on one core.
console.log('\nMonte Carlo cascades on the compiled defence network, one core (compliance 0.5 for every state, seed 1)');
const shipped = loadCorpus();
const cases: Array<{ name: string; corpus: Corpus; year: number; attacker: string; target: string }> = [
  { name: '1914 (ATOP)', corpus: atop, year: 1914, attacker: 'AUH', target: 'YUG' },
  { name: '1939 (ATOP)', corpus: atop, year: 1939, attacker: 'GMY', target: 'POL' },
  { name: '1939 (casus corpus)', corpus: shipped, year: 1939, attacker: 'GMY', target: 'POL' },
];
for (const c of cases) {
  const net = compileNetwork(c.corpus, c.year);
  const runner = new NetworkRunner(net, { default: 0.5, states: {} });
  const a = net.states.indexOf(c.attacker);
  const t = net.states.indexOf(c.target);
  const rand = mulberry32(1);
  for (let i = 0; i < 100_000; i++) runner.run(a, t, rand); // warm-up
  const rates = Array.from({ length: 3 }, () => {
    const n = 2_000_000;
    const start = performance.now();
    let size = 0;
    for (let i = 0; i < n; i++) size += runner.run(a, t, rand);
    const elapsed = performance.now() - start;
    return { rate: (n / elapsed) * 1000, mean: size / n };
  });
  const rate = median(rates.map((r) => r.rate));
  console.log(
    `  ${c.name.padEnd(20)} ${c.attacker} attacks ${c.target}: ${net.states.length} states, ${net.edges} pledges; ${(rate / 1e6).toFixed(2)} M cascades/s (mean war size ${(rates[0]?.mean ?? 0).toFixed(2)}) — target ≥ 1 M ${rate >= 1e6 ? 'met' : 'NOT met'}`,
  );
}

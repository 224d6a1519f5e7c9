/**
 * `npm run property -- [--runs N] [--seed S] [--only sweep|years|network] [--atop]`: the one-semantics
 * property checks of test/one-semantics.test.ts with any number of random questions (default 2000),
 * over the shipped corpus and, with --atop, over ATOP 4.01 imported from ../shared/data (or the
 * folder in CASUS_DATA). Prints each disagreement and exits 1 if there is any; same seed, same
 * questions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sweepModel } from '../src/analysis/sweep.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import type { Corpus } from '../src/corpus/treaty.js';
import { importAtop } from '../src/importers/atop.js';
import { library } from '../src/importers/atop-fixture.js';
import { importCowStates } from '../src/importers/cow-states.js';
import { loadScenario } from '../src/scenario/load-scenario.js';
import { Draw, networkAgainstCascade, sweepAgainstEngine, yearsAgainstDays } from '../test/property/one-semantics.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option('--runs') ?? 2000);
const seed = Number(option('--seed') ?? 1);
const only = option('--only');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run property -- [--runs N] [--seed S] [--only sweep|years|network] [--atop]');
  process.exit(2);
}

const libraries: Array<{ name: string; corpus: Corpus; years: { from: number; to: number } }> = [
  { name: 'shipped corpus', corpus: loadCorpus(), years: { from: 1920, to: 1945 } },
];
if (args.includes('--atop')) {
  const data = process.env.CASUS_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
  const m = join(data, 'atop4_01m.csv');
  const s = join(data, 'cow_states2016.csv');
  if (!existsSync(m) || !existsSync(s)) {
    console.error(`--atop: no ATOP data in ${data} (atop4_01m.csv and cow_states2016.csv)`);
    process.exit(2);
  }
  const states = importCowStates(readFileSync(s, 'utf8'), s);
  libraries.push({ name: 'ATOP 4.01', corpus: library(importAtop(readFileSync(m, 'utf8'), m, states)), years: { from: 1816, to: 1944 } });
}

let failed = 0;
const report = (what: string, r: { asked: number; disagreements: string[] }, ms: number) => {
  console.log(`${what}: ${r.asked} questions, ${r.disagreements.length} disagreements (${(ms / 1000).toFixed(1)} s)`);
  for (const d of r.disagreements) console.log(`  ${d}`);
  failed += r.disagreements.length;
};
for (const lib of libraries) {
  for (const [label, options] of [
    ['unknown character', {}],
    ['unprovoked', { unprovoked: true }],
    ['--any-member', { anyMember: true }],
  ] as const) {
    const model = sweepModel(lib.corpus, options);
    if (!only || only === 'sweep') {
      const t = performance.now();
      report(
        `${lib.name}, sweep against engine (${label})`,
        sweepAgainstEngine(lib.corpus, model, new Draw(seed), runs, lib.years),
        performance.now() - t,
      );
    }
    if ((!only || only === 'years') && label === 'unknown character') {
      const t = performance.now();
      const n = Math.max(1, Math.round(runs / 200));
      report(`${lib.name}, dyad-years against days`, yearsAgainstDays(model, new Draw(seed + 1), n, lib.years), performance.now() - t);
    }
  }
  if (!only || only === 'network') {
    const model = sweepModel(lib.corpus, { unprovoked: true });
    const t = performance.now();
    const days = Math.max(1, Math.round(runs / 50));
    report(
      `${lib.name}, network cascade against scenario cascade`,
      networkAgainstCascade(lib.corpus, model, new Draw(seed + 2), days, 10, lib.years, (text) => loadScenario(text, 'q.yaml', lib.corpus)),
      performance.now() - t,
    );
  }
}
process.exit(failed > 0 ? 1 : 0);

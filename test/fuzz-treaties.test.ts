/**
 * The bounded, seeded fuzz of treaty files (issue 12): 200 mutations of the corpus treaties, each
 * loaded in place of the treaty it mutates, checked with the corpus, and evaluated against a crisis
 * scenario that names it; every one either succeeds or is refused with located CasusErrors.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { checkCase, drawCase, loadSeeds, minimiseCase } from './fuzz/harness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = loadCorpus();
const seeds = loadSeeds(root);

describe('fuzzed treaty files', () => {
  it('200 seeded mutations: each evaluates, or is refused with a file, a line and a column', () => {
    const failures: string[] = [];
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      const c = drawCase(seeds, 'treaty', 12, i);
      const o = checkCase(corpus, c);
      if (!o.ok) {
        if (failures.length < 3)
          failures.push(`case ${i} (from ${c.from}), ${o.reason}: ${o.error}\n--- minimised input:\n${minimiseCase(corpus, c, 100)}`);
        else failures.push(`case ${i}`);
      } else if (o.refused) refused++;
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(20);
    expect(refused).toBeLessThan(190);
  }, 180_000);
});

/**
 * The bounded, seeded fuzz of scenario files (issue 12): 2,000 mutations of the crisis scenarios and
 * the shared acceptance cases, each loaded, evaluated and serialised; every one either succeeds or is
 * refused with located CasusErrors. Same seed, same inputs. `npm run fuzz` runs any number.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { checkCase, checkScenario, drawCase, loadSeeds, minimiseCase } from './fuzz/harness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = loadCorpus();
const seeds = loadSeeds(root);

const FUZZ_SEED = 12;

describe('fuzzed scenario files', () => {
  it('2,000 seeded mutations: each evaluates, or is refused with a file, a line and a column', () => {
    const failures: string[] = [];
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const c = drawCase(seeds, 'scenario', FUZZ_SEED, i);
      const o = checkCase(corpus, c);
      if (!o.ok) {
        if (failures.length < 3)
          failures.push(`case ${i} (from ${c.from}), ${o.reason}: ${o.error}\n--- minimised input:\n${minimiseCase(corpus, c, 200)}`);
        else failures.push(`case ${i}`);
      } else if (o.refused) refused++;
    }
    expect(failures).toEqual([]);
    // The mutations reach both sides: inputs the engine evaluates and inputs it refuses.
    expect(refused).toBeGreaterThan(200);
    expect(refused).toBeLessThan(1900);
  }, 180_000);

  it('the property can fail: an exception that is not a CasusError is a crash', () => {
    const broken = { ...corpus, treaties: undefined } as unknown as typeof corpus;
    const o = checkScenario(broken, 'id: x\nevents:\n  - {date: 1936-03-07, type: threat, by: GMY, against: FRN}\n');
    expect(o).toMatchObject({ ok: false, reason: 'crash' });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { parseDate } from '../src/base/partial-date.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import type { Corpus } from '../src/corpus/treaty.js';
import { evaluate } from '../src/engine/evaluate.js';
import type { NormInstance, Report } from '../src/engine/report.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

/** The shipped corpus plus the test-only treaty of test/fixtures. */
export const testCorpus: Corpus = loadCorpus(undefined, [
  fileURLToPath(new URL('./fixtures/two-keys.treaty.md', import.meta.url)),
  fileURLToPath(new URL('./fixtures/open-pact.treaty.md', import.meta.url)),
  fileURLToPath(new URL('./fixtures/each-ratified.treaty.md', import.meta.url)),
]);

/** Evaluates a scenario written inline as YAML events (one flow mapping per line). */
export function run(events: string[], at: string, corpus: Corpus = testCorpus, explain = false): Report {
  const text = `id: inline\nevents:\n${events.map((e) => `  - ${e}`).join('\n')}\n`;
  const scenario = loadScenario(events.length > 0 ? text : 'id: inline\nevents: []\n', 'inline.yaml', corpus);
  return evaluate(corpus, scenario, parseDate(at), { explain });
}

/** The one instance of a norm between two states; fails loudly if there is not exactly one. */
export function instance(report: Report, norm: string, holder: string, beneficiary: string): NormInstance {
  const found = report.norms.filter((n) => n.norm === norm && n.holder === holder && n.beneficiary === beneficiary);
  if (found.length !== 1)
    throw new Error(
      `${found.length} instances of ${norm} ${holder}->${beneficiary}: ${JSON.stringify(report.norms.map((n) => [n.norm, n.holder, n.beneficiary, n.status]))}`,
    );
  return found[0] as NormInstance;
}

/** A fresh temporary directory, removed when the test file's tests are done. Call at the top level of a test file. */
export function temporaryDirectories(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

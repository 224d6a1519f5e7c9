import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { fromDayNumber } from '../base/partial-date.js';
import { F } from '../base/tri.js';
import type { Treaty } from '../corpus/treaty.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { SLOT } from './compile.js';
import { compileNorm } from './compile-norm.js';
import { cond } from './interpret.js';
import { indexTimeline } from './timeline-index.js';
import type { Value } from './values.js';

const library = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const shared = fileURLToPath(new URL('../../../shared/scenarios/seed/', import.meta.url));
const dirs = [library, shared].filter((d) => {
  try {
    return readdirSync(d).length > 0;
  } catch {
    return false;
  }
});
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${d}${f}`),
);

describe('the compiled fast path', () => {
  it('agrees with the interpreter on every condition, at every date of every scenario, plain and optimistic', () => {
    let compared = 0;
    for (const file of files) {
      const scenario = loadScenario(readFileSync(file, 'utf8'), file, testCorpus);
      const index = indexTimeline(testCorpus, scenario.events);
      const days = [...new Set(index.events.map((e) => e.date.lo))].filter((d) => d >= (scenario.events[0]?.date.lo ?? 0));
      for (const treaty of testCorpus.treaties.values() as Iterable<Treaty>) {
        for (const norm of treaty.norms) {
          const def = norm.def;
          if (!def.condition || !def.trigger) continue;
          const compiled = compileNorm(norm, testCorpus);
          for (const ev of index.byType(def.trigger.eventType)) {
            // Every pair of parties for a small treaty; for the Covenant and the open pacts, the
            // states the trigger names and one bystander (the others only repeat the same answers).
            const named = new Set(Object.values(ev.fields).flat());
            const bystander = treaty.parties.find((p) => !named.has(p));
            const roles = treaty.parties.length <= 6 ? treaty.parties : treaty.parties.filter((p) => named.has(p) || p === bystander);
            for (const holder of roles) {
              for (const beneficiary of roles) {
                if (holder === beneficiary) continue;
                const frame: Value[] = new Array(compiled.frameSize);
                Object.assign(frame, {
                  [SLOT.holder]: holder,
                  [SLOT.beneficiary]: beneficiary,
                  [SLOT.parties]: treaty.parties,
                  [SLOT.trigger]: ev,
                });
                const env = new Map<string, Value>([
                  ['holder', holder],
                  ['beneficiary', beneficiary],
                  ['parties', treaty.parties],
                  ['trigger', ev],
                  [def.trigger.variable, ev],
                ]);
                for (const day of days) {
                  const at = fromDayNumber(day);
                  const status = () => ({ statuses: [], missing: [] });
                  const ctx = {
                    corpus: testCorpus,
                    index,
                    at,
                    treaty,
                    provision: norm.provision,
                    explain: false,
                    alternatives: true,
                    depth: 0,
                    status,
                  };
                  const slow = cond(def.condition, env, ctx);
                  const fast = compiled.condition?.(frame, { index, at, corpus: testCorpus, open: false, status });
                  const open = compiled.condition?.(frame, { index, at, corpus: testCorpus, open: true, status });
                  expect([file, norm.id, holder, at.text, fast]).toEqual([file, norm.id, holder, at.text, slow.v]);
                  // Optimistically false exactly when nothing that may still happen makes it true.
                  expect([file, norm.id, holder, at.text, open === F]).toEqual([
                    file,
                    norm.id,
                    holder,
                    at.text,
                    slow.v === F && (slow.t ?? []).length === 0,
                  ]);
                  compared++;
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

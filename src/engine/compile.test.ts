import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { fromDayNumber } from '../base/partial-date.js';
import { mulberry32 } from '../base/prng.js';
import { F } from '../base/tri.js';
import type { Treaty } from '../corpus/treaty.js';
import type { Expr } from '../language/ast.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { type CompiledCond, SLOT } from './compile.js';
import { compileNorm } from './compile-norm.js';
import { treatyLives } from './evaluate.js';
import { InstanceEngine } from './instances.js';
import { cond, term } from './interpret.js';
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

describe('the compiled fast path, against the interpreter with the engine’s own status lookups', () => {
  it('agrees on every compiled piece of every norm, triggered and standing, on event days and on random days between them', () => {
    const draw = mulberry32(5);
    let compared = 0;
    const seen = new Set<string>();
    for (const file of files) {
      const scenario = loadScenario(readFileSync(file, 'utf8'), file, testCorpus);
      const index = indexTimeline(testCorpus, scenario.events);
      const engine = new InstanceEngine(testCorpus, index, treatyLives(testCorpus, scenario.events));
      const eventDays = [...new Set(scenario.events.map((e) => e.date.lo))].sort((a, b) => a - b);
      // Event days, and a random day in every gap between two of them, and around them.
      const days = new Set(eventDays);
      for (let i = 0; i + 1 < eventDays.length; i++) {
        const [a, b] = [eventDays[i] as number, eventDays[i + 1] as number];
        if (b - a > 1) days.add(a + 1 + Math.floor(draw() * (b - a - 1)));
      }
      if (eventDays.length > 0) {
        days.add((eventDays[0] as number) - 1 - Math.floor(draw() * 300));
        days.add((eventDays.at(-1) as number) + 1 + Math.floor(draw() * 300));
      }
      for (const treaty of testCorpus.treaties.values() as Iterable<Treaty>) {
        const parties = engine.lives.get(treaty.slug)?.parties ?? treaty.parties;
        for (const norm of treaty.norms) {
          const def = norm.def;
          const compiled = compileNorm(norm, testCorpus);
          const triggers = def.trigger ? index.byType(def.trigger.eventType).slice(0, 4) : [undefined];
          for (const ev of triggers) {
            const named = new Set(ev ? Object.values(ev.fields).flat() : []);
            const bystander = parties.find((p) => !named.has(p));
            const roles = parties.length <= 6 ? parties : parties.filter((p) => named.has(p) || p === bystander).slice(0, 4);
            for (const holder of roles) {
              for (const beneficiary of roles) {
                if (holder === beneficiary) continue;
                for (const day of days) {
                  const at = fromDayNumber(day);
                  const frame: Value[] = new Array(compiled.frameSize);
                  Object.assign(frame, {
                    [SLOT.holder]: holder,
                    [SLOT.beneficiary]: beneficiary,
                    [SLOT.parties]: parties,
                    [SLOT.trigger]: ev,
                  });
                  const env = new Map<string, Value>([
                    ['holder', holder],
                    ['beneficiary', beneficiary],
                    ['parties', parties],
                  ]);
                  if (ev && def.trigger) env.set('trigger', ev).set(def.trigger.variable, ev);
                  const ctx = engine.context(treaty, norm.provision, at, false, true);
                  const x = engine.fast(at, 0);
                  const xOpen = engine.fast(at, 0, true);
                  const label = [file.split('/').pop(), norm.id, holder, beneficiary, at.text];
                  const pieces: Array<[string, Expr | undefined, CompiledCond | undefined]> = [
                    ['trigger', def.trigger?.where, compiled.triggerWhere],
                    ['condition', def.condition, compiled.condition],
                  ];
                  if (def.counterparty && compiled.counterparty) {
                    const cp = compiled.counterparty(frame, x);
                    expect([...label, 'counterparty', cp]).toEqual([...label, 'counterparty', term(def.counterparty, env, ctx)]);
                    if (typeof cp === 'string') {
                      frame[SLOT.counterparty] = cp;
                      env.set('counterparty', cp);
                    }
                  }
                  for (const [what, e, c] of pieces) {
                    if (!e || !c) continue;
                    const slow = cond(e, env, ctx);
                    expect([...label, what, c(frame, x)]).toEqual([...label, what, slow.v]);
                    expect([...label, what, 'open', c(frame, xOpen) === F]).toEqual([
                      ...label,
                      what,
                      'open',
                      slow.v === F && (slow.t ?? []).length === 0,
                    ]);
                    seen.add(`${what}${def.trigger ? '' : ' (standing)'}`);
                    compared++;
                  }
                  // The event patterns (forbidden act, performance, breach, end), each bound to every event of its type.
                  for (const [what, p, cp] of [
                    ['forbids', def.forbids, compiled.forbids],
                    ['fulfilled by', def.fulfilledBy, compiled.fulfilledBy],
                    ['breached by', def.breachedBy, compiled.breachedBy],
                    ['ends by', def.endsBy, compiled.endsBy],
                  ] as const) {
                    if (!p?.where || !cp?.where) continue;
                    for (const act of index.byType(p.eventType).slice(0, 6)) {
                      frame[cp.slot] = act;
                      const slow = cond(p.where, new Map(env).set(p.variable, act), ctx);
                      expect([...label, what, act.seq, cp.where(frame, x)]).toEqual([...label, what, act.seq, slow.v]);
                      seen.add(`${what}${def.trigger ? '' : ' (standing)'}`);
                      compared++;
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    // Every kind of piece was compared, standing norms' forbidden acts and real status lookups among them.
    for (const piece of ['trigger', 'condition', 'forbids', 'forbids (standing)', 'fulfilled by', 'ends by', 'ends by (standing)']) {
      expect(seen).toContain(piece);
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});

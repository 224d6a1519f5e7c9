import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { parseDate } from '../base/partial-date.js';
import { evaluate } from '../engine/evaluate.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { scenarioTimeline } from './scenario-timeline.js';

const file = fileURLToPath(new URL('../../scenarios/03-hollow-threat-italy-1937.yaml', import.meta.url));
const scenario = loadScenario(readFileSync(file, 'utf8'), file, testCorpus);
const at = scenario.at ?? (scenario.events.at(-1)?.date as NonNullable<typeof scenario.at>);

describe('a scenario through time', () => {
  const t = scenarioTimeline(testCorpus, scenario, at);

  it('asks the engine on every event’s day and at the instant, and each band is a report’s status', () => {
    expect(t.asked.at(-1)).toBe(at.text);
    expect(t.asked.length).toBeGreaterThan(1);
    for (const day of t.asked) {
      const report = evaluate(testCorpus, scenario, parseDate(day));
      for (const n of report.norms) {
        const line = t.instances.find(
          (l) =>
            l.norm === n.norm &&
            l.holder === n.holder &&
            l.beneficiary === n.beneficiary &&
            (l.counterparty ?? '') === (n.counterparty ?? ''),
        );
        // On each day asked, the band in effect (the last one seen by then) holds the report's status and since.
        const current = [...(line?.bands ?? [])].reverse().find((b) => b.seen <= day);
        expect(current && { status: current.status, from: current.from }, `${n.norm} ${n.holder} on ${day}`).toEqual({
          status: n.status,
          from: n.since,
        });
      }
    }
  });

  it('ends every instance on the status of the report at the instant', () => {
    const last = evaluate(testCorpus, scenario, at);
    expect(t.instances.length).toBe(new Set(last.norms.map((n) => `${n.norm}|${n.holder}|${n.beneficiary}|${n.counterparty ?? ''}`)).size);
    for (const n of last.norms) {
      const line = t.instances.find(
        (l) =>
          l.norm === n.norm &&
          l.holder === n.holder &&
          l.beneficiary === n.beneficiary &&
          (l.counterparty ?? '') === (n.counterparty ?? ''),
      );
      expect(line?.bands.at(-1)?.status).toBe(n.status);
    }
    expect(t.events.length).toBe(scenario.events.length);
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../test/helpers.js';
import { inputErrors } from '../base/casus-error.js';
import { parseDate } from '../base/partial-date.js';
import { F, T, U } from '../base/tri.js';
import { supportsAttack } from '../engine/binding.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { loadCorpus } from './load-corpus.js';

const corpus = loadCorpus(undefined, [fileURLToPath(new URL('../../test/fixtures/place-pact.treaty.md', import.meta.url))]);
const statuses = (events: string[], norm: string) =>
  run(events, '1914-09-01', corpus)
    .norms.filter((n) => n.norm === `place-pact-test/${norm}`)
    .map((n) => [n.holder, n.beneficiary, n.status]);

describe('places', () => {
  it('lie within states, their European territory, their borders and the zones of the table', () => {
    const p = corpus.places;
    expect(p.within('AUH/border/ROM', 'AUH')).toBe(T);
    expect(p.within('AUH/border/ROM', 'AUH/europe')).toBe(T); // a border between two European states is in Europe
    expect(p.within('RUS/border/JPN', 'RUS/europe')).toBe(F);
    expect(p.within('rhineland', 'GMY/europe')).toBe(T);
    expect(p.within('rhineland', 'GMY')).toBe(T);
    expect(p.within('straits', 'TUR/europe')).toBe(F);
    expect(p.within(undefined, 'GMY')).toBe(U);
    expect(p.problem('AUH/border/ROM')).toBeUndefined();
    expect(p.problem('AUH/border/AUH')).toMatch(/a place is a state \(GMY\)/);
    expect(p.problem('Atlantis')).toMatch(/a place is a state/);
  });

  it('decide a duty that turns on where the attack falls, and leave it short of due when the event does not say', () => {
    const border = '{date: 1914-08-20, type: aggression, by: RUS, against: AUH, unprovoked: true, place: AUH/border/ROM}';
    const galicia = '{date: 1914-08-20, type: aggression, by: RUS, against: AUH, unprovoked: true, place: AUH/border/RUS}';
    expect(statuses([border], 'art-1')).toEqual([['GMY', 'AUH', 'due']]);
    // The explanation says where the attack fell, as the interpreter reads it.
    const explained = run([border], '1914-09-01', corpus, true).norms.find((n) => n.norm === 'place-pact-test/art-1');
    expect(JSON.stringify(explained?.explanation)).toContain('AUH/border/ROM lies within AUH/border/ROM');
    const elsewhere = run([galicia.replace('1914-08-20', '1914-08-21')], '1914-09-01', corpus, true).norms.find(
      (n) => n.norm === 'place-pact-test/art-1',
    );
    expect(JSON.stringify(elsewhere?.explanation)).toContain('AUH/border/RUS does not lie within AUH/border/ROM');
    expect(statuses([galicia], 'art-1')).toEqual([['GMY', 'AUH', 'not-triggered']]);
    const nowhere = '{date: 1914-08-20, type: aggression, by: RUS, against: AUH, unprovoked: true}';
    expect(statuses([nowhere], 'art-1')[0]?.[2]).not.toBe('due');
    expect(statuses(['{date: 1914-08-20, type: war-declaration, by: JPN, against: RUS, place: RUS/border/JPN}'], 'art-2')).toEqual([]);
    expect(statuses(['{date: 1914-08-20, type: war-declaration, by: FRN, against: GMY, place: rhineland}'], 'art-2')).toEqual([
      ['RUS', 'GMY', 'due'],
    ]);
  });

  it('are checked in scenarios', () => {
    const errors = (place: string) => {
      try {
        loadScenario(
          `id: x\nevents:\n  - {date: 1914-08-20, type: aggression, by: RUS, against: AUH, place: ${place}}\n`,
          'x.yaml',
          corpus,
        );
        return [];
      } catch (e) {
        return inputErrors(e).map((x) => `${x.field}: ${x.message}`);
      }
    };
    expect(errors('AUH/border/ROM')).toEqual([]);
    expect(errors('AUH/borders/ROM')[0]).toMatch(/^events\[0\]\.place: unknown place "AUH\/borders\/ROM": a place is a state \(GMY\)/);
  });

  it('tell an act in support of this attack from an act at some other time or for another side', () => {
    const attack = '{date: 1914-08-10, type: aggression, by: FRN, against: GMY, unprovoked: true}';
    const art3 = (more: string[]) => statuses([attack, ...more], 'art-3').map((r) => r[2]);
    expect(art3([])).toEqual(['due']);
    // Austria-Hungary supports the attacker from the first day: the condition fails; from the next
    // day, the duty already due is discharged.
    expect(art3(['{date: 1914-08-10, type: assistance, by: AUH, to: FRN, against: GMY}'])).toEqual(['not-triggered']);
    expect(art3(['{date: 1914-08-11, type: assistance, by: AUH, to: FRN, against: GMY}'])).toEqual(['discharged']);
    // Its help to France before the attack, or against another state, is no support of this attack.
    expect(art3(['{date: 1914-08-09, type: assistance, by: AUH, to: FRN, against: GMY}'])).toEqual(['due']);
    expect(art3(['{date: 1914-08-11, type: assistance, by: AUH, to: FRN, against: ITA}'])).toEqual(['due']);
    // The clause asks for an assistance: Austria-Hungary's own declaration of war on Germany is
    // support (supports() says so) but not what this clause names, so the duty stays due.
    expect(art3(['{date: 1914-08-12, type: war-declaration, by: AUH, against: GMY}'])).toEqual(['due']);
  });

  it('supports(): assistance to the attacker or an attack of one’s own on the victim, by another state, not before', () => {
    const ev = (date: string, type: string, fields: Record<string, string>, seq = 0) => ({ seq, date: parseDate(date), type, fields });
    const a = ev('1914-08-10', 'aggression', { by: 'FRN', against: 'GMY' });
    expect(supportsAttack(ev('1914-08-12', 'war-declaration', { by: 'AUH', against: 'GMY' }, 1), a)).toBe(T);
    expect(supportsAttack(ev('1914-08-12', 'assistance', { by: 'AUH', to: 'FRN' }, 1), a)).toBe(T);
    expect(supportsAttack(ev('1914-08-12', 'war-declaration', { by: 'FRN', against: 'GMY' }, 1), a)).toBe(F);
    expect(supportsAttack(ev('1914-08-09', 'assistance', { by: 'AUH', to: 'FRN' }, 1), a)).toBe(F);
    expect(supportsAttack(undefined, a)).toBe(U);
  });
});

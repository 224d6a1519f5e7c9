import { describe, expect, it } from 'vitest';
import { type Alt, makePattern, minimise, NO_ALTS, orAlts, productAlts, TRUE_ALTS, vetoesOf } from './alternatives.js';

const approval = (by: string) => makePattern({ type: 'approval', by }, false);
const acts = new Set(['approval']);
const keys = (alts: Alt[]) => alts.map((a) => a.map((p) => p.fields.by).join('+'));

describe('alternatives (missing) and vetoes', () => {
  it('needs every pattern of a conjunction in one alternative', () => {
    const all = productAlts([[[approval('UKG')]], [[approval('ITA')]], [[approval('BEL')]]]);
    expect(keys(all)).toEqual(['BEL+ITA+UKG']);
    expect(vetoesOf(all, acts)).toEqual(['BEL', 'ITA', 'UKG']);
  });

  it('keeps two alternatives apart: no state vetoes what another can unlock', () => {
    const either = orAlts([[[approval('ITA')]], [[approval('NTH')]]]);
    expect(keys(either)).toEqual(['ITA', 'NTH']);
    expect(vetoesOf(either, acts)).toEqual([]);
  });

  it('finds the state present in every alternative', () => {
    const alts = productAlts([[[approval('BEL')]], orAlts([[[approval('ITA')]], [[approval('NTH')]]])]);
    expect(keys(alts)).toEqual(['BEL+ITA', 'BEL+NTH']);
    expect(vetoesOf(alts, acts)).toEqual(['BEL']);
  });

  it('drops alternatives that contain another (only minimal sets)', () => {
    const alts = minimise([[approval('BEL'), approval('ITA')], [approval('BEL')], [approval('BEL')]]);
    expect(keys(alts)).toEqual(['BEL']);
  });

  it('treats an already true part as needing nothing and an impossible part as blocking', () => {
    expect(productAlts([TRUE_ALTS, [[approval('UKG')]]]).map((a) => a.length)).toEqual([1]);
    expect(productAlts([NO_ALTS, [[approval('UKG')]]])).toEqual([]);
    expect(orAlts([TRUE_ALTS, [[approval('UKG')]]])).toEqual([[]]);
  });

  it('does not count a settled fact as a veto', () => {
    const fact = makePattern({ type: 'aggression', by: 'GMY', unprovoked: true }, true);
    expect(vetoesOf([[fact]], new Set(['aggression']))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { NormInstance } from './api';
import { heldBackSentence, listWords, namer, vetoSentence } from './words';

const name = namer([
  { abb: 'FRN', name: 'France' },
  { abb: 'UKG', name: 'United Kingdom' },
  { abb: 'ITA', name: 'Italy' },
  { abb: 'BEL', name: 'Belgium' },
  { abb: 'RUS', name: 'Russia' },
  { abb: 'GMY', name: 'Germany' },
]);

const duty = (over: Partial<NormInstance>): NormInstance => ({
  norm: 'franco-soviet-1935/art-2',
  kind: 'duty',
  holder: 'FRN',
  beneficiary: 'RUS',
  counterparty: 'GMY',
  action: 'assist',
  status: 'pending',
  since: '1937-03-05',
  missing: [],
  vetoes: [],
  cites: [],
  ...over,
});

describe('missing and vetoes in words', () => {
  it('holds France back until the United Kingdom, Italy and Belgium approve', () => {
    const n = duty({
      missing: [
        [
          { type: 'approval', by: 'UKG' },
          { type: 'approval', by: 'ITA' },
          { type: 'approval', by: 'BEL' },
        ],
      ],
      vetoes: ['BEL', 'ITA', 'UKG'],
    });
    expect(heldBackSentence(n, name)).toBe('France is held back until the United Kingdom, Italy and Belgium approve.');
    expect(vetoSentence(n, name)).toBe(
      'Belgium, Italy and the United Kingdom can each hold France back on their own, by withholding their own act.',
    );
  });

  it('says each alternative, and the facts that are not acts of a state', () => {
    const n = duty({
      holder: 'RUS',
      missing: [
        [
          { type: 'assistance', by: 'FRN' },
          { type: 'council-report', unanimous: false },
        ],
        [{ type: 'aggression', unprovoked: true }],
      ],
      vetoes: ['FRN'],
    });
    expect(heldBackSentence(n, name)).toBe(
      'The USSR is held back until France renders assistance and the League Council reports on the dispute, without unanimity, or until the aggression is established as unprovoked.',
    );
    expect(vetoSentence(n, name)).toBe('France alone can hold the USSR back, by withholding its own act.');
  });

  it('says nothing when nothing is missing and no one holds a veto', () => {
    expect(heldBackSentence(duty({ status: 'due' }), name)).toBeUndefined();
    expect(vetoSentence(duty({ status: 'due' }), name)).toBeUndefined();
    expect(listWords(['A'])).toBe('A');
    expect(listWords(['A', 'B'], 'or')).toBe('A or B');
  });
});

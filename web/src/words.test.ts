import { describe, expect, it } from 'vitest';
import type { NormInstance } from './api';
import type { ApartTreaty } from './treaty-web';
import { apartSentence, heldBackSentence, listWords, namer, unboundClauses, vetoSentence } from './words';

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

describe('why a treaty in force is not drawn, in words', () => {
  const names = namer([
    { abb: 'FRN', name: 'France' },
    { abb: 'CZE', name: 'Czechoslovakia' },
    { abb: 'ROM', name: 'Romania' },
    { abb: 'GMY', name: 'Germany' },
    { abb: 'JPN', name: 'Japan' },
  ]);
  const apart = (over: Partial<ApartTreaty>): ApartTreaty => ({
    treaty: 'franco-czechoslovak-1925',
    title: 'Treaty of Mutual Guarantee between France and Czechoslovakia',
    kind: 'mutual-assistance',
    status: 'in-force',
    bound: ['FRN'],
    parties: ['FRN', 'CZE'],
    unbound: [{ state: 'CZE', reason: 'not-a-state', value: 'false' }],
    ...over,
  });

  it('says a treaty binds only France because Czechoslovakia was not an independent state that day', () => {
    expect(apartSentence(apart({}), names, '1 September 1939')).toBe(
      'In force, but binds only France (FRN): Czechoslovakia (CZE) was not an independent state on 1 September 1939 — occupied or annexed, with no recognised government in exile.',
    );
  });

  it('says a suspended treaty binds none of its parties', () => {
    const t = apart({
      status: 'suspended',
      since: '1939-10-01',
      bound: [],
      unbound: [
        { state: 'FRN', reason: 'treaty-not-in-force', value: 'false' },
        { state: 'CZE', reason: 'treaty-not-in-force', value: 'false' },
      ],
    });
    expect(apartSentence(t, names, '1 January 1940')).toBe(
      'Suspended since 1939-10-01: it binds none of its parties (France (FRN) and Czechoslovakia (CZE)) while suspended.',
    );
  });

  it('says states with the same reason once, and where a partial date leaves it open, perhaps', () => {
    expect(
      unboundClauses(
        [
          { state: 'GMY', reason: 'not-league-member', value: 'false' },
          { state: 'ROM', reason: 'not-league-member', value: 'unknown' },
          { state: 'JPN', reason: 'not-league-member', value: 'false' },
        ],
        names,
        '1 September 1939',
      ),
    ).toEqual([
      'Germany (GMY) and Japan (JPN) were not Members of the League on 1 September 1939 — the Covenant binds only Members',
      'Romania (ROM) was perhaps not a Member of the League on 1 September 1939 — the Covenant binds only Members; a partial date in the record leaves it open',
    ]);
  });
});

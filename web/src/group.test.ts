import { describe, expect, it } from 'vitest';
import type { NormInstance } from './api';
import { groupByHolder, passes } from './group';

const inst = (holder: string, status = 'due', beneficiary = 'ETH'): NormInstance =>
  ({
    norm: 'league-covenant/art-16-1-sanctions',
    kind: 'duty',
    holder,
    beneficiary,
    counterparty: 'ITA',
    action: 'sever-trade-and-financial-relations',
    status,
    since: '1935-10-03',
    missing: [],
    vetoes: [],
    cites: ['league-covenant/art-16'],
  }) as unknown as NormInstance;

describe('grouping report cards', () => {
  it('puts instances that differ only by holder on one card, in order', () => {
    const groups = groupByHolder([inst('FRN'), inst('UKG'), inst('BEL', 'pending'), inst('SWD')]);
    expect(groups.map((g) => [g.first.status, g.holders])).toEqual([
      ['due', ['FRN', 'UKG', 'SWD']],
      ['pending', ['BEL']],
    ]);
  });

  it('keeps instances toward different beneficiaries apart', () => {
    expect(groupByHolder([inst('FRN'), inst('UKG', 'due', 'CHN')])).toHaveLength(2);
  });

  it('filters by status, with void, not-triggered and discharged under "other"', () => {
    expect(passes(inst('FRN', 'void'), 'other')).toBe(true);
    expect(passes(inst('FRN', 'due'), 'other')).toBe(false);
    expect(passes(inst('FRN', 'pending'), 'pending')).toBe(true);
    expect(passes(inst('FRN', 'pending'), 'all')).toBe(true);
  });
});

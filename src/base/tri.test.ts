import { describe, expect, it } from 'vitest';
import { and3, F, not3, or3, T, triWord, U } from './tri.js';

const all = [F, U, T] as const;

describe('three-valued (Kleene) logic', () => {
  it('follows the strong Kleene truth tables', () => {
    const table = all.map((a) => all.map((b) => `${triWord(and3(a, b))}/${triWord(or3(a, b))}`));
    expect(table).toEqual([
      ['false/false', 'false/unknown', 'false/true'],
      ['false/unknown', 'unknown/unknown', 'unknown/true'],
      ['false/true', 'unknown/true', 'true/true'],
    ]);
  });

  it('negates unknown to unknown and obeys De Morgan', () => {
    expect(not3(U)).toBe(U);
    for (const a of all) for (const b of all) expect(not3(and3(a, b))).toBe(or3(not3(a), not3(b)));
  });
});

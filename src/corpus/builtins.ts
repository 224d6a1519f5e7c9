/** Predicates the language provides without a treaty defining them. */
export const BUILTINS: Readonly<Record<string, { arity: number; doc: string }>> = {
  european: { arity: 1, doc: 'european(s): s is a European state (COW region Europe, ccodes 200-399)' },
  'league-member': { arity: 2, doc: 'league-member(s, d): s was a member of the League of Nations on date d' },
  'in-territory': { arity: 2, doc: 'in-territory(p, s): place p lies within the territory of state s (corpus/places.ts)' },
  'in-europe': { arity: 2, doc: 'in-europe(p, s): place p lies within the European territory of state s' },
  'on-border': { arity: 3, doc: 'on-border(p, s, t): place p lies within the territory of s bordering t' },
  supports: {
    arity: 2,
    doc: 'supports(s, a): event s, by another state than a.by and not before a, supports the attack a: an assistance to a.by (against a.against, if it says), or its own attack on a.against',
  },
  'in-place': { arity: 2, doc: 'in-place(p, "zone"): place p lies within the named zone (or place code) given' },
};

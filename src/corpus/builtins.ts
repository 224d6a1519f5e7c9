/** Predicates the language provides without a treaty defining them. */
export const BUILTINS: Readonly<Record<string, { arity: number; doc: string }>> = {
  european: { arity: 1, doc: 'european(s): s is a European state (COW region Europe, ccodes 200-399)' },
  'league-member': { arity: 2, doc: 'league-member(s, d): s was a member of the League of Nations on date d' },
};

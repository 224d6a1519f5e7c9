/**
 * Three-valued (Kleene) truth. Numbers so that `and` is min, `or` is max and
 * `not` is 2 - x: cheap enough for millions of evaluations.
 */
export type Tri = 0 | 1 | 2;

/** Definitely false. */
export const F: Tri = 0;
/** Unknown: the record does not settle it. */
export const U: Tri = 1;
/** Definitely true. */
export const T: Tri = 2;

/** Kleene conjunction. */
export function and3(a: Tri, b: Tri): Tri {
  return a < b ? a : b;
}

/** Kleene disjunction. */
export function or3(a: Tri, b: Tri): Tri {
  return a > b ? a : b;
}

/** Kleene negation. */
export function not3(a: Tri): Tri {
  return (2 - a) as Tri;
}

/** The word the report uses for a truth value. */
export function triWord(a: Tri): 'true' | 'false' | 'unknown' {
  return a === T ? 'true' : a === F ? 'false' : 'unknown';
}

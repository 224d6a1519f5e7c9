/**
 * "Did you mean": the one way casus finds the names closest to a misspelt one, for states,
 * treaties, norms, event types and fields alike, so every error suggests in the same way.
 */

/** A name as compared: trimmed, lower case, with dots, spaces, dashes and underscores as one space. */
export function normaliseName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[.\s_/-]+/g, ' ');
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min((prev[j] as number) + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

/**
 * How far a name is from what was typed: its edit distance, or 1 when one contains the other
 * (a slug typed without its year, "franco-soviet" for franco-soviet-1935) and the shorter has
 * at least four characters.
 */
function closeness(q: string, name: string): number {
  const n = normaliseName(name);
  const shorter = q.length <= n.length ? q : n;
  if (shorter.length >= 4 && (n.includes(q) || q.includes(n))) return q === n ? 0 : 1;
  return editDistance(q, n);
}

/**
 * Up to `limit` items whose names are closest to the input, ties in the given order: only those
 * as close as the closest ("agression" gets aggression, not accession, one edit farther), and
 * only within 2 edits, or half the input's length for a longer input.
 */
export function nearest<T>(input: string, items: Iterable<T>, namesOf: (item: T) => readonly string[], limit = 3): T[] {
  const q = normaliseName(input);
  const scored: Array<{ item: T; d: number; i: number }> = [];
  let i = 0;
  for (const item of items) {
    const names = namesOf(item);
    const d = names.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...names.map((n) => closeness(q, n)));
    scored.push({ item, d, i: i++ });
  }
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  const best = scored[0]?.d ?? Number.POSITIVE_INFINITY;
  const within = Math.max(2, q.length / 2);
  return scored
    .filter((x) => x.d === best && x.d <= within)
    .slice(0, limit)
    .map((x) => x.item);
}

/** The names among `known` closest to the input (see nearest). */
export function nearestNames(input: string, known: Iterable<string>, limit = 3): string[] {
  return nearest(input, known, (k) => [k], limit);
}

/** ` (did you mean "a" or "b"?)` for the closest of `known`, or '' when none is close. */
export function didYouMean(input: string, known: Iterable<string>, limit = 3): string {
  const near = nearestNames(input, known, limit).map((n) => `"${n}"`);
  if (near.length === 0) return '';
  const list = near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} or ${near.at(-1)}`;
  return ` (did you mean ${list}?)`;
}

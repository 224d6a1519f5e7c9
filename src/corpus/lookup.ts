import { CasusError } from '../base/casus-error.js';
import { didYouMean } from '../base/nearest.js';
import type { Span } from '../language/ast.js';
import type { Corpus } from './treaty.js';

/**
 * The errors for a treaty slug or a norm id the corpus does not have, with the nearest names
 * (see base/nearest.ts): one wording on the CLI, the API and in scenario files.
 */

/** `unknown treaty "x" (did you mean "y"?); the corpus has …`, under the caller's code and place. */
export function unknownTreatyError(
  corpus: Corpus,
  slug: string,
  code: 'input.unknown-treaty' | 'scenario.unknown-treaty' = 'input.unknown-treaty',
  span?: Span,
  field?: string,
): CasusError {
  const known = [...corpus.treaties.keys()];
  return new CasusError(code, `unknown treaty "${slug}"${didYouMean(slug, known)}; the corpus has ${known.join(', ')}`, span, field);
}

/** Every norm id of the corpus (`<treaty>/<provision>`), in corpus order. */
export function normIds(corpus: Corpus): string[] {
  return [...corpus.treaties.values()].flatMap((t) => t.norms.map((n) => n.id));
}

/** Whether the corpus has a norm with this id. */
export function hasNorm(corpus: Corpus, id: string): boolean {
  return corpus.treaties.get(id.split('/')[0] as string)?.norms.some((n) => n.id === id) ?? false;
}

/** `unknown norm "x" (did you mean "y"?): name it as <treaty>/<provision>, …`. */
export function unknownNormError(corpus: Corpus, id: string): CasusError {
  return new CasusError(
    'input.unknown-norm',
    `unknown norm "${id}"${didYouMean(id, normIds(corpus))}: name it as <treaty>/<provision>, e.g. franco-soviet-1935/art-2`,
  );
}

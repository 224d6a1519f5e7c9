import { CasusError } from '../base/casus-error.js';
import type { Treaty } from './treaty.js';

/** Whether `text` names one of the source keys, as a whole word (`S1`, `LNTS`, `seed`). */
function namesSource(text: string | undefined, keys: readonly string[]): boolean {
  if (!text) return false;
  return keys.some((k) => new RegExp(`(^|[^A-Za-z0-9_-])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text));
}

/**
 * Where a treaty fails to say where its facts come from: every recorded lifecycle date must
 * name a key of the front matter's `sources`, every provision that quotes the treaty's words
 * must name one in its note, and so must every provision that formalises an article it could
 * only describe (no verified text found). Facts without a source are a defect of the corpus, so
 * `casus check` reports them as errors.
 */
export function citationProblems(treaty: Treaty): CasusError[] {
  const keys = Object.keys(treaty.sources);
  const errors: CasusError[] = [];
  if (keys.length === 0) {
    errors.push(
      new CasusError(
        'treaty.uncited',
        'the front matter names no source: list them under `sources:`',
        { file: treaty.file, line: 1, column: 1 },
        'sources',
      ),
    );
    return errors;
  }
  treaty.lifecycle.forEach((e, i) => {
    if (!namesSource(e.source, keys)) {
      errors.push(
        new CasusError(
          'treaty.uncited',
          `this ${e.type} of ${e.date.text} cites no source of the front matter: name one of ${keys.join(', ')} in \`source\``,
          e.span,
          `lifecycle.${i}.source`,
        ),
      );
    }
  });
  const ruled = new Set(treaty.norms.map((n) => n.provision));
  for (const p of treaty.provisions.values()) {
    if (namesSource(p.notes, keys)) continue;
    if (p.text.trim() !== '') {
      errors.push(
        new CasusError(
          'treaty.uncited',
          `provision ${p.id} quotes text but its note names no source: say which of ${keys.join(', ')} the words come from (e.g. "[V ${keys[0]}]")`,
          p.span,
        ),
      );
    } else if (ruled.has(p.id)) {
      errors.push(
        new CasusError(
          'treaty.uncited',
          `provision ${p.id} formalises an article it does not quote, and its note names no source for what the article says: name one of ${keys.join(', ')}`,
          p.span,
        ),
      );
    }
  }
  return errors;
}

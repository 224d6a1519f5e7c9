import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CasusError, CasusErrors, inputErrors } from '../base/casus-error.js';
import { MAX_DATA_BYTES, MAX_TREATY_BYTES } from '../base/limits.js';
import { readBounded } from '../base/read-bounded.js';
import { readLiterate } from '../language/literate.js';
import { checkCorpus } from './check-corpus.js';
import { readLeague } from './league.js';
import { loadTreaty } from './load-treaty.js';
import { cachedReader } from './parse-cache.js';
import { readStates } from './states.js';
import type { Corpus, Treaty } from './treaty.js';

/** The treaty library shipped with casus (`corpus/` at the package root). */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** Where parsed treaty files are kept between runs (the usual place for tool caches). */
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/casus/', import.meta.url));

/**
 * Loads and checks a corpus directory: `*.treaty.md` files and `data/states.csv`,
 * `data/league-membership.csv` (and, if present, `data/exile-governments.csv`). Every problem in every file is reported together.
 * `extraFiles` adds treaty files from elsewhere (e.g. `casus check my.treaty.md`).
 */
export function loadCorpus(
  dir: string = DEFAULT_CORPUS_DIR,
  extraFiles: string[] = [],
  options: { cacheDir?: string | false } = {},
): Corpus {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const read = cacheDir === false ? readLiterate : cachedReader(cacheDir);
  const needed = [join(dir, 'data', 'states.csv'), join(dir, 'data', 'league-membership.csv')];
  if (!existsSync(dir) || needed.some((f) => !existsSync(f))) {
    throw new CasusError(
      'input.not-found',
      `no treaty library at ${dir}: a corpus folder holds *.treaty.md files and data/states.csv, data/league-membership.csv`,
    );
  }
  const states = readStates(readBounded(needed[0] as string, 'states table', MAX_DATA_BYTES));
  const league = readLeague(readBounded(needed[1] as string, 'League membership table', MAX_DATA_BYTES));
  const exile = join(dir, 'data', 'exile-governments.csv');
  if (existsSync(exile)) states.readExile(readBounded(exile, 'table of governments in exile', MAX_DATA_BYTES));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.treaty.md'))
    .sort()
    .map((f) => join(dir, f));
  const errors: CasusError[] = [];
  const treaties = new Map<string, Treaty>();
  for (const file of [...files, ...extraFiles]) {
    if (!existsSync(file) || statSync(file).isDirectory()) {
      errors.push(new CasusError('input.not-found', `no such treaty file: ${file}`));
      continue;
    }
    try {
      const treaty = loadTreaty(readBounded(file, 'treaty file', MAX_TREATY_BYTES), file, states, read);
      const other = treaties.get(treaty.slug);
      if (other && other.file !== file) {
        errors.push(
          new CasusError('treaty.duplicate', `treaty ${treaty.slug} is also defined in ${other.file}`, { file, line: 2, column: 1 }),
        );
      }
      treaties.set(treaty.slug, treaty);
    } catch (e) {
      const found = inputErrors(e);
      if (found.length === 0) throw e;
      errors.push(...found);
    }
  }
  const corpus: Corpus = { treaties, states, league };
  if (errors.length === 0) errors.push(...checkCorpus(corpus));
  if (errors.length > 0) throw new CasusErrors(errors);
  return corpus;
}

let cached: Corpus | undefined;

/** The default corpus, loaded once per process. */
export function defaultCorpus(): Corpus {
  cached ??= loadCorpus();
  return cached;
}

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CasusError, CasusErrors, inputErrors } from '../base/casus-error.js';
import { MAX_DATA_BYTES, MAX_TREATY_BYTES, MAX_TREATY_FILES } from '../base/limits.js';
import { readBounded } from '../base/read-bounded.js';
import { readLiterate } from '../language/literate.js';
import { checkCorpus } from './check-corpus.js';
import { readLeague } from './league.js';
import { loadTreaty, loadVocabulary, type VocabularyFile } from './load-treaty.js';
import { cachedReader } from './parse-cache.js';
import { Places } from './places.js';
import { readStates } from './states.js';
import type { Corpus, Treaty } from './treaty.js';
import { buildVocabulary, resolveClasses } from './vocabulary.js';

/** The treaty library shipped with casus (`corpus/` at the package root). */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** Where parsed treaty files are kept between runs (the usual place for tool caches). */
export const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/casus/', import.meta.url));

/** How a vocabulary file's name ends: it declares event types and classes, no norms. */
const VOCABULARY_SUFFIX = '.vocabulary.md';

/**
 * The `*.treaty.md` and `*.vocabulary.md` files of a folder, in name order.
 */
export function libraryFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.treaty.md') || f.endsWith(VOCABULARY_SUFFIX))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Loads and checks a corpus directory: its `*.treaty.md` files and its reference tables
 * `data/states.csv`, `data/league-membership.csv` and `data/exile-governments.csv`. A library
 * that does not bring a table uses the shipped corpus's (COW states 1816-2016, League
 * membership, governments in exile), so a folder of treaties is a library. Every problem in every
 * file is reported together. `extra` adds treaty files, or every `*.treaty.md` of a folder, from
 * elsewhere (`--with`, `casus check my.treaty.md`). At most MAX_TREATY_FILES files in all.
 */
export function loadCorpus(dir: string = DEFAULT_CORPUS_DIR, extra: string[] = [], options: { cacheDir?: string | false } = {}): Corpus {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const read = cacheDir === false ? readLiterate : cachedReader(cacheDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CasusError(
      'input.not-found',
      `no treaty library at ${dir}: a library is a folder of *.treaty.md files, with its own data/states.csv, data/league-membership.csv if it needs other tables than casus's`,
    );
  }
  const table = (name: string) => {
    const own = join(dir, 'data', name);
    return existsSync(own) ? own : join(DEFAULT_CORPUS_DIR, 'data', name);
  };
  const states = readStates(readBounded(table('states.csv'), 'states table', MAX_DATA_BYTES));
  const league = readLeague(readBounded(table('league-membership.csv'), 'League membership table', MAX_DATA_BYTES));
  // The shipped zones name shipped states: a library with states of its own brings its own zones, or has none.
  const places = new Places(states);
  const ownStates = existsSync(join(dir, 'data', 'states.csv'));
  const placesFile = ownStates ? join(dir, 'data', 'places.csv') : table('places.csv');
  if (existsSync(placesFile)) places.read(readBounded(placesFile, 'table of places', MAX_DATA_BYTES), placesFile);
  const exile = table('exile-governments.csv');
  if (existsSync(exile)) states.readExile(readBounded(exile, 'table of governments in exile', MAX_DATA_BYTES));
  const extraFiles = extra.flatMap((f) => {
    if (!existsSync(f) || !statSync(f).isDirectory()) return [f];
    const inside = libraryFilesIn(f);
    if (inside.length === 0)
      throw new CasusError(
        'input.not-found',
        `no *.treaty.md or *.vocabulary.md file in the folder ${f}: --with takes a treaty file or a folder of them`,
      );
    return inside;
  });
  const files = libraryFilesIn(dir);
  if (files.length + extraFiles.length > MAX_TREATY_FILES) {
    throw new CasusError(
      'input.too-large',
      `${files.length + extraFiles.length} treaty files: a library may have at most ${MAX_TREATY_FILES} (MAX_TREATY_FILES), its folder and --with together`,
    );
  }
  const errors: CasusError[] = [];
  const treaties = new Map<string, Treaty>();
  const vocabularies: VocabularyFile[] = [];
  for (const file of [...new Set([...files, ...extraFiles])]) {
    if (!existsSync(file) || statSync(file).isDirectory()) {
      errors.push(new CasusError('input.not-found', `no such treaty file: ${file}`));
      continue;
    }
    try {
      if (file.endsWith(VOCABULARY_SUFFIX)) {
        vocabularies.push(loadVocabulary(readBounded(file, 'vocabulary file', MAX_TREATY_BYTES), file, read));
        continue;
      }
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
  const vocabulary = buildVocabulary(
    [...vocabularies.flatMap((v) => v.declarations), ...[...treaties.values()].flatMap((t) => t.declarations)],
    errors,
  );
  for (const t of treaties.values()) {
    resolveClasses(t, vocabulary);
    const other = t.terms.lastsWith === undefined ? undefined : treaties.get(t.terms.lastsWith);
    if (other) t.lastsWith = other;
  }
  const corpus: Corpus = { treaties, states, league, vocabulary, places };
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

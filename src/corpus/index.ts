/**
 * @module corpus
 * Loads the treaty library (`corpus/*.treaty.md`) and its reference data (states, League
 * membership) into a checked Corpus, once.
 * @example
 * import { loadCorpus } from './corpus/index.js';
 * const corpus = loadCorpus(); // the shipped library; throws CasusErrors naming file:line:col
 * corpus.treaties.get('franco-soviet-1935')?.norms.map((n) => n.id);
 */
export { BUILTINS } from './builtins.js';
export { checkCorpus } from './check-corpus.js';
export type { Membership } from './league.js';
export { isMemberOn, membershipEnd, readLeague } from './league.js';
export { DEFAULT_CORPUS_DIR, defaultCorpus, libraryFilesIn, loadCorpus } from './load-corpus.js';
export type { VocabularyFile } from './load-treaty.js';
export { loadTreaty, loadVocabulary } from './load-treaty.js';
export { hasNorm, normIds, unknownNormError, unknownTreatyError } from './lookup.js';
export type { State } from './states.js';
export { readStates, StateRegistry } from './states.js';
export type { Corpus, Interpretation, NamedCondition, NamedSet, Norm, Provision, Treaty } from './treaty.js';
export type { Vocabulary } from './vocabulary.js';
export { BUILTIN_VOCABULARY, buildVocabulary, fieldsNamed, patternMatches, patternTypes, typesNamed } from './vocabulary.js';

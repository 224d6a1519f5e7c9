import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLiterate, type TreatySource } from '../language/literate.js';
import { GRAMMAR_FINGERPRINT } from '../language/parse-rules.js';

/**
 * A reader of literate treaty files that keeps what it parsed on disk, checked against the
 * file's path and content and the grammar: parsing the rule blocks is most of the cost of
 * loading the corpus, and the corpus changes far less often than casus runs. Any problem
 * with the cache (missing, unwritable, corrupt) falls back to parsing; parse errors are
 * never cached.
 */
export function cachedReader(dir: string): (text: string, file: string) => TreatySource {
  return (text, file) => {
    // One entry per file path, overwritten when the file or the grammar changes: the cache
    // never grows beyond the number of treaty files read.
    const path = join(dir, `${digest(file)}.json`);
    const key = digest(`${GRAMMAR_FINGERPRINT}\0${file}\0${text}`);
    try {
      const cached = JSON.parse(readFileSync(path, 'utf8')) as { key?: string; source?: TreatySource };
      if (cached.key === key && cached.source && Array.isArray(cached.source.provisions)) return cached.source;
    } catch {
      // not cached yet, or unreadable: parse below
    }
    const source = readLiterate(text, file);
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ key, source }));
      renameSync(tmp, path);
    } catch {
      // a read-only install still works, only slower
    }
    return source;
  };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

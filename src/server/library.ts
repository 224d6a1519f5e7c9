import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../corpus/treaty.js';
import { loadScenario } from '../scenario/load-scenario.js';

/** The crisis library shipped with casus: `scenarios/` of the package. */
export const LIBRARY_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** The founding case: the scenario the home page opens on (the Franco-Soviet treaty in the Rhineland crisis). */
export const FOUNDING_CASE = '01-rhineland-1936';

/** One scenario of the library, as the app lists it. */
export interface LibraryEntry {
  /** The file's name without `.yaml`: `01-rhineland-1936`. */
  slug: string;
  /** The scenario's own id: `rhineland-1936`. */
  id: string;
  title: string;
  /** The scenario's description, as written (sources cited in it). */
  description: string;
  /** The first event's date, and the instant the report describes (the `at`, else the last event's date). */
  from: string | undefined;
  at: string | undefined;
  events: number;
  /** The treaties its events and expectations name, in order of first mention. */
  treaties: string[];
  founding: boolean;
}

export interface Library {
  entries: LibraryEntry[];
  /** The YAML of each entry, by slug. */
  yaml: Map<string, string>;
}

/**
 * Reads the library once: every `.yaml` file of the folder, in file-name order, loaded as a
 * scenario against the corpus (a file that does not load is left out and named in `skipped`, so
 * that one damaged file does not empty the app's library).
 */
export function loadLibrary(corpus: Corpus, dir: string = LIBRARY_DIR): Library & { skipped: Array<{ file: string; error: string }> } {
  const entries: LibraryEntry[] = [];
  const yaml = new Map<string, string>();
  const skipped: Array<{ file: string; error: string }> = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
  } catch {
    return { entries, yaml, skipped };
  }
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    try {
      const s = loadScenario(text, file, corpus);
      const slug = file.replace(/\.yaml$/, '');
      // A treaty is named by an event (`treaty:`, or a norm `under:` it) or by an expectation.
      const treaties: string[] = [];
      const named = (value: unknown) => {
        const slug = typeof value === 'string' ? value.split('/')[0] : undefined;
        if (slug && corpus.treaties.has(slug) && !treaties.includes(slug)) treaties.push(slug);
      };
      for (const e of s.events) {
        named((e as { treaty?: unknown }).treaty);
        named((e as { under?: unknown }).under);
      }
      for (const x of s.expect) {
        named(x.fields.treaty);
        named(x.fields.norm);
      }
      entries.push({
        slug,
        id: s.id,
        title: s.title || s.id,
        description: s.description ?? '',
        from: s.events[0]?.date.text,
        at: (s.at ?? s.events.at(-1)?.date)?.text,
        events: s.events.length,
        treaties,
        founding: slug === FOUNDING_CASE,
      });
      yaml.set(slug, text);
    } catch (e) {
      skipped.push({ file, error: (e as Error).message });
    }
  }
  return { entries, yaml, skipped };
}

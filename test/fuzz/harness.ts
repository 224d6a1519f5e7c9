/**
 * The fuzz harness (issue 12): seeded mutations of real inputs — the shared and crisis scenarios, the
 * corpus treaties — and the property every input must have: load → evaluate → report → JSON either
 * succeeds or throws CasusErrors, each with a file, a line and a column; never another exception.
 * `npm test` runs a fixed, seeded few thousand cases (test/fuzz.test.ts); `npm run fuzz -- --runs N`
 * any number, on worker threads with a time budget per input, writing each failing input, minimised,
 * to a folder (scripts/fuzz.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputErrors } from '../../src/base/casus-error.js';
import { fromDayNumber } from '../../src/base/partial-date.js';
import { mulberry32 } from '../../src/base/prng.js';
import { checkCorpus } from '../../src/corpus/check-corpus.js';
import { loadTreaty } from '../../src/corpus/load-treaty.js';
import type { Corpus } from '../../src/corpus/treaty.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';

/** A seeded source of random choices. */
export class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo));
  }
  pick<X>(xs: readonly X[]): X {
    return xs[this.int(0, xs.length)] as X;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Characters and fragments that YAML, the rule language and dates care about. */
const SPECIALS = [
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '&a',
  '*a',
  '*nope',
  '!',
  '!!str ',
  '|',
  '>',
  '-',
  '#',
  "'",
  '"',
  '?',
  '%',
  '@',
  '`',
  '\n',
  '\t',
  ' ',
  '\\',
  '(',
  ')',
  ';',
  '=',
  '!=',
  ' and ',
  ' or ',
  ' not ',
  ' in ',
  ' where ',
  '.',
  '/',
  '0',
  '9',
  '-1',
  '1e999',
  'NaN',
  'null',
  '~',
  'true',
  'false',
  'unknown',
  '1936-02-30',
  '0000',
  '10000',
  '9999-12-31',
  'é',
  '漢',
  '\u0000',
  '\u202e',
  '💥',
  '<<: *a',
  '---',
  '...',
];

/** The mutations, each a small edit of a text. */
const MUTATIONS: Array<(t: string, r: Rand) => string> = [
  // Delete a span.
  (t, r) => {
    const a = r.int(0, t.length + 1);
    return t.slice(0, a) + t.slice(Math.min(t.length, a + r.int(1, 40)));
  },
  // Insert a special character or fragment.
  (t, r) => {
    const a = r.int(0, t.length + 1);
    return t.slice(0, a) + r.pick(SPECIALS) + t.slice(a);
  },
  // Duplicate a span (repeats keys, events, clauses).
  (t, r) => {
    const a = r.int(0, t.length + 1);
    const b = Math.min(t.length, a + r.int(1, 200));
    return t.slice(0, b) + t.slice(a, b) + t.slice(b);
  },
  // Swap two lines.
  (t, r) => {
    const lines = t.split('\n');
    const i = r.int(0, lines.length);
    const j = r.int(0, lines.length);
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    return lines.join('\n');
  },
  // Replace a word with another word of the file.
  (t, r) => {
    const words = t.match(/[A-Za-z0-9_-]+/g) ?? [];
    if (words.length === 0) return t;
    const w = r.pick(words);
    const i = t.indexOf(w, r.int(0, t.length));
    return i < 0 ? t : t.slice(0, i) + r.pick(words) + t.slice(i + w.length);
  },
  // Truncate.
  (t, r) => t.slice(0, r.int(0, t.length + 1)),
  // A long run of one character (flow brackets, parentheses, `not`, a long identifier).
  (t, r) => {
    const a = r.int(0, t.length + 1);
    const unit = r.pick(['[', '{', '(', 'not ', 'a', '-', '&a ', '*a ', '"', ' ']);
    return t.slice(0, a) + unit.repeat(r.int(10, r.chance(0.2) ? 20000 : 600)) + t.slice(a);
  },
  // Anchors and aliases, and an alias bomb.
  (t, r) => {
    if (r.chance(0.5)) {
      const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < r.int(2, 12); i++)
        bomb.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      return `${bomb.join('\n')}\n${t}`;
    }
    const a = r.int(0, t.length + 1);
    return `${t.slice(0, a)}${r.pick(['&x ', '*x', '*events', '<<: *x\n', '&events '])}${t.slice(a)}`;
  },
  // Extreme values where numbers and dates stand.
  (t, r) => {
    const m = [...t.matchAll(/\b\d{1,4}(-\d{2}(-\d{2})?)?\b/g)];
    if (m.length === 0) return t;
    const hit = r.pick(m);
    const v = r.pick(['0', '-1', '99999', '1936-13-01', '1936-02-30', '0000-01-01', '9999', '10000-01-01', '1e308', '0x10', '1_000']);
    return t.slice(0, hit.index) + v + t.slice((hit.index ?? 0) + hit[0].length);
  },
];

/** One to four seeded mutations of a text. */
export function mutate(text: string, r: Rand): string {
  let t = text;
  for (let i = r.int(1, 5); i > 0; i--) t = r.pick(MUTATIONS)(t, r);
  return t;
}

/** What one input did: fine (loaded and evaluated, or refused with located errors), or a failure. */
export type Outcome = { ok: true; refused: boolean } | { ok: false; reason: 'crash' | 'no-span'; error: string };

function judge(e: unknown): Outcome {
  const errors = inputErrors(e);
  if (errors.length === 0) return { ok: false, reason: 'crash', error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  const unlocated = errors.find((x) => !x.span?.file || !(x.span.line >= 1) || !(x.span.column >= 1));
  if (unlocated) return { ok: false, reason: 'no-span', error: `${unlocated.code}: ${unlocated.message}` };
  return { ok: true, refused: true };
}

/** A scenario input: load it against the corpus, evaluate it at its instant, serialise the report. */
export function checkScenario(corpus: Corpus, text: string, file = 'fuzz.yaml'): Outcome {
  try {
    const s = loadScenario(text, file, corpus);
    const last = s.events.at(-1)?.date;
    const at = s.at ?? (last ? fromDayNumber(last.hi - 1) : undefined);
    if (at) JSON.stringify(evaluate(corpus, s, at, { explain: true }));
    return { ok: true, refused: false };
  } catch (e) {
    return judge(e);
  }
}

/**
 * A treaty input: load it in place of the corpus treaty it mutates, check the corpus, and evaluate a
 * scenario that touches the treaty (`probe`) against the new corpus.
 */
export function checkTreaty(corpus: Corpus, text: string, file: string, probe: string): Outcome {
  try {
    const treaty = loadTreaty(text, file, corpus.states);
    const treaties = new Map(corpus.treaties);
    for (const [slug, t] of treaties) if (t.file === file) treaties.delete(slug);
    treaties.set(treaty.slug, treaty);
    const next: Corpus = { ...corpus, treaties };
    const problems = checkCorpus(next);
    if (problems.length > 0) return judgeList(problems);
    const s = loadScenario(probe, 'probe.yaml', next);
    JSON.stringify(evaluate(next, s, s.at ?? (s.events.at(-1)?.date as never), { explain: true }));
    return { ok: true, refused: false };
  } catch (e) {
    return judge(e);
  }
}

function judgeList(problems: ReturnType<typeof checkCorpus>): Outcome {
  const unlocated = problems.find((x) => !x.span || !(x.span.line >= 1) || !(x.span.column >= 1));
  return unlocated ? { ok: false, reason: 'no-span', error: `${unlocated.code}: ${unlocated.message}` } : { ok: true, refused: true };
}

/**
 * The smallest input (by chunks removed, then lines, then characters) that still fails in the same
 * way: what a developer reads first. Bounded by `budget` checks.
 */
export function minimise(text: string, fails: (t: string) => boolean, budget = 400): string {
  let best = text;
  let checks = 0;
  for (let size = Math.max(1, Math.floor(best.length / 2)); size >= 1 && checks < budget; size = Math.floor(size / 2)) {
    let i = 0;
    while (i < best.length && checks < budget) {
      const candidate = best.slice(0, i) + best.slice(i + size);
      checks++;
      if (candidate !== best && fails(candidate)) best = candidate;
      else i += size;
    }
  }
  return best;
}

/** The inputs mutations start from. */
export interface Seeds {
  /** The crisis scenarios (scenarios/) and the shared acceptance cases, valid and invalid. */
  scenarios: Array<{ name: string; text: string }>;
  /** The corpus treaties, each with the crisis scenarios that name it (the probes run against it). */
  treaties: Array<{ file: string; text: string; probes: string[] }>;
}

/** Reads the seeds under the project root `root` (and ../shared beside it, when present). */
export function loadSeeds(root: string): Seeds {
  const yamlIn = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .sort()
          .map((f) => ({ name: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }))
      : [];
  const crisis = yamlIn(join(root, 'scenarios'));
  const scenarios = [
    ...crisis,
    ...yamlIn(join(root, '..', 'shared', 'scenarios', 'seed')),
    ...yamlIn(join(root, '..', 'shared', 'scenarios', 'invalid')),
  ];
  const fallback = crisis.find((c) => c.name.endsWith('12-poland-1939.yaml')) ?? crisis[0];
  const treaties = readdirSync(join(root, 'corpus'))
    .filter((f) => f.endsWith('.treaty.md'))
    .sort()
    .map((f) => {
      const slug = f.replace(/\.treaty\.md$/, '');
      const named = crisis.filter((c) => c.text.includes(slug)).map((c) => c.text);
      return {
        file: join(root, 'corpus', f),
        text: readFileSync(join(root, 'corpus', f), 'utf8'),
        probes: named.length > 0 ? named : fallback ? [fallback.text] : [],
      };
    });
  return { scenarios, treaties };
}

export type Kind = 'scenario' | 'treaty';

/** One fuzz case: its input, the file name it is read as, and what it was mutated from. */
export interface Case {
  kind: Kind;
  index: number;
  text: string;
  file: string;
  from: string;
  probe?: string;
}

/** The seed of case `index` of a run seeded `seed`: every case can be drawn again on its own. */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws case `index` of a run: the same seed and index give the same input. */
export function drawCase(seeds: Seeds, kind: Kind, seed: number, index: number): Case {
  const r = new Rand(caseSeed(seed, index));
  if (kind === 'scenario') {
    const from = r.pick(seeds.scenarios);
    return { kind, index, text: mutate(from.text, r), file: 'fuzz.yaml', from: from.name };
  }
  const from = r.pick(seeds.treaties);
  return { kind, index, text: mutate(from.text, r), file: from.file, from: from.file, probe: r.pick(from.probes) };
}

/** Runs a case against the property. */
export function checkCase(corpus: Corpus, c: Case): Outcome {
  return c.kind === 'scenario' ? checkScenario(corpus, c.text, c.file) : checkTreaty(corpus, c.text, c.file, c.probe ?? '');
}

/** How a failure is recognised again while minimising: its reason and the first line of its error. */
export function failureKey(o: Outcome): string | undefined {
  return o.ok ? undefined : `${o.reason}: ${o.error.split('\n')[0]}`;
}

/** The case, minimised to the smallest input that fails with the same key. */
export function minimiseCase(corpus: Corpus, c: Case, budget = 400): string {
  const key = failureKey(checkCase(corpus, c));
  if (!key) return c.text;
  return minimise(c.text, (t) => failureKey(checkCase(corpus, { ...c, text: t })) === key, budget);
}

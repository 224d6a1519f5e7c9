import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories } from '../../test/helpers.js';
import { formatError, inputErrors } from '../base/casus-error.js';
import { citationProblems } from './citations.js';
import { DEFAULT_CORPUS_DIR, defaultCorpus, loadCorpus } from './load-corpus.js';

const tempDir = temporaryDirectories();

const base = readFileSync(join(DEFAULT_CORPUS_DIR, 'german-soviet-1939.treaty.md'), 'utf8');

/** Loads the shipped corpus plus one variant treaty file; returns its input errors. */
function errorsWith(text: string): string[] {
  const dir = tempDir('casus-');
  const file = join(dir, 'variant.treaty.md');
  writeFileSync(file, text.replace('treaty: german-soviet-1939', 'treaty: variant-1939'));
  try {
    loadCorpus(DEFAULT_CORPUS_DIR, [file], { cacheDir: false });
  } catch (e) {
    return inputErrors(e).map((x) => `${x.span?.line}:${x.span?.column} ${x.code} ${x.message}`);
  }
  return [];
}

describe('the corpus', () => {
  it('loads the shipped treaties with their norms and sources', () => {
    const c = defaultCorpus();
    // The slugs issue 3 asks for, exactly.
    expect([...c.treaties.keys()].sort()).toEqual(
      [
        'league-covenant',
        'locarno-rhineland-1925',
        'franco-czechoslovak-1924',
        'franco-czechoslovak-1925',
        'franco-polish-1921',
        'franco-polish-1925',
        'kellogg-briand-1928',
        'litvinov-protocol-1929',
        'soviet-french-1932',
        'treaty-of-berlin-1926',
        'italo-soviet-1933',
        'soviet-polish-1932',
        'soviet-finnish-1932',
        'soviet-estonian-1932',
        'soviet-latvian-1932',
        'soviet-lithuanian-1926',
        'sino-soviet-1937',
        'german-soviet-1939',
        'soviet-japanese-1941',
        'anglo-japanese-1902',
        'anglo-japanese-1911',
        'anglo-polish-1939',
        'franco-soviet-1935',
        'czechoslovak-soviet-1935',
      ].sort(),
    );
    const fs = c.treaties.get('franco-soviet-1935');
    expect(fs?.norms.map((n) => n.id)).toEqual([
      'franco-soviet-1935/art-1',
      'franco-soviet-1935/art-2',
      'franco-soviet-1935/art-3',
      'franco-soviet-1935/protocol-4-abstain',
    ]);
    expect(fs?.lifecycle.every((e) => (e.source ?? '').length > 0)).toBe(true);
    expect(c.states.find('Soviet Union')?.abb).toBe('RUS');
  });

  it('cites a source for the text and for every date of every treaty file', () => {
    const c = defaultCorpus();
    const files = readdirSync(DEFAULT_CORPUS_DIR).filter((f) => f.endsWith('.treaty.md'));
    expect(files).toHaveLength(c.treaties.size);
    for (const t of c.treaties.values()) {
      expect(Object.keys(t.sources).length, t.slug).toBeGreaterThan(0);
      expect(t.lifecycle.length, `${t.slug} records no lifecycle`).toBeGreaterThan(0);
      expect(
        citationProblems(t).map((e) => formatError(e)),
        t.slug,
      ).toEqual([]);
      // Every treaty quotes at least one article, except where no verified text was found: then
      // the file must say so in its prose, and each rule still names its source (checked above).
      const quoted = [...t.provisions.values()].filter((p) => p.text.trim() !== '');
      if (quoted.length === 0) expect(readFileSync(t.file, 'utf8'), t.slug).toMatch(/not (been )?(found|quoted)|no .*text .*found/i);
    }
  });

  it('rejects a lifecycle date or a quoted article that names no source', () => {
    const uncited = base
      .replace('source: "FRUS (Supreme Soviet, 31 August 1939)"', 'source: "the Supreme Soviet, 31 August 1939"')
      .replace('[V S1]. A standing prohibition', 'A standing prohibition');
    const errors = errorsWith(uncited);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/treaty.uncited this ratification of 1939-08-31 cites no source/),
        expect.stringMatching(/treaty.uncited provision variant-1939\/art-1 quotes text but its note names no source/),
      ]),
    );
  });

  it('accepts a variant of a shipped treaty unchanged but for its slug', () => {
    expect(errorsWith(base)).toEqual([]);
  });

  it('rejects a field its event type does not have, at its line and column', () => {
    const errors = errorsWith(base.replace('x.by = holder and x.against = beneficiary', 'x.by = holder and x.victim = beneficiary'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\d+:\d+ treaty\.unknown-field an aggression event has no field "victim"/);
    const line = base.split('\n').findIndex((l) => l.includes('x.against = beneficiary')) + 1;
    expect(errors[0]?.startsWith(`${line}:`)).toBe(true);
  });

  it('rejects references to provisions and conditions that do not exist', () => {
    const errors = errorsWith(base.replace('forbids: aggression x', 'condition: league-covenant/art-99(holder);\n  forbids: aggression x'));
    expect(errors).toEqual([expect.stringMatching(/treaty\.unknown-reference condition league-covenant\/art-99 does not exist/)]);
  });

  it('rejects unbound variables, unknown states and a missing lifecycle block', () => {
    expect(errorsWith(base.replace('s.to = a.by', 's.to = b.by'))).toEqual([expect.stringMatching(/"b" is not bound here/)]);
    expect(errorsWith(base.replace('x.by = holder', 'x.by = GMYY'))).toEqual([expect.stringMatching(/unknown state GMYY/)]);
    expect(errorsWith(base.replace(/```casus\nlifecycle[^`]*```/, ''))).toEqual([expect.stringMatching(/no `lifecycle/)]);
  });

  it('rejects bad front matter with the line of the field', () => {
    const errors = errorsWith(base.replace('parties: [GMY, RUS]', 'parties: [GMY, RUSS]'));
    expect(errors).toEqual([expect.stringMatching(/^5:\d+ treaty\.unknown-state unknown state "RUSS"/)]);
  });

  it('rejects a condition that calls itself and a norm that waits on its own status', () => {
    const cyclic = `${base}\n## Cycle {#cycle}\n\n\`\`\`casus\ncondition a() = b();\ncondition b() = a();\n\`\`\`\n`;
    expect(errorsWith(cyclic)).toEqual([
      expect.stringMatching(/condition variant-1939\/a calls itself \(variant-1939\/a → variant-1939\/b → variant-1939\/a\)/),
    ]);
    const waiting = base
      .replace(
        'forbids: aggression x',
        'condition: status of variant-1939/art-2(holder: holder, beneficiary: beneficiary) is due;\n  forbids: aggression x',
      )
      .replace(
        'forbids: assistance s',
        'condition: status of variant-1939/art-1(holder: holder, beneficiary: beneficiary) is due;\n  forbids: assistance s',
      );
    expect(errorsWith(waiting)).toEqual([
      expect.stringMatching(
        /norm variant-1939\/art-1 waits on its own status \(variant-1939\/art-1 → variant-1939\/art-2 → variant-1939\/art-1\)/,
      ),
    ]);
  });

  it('rejects a duration that would overflow the calendar', () => {
    expect(errorsWith(base.replace('duration: 10 years;', 'duration: 99999999 years;'))).toEqual([
      expect.stringMatching(/longer than a thousand years/),
    ]);
  });

  it('rejects a party listed twice', () => {
    expect(errorsWith(base.replace('parties: [GMY, RUS]', 'parties: [GMY, GMY]'))).toEqual([
      expect.stringMatching(/^5:\d+ treaty\.front-matter a party is listed twice/),
    ]);
  });

  it('reuses parsed files from its cache, and ignores a corrupt cache entry', () => {
    const cacheDir = tempDir('casus-');
    const fresh = loadCorpus(DEFAULT_CORPUS_DIR, [], { cacheDir: false });
    const first = loadCorpus(DEFAULT_CORPUS_DIR, [], { cacheDir });
    const entries = readdirSync(cacheDir);
    // One entry per file parsed: every treaty, and the vocabulary file.
    expect(entries.length).toBe(fresh.treaties.size + 1);
    const second = loadCorpus(DEFAULT_CORPUS_DIR, [], { cacheDir });
    const shape = (c: typeof fresh) =>
      JSON.stringify([...c.treaties.values()].map((t) => [t.slug, t.norms, [...t.conditions.values()], [...t.provisions.values()]]));
    expect(shape(first)).toBe(shape(fresh));
    expect(shape(second)).toBe(shape(fresh));
    for (const entry of entries) writeFileSync(join(cacheDir, entry), '{not json');
    expect(shape(loadCorpus(DEFAULT_CORPUS_DIR, [], { cacheDir }))).toBe(shape(fresh));
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, temporaryDirectories } from '../../test/helpers.js';
import { inputErrors } from '../base/casus-error.js';
import { parseDate } from '../base/partial-date.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { statesOn } from './binding.js';

const tempDir = temporaryDirectories();
const corpus = loadCorpus(undefined, [fileURLToPath(new URL('../../test/fixtures/belgian-neutrality.treaty.md', import.meta.url))]);
const of = (events: string[], at: string, norm: string) =>
  run(events, at, corpus)
    .norms.filter((n) => n.norm === `belgian-neutrality-test/${norm}`)
    .map((n) => [n.holder, n.beneficiary, n.status]);

describe('duties owed to a state that is no party, and to every state', () => {
  it('`states` is every state that can be bound that day', () => {
    const d = statesOn(corpus, parseDate('1914-08-04'));
    expect(d).toContain('YUG'); // Serbia
    expect(d).toContain('AUH');
    expect(d).not.toContain('POL'); // not a state in 1914
    expect(statesOn(corpus, parseDate('1930-01-01'))).not.toContain('AUH');
  });

  it('binds Belgium toward every other state, a party or not', () => {
    expect(of(['{date: 1870-08-01, type: aggression, by: BEL, against: NTH, unprovoked: true}'], '1870-08-02', 'art-7-neutrality')).toEqual(
      [['BEL', 'NTH', 'breached']],
    );
  });

  it('makes every guarantor but the attacker owe Belgium help when it is attacked', () => {
    expect(
      of(['{date: 1914-08-04, type: war-declaration, by: GMY, against: BEL, unprovoked: true}'], '1914-08-05', 'art-7-guarantee'),
    ).toEqual([
      ['UKG', 'BEL', 'due'],
      ['AUH', 'BEL', 'due'],
      ['FRN', 'BEL', 'due'],
      ['RUS', 'BEL', 'due'],
    ]);
  });
});

describe('a term tied to another treaty', () => {
  const linked = loadCorpus(undefined, [
    fileURLToPath(new URL('../../test/fixtures/open-pact.treaty.md', import.meta.url)),
    fileURLToPath(new URL('../../test/fixtures/linked-term.treaty.md', import.meta.url)),
  ]);
  const status = (events: string[], at: string) => run(events, at, linked).treaties.find((t) => t.treaty === 'linked-term-test');

  it('lasts while the other lasts, and ends the day it ends', () => {
    expect(status([], '1950-01-01')).toMatchObject({ status: 'in-force', since: '1931-01-01' });
    const ended = status(['{date: 1936-01-01, type: termination, treaty: open-pact-test}'], '1937-01-01');
    expect(ended).toMatchObject({ status: 'terminated', since: '1936-01-01' });
    expect(ended?.history.at(-1)).toMatchObject({ event: 'termination', note: 'ended with open-pact-test, whose duration it shares' });
  });
});

describe('a term tied to a treaty that is not there, or to itself', () => {
  it('is refused, naming the slug or the cycle', () => {
    const dir = tempDir('casus-linked-');
    const treaty = (slug: string, other: string) =>
      `---\ntreaty: ${slug}\ntitle: T\nparties: [FRN, UKG]\nsources:\n  test: a test\nlifecycle:\n  - {date: 1931-01-01, type: signature, source: test}\n---\n\n## Article 1 {#art-1}\n\nA test (source: test).\n\n\`\`\`casus\nlifecycle {\n  entry into force: on signature;\n  duration: as long as ${other};\n}\n\`\`\`\n`;
    writeFileSync(join(dir, 'a.treaty.md'), treaty('a-test', 'b-test'));
    writeFileSync(join(dir, 'b.treaty.md'), treaty('b-test', 'a-test'));
    writeFileSync(join(dir, 'c.treaty.md'), treaty('c-test', 'triple-alliance-1882'));
    const messages = (() => {
      try {
        loadCorpus(undefined, [dir], { cacheDir: false });
        return [];
      } catch (e) {
        return inputErrors(e).map((x) => x.message);
      }
    })();
    expect(messages).toEqual([
      'a-test lasts as long as a treaty that lasts as long as it: break the cycle',
      'b-test lasts as long as a treaty that lasts as long as it: break the cycle',
      expect.stringMatching(/^unknown treaty "triple-alliance-1882"; the corpus has /),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH } from '../base/limits.js';
import { readLiterate } from './literate.js';

const treaty = (headingLine: string) => `---\ntreaty: t\n---\n\n${headingLine}\n\n> words.\n`;

describe('provision headings', () => {
  it('reads the words and the id, with any spaces between them', () => {
    const ids = (line: string) => readLiterate(treaty(line), 't.treaty.md').provisions.map((p) => [p.id, p.heading]);
    expect(ids('## Article 2 {#art-2}')).toEqual([['art-2', 'Article 2']]);
    expect(ids('### Article 2   {#art-2}   ')).toEqual([['art-2', 'Article 2']]);
    expect(ids('## {#art-2}')).toEqual([['art-2', '']]);
    // Not an id: the heading has no provision under it.
    expect(ids('## Article 2 {#Art_2}')).toEqual([]);
    expect(ids('##### Article 2 {#art-2}')).toEqual([]);
    expect(ids('##Article 2 {#art-2}')).toEqual([]);
    // A line as long as a line may be, nearly all spaces, reads at once (the treaty fuzz's case 6677 of seed 1 took a minute).
    const spaces = ' '.repeat(MAX_LINE_LENGTH - 30);
    expect(ids(`## Article${spaces}1 {#art-1}`)).toEqual([['art-1', `Article${spaces}1`]]);
    expect(ids(`## A${spaces}rticle 4 {#art-4}`)[0]?.[0]).toBe('art-4');
  });
});

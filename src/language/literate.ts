import { CasusError } from '../base/casus-error.js';
import { bytesText, MAX_TREATY_RULE_BYTES } from '../base/limits.js';
import type { Item } from './ast.js';
import { parseRules } from './parse-rules.js';

/** One article (or protocol point) of a literate treaty file: its heading, quoted text and rules. */
export interface ProvisionSource {
  /** The provision id used in norm names: `art-2`, `protocol-1`. */
  id: string;
  heading: string;
  /** The article's words as the file quotes them (the `>` lines), joined into paragraphs. */
  text: string;
  /** Everything else written under the heading: sources, verification notes, interpretations. */
  notes: string;
  items: Item[];
  line: number;
}

/** A treaty file split into its parts, before any check against the rest of the corpus. */
export interface TreatySource {
  file: string;
  /** The YAML front matter, unparsed, and the file line where it starts. */
  frontMatter: string;
  frontMatterLine: number;
  title: string;
  provisions: ProvisionSource[];
}

/**
 * A heading of level 2 to 4: `## Article 2 {#art-2}` gives [level, 'Article 2', 'art-2'] (no id:
 * undefined). Read without a backtracking regular expression: a line of 20,000 spaces between the
 * words and the id took a minute with one (found by the treaty fuzz, case 6677 of seed 1).
 */
function heading(line: string): [string, string, string | undefined] | undefined {
  const level = /^#{2,4}/.exec(line)?.[0];
  if (!level || !/\s/.test(line.charAt(level.length))) return undefined;
  let rest = line.slice(level.length).trim();
  let id: string | undefined;
  const open = rest.lastIndexOf('{#');
  if (rest.endsWith('}') && open >= 0 && /^[a-z0-9-]+$/.test(rest.slice(open + 2, -1))) {
    id = rest.slice(open + 2, -1);
    rest = rest.slice(0, open).trimEnd();
  }
  return [level, rest, id];
}

/**
 * Splits a literate treaty file (`*.treaty.md`): YAML front matter between `---` lines,
 * then a heading per provision (`## Article 2 {#art-2}`), its text quoted with `>`,
 * and fenced ```casus blocks that formalise it.
 */
export function readLiterate(text: string, file: string): TreatySource {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    throw new CasusError('treaty.front-matter', 'a treaty file starts with YAML front matter between two `---` lines', {
      file,
      line: 1,
      column: 1,
    });
  }
  const end = lines.indexOf('---', 1);
  if (end < 0) {
    throw new CasusError('treaty.front-matter', 'the front matter is not closed: add a `---` line after it', { file, line: 1, column: 1 });
  }
  const source: TreatySource = {
    file,
    frontMatter: lines.slice(1, end).join('\n'),
    frontMatterLine: 2,
    title: '',
    provisions: [],
  };
  let current: ProvisionSource | undefined;
  let quote: string[] = [];
  let notes: string[] = [];
  const flush = () => {
    if (current) {
      current.text = paragraphs(quote);
      current.notes = notes.join('\n').trim();
    }
    quote = [];
    notes = [];
  };
  let ruleBytes = 0;
  for (let i = end + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = /^```casus\s*$/.exec(line);
    if (fence) {
      const start = i + 1;
      let close = start;
      while (close < lines.length && !/^```\s*$/.test(lines[close] as string)) close++;
      if (close >= lines.length) {
        throw new CasusError('treaty.syntax', 'this ```casus block is never closed: add a ``` line after it', {
          file,
          line: i + 1,
          column: 1,
        });
      }
      if (!current) {
        throw new CasusError('treaty.syntax', 'a ```casus block must stand under a provision heading such as `## Article 1 {#art-1}`', {
          file,
          line: i + 1,
          column: 1,
        });
      }
      const block = lines.slice(start, close).join('\n');
      ruleBytes += block.length;
      if (ruleBytes > MAX_TREATY_RULE_BYTES) {
        throw new CasusError(
          'treaty.too-large',
          `the rule blocks of one treaty file hold at most ${bytesText(MAX_TREATY_RULE_BYTES)} in all; with this block they hold ${bytesText(ruleBytes)}: split the treaty over several files`,
          { file, line: i + 1, column: 1 },
        );
      }
      current.items.push(...parseRules(block, { file, line: start + 1 }));
      i = close;
      continue;
    }
    if (line.startsWith('# ') && !source.title) {
      source.title = line.slice(2).trim();
      continue;
    }
    const h = heading(line);
    if (h) {
      flush();
      current = undefined;
      if (h[2]) {
        current = { id: h[2], heading: h[1], text: '', notes: '', items: [], line: i + 1 };
        source.provisions.push(current);
      }
      continue;
    }
    if (!current) continue;
    if (line.startsWith('>')) quote.push(line.replace(/^>\s?/, ''));
    else notes.push(line);
  }
  flush();
  return source;
}

function paragraphs(lines: string[]): string {
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

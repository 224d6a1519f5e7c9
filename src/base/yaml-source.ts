import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { Span } from '../language/ast.js';
import { CasusError, type CasusErrorCode, CasusErrors } from './casus-error.js';
import { countText, MAX_YAML_ALIASES, MAX_YAML_DEPTH } from './limits.js';

/** A parsed YAML (or JSON) document that can say where any value or key of it stands. */
export interface YamlSource {
  value: unknown;
  /** The span of the value at `path`, or of its key when `key` is set; falls back to the nearest parent. */
  locate(path: ReadonlyArray<string | number>, key?: boolean): Span;
}

/**
 * Parses YAML keeping line positions; a syntax error becomes a CasusError naming the
 * file, line and column. `firstLine` is the file line of the text's first line.
 */
export function readYaml(text: string, file: string, code: CasusErrorCode, firstLine = 1): YamlSource {
  const lineOf = (offset: number): Span => {
    let line = 1;
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      start = i + 1;
    }
    return { file, line: line + firstLine - 1, column: offset - start + 1 };
  };
  // Before the parser sees it: a run of brackets nested past the bound is refused at once (the
  // parser would take seconds to say so).
  const deep = flowDepth(text);
  if (deep) {
    throw new CasusError(
      code,
      `YAML brackets and braces nest at most ${MAX_YAML_DEPTH} deep; these nest ${countText(deep.depth)} deep or more`,
      lineOf(deep.offset),
    );
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const at = (offset: number): Span => {
    const { line, col } = counter.linePos(offset);
    return { file, line: line + firstLine - 1, column: col };
  };
  if (doc.errors.length > 0) {
    throw new CasusErrors(doc.errors.map((e) => new CasusError(code, `YAML syntax: ${e.message.split('\n')[0]}`, at(e.pos[0]))));
  }
  // Nesting (block and flow alike), and aliases: each must name an anchor set before it, and all
  // of them together may expand only so far (an alias of an alias of … is a resource attack).
  const anchors = new Set<string>();
  const problems: CasusError[] = [];
  let aliases = 0;
  visit(doc, (_key, node, path) => {
    if (isCollection(node) && path.filter((p) => isCollection(p)).length >= MAX_YAML_DEPTH) {
      problems.push(new CasusError(code, `YAML collections nest at most ${MAX_YAML_DEPTH} deep`, at(node.range?.[0] ?? 0)));
      return visit.BREAK;
    }
    if (isPair(node) && (isCollection(node.key) || isAlias(node.key))) {
      problems.push(
        new CasusError(code, 'a YAML key is a word or a number, not a list, a mapping or an alias', at(node.key.range?.[0] ?? 0)),
      );
      return visit.SKIP;
    }
    if ((isCollection(node) || isScalar(node)) && node.anchor) anchors.add(node.anchor);
    if (isAlias(node)) {
      aliases++;
      if (!anchors.has(node.source)) {
        problems.push(
          new CasusError(
            code,
            `YAML alias *${node.source} names no anchor &${node.source} set before it: define the anchor first, or write the value out`,
            at(node.range?.[0] ?? 0),
          ),
        );
      } else if (aliases > MAX_YAML_ALIASES) {
        problems.push(
          new CasusError(
            code,
            `YAML aliases (*name) may be used at most ${MAX_YAML_ALIASES} times in a document; this one uses more: write the values out`,
            at(node.range?.[0] ?? 0),
          ),
        );
        return visit.BREAK;
      }
    }
    return undefined;
  });
  if (problems.length > 0) throw new CasusErrors(problems);
  let value: unknown;
  try {
    // The library counts the anchored value itself as one use: 100 aliases of a scalar are 101.
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES + 1 });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    // Aliases within the bound whose expansion still grows past it (an alias of a list of aliases…).
    let first: Node | undefined;
    visit(doc, {
      Alias(_key, node) {
        first = node;
        return visit.BREAK;
      },
    });
    throw new CasusError(
      code,
      `YAML aliases may expand at most ${MAX_YAML_ALIASES} times in a document; these expand further (an alias of a list of aliases...): write the values out`,
      at(first?.range?.[0] ?? 0),
    );
  }
  const locate = (path: ReadonlyArray<string | number>, key = false): Span => {
    let node: unknown = doc.contents;
    let best: Node | undefined = doc.contents ?? undefined;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
        if (pair && key && i === path.length - 1 && isScalar(pair.key)) return at(pair.key.range?.[0] ?? 0);
        next = pair?.value;
      } else if (isSeq(node) && typeof step === 'number') {
        next = node.items[step];
      }
      if (!next || typeof next !== 'object') break;
      node = next;
      best = next as Node;
    }
    return at(best?.range?.[0] ?? 0);
  };
  return { value, locate };
}

/**
 * The first place where brackets and braces, outside quotes and comments, nest past MAX_YAML_DEPTH,
 * read in one pass; undefined if they never do. (A bracket inside a plain scalar counts too: no
 * real file nests sixty-four of them.)
 */
function flowDepth(text: string): { offset: number; depth: number } | undefined {
  let depth = 0;
  let quote = '';
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (comment) {
      if (ch === '\n') comment = false;
      continue;
    }
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if ((ch === '"' || ch === "'") && startsScalar(text, i)) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) comment = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > MAX_YAML_DEPTH) {
        let end = i;
        while (end < text.length && (text[end] === '[' || text[end] === '{' || text[end] === ' ')) end++;
        return { offset: i, depth: depth + (end - i - 1) };
      }
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** Whether a quote at `i` opens a quoted scalar: it follows a line start, an indicator or a separator. */
function startsScalar(text: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = text[j] as string;
    if (c === ' ' || c === '\t') continue;
    return c === '\n' || c === ':' || c === '[' || c === '{' || c === ',' || c === '-' || c === '?';
  }
  return true;
}

import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Span } from '../language/ast.js';
import { CasusError, type CasusErrorCode, CasusErrors } from './casus-error.js';

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
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const at = (offset: number): Span => {
    const { line, col } = counter.linePos(offset);
    return { file, line: line + firstLine - 1, column: col };
  };
  if (doc.errors.length > 0) {
    throw new CasusErrors(doc.errors.map((e) => new CasusError(code, `YAML syntax: ${e.message.split('\n')[0]}`, at(e.pos[0]))));
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
  return { value: doc.toJS({ maxAliasCount: 100 }), locate };
}

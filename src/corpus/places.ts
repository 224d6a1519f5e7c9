import { CasusError } from '../base/casus-error.js';
import { F, T, type Tri, U } from '../base/tri.js';
import type { Span } from '../language/ast.js';
import { readCsv } from './read-csv.js';
import type { StateRegistry } from './states.js';

/**
 * Where an event happened (its optional `place`), as casus writes it:
 * - `GMY`: a state's territory;
 * - `AUH/europe`: its territory in Europe ("an attack on its territory in Europe");
 * - `AUH/border/ROM`: its territory bordering another state ("the portions of its states bordering
 *   on Romania");
 * - a named zone of corpus/data/places.csv (`rhineland`), which lies within the places its row
 *   names (`;` between them), or within none: a region of its own ("Eastern Asia and India").
 * A place lies within itself, `X/europe` and `X/border/Y` within `X`, `X/border/Y` within
 * `X/europe` when Y is European (COW region Europe: casus's reading, a border between two European
 * states being in Europe), and a zone within what the table says and all that lies within.
 * Sovereignty over a zone is taken as constant; where it changed (Alsace-Lorraine), write the
 * state's code instead.
 */
export class Places {
  /** Each zone with the places it lies within (none: a region of its own, such as "Eastern Asia and India"). */
  private readonly zones = new Map<string, { name: string; within: string[] }>();

  constructor(private readonly states: StateRegistry) {}

  /** Reads corpus/data/places.csv (place, name, within, source, note); a row whose `within` is no place is an error. */
  read(text: string, file: string): void {
    const rows = readCsv(text);
    rows.forEach((r, i) => {
      const place = (r.place ?? '').trim();
      const within = (r.within ?? '').trim();
      if (!/^[a-z][a-z0-9-]*$/.test(place)) {
        throw new CasusError('input.bad-option', `place "${place}": a zone's code is lower-case letters, digits and hyphens`, {
          file,
          line: i + 2,
          column: 1,
        });
      }
      const parents = within
        .split(';')
        .map((w) => w.trim())
        .filter(Boolean);
      this.zones.set(place, { name: r.name ?? place, within: parents });
    });
    rows.forEach((r, i) => {
      for (const parent of this.zones.get((r.place ?? '').trim())?.within ?? []) {
        const problem = this.problem(parent);
        if (problem) throw new CasusError('input.bad-option', `place ${r.place} lies within ${problem}`, { file, line: i + 2, column: 1 });
      }
    });
  }

  /** Why a place code is not one casus knows, or undefined if it is. */
  problem(code: string): string | undefined {
    if (this.zones.has(code)) return undefined;
    const [state, part, other, ...rest] = code.split('/');
    const known = (s: string | undefined) => s !== undefined && this.states.find(s)?.abb === s;
    const form =
      'a place is a state (GMY), its European territory (GMY/europe), its territory bordering a state (GMY/border/FRN) or a zone of corpus/data/places.csv';
    if (!known(state)) return `"${code}": ${form}`;
    if (part === undefined) return undefined;
    if (part === 'europe' && other === undefined) return undefined;
    if (part === 'border' && known(other) && other !== state && rest.length === 0) return undefined;
    return `"${code}": ${form}`;
  }

  /** An error for an unknown place, at the given span, or undefined for a known one. */
  check(
    code: string,
    span: Span | undefined,
    field: string | undefined,
    errorCode: 'scenario.invalid' | 'treaty.invalid',
  ): CasusError | undefined {
    const problem = this.problem(code);
    return problem ? new CasusError(errorCode, `unknown place ${problem}`, span, field) : undefined;
  }

  /** Every place a place lies within, itself first (breadth first, each once). */
  private outward(code: string): string[] {
    const out: string[] = [];
    const queue = [code];
    while (queue.length > 0 && out.length < 256) {
      const p = queue.shift() as string;
      if (out.includes(p)) continue;
      out.push(p);
      const zone = this.zones.get(p);
      if (zone) queue.push(...zone.within);
      else {
        const [state, part, other] = p.split('/') as [string, string | undefined, string | undefined];
        if (part === 'border' && other !== undefined && this.states.isEuropean(other)) queue.push(`${state}/europe`);
        if (part !== undefined) queue.push(state);
      }
    }
    return out;
  }

  /** Whether `place` lies within `region`: unknown when the event gives no place. */
  within(place: unknown, region: string): Tri {
    if (typeof place !== 'string') return U;
    return this.outward(place).includes(region) ? T : F;
  }

  /** The zone's name, or the code. */
  name(code: string): string {
    return this.zones.get(code)?.name ?? code;
  }
}

/** The place predicates of the language (corpus/builtins.ts). A set: `in` on an object would also find `constructor`. */
export const PLACE_BUILTINS: ReadonlySet<string> = new Set(['in-territory', 'in-europe', 'on-border', 'in-place']);

/**
 * The region a place predicate asks about, from its arguments after the place: `in-territory(p, s)`
 * is s, `in-europe(p, s)` is `s/europe`, `on-border(p, s, t)` is `s/border/t`, `in-place(p, "zone")`
 * the word. `null` when an argument is not known (unknown), undefined for another call.
 */
export function placeRegion(name: string, args: readonly unknown[]): string | null | undefined {
  if (!PLACE_BUILTINS.has(name)) return undefined;
  const [, a, b] = args;
  if (typeof a !== 'string') return null;
  if (name === 'in-territory' || name === 'in-place') return a;
  if (name === 'in-europe') return `${a}/europe`;
  return typeof b === 'string' ? `${a}/border/${b}` : null;
}

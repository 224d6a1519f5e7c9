import { CasusError, type CasusErrorCode } from '../base/casus-error.js';
import { nearest, normaliseName } from '../base/nearest.js';
import { fromDayNumber, type PartialDate, parseDate } from '../base/partial-date.js';
import { F, T, type Tri, U } from '../base/tri.js';
import type { Span } from '../language/ast.js';
import { readCsv } from './read-csv.js';

/** A state of the COW state system (1816-2016) or one of casus's additions, as the Correlates of War project names it. */
export interface State {
  /** COW state abbreviation: the name every output uses. */
  abb: string;
  /** COW numeric code. */
  ccode: number;
  name: string;
  /** COW region Europe (ccodes 200-399): "a European State" in the treaties. */
  european: boolean;
  /** Other names users write (USSR, Soviet Union, Britain). */
  aliases: string[];
  /** COW state-system membership, first and last day of each spell (both included); empty: no record. */
  spells: Array<{ from: PartialDate; to: PartialDate }>;
}

/** Looks states up by abbreviation, COW number, name or alias; unknown names get the nearest suggestions. */
export class StateRegistry {
  readonly states: readonly State[];
  private readonly index = new Map<string, State>();

  constructor(states: State[]) {
    this.states = states;
    for (const s of states) {
      for (const key of [s.abb, String(s.ccode), s.name, ...s.aliases]) this.index.set(normaliseName(key), s);
    }
  }

  /** Periods in which a recognised government in exile kept an occupied state's treaties alive. */
  private readonly exile = new Map<string, Array<{ from: PartialDate; to: PartialDate }>>();

  /** Reads corpus/data/exile-governments.csv (abb, from, to, recognised_by, source, note). */
  readExile(text: string): void {
    for (const r of readCsv(text)) {
      const list = this.exile.get(r.abb as string) ?? [];
      list.push({ from: parseDate(r.from as string), to: parseDate(r.to as string) });
      this.exile.set(r.abb as string, list);
    }
  }

  /**
   * The periods in which a state could be bound by its treaties, merged, as [lo, hi) day
   * numbers: its spells in the state system (COW), and those in which a government in exile
   * that the Allies recognised represented it (Poland after September 1939, Norway, the
   * Netherlands...). Undefined for a state with no recorded spells: it is taken to exist.
   */
  private boundSpans(abb: string): Array<{ lo: number; hi: number }> | undefined {
    const s = this.find(abb);
    if (!s || s.spells.length === 0) return undefined;
    const spans = [...s.spells, ...(this.exile.get(abb) ?? [])].map((x) => ({ lo: x.from.lo, hi: x.to.hi })).sort((a, b) => a.lo - b.lo);
    const merged: Array<{ lo: number; hi: number }> = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span.lo <= last.hi) last.hi = Math.max(last.hi, span.hi);
      else merged.push({ ...span });
    }
    return merged;
  }

  /** The periods in which a state can be bound, as [lo, hi) day numbers; undefined: no record, taken to exist. */
  spansOf(abb: string): ReadonlyArray<{ lo: number; hi: number }> | undefined {
    return this.boundSpans(abb);
  }

  /**
   * Whether a state could be bound by its treaties on a day (see boundSpans): false for an
   * occupied or annexed state with no recognised government in exile (Austria after the
   * Anschluss, the Baltic states after June 1940); unknown where a partial date straddles a limit.
   */
  canBeBound(abb: string, d: PartialDate): Tri {
    const spans = this.boundSpans(abb);
    if (!spans) return T;
    let result: Tri = F;
    for (const { lo, hi } of spans) {
      if (lo <= d.lo && d.hi <= hi) return T;
      if (lo < d.hi && d.lo < hi) result = U;
    }
    return result;
  }

  /**
   * The first day after `d` on which the state can no longer be bound (see boundSpans), or
   * undefined if it cannot be bound on `d` at all. A spell that runs to the end of the COW data
   * gives a day in 2017. Used to end what a vanished state owed.
   */
  boundUntil(abb: string, d: PartialDate): PartialDate | undefined {
    const span = this.boundSpans(abb)?.find(({ lo, hi }) => lo <= d.lo && d.lo < hi);
    return span ? fromDayNumber(span.hi) : undefined;
  }

  /** The state with this abbreviation, number or name, if any. */
  find(input: string | number): State | undefined {
    return this.index.get(normaliseName(String(input)));
  }

  /** The state's abbreviation; an unknown input throws a CasusError that suggests the nearest names. */
  resolve(input: string | number, span: Span | undefined, code: CasusErrorCode, field?: string): string {
    const found = this.find(input);
    if (found) return found.abb;
    const near = this.suggest(String(input));
    const hint = near.length > 0 ? ` — did you mean ${near.map((s) => `${s.abb} (${s.name})`).join(', ')}?` : '';
    throw new CasusError(code, `unknown state "${input}"${hint} Write a COW abbreviation, number or name.`, span, field);
  }

  /** Up to three states whose abbreviation or name is closest to the input. */
  suggest(input: string): State[] {
    const byCode = [...this.states].sort((a, b) => a.ccode - b.ccode);
    return nearest(input, byCode, (s) => [s.abb, s.name, ...s.aliases]);
  }

  /** Whether the state is European (false for an unknown one). */
  isEuropean(abb: string): boolean {
    return this.index.get(normaliseName(abb))?.european ?? false;
  }
}

/** The `aliases` cell of states.csv: names separated by semicolons. */
export function splitAliases(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The `spells` cell of states.csv: `start/end` pairs separated by spaces. */
export function splitSpells(cell: string | undefined): string[] {
  return (cell ?? '').split(/\s+/).filter(Boolean);
}

/** Reads corpus/data/states.csv (columns abb, ccode, name, european, aliases, spells). */
export function readStates(text: string): StateRegistry {
  return new StateRegistry(
    readCsv(text).map((r) => ({
      abb: r.abb as string,
      ccode: Number(r.ccode),
      name: r.name as string,
      european: r.european === 'true',
      aliases: splitAliases(r.aliases),
      spells: splitSpells(r.spells).map((spell) => {
        const [from, to] = spell.split('/');
        return { from: parseDate(from as string), to: parseDate(to as string) };
      }),
    })),
  );
}

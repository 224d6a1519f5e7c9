import type { StateInfo } from './api';
import { capital, namer, stateWithCode } from './words';

/** The first and last day a date names ("1937" is 1937-01-01 to 1937-12-31), or undefined for a malformed one. */
function dayRange(date: string): { lo: string; hi: string } | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (d) return { lo: `${y}-${mo}-${d}`, hi: `${y}-${mo}-${d}` };
  if (mo) return { lo: `${y}-${mo}-01`, hi: `${y}-${mo}-31` };
  return { lo: `${y}-01-01`, hi: `${y}-12-31` };
}

/** Whether a state can be bound at some time within `date`, as the API says (every state, for no date or a malformed one). */
export function existsOn(state: StateInfo, date: string | undefined): boolean {
  const range = date === undefined ? undefined : dayRange(date);
  if (!range || state.bound.length === 0) return true;
  return state.bound.some((s) => s.from <= range.hi && s.to >= range.lo);
}

/**
 * The `<option>`s of a state picker: each state named as everywhere else in the app ("The USSR
 * (RUS)"), in the order of those names. With `on`, only the states of the system on that date
 * (the table runs from 1816 to 2016), and any of `keep` (what is already chosen).
 */
export function StateOptions({ states, on, keep = [] }: { states: readonly StateInfo[]; on?: string; keep?: readonly string[] }) {
  const shown = namer(states);
  const bare = (abb: string) => shown(abb).replace(/^the /, '');
  return (
    <>
      {states
        .filter((s) => keep.includes(s.abb) || existsOn(s, on))
        .sort((a, b) => bare(a.abb).localeCompare(bare(b.abb)))
        .map((s) => (
          <option key={s.abb} value={s.abb}>
            {capital(stateWithCode(s.abb, shown))}
          </option>
        ))}
    </>
  );
}

import type { StateInfo } from './api';
import { capital, namer, stateWithCode } from './words';

/** The `<option>`s of a state picker: each state named as everywhere else in the app ("The USSR (RUS)"), in the order of those names. */
export function StateOptions({ states }: { states: readonly StateInfo[] }) {
  const shown = namer(states);
  const bare = (abb: string) => shown(abb).replace(/^the /, '');
  return (
    <>
      {[...states]
        .sort((a, b) => bare(a.abb).localeCompare(bare(b.abb)))
        .map((s) => (
          <option key={s.abb} value={s.abb}>
            {capital(stateWithCode(s.abb, shown))}
          </option>
        ))}
    </>
  );
}

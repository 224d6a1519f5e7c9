import type { CorpusStatusEntry, UnboundParty, UnboundReason } from '../analysis/corpus-time.js';

/** Why a party is not bound, in words for a terminal (the web says the same in its own sentences). */
const REASON_WORDS: Record<Exclude<UnboundReason, 'treaty-not-in-force'>, string> = {
  'not-yet-party': 'not yet a party that day (its ratification or accession is still to come)',
  'no-longer-party': 'no longer a party that day (it withdrew, or its denunciation took effect)',
  'not-league-member': 'not a Member of the League that day (the Covenant binds only Members)',
  'not-a-state': 'not an independent state that day (occupied or annexed, with no recognised government in exile)',
};

/** One reason in words: `not an independent state that day (…)`; `perhaps …` where a partial date leaves it open. */
export function unboundWords(u: UnboundParty, status: string): string {
  const words = u.reason === 'treaty-not-in-force' ? `the treaty is ${status} that day` : REASON_WORDS[u.reason];
  return u.value === 'unknown' ? `perhaps ${words}; a partial date in the record leaves it open` : words;
}

/** A list of states, the first twelve named. */
function abbreviate(states: readonly string[]): string {
  return states.length <= 12 ? states.join(', ') : `${states.slice(0, 12).join(', ')} and ${states.length - 12} more`;
}

/**
 * `casus status --at DATE` as text: one line a treaty, with the parties it binds; under a treaty
 * in force that binds fewer than two of them, or suspended, why each other party is not bound
 * (states with the same reason on one line).
 */
export function corpusStatusText(at: string, rows: readonly CorpusStatusEntry[]): string {
  const out = [`The corpus on ${at} (${rows.filter((r) => r.status === 'in-force').length} of ${rows.length} treaties in force)`, ''];
  const width = Math.max(...rows.map((r) => r.treaty.length));
  for (const r of rows) {
    const since = r.since ? ` since ${r.since}` : '';
    const who =
      r.status === 'in-force' && r.bound.length !== r.parties.length
        ? ` — binds ${r.bound.length} of ${r.parties.length} parties: ${abbreviate(r.bound)}`
        : r.status === 'in-force'
          ? ` — ${abbreviate(r.bound)}`
          : '';
    out.push(`  ${r.treaty.padEnd(width)}  ${(r.status + since).padEnd(30)}${who}`.trimEnd());
    if ((r.status === 'in-force' && r.bound.length < 2) || r.status === 'suspended') {
      const byReason = new Map<string, string[]>();
      for (const u of r.unbound) {
        const words = unboundWords(u, r.status);
        byReason.set(words, [...(byReason.get(words) ?? []), u.state]);
      }
      for (const [words, states] of byReason) out.push(`      ${states.join(', ')}: ${words}`);
    }
  }
  return `${out.join('\n')}\n`;
}

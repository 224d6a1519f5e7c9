import { useEffect, useState } from 'react';
import {
  ApiFailure,
  type ConflictResult,
  type ConflictWitness,
  cached,
  type SavedScenario,
  type StoredRun,
  send,
  sendYaml,
  type TreatySummary,
} from './api';
import { dateWords, href } from './route';
import { eventsOf } from './scenario-yaml';
import { capital, type Namer } from './words';

interface Props {
  treaties: readonly string[];
  from?: string | undefined;
  to?: string | undefined;
  all: boolean;
  name: Namer;
}

/** Two treaties with a known witness: the Franco-Czechoslovak treaty of 1925 and Locarno. */
export const DEFAULT_PAIR = ['franco-czechoslovak-1925', 'locarno-rhineland-1925'];

/** "The time …": the search's window, as a sentence. */
function capitalFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const OUTCOME_WORDS: Record<string, string> = {
  compatible: 'compatible',
  conflict: 'conflict found',
  skipped: 'nothing to search',
  'not-searched': 'not searched (the search stopped at the first witness)',
};

/** A witness: what it shows, its events as a timeline, and the two ways to take it further. */
function Witness({ w, name }: { w: ConflictWitness; name: Namer }) {
  const [message, setMessage] = useState<string>();
  const events = eventsOf(w.scenarioYaml);
  const report = async () => {
    try {
      const r = await send<{ run: number; report: StoredRun['report'] }>('/api/runs', { yaml: w.scenarioYaml });
      window.location.hash = href({ view: 'report', run: r.run, norm: w.breached.norm });
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const save = async () => {
    try {
      const s = await sendYaml<SavedScenario>('/api/scenarios', w.scenarioYaml);
      window.location.hash = href({ view: 'builder', scenario: s.id });
    } catch (e) {
      setMessage(e instanceof ApiFailure ? e.message : String(e));
    }
  };
  return (
    <article className="witness">
      <h3>
        {dateWords(w.period.from)} – {dateWords(w.period.to)}: {capital(name(w.duty.holder))} performing <code>{w.duty.norm}</code> breaches{' '}
        <code>{w.breached.norm}</code>
      </h3>
      <p>{w.explanation}</p>
      <ol className="witness-events" aria-label="The witness's events">
        {events.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the witness's events, in order
          <li key={i}>
            <span className="when">{dateWords(String(e.date))}</span> <strong>{e.type}</strong>{' '}
            {Object.entries(e)
              .filter(([k]) => k !== 'date' && k !== 'type')
              .map(
                ([k, v]) =>
                  `${k}: ${Array.isArray(v) ? v.map(String).map(name).join(', ') : typeof v === 'string' && /^[A-Z]{3}$/.test(v) ? name(v) : String(v)}`,
              )
              .join('; ')}
          </li>
        ))}
      </ol>
      <div className="crisis-actions">
        <button type="button" className="primary" onClick={() => void report()}>
          Open the witness as a report
        </button>
        <button type="button" onClick={() => void save()}>
          Save it as a scenario and edit it
        </button>
      </div>
      {message && <p className="error">{message}</p>}
    </article>
  );
}

/**
 * Are these treaties compatible? The engine's bounded search, period by period over the time
 * they are in force together: the verdict names the periods searched, and a witness is a timeline
 * that opens as a report or as a scenario.
 */
export function ConflictsView({ treaties, from, to, all, name }: Props) {
  const [corpus, setCorpus] = useState<TreatySummary[]>([]);
  const [picked, setPicked] = useState<string[]>(treaties.length >= 2 ? [...treaties] : DEFAULT_PAIR);
  const [span, setSpan] = useState({ from: from ?? '', to: to ?? '' });
  const [every, setEvery] = useState(all);
  const [result, setResult] = useState<ConflictResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    cached<TreatySummary[]>('/api/treaties').then(
      (ts) => setCorpus([...ts].sort((a, b) => a.title.localeCompare(b.title))),
      () => {},
    );
  }, []);

  const search = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    const chosen = [...new Set(picked.filter(Boolean))];
    // The URL says what was asked, so that the question can be shared.
    history.replaceState(
      null,
      '',
      href({
        view: 'conflicts',
        treaties: chosen,
        ...(span.from ? { from: span.from } : {}),
        ...(span.to ? { to: span.to } : {}),
        all: every,
      }),
    );
    try {
      setResult(
        await send<ConflictResult>('/api/conflicts', {
          treaties: chosen,
          ...(span.from ? { from: span.from } : {}),
          ...(span.to ? { to: span.to } : {}),
          ...(every ? { all: true } : {}),
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const title = (slug: string) => corpus.find((t) => t.treaty === slug)?.title ?? slug;
  return (
    <section className="conflicts-view">
      <h1 tabIndex={-1}>Are these treaties compatible?</h1>
      <p className="intro">
        casus splits the time the treaties are in force together into periods in which their legal situation does not change, and in each it
        searches the scenarios of a bounded size for a duty of one treaty whose performance breaches another. “Compatible” always names the
        periods searched.
      </p>
      <form
        className="cascade-form"
        aria-label="Compatibility search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <fieldset>
          <legend>Treaties</legend>
          {picked.map((slug, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the picked treaties, in order
            <label key={i} className="treaty-pick">
              Treaty {i + 1}{' '}
              <select
                aria-label={`Treaty ${i + 1}`}
                value={slug}
                onChange={(e) => setPicked(picked.map((p, j) => (j === i ? e.target.value : p)))}
              >
                {corpus.map((t) => (
                  <option key={t.treaty} value={t.treaty}>
                    {t.title}
                  </option>
                ))}
              </select>
              {picked.length > 2 && (
                <button type="button" className="linky" onClick={() => setPicked(picked.filter((_, j) => j !== i))}>
                  remove
                </button>
              )}
            </label>
          ))}
          <button type="button" onClick={() => setPicked([...picked, corpus[0]?.treaty ?? ''])}>
            Add a treaty
          </button>
        </fieldset>
        <fieldset>
          <legend>Period (optional)</legend>
          <label>
            From{' '}
            <input
              aria-label="From"
              size={10}
              placeholder="YYYY-MM-DD"
              value={span.from}
              onChange={(e) => setSpan({ ...span, from: e.target.value })}
            />
          </label>
          <label>
            To{' '}
            <input
              aria-label="To"
              size={10}
              placeholder="YYYY-MM-DD"
              value={span.to}
              onChange={(e) => setSpan({ ...span, to: e.target.value })}
            />
          </label>
          <label>
            <input type="checkbox" checked={every} onChange={(e) => setEvery(e.target.checked)} /> search every period (a witness for each)
          </label>
        </fieldset>
        <button type="submit" className="primary" disabled={busy || picked.length < 2}>
          {busy ? 'Searching… (a few seconds)' : 'Search'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="conflicts-result">
          <p className={`verdict ${result.compatible ? 'compatible' : 'conflict'}`} role="status">
            {result.compatible
              ? `Compatible within these bounds, in every period searched (${result.bounds.periods.filter((p) => p.outcome !== 'not-searched').length} periods, ${dateWords(result.bounds.from)} – ${dateWords(result.bounds.to)}).`
              : `Not compatible: ${result.witnesses.length === 1 ? 'a witness' : `${result.witnesses.length} witnesses`} found.`}
          </p>
          <p className="quiet">
            {capitalFirst(result.bounds.window)}
            {result.bounds.window.endsWith('.') ? '' : '.'} Searched {result.examined.scenarios.toLocaleString('en-GB')} scenarios of at
            most {result.bounds.maxEvents} events, {result.examined.performances.toLocaleString('en-GB')} performances, in{' '}
            {(result.ms / 1000).toFixed(1)} s. States tried: {result.bounds.states.map(name).join(', ')}; {result.bounds.outsiders}
          </p>
          {!result.compatible && result.witnesses.map((w) => <Witness key={`${w.period.from}-${w.duty.norm}`} w={w} name={name} />)}
          <table className="shares periods">
            <caption>The periods of {result.bounds.treaties.map(title).join(' and ')} in force together</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">What begins it</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {result.bounds.periods.map((p) => (
                <tr key={p.from} className={`outcome-${p.outcome}`}>
                  <td>{p.from}</td>
                  <td>{p.to}</td>
                  <td>{p.starts.join('; ')}</td>
                  <td>{OUTCOME_WORDS[p.outcome] ?? p.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { useEffect, useState } from 'react';
import { api, cached, type LibraryEntry, type SavedScenario, type StoredRun, send, type TreatySummary } from './api';
import { href, spanWords } from './route';

/** Runs a scenario (from the library as YAML, or a saved one) and opens its report. */
async function openReport(body: { yaml: string } | { scenarioId: number }): Promise<void> {
  const r = await send<{ run: number; report: StoredRun['report'] }>('/api/runs', body);
  window.location.hash = href({ view: 'report', run: r.run });
}

/** The description's first paragraph ("WHAT HAPPENED. …"), the rest behind "more" (a folded YAML block keeps paragraphs as single line breaks). */
function Description({ text }: { text: string }) {
  const [first = '', ...rest] = text
    .trim()
    .split(/\n+/)
    .filter((p) => p.trim() !== '');
  return (
    <>
      <p className="lede">{first.replace(/\s+/g, ' ')}</p>
      {rest.length > 0 && (
        <details className="more">
          <summary>More: the sources and casus’s reading</summary>
          {rest.map((p) => (
            <p key={p.slice(0, 40)}>{p.replace(/\s+/g, ' ')}</p>
          ))}
        </details>
      )}
    </>
  );
}

/** One crisis: title, dates, treaties, and the two things to do with it. */
function Crisis({
  entry,
  titles,
  busy,
  open,
}: {
  entry: LibraryEntry;
  titles: Map<string, string>;
  busy: boolean;
  open: (e: LibraryEntry) => void;
}) {
  // The founding case names every treaty; the others their first three, the rest counted.
  const shown = entry.founding ? entry.treaties : entry.treaties.slice(0, 3);
  const hidden = entry.treaties.length - shown.length;
  return (
    <article className={`crisis${entry.founding ? ' founding' : ''}`} aria-labelledby={`crisis-${entry.slug}`}>
      <h2 id={`crisis-${entry.slug}`}>{entry.title}</h2>
      <p className="quiet">
        {spanWords(entry.from, entry.at)} · {entry.events} {entry.events === 1 ? 'event' : 'events'}
        {entry.treaties.length > 0 && (
          <>
            {' · '}
            {shown.map((t, i) => (
              <span key={t}>
                {i > 0 && '; '}
                <a href={href({ view: 'treaty', slug: t })}>{titles.get(t) ?? t}</a>
              </span>
            ))}
            {hidden > 0 && ` and ${hidden} more ${hidden === 1 ? 'treaty' : 'treaties'}`}
          </>
        )}
      </p>
      {entry.founding && <Description text={entry.description} />}
      <div className="crisis-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => open(entry)}>
          Open the report
        </button>
        <a className="button" href={href({ view: 'builder', library: entry.slug })}>
          Copy into the builder
        </a>
      </div>
    </article>
  );
}

/**
 * The home page: the founding case (the Franco-Soviet treaty in the Rhineland crisis) first, then
 * every crisis of the library and the user's saved scenarios, each a report in one click.
 */
export function LibraryView() {
  const [entries, setEntries] = useState<LibraryEntry[]>();
  const [saved, setSaved] = useState<SavedScenario[]>([]);
  const [titles, setTitles] = useState(new Map<string, string>());
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    api<LibraryEntry[]>('/api/library').then(setEntries, (e: Error) => setMessage(e.message));
    api<SavedScenario[]>('/api/scenarios').then(setSaved, () => {});
    cached<TreatySummary[]>('/api/treaties').then(
      (ts) => setTitles(new Map(ts.map((t) => [t.treaty, t.title]))),
      () => {},
    );
  }, []);

  const open = async (key: string, load: () => Promise<{ yaml: string } | { scenarioId: number }>) => {
    setBusy(key);
    setMessage(undefined);
    try {
      await openReport(await load());
    } catch (e) {
      setMessage(`Could not open the report: ${(e as Error).message}`);
      setBusy(undefined);
    }
  };
  const openEntry = (e: LibraryEntry) =>
    open(e.slug, async () => ({ yaml: (await api<LibraryEntry & { yaml: string }>(`/api/library/${e.slug}`)).yaml }));

  const founding = entries?.find((e) => e.founding);
  const others = entries?.filter((e) => !e.founding) ?? [];
  return (
    <section className="library-view">
      <h1 tabIndex={-1}>The crisis library</h1>
      <p className="intro">
        Each crisis is a timeline of events, taken from the sources it cites. Open one and casus says, article by article, who owed what to
        whom on that day, and why. Copy one into the builder to change it.
      </p>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {!entries && !message && <p className="quiet">Loading the library…</p>}
      {founding && (
        <>
          <h2 className="section">The founding case: the Franco-Soviet treaty of 1935</h2>
          <Crisis entry={founding} titles={titles} busy={busy !== undefined} open={openEntry} />
        </>
      )}
      {others.length > 0 && (
        <>
          <h2 className="section">The other crises, in order</h2>
          <div className="crises">
            {others.map((e) => (
              <Crisis key={e.slug} entry={e} titles={titles} busy={busy !== undefined} open={openEntry} />
            ))}
          </div>
        </>
      )}
      <h2 className="section">Your saved scenarios</h2>
      {saved.length === 0 ? (
        <p className="quiet">
          None yet. Build one in the <a href={href({ view: 'builder' })}>scenario builder</a>, or copy a crisis above into it.
        </p>
      ) : (
        <ul className="saved-list">
          {saved.map((s) => (
            <li key={s.id}>
              <strong>{s.title}</strong> <span className="quiet">({s.slug})</span>{' '}
              <button
                type="button"
                className="linky"
                disabled={busy !== undefined}
                onClick={() => open(`saved-${s.id}`, async () => ({ scenarioId: s.id }))}
              >
                Open the report
              </button>{' '}
              · <a href={href({ view: 'builder', scenario: s.id })}>Edit</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

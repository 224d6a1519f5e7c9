import { type ReactNode, useEffect, useState } from 'react';
import { cached, failureWords, type TreatyDetail, type TreatySummary } from './api';
import { href, isDay, longDate } from './route';
import { listWords, type Namer } from './words';

interface Props {
  slug: string;
  provision?: string | undefined;
  name: Namer;
}

/** The lifecycle as a small timeline: one dot per step, coloured by the status it led to. */
function Lifecycle({ treaty, name }: { treaty: TreatyDetail; name: Namer }) {
  return (
    <ol className="timeline" aria-label="Lifecycle">
      {treaty.lifecycle.map((h, i) => {
        const day = h.date.length === 10 && isDay(h.date) ? h.date : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lifecycle is a fixed list, in order
          <li key={i} className={`status-${h.status}`}>
            <span className="dot" aria-hidden="true" />
            <span className="when">{day ? <a href={href({ view: 'web', at: day, large: false })}>{h.date}</a> : h.date}</span>
            <span className="what">
              {h.event.replaceAll('-', ' ')}
              {h.by ? ` (${name(h.by)})` : ''}
            </span>
            <span className="quiet"> → {h.status}</span>
            {h.note && <span className="note">{h.note}</span>}
            {h.source && <span className="source quiet">Cites {h.source} (the keys are listed under Sources)</span>}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * A rule block with its references made links: a provision of the corpus
 * (`league-covenant/art-15-7`) opens that treaty at that provision; a reading casus chose
 * (`locarno-compatible`) goes to its text on this page. The words themselves stay as written.
 */
export function RuleText({
  text,
  slug,
  known,
  readings,
}: {
  text: string;
  slug: string;
  known: ReadonlySet<string>;
  readings: ReadonlySet<string>;
}) {
  const parts: ReactNode[] = [];
  const token = /\b([a-z][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)\b|\b([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\b/g;
  let last = 0;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    const [whole, treaty, provision, word] = m;
    let link: string | undefined;
    if (treaty && provision && known.has(treaty)) link = href({ view: 'treaty', slug: treaty, provision: `${treaty}/${provision}` });
    else if (word && readings.has(word)) link = href({ view: 'treaty', slug, provision: `reading-${word}` });
    if (!link) continue;
    parts.push(text.slice(last, m.index));
    parts.push(
      <a key={m.index} href={link}>
        {whole}
      </a>,
    );
    last = m.index + whole.length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

/** A treaty article by article: its quoted words, with the formal rules beside them, the notes, and its lifecycle. */
export function TreatyView({ slug, provision, name }: Props) {
  const [treaty, setTreaty] = useState<TreatyDetail>();
  const [error, setError] = useState<string>();
  const [known, setKnown] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    cached<TreatySummary[]>('/api/treaties').then(
      (ts) => setKnown(new Set(ts.map((t) => t.treaty))),
      () => {},
    );
  }, []);

  useEffect(() => {
    setTreaty(undefined);
    setError(undefined);
    cached<TreatyDetail>(`/api/treaties/${encodeURIComponent(slug)}`).then(setTreaty, (e: Error) =>
      setError(failureWords(e, 'treaty', `treaty “${slug}” in the corpus`)),
    );
  }, [slug]);

  useEffect(() => {
    if (treaty && provision) document.getElementById(provision)?.scrollIntoView({ block: 'start' });
  }, [treaty, provision]);

  if (error) return <p className="error">{error}</p>;
  if (!treaty) return <p className="quiet">Loading {slug}…</p>;
  const readings = new Set(treaty.interpretations.map((x) => x.id));
  return (
    <article className="treaty-view">
      <h1 tabIndex={-1}>{treaty.title}</h1>
      <p className="quiet">
        <code>{treaty.treaty}</code> · parties: {listWords(treaty.parties.map(name))}
      </p>
      <h2>Lifecycle</h2>
      <Lifecycle treaty={treaty} name={name} />
      <p>
        <a href={href({ view: 'timeline', treaty: treaty.treaty })}>
          The lifecycle as a timeline
          {treaty.treaty === 'league-covenant' ? ', with every Member’s admission, withdrawal and expulsion' : ''} →
        </a>
      </p>
      <nav className="toc" aria-label="Provisions">
        {treaty.provisions.map((p) => (
          <a key={p.id} href={href({ view: 'treaty', slug, provision: p.id })}>
            {p.heading}
          </a>
        ))}
      </nav>
      {treaty.provisions.map((p) => (
        <section key={p.id} id={p.id} className={`provision${p.id === provision ? ' chosen' : ''}`} aria-labelledby={`${p.id}-h`}>
          <h2 id={`${p.id}-h`}>
            <a href={href({ view: 'treaty', slug, provision: p.id })}>{p.heading}</a> <code className="quiet">{p.id}</code>
          </h2>
          <div className="provision-body">
            <div className="words">
              <blockquote>{p.text || <span className="quiet">(no text quoted)</span>}</blockquote>
              {p.notes && <div className="notes">{p.notes}</div>}
            </div>
            <div className="rules">
              {p.rules.length === 0 ? (
                <p className="quiet">No formal rule: this article is quoted for context.</p>
              ) : (
                p.rules.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a provision's rule blocks, in file order
                  <pre key={i}>
                    <code>
                      <RuleText text={r} slug={slug} known={known} readings={readings} />
                    </code>
                  </pre>
                ))
              )}
            </div>
          </div>
        </section>
      ))}
      {treaty.interpretations.length > 0 && (
        <section>
          <h2>Readings casus chose</h2>
          <dl>
            {treaty.interpretations.map((x) => (
              <div key={x.id} id={`reading-${x.id}`}>
                <dt>
                  <code>{x.id}</code>
                </dt>
                <dd>{x.text}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {Object.keys(treaty.sources).length > 0 && (
        <section>
          <h2>Sources</h2>
          <p className="quiet">
            Each date of the lifecycle and each quoted text names its source by one of these keys; “seed” is the document casus was founded
            on.
          </p>
          <dl className="sources">
            {Object.entries(treaty.sources).map(([k, v]) => (
              <div key={k} id={`source-${k}`}>
                <dt>{k === 'seed' ? 'seed (casus’s founding document)' : k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <p>
        <a href={href({ view: 'web', at: firstInForce(treaty) ?? '1936-03-27', large: false })}>See it in the treaty web</a>
        {firstInForce(treaty) ? ` (${longDate(firstInForce(treaty) as string)})` : ''}
      </p>
    </article>
  );
}

function firstInForce(t: TreatyDetail): string | undefined {
  const d = t.lifecycle.find((h) => h.status === 'in-force')?.date;
  return d && isDay(d) ? d : undefined;
}

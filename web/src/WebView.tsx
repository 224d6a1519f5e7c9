import { useEffect, useMemo, useState } from 'react';
import { cached, type StatusEntry, type TreatySummary } from './api';
import { Graph, KIND_STYLE } from './Graph';
import { addMonths, dayAt, dayIndex, FIRST_DAY, href, isDay, LAST_DAY, longDate } from './route';
import { buildTreatyWeb, TREATY_KINDS, type TreatyWeb } from './treaty-web';
import { listWords, type Namer } from './words';

interface Props {
  at: string;
  large: boolean;
  name: Namer;
}

const LAST = dayIndex(LAST_DAY);

/** A small sample of the edge's line, for the legend and the lists. */
function Swatch({ kind }: { kind: string }) {
  const st = KIND_STYLE[kind] ?? KIND_STYLE.other;
  return <span className="swatch" aria-hidden="true" style={{ borderTop: `${Math.max(3, st?.width ?? 2)}px ${st?.line} ${st?.color}` }} />;
}

/** The treaty web through time: a date slider and the network of the treaties in force that day. */
export function WebView({ at, large, name }: Props) {
  const [day, setDay] = useState(at);
  const [typed, setTyped] = useState(at);
  const [corpus, setCorpus] = useState<TreatySummary[]>();
  const [web, setWeb] = useState<TreatyWeb>();
  const [error, setError] = useState<string>();

  // The URL follows the day (replacing, not stacking, history entries as the slider moves).
  useEffect(() => setDay(at), [at]);
  useEffect(() => {
    setTyped(day);
    const target = href({ view: 'web', at: day, large });
    if (window.location.hash !== target) window.history.replaceState(null, '', target);
  }, [day, large]);

  useEffect(() => {
    cached<TreatySummary[]>('/api/treaties').then(setCorpus, (e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    if (!corpus) return;
    let live = true;
    const timer = window.setTimeout(() => {
      cached<{ at: string; treaties: StatusEntry[] }>(`/api/status?at=${day}`).then(
        (status) => {
          if (live) {
            setWeb(buildTreatyWeb(status, corpus));
            setError(undefined);
          }
        },
        (e: Error) => live && setError(e.message),
      );
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [day, corpus]);

  const byKind = useMemo(() => {
    const m = new Map<string, NonNullable<typeof web>['edges']>();
    for (const e of web?.edges ?? []) m.set(e.treaty, [...(m.get(e.treaty) ?? []), e]);
    return m;
  }, [web]);

  const openTreaty = (slug: string) => {
    window.location.hash = href({ view: 'treaty', slug });
  };
  const step = (next: string) => setDay(next < FIRST_DAY ? FIRST_DAY : next > LAST_DAY ? LAST_DAY : next);
  const toggleLarge = () => {
    window.location.hash = href({ view: 'web', at: day, large: !large });
  };

  return (
    <section className="web-view">
      <h1 tabIndex={-1}>The treaty web on {longDate(day)}</h1>
      <div className="slider-row">
        <label htmlFor="day-slider" className="visually-hidden">
          Day
        </label>
        <span aria-hidden="true">1919</span>
        <input
          id="day-slider"
          type="range"
          min={0}
          max={LAST}
          step={1}
          value={dayIndex(day)}
          aria-valuetext={longDate(day)}
          onChange={(e) => setDay(dayAt(Number(e.target.value)))}
          onKeyDown={(e) => {
            // PageUp/PageDown move by a month, Home/End to the ends (arrows move by a day, natively).
            if (e.key === 'PageUp' || e.key === 'PageDown') {
              e.preventDefault();
              step(addMonths(day, e.key === 'PageUp' ? 1 : -1));
            }
          }}
        />
        <span aria-hidden="true">1945</span>
      </div>
      <div className="day-controls">
        <button type="button" onClick={() => step(addMonths(day, -12))} aria-label="One year back">
          −1 yr
        </button>
        <button type="button" onClick={() => step(addMonths(day, -1))} aria-label="One month back">
          −1 mo
        </button>
        <button type="button" onClick={() => step(dayAt(dayIndex(day) - 1))} aria-label="One day back">
          −1 day
        </button>
        <input
          type="date"
          aria-label="Go to a day"
          min={FIRST_DAY}
          max={LAST_DAY}
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            if (isDay(e.target.value)) setDay(e.target.value);
          }}
        />
        <button type="button" onClick={() => step(dayAt(dayIndex(day) + 1))} aria-label="One day forward">
          +1 day
        </button>
        <button type="button" onClick={() => step(addMonths(day, 1))} aria-label="One month forward">
          +1 mo
        </button>
        <button type="button" onClick={() => step(addMonths(day, 12))} aria-label="One year forward">
          +1 yr
        </button>
      </div>
      {error && <p className="error">{error}</p>}
      <ul className="legend" aria-label="Kinds of treaty">
        {TREATY_KINDS.map((k) => (
          <li key={k.kind}>
            <Swatch kind={k.kind} /> {k.label}
          </li>
        ))}
      </ul>
      {web ? (
        <div className="web-layout">
          <Graph web={web} showLarge={large} name={name} onTreaty={openTreaty} />
          <aside className="web-lists">
            <h2>In force between states ({byKind.size})</h2>
            {byKind.size === 0 && <p className="quiet">No bilateral treaty of the corpus is in force on this day.</p>}
            <ul className="treaty-list" data-testid="edges">
              {[...byKind].map(([treaty, edges]) => (
                <li key={treaty} data-kind={edges[0]?.kind} data-edges={edges.map((e) => e.id).join(' ')}>
                  <Swatch kind={edges[0]?.kind ?? 'other'} />
                  <a href={href({ view: 'treaty', slug: treaty })}>{edges[0]?.title}</a>
                  <span className="quiet"> — {listWords([...new Set(edges.flatMap((e) => [e.source, e.target]))].map(name))}</span>
                </li>
              ))}
            </ul>
            <h2>Large multilateral treaties ({web.large.length})</h2>
            <label className="toggle">
              <input type="checkbox" checked={large} onChange={toggleLarge} /> draw them on the map
            </label>
            <ul className="treaty-list">
              {web.large.map((h) => (
                <li key={h.treaty}>
                  <Swatch kind={h.kind} />
                  <a href={href({ view: 'treaty', slug: h.treaty })}>{h.title}</a>
                  <span className="quiet"> — binds {h.bound.length} states</span>
                </li>
              ))}
            </ul>
            <h2>Signed, not in force ({web.signed.length})</h2>
            {web.signed.length === 0 && <p className="quiet">None on this day.</p>}
            <ul className="treaty-list signed">
              {web.signed.map((s) => (
                <li key={s.treaty}>
                  <a href={href({ view: 'treaty', slug: s.treaty })}>{s.title}</a>
                  <span className="quiet">
                    {' '}
                    — signed{s.since ? ` ${s.since}` : ''} by {listWords(s.parties.map(name))}
                  </span>
                </li>
              ))}
            </ul>
          </aside>
        </div>
      ) : (
        !error && <p className="quiet">Loading the corpus…</p>
      )}
    </section>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { cached, type StatusEntry, type TreatyKindInfo, type TreatySummary } from './api';
import { DEFAULT_DASH, Graph, kindStyle } from './Graph';
import { addMonths, dayAt, dayIndex, FIRST_DAY, href, isDay, LAST_DAY, longDate, SWEEP_YEARS } from './route';
import { buildTreatyWeb, type TreatyWeb } from './treaty-web';
import { apartSentence, capital, listWords, type Namer, unboundClauses } from './words';

interface Props {
  at: string;
  large: boolean;
  /** The state explored (a COW abbreviation), if any. */
  state?: string | undefined;
  /** A day the URL asked for that the slider does not have. */
  rejected?: string | undefined;
  name: Namer;
}

/** A small sample of the edge's line, for the legend and the lists (a dashed one with the edge's own dash and gap). */
function Swatch({ kind }: { kind: string }) {
  const st = kindStyle(kind);
  const thick = Math.max(3, st.width);
  const [dash, gap] = st.dash ?? DEFAULT_DASH;
  const style =
    st.line === 'dashed'
      ? {
          height: `${thick}px`,
          background: `repeating-linear-gradient(90deg, ${st.color} 0 ${dash}px, transparent ${dash}px ${dash + gap}px)`,
        }
      : { borderTop: `${thick}px ${st.line} ${st.color}` };
  return <span className="swatch" aria-hidden="true" style={style} />;
}

/** Treaties that cannot be drawn as edges that day, each with the engine's reason in words. */
function ApartList({ testid, treaties, name, onDay }: { testid: string; treaties: TreatyWeb['apart']; name: Namer; onDay: string }) {
  return (
    <ul className="treaty-list apart" data-testid={testid}>
      {treaties.map((t) => (
        <li key={t.treaty} data-treaty={t.treaty} data-kind={t.kind}>
          <Swatch kind={t.kind} />
          <a href={href({ view: 'treaty', slug: t.treaty })}>{t.title}</a>
          <p className="reason">{apartSentence(t, name, onDay)}</p>
        </li>
      ))}
    </ul>
  );
}

/** Find a state by name or abbreviation and explore it; or stop exploring. */
function StateSearch({
  web,
  state,
  name,
  onPick,
}: {
  web: TreatyWeb | undefined;
  state: string | undefined;
  name: Namer;
  onPick: (abb: string | undefined) => void;
}) {
  const [text, setText] = useState('');
  const [miss, setMiss] = useState<string>();
  const states = useMemo(() => {
    const all = new Set(web?.states ?? []);
    for (const h of web?.large ?? []) for (const s of h.bound) all.add(s);
    for (const t of web?.apart ?? []) for (const s of t.bound) all.add(s);
    return [...all].sort((a, b) => name(a).localeCompare(name(b)));
  }, [web, name]);
  const find = (q: string): string | undefined => {
    const t = q.trim().toLowerCase().replace(/^the /, '');
    if (!t) return undefined;
    return (
      states.find((s) => s.toLowerCase() === t || name(s).toLowerCase().replace(/^the /, '') === t) ??
      states.find((s) => `${name(s)} (${s})`.toLowerCase() === q.trim().toLowerCase()) ??
      states.find((s) => name(s).toLowerCase().replace(/^the /, '').startsWith(t))
    );
  };
  const go = (q: string) => {
    const abb = find(q);
    setMiss(abb ? undefined : q.trim() ? `No state called “${q.trim()}” is bound by a treaty of the corpus on this day.` : undefined);
    if (abb) {
      onPick(abb);
      setText('');
    }
  };
  return (
    <form
      className="state-search"
      aria-label="Find a state"
      onSubmit={(e) => {
        e.preventDefault();
        go(text);
      }}
    >
      <label>
        Explore a state{' '}
        <input
          list="web-states"
          value={text}
          placeholder="France, or FRN; or click one on the map"
          onChange={(e) => {
            setText(e.target.value);
            // Picking from the list fills the whole "France (FRN)": explore it at once.
            if (states.some((s) => `${name(s)} (${s})` === e.target.value)) go(e.target.value);
          }}
        />
      </label>
      <datalist id="web-states">
        {states.map((s) => (
          <option key={s} value={`${name(s)} (${s})`} />
        ))}
      </datalist>{' '}
      <button type="submit">Explore</button>
      {state && (
        <>
          {' '}
          <button type="button" onClick={() => onPick(undefined)}>
            Show every state
          </button>
        </>
      )}
      {miss && (
        <p className="error" role="alert">
          {miss}
        </p>
      )}
    </form>
  );
}

/** What binds one state on the day: each treaty, its kind, the obligations the engine reads in it, and toward whom. */
function StateStanding({
  web,
  state,
  corpus,
  name,
  onDay,
}: {
  web: TreatyWeb;
  state: string;
  corpus: readonly TreatySummary[];
  name: Namer;
  onDay: string;
}) {
  const info = new Map(corpus.map((t) => [t.treaty, t]));
  const rows: Array<{ treaty: string; title: string; kind: string; with: string }> = [];
  const byTreaty = new Map<string, Set<string>>();
  for (const e of web.edges) {
    if (e.source !== state && e.target !== state) continue;
    const other = e.source === state ? e.target : e.source;
    byTreaty.set(e.treaty, (byTreaty.get(e.treaty) ?? new Set()).add(other));
  }
  for (const [treaty, others] of byTreaty) {
    const t = info.get(treaty);
    rows.push({ treaty, title: t?.title ?? treaty, kind: t?.kind ?? 'other', with: listWords([...others].sort().map(name)) });
  }
  for (const h of web.large) {
    if (!h.bound.includes(state)) continue;
    rows.push({ treaty: h.treaty, title: h.title, kind: h.kind, with: `${h.bound.length - 1} other states it binds` });
  }
  for (const t of web.apart) {
    if (t.status !== 'in-force' || !t.bound.includes(state)) continue;
    rows.push({ treaty: t.treaty, title: t.title, kind: t.kind, with: 'no other party it binds that day' });
  }
  const words: Record<string, string> = {
    defense: 'defence',
    offense: 'offence',
    neutral: 'neutrality',
    nonagg: 'non-aggression',
    consul: 'consultation',
  };
  return (
    <section className="standing" aria-labelledby="standing-h">
      <h2 id="standing-h">
        {capital(name(state))} ({state}) on {onDay}
      </h2>
      <p>
        {rows.length === 0
          ? `No treaty of the corpus binds ${name(state)} on this day.`
          : `Bound by ${rows.length} ${rows.length === 1 ? 'treaty' : 'treaties'} of the corpus. The obligations are the engine's reading of each treaty's duties (ATOP's terms).`}
      </p>
      {rows.length > 0 && (
        <ul className="treaty-list standing-list">
          {rows.map((r) => (
            <li key={r.treaty} data-treaty={r.treaty}>
              <Swatch kind={r.kind} />
              <a href={href({ view: 'treaty', slug: r.treaty })}>{r.title}</a>
              <p className="reason">
                <span className="obligations">
                  {(info.get(r.treaty)?.obligations ?? []).map((o) => words[o] ?? o).join(', ') || r.kind.replaceAll('-', ' ')}
                </span>
                , toward <span className="toward">{r.with}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The day's network as files for Gephi, yEd, igraph or networkx, and the dyad-years for R and pandas. */
function Downloads({ day }: { day: string }) {
  const year = Number(day.slice(0, 4));
  const [from, setFrom] = useState(year);
  const [to, setTo] = useState(year);
  useEffect(() => {
    setFrom(year);
    setTo(year);
  }, [year]);
  const net = (format: string) => `/api/export/network?at=${day}&format=${format}`;
  const years = (format: string) => `/api/export/dyad-years?from=${from}&to=${to}&format=${format}`;
  const first = Number(FIRST_DAY.slice(0, 4));
  const last = Number(LAST_DAY.slice(0, 4));
  const valid = from >= first && to <= last && from <= to && to - from < SWEEP_YEARS;
  return (
    <details className="downloads">
      <summary>
        <strong>Download this network, or the dyad-years</strong>
      </summary>
      <p>
        The network on {longDate(day)}:{' '}
        <a href={net('gexf')} download>
          GEXF
        </a>{' '}
        (Gephi) ·{' '}
        <a href={net('graphml')} download>
          GraphML
        </a>{' '}
        (yEd, igraph, networkx) ·{' '}
        <a href={net('nodes-csv')} download>
          nodes CSV
        </a>{' '}
        ·{' '}
        <a href={net('edges-csv')} download>
          edges CSV
        </a>
        . States carry their COW number; each treaty edge its kind and the days it binds the pair; treaties of more than five parties are
        hub nodes.
      </p>
      <p>
        Directed dyad-years, every ordered pair of system members, 0/1 per obligation (ATOP’s coding), from{' '}
        <input
          type="number"
          aria-label="First year"
          min={first}
          max={last}
          value={from}
          onChange={(e) => setFrom(Number(e.target.value))}
        />{' '}
        to <input type="number" aria-label="Last year" min={first} max={last} value={to} onChange={(e) => setTo(Number(e.target.value))} />:{' '}
        {valid ? (
          <>
            <a href={years('csv')} download>
              CSV
            </a>{' '}
            ·{' '}
            <a href={years('arrow')} download>
              Arrow
            </a>{' '}
            (pandas <code>read_feather</code>, R <code>arrow::read_feather</code>)
          </>
        ) : (
          <span role="alert">
            years from {first} to {last}, the first not after the last, at most {SWEEP_YEARS} in one download
          </span>
        )}
        .
      </p>
    </details>
  );
}

/** The treaty web through time: a date slider and the network of the treaties in force that day. */
export function WebView({ at, large, state, rejected, name }: Props) {
  const [day, setDay] = useState(at);
  const [typed, setTyped] = useState(at);
  const [corpus, setCorpus] = useState<TreatySummary[]>();
  const [kinds, setKinds] = useState<TreatyKindInfo[]>([]);
  const [web, setWeb] = useState<TreatyWeb>();
  const [error, setError] = useState<string>();

  // The URL follows the day (replacing, not stacking, history entries as the slider moves).
  useEffect(() => setDay(at), [at]);
  useEffect(() => {
    setTyped(day);
    const target = href({ view: 'web', at: day, large, ...(state ? { state } : {}) });
    if (window.location.hash !== target) window.history.replaceState(null, '', target);
  }, [day, large, state]);

  useEffect(() => {
    cached<TreatySummary[]>('/api/treaties').then(setCorpus, (e: Error) => setError(e.message));
    cached<TreatyKindInfo[]>('/api/treaty-kinds').then(setKinds, (e: Error) => setError(e.message));
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

  const onDay = longDate(web?.at ?? day);
  const inForceApart = (web?.apart ?? []).filter((t) => t.status === 'in-force');
  const suspended = (web?.apart ?? []).filter((t) => t.status === 'suspended');
  const inForce = byKind.size + (web?.large.length ?? 0) + inForceApart.length;

  const openTreaty = (slug: string) => {
    window.location.hash = href({ view: 'treaty', slug });
  };
  const step = (next: string) => setDay(next < FIRST_DAY ? FIRST_DAY : next > LAST_DAY ? LAST_DAY : next);
  const toggleLarge = () => {
    window.location.hash = href({ view: 'web', at: day, large: !large, ...(state ? { state } : {}) });
  };
  /** Explores a state (or none): the URL carries it, so the view can be shared. */
  const explore = (abb: string | undefined) => {
    window.location.hash = href({ view: 'web', at: day, large, ...(abb ? { state: abb } : {}) });
  };
  const touches = (e: { source: string; target: string }) => !state || e.source === state || e.target === state;
  const shownByKind = [...byKind].filter(([, edges]) => edges.some(touches));
  const shownLarge = (web?.large ?? []).filter((h) => !state || h.bound.includes(state));
  const shownApart = inForceApart.filter((t) => !state || t.bound.includes(state) || t.parties.includes(state));

  return (
    <section className="web-view">
      <h1 tabIndex={-1}>The treaty web on {longDate(day)}</h1>
      <div className="slider-row">
        <label htmlFor="day-slider" className="visually-hidden">
          Day
        </label>
        <span aria-hidden="true">{FIRST_DAY.slice(0, 4)}</span>
        <input
          id="day-slider"
          type="range"
          min={0}
          max={dayIndex(LAST_DAY)}
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
        <span aria-hidden="true">{LAST_DAY.slice(0, 4)}</span>
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
      {typed !== '' && !isDay(typed) && (
        <p className="error" role="alert">
          The treaty web runs from {longDate(FIRST_DAY)} to {longDate(LAST_DAY)}; {typed} is outside it. Still showing {longDate(day)}.
        </p>
      )}
      {rejected && typed === day && (
        <p className="error" role="alert">
          “{rejected}” is not a day between {longDate(FIRST_DAY)} and {longDate(LAST_DAY)}; showing {longDate(day)} instead.
        </p>
      )}
      <StateSearch web={web} state={state} name={name} onPick={explore} />
      {error && <p className="error">{error}</p>}
      <ul className="legend" aria-label="Kinds of treaty">
        {kinds.map((k) => (
          <li key={k.kind} title={k.rule}>
            <Swatch kind={k.kind} /> {k.label}
          </li>
        ))}
      </ul>
      {web ? (
        <div className="web-layout">
          <Graph web={web} showLarge={large} name={name} onTreaty={openTreaty} focus={state} onState={explore} />
          <aside className="web-lists">
            <p className="in-force-count" data-testid="in-force-count">
              {inForce} {inForce === 1 ? 'treaty' : 'treaties'} of the corpus in force on {onDay}: {byKind.size} between states,{' '}
              {web.large.length} large multilateral, {inForceApart.length} binding fewer than two states.
            </p>
            {state && <StateStanding web={web} state={state} corpus={corpus ?? []} name={name} onDay={onDay} />}
            <Downloads day={web.at} />
            <h2>In force between states ({state ? `${shownByKind.length} of ${byKind.size}, binding ${name(state)}` : byKind.size})</h2>
            {byKind.size === 0 && <p className="quiet">No bilateral treaty of the corpus is in force on this day.</p>}
            <ul className="treaty-list" data-testid="edges">
              {shownByKind.map(([treaty, edges]) => {
                const unbound = unboundClauses(edges[0]?.unbound ?? [], name, onDay);
                return (
                  <li key={treaty} data-kind={edges[0]?.kind} data-edges={edges.map((e) => e.id).join(' ')}>
                    <Swatch kind={edges[0]?.kind ?? 'other'} />
                    <a href={href({ view: 'treaty', slug: treaty })}>{edges[0]?.title}</a>
                    <span className="quiet"> — {listWords([...new Set(edges.flatMap((e) => [e.source, e.target]))].map(name))}</span>
                    {unbound.length > 0 && <p className="reason">Does not bind all its parties: {unbound.join('; ')}.</p>}
                  </li>
                );
              })}
            </ul>
            <h2>In force, but binding fewer than two states ({inForceApart.length})</h2>
            {inForceApart.length === 0 ? (
              <p className="quiet">None on this day: every treaty in force binds at least two of its parties.</p>
            ) : (
              <p className="quiet">Not drawn: an edge needs two states the treaty binds that day.</p>
            )}
            <ApartList testid="apart" treaties={shownApart} name={name} onDay={onDay} />
            {suspended.length > 0 && (
              <>
                <h2>Suspended ({suspended.length})</h2>
                <ApartList testid="suspended" treaties={suspended} name={name} onDay={onDay} />
              </>
            )}
            <h2>Large multilateral treaties ({web.large.length})</h2>
            <label className="toggle">
              <input type="checkbox" checked={large} onChange={toggleLarge} /> draw them on the map
            </label>
            <ul className="treaty-list" data-testid="large">
              {shownLarge.map((h) => {
                const unbound = unboundClauses(h.unbound, name, onDay);
                return (
                  <li key={h.treaty} data-treaty={h.treaty} data-kind={h.kind}>
                    <Swatch kind={h.kind} />
                    <a href={href({ view: 'treaty', slug: h.treaty })}>{h.title}</a>
                    <span className="quiet">
                      {' '}
                      — binds {h.bound.length} of its {h.parties.length} parties
                    </span>
                    {unbound.length > 0 && (
                      <details className="why-unbound">
                        <summary>Why not the other {h.unbound.length}</summary>
                        <ul>
                          {unbound.map((u) => (
                            <li key={u}>{u}.</li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </li>
                );
              })}
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

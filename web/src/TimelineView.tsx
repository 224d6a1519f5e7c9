import { useEffect, useState } from 'react';
import { api, cached, failureWords, type RunScenario, type ScenarioTimeline, send, type TimelineEntry, type TreatySummary } from './api';
import { dateWords, href } from './route';
import { dayNumber, type Row, scenarioRows, treatyRows } from './timeline-rows';
import type { Namer } from './words';

interface Props {
  run?: number | undefined;
  treaty?: string | undefined;
  name: Namer;
}

const LABEL = 330;
const WIDTH = 1200;
const ROW = 24;
const TOP = 56;

/** Status words in the legend's order, each with the colour its bands are drawn in (CSS: `.band.s-…`). */
const LEGEND: Array<[string, string]> = [
  ['signed', 'signed'],
  ['in-force', 'in force'],
  ['suspended', 'suspended'],
  ['terminated', 'terminated'],
  ['member', 'League Member'],
  ['notice', 'notice of withdrawal running'],
  ['pending', 'pending'],
  ['due', 'due'],
  ['fulfilled', 'fulfilled'],
  ['breached', 'breached'],
  ['not-triggered', 'not triggered'],
  ['void', 'void'],
  ['discharged', 'discharged'],
];

/** A label cut to fit the label column. */
function clip(text: string, at: number): string {
  return text.length > at ? `${text.slice(0, at - 2)}…` : text;
}

/** The rows as horizontal bands over time, the deciding events marked, years along the top. */
function Bands({ rows, end, marks }: { rows: Row[]; end: string; marks: Array<{ date: string; label: string }> }) {
  // A scenario's timeline spans its events (bands that began earlier start at the left edge, their
  // day in the tooltip); a treaty's spans its whole life.
  const days =
    marks.length > 0 ? marks.map((m) => m.date) : rows.flatMap((r) => [...r.bands.map((b) => b.from), ...r.marks.map((m) => m.date)]);
  const lo0 = Math.min(...days.map(dayNumber));
  const hi0 = Math.max(dayNumber(end), ...days.map(dayNumber));
  const margin = Math.max(15, Math.round((hi0 - lo0) / 20));
  const lo = lo0 - margin;
  const hi = hi0 + margin;
  const x = (date: string) => LABEL + ((Math.max(lo, Math.min(hi, dayNumber(date))) - lo) / Math.max(1, hi - lo)) * (WIDTH - LABEL - 10);
  // Ticks: years, or for a span under two years the first of each month (every other if crowded).
  const ticks: Array<{ date: string; label: string }> = [];
  const first = new Date(lo * 86_400_000);
  const last = new Date(hi * 86_400_000);
  if (hi - lo > 730) {
    const step = Math.max(1, Math.ceil((last.getUTCFullYear() - first.getUTCFullYear()) / 12));
    for (let y = first.getUTCFullYear() + 1; y <= last.getUTCFullYear(); y += step) ticks.push({ date: `${y}`, label: `${y}` });
  } else {
    const months = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth();
    const step = months > 12 ? 2 : 1;
    for (let i = 1; i <= months; i += step) {
      const d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1));
      ticks.push({
        date: d.toISOString().slice(0, 7),
        label: d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
      });
    }
  }
  const height = TOP + rows.length * ROW + 10;
  return (
    <svg
      className="timeline-bands"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${rows.length} rows of statuses through time`}
    >
      {ticks.map((t) => (
        <g key={t.date} className="year">
          <line x1={x(t.date)} x2={x(t.date)} y1={TOP - 8} y2={height} />
          <text x={x(t.date)} y={TOP - 12} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {marks.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the events, in order
        <g key={i} className="event-mark">
          <line x1={x(m.date)} x2={x(m.date)} y1={8 + (i % 2) * 12} y2={height} />
          <title>{`${dateWords(m.date)}: ${m.label}`}</title>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = TOP + i * ROW;
        return (
          <g key={r.key} className={`row group-${r.group}`} data-row={r.key}>
            <text className="row-label" x={6} y={y + ROW / 2 + 5}>
              {clip(r.label, r.group === 'treaty' ? 36 : 44)}
              <title>{r.label}</title>
            </text>
            {r.bands.map((b) => (
              <rect
                key={`${b.from}-${b.status}`}
                className={`band s-${b.status}`}
                data-status={b.status}
                x={x(b.from)}
                y={y + 3}
                width={Math.max(2, x(b.to ?? end) - x(b.from))}
                height={ROW - 6}
                rx={3}
              >
                <title>{`${r.label}: ${b.status} from ${dateWords(b.from)}${b.to ? ` to ${dateWords(b.to)}` : ''}`}</title>
              </rect>
            ))}
            {r.group !== 'instance' &&
              r.marks.map((m) => (
                <circle key={`${m.date}-${m.label}`} className="mark-dot" cx={x(m.date)} cy={y + ROW / 2} r={3.5}>
                  <title>{`${dateWords(m.date)}: ${m.label}`}</title>
                </circle>
              ))}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * A timeline: for a treaty, its lifecycle (for the Covenant, every Member's admission,
 * withdrawal and expulsion); for a report's scenario, every treaty's and norm instance's status
 * through time, the scenario's events marked. The bands are the engine's: nothing is worked out here.
 */
export function TimelineView({ run, treaty, name }: Props) {
  const [rows, setRows] = useState<Row[]>();
  const [title, setTitle] = useState('');
  const [end, setEnd] = useState('1946-04-18');
  const [marks, setMarks] = useState<Array<{ date: string; label: string }>>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setRows(undefined);
    setError(undefined);
    if (run !== undefined) {
      api<RunScenario>(`/api/runs/${run}/scenario`)
        .then((s) => send<ScenarioTimeline>('/api/timelines', { yaml: s.yaml, at: s.at }))
        .then((t) => {
          setTitle(t.title || t.scenario);
          setEnd(t.asked.at(-1) ?? '1946-04-18');
          setMarks(
            t.events.map((e) => ({ date: e.date, label: `${e.type}${e.by ? ` ${e.by}` : ''}${e.against ? ` → ${e.against}` : ''}` })),
          );
          setRows(scenarioRows(t, name));
        })
        .catch((e: Error) => setError(failureWords(e, 'run', `run ${run}`)));
    } else if (treaty !== undefined) {
      Promise.all([api<TimelineEntry[]>('/api/timeline'), cached<TreatySummary[]>('/api/treaties')])
        .then(([entries, ts]) => {
          const t = ts.find((x) => x.treaty === treaty);
          if (!t) throw new Error(`There is no treaty “${treaty}” in the corpus. The treaty web and the crisis library link every treaty.`);
          setTitle(t.title);
          const own = entries.filter((e) => e.treaty === treaty);
          setEnd(own.at(-1)?.date ?? '1946-04-18');
          setMarks([]);
          setRows(treatyRows(entries, treaty, name));
        })
        .catch((e: Error) => setError(e.message));
    }
    // The namer's names come later than the rows: they are made again then.
  }, [run, treaty, name]);

  return (
    <section className="timeline-view">
      <h1 tabIndex={-1}>Through time: {title}</h1>
      <p className="quiet">
        {run !== undefined ? (
          <>
            The statuses of <a href={href({ view: 'report', run })}>run {run}</a>’s treaties and norm instances, as the engine gives them on
            the day of each event and at the report’s instant; a band begins on the day the engine says the status began. Grey lines: the
            scenario’s events.
          </>
        ) : (
          <>
            The lifecycle of <a href={href({ view: 'treaty', slug: treaty ?? '' })}>the treaty</a>, recorded or worked out from its terms
            (renewals, when a denunciation takes effect){treaty === 'league-covenant' ? ', and each Member’s time in the League' : ''}, as{' '}
            <code>casus timeline</code> gives it.
          </>
        )}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!rows && !error && <p className="quiet">Working out the timeline…</p>}
      {rows && (
        <>
          <ul className="legend timeline-legend">
            {LEGEND.filter(([s]) => rows.some((r) => r.bands.some((b) => b.status === s))).map(([s, words]) => (
              <li key={s}>
                <span className={`swatch band s-${s}`} /> {words}
              </li>
            ))}
          </ul>
          <div className="timeline-scroll">
            <Bands rows={rows} end={end} marks={marks} />
          </div>
          {run !== undefined && (
            <p className="downloads-line">
              Download:{' '}
              <a href={`/api/runs/${run}/export?format=timeline-csv`} download>
                these bands as CSV
              </a>{' '}
              (one row per band, with COW numbers), for R or pandas.
            </p>
          )}
          {marks.length > 0 && (
            <ol className="timeline-events">
              {marks.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the events, in order
                <li key={i}>
                  <span className="when">{dateWords(m.date)}</span> {m.label}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

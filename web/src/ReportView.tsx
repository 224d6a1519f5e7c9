import { useEffect, useState } from 'react';
import { api, type Explanation, failureWords, type NormInstance, type StoredRun } from './api';
import { groupByHolder, passes, STATUS_FILTERS, type StatusFilter } from './group';
import { href, isDay, longDate } from './route';
import { capital, dutyWords, heldBackSentence, type Namer, statusWords, vetoSentence } from './words';

interface Props {
  run?: number | undefined;
  norm?: string | undefined;
  name: Namer;
}

const MARK: Record<Explanation['value'], string> = { true: '✓', false: '✗', unknown: '?' };

/** A link to the treaty page at a provision (`franco-soviet-1935/art-2`). */
function ProvisionLink({ id }: { id: string }) {
  const slug = id.split('/')[0] as string;
  return <a href={href({ view: 'treaty', slug, provision: id })}>{id}</a>;
}

/** One node of an explanation tree, expandable: its value, rule, the article's words it rests on, and the events that decided it. */
function ExplanationNode({ node, depth }: { node: Explanation; depth: number }) {
  const children = node.children ?? [];
  const head = (
    <>
      <span className={`mark v-${node.value}`} role="img" aria-label={node.value}>
        {MARK[node.value]}
      </span>{' '}
      <code className="rule">{node.rule ?? node.kind}</code>
      {node.provision && (
        <span className="quiet">
          {' '}
          [<ProvisionLink id={node.provision} />]
        </span>
      )}
    </>
  );
  const body = (
    <>
      {node.quote && <blockquote className="quote">{node.quote}</blockquote>}
      {node.note && <p className="note">{node.note}</p>}
      {node.interpretation && (
        <p className="interpretation">
          <strong>casus’s reading:</strong> {node.interpretation}
        </p>
      )}
      {node.events && node.events.length > 0 && (
        <ul className="events">
          {node.events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the node's events, in order
            <li key={i}>
              event: {e.date} {e.type}{' '}
              {Object.entries(e)
                .filter(([k]) => k !== 'date' && k !== 'type')
                .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
                .join('; ')}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  if (children.length === 0) {
    return (
      <li className="leaf">
        <div className="node-head">{head}</div>
        {body}
      </li>
    );
  }
  return (
    <li>
      <details open={depth < 1 || node.value !== 'true'}>
        <summary>{head}</summary>
        {body}
        <ul className="tree">
          {children.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an explanation's children keep their order
            <ExplanationNode key={i} node={c} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** One card per norm instance, coloured by status. */
function NormCard({ n, holders, run, chosen, name }: { n: NormInstance; holders: string[]; run: number; chosen: boolean; name: Namer }) {
  const held = heldBackSentence(n, name);
  const veto = vetoSentence(n, name);
  const id = `${n.norm}:${n.holder}:${n.beneficiary}:${n.counterparty ?? ''}`;
  return (
    <article className={`card status-${n.status}${chosen ? ' chosen' : ''}`} id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <a href={href({ view: 'report', run, norm: n.norm })} title="A link to this norm">
          {n.norm}
        </a>
      </h2>
      <p className="who">
        {holders.length === 1 ? capital(name(n.holder)) : `${holders.length} states`} — {n.kind}: {dutyWords(n, name)}
      </p>
      {holders.length > 1 && (
        <details className="holders">
          <summary>Which states (the same verdict for each)</summary>
          <p>{holders.map(name).join(', ')}</p>
        </details>
      )}
      <p className="status-line">
        <span className="badge">{n.status}</span> {statusWords(n)}
      </p>
      {n.trigger && (
        <p className="quiet">
          Trigger: {n.trigger.date} {n.trigger.type}
          {typeof n.trigger.by === 'string' ? ` by ${name(n.trigger.by)}` : ''}
          {typeof n.trigger.against === 'string' ? ` against ${name(n.trigger.against)}` : ''}
        </p>
      )}
      {held && <p className="held">{held}</p>}
      {veto && <p className="veto">{veto}</p>}
      {n.kind === 'duty' && (
        <p>
          <a href={href({ view: 'vetoes', run, norm: n.norm, holder: n.holder })}>Who can block it, and what would change it →</a>
        </p>
      )}
      <p className="cites">
        Rests on:{' '}
        {n.cites.map((c, i) => (
          <span key={c}>
            {i > 0 && ', '}
            <ProvisionLink id={c} />
          </span>
        ))}
      </p>
      {n.explanation && (
        <details className="why" open={chosen}>
          <summary>Why: the explanation, condition by condition</summary>
          <ul className="tree root">
            <ExplanationNode node={n.explanation} depth={0} />
          </ul>
        </details>
      )}
    </article>
  );
}

/** The list of runs, or one run's report: its treaties, then one card per norm instance. */
export function ReportView({ run, norm, name }: Props) {
  const [stored, setStored] = useState<StoredRun>();
  const [runs, setRuns] = useState<Array<Omit<StoredRun, 'report'>>>();
  const [error, setError] = useState<string>();
  const [filter, setFilter] = useState<StatusFilter>('all');

  useEffect(() => {
    setError(undefined);
    if (run === undefined) {
      setStored(undefined);
      api<Array<Omit<StoredRun, 'report'>>>('/api/runs').then(setRuns, (e: Error) => setError(e.message));
    } else {
      api<StoredRun>(`/api/runs/${run}`).then(setStored, (e: Error) => setError(failureWords(e, 'run', `run ${run}`)));
    }
  }, [run]);

  useEffect(() => {
    if (!stored || !norm) return;
    document.querySelector(`[id^="${CSS.escape(`${norm}:`)}"]`)?.scrollIntoView({ block: 'start' });
  }, [stored, norm]);

  if (error) return <p className="error">{error}</p>;
  if (run === undefined) {
    return (
      <section>
        <h1 tabIndex={-1}>Reports</h1>
        <p>
          Every run is kept. Build a scenario and run it in the <a href={href({ view: 'builder' })}>scenario builder</a>.
        </p>
        {runs && runs.length === 0 && <p className="quiet">No run yet.</p>}
        <ul className="runs">
          {[...(runs ?? [])].reverse().map((r) => (
            <li key={r.id}>
              <a href={href({ view: 'report', run: r.id })}>
                {r.scenario} at {r.at}
              </a>{' '}
              <span className="quiet">
                run {r.id}, {r.created.slice(0, 16).replace('T', ' ')}
              </span>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (!stored) return <p className="quiet">Loading run {run}…</p>;
  const r = stored.report;
  const shown = (norm ? r.norms.filter((n) => n.norm === norm) : r.norms).filter((n) => passes(n, filter));
  const groups = groupByHolder(shown);
  return (
    <section className="report-view">
      <h1 tabIndex={-1}>{r.title ?? r.scenario}</h1>
      <p className="quiet">
        Scenario <code>{r.scenario}</code> as it stands on {isDay(r.at) ? longDate(r.at) : r.at} · run {stored.id}
        {stored.scenarioId !== null && (
          <>
            {' '}
            · <a href={href({ view: 'builder', scenario: stored.scenarioId })}>edit the scenario</a>
          </>
        )}
      </p>
      <p className="report-next">
        <a className="button" href={href({ view: 'cascade', run: stored.id })}>
          How the war spreads: the cascade →
        </a>{' '}
        <a className="button" href={href({ view: 'timeline', run: stored.id })}>
          Through time: the timeline →
        </a>{' '}
        <a className="button" href={href({ view: 'vetoes', run: stored.id, ...(norm ? { norm } : {}) })}>
          Who can block each duty →
        </a>
      </p>
      <p className="downloads-line">
        Download:{' '}
        <a href={`/api/runs/${stored.id}/export`} download>
          the report as CSV
        </a>{' '}
        (one row per norm instance, with COW numbers) ·{' '}
        <a href={`/api/runs/${stored.id}/export?format=timeline-csv`} download>
          the timeline as CSV
        </a>{' '}
        (statuses as bands) ·{' '}
        <a href={`/api/runs/${stored.id}`} download={`casus-run-${stored.id}.json`}>
          the report as JSON
        </a>
      </p>
      <details className="report-treaties-box">
        <summary>
          <strong>Treaties touched ({r.treaties.length})</strong>
        </summary>
        <ul className="report-treaties">
          {r.treaties.map((t) => (
            <li key={t.treaty} className={`status-${t.status}`}>
              <a href={href({ view: 'treaty', slug: t.treaty })}>{t.title}</a>: <strong>{t.status}</strong>
              {t.since ? ` since ${t.since}` : ''}
            </li>
          ))}
        </ul>
      </details>
      <h2>
        Norm instances ({shown.length}
        {norm ? ` of ${r.norms.length}` : ''})
      </h2>
      {norm && (
        <p>
          Showing <code>{norm}</code> only. <a href={href({ view: 'report', run: stored.id })}>Show every norm</a>.
        </p>
      )}
      {r.norms.length === 0 && <p className="quiet">No norm was touched by the events.</p>}
      <fieldset className="filters">
        <legend>Show</legend>
        {STATUS_FILTERS.map((f) => (
          <label key={f}>
            <input type="radio" name="status-filter" value={f} checked={filter === f} onChange={() => setFilter(f)} />{' '}
            {f === 'other' ? 'void, not triggered, discharged' : f} (
            {(norm ? r.norms.filter((n) => n.norm === norm) : r.norms).filter((n) => passes(n, f)).length})
          </label>
        ))}
      </fieldset>
      {shown.length === 0 && filter !== 'all' && (norm ? r.norms.some((n) => n.norm === norm) : r.norms.length > 0) && (
        <p className="hint" role="status">
          No instance{norm ? ` of ${norm}` : ''} is {filter === 'other' ? 'void, not triggered or discharged' : filter}: the “Show” filter
          above hides the others.{' '}
          <button type="button" className="linky" onClick={() => setFilter('all')}>
            Show them all
          </button>
        </p>
      )}
      <div className="cards">
        {groups.map((g, i) => (
          <NormCard
            // biome-ignore lint/suspicious/noArrayIndexKey: instances of one norm may share every name
            key={`${g.first.norm}-${i}`}
            n={g.first}
            holders={g.holders}
            run={stored.id}
            chosen={g.first.norm === norm}
            name={name}
          />
        ))}
      </div>
    </section>
  );
}

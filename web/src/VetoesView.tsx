import { useEffect, useState } from 'react';
import {
  api,
  failureWords,
  type InstanceVetoes,
  type PatternOut,
  type RunScenario,
  type SavedScenario,
  type StoredRun,
  send,
  sendYaml,
  type VetoReport,
  type WhatIfResult,
} from './api';
import { statePosition } from './geo';
import { groupByHolder } from './group';
import { dateWords, href, isDay, longDate } from './route';
import { alternativeWords, capital, listWords, type Namer } from './words';

interface Props {
  run?: number | undefined;
  norm?: string | undefined;
  holder?: string | undefined;
  beneficiary?: string | undefined;
  name: Namer;
}

/** The most coalitions drawn as maps for one duty; the rest are listed in words. */
const MAX_MAPS = 6;

/** A coalition in words: "France alone", "the United Kingdom, Italy and Belgium together". */
export function coalitionWords(coalition: readonly string[], name: Namer): string {
  if (coalition.length === 1) return `${capital(name(coalition[0] as string))} alone`;
  return `${capital(listWords(coalition.map(name)))} together`;
}

/** Who holds a step: a state's name, or the League Council, or anyone. */
function heldByWords(heldBy: string, name: Namer): string {
  if (heldBy === 'anyone') return 'no one in particular: any state’s act will do';
  if (/^[A-Z]{2,3}$/.test(heldBy)) return name(heldBy);
  return heldBy === 'League Council' ? 'the League Council' : heldBy;
}

/** One event of a change in words: "3 March 1937: France assists the USSR". */
function eventWords(e: PatternOut & { date?: string }, name: Namer): string {
  const { date, ...rest } = e;
  return `${date ? `${dateWords(String(date))}: ` : ''}${alternativeWords([rest as PatternOut], name)}`;
}

/**
 * One coalition on the map: the states of the duty at their capitals, the coalition's members
 * filled, the holder and the beneficiary ringed, so that who can block, and how far they sit from
 * the duty's parties, reads at a glance.
 */
function CoalitionMap({ coalition, instance, name }: { coalition: readonly string[]; instance: InstanceVetoes; name: Namer }) {
  const members = new Set(coalition);
  const states = [
    ...new Set([instance.holder, instance.beneficiary, ...(instance.counterparty ? [instance.counterparty] : []), ...coalition]),
  ].sort();
  const at = new Map(states.map((s, i) => [s, statePosition(s, i)]));
  const xs = [...at.values()].map((p) => p.x);
  const ys = [...at.values()].map((p) => p.y);
  const pad = 50;
  const w = Math.max(160, Math.max(...xs) - Math.min(...xs) + 2 * pad);
  const h = Math.max(120, Math.max(...ys) - Math.min(...ys) + 2 * pad);
  const x0 = (Math.min(...xs) + Math.max(...xs)) / 2 - w / 2;
  const y0 = (Math.min(...ys) + Math.max(...ys)) / 2 - h / 2;
  const scale = Math.max(w, h) / 400;
  const role = (s: string) =>
    s === instance.holder ? 'holder' : s === instance.beneficiary ? 'beneficiary' : s === instance.counterparty ? 'counterparty' : '';
  return (
    <figure className="coalition">
      <svg
        viewBox={`${x0} ${y0} ${w} ${h}`}
        role="img"
        aria-label={`${coalitionWords(coalition, name)} can keep ${name(instance.holder)}’s duty from becoming due`}
      >
        {states.map((s) => {
          const p = at.get(s) as { x: number; y: number };
          const r = role(s);
          return (
            <g key={s} className={`state${members.has(s) ? ' member' : ''}${r ? ` ${r}` : ''}`} data-state={s}>
              <circle cx={p.x} cy={p.y} r={15 * scale}>
                <title>{`${name(s)}${members.has(s) ? ': in the coalition' : ''}${r ? ` (the ${r})` : ''}`}</title>
              </circle>
              <text x={p.x} y={p.y + 34 * scale} fontSize={17 * scale} textAnchor="middle">
                {s}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{coalitionWords(coalition, name)}</figcaption>
    </figure>
  );
}

/** The counterfactuals of one duty, asked for on demand: the smallest changes, each runnable. */
function WhatIf({ source, instance, name }: { source: RunScenario; instance: InstanceVetoes; name: Namer }) {
  const [result, setResult] = useState<WhatIfResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ask = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await send<WhatIfResult>('/api/whatif', {
          yaml: source.yaml,
          at: source.at,
          norm: instance.norm,
          holder: instance.holder,
          beneficiary: instance.beneficiary,
        }),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  /** Saves the changed scenario as a new one (the original is left as it is), runs it and opens its report. */
  const apply = async (yaml: string) => {
    setError(undefined);
    try {
      const saved = await sendYaml<SavedScenario>('/api/scenarios', yaml);
      const r = await send<{ run: number; report: StoredRun['report'] }>('/api/runs', { scenarioId: saved.id });
      window.location.hash = href({ view: 'report', run: r.run, norm: instance.norm });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const mine = result?.instances.filter(
    (i) =>
      i.holder === instance.holder && i.beneficiary === instance.beneficiary && (i.counterparty ?? '') === (instance.counterparty ?? ''),
  );
  return (
    <div className="whatif">
      {!result && (
        <button type="button" onClick={ask} disabled={busy}>
          {busy ? 'Searching the smallest changes…' : 'What would change it?'}
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <>
          <h4>What would change it</h4>
          <p className="quiet">
            {result.examined} changed scenarios evaluated; {result.bounds}.
          </p>
          {(mine ?? []).map((i) => (
            <div key={`${i.norm}-${i.holder}-${i.beneficiary}-${i.counterparty ?? ''}`}>
              {i.changes.length === 0 && <p>{i.note ?? 'No change within these bounds.'}</p>}
              <ol className="changes">
                {i.changes.map((c) => (
                  <li key={c.scenarioYaml}>
                    <p>
                      {c.add.length > 0 && <>Add {c.add.map((e) => eventWords(e, name)).join('; ')}. </>}
                      {c.remove.length > 0 && <>Take away {c.remove.map((e) => eventWords(e, name)).join('; ')}. </>}
                      Then the duty is <strong>{c.status}</strong>.
                    </p>
                    <button type="button" onClick={() => apply(c.scenarioYaml)}>
                      Apply to a copy and open its report
                    </button>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

/** One duty: who can block it, drawn coalition by coalition, and the steps from its trigger. */
function DutyCard({
  i,
  holders,
  source,
  run,
  name,
}: {
  i: InstanceVetoes;
  holders: string[];
  source: RunScenario;
  run: number;
  name: Namer;
}) {
  const id = `${i.norm}:${i.holder}:${i.beneficiary}:${i.counterparty ?? ''}`;
  const against = i.counterparty ? ` against ${name(i.counterparty)}` : '';
  return (
    <article className={`card status-${i.status}`} id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <a href={href({ view: 'report', run, norm: i.norm })} title="This duty in the report">
          {i.norm}
        </a>
      </h2>
      <p className="who">
        {holders.length === 1 ? capital(name(i.holder)) : `${holders.length} states each`} {holders.length === 1 ? 'owes' : 'owe'}{' '}
        {name(i.beneficiary)}
        {against} · <span className="badge">{i.status}</span> since {dateWords(i.since)}
      </p>
      {holders.length > 1 && (
        <details className="holders">
          <summary>Which states (the same answer for each; the map shows the first)</summary>
          <p>{holders.map(name).join(', ')}</p>
        </details>
      )}
      {!i.blockable && (
        <p className="held">
          {i.status === 'pending'
            ? 'No state can keep it from becoming due by withholding its own act: what is missing is no one’s to withhold.'
            : 'No state can block it by withholding its own act.'}
        </p>
      )}
      {i.blockable && (
        <>
          <p className="held">
            {i.coalitions.length === 1 ? 'One coalition' : `${i.coalitions.length} coalitions`} can keep it from becoming due, each by
            withholding its own acts:
          </p>
          <p className="legend quiet">
            Filled red: in the coalition. Blue ring: {name(i.holder)}, which owes the duty. Green dashed ring: {name(i.beneficiary)}, to
            which it is owed.
          </p>
          <div className="coalitions">
            {i.coalitions.slice(0, MAX_MAPS).map((c) => (
              <CoalitionMap key={c.join(',')} coalition={c} instance={i} name={name} />
            ))}
          </div>
          {i.coalitions.length > MAX_MAPS && (
            <p>
              And:{' '}
              {i.coalitions
                .slice(MAX_MAPS)
                .map((c) => coalitionWords(c, name))
                .join('; ')}
              .
            </p>
          )}
        </>
      )}
      {i.fromTrigger && (
        <details className="steps" open>
          <summary>
            From its trigger: {i.fromTrigger.fewestSteps} {i.fromTrigger.fewestSteps === 1 ? 'step' : 'steps'} at the fewest
          </summary>
          {i.fromTrigger.ways.map((way, k) => (
            <ol key={way.map((s) => JSON.stringify(s.event)).join('|')} aria-label={`Way ${k + 1}`}>
              {way.map((s) => (
                <li key={JSON.stringify(s.event)}>
                  {capital(alternativeWords([s.event], name))} <span className="quiet">— held by {heldByWords(s.heldBy, name)}</span>
                </li>
              ))}
            </ol>
          ))}
        </details>
      )}
      {i.missing.length > 0 && (
        <p className="quiet">
          Still missing at {dateWords(source.at)}: {i.missing.map((alt) => alternativeWords(alt, name)).join(', or ')}.
        </p>
      )}
      <WhatIf source={source} instance={i} name={name} />
    </article>
  );
}

/**
 * Who can block each duty of a run (the CLI's `casus vetoes`): every minimal coalition of states
 * whose withheld acts keep it from becoming due, drawn on the map, with the steps between its
 * trigger and the duty and, on demand, the smallest changes that would make it due or undo it.
 */
export function VetoesView({ run, norm, holder, beneficiary, name }: Props) {
  const [source, setSource] = useState<RunScenario>();
  const [report, setReport] = useState<VetoReport>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setReport(undefined);
    setError(undefined);
    if (run === undefined) return;
    let live = true;
    api<RunScenario>(`/api/runs/${run}/scenario`)
      .then((s) => {
        if (live) setSource(s);
        // The holder and beneficiary filters are applied here, so that the holder list offers every holder.
        return send<VetoReport>('/api/vetoes', { yaml: s.yaml, at: s.at, ...(norm ? { norm } : {}) });
      })
      .then(
        (r) => live && setReport(r),
        (e: Error) => live && setError(failureWords(e, 'run', `run ${run}`)),
      );
    return () => {
      live = false;
    };
  }, [run, norm]);

  if (run === undefined) {
    return (
      <section>
        <h1 tabIndex={-1}>Who can block</h1>
        <p>
          Open a report from <a href={href({ view: 'report' })}>the reports</a> and follow “Who can block each duty”.
        </p>
      </section>
    );
  }
  const go = (change: Partial<Pick<Props, 'norm' | 'holder' | 'beneficiary'>>) => {
    const next = { norm, holder, beneficiary, ...change };
    window.location.hash = href({
      view: 'vetoes',
      run,
      ...(next.norm ? { norm: next.norm } : {}),
      ...(next.holder ? { holder: next.holder } : {}),
      ...(next.beneficiary ? { beneficiary: next.beneficiary } : {}),
    });
  };
  const every = report?.instances ?? [];
  const instances = every.filter((i) => (!holder || i.holder === holder) && (!beneficiary || i.beneficiary === beneficiary));
  const alone = instances.filter((i) => i.coalitions.some((c) => c.length === 1 && c[0] !== i.holder));
  const groups = groupByHolder(instances);
  return (
    <section className="vetoes-view">
      <h1 tabIndex={-1}>Who can block{source ? `: ${source.scenario}` : ''}</h1>
      <p className="quiet">
        Run {run}
        {source ? ` · as it stands on ${isDay(source.at) ? longDate(source.at) : source.at}` : ''} ·{' '}
        <a href={href({ view: 'report', run, ...(norm ? { norm } : {}) })}>back to the report</a>
      </p>
      <p>
        A duty can be kept from becoming due by any state whose own act it still needs: an approval, a vote, a referral, another party’s
        assistance. Each coalition below is a smallest set of states that can do so by withholding their acts.
      </p>
      {(norm || holder || beneficiary) && (
        <p>
          Showing only{' '}
          {[
            norm && <code key="n">{norm}</code>,
            holder && `duties of ${name(holder)}`,
            beneficiary && `duties owed to ${name(beneficiary)}`,
          ]
            .filter(Boolean)
            .map((x, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of up to three filters
              <span key={k}>
                {k > 0 && ', '}
                {x}
              </span>
            ))}
          .{' '}
          <button type="button" className="linky" onClick={() => go({ norm: undefined, holder: undefined, beneficiary: undefined })}>
            Show every duty
          </button>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p className="quiet">Looking for blocking coalitions…</p>}
      {report && (
        <>
          <p className="summary">
            {instances.length === 0
              ? 'No duty of this run matches.'
              : `${instances.length} ${instances.length === 1 ? 'duty' : 'duties'} (${groups.length} ${groups.length === 1 ? 'card' : 'cards'}, duties alike but for their holder shown once); ${alone.length} can be blocked by one state alone, other than the one that owes it.`}
          </p>
          {instances.length > 0 && (
            <fieldset className="filters">
              <legend>Only the duties of</legend>
              <select aria-label="Only the duties of" value={holder ?? ''} onChange={(e) => go({ holder: e.target.value || undefined })}>
                <option value="">every holder</option>
                {[...new Set(every.map((i) => i.holder))].sort().map((s) => (
                  <option key={s} value={s}>
                    {name(s)} ({s})
                  </option>
                ))}
              </select>
            </fieldset>
          )}
          <div className="cards">
            {source &&
              groups.map((g) => (
                <DutyCard
                  key={`${g.first.norm}:${g.first.holder}:${g.first.beneficiary}:${g.first.counterparty ?? ''}`}
                  i={g.first}
                  holders={g.holders}
                  source={source}
                  run={run}
                  name={name}
                />
              ))}
          </div>
        </>
      )}
    </section>
  );
}

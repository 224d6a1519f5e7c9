import { useEffect, useMemo, useState } from 'react';
import {
  api,
  type CascadeResult,
  type CascadeRound,
  type CascadeRun,
  cached,
  failureWords,
  type RunScenario,
  type StateInfo,
  type StoredRun,
  send,
} from './api';
import { statePosition } from './geo';
import { dateWords, href } from './route';
import { StateOptions } from './StateOptions';
import { eventsOf, type FormEvent, variant } from './scenario-yaml';
import { capital, listWords, type Namer } from './words';

interface Props {
  run: number;
  name: Namer;
}

/** The day after a day (`1938-09-29` → `1938-09-30`); a month or a year gives its first day after. */
export function dayAfter(date: string): string {
  const [y, m = 1, d] = date.split('-').map(Number) as [number, number?, number?];
  const t = d === undefined ? Date.UTC(date.length === 4 ? y + 1 : y, date.length === 4 ? 0 : m, 1) : Date.UTC(y, m - 1, d + 1);
  return new Date(t).toISOString().slice(0, 10);
}

/** The attack the view proposes: none if the scenario has its own war, else one from its last threat. */
export function proposedAttack(events: readonly FormEvent[]): { by: string; against: string } | undefined {
  if (events.some((e) => e.type === 'aggression')) return undefined;
  const threat = [...events].reverse().find((e) => e.type === 'threat' && typeof e.by === 'string' && typeof e.against === 'string');
  return threat ? { by: threat.by as string, against: threat.against as string } : undefined;
}

/** The side each state is on at the end, for colour: the first war's sides; the attacker's side is `a`. */
function sidesOf(run: CascadeRun, attacker: string | undefined): Map<string, 'a' | 'b'> {
  const out = new Map<string, 'a' | 'b'>();
  for (const war of run.wars) {
    if (!war.sides) continue;
    const [one, two] = war.sides;
    const attackerFirst = attacker !== undefined && one.includes(attacker);
    for (const s of one) out.set(s, attackerFirst || attacker === undefined ? 'a' : 'b');
    for (const s of two) out.set(s, attackerFirst || attacker === undefined ? 'b' : 'a');
  }
  return out;
}

/** The war on a picture: states at their capitals, who is at war after `step` rounds, and who entered against whom. */
function WarPicture({
  result,
  run,
  step,
  attacker,
  name,
}: {
  result: CascadeResult;
  run: CascadeRun;
  step: number;
  attacker: string | undefined;
  name: Namer;
}) {
  const involved = new Set<string>(result.atStart.belligerents);
  for (const r of run.rounds) {
    for (const e of [...r.entries, ...r.declined]) {
      involved.add(e.state);
      involved.add(e.against);
      for (const b of e.onBehalfOf) involved.add(b);
    }
  }
  const states = [...involved].sort();
  const at = new Map(states.map((s, i) => [s, statePosition(s, i)]));
  const xs = [...at.values()].map((p) => p.x);
  const ys = [...at.values()].map((p) => p.y);
  const pad = 60;
  const box = {
    x: Math.min(...xs) - pad,
    y: Math.min(...ys) - pad,
    w: Math.max(...xs) - Math.min(...xs) + 2 * pad,
    h: Math.max(...ys) - Math.min(...ys) + 2 * pad,
  };
  const side = sidesOf(run, attacker);
  const atWar = new Set(result.atStart.belligerents);
  const declined = new Set<string>();
  const shown = run.rounds.slice(0, step);
  for (const r of shown) {
    for (const e of r.entries) atWar.add(e.state);
    for (const e of r.declined) declined.add(e.state);
  }
  const current = new Set((run.rounds[step - 1]?.entries ?? []).map((e) => e.state));
  const scale = Math.max(box.w, box.h) / 700;
  return (
    <svg
      className="war-picture"
      viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`}
      role="img"
      aria-label={`The war after ${step} ${step === 1 ? 'round' : 'rounds'}: ${listWords([...atWar].map(name))} at war`}
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke" />
        </marker>
      </defs>
      {shown.flatMap((r) =>
        r.entries.map((e) => {
          const from = at.get(e.state);
          const to = at.get(e.against);
          if (!from || !to) return null;
          // Stop the arrow at the target's edge.
          const dx = to.x - from.x;
          const dy = to.y - from.y;
          const len = Math.hypot(dx, dy) || 1;
          const r0 = 16 * scale;
          return (
            <line
              key={`${r.round}-${e.state}-${e.against}`}
              className={`entry side-${side.get(e.state) ?? 'a'} as-${e.as}${r.round === step ? ' now' : ''}`}
              x1={from.x + (dx / len) * r0}
              y1={from.y + (dy / len) * r0}
              x2={to.x - (dx / len) * r0 * 1.3}
              y2={to.y - (dy / len) * r0 * 1.3}
              strokeWidth={(r.round === step ? 5 : 3) * scale}
              markerEnd="url(#arrow)"
            >
              <title>{`${name(e.state)} enters against ${name(e.against)} (round ${r.round})`}</title>
            </line>
          );
        }),
      )}
      {states.map((s) => {
        const p = at.get(s) as { x: number; y: number };
        const cls = atWar.has(s) ? `side-${side.get(s) ?? 'a'}` : declined.has(s) ? 'declined' : 'not-yet';
        return (
          <g key={s} className={`state ${cls}${current.has(s) ? ' now' : ''}`} data-state={s}>
            <circle cx={p.x} cy={p.y} r={14 * scale}>
              <title>{name(s)}</title>
            </circle>
            <text x={p.x} y={p.y + 32 * scale} fontSize={15 * scale} textAnchor="middle">
              {s}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The size of the war over the Monte Carlo runs, as bars. */
function SizeHistogram({ result }: { result: CascadeResult }) {
  const h = result.distribution?.size.histogram ?? [];
  const most = Math.max(1, ...h.map((b) => b.runs));
  return (
    <figure className="histogram">
      <svg
        width={Math.max(1, h.length) * 44 + 10}
        height={150}
        viewBox={`0 0 ${Math.max(1, h.length) * 44 + 10} 150`}
        role="img"
        aria-label="How many states are at war at the end, over the runs"
      >
        {h.map((b, i) => {
          const height = (b.runs / most) * 96;
          return (
            <g key={b.size}>
              <rect x={10 + i * 44} y={120 - height} width={34} height={height}>
                <title>{`${b.runs} runs end with ${b.size} states at war`}</title>
              </rect>
              <text x={27 + i * 44} y={138} textAnchor="middle" fontSize="13">
                {b.size}
              </text>
              <text x={27 + i * 44} y={116 - height} textAnchor="middle" fontSize="11">
                {b.runs}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        States at war at the end (bars: runs). Mean {result.distribution?.size.mean}, from {result.distribution?.size.min} to{' '}
        {result.distribution?.size.max}.
      </figcaption>
    </figure>
  );
}

/**
 * How a war spreads through the pacts, from a report: the scenario's own war, or an attack supposed
 * on top of it; one run to step through round by round, or Monte Carlo runs with the probability
 * that each state performs. Every entry's duty opens as the engine's report on the eve of its round.
 */
export function CascadeView({ run, name }: Props) {
  const [source, setSource] = useState<RunScenario>();
  const [states, setStates] = useState<StateInfo[]>([]);
  const [error, setError] = useState<string>();
  const [attack, setAttack] = useState<{ on: boolean; by: string; against: string; date: string }>({
    on: false,
    by: '',
    against: '',
    date: '',
  });
  const [all, setAll] = useState(1);
  const [per, setPer] = useState<Record<string, number>>({});
  const [extra, setExtra] = useState('');
  const [runs, setRuns] = useState(1);
  const [seed, setSeed] = useState(1);
  const [result, setResult] = useState<CascadeResult>();
  const [asked, setAsked] = useState<string>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    cached<StateInfo[]>('/api/states').then(
      (s) => setStates([...s].sort((a, b) => a.name.localeCompare(b.name))),
      () => {},
    );
    api<RunScenario>(`/api/runs/${run}/scenario`).then(
      (s) => {
        setSource(s);
        const proposed = proposedAttack(eventsOf(s.yaml));
        setAttack({ on: proposed !== undefined, by: proposed?.by ?? 'GMY', against: proposed?.against ?? 'CZE', date: dayAfter(s.at) });
      },
      (e: Error) => setError(failureWords(e, 'run', `run ${run}`)),
    );
  }, [run]);

  /** The scenario the cascade runs on: the run's, with the supposed attack. */
  const yaml = useMemo(() => {
    if (!source) return undefined;
    if (!attack.on) return source.yaml;
    return variant(
      source.yaml,
      [{ date: attack.date, type: 'aggression', by: attack.by, against: attack.against, unprovoked: true }],
      undefined,
    );
  }, [source, attack]);

  const go = async () => {
    if (!yaml) return;
    setBusy(true);
    setError(undefined);
    try {
      const compliance: Record<string, number> = { ...per };
      if (all !== 1) compliance.default = all;
      const body = {
        yaml,
        runs,
        seed,
        ...(Object.keys(compliance).length > 0 ? { compliance } : {}),
        ...(attack.on ? { from: attack.date } : {}),
      };
      const r = await send<CascadeResult>('/api/cascades', body);
      setResult(r);
      setAsked(yaml);
      setStep(r.run ? r.run.rounds.filter((x) => x.entries.length > 0 || x.declined.length > 0).length : 0);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // Opens one at once: the deterministic run of the scenario as it is, or of the proposed attack.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once, when the scenario has loaded
  useEffect(() => {
    if (yaml && !result && !busy) void go();
  }, [yaml === undefined]);

  /** The engine's report on the eve of a round, on the scenario and the acts of the rounds before: why its entries were due. */
  const explain = async (round: CascadeRound, norm: string) => {
    if (!asked || !result?.run) return;
    const before = result.run.rounds.filter((r) => r.round < round.round).flatMap((r) => r.acts) as FormEvent[];
    const eve = round.round === 1 ? result.start : (result.run.rounds[round.round - 2] as CascadeRound).date;
    try {
      const r = await send<{ run: number; report: StoredRun['report'] }>('/api/runs', { yaml: variant(asked, before, eve) });
      window.location.hash = href({ view: 'report', run: r.run, norm });
    } catch (e) {
      setError(`Could not explain: ${(e as Error).message}`);
    }
  };

  // The states of the system on the day of the war: the table runs from 1816 to 2016.
  const stateOptions = (
    <StateOptions
      states={states}
      on={attack.on && attack.date ? attack.date : source?.at}
      keep={[attack.by, attack.against, ...Object.keys(per)]}
    />
  );
  const attacker = attack.on ? attack.by : result?.atStart.belligerents[0];
  const single = result?.run;
  const acting = single?.rounds.filter((r) => r.entries.length > 0 || r.declined.length > 0) ?? [];
  return (
    <section className="cascade-view">
      <h1 tabIndex={-1}>How the war spreads{result ? `: ${result.title}` : ''}</h1>
      <p className="quiet">
        From <a href={href({ view: 'report', run })}>run {run}</a>
        {source ? ` (${source.scenario}, ${dateWords(source.at)})` : ''}. Round after round, each state that owes entry into the war enters
        it (or, with a probability below 1, may not), and its entry can make further duties due.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form
        className="cascade-form"
        aria-label="Cascade settings"
        onSubmit={(e) => {
          e.preventDefault();
          void go();
        }}
      >
        <fieldset>
          <legend>Start from</legend>
          <label>
            <input type="radio" name="start" checked={!attack.on} onChange={() => setAttack({ ...attack, on: false })} /> the scenario as it
            stands{source ? ` on ${dateWords(source.at)}` : ''}
          </label>
          <label>
            <input type="radio" name="start" checked={attack.on} onChange={() => setAttack({ ...attack, on: true })} /> suppose an attack:
          </label>
          <span className="attack">
            <select aria-label="Attacker" value={attack.by} onChange={(e) => setAttack({ ...attack, on: true, by: e.target.value })}>
              {stateOptions}
            </select>{' '}
            attacks{' '}
            <select
              aria-label="Target"
              value={attack.against}
              onChange={(e) => setAttack({ ...attack, on: true, against: e.target.value })}
            >
              {stateOptions}
            </select>{' '}
            on{' '}
            <input
              aria-label="Day of the attack"
              type="text"
              inputMode="numeric"
              pattern="\d{4}-\d{2}-\d{2}"
              size={10}
              value={attack.date}
              onChange={(e) => setAttack({ ...attack, on: true, date: e.target.value })}
            />
          </span>
        </fieldset>
        <fieldset>
          <legend>Who performs</legend>
          <label className="slider">
            Every state, with probability <output>{all.toFixed(2)}</output>
            <input
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={all}
              onChange={(e) => setAll(Number(e.target.value))}
              aria-label="Probability for every state"
            />
          </label>
          {Object.entries(per).map(([s, p]) => (
            <label className="slider" key={s}>
              {capital(name(s))}, with probability <output>{p.toFixed(2)}</output>
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={p}
                aria-label={`Probability for ${name(s)}`}
                onChange={(e) => setPer({ ...per, [s]: Number(e.target.value) })}
              />
              <button
                type="button"
                className="linky"
                onClick={() => setPer(Object.fromEntries(Object.entries(per).filter(([k]) => k !== s)))}
              >
                remove
              </button>
            </label>
          ))}
          <label>
            One state apart:{' '}
            <select aria-label="A state apart" value={extra} onChange={(e) => setExtra(e.target.value)}>
              <option value="">—</option>
              {stateOptions}
            </select>{' '}
            <button type="button" disabled={!extra || extra in per} onClick={() => setPer({ ...per, [extra]: 0.5 })}>
              Add
            </button>
          </label>
        </fieldset>
        <fieldset>
          <legend>Runs</legend>
          <label>
            Runs{' '}
            <input
              type="number"
              min={1}
              max={100000}
              value={runs}
              onChange={(e) => setRuns(Math.max(1, Math.round(Number(e.target.value) || 1)))}
            />
          </label>{' '}
          <label>
            Seed{' '}
            <input type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.round(Number(e.target.value) || 0)))} />
          </label>
          <p className="quiet">
            One run can be stepped through; with more, casus gives how often each state enters and how large the war grows.
          </p>
        </fieldset>
        <button type="submit" className="primary" disabled={busy || !yaml}>
          {busy ? 'Running…' : 'Run the cascade'}
        </button>
      </form>

      {result && single && (
        <div className="cascade-result">
          <p className="summary">
            On {dateWords(result.start)},{' '}
            {result.atStart.size === 0 ? 'no state is at war' : `${listWords(result.atStart.belligerents.map(name))} are at war`}.{' '}
            {acting.length === 0
              ? 'No pact draws anyone else in.'
              : `In ${acting.length} ${acting.length === 1 ? 'round' : 'rounds'} the pacts draw in ${listWords([...new Set(acting.flatMap((r) => r.entries.map((e) => e.state)))].map(name)) || 'no one'}.`}{' '}
            {single.stopped === 'max-rounds' ? `Stopped at the bound of ${result.maxRounds} rounds, with duties still coming due.` : ''}
          </p>
          {single.bothSides.map((c) => (
            <p key={`${c.state}-${c.both}`} className="both-sides" role="note">
              <strong>{capital(name(c.state))} is on both sides.</strong> It fights {name(c.both)} under{' '}
              {c.against.map((e) => `${e.norms.join(', ')} (on behalf of ${listWords(e.onBehalfOf.map(name))})`).join('; ')}, and fights for{' '}
              {name(c.both)} under {c.for.map((e) => `${e.norms.join(', ')} (against ${name(e.against)})`).join('; ')}: its duties conflict,
              and the cascade records both entries.
            </p>
          ))}
          <fieldset className="stepper">
            <legend className="visually-hidden">Rounds</legend>
            <button type="button" onClick={() => setStep(Math.max(0, step - 1))} disabled={step === 0}>
              ◀ Previous round
            </button>
            <input
              type="range"
              min={0}
              max={acting.length}
              value={step}
              onChange={(e) => setStep(Number(e.target.value))}
              aria-label="Round"
            />
            <button type="button" onClick={() => setStep(Math.min(acting.length, step + 1))} disabled={step >= acting.length}>
              Next round ▶
            </button>
            <span className="round-label" aria-live="polite">
              {step === 0
                ? `At the start, ${dateWords(result.start)}`
                : `Round ${step} of ${acting.length}, ${dateWords((acting[step - 1] as CascadeRound).date)}`}
            </span>
          </fieldset>
          <div className="cascade-layout">
            <WarPicture result={result} run={{ ...single, rounds: acting }} step={step} attacker={attacker} name={name} />
            <ol className="rounds">
              {acting.map((r) => (
                <li key={r.round} className={r.round === step ? 'now' : r.round > step ? 'later' : ''}>
                  <strong>
                    Round {r.round}, {dateWords(r.date)}
                  </strong>
                  <ul>
                    {r.entries.map((e) => (
                      <li key={`${e.state}-${e.against}`} className="entry-line">
                        {capital(name(e.state))} enters the war against {name(e.against)},{' '}
                        {e.as === 'defence' ? 'in defence of' : 'joining the war of'} {listWords(e.onBehalfOf.map(name))}, under{' '}
                        {e.norms.map((n, i) => (
                          <span key={n}>
                            {i > 0 && ', '}
                            <button
                              type="button"
                              className="linky"
                              onClick={() => void explain(r, n)}
                              title="The engine’s report on the eve of this round"
                            >
                              {n}
                            </button>
                          </span>
                        ))}
                        .
                      </li>
                    ))}
                    {r.declined.map((e) => (
                      <li key={`d-${e.state}-${e.against}`} className="declined-line">
                        {capital(name(e.state))} owed entry against {name(e.against)} ({e.norms.join(', ')}) and did not enter (probability{' '}
                        {e.p}).
                      </li>
                    ))}
                    {r.breaches.map((b) => (
                      <li key={`b-${b.norm}-${b.holder}-${b.beneficiary}`} className="breach-line">
                        By entering, {name(b.holder)} breaches <code>{b.norm}</code> toward {name(b.beneficiary)}
                        {b.readings.length > 0 ? ` (on casus’s reading ${b.readings.join(', ')})` : ''}.
                      </li>
                    ))}
                    {r.otherDuties.length > 0 && (
                      <li className="quiet">
                        Also due, not acts of war: {r.otherDuties.length} {r.otherDuties.length === 1 ? 'duty' : 'duties'} (
                        {[...new Set(r.otherDuties.map((d) => d.action))].join(', ')}).
                      </li>
                    )}
                  </ul>
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
      {result?.distribution && (
        <div className="cascade-result">
          <p className="summary">
            {result.runs.toLocaleString('en-GB')} runs, seed {result.seed}
            {result.deterministic ? ' (every run the same: no probability below 1 was drawn on)' : ''}.
          </p>
          <SizeHistogram result={result} />
          <table className="shares">
            <caption>How often each state that owed entry entered the war</caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Entered</th>
                <th scope="col">Share</th>
                <th scope="col">Declined</th>
              </tr>
            </thead>
            <tbody>
              {result.distribution.states.map((s) => (
                <tr key={s.state}>
                  <th scope="row">{capital(name(s.state))}</th>
                  <td>{s.entered.toLocaleString('en-GB')}</td>
                  <td>{(s.share * 100).toFixed(1)}%</td>
                  <td>{s.declined.toLocaleString('en-GB')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

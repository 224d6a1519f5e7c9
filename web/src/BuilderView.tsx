import { type ReactNode, useEffect, useRef, useState } from 'react';
import {
  ApiFailure,
  api,
  cached,
  type EventTypeInfo,
  failureWords,
  type InputProblem,
  type LibraryEntry,
  type SavedScenario,
  type StateInfo,
  type StoredRun,
  send,
  sendYaml,
  type TreatySummary,
} from './api';
import { href } from './route';
import { StateOptions } from './StateOptions';
import { addEvent, type FormEvent, NEW_SCENARIO } from './scenario-yaml';

interface Props {
  scenario?: number | undefined;
  /** A crisis of the library to start from, as an unsaved copy (`#/builder?library=01-rhineland-1936`). */
  library?: string | undefined;
}

type Values = Record<string, string | string[]>;

/** The form's value for one field as the scenario file writes it; undefined leaves it out. */
function fieldValue(
  kind: EventTypeInfo['fields'][number]['kind'],
  v: string | string[] | undefined,
): string | string[] | boolean | undefined {
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return undefined;
  if (kind === 'bool' || kind === 'tri') return v === 'true' ? true : v === 'false' ? false : (v as string);
  return v;
}

/** The scenario builder: events from a form, or the YAML edited directly; validated as you type; saved; run. */
export function BuilderView({ scenario, library }: Props) {
  const [types, setTypes] = useState<EventTypeInfo[]>([]);
  const [states, setStates] = useState<StateInfo[]>([]);
  const [treaties, setTreaties] = useState<TreatySummary[]>([]);
  const [saved, setSaved] = useState<SavedScenario[]>([]);
  const [text, setText] = useState(NEW_SCENARIO);
  const [loadedText, setLoadedText] = useState<string>();
  const [problems, setProblems] = useState<InputProblem[]>([]);
  const [message, setMessage] = useState<string>();
  const [type, setType] = useState('aggression');
  const [date, setDate] = useState('1937-03-01');
  const [values, setValues] = useState<Values>({});
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    cached<EventTypeInfo[]>('/api/event-types').then(setTypes, () => {});
    cached<StateInfo[]>('/api/states').then(
      (s) => setStates([...s].sort((a, b) => a.name.localeCompare(b.name))),
      () => {},
    );
    cached<TreatySummary[]>('/api/treaties').then(setTreaties, () => {});
    api<SavedScenario[]>('/api/scenarios').then(setSaved, () => {});
  }, []);

  useEffect(() => {
    if (scenario === undefined) {
      setLoadedText(undefined);
      if (library !== undefined) {
        api<LibraryEntry & { yaml: string }>(`/api/library/${encodeURIComponent(library)}`).then(
          (e) => {
            setText(e.yaml);
            setMessage(`A copy of “${e.title}” from the crisis library: change it, then save it as your own or run it.`);
          },
          (e: Error) => setMessage(failureWords(e, 'crisis', `crisis “${library}” in the library`)),
        );
      }
      return;
    }
    api<SavedScenario>(`/api/scenarios/${scenario}`).then(
      (s) => {
        setText(s.yaml);
        setLoadedText(s.yaml);
      },
      (e: Error) => setMessage(failureWords(e, 'scenario', `saved scenario ${scenario}`)),
    );
  }, [scenario, library]);

  // Validation as you type: the API checks the file and points at the line and field.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      api('/api/validate', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text }).then(
        () => setProblems([]),
        (e: unknown) => setProblems(e instanceof ApiFailure ? e.problems : [{ code: 'network', message: String(e) }]),
      );
    }, 400);
    return () => window.clearTimeout(timer);
  }, [text]);

  const spec = types.find((t) => t.type === type);

  const add = () => {
    if (!spec) return;
    const event: FormEvent = { date, type };
    for (const f of spec.fields) {
      const v = fieldValue(f.kind, values[f.name]);
      if (v !== undefined) event[f.name] = v;
    }
    const place = values.place;
    if (typeof place === 'string' && place.trim() !== '') event.place = place.trim();
    const missing = spec.fields.filter((f) => f.required && event[f.name] === undefined).map((f) => f.name);
    if (missing.length > 0) {
      setMessage(`Fill in ${missing.join(', ')} first.`);
      return;
    }
    try {
      setText(addEvent(text, event));
      setMessage(`Added a ${type} of ${date}.`);
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  const goToLine = (line: number) => {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = el.scrollHeight / Math.max(lines.length, 1);
    el.scrollTop = Math.max(0, (line - 3) * lineHeight);
  };

  const save = async (): Promise<number | undefined> => {
    try {
      const s =
        scenario === undefined
          ? await sendYaml<SavedScenario>('/api/scenarios', text)
          : await sendYaml<SavedScenario>(`/api/scenarios/${scenario}`, text, 'PUT');
      setLoadedText(text);
      setMessage(`Saved as scenario ${s.id} (${s.slug}).`);
      api<SavedScenario[]>('/api/scenarios').then(setSaved, () => {});
      if (scenario !== s.id) window.location.hash = href({ view: 'builder', scenario: s.id });
      return s.id;
    } catch (e) {
      if (e instanceof ApiFailure) setProblems(e.problems);
      setMessage(`Not saved: ${(e as Error).message}`);
      return undefined;
    }
  };

  const run = async () => {
    try {
      const body = scenario !== undefined && text === loadedText ? { scenarioId: scenario } : { yaml: text };
      const r = await send<{ run: number; report: StoredRun['report'] }>('/api/runs', body);
      window.location.hash = href({ view: 'report', run: r.run });
    } catch (e) {
      if (e instanceof ApiFailure) setProblems(e.problems);
      setMessage(`Not run: ${(e as Error).message}`);
    }
  };

  // The states of the system on the event's date: the table runs from 1816 to 2016.
  const stateOptions = <StateOptions states={states} on={date} keep={Object.values(values).flat()} />;

  return (
    <section className="builder-view">
      <h1 tabIndex={-1}>{scenario === undefined ? 'A new scenario' : `Scenario ${scenario}`}</h1>
      <div className="builder-layout">
        <form
          className="event-form"
          aria-label="Add an event"
          onSubmit={(e) => {
            e.preventDefault();
            add();
          }}
        >
          <h2>Add an event</h2>
          <label>
            Type
            <select
              value={type}
              onChange={(e) => {
                setType(e.target.value);
                setValues({});
              }}
            >
              {types.map((t) => (
                <option key={t.type} value={t.type}>
                  {t.type}
                </option>
              ))}
            </select>
          </label>
          <label>
            Date
            <input
              type="text"
              inputMode="numeric"
              pattern="\d{4}(-\d{2}(-\d{2})?)?"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </label>
          {spec?.fields.map((f) => {
            const label = `${f.name}${f.required ? '' : ' (optional)'}`;
            const set = (v: string | string[]) => setValues({ ...values, [f.name]: v });
            const v = values[f.name];
            let input: ReactNode;
            switch (f.kind) {
              case 'state':
                input = (
                  <select value={(v as string) ?? ''} onChange={(e) => set(e.target.value)}>
                    <option value="">—</option>
                    {stateOptions}
                  </select>
                );
                break;
              case 'states':
                input = (
                  <select
                    multiple
                    size={5}
                    value={(v as string[]) ?? []}
                    onChange={(e) => set([...e.target.selectedOptions].map((o) => o.value))}
                  >
                    {stateOptions}
                  </select>
                );
                break;
              case 'treaty':
                input = (
                  <select value={(v as string) ?? ''} onChange={(e) => set(e.target.value)}>
                    <option value="">—</option>
                    {treaties.map((t) => (
                      <option key={t.treaty} value={t.treaty}>
                        {t.treaty}
                      </option>
                    ))}
                  </select>
                );
                break;
              case 'bool':
              case 'tri':
                input = (
                  <select value={(v as string) ?? ''} onChange={(e) => set(e.target.value)}>
                    <option value="">—</option>
                    <option value="true">true</option>
                    <option value="false">false</option>
                    {f.kind === 'tri' && <option value="unknown">unknown</option>}
                  </select>
                );
                break;
              case 'choice':
                input = (
                  <select value={(v as string) ?? ''} onChange={(e) => set(e.target.value)}>
                    <option value="">—</option>
                    {(f.choices ?? []).map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                );
                break;
              default:
                input = <input type="text" value={(v as string) ?? ''} onChange={(e) => set(e.target.value)} />;
            }
            return (
              // biome-ignore lint/a11y/noLabelWithoutControl: the control is `input`, chosen above by the field's kind
              <label key={f.name}>
                {label}
                {input}
              </label>
            );
          })}
          <label>
            place (optional: GMY, GMY/europe, AUH/border/ROM, rhineland)
            <input
              type="text"
              value={(values.place as string | undefined) ?? ''}
              onChange={(e) => setValues({ ...values, place: e.target.value })}
            />
          </label>
          <button type="submit">Add the event</button>
          <h2>Saved scenarios</h2>
          {saved.length === 0 && <p className="quiet">None yet.</p>}
          <ul className="saved">
            {saved.map((s) => (
              <li key={s.id}>
                <a href={href({ view: 'builder', scenario: s.id })} aria-current={s.id === scenario ? 'page' : undefined}>
                  {s.title}
                </a>{' '}
                <span className="quiet">#{s.id}</span>
              </li>
            ))}
          </ul>
          <p>
            <a href={href({ view: 'builder' })} onClick={() => setText(NEW_SCENARIO)}>
              Start a new scenario
            </a>
          </p>
        </form>
        <div className="yaml-pane">
          <label htmlFor="yaml">The scenario file (YAML)</label>
          <textarea
            id="yaml"
            ref={area}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={Math.max(14, text.split('\n').length + 2)}
            aria-describedby="problems"
            aria-invalid={problems.length > 0}
          />
          <div id="problems" aria-live="polite">
            {problems.length === 0 ? (
              <p className="ok">✓ The file is valid.</p>
            ) : (
              <ul className="problems">
                {problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems in the API's order
                  <li key={i}>
                    {p.line !== undefined ? (
                      <button type="button" className="linky" onClick={() => goToLine(p.line as number)}>
                        line {p.line}
                        {p.column !== undefined ? `:${p.column}` : ''}
                      </button>
                    ) : null}{' '}
                    {p.field && <code>{p.field}</code>} {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="actions">
            <button type="button" onClick={() => void save()}>
              {scenario === undefined ? 'Save' : 'Save changes'}
            </button>
            <button type="button" className="primary" onClick={() => void run()}>
              Run
            </button>
          </div>
          {message && (
            <p className="message" role="status">
              {message}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

import type { CorpusStatusEntry, UnboundParty, UnboundReason } from '../../src/analysis/corpus-time.js';
import type { Obligation, TreatyKind } from '../../src/engine/binding.js';
import type { Explanation, NormInstance, PatternOut, Report } from '../../src/engine/report.js';
import type { StoredRun as ServerRun, StoredScenario } from '../../src/server/store.js';

export type { Explanation, NormInstance, PatternOut, Report, TreatyKind, UnboundParty, UnboundReason };

/** One treaty's standing on a day, with why each other party is not bound (GET /api/status?at=DATE): the engine's own type. */
export type StatusEntry = CorpusStatusEntry;

/** A treaty of the corpus (GET /api/treaties), with the engine's kind and obligations for it. */
export interface TreatySummary {
  treaty: string;
  title: string;
  parties: string[];
  norms: string[];
  actions: string[];
  kind: TreatyKind;
  obligations: Obligation[];
}

/** A kind of treaty, in the legend's order, with the rule that gives it (GET /api/treaty-kinds). */
export interface TreatyKindInfo {
  kind: TreatyKind;
  label: string;
  rule: string;
}

/** A state of the system (GET /api/states). */
export interface StateInfo {
  abb: string;
  name: string;
  ccode: number;
  european: boolean;
  /** COW system membership, first and last day of each spell. */
  spells: Array<{ from: string; to: string }>;
  /** When it can be bound (first and last day): its spells and any years a recognised government in exile kept it so. */
  bound: Array<{ from: string; to: string }>;
}

/** An event type of the scenario vocabulary and its fields (GET /api/event-types). */
export interface EventTypeInfo {
  type: string;
  /** `choice`: one of `choices`, the words a type a treaty declares lists (mobilisation: partial, general). */
  fields: Array<{
    name: string;
    kind: 'treaty' | 'state' | 'states' | 'bool' | 'tri' | 'text' | 'date' | 'choice';
    required: boolean;
    choices?: string[];
  }>;
}

/** One step of a treaty's lifecycle. */
export interface LifecycleStep {
  date: string;
  status: string;
  event: string;
  by?: string;
  note?: string;
  source?: string;
}

/** A treaty with its provisions (GET /api/treaties/:slug). */
export interface TreatyDetail {
  treaty: string;
  title: string;
  parties: string[];
  sources: Record<string, string>;
  interpretations: Array<{ id: string; text: string }>;
  lifecycle: LifecycleStep[];
  provisions: Array<{ id: string; heading: string; text: string; notes: string; rules: string[]; norms: string[] }>;
}

/** A saved scenario (GET /api/scenarios/:id): the server's own type. */
export type SavedScenario = StoredScenario;

/** A run and its report (GET /api/runs/:id). */
export type StoredRun = Omit<ServerRun, 'report'> & { report: Report };

/** One problem of an input, with where it is (the API's error shape). */
export interface InputProblem {
  code: string;
  message: string;
  line?: number;
  column?: number;
  field?: string;
}

/** A failed request: the API's code and message, and each problem with its line and field. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: InputProblem[],
  ) {
    super(message);
  }
}

/** Calls the casus API; a non-2xx answer throws an ApiFailure. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as {
    error?: { code: string; message: string; errors?: InputProblem[] };
  };
  if (!res.ok) {
    const e = body.error ?? { code: 'http', message: `HTTP ${res.status}` };
    throw new ApiFailure(res.status, e.code, e.message, e.errors ?? [{ code: e.code, message: e.message }]);
  }
  return body as T;
}

/** POSTs (or PUTs) JSON. */
export function send<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
  return api<T>(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** POSTs (or PUTs) a scenario's YAML text. */
export function sendYaml<T>(path: string, yaml: string, method = 'POST'): Promise<T> {
  return api<T>(path, { method, headers: { 'content-type': 'application/yaml' }, body: yaml });
}

const cache = new Map<string, Promise<unknown>>();

/** A GET whose answer never changes while the server runs (the corpus, the states): fetched once. */
export function cached<T>(path: string): Promise<T> {
  let p = cache.get(path);
  if (!p) {
    p = api<T>(path);
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T>;
}

/** What POST /api/cascades answers: the engine's own types. */
export type { CascadeResult, CascadeRound, CascadeRun } from '../../src/analysis/cascade.js';
/** A scenario of the crisis library (GET /api/library): the server's own type. */
export type { LibraryEntry } from '../../src/server/library.js';

/** The scenario a run was made from (GET /api/runs/:id/scenario). */
export interface RunScenario {
  run: number;
  scenarioId: number | null;
  scenario: string;
  at: string;
  yaml: string;
}

/** What POST /api/conflicts answers: the engine's own types. */
export type { ConflictPeriod, ConflictResult, ConflictWitness } from '../../src/analysis/conflicts.js';
export type { TimelineEntry } from '../../src/analysis/corpus-time.js';
/** A scenario through time (POST /api/timelines), and one step of the corpus timeline (GET /api/timeline): the engine's own types. */
export type { ScenarioTimeline, StatusBand } from '../../src/analysis/scenario-timeline.js';
/** What POST /api/vetoes and POST /api/whatif answer: the engine's own types. */
export type { InstanceVetoes, Step, VetoReport } from '../../src/analysis/vetoes.js';
export type { WhatIfChange, WhatIfInstance, WhatIfResult } from '../../src/analysis/whatif.js';

/** What the app tells a reader who followed a link to something that is not there, by kind of thing. */
const NOT_FOUND_HINTS: Record<'run' | 'treaty' | 'scenario' | 'crisis', string> = {
  run: 'Every run this server has kept is listed under Reports.',
  treaty: 'The treaty web and the crisis library link every treaty of the corpus.',
  scenario: 'Your saved scenarios are listed in the Scenario builder.',
  crisis: 'The Crisis library, the home page, lists every crisis that comes with casus.',
};

/**
 * A failure in the app's words: a 404 from the API ("no run 12; GET /api/runs lists them", meant
 * for programs) becomes "There is no run 12 on this server. Every run … is listed under Reports."
 * Any other failure keeps the API's message, which says what was wrong and where.
 */
export function failureWords(e: unknown, kind: keyof typeof NOT_FOUND_HINTS, what: string): string {
  if (e instanceof ApiFailure && e.status === 404) return `There is no ${what} on this server. ${NOT_FOUND_HINTS[kind]}`;
  return e instanceof Error ? e.message : String(e);
}

import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { cascade } from '../analysis/cascade.js';
import { conflicts } from '../analysis/conflicts.js';
import { corpusStatus, corpusTimeline } from '../analysis/corpus-time.js';
import { compileNetwork, type Network, networkCascade } from '../analysis/network-cascade.js';
import { SWEEP_OBLIGATIONS, type SweepModel, type SweepObligation, sweepAttacks, sweepDyads, sweepModel } from '../analysis/sweep.js';
import { vetoAnalysis } from '../analysis/vetoes.js';
import { type CasusError, inputErrors } from '../base/casus-error.js';
import { EVENT_TYPES } from '../base/event-types.js';
import { dateProblem, type PartialDate, parseDate } from '../base/partial-date.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import { TREATY_KINDS, treatyKindOf, treatyObligations } from '../engine/binding.js';
import { evaluate } from '../engine/evaluate.js';
import { treatyLife } from '../engine/treaty-status.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/scenario.js';
import { openApiDocument } from './openapi.js';
import { DEFAULT_WEB_DIR, serveWebApp } from './static-files.js';
import type { Store } from './store.js';

/** The largest request body accepted: a scenario file is a few kilobytes. */
export const MAX_BODY_BYTES = 1_000_000;

/** One error shape for every failure, with the codes and locations the CLI prints. */
export interface ApiError {
  error: {
    code: string;
    message: string;
    errors?: Array<{ code: string; message: string; file?: string; line?: number; column?: number; field?: string }>;
  };
}

class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The ```casus blocks of a treaty file, by provision id: the formalisation shown beside each article. */
function formalisations(t: Treaty): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string | undefined;
  let block: string[] | undefined;
  for (const line of readFileSync(t.file, 'utf8').split('\n')) {
    const heading = /^#{2,4}\s.*\{#([a-z0-9-]+)\}\s*$/.exec(line);
    if (heading && !block) current = heading[1];
    else if (/^```casus\s*$/.test(line) && !block) block = [];
    else if (/^```\s*$/.test(line) && block) {
      if (current) out.set(current, [...(out.get(current) ?? []), block.join('\n')]);
      block = undefined;
    } else block?.push(line);
  }
  return out;
}

/** What the app serves besides the API. */
export interface AppOptions {
  /** The built web app (index.html and assets/); default dist/web/ of the package. */
  webDir?: string;
}

/**
 * The JSON API over the same library the CLI uses: the corpus (treaties, provisions with their
 * text and formalisation, statuses on a day, the timeline), scenarios (create, list, read, update,
 * delete), runs (evaluate a saved or an unsaved scenario; the report as in the contract), and the
 * analyses (vetoes, conflicts, cascades, sweeps, network cascades). Errors: one JSON shape, HTTP 400/404/413. Every other
 * GET is the web app (index.html for its own routes).
 */
export function createApp(corpus: Corpus, store: Store, options: AppOptions = {}): Hono {
  const app = new Hono();
  const rules = new Map<string, Map<string, string[]>>();

  app.use(
    '/api/*',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => fail(413, 'input.too-large', `the request body is over ${MAX_BODY_BYTES} bytes`) }),
  );

  app.onError((e, c) => {
    if (e instanceof HttpError) return c.json<ApiError>({ error: { code: e.code, message: e.message } }, e.status);
    const found = inputErrors(e);
    if (found.length > 0) {
      const errors = found.map((x) => ({
        code: x.code,
        message: x.message,
        ...(x.span ? { file: x.span.file, line: x.span.line, column: x.span.column } : {}),
        ...(x.field ? { field: x.field } : {}),
      }));
      const first = found[0] as CasusError;
      const status = first.code === 'input.unknown-treaty' || first.code === 'input.unknown-norm' ? 404 : 400;
      return c.json<ApiError>({ error: { code: first.code, message: found.map((x) => x.message).join('\n'), errors } }, status);
    }
    return c.json<ApiError>({ error: { code: 'internal', message: `internal error (a bug, please report it): ${e.message}` } }, 500);
  });
  app.notFound((c) => c.json<ApiError>({ error: { code: 'not-found', message: `no such endpoint: ${c.req.method} ${c.req.path}` } }, 404));

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  // --- the corpus
  app.get('/api/treaties', (c) =>
    c.json(
      [...corpus.treaties.values()]
        .sort((a, b) => (a.slug < b.slug ? -1 : 1))
        .map((t) => ({
          treaty: t.slug,
          title: t.title,
          parties: t.parties,
          norms: t.norms.map((n) => n.id),
          actions: [...new Set(t.norms.flatMap((n) => (n.def.action ? [n.def.action] : [])))],
          kind: treatyKindOf(t),
          obligations: treatyObligations(t),
        })),
    ),
  );
  app.get('/api/treaty-kinds', (c) => c.json(TREATY_KINDS));
  app.get('/api/states', (c) =>
    c.json(corpus.states.states.map((s) => ({ abb: s.abb, name: s.name, ccode: s.ccode, european: s.european }))),
  );
  app.get('/api/event-types', (c) =>
    c.json(
      Object.entries(EVENT_TYPES).map(([type, fields]) => ({
        type,
        fields: Object.entries(fields).map(([name, f]) => ({ name, kind: f.kind, required: f.required })),
      })),
    ),
  );
  app.get('/api/treaties/:slug', (c) => {
    const t = treaty(corpus, c.req.param('slug'));
    if (!rules.has(t.slug)) rules.set(t.slug, formalisations(t));
    const blocks = rules.get(t.slug) as Map<string, string[]>;
    const life = treatyLife(t, []);
    return c.json({
      treaty: t.slug,
      title: t.title,
      parties: life.parties,
      sources: t.sources,
      interpretations: t.interpretations,
      lifecycle: life.history.map(({ at: _at, ...h }) => h),
      provisions: [...t.provisions.values()].map((p) => ({
        id: p.id,
        heading: p.heading,
        text: p.text,
        notes: p.notes,
        rules: blocks.get(p.id.split('/')[1] as string) ?? [],
        norms: t.norms.filter((n) => n.provision === p.id).map((n) => n.id),
      })),
    });
  });
  app.get('/api/status', (c) => {
    const at = dateParam(c.req.query('at'), 'at', true) as PartialDate;
    return c.json({ at: at.text, treaties: corpusStatus(corpus, at) });
  });
  app.get('/api/timeline', (c) => {
    const from = dateParam(c.req.query('from'), 'from');
    const to = dateParam(c.req.query('to'), 'to');
    return c.json(corpusTimeline(corpus, { ...(from ? { from } : {}), ...(to ? { to } : {}) }));
  });

  // --- scenarios
  app.get('/api/scenarios', (c) => c.json(store.listScenarios()));
  app.post('/api/scenarios', async (c) => {
    const yaml = await yamlBody(c.req.raw);
    const s = loadScenario(yaml, 'scenario.yaml', corpus);
    return c.json(store.createScenario({ slug: s.id, title: s.title || s.id, yaml }), 201);
  });
  app.post('/api/validate', async (c) => {
    const s = loadScenario(await yamlBody(c.req.raw), 'scenario.yaml', corpus);
    return c.json({ ok: true, id: s.id, title: s.title, events: s.events.length });
  });
  app.get('/api/scenarios/:id', (c) => c.json(saved(store, c.req.param('id'))));
  app.put('/api/scenarios/:id', async (c) => {
    const id = saved(store, c.req.param('id')).id;
    const yaml = await yamlBody(c.req.raw);
    const s = loadScenario(yaml, 'scenario.yaml', corpus);
    return c.json(store.updateScenario(id, { slug: s.id, title: s.title || s.id, yaml }));
  });
  app.delete('/api/scenarios/:id', (c) => {
    const id = saved(store, c.req.param('id')).id;
    store.deleteScenario(id);
    return c.body(null, 204);
  });

  // --- runs: a saved scenario, or an unsaved one sent as YAML
  app.post('/api/runs', async (c) => {
    const body = (await jsonBody(c.req.raw)) as { scenarioId?: number; yaml?: string; at?: string; explain?: boolean };
    const { scenario, yaml, scenarioId } = scenarioOf(body, corpus, store);
    const at = instant(scenario, body.at);
    const report = evaluate(corpus, scenario, at, { explain: body.explain ?? true });
    const run = store.saveRun({ scenarioId, scenario: scenario.id, at: report.at, yaml, report });
    return c.json({ run: run.id, report }, 201);
  });
  app.get('/api/runs', (c) => {
    const s = c.req.query('scenario');
    return c.json(store.listRuns(s === undefined ? undefined : saved(store, s).id));
  });
  app.get('/api/runs/:id', (c) => {
    const id = Number(c.req.param('id'));
    const run = Number.isInteger(id) ? store.getRunJson(id) : undefined;
    if (!run) throw new HttpError(404, 'not-found', `no run ${c.req.param('id')}`);
    return c.body(run, 200, { 'content-type': 'application/json' });
  });

  // --- analyses
  app.post('/api/vetoes', async (c) => {
    const body = (await jsonBody(c.req.raw)) as { scenarioId?: number; yaml?: string; at?: string; norm?: string; treaty?: string };
    const { scenario } = scenarioOf(body, corpus, store);
    return c.json(
      vetoAnalysis(corpus, scenario, instant(scenario, body.at), {
        ...(body.norm ? { norm: body.norm } : {}),
        ...(body.treaty ? { treaty: body.treaty } : {}),
      }),
    );
  });
  app.post('/api/conflicts', async (c) => {
    const body = (await jsonBody(c.req.raw)) as { treaties?: unknown; from?: unknown; to?: unknown; maxEvents?: unknown; all?: unknown };
    if (!Array.isArray(body.treaties) || body.treaties.some((t) => typeof t !== 'string')) {
      throw new HttpError(
        400,
        'input.invalid',
        '`treaties` is a list of treaty slugs, e.g. ["franco-soviet-1935", "locarno-rhineland-1925"]',
      );
    }
    for (const key of ['from', 'to'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'string') {
        throw new HttpError(400, 'input.invalid', `\`${key}\` is an ISO date, e.g. "1938-09-30"`);
      }
    }
    if (body.all !== undefined && typeof body.all !== 'boolean') {
      throw new HttpError(400, 'input.invalid', '`all` is true (search every period) or false (stop at the first witness)');
    }
    if (body.maxEvents !== undefined && typeof body.maxEvents !== 'number') {
      throw new HttpError(400, 'input.invalid', '`maxEvents` is a whole number, e.g. 8');
    }
    return c.json(
      conflicts(corpus, body.treaties as string[], {
        ...(typeof body.from === 'string' ? { from: body.from } : {}),
        ...(typeof body.to === 'string' ? { to: body.to } : {}),
        ...(typeof body.maxEvents === 'number' ? { maxEvents: body.maxEvents } : {}),
        ...(body.all === true ? { all: true } : {}),
      }),
    );
  });
  app.post('/api/cascades', async (c) => {
    const body = (await jsonBody(c.req.raw)) as {
      scenarioId?: number;
      yaml?: string;
      runs?: number;
      seed?: number;
      compliance?: Record<string, number>;
      from?: string;
    };
    const { scenario } = scenarioOf(body, corpus, store);
    const runs = body.runs ?? 1;
    if (!Number.isInteger(runs) || runs < 1 || runs > 100_000)
      throw new HttpError(400, 'input.bad-option', '`runs` is a whole number from 1 to 100000');
    const states: Record<string, number> = {};
    for (const [k, v] of Object.entries(body.compliance ?? {})) {
      if (k !== 'default') states[corpus.states.resolve(k, undefined, 'input.unknown-state', `compliance.${k}`)] = v;
    }
    const compliance = body.compliance
      ? { states, ...(body.compliance.default !== undefined ? { default: body.compliance.default } : {}) }
      : undefined;
    return c.json(
      cascade(corpus, scenario, {
        runs,
        seed: body.seed ?? 1,
        ...(compliance ? { compliance } : {}),
        ...(body.from ? { from: dateParam(body.from, 'from') as PartialDate } : {}),
      }),
    );
  });

  // --- at scale: sweeps and network cascades over the whole library (compiled once, on first use)
  let model: SweepModel | undefined;
  const sweepOf = () => {
    model ??= sweepModel(corpus);
    return model;
  };
  const code = (abb: string) => corpus.states.find(abb)?.ccode ?? 0;
  const yearParam = (text: string | undefined, name: string): number => {
    const n = Number(text);
    if (text === undefined || !Number.isInteger(n) || n < 1000 || n > 9999)
      fail(400, 'input.bad-option', `${name} is a year, e.g. ?${name}=1939`);
    return n;
  };
  app.get('/api/sweep', (c) => {
    const from = yearParam(c.req.query('from'), 'from');
    const to = yearParam(c.req.query('to'), 'to');
    if (to < from) fail(400, 'input.bad-option', '`to` comes before `from`');
    if (to - from > 50) fail(413, 'input.too-large', 'at most 51 years per request; `casus sweep` on the command line has no limit');
    const obligation = c.req.query('obligation') as SweepObligation | undefined;
    if (obligation !== undefined && !SWEEP_OBLIGATIONS.includes(obligation)) {
      fail(400, 'input.bad-option', `obligation is one of ${SWEEP_OBLIGATIONS.join(', ')}`);
    }
    const rows = sweepDyads(sweepOf(), { from, to, ...(obligation ? { obligations: [obligation] } : {}) });
    return c.json({
      from,
      to,
      rows: rows.map((r) => ({
        ccode1: code(r.holder),
        ccode2: code(r.beneficiary),
        holder: r.holder,
        beneficiary: r.beneficiary,
        year: r.year,
        obligation: r.obligation,
        status: r.status,
        against: r.against,
        treaties: r.treaties,
      })),
    });
  });
  app.get('/api/sweep/attacks', (c) => {
    const year = yearParam(c.req.query('year'), 'year');
    const raw = c.req.query('attacker');
    if (!raw) fail(400, 'input.missing-option', 'say which attacker: ?attacker=GMY');
    const attacker = corpus.states.resolve(raw, undefined, 'input.unknown-state', 'attacker');
    const rows: Array<{ target: string; defender: string; status: string; treaties: readonly string[] }> = [];
    sweepAttacks(sweepOf(), { from: year, to: year, attacker }, (_a, target, _y, defender, status, treaties) => {
      rows.push({ target, defender, status, treaties: [...treaties] });
    });
    return c.json({ year, attacker, rows });
  });
  const networks = new Map<string, Network>();
  app.post('/api/cascades/network', async (c) => {
    const body = (await jsonBody(c.req.raw)) as {
      year?: number;
      date?: string;
      attacker?: string;
      target?: string;
      runs?: number;
      seed?: number;
      compliance?: Record<string, number>;
    };
    // A year (a pledge counts if it binds on some day of it), or a day.
    let when: number | PartialDate;
    if (body.date !== undefined) {
      if (body.year !== undefined) fail(400, 'input.bad-option', 'give `year` or `date`, not both');
      const d = dateParam(typeof body.date === 'string' ? body.date : String(body.date), 'date', true) as PartialDate;
      if (d.hi - d.lo !== 1) fail(400, 'input.bad-option', '`date` is a day, YYYY-MM-DD (for a year, give `year`)');
      when = d;
    } else when = yearParam(body.year === undefined ? undefined : String(body.year), 'year');
    const key = typeof when === 'number' ? String(when) : when.text;
    if (!body.attacker || !body.target) fail(400, 'input.missing-option', 'say who attacks whom: {"attacker": "GMY", "target": "POL"}');
    const attacker = corpus.states.resolve(body.attacker, undefined, 'input.unknown-state', 'attacker');
    const target = corpus.states.resolve(body.target, undefined, 'input.unknown-state', 'target');
    const runs = body.runs ?? 1;
    if (!Number.isInteger(runs) || runs < 1 || runs > 10_000_000)
      throw new HttpError(400, 'input.bad-option', '`runs` is a whole number from 1 to 10000000');
    const states: Record<string, number> = {};
    for (const [k, v] of Object.entries(body.compliance ?? {})) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(400, 'input.bad-option', `compliance.${k} is a probability from 0 to 1`);
      if (k !== 'default') states[corpus.states.resolve(k, undefined, 'input.unknown-state', `compliance.${k}`)] = v;
    }
    let net = networks.get(key);
    if (!net) {
      net = compileNetwork(corpus, when);
      networks.set(key, net);
    }
    if (!net.states.includes(attacker) || !net.states.includes(target) || attacker === target) {
      fail(400, 'input.bad-option', `${attacker} attacking ${target}: both must be distinct states of the ${key} network`);
    }
    const compliance = body.compliance
      ? { states, ...(body.compliance.default !== undefined ? { default: body.compliance.default } : {}) }
      : undefined;
    return c.json(networkCascade(net, attacker, target, { runs, seed: body.seed ?? 1, ...(compliance ? { compliance } : {}) }));
  });

  // --- the web app: everything that is not the API
  const web = serveWebApp(options.webDir ?? DEFAULT_WEB_DIR);
  app.get('*', (c) => (c.req.path === '/api' || c.req.path.startsWith('/api/') ? c.notFound() : web(c)));
  return app;
}

function fail(status: ContentfulStatusCode, code: string, message: string): never {
  throw new HttpError(status, code, message);
}

function treaty(corpus: Corpus, slug: string): Treaty {
  const t = corpus.treaties.get(slug);
  if (!t) throw new HttpError(404, 'input.unknown-treaty', `unknown treaty "${slug}"; GET /api/treaties lists the corpus`);
  return t;
}

function saved(store: Store, raw: string) {
  const id = Number(raw);
  const s = Number.isInteger(id) ? store.getScenario(id) : undefined;
  if (!s) throw new HttpError(404, 'not-found', `no saved scenario ${raw}; GET /api/scenarios lists them`);
  return s;
}

function dateParam(text: string | undefined, name: string, required = false): PartialDate | undefined {
  if (text === undefined || text === '') {
    if (required) throw new HttpError(400, 'input.missing-option', `say which day: ?${name}=1939-09-17`);
    return undefined;
  }
  const problem = dateProblem(text);
  if (problem) throw new HttpError(400, 'input.bad-date', `${name}: ${problem}`);
  return parseDate(text);
}

async function yamlBody(req: Request): Promise<string> {
  const text = await req.text();
  if (text.trim() === '') throw new HttpError(400, 'input.invalid', 'send the scenario as YAML (or JSON) in the request body');
  return text;
}

async function jsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  try {
    const v = JSON.parse(text || '{}');
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v;
  } catch {
    throw new HttpError(400, 'input.invalid', 'the request body is a JSON object, e.g. {"scenarioId": 1} or {"yaml": "id: ..."}');
  }
}

/** The scenario a request names: a saved one by id, or an unsaved one sent as YAML text. */
function scenarioOf(
  body: { scenarioId?: number; yaml?: string },
  corpus: Corpus,
  store: Store,
): { scenario: Scenario; yaml: string; scenarioId: number | null } {
  if (typeof body.yaml === 'string')
    return { scenario: loadScenario(body.yaml, 'scenario.yaml', corpus), yaml: body.yaml, scenarioId: null };
  if (body.scenarioId !== undefined) {
    const s = saved(store, String(body.scenarioId));
    return { scenario: loadScenario(s.yaml, `${s.slug}.yaml`, corpus), yaml: s.yaml, scenarioId: s.id };
  }
  throw new HttpError(400, 'input.invalid', 'name a saved scenario ({"scenarioId": 1}) or send one ({"yaml": "id: ..."})');
}

function instant(scenario: Scenario, at: string | undefined): PartialDate {
  const when = at ? dateParam(at, 'at') : (scenario.at ?? scenario.events.at(-1)?.date);
  if (!when) throw new HttpError(400, 'scenario.missing-field', 'the scenario has no events and no `at`: say which instant to describe');
  return when;
}

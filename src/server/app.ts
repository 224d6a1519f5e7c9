import { readFileSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { cascade } from '../analysis/cascade.js';
import { conflicts } from '../analysis/conflicts.js';
import { corpusStatus, corpusTimeline, librarySpan } from '../analysis/corpus-time.js';
import { compileNetwork, type Network, networkCascade } from '../analysis/network-cascade.js';
import { scenarioTimeline } from '../analysis/scenario-timeline.js';
import { SWEEP_OBLIGATIONS, type SweepModel, sweepAttacks, sweepDyads, sweepModel } from '../analysis/sweep.js';
import { HEADERS, runSweepYears, type SweepJob, sweepHead } from '../analysis/sweep-job.js';
import { vetoAnalysis } from '../analysis/vetoes.js';
import { whatIf } from '../analysis/whatif.js';
import { type CasusError, inputErrors } from '../base/casus-error.js';
import { CASCADE_RUNS, NETWORK_RUNS } from '../base/input-ranges.js';
import { bytesText } from '../base/limits.js';
import { didYouMean } from '../base/nearest.js';
import { fromDayNumber, type PartialDate, parseDate } from '../base/partial-date.js';
import type { Corpus, Treaty } from '../corpus/treaty.js';
import { TREATY_KINDS, treatyKindOf, treatyObligations } from '../engine/binding.js';
import type { Report } from '../engine/report.js';
import { treatyLife } from '../engine/treaty-status.js';
import { exportNetwork, NETWORK_FILES, treatyNetwork } from '../export/network.js';
import { reportCsv, scenarioTimelineCsv } from '../export/tables.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { Scenario } from '../scenario/scenario.js';
import { type Library, loadLibrary } from './library.js';
import { accepts, bodyless } from './media-type.js';
import { openApiDocument } from './openapi.js';
import type { RunPool } from './run-pool.js';
import { runReport } from './run-report.js';
import { guardOrigin } from './same-origin.js';
import {
  API_CASCADE_RUNS,
  API_NETWORK_RUNS,
  API_SWEEP_YEARS,
  AttacksQuery,
  CascadeBody,
  ConflictsBody,
  DyadYearsQuery,
  LibraryParam,
  MAX_BODY_BYTES,
  NetworkBody,
  NetworkExportQuery,
  NoQuery,
  ROUTES,
  RunBody,
  RunExportQuery,
  RunParam,
  RunsQuery,
  ScenarioParam,
  SlugParam,
  StatusQuery,
  SweepQuery,
  TimelineQuery,
  TimelinesBody,
  VetoesBody,
  WhatIfBody,
} from './schemas.js';
import { DEFAULT_WEB_DIR, serveWebApp } from './static-files.js';
import type { Store } from './store.js';
import { validate } from './validate.js';

export { MAX_BODY_BYTES } from './schemas.js';

/** One error shape for every failure, with the codes and locations the CLI prints. */
export interface ApiError {
  error: {
    code: string;
    message: string;
    /** The field at fault, as a path (`norm`, `compliance.FRN`, `events[0].by`). */
    field?: string;
    errors?: Array<{ code: string; message: string; file?: string; line?: number; column?: number; field?: string }>;
  };
}

class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Networks kept compiled (a year's or a day's); the oldest is dropped, so that asking for every day of 9000 years costs time, not memory. */
const NETWORK_CACHE = 16;

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
  /**
   * Host names besides the loopback ones (localhost, 127.0.0.1, [::1]) that requests may be
   * addressed to: the names of a server listening beyond this machine. Any other Host is refused.
   */
  allowedHosts?: readonly string[];
  /**
   * Worker threads that make the runs of POST /api/runs (`casus serve --workers`), so that a long
   * run does not hold up the other requests. Without it, runs are made on the event loop.
   */
  runs?: RunPool;
  /** The crisis library's folder; default: `scenarios/` of the package. */
  libraryDir?: string;
}

/**
 * The JSON API over the same library the CLI uses: the corpus (treaties, provisions with their
 * text and formalisation, statuses on a day, the timeline), scenarios (create, list, read, update,
 * delete), runs (evaluate a saved or an unsaved scenario; the report as in the contract), and the
 * analyses (vetoes, conflicts, cascades, sweeps, network cascades). Every query, path parameter and
 * body is checked against its schema (schemas.ts); errors: one JSON shape, HTTP 400/403/404/405/413/415.
 * Every other GET is the web app (index.html for its own routes).
 */
export function createApp(corpus: Corpus, store: Store, options: AppOptions = {}): Hono {
  const app = new Hono();
  const rules = new Map<string, Map<string, string[]>>();

  app.use('*', guardOrigin(options.allowedHosts));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => fail(413, 'input.too-large', `a request body is at most ${bytesText(MAX_BODY_BYTES)}: send a smaller scenario`),
    }),
  );

  app.onError((e, c) => {
    if (e instanceof HttpError) {
      return c.json<ApiError>({ error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } }, e.status);
    }
    if (e instanceof HTTPException && e.status < 500) {
      // hono's own refusals: a JSON body that does not parse.
      const message = e.status === 400 ? 'the request body is not JSON: send a JSON object, e.g. {"scenarioId": 1}' : e.message;
      return c.json<ApiError>({ error: { code: 'input.invalid', message } }, e.status);
    }
    if (e instanceof RangeError && e.message === 'Invalid string length') {
      // The answer would be longer than a JavaScript string can hold (a report with explanations of thousands of events).
      return c.json<ApiError>(
        {
          error: {
            code: 'input.too-large',
            message:
              'the answer is too large to write (over 512 MB of JSON): ask about fewer events, or, for a run, with `"explain": false`',
          },
        },
        413,
      );
    }
    const found = inputErrors(e);
    if (found.length > 0) {
      const errors = found.map((x) => ({
        code: x.code,
        message: x.message,
        ...(x.span ? { file: x.span.file, line: x.span.line, column: x.span.column } : {}),
        ...(x.field ? { field: x.field } : {}),
      }));
      const first = found[0] as CasusError;
      const status =
        first.code === 'input.unknown-treaty' || first.code === 'input.unknown-norm' ? 404 : first.code.endsWith('.too-large') ? 413 : 400;
      return c.json<ApiError>(
        {
          error: {
            code: first.code,
            message: found.map((x) => x.message).join('\n'),
            ...(first.field ? { field: first.field } : {}),
            errors,
          },
        },
        status,
      );
    }
    return c.json<ApiError>({ error: { code: 'internal', message: `internal error (a bug, please report it): ${e.message}` } }, 500);
  });

  // A known path asked with another method is a 405 that says which methods it has.
  const paths = Object.keys(ROUTES).map((key) => {
    const [method, path] = key.split(' ') as [string, string];
    return { method, pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/:[a-z]+/g, '[^/]+')}$`) };
  });
  app.notFound((c) => {
    const allow = paths.filter((p) => p.pattern.test(c.req.path)).map((p) => p.method);
    if (allow.length > 0) {
      if (allow.includes('GET')) allow.push('HEAD');
      return c.json<ApiError>(
        { error: { code: 'method-not-allowed', message: `${c.req.path} answers ${allow.join(', ')}, not ${c.req.method}` } },
        405,
        { allow: allow.join(', ') },
      );
    }
    return c.json<ApiError>({ error: { code: 'not-found', message: `no such endpoint: ${c.req.method} ${c.req.path}` } }, 404);
  });

  const noQuery = validate('query', NoQuery);
  let openApi: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', noQuery, (c) => {
    openApi ??= openApiDocument();
    return c.json(openApi);
  });

  // --- the corpus
  app.get('/api/treaties', noQuery, (c) =>
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
  app.get('/api/treaty-kinds', noQuery, (c) => c.json(TREATY_KINDS));
  const span = librarySpan(corpus);
  app.get('/api/span', noQuery, (c) => c.json({ ...span, sweepYears: API_SWEEP_YEARS }));
  app.get('/api/states', noQuery, (c) =>
    c.json(
      corpus.states.states.map((s) => ({
        abb: s.abb,
        name: s.name,
        ccode: s.ccode,
        european: s.european,
        spells: s.spells.map((x) => ({ from: x.from.text, to: x.to.text })),
        // When it can be bound: its spells, and the years a recognised government in exile kept it so (the engine's rule).
        bound: (corpus.states.spansOf(s.abb) ?? []).map((x) => ({ from: fromDayNumber(x.lo).text, to: fromDayNumber(x.hi - 1).text })),
      })),
    ),
  );
  app.get('/api/event-types', noQuery, (c) =>
    c.json(
      [...corpus.vocabulary.types].map(([type, fields]) => ({
        type,
        fields: Object.entries(fields).map(([name, f]) => ({
          name,
          kind: f.kind,
          required: f.required,
          ...(f.choices ? { choices: f.choices } : {}),
        })),
      })),
    ),
  );
  app.get('/api/treaties/:slug', validate('param', SlugParam), noQuery, (c) => {
    const t = treaty(corpus, c.req.valid('param').slug);
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
  app.get('/api/status', validate('query', StatusQuery), (c) => {
    const at = parseDate(c.req.valid('query').at);
    return c.json({ at: at.text, treaties: corpusStatus(corpus, at) });
  });
  app.get('/api/timeline', validate('query', TimelineQuery), (c) => {
    const q = c.req.valid('query');
    const from = q.from === undefined ? undefined : parseDate(q.from);
    const to = q.to === undefined ? undefined : parseDate(q.to);
    if (from && to && to.hi <= from.lo) fail(400, 'input.bad-option', `\`to\` (${to.text}) comes before \`from\` (${from.text})`, 'to');
    return c.json(corpusTimeline(corpus, { ...(from ? { from } : {}), ...(to ? { to } : {}) }));
  });

  // --- scenarios
  // --- the crisis library (read once, on first use)
  let library: Library | undefined;
  const libraryOf = () => {
    library ??= loadLibrary(corpus, options.libraryDir);
    return library;
  };
  app.get('/api/library', noQuery, (c) => c.json(libraryOf().entries));
  app.get('/api/library/:slug', validate('param', LibraryParam), noQuery, (c) => {
    const { slug } = c.req.valid('param');
    const lib = libraryOf();
    const entry = lib.entries.find((e) => e.slug === slug);
    if (!entry) throw new HttpError(404, 'not-found', `the crisis library has no scenario "${slug}"; the home page lists them`);
    return c.json({ ...entry, yaml: lib.yaml.get(slug) as string });
  });

  app.get('/api/scenarios', noQuery, (c) => c.json(store.listScenarios()));
  app.post('/api/scenarios', accepts('scenario'), noQuery, async (c) => {
    const yaml = await scenarioText(c.req.raw);
    const s = loadScenario(yaml, 'scenario.yaml', corpus);
    return c.json(store.createScenario({ slug: s.id, title: s.title || s.id, yaml }), 201);
  });
  app.post('/api/validate', accepts('scenario'), noQuery, async (c) => {
    const s = loadScenario(await scenarioText(c.req.raw), 'scenario.yaml', corpus);
    return c.json({ ok: true, id: s.id, title: s.title, events: s.events.length });
  });
  app.get('/api/scenarios/:id', validate('param', ScenarioParam), noQuery, (c) => c.json(saved(store, c.req.valid('param').id)));
  app.put('/api/scenarios/:id', accepts('scenario'), validate('param', ScenarioParam), noQuery, async (c) => {
    const id = saved(store, c.req.valid('param').id).id;
    const yaml = await scenarioText(c.req.raw);
    const s = loadScenario(yaml, 'scenario.yaml', corpus);
    return c.json(store.updateScenario(id, { slug: s.id, title: s.title || s.id, yaml }));
  });
  app.delete('/api/scenarios/:id', bodyless(), validate('param', ScenarioParam), noQuery, (c) => {
    const id = saved(store, c.req.valid('param').id).id;
    store.deleteScenario(id);
    return c.body(null, 204);
  });

  // --- runs: a saved scenario, or an unsaved one sent as YAML
  app.post('/api/runs', accepts('json'), noQuery, validate('json', RunBody), async (c) => {
    const body = c.req.valid('json');
    // Checked here, so that its errors are this request's; made by a worker when there are some.
    const { scenario, yaml, scenarioId, file } = scenarioOf(body, corpus, store);
    const job = { yaml, file, at: instant(scenario, body.at).text, explain: body.explain ?? true };
    const out = options.runs ? await options.runs.run(job) : runReport(corpus, job);
    const { id } = store.saveRunPacked({ scenarioId, scenario: scenario.id, at: out.at, yaml, packed: out.packed });
    // JSON.stringify({ run, report }) to the byte, without parsing the report's text again.
    return c.body(`{"run":${id},"report":${out.json}}`, 201, { 'content-type': 'application/json' });
  });
  app.get('/api/runs', validate('query', RunsQuery), (c) => {
    const s = c.req.valid('query').scenario;
    return c.json(store.listRuns(s === undefined ? undefined : saved(store, s).id));
  });
  app.get('/api/runs/:id', validate('param', RunParam), noQuery, (c) => {
    const { id } = c.req.valid('param');
    const run = store.getRunJson(id);
    if (!run) throw new HttpError(404, 'not-found', `no run ${id}; GET /api/runs lists them`);
    // The stored bytes are the report's JSON text: sent as they are, not parsed and printed again.
    return c.body(run, 200, { 'content-type': 'application/json' });
  });

  app.get('/api/runs/:id/scenario', validate('param', RunParam), noQuery, (c) => {
    const { id } = c.req.valid('param');
    const found = store.getRunScenario(id);
    if (!found) throw new HttpError(404, 'not-found', `no run ${id}; GET /api/runs lists them`);
    return c.json(found);
  });

  app.get('/api/runs/:id/export', validate('param', RunParam), validate('query', RunExportQuery), (c) => {
    const { id } = c.req.valid('param');
    const format = c.req.valid('query').format ?? 'report-csv';
    const found = store.getRunScenario(id);
    const json = store.getRunJson(id);
    if (!found || !json) throw new HttpError(404, 'not-found', `no run ${id}; the reports page lists them`);
    const base = `casus-run-${id}-${found.scenario}`;
    if (format === 'report-csv') {
      return attachment(
        c,
        reportCsv(corpus, (JSON.parse(Buffer.from(json).toString('utf8')) as { report: Report }).report),
        `${base}-report.csv`,
        'text/csv; charset=utf-8',
      );
    }
    const scenario = loadScenario(found.yaml, `${found.scenario}.yaml`, corpus);
    const text = scenarioTimelineCsv(corpus, scenarioTimeline(corpus, scenario, parseDate(found.at)));
    return attachment(c, text, `${base}-timeline.csv`, 'text/csv; charset=utf-8');
  });
  app.get('/api/export/network', validate('query', NetworkExportQuery), (c) => {
    const q = c.req.valid('query');
    const format = q.format ?? 'gexf';
    const file = NETWORK_FILES[format];
    return attachment(c, exportNetwork(treatyNetwork(corpus, parseDate(q.at)), format), `casus-network-${q.at}${file.suffix}`, file.type);
  });

  // --- analyses
  app.post('/api/timelines', accepts('json'), noQuery, validate('json', TimelinesBody), (c) => {
    const body = c.req.valid('json');
    const { scenario } = scenarioOf(body, corpus, store);
    return c.json(scenarioTimeline(corpus, scenario, instant(scenario, body.at)));
  });
  app.post('/api/vetoes', accepts('json'), noQuery, validate('json', VetoesBody), (c) => {
    const body = c.req.valid('json');
    const { scenario } = scenarioOf(body, corpus, store);
    return c.json(
      vetoAnalysis(corpus, scenario, instant(scenario, body.at), {
        ...(body.norm ? { norm: body.norm } : {}),
        ...(body.treaty ? { treaty: body.treaty } : {}),
        ...(body.holder ? { holder: corpus.states.resolve(body.holder, undefined, 'input.unknown-state', 'holder') } : {}),
        ...(body.beneficiary
          ? { beneficiary: corpus.states.resolve(body.beneficiary, undefined, 'input.unknown-state', 'beneficiary') }
          : {}),
      }),
    );
  });
  app.post('/api/whatif', accepts('json'), noQuery, validate('json', WhatIfBody), (c) => {
    const body = c.req.valid('json');
    const { scenario } = scenarioOf(body, corpus, store);
    return c.json(
      whatIf(corpus, scenario, instant(scenario, body.at), {
        norm: body.norm,
        holder: corpus.states.resolve(body.holder, undefined, 'input.unknown-state', 'holder'),
        ...(body.beneficiary
          ? { beneficiary: corpus.states.resolve(body.beneficiary, undefined, 'input.unknown-state', 'beneficiary') }
          : {}),
        ...(body.maxRemovals !== undefined ? { maxRemovals: body.maxRemovals } : {}),
      }),
    );
  });
  app.post('/api/conflicts', accepts('json'), noQuery, validate('json', ConflictsBody), (c) => {
    const body = c.req.valid('json');
    return c.json(
      conflicts(corpus, body.treaties, {
        ...(body.from !== undefined ? { from: body.from } : {}),
        ...(body.to !== undefined ? { to: body.to } : {}),
        ...(body.maxEvents !== undefined ? { maxEvents: body.maxEvents } : {}),
        ...(body.all === true ? { all: true } : {}),
      }),
    );
  });
  app.post('/api/cascades', accepts('json'), noQuery, validate('json', CascadeBody), (c) => {
    const body = c.req.valid('json');
    const runs = body.runs ?? 1;
    if (runs > API_CASCADE_RUNS) {
      fail(
        413,
        'input.too-large',
        `at most ${API_CASCADE_RUNS} runs per request; \`casus cascade --runs\` on the command line takes up to ${CASCADE_RUNS.max}`,
        'runs',
      );
    }
    const { scenario } = scenarioOf(body, corpus, store);
    return c.json(
      cascade(corpus, scenario, {
        runs,
        seed: body.seed ?? 1,
        ...(body.compliance ? { compliance: complianceOf(corpus, body.compliance) } : {}),
        ...(body.from !== undefined ? { from: parseDate(body.from) } : {}),
      }),
    );
  });

  // --- at scale: sweeps and network cascades over the whole library (compiled once, on first use)
  let model: SweepModel | undefined;
  const sweepOf = () => {
    model ??= sweepModel(corpus);
    return model;
  };
  // The network's model takes attacks as unprovoked; built once, not once per year or day asked.
  let attacks: SweepModel | undefined;
  const attacksOf = () => {
    attacks ??= sweepModel(corpus, { unprovoked: true });
    return attacks;
  };
  const code = (abb: string) => corpus.states.find(abb)?.ccode ?? 0;
  app.get('/api/export/dyad-years', validate('query', DyadYearsQuery), async (c) => {
    const { from, to, format = 'csv' } = c.req.valid('query');
    if (to < from) fail(400, 'input.bad-option', `\`to\` (${to}) comes before \`from\` (${from})`, 'to');
    if (to - from >= API_SWEEP_YEARS) {
      fail(
        413,
        'input.too-large',
        `at most ${API_SWEEP_YEARS} years per request; \`casus export dyad-years\` on the command line has no limit`,
        'to',
      );
    }
    const job: SweepJob = { corpusDir: '', withFiles: [], from, to, form: 'universe', unprovoked: false, format: 'csv' };
    const chunks: string[] = [sweepHead(job, '')];
    runSweepYears(
      sweepOf(),
      job,
      from,
      to,
      (line) => chunks.push(line),
      () => {},
      true,
    );
    const name = `casus-dyad-years-${from}-${to}`;
    if (format === 'csv') return attachment(c, chunks.join(''), `${name}.csv`, 'text/csv; charset=utf-8');
    const { ArrowCollector } = await import('../export/arrow.js');
    const rows = new ArrowCollector(HEADERS.universe, new Set(['stateabb1', 'stateabb2']), new Set(SWEEP_OBLIGATIONS));
    rows.push(chunks.join(''));
    return attachment(c, rows.bytes(), `${name}.arrow`, 'application/vnd.apache.arrow.file');
  });
  app.get('/api/sweep', validate('query', SweepQuery), (c) => {
    const { from, to, obligation } = c.req.valid('query');
    if (to < from) fail(400, 'input.bad-option', `\`to\` (${to}) comes before \`from\` (${from})`, 'to');
    if (to - from >= API_SWEEP_YEARS) {
      fail(413, 'input.too-large', `at most ${API_SWEEP_YEARS} years per request; \`casus sweep\` on the command line has no limit`, 'to');
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
  app.get('/api/sweep/attacks', validate('query', AttacksQuery), (c) => {
    const q = c.req.valid('query');
    const attacker = corpus.states.resolve(q.attacker, undefined, 'input.unknown-state', 'attacker');
    const rows: Array<{ target: string; defender: string; status: string; treaties: readonly string[] }> = [];
    sweepAttacks(sweepOf(), { from: q.year, to: q.year, attacker }, (_a, target, _y, defender, status, treaties) => {
      rows.push({ target, defender, status, treaties: [...treaties] });
    });
    return c.json({ year: q.year, attacker, rows });
  });
  const networks = new Map<string, Network>();
  app.post('/api/cascades/network', accepts('json'), noQuery, validate('json', NetworkBody), (c) => {
    const body = c.req.valid('json');
    // A year (a pledge counts if it binds on some day of it), or a day.
    const when: number | PartialDate = body.date !== undefined ? parseDate(body.date) : (body.year as number);
    const key = typeof when === 'number' ? String(when) : when.text;
    const attacker = corpus.states.resolve(body.attacker, undefined, 'input.unknown-state', 'attacker');
    const target = corpus.states.resolve(body.target, undefined, 'input.unknown-state', 'target');
    const runs = body.runs ?? 1;
    if (runs > API_NETWORK_RUNS) {
      fail(
        413,
        'input.too-large',
        `at most ${API_NETWORK_RUNS} runs per request; \`casus cascade --network\` on the command line takes up to ${NETWORK_RUNS.max}`,
        'runs',
      );
    }
    const compliance = body.compliance ? complianceOf(corpus, body.compliance) : undefined;
    let net = networks.get(key);
    if (!net) {
      net = compileNetwork(corpus, when, attacksOf());
      if (networks.size >= NETWORK_CACHE) networks.delete(networks.keys().next().value as string);
      networks.set(key, net);
    }
    if (!net.states.includes(attacker) || !net.states.includes(target) || attacker === target) {
      fail(400, 'input.bad-option', `${attacker} attacking ${target}: both must be distinct states of the ${key} network`, 'target');
    }
    return c.json(networkCascade(net, attacker, target, { runs, seed: body.seed ?? 1, ...(compliance ? { compliance } : {}) }));
  });

  // --- the web app: everything that is not the API
  const web = serveWebApp(options.webDir ?? DEFAULT_WEB_DIR);
  app.get('*', (c) => (c.req.path === '/api' || c.req.path.startsWith('/api/') ? c.notFound() : web(c)));
  return app;
}

function fail(status: ContentfulStatusCode, code: string, message: string, field?: string): never {
  throw new HttpError(status, code, message, field);
}

function treaty(corpus: Corpus, slug: string): Treaty {
  const t = corpus.treaties.get(slug);
  if (!t)
    throw new HttpError(
      404,
      'input.unknown-treaty',
      `unknown treaty "${slug}"${didYouMean(slug, corpus.treaties.keys())}; GET /api/treaties lists the corpus`,
    );
  return t;
}

function saved(store: Store, id: number) {
  const s = store.getScenario(id);
  if (!s) throw new HttpError(404, 'not-found', `no saved scenario ${id}; GET /api/scenarios lists them`);
  return s;
}

/** A scenario file sent as the body (its syntax and fields are loadScenario's to check, with their lines). */
async function scenarioText(req: Request): Promise<string> {
  const text = await req.text();
  if (text.trim() === '') throw new HttpError(400, 'input.invalid', 'send the scenario as YAML (or JSON) in the request body');
  return text;
}

/** A compliance mapping with its states resolved (its probabilities are the schema's to check). */
function complianceOf(corpus: Corpus, given: Record<string, number>): { states: Record<string, number>; default?: number } {
  const states: Record<string, number> = {};
  for (const [k, v] of Object.entries(given)) {
    if (k !== 'default') states[corpus.states.resolve(k, undefined, 'input.unknown-state', `compliance.${k}`)] = v;
  }
  return { states, ...(given.default !== undefined ? { default: given.default } : {}) };
}

/** The scenario a request names: a saved one by id, or an unsaved one sent as YAML text (the schema sees that it names one). */
/** A download: the body with its media type, and a file name the browser saves it under. */
function attachment(c: Context, body: string | Uint8Array, file: string, type: string): Response {
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${file.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
}

function scenarioOf(
  body: { scenarioId?: number | undefined; yaml?: string | undefined },
  corpus: Corpus,
  store: Store,
): { scenario: Scenario; yaml: string; scenarioId: number | null; file: string } {
  if (body.yaml !== undefined) {
    return { scenario: loadScenario(body.yaml, 'scenario.yaml', corpus), yaml: body.yaml, scenarioId: null, file: 'scenario.yaml' };
  }
  const s = saved(store, body.scenarioId as number);
  const file = `${s.slug}.yaml`;
  return { scenario: loadScenario(s.yaml, file, corpus), yaml: s.yaml, scenarioId: s.id, file };
}

function instant(scenario: Scenario, at: string | undefined): PartialDate {
  const when = at !== undefined ? parseDate(at) : (scenario.at ?? scenario.events.at(-1)?.date);
  if (!when)
    throw new HttpError(400, 'scenario.missing-field', 'the scenario has no events and no `at`: say which instant to describe', 'at');
  return when;
}

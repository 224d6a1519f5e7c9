import * as z from 'zod';
import { UNBOUND_REASONS } from '../analysis/corpus-time.js';
import { TREATY_STATUSES } from '../base/status-words.js';
import { OBLIGATIONS, TREATY_KINDS } from '../engine/binding.js';
import { SCENARIO_TYPES } from './media-type.js';
import { API_SWEEP_YEARS, ROUTES, type RouteKey, type RouteSchemas } from './schemas.js';

/** What the document says of a route besides its schemas: a summary and its answers. */
interface RouteDoc {
  summary: string;
  /** The success answers; the error answers follow from the route's schemas and method. */
  responses: Record<string, unknown>;
}

const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const ofSchema = (description: string, name: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
});
const listOf = (description: string, name: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'array', items: { $ref: `#/components/schemas/${name}` } } } },
});

/** Every route's summary and success answers, keyed as ROUTES is. */
const DOCS: Record<RouteKey, RouteDoc> = {
  'GET /api/openapi.json': { summary: 'this document', responses: { 200: json('the OpenAPI 3.1 description of the API') } },
  'GET /api/treaties': {
    summary: 'the corpus: each treaty with its parties, norms, kind and obligations',
    responses: { 200: listOf('treaties in slug order', 'TreatySummary') },
  },
  'GET /api/treaty-kinds': {
    summary: 'the kinds of treaty, in the order of the treaty web’s legend, with the rule that gives each',
    responses: { 200: listOf('kinds', 'TreatyKindInfo') },
  },
  'GET /api/span': {
    summary:
      'the years the loaded library covers, from the first to the last step of any treaty’s life (recorded or worked out from its terms): the treaty web’s slider and the dyad-year inputs run over them',
    responses: {
      200: json(
        'from, to: the first and last year; firstDay, lastDay: their first and last day; sweepYears: the most years one dyad-year download may hold',
      ),
    },
  },
  'GET /api/states': {
    summary:
      "the states of the system (COW, 1816-2016, and casus's additions): COW abbreviation, name, numeric code, COW region Europe, the spells of system membership, and the periods in which it can be bound (its spells and the years a recognised government in exile kept it bound)",
    responses: { 200: json('states') },
  },
  'GET /api/event-types': {
    summary: 'the event vocabulary of scenario files: each type with its fields',
    responses: { 200: json('event types') },
  },
  'GET /api/treaties/:slug': {
    summary: 'one treaty: provisions with their text and formalisation, lifecycle, sources, interpretations',
    responses: { 200: json('the treaty') },
  },
  'GET /api/status': {
    summary: 'every treaty’s status on a day (as `casus status --at`), with the parties it binds and why it binds no other',
    responses: { 200: ofSchema('statuses', 'CorpusStatus') },
  },
  'GET /api/timeline': { summary: 'every lifecycle event of the corpus in date order', responses: { 200: json('timeline') } },
  'GET /api/export/network': {
    summary:
      'the treaty network on a day as a file for Gephi, yEd, igraph or networkx: states (COW number, abbreviation, name) and treaties (slug, kind, start, end); treaties of more than five parties as hub nodes',
    responses: { 200: { description: 'GEXF, GraphML or CSV, as an attachment' } },
  },
  'GET /api/export/dyad-years': {
    summary: `the directed dyad-year universe (every ordered pair of system members each year, 0/1 per obligation, ATOP's coding; at most ${API_SWEEP_YEARS} years)`,
    responses: { 200: { description: 'CSV or an Arrow IPC file (Feather v2), as an attachment' } },
  },
  'GET /api/library': {
    summary: 'the crisis library shipped with casus: each scenario’s title, description, dates and treaties; the founding case marked',
    responses: { 200: json('library entries') },
  },
  'GET /api/library/:slug': {
    summary: 'one scenario of the crisis library, with its YAML',
    responses: { 200: json('the entry and its yaml') },
  },
  'GET /api/scenarios': { summary: 'saved scenarios', responses: { 200: json('scenarios') } },
  'POST /api/scenarios': { summary: 'save a scenario (validated first)', responses: { 201: json('the saved scenario') } },
  'POST /api/validate': {
    summary: 'check a scenario file without saving or running it',
    responses: { 200: json('valid: its id, title and number of events') },
  },
  'GET /api/scenarios/:id': { summary: 'a saved scenario', responses: { 200: json('the scenario') } },
  'PUT /api/scenarios/:id': { summary: 'replace a saved scenario', responses: { 200: json('the scenario') } },
  'DELETE /api/scenarios/:id': { summary: 'delete a saved scenario', responses: { 204: { description: 'deleted' } } },
  'POST /api/runs': {
    summary: 'evaluate a saved or an unsaved scenario; the run is kept',
    responses: { 201: json('{run, report}') },
  },
  'GET /api/runs': { summary: 'past runs, all or of one saved scenario', responses: { 200: json('runs') } },
  'GET /api/runs/:id': { summary: 'a past run with its report', responses: { 200: json('the run') } },
  'GET /api/runs/:id/scenario': {
    summary:
      'the scenario a past run was made from, as it was then: its YAML and the instant (for a cascade, vetoes or what-if from a report)',
    responses: { 200: json('{run, scenarioId, scenario, at, yaml}') },
  },
  'GET /api/runs/:id/export': {
    summary: 'a past run as a file: its report as CSV (one row per norm instance, COW numbers) or its timeline as CSV (statuses as bands)',
    responses: { 200: { description: 'text/csv, as an attachment' } },
  },
  'POST /api/timelines': {
    summary:
      'a scenario through time: every treaty’s and norm instance’s status as bands, from the engine’s reports on each event’s day and at the instant',
    responses: { 200: json('{scenario, title, asked, events, treaties, instances}') },
  },
  'POST /api/vetoes': {
    summary: 'blocking coalitions (of one norm, or of one treaty’s duties; of one holder or beneficiary)',
    responses: { 200: json('{scenario, at, instances}: each duty with its minimal coalitions and the steps from its trigger') },
  },
  'POST /api/whatif': {
    summary:
      'counterfactuals (casus whatif): the smallest changes, events added or removed, that would make an instance of the norm due or stop it from being due, each as a runnable scenario',
    responses: { 200: json('{scenario, at, instances, examined, bounds}: each instance with its changes and their scenario YAML') },
  },
  'POST /api/conflicts': {
    summary:
      'bounded compatibility search over time: the time the treaties are in force together, split into periods of constant legal situation, each searched on its first day; stops at the first witness unless all',
    responses: { 200: json('compatible in every period searched, or the first witness (every one with all), with the periods') },
  },
  'POST /api/cascades': {
    summary: 'cascade, or Monte Carlo (runs, seed, compliance)',
    responses: { 200: json('rounds and distributions') },
  },
  'GET /api/sweep': {
    summary: `directed dyad-years over the library (?from=1935&to=1939&obligation=defense; at most ${API_SWEEP_YEARS} years): status, adversaries, treaties`,
    responses: { 200: json('{from, to, rows}') },
  },
  'GET /api/sweep/attacks': {
    summary: 'the conditional form for one attacker and year (?year=1939&attacker=GMY): who is bound to defend each target',
    responses: { 200: json('{year, attacker, rows}') },
  },
  'POST /api/cascades/network': {
    summary: 'Monte Carlo cascades on the compiled war network of a year or a day; a defender’s entry is no aggression, a joiner’s is',
    responses: { 200: json('entered shares and the size distribution') },
  },
};

const ERRORS: Record<string, string> = {
  400: 'invalid input: the field at fault and what it should be',
  403: 'refused: a Host that is not this server’s, or a request from another origin’s page',
  404: 'not found',
  413: 'too large for one request',
  415: 'a body without the media type the route reads',
};

/** A zod schema as JSON Schema, the way a client sends it (before any coercion). */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

/** The OpenAPI parameters of a route's path and query schemas, in their order. */
export function parametersOf(route: RouteSchemas): Array<{ name: string; in: 'path' | 'query'; required: boolean; schema: unknown }> {
  const of = (shape: Record<string, z.ZodType> | undefined, where: 'path' | 'query') =>
    Object.entries(shape ?? {}).map(([name, s]) => ({
      name,
      in: where,
      required: where === 'path' || !s.isOptional(),
      schema: jsonSchema(s),
    }));
  return [
    ...of(route.param?.shape as Record<string, z.ZodType> | undefined, 'path'),
    ...of(route.query?.shape as Record<string, z.ZodType> | undefined, 'query'),
  ];
}

function operation(key: RouteKey): Record<string, unknown> {
  const route: RouteSchemas = ROUTES[key];
  const doc = DOCS[key];
  const codes = [400, 403];
  if (route.param) codes.push(404);
  if (route.json || route.scenario) codes.push(413, 415);
  if (key === 'GET /api/sweep' || key === 'GET /api/export/dyad-years') codes.push(413);
  const parameters = parametersOf(route);
  const requestBody = route.json
    ? { required: true, content: { 'application/json': { schema: jsonSchema(route.json) } } }
    : route.scenario
      ? {
          required: true,
          content: Object.fromEntries(
            SCENARIO_TYPES.map((t) => [t, { schema: { type: 'string', description: 'a scenario file (contract §3), YAML or JSON' } }]),
          ),
        }
      : undefined;
  return {
    summary: doc.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      ...doc.responses,
      ...Object.fromEntries(
        [...new Set(codes)].map((c) => [
          String(c),
          { description: ERRORS[c], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
    },
  };
}

/** The OpenAPI 3.1 description of the casus HTTP API, served at /api/openapi.json: each route's parameters and body from its schema. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const key of Object.keys(ROUTES) as RouteKey[]) {
    const [method, path] = key.split(' ') as [string, string];
    const at = path.replace(/:([a-zA-Z]+)/g, '{$1}');
    paths[at] = { ...paths[at], [method.toLowerCase()]: operation(key) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'casus',
      version: '0.1.0',
      description:
        'Executable treaties: which pacts are in force, who owes what to whom, since when and why. Reports follow the contract (shared/spec/scenarios.md §4). Writes need Content-Type application/json (or a YAML type for a scenario file); requests from another origin’s page, or addressed to a Host that is not this server’s, are refused (403).',
    },
    paths,
    components: {
      schemas: {
        TreatySummary: {
          type: 'object',
          required: ['treaty', 'title', 'parties', 'norms', 'actions', 'kind', 'obligations'],
          properties: {
            treaty: { type: 'string', example: 'franco-soviet-1935' },
            title: { type: 'string' },
            parties: { type: 'array', items: { type: 'string' }, description: 'the original parties (COW abbreviations)' },
            norms: { type: 'array', items: { type: 'string' } },
            actions: { type: 'array', items: { type: 'string' }, description: 'the action words of its norms' },
            kind: { $ref: '#/components/schemas/TreatyKind' },
            obligations: {
              type: 'array',
              items: { type: 'string', enum: [...OBLIGATIONS] },
              description: 'the obligations its norms express (ATOP’s five), read off their structure',
            },
          },
        },
        TreatyKind: {
          type: 'string',
          enum: TREATY_KINDS.map((k) => k.kind),
          description: 'what a treaty is, from its norms’ obligations (GET /api/treaty-kinds gives each rule)',
        },
        TreatyKindInfo: {
          type: 'object',
          required: ['kind', 'label', 'rule'],
          properties: { kind: { $ref: '#/components/schemas/TreatyKind' }, label: { type: 'string' }, rule: { type: 'string' } },
        },
        CorpusStatus: {
          type: 'object',
          required: ['at', 'treaties'],
          properties: {
            at: { type: 'string' },
            treaties: {
              type: 'array',
              items: {
                type: 'object',
                required: ['treaty', 'title', 'status', 'bound', 'parties', 'unbound'],
                properties: {
                  treaty: { type: 'string' },
                  title: { type: 'string' },
                  status: { type: 'string', enum: [...TREATY_STATUSES] },
                  since: { type: 'string' },
                  bound: { type: 'array', items: { type: 'string' }, description: 'the parties it surely binds that day' },
                  parties: { type: 'array', items: { type: 'string' }, description: 'every state that is or was a party by then' },
                  unbound: { type: 'array', items: { $ref: '#/components/schemas/UnboundParty' } },
                },
              },
            },
          },
        },
        UnboundParty: {
          type: 'object',
          description: 'a party (or a signatory yet to ratify) that the treaty does not surely bind that day, and why',
          required: ['state', 'reason', 'value'],
          properties: {
            state: { type: 'string', example: 'CZE' },
            reason: {
              type: 'string',
              enum: [...UNBOUND_REASONS],
              description:
                'treaty-not-in-force: the treaty binds no one that day (see status); not-yet-party / no-longer-party: its own time in the treaty has not begun or has ended; not-league-member: for the Covenant, not a Member that day; not-a-state: occupied or annexed, with no recognised government in exile',
            },
            value: { type: 'string', enum: ['false', 'unknown'], description: 'unknown where a partial date leaves it open' },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', example: 'scenario.unknown-state' },
                message: { type: 'string' },
                field: { type: 'string', description: 'the field at fault, as a path', example: 'compliance.FRN' },
                errors: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      code: { type: 'string' },
                      message: { type: 'string' },
                      file: { type: 'string' },
                      line: { type: 'integer' },
                      column: { type: 'integer' },
                      field: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

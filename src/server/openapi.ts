import { UNBOUND_REASONS } from '../analysis/corpus-time.js';
import { TREATY_STATUSES } from '../base/status-words.js';
import { OBLIGATIONS, TREATY_KINDS } from '../engine/binding.js';

/** The OpenAPI 3.1 description of the casus HTTP API, served at /api/openapi.json. */
export function openApiDocument(): Record<string, unknown> {
  const error = { $ref: '#/components/schemas/Error' };
  const errors = (...codes: number[]) =>
    Object.fromEntries(
      codes.map((c) => [
        String(c),
        {
          description: c === 404 ? 'not found' : c === 413 ? 'body too large' : 'invalid input',
          content: { 'application/json': { schema: error } },
        },
      ]),
    );
  const json = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
  const ofSchema = (description: string, name: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
  });
  const listOf = (description: string, name: string) => ({
    description,
    content: { 'application/json': { schema: { type: 'array', items: { $ref: `#/components/schemas/${name}` } } } },
  });
  const yamlBody = {
    required: true,
    content: { 'application/yaml': { schema: { type: 'string', description: 'a scenario file (contract §3)' } } },
  };
  const scenarioRef = {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            scenarioId: { type: 'integer', description: 'a saved scenario' },
            yaml: { type: 'string', description: 'or an unsaved scenario file' },
            at: { type: 'string', description: 'instant (default: the scenario’s `at`, else its last event)' },
          },
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'casus',
      version: '0.1.0',
      description:
        'Executable treaties: which pacts are in force, who owes what to whom, since when and why. Reports follow the contract (shared/spec/scenarios.md §4).',
    },
    paths: {
      '/api/treaties': {
        get: {
          summary: 'the corpus: each treaty with its parties, norms, kind and obligations',
          responses: { 200: listOf('treaties in slug order', 'TreatySummary') },
        },
      },
      '/api/treaty-kinds': {
        get: {
          summary: 'the kinds of treaty, in the order of the treaty web’s legend, with the rule that gives each',
          responses: { 200: listOf('kinds', 'TreatyKindInfo') },
        },
      },
      '/api/treaties/{slug}': {
        get: {
          summary: 'one treaty: provisions with their text and formalisation, lifecycle, sources, interpretations',
          parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: json('the treaty'), ...errors(404) },
        },
      },
      '/api/states': {
        get: { summary: 'the states of the system: COW abbreviation, name, numeric code', responses: { 200: json('states') } },
      },
      '/api/event-types': {
        get: { summary: 'the event vocabulary of scenario files: each type with its fields', responses: { 200: json('event types') } },
      },
      '/api/status': {
        get: {
          summary: 'every treaty’s status on a day (as `casus status --at`), with the parties it binds and why it binds no other',
          parameters: [{ name: 'at', in: 'query', required: true, schema: { type: 'string', example: '1939-09-17' } }],
          responses: { 200: ofSchema('statuses', 'CorpusStatus'), ...errors(400) },
        },
      },
      '/api/timeline': {
        get: {
          summary: 'every lifecycle event of the corpus in date order',
          parameters: ['from', 'to'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { 200: json('timeline'), ...errors(400) },
        },
      },
      '/api/scenarios': {
        get: { summary: 'saved scenarios', responses: { 200: json('scenarios') } },
        post: {
          summary: 'save a scenario (validated first)',
          requestBody: yamlBody,
          responses: { 201: json('the saved scenario'), ...errors(400, 413) },
        },
      },
      '/api/validate': {
        post: {
          summary: 'check a scenario file without saving or running it',
          requestBody: yamlBody,
          responses: { 200: json('valid: its id, title and number of events'), ...errors(400, 413) },
        },
      },
      '/api/scenarios/{id}': {
        get: { summary: 'a saved scenario', responses: { 200: json('the scenario'), ...errors(404) } },
        put: {
          summary: 'replace a saved scenario',
          requestBody: yamlBody,
          responses: { 200: json('the scenario'), ...errors(400, 404, 413) },
        },
        delete: { summary: 'delete a saved scenario', responses: { 204: { description: 'deleted' }, ...errors(404) } },
      },
      '/api/runs': {
        get: { summary: 'past runs (?scenario=ID)', responses: { 200: json('runs') } },
        post: {
          summary: 'evaluate a saved or an unsaved scenario; the run is kept',
          requestBody: scenarioRef,
          responses: { 201: json('{run, report}'), ...errors(400, 404, 413) },
        },
      },
      '/api/runs/{id}': { get: { summary: 'a past run with its report', responses: { 200: json('the run'), ...errors(404) } } },
      '/api/vetoes': {
        post: {
          summary: 'blocking coalitions (+ norm, treaty)',
          requestBody: scenarioRef,
          responses: { 200: json('coalitions'), ...errors(400, 404) },
        },
      },
      '/api/conflicts': {
        post: {
          summary:
            'bounded compatibility search over time ({treaties, from?, to?, maxEvents?, all?}): the time the treaties are in force together, split into periods of constant legal situation, each searched on its first day; stops at the first witness unless all',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['treaties'],
                  properties: {
                    treaties: { type: 'array', items: { type: 'string' }, example: ['franco-czechoslovak-1925', 'locarno-rhineland-1925'] },
                    from: { type: 'string', description: 'first day of the window (default: the first day all are in force)' },
                    to: {
                      type: 'string',
                      description:
                        'last day of the window (default: the last day all are in force; if none ends, the last day the corpus records)',
                    },
                    maxEvents: { type: 'integer', description: 'the most events a scenario may hold before the performance (default 8)' },
                    all: { type: 'boolean', description: 'search every period and return every witness (default: stop at the first)' },
                  },
                },
              },
            },
          },
          responses: {
            200: json('compatible in every period searched, or the first witness (every one with all), with the periods'),
            ...errors(400, 404),
          },
        },
      },
      '/api/cascades': {
        post: {
          summary: 'cascade, or Monte Carlo ({runs, seed, compliance})',
          requestBody: scenarioRef,
          responses: { 200: json('rounds and distributions'), ...errors(400, 404) },
        },
      },
      '/api/sweep': {
        get: {
          summary:
            'directed dyad-years over the library (?from=1935&to=1939&obligation=defense; at most 51 years): status, adversaries, treaties',
          responses: { 200: json('{from, to, rows}'), ...errors(400, 413) },
        },
      },
      '/api/sweep/attacks': {
        get: {
          summary: 'the conditional form for one attacker and year (?year=1939&attacker=GMY): who is bound to defend each target',
          responses: { 200: json('{year, attacker, rows}'), ...errors(400) },
        },
      },
      '/api/cascades/network': {
        post: {
          summary:
            'Monte Carlo cascades on the compiled war network of a year or a day ({year | date: "1939-09-01", attacker, target, runs, seed, compliance}); a defender’s entry is no aggression, a joiner’s is',
          responses: { 200: json('entered shares and the size distribution'), ...errors(400) },
        },
      },
    },
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

import * as z from 'zod';
import { SWEEP_OBLIGATIONS } from '../analysis/sweep.js';
import { CASCADE_RUNS, MAX_REMOVALS, NETWORK_RUNS, SEEDS, type WholeRange, WITNESS_EVENTS, YEARS } from '../base/input-ranges.js';
import { MAX_NAME_LENGTH, MAX_SCENARIO_BYTES } from '../base/limits.js';
import { dateProblem } from '../base/partial-date.js';
import { NETWORK_FORMATS } from '../export/network.js';

/**
 * The schema of every route's query, path parameters and body, one per route (ROUTES), read by
 * the app's validators and by the OpenAPI document alike. Each message is written as what the
 * field is ("is a year from 1000 to 9999, e.g. 1939"); `validate` puts the field's name before
 * it and what was sent after it. The ranges are the CLI's (base/input-ranges.ts).
 */

/** The files a past run is exported as (GET /api/runs/:id/export). */
export const RUN_EXPORT_FORMATS = ['report-csv', 'timeline-csv'] as const;

/** The largest request body accepted (limits.ts): room for the largest scenario file, escaped in JSON. */
export { MAX_BODY_BYTES } from '../base/limits.js';

/** Runs one request may ask of a scenario cascade; `casus cascade --runs` takes up to CASCADE_RUNS.max. */
export const API_CASCADE_RUNS = 100_000;

/** Runs one request may ask of a network cascade (about two seconds); the CLI takes up to NETWORK_RUNS.max. */
export const API_NETWORK_RUNS = 10_000_000;

/** Years one sweep request may cover (a few seconds); `casus sweep` has no limit. */
export const API_SWEEP_YEARS = 51;

const DATE_PATTERN = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';

/** A day, a month or a year as `dateProblem` takes it, on the CLI and in scenario files alike. */
const date = (what: string, example: string) =>
  z
    .string({ error: `is ${what} (YYYY-MM-DD, YYYY-MM or YYYY), e.g. "${example}"` })
    .superRefine((text, ctx) => {
      const problem = text.length > 10 ? 'is not an ISO date: write YYYY-MM-DD, YYYY-MM or YYYY' : dateProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'input.bad-date' } });
    })
    .meta({ description: what, pattern: DATE_PATTERN, examples: [example] });

/** One day, YYYY-MM-DD. */
const day = (what: string, example: string) =>
  date(what, example).superRefine((text, ctx) => {
    if (!dateProblem(text) && text.length !== 10) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not a day: write YYYY-MM-DD (for a year, give \`year\`)`,
        params: { code: 'input.bad-date' },
      });
    }
  });

const whole = (range: WholeRange, what = 'a whole number') =>
  z
    .int({ error: `is ${what} from ${range.min} to ${range.max}` })
    .min(range.min)
    .max(range.max);

/** A whole number in a query string, read as the CLI reads its options (`Number(text)`). */
const wholeText = (range: WholeRange, what: string, example: number) =>
  z.coerce
    .number({ error: `is ${what} from ${range.min} to ${range.max}, e.g. ${example}` })
    .int()
    .min(range.min)
    .max(range.max)
    .meta({ examples: [example] });

const name = (what: string, example: string) =>
  z
    .string({ error: `is ${what}, e.g. "${example}"` })
    .min(1)
    .max(MAX_NAME_LENGTH)
    .meta({ description: what, examples: [example] });

const treatySlug = name('a treaty slug', 'franco-soviet-1935');
const state = name('a state: a COW abbreviation, number or name', 'GMY');
const yesNo = z.boolean({ error: 'is true or false' });
const savedId = z.int({ error: 'is the id of a saved scenario, a whole number from 1' }).min(1).max(Number.MAX_SAFE_INTEGER);
const idText = (what: string) =>
  z.coerce
    .number({ error: `is the id of ${what}, a whole number from 1` })
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER);
const probability = z.number({ error: 'is a probability from 0 to 1, e.g. 0.5' }).min(0).max(1);
const compliance = z
  .record(name('a state or `default`', 'FRN'), probability, {
    error: 'is a mapping from states to probabilities of performing, e.g. {"FRN": 0.5, "default": 1}',
  })
  .meta({ description: 'per-state probabilities of performing a duty of assistance; `default` for every other state (1 otherwise)' });
const runs = (range: WholeRange, cap: number) =>
  whole(range).meta({
    description: `Monte Carlo runs (default 1); at most ${cap} per request (413 above), the CLI takes up to ${range.max}`,
  });
const seed = whole(SEEDS).meta({ description: 'seed of the random draws (default 1): same seed, same result' });

/** An object with exactly these fields; a body that is not a JSON object is refused as a whole. */
const fields = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, { error: 'body is a JSON object, e.g. {"scenarioId": 1} or {"yaml": "id: ..."}' });

/** The scenario a request is about: a saved one by id, or an unsaved one sent as text. */
const scenarioRef = {
  scenarioId: savedId.meta({ description: 'a saved scenario' }),
  yaml: z
    .string({ error: 'is a scenario file as text (YAML or JSON)' })
    .max(MAX_SCENARIO_BYTES)
    .meta({ description: 'or an unsaved scenario file (contract §3)' }),
};
const oneScenario = (v: { scenarioId?: number | undefined; yaml?: string | undefined }, ctx: z.RefinementCtx) => {
  if (v.scenarioId === undefined && v.yaml === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['scenarioId'],
      message: 'name a saved scenario ({"scenarioId": 1}) or send one ({"yaml": "id: ..."})',
      params: { code: 'input.missing-option' },
    });
  } else if (v.scenarioId !== undefined && v.yaml !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['yaml'],
      message: 'give `scenarioId` or `yaml`, not both',
      params: { code: 'input.bad-option' },
    });
  }
};
const at = date('the instant to describe (default: the scenario’s `at`, else its last event)', '1937-04-01');

/** No query parameter at all. */
export const NoQuery = z.strictObject({});

/** `/api/treaties/:slug`. */
export const SlugParam = z.strictObject({ slug: treatySlug });

/** `/api/scenarios/:id`. */
export const ScenarioParam = z.strictObject({ id: idText('a saved scenario') });

/** `/api/runs/:id`. */
export const RunParam = z.strictObject({ id: idText('a run') });

/** GET /api/status. */
export const StatusQuery = z.strictObject({ at: date('the day whose statuses to give', '1939-09-17') });

/** GET /api/export/network: the treaty network on a day, as a file. */
export const NetworkExportQuery = z.strictObject({
  at: day('the day of the network', '1936-03-27'),
  format: z
    .enum(NETWORK_FORMATS, { error: `is one of ${NETWORK_FORMATS.join(', ')}` })
    .optional()
    .meta({ description: 'gexf (the default: Gephi), graphml, nodes-csv or edges-csv' }),
});

/** GET /api/runs/:id/export: a past run as a file. */
export const RunExportQuery = z.strictObject({
  format: z
    .enum(RUN_EXPORT_FORMATS, { error: `is one of ${RUN_EXPORT_FORMATS.join(', ')}` })
    .optional()
    .meta({ description: 'report-csv (the default: one row per norm instance) or timeline-csv (statuses as bands)' }),
});

/** GET /api/export/dyad-years: the directed dyad-year universe. */
export const DyadYearsQuery = z.strictObject({
  from: wholeText(YEARS, 'a year', 1935),
  to: wholeText(YEARS, 'a year', 1939),
  format: z
    .enum(['csv', 'arrow'], { error: 'is csv or arrow' })
    .optional()
    .meta({ description: 'csv (the default) or arrow (an Arrow IPC file, Feather v2)' }),
});

/** GET /api/timeline. */
export const TimelineQuery = z.strictObject({
  from: date('the first day (a year or month means its first day)', '1935').optional(),
  to: date('the last day (a year or month means its last day)', '1939').optional(),
});

/** GET /api/runs. */
export const RunsQuery = z.strictObject({ scenario: idText('a saved scenario').optional() });

/** GET /api/sweep. */
export const SweepQuery = z.strictObject({
  from: wholeText(YEARS, 'a year', 1935),
  to: wholeText(YEARS, 'a year', 1939),
  obligation: z
    .enum(SWEEP_OBLIGATIONS, { error: `is one of ${SWEEP_OBLIGATIONS.join(', ')}` })
    .optional()
    .meta({ description: 'only this obligation' }),
});

/** GET /api/sweep/attacks. */
export const AttacksQuery = z.strictObject({ year: wholeText(YEARS, 'a year', 1939), attacker: state });

/** POST /api/runs. */
export const RunBody = fields({
  scenarioId: scenarioRef.scenarioId.optional(),
  yaml: scenarioRef.yaml.optional(),
  at: at.optional(),
  explain: yesNo.optional().meta({ description: 'include the explanation trees (default true)' }),
}).superRefine(oneScenario);

/** POST /api/timelines. */
export const TimelinesBody = fields({
  scenarioId: scenarioRef.scenarioId.optional(),
  yaml: scenarioRef.yaml.optional(),
  at: at.optional(),
}).superRefine(oneScenario);

/** POST /api/vetoes. */
export const VetoesBody = fields({
  scenarioId: scenarioRef.scenarioId.optional(),
  yaml: scenarioRef.yaml.optional(),
  at: at.optional(),
  norm: name('a norm id, <treaty>/<provision>', 'franco-soviet-1935/art-2').optional(),
  treaty: treatySlug.optional().meta({ description: 'only the duties of this treaty' }),
  holder: state.optional().meta({ description: 'only the instances this state owes' }),
  beneficiary: state.optional().meta({ description: 'only the instances owed to this state' }),
}).superRefine(oneScenario);

/** POST /api/whatif: the CLI's `casus whatif`. */
export const WhatIfBody = fields({
  scenarioId: scenarioRef.scenarioId.optional(),
  yaml: scenarioRef.yaml.optional(),
  at: at.optional(),
  norm: name('a norm id, <treaty>/<provision>', 'franco-soviet-1935/art-2'),
  holder: state.meta({ description: 'the state that owes it' }),
  beneficiary: state.optional().meta({ description: 'the state it is owed to (default: every instance the holder has)' }),
  maxRemovals: whole(MAX_REMOVALS, 'a count of events')
    .optional()
    .meta({ description: `the most events one change may remove (default 2, at most ${MAX_REMOVALS.max})` }),
}).superRefine(oneScenario);

/** POST /api/conflicts. */
export const ConflictsBody = fields({
  treaties: z
    .array(treatySlug, { error: 'is a list of treaty slugs, e.g. ["franco-soviet-1935", "locarno-rhineland-1925"]' })
    .meta({ examples: [['franco-czechoslovak-1925', 'locarno-rhineland-1925']] }),
  from: date('first day of the window (default: the first day all are in force)', '1935-01-01').optional(),
  to: date(
    'last day of the window (default: the last day all are in force; if none ends, the last day the corpus records)',
    '1937-12-31',
  ).optional(),
  maxEvents: whole(WITNESS_EVENTS)
    .optional()
    .meta({ description: 'the most events a scenario may hold before the performance (default 8)' }),
  all: yesNo.optional().meta({ description: 'search every period and return every witness (default: stop at the first)' }),
});

/** POST /api/cascades. */
export const CascadeBody = fields({
  scenarioId: scenarioRef.scenarioId.optional(),
  yaml: scenarioRef.yaml.optional(),
  runs: runs(CASCADE_RUNS, API_CASCADE_RUNS).optional(),
  seed: seed.optional(),
  compliance: compliance.optional(),
  from: date('start on this day, leaving out later events (default: the scenario’s `at`, else its last event)', '1937-03-01').optional(),
}).superRefine(oneScenario);

/** POST /api/cascades/network. */
export const NetworkBody = fields({
  year: whole(YEARS, 'a year').optional().meta({ description: 'the network of a year: a pledge counts if it binds on some day of it' }),
  date: day('the network of a day', '1939-09-01').optional(),
  attacker: state,
  target: state.meta({ examples: ['POL'] }),
  runs: runs(NETWORK_RUNS, API_NETWORK_RUNS).optional(),
  seed: seed.optional(),
  compliance: compliance.optional(),
}).superRefine((v, ctx) => {
  if (v.year === undefined && v.date === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['year'],
      message: 'give a year ({"year": 1939}) or a day ({"date": "1939-09-01"})',
      params: { code: 'input.missing-option' },
    });
  } else if (v.year !== undefined && v.date !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['date'], message: 'give `year` or `date`, not both', params: { code: 'input.bad-option' } });
  }
});

/** What a route validates: its query, its path parameters, and its body (a JSON object, or a scenario file). */
export interface RouteSchemas {
  query?: z.ZodObject;
  param?: z.ZodObject;
  json?: z.ZodType;
  /** The body is a scenario file: YAML, or JSON (contract §3). */
  scenario?: true;
}

/** `/api/library/:slug`: a file name of the crisis library, without `.yaml`. */
export const LibraryParam = z.strictObject({ slug: name('a scenario of the crisis library', '01-rhineland-1936') });

/** Every route of the API, `METHOD /path` as hono writes it, with its schemas. */
export const ROUTES = {
  'GET /api/openapi.json': { query: NoQuery },
  'GET /api/treaties': { query: NoQuery },
  'GET /api/treaty-kinds': { query: NoQuery },
  'GET /api/states': { query: NoQuery },
  'GET /api/span': { query: NoQuery },
  'GET /api/event-types': { query: NoQuery },
  'GET /api/treaties/:slug': { param: SlugParam, query: NoQuery },
  'GET /api/status': { query: StatusQuery },
  'GET /api/timeline': { query: TimelineQuery },
  'GET /api/export/network': { query: NetworkExportQuery },
  'GET /api/export/dyad-years': { query: DyadYearsQuery },
  'GET /api/library': { query: NoQuery },
  'GET /api/library/:slug': { param: LibraryParam, query: NoQuery },
  'GET /api/scenarios': { query: NoQuery },
  'POST /api/scenarios': { query: NoQuery, scenario: true },
  'POST /api/validate': { query: NoQuery, scenario: true },
  'GET /api/scenarios/:id': { param: ScenarioParam, query: NoQuery },
  'PUT /api/scenarios/:id': { param: ScenarioParam, query: NoQuery, scenario: true },
  'DELETE /api/scenarios/:id': { param: ScenarioParam, query: NoQuery },
  'POST /api/runs': { query: NoQuery, json: RunBody },
  'GET /api/runs': { query: RunsQuery },
  'GET /api/runs/:id': { param: RunParam, query: NoQuery },
  'GET /api/runs/:id/scenario': { param: RunParam, query: NoQuery },
  'GET /api/runs/:id/export': { param: RunParam, query: RunExportQuery },
  'POST /api/timelines': { query: NoQuery, json: TimelinesBody },
  'POST /api/vetoes': { query: NoQuery, json: VetoesBody },
  'POST /api/whatif': { query: NoQuery, json: WhatIfBody },
  'POST /api/conflicts': { query: NoQuery, json: ConflictsBody },
  'POST /api/cascades': { query: NoQuery, json: CascadeBody },
  'GET /api/sweep': { query: SweepQuery },
  'GET /api/sweep/attacks': { query: AttacksQuery },
  'POST /api/cascades/network': { query: NoQuery, json: NetworkBody },
} as const satisfies Record<string, RouteSchemas>;

/** A route of ROUTES. */
export type RouteKey = keyof typeof ROUTES;

import { mulberry32 } from '../base/prng.js';
import { API_CASCADE_RUNS, API_NETWORK_RUNS, MAX_BODY_BYTES, type RouteKey } from './schemas.js';

/**
 * A seeded fuzz of the HTTP API: requests built from a cheap, valid request to each route, then
 * broken one to three ways (another method, a field dropped or unknown, a value of the wrong type,
 * a number too large, negative or not a number, a date that does not exist, a year out of range,
 * deep JSON, bad YAML, long or odd text, a foreign Host or Origin, the wrong media type), and a
 * check of each answer: never a 5xx, and every 4xx in the API's error shape. Request i of a seed is
 * drawn from its own seed (malformedRequest), so any one can be drawn again alone and a script can
 * send any number, or any range, of them.
 */

/** One request of the fuzz, as `app.request(url, init)` takes it. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** A request the API answered wrongly: a 5xx, or a 4xx that is not in the error shape. */
export interface FuzzFailure {
  /** Its index: `malformedRequest(seed, index)` draws it again. */
  index: number;
  request: FuzzRequest;
  status: number;
  /** The start of the answer's body. */
  answer: string;
  why: string;
}

/** What a fuzz saw. */
export interface FuzzReport {
  requests: number;
  /** How often each status was answered, by status. */
  statuses: Record<string, number>;
  failures: FuzzFailure[];
  ms: number;
}

/** Anything with hono's `app.request`. */
export interface FuzzTarget {
  request(url: string, init: RequestInit): Response | Promise<Response>;
}

class Draw {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo));
  }
  pick<X>(xs: readonly X[]): X {
    return xs[this.int(0, xs.length)] as X;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** JSON text sent as it is (what JSON.stringify cannot write: 1e400, a deep list, a trailing comma). */
class RawJson {
  constructor(readonly text: string) {}
}

/** The bases' scenario: an approval sets off nothing, so a run of it costs a millisecond or two. */
const SCENARIO = 'id: fuzz\nat: 1937-04-01\nevents:\n  - {date: 1937-03-01, type: approval, by: UKG}\n';
/** A crisis, for the requests that reach the engine with a duty to weigh (ten times the cost). */
const CRISIS = 'id: crisis\nat: 1937-04-01\nevents:\n  - {date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}\n';

const deep = (draw: Draw, open: string, close: string) => {
  // Now and then as deep as a body may be; mostly less, so that 10,000 requests take seconds.
  const n = draw.chance(0.1) ? 100_000 : draw.pick([10, 100, 1000, 10_000]);
  return open.repeat(n) + close.repeat(n);
};

const BAD_DATES = [
  '1936-02-30',
  '1939-02-29',
  '1939-13-01',
  '1939-00-10',
  '1939-09-00',
  '1939-09-31',
  '0',
  '10000',
  '10000-01-01',
  '999',
  '-1939',
  '1939-9-1',
  '1939/09/01',
  '01.09.1939',
  '1939-09-01T00:00:00Z',
  ' 1939',
  '1939 ',
  '１９３９',
  '1939-09-01\n',
  'yesterday',
  '',
  'NaN',
];
/** Dates that exist but stand at the edges of the calendar casus reads. */
const EDGE_DATES = ['0000-01-01', '0001-12-31', '1000-01-01', '9999-12-31', '9999', '0000', '1900-02', '2000-02-29', '1936-03-27'];
const TEXTS = [
  '',
  ' ',
  'x'.repeat(201),
  'x'.repeat(5000),
  '\u0000',
  '\u202egmy',
  '\ud800',
  '💥',
  'ＧＭＹ',
  'Россия',
  '<script>alert(1)</script>',
  "'; DROP TABLE scenarios; --",
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
  'franco-soviet-1935/art-99',
  'GMYY',
  'default',
  '255',
];
const NUMBERS_TEXT = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '1e400',
  '0x7B3',
  'NaN',
  'Infinity',
  '-Infinity',
  '9007199254740993',
  '99999999999999999999',
  '',
  ' 1939',
  '1939abc',
  '٣',
  '999',
  '1000',
  '9999',
  '10000',
];
const JSON_NUMBERS = [
  0,
  -1,
  -0,
  1.5,
  999,
  1000,
  9999,
  10000,
  -1939,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  API_CASCADE_RUNS + 1,
  API_NETWORK_RUNS + 1,
  1_000_000_001,
];
const RAW_JSON = ['1e400', '-1e400', '123456789012345678901234567890', '1.0', '-0', '0.0000000000000000000001', '"\\ud800"', '"\\u0000"'];

/** A hostile JSON value. */
function jsonValue(draw: Draw): unknown {
  switch (draw.int(0, 10)) {
    case 0:
      return draw.pick(JSON_NUMBERS);
    case 1:
      return new RawJson(draw.pick(RAW_JSON));
    case 2:
      return draw.pick([...BAD_DATES, ...EDGE_DATES]);
    case 3:
      return draw.pick(TEXTS);
    case 4:
      return draw.pick([null, true, false, [], {}, [1], { a: 1 }, ['GMY', 'POL'], { default: 2 }]);
    case 5:
      return new RawJson(deep(draw, '[', ']'));
    case 6:
      return new RawJson(deep(draw, '{"a":', '}').replace(/}+$/, (m) => `1${m}`));
    case 7:
      return draw.pick(NUMBERS_TEXT);
    case 8:
      return draw.pick(['1939', 'GMY', 'franco-soviet-1935', 'franco-soviet-1935/art-2', SCENARIO, 'true', '1']);
    default:
      return 'x'.repeat(draw.chance(0.1) ? 300_000 : draw.pick([100, 10_000]));
  }
}

/** Bad YAML, and YAML that parses to something no scenario is. */
const YAMLS = [
  CRISIS,
  'id: a\nevents: *x\n',
  'a: &x [*x]\n',
  'id: &a a\nevents: [*a, *a]\n',
  'x: &a [&b [&c [1]]]\ny: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n',
  `a: &a ["lol"]\nb: &b [${'*a,'.repeat(9)}*a]\nc: &c [${'*b,'.repeat(9)}*b]\nd: [${'*c,'.repeat(9)}*c]\n`,
  '<<: *nothing\nid: a\n',
  'id: a\n<<: {events: []}\n',
  'id: a\nevents:\n\t- x\n',
  'id: a\nevents: [\n',
  '{',
  '- just\n- a list\n',
  'just text',
  '"',
  '---\nid: a\n---\nid: b\n',
  'id: a\nid: b\nevents: []\n',
  '? [complex, key]\n: value\n',
  'id: !!binary aGVsbG8=\nevents: []\n',
  'id: a\nevents: !!set {a, b}\n',
  'id: !custom a\nevents: []\n',
  '%YAML 9.9\n---\nid: a\n',
  '\ufeffid: a\nevents: []\n',
  'id: a\nevents:\n  - {date: 1936-02-30, type: aggression, by: GMY, against: RUS}\n',
  'id: a\nevents:\n  - {date: 10000-01-01, type: aggression, by: GMY, against: RUS}\n',
  'id: a\nevents:\n  - {date: 0000-01-01, type: aggression, by: GMY, against: RUS}\n',
  'id: a\nat: 9999-12-31\nevents:\n  - {date: 9999-12-31, type: aggression, by: GMY, against: RUS}\n',
  'id: a\nevents:\n  - {date: 1937-03-01, type: aggression, by: [GMY], against: {RUS: 1}}\n',
  'id: a\nevents:\n  - {date: 1937-03-01, type: council-report, dispute: GMY, unanimous: maybe}\n',
  'id: a\nevents:\n  - {date: 1937-03-01, type: no-such-type}\n',
  'id: a\nevents:\n  - 5\n  - null\n  - [1, 2]\n',
  'id: 5\ntitle: [1]\nevents: {}\n',
  'id: a\nevents: []\nexpect:\n  - {norm: x, since: 1936-02-30}\n  - 7\n',
  'id: a\nevents: []\nexpect: [{treaty: nope, status: 5}]\n',
  `id: a\nevents:\n${'  - {date: 1937-03-01, type: approval, by: UKG}\n'.repeat(500)}`,
  `id: a\nevents: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  `id: ${'x'.repeat(100_000)}\nevents: []\n`,
  '{"id": "a", "events": [{"date": "1937-03-01", "type": "aggression", "by": "GMY", "against": "RUS"}]}',
  '{"id": "a", "events": [}',
  'id: a\nevents: []\n\u0000',
  'id: "\\ud800"\nevents: []\n',
  'id: a\r\nevents: []\r\n',
  '',
  '   \n\t\n',
];

/** A scenario text: one of YAMLS, or the crisis with one character changed. */
function yamlText(draw: Draw): string {
  if (draw.chance(0.7)) return draw.pick(YAMLS);
  const i = draw.int(0, CRISIS.length);
  return CRISIS.slice(0, i) + draw.pick(['*', '&', ':', '{', '[', '\t', '"', '!', '%', '\n', '-', '#', '|', '>']) + CRISIS.slice(i + 1);
}

/** A cheap valid request to a route, from which the fuzz breaks things. */
interface Base {
  params?: Record<string, string>;
  query?: Record<string, string>;
  json?: Record<string, unknown>;
  scenario?: string;
}

/**
 * Each route's base. They are cheap on purpose: a request the fuzz leaves valid still answers in
 * milliseconds (a sweep of a year before any treaty, a hundred runs, a conflict search over a treaty that is
 * not there). A valid search, sweep or cascade costs seconds; the server tests ask those.
 */
const BASES: Record<RouteKey, Base> = {
  'GET /api/openapi.json': {},
  'GET /api/treaties': {},
  'GET /api/treaty-kinds': {},
  'GET /api/states': {},
  'GET /api/span': {},
  'GET /api/event-types': {},
  'GET /api/treaties/:slug': { params: { slug: 'franco-soviet-1935' } },
  'GET /api/status': { query: { at: '1939-09-17' } },
  'GET /api/timeline': { query: { from: '1935', to: '1936' } },
  'GET /api/export/network': { query: { at: '1936-03-27', format: 'graphml' } },
  'GET /api/export/dyad-years': { query: { from: '1936', to: '1936', format: 'arrow' } },
  'GET /api/library': {},
  'GET /api/library/:slug': { params: { slug: '01-rhineland-1936' } },
  'GET /api/scenarios': {},
  'POST /api/scenarios': { scenario: SCENARIO },
  'POST /api/validate': { scenario: SCENARIO },
  'GET /api/scenarios/:id': { params: { id: '1' } },
  'PUT /api/scenarios/:id': { params: { id: '1' }, scenario: SCENARIO },
  'DELETE /api/scenarios/:id': { params: { id: '2' } },
  'POST /api/runs': { json: { yaml: SCENARIO, explain: false } },
  'GET /api/runs': { query: { scenario: '1' } },
  'GET /api/runs/:id': { params: { id: '1' } },
  'GET /api/runs/:id/scenario': { params: { id: '1' } },
  'GET /api/runs/:id/export': { params: { id: '1' }, query: { format: 'timeline-csv' } },
  'POST /api/timelines': { json: { yaml: SCENARIO } },
  'POST /api/vetoes': { json: { yaml: SCENARIO, norm: 'franco-soviet-1935/art-2', holder: 'FRN' } },
  'POST /api/whatif': { json: { yaml: SCENARIO, norm: 'franco-soviet-1935/art-2', holder: 'FRN', maxRemovals: 1 } },
  'POST /api/conflicts': {
    json: { treaties: ['franco-soviet-1935', 'no-such-pact-1900'], from: '1936', to: '1937', maxEvents: 1, all: false },
  },
  'POST /api/cascades': { json: { yaml: SCENARIO, runs: 10, seed: 1, compliance: { FRN: 0.5, default: 1 }, from: '1937-03-01' } },
  'GET /api/sweep': { query: { from: '1000', to: '1000', obligation: 'defense' } },
  'GET /api/sweep/attacks': { query: { year: '1939', attacker: 'GMY' } },
  'POST /api/cascades/network': { json: { year: 1939, attacker: 'GMY', target: 'POL', runs: 100, seed: 1, compliance: { default: 0.5 } } },
};

/** The routes the fuzz covers: every one of ROUTES (a test checks that none is missing). */
export const FUZZED_ROUTES: readonly RouteKey[] = Object.keys(BASES) as RouteKey[];

/** Paths that are no route, or the web app's. */
const OTHER_PATHS = [
  '/',
  '/treaty/franco-soviet-1935',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/assets/%ff',
  '/api',
  '/api/',
  '/api/nowhere',
  '/api/treaties/',
  '/API/treaties',
  '//api/treaties',
  '/api/scenarios/1/2',
  '/api/sweep/attacks/more',
  `/api/${'a/'.repeat(500)}`,
  '/index.html?x=%',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'get'];
const CONTENT_TYPES = [
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json, text/plain',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/yaml',
  'text/yaml',
  'application/octet-stream',
  ';',
  '',
  'x'.repeat(5000),
];
const ORIGINS = ['http://evil.example', 'null', 'http://localhost:1', 'http://localhost', 'https://localhost', 'file://', 'not a url'];
const HOSTS = ['evil.example', 'evil.example:8080', 'localhost.evil.example', '127.0.0.1:8080', '[::1]:8080', 'localhost:65535', '', 'a b'];
const UNKNOWN_KEYS = [
  'nrom',
  'runz',
  '__proto__',
  'constructor',
  'toString',
  '',
  'x'.repeat(300),
  'events',
  'explain',
  'maxRounds',
  'holder',
];

/**
 * Percent-encoded; now and then only the URL's own delimiters are, so that `%`, `%ZZ` or `%00`
 * reach the server's decoder as they are. A lone surrogate goes out as bytes no UTF-8 decoder takes.
 */
const encode = (draw: Draw, v: string) =>
  draw.chance(0.1)
    ? v.replace(/[#?&/\s]/g, (ch) => encodeURIComponent(ch))
    : encodeURIComponent(v.replace(/\p{Cs}/gu, '\ufffd')).replaceAll('%EF%BF%BD', '%ED%A0%80');

function jsonText(body: Record<string, unknown>): string {
  const field = (v: unknown): string => (v instanceof RawJson ? v.text : (JSON.stringify(v) ?? 'null'));
  return `{${Object.entries(body)
    .map(([k, v]) => `${JSON.stringify(k)}:${field(v)}`)
    .join(',')}}`;
}

/** The entry of `xs` that the roll (0 to the sum of the weights) falls on. */
function weighted<X>(xs: ReadonlyArray<[X, number]>, roll: number): X {
  let left = roll;
  for (const [x, w] of xs) {
    if (left < w) return x;
    left -= w;
  }
  return (xs.at(-1) as [X, number])[0];
}

/** What one fault breaks. */
type Fault = 'method' | 'param' | 'query' | 'json' | 'raw-json' | 'yaml' | 'content-type' | 'origin' | 'host';

/** One malformed request. */
function malformed(draw: Draw): FuzzRequest {
  if (draw.chance(0.03)) {
    return { method: draw.pick(METHODS), url: `http://localhost${draw.pick(OTHER_PATHS)}`, headers: {} };
  }
  const key = draw.pick(FUZZED_ROUTES);
  const base = BASES[key];
  let [method, path] = key.split(' ') as [string, string];
  const params = { ...base.params };
  const query: Array<[string, string, boolean?]> = Object.entries(base.query ?? {});
  const json: Record<string, unknown> | undefined = base.json ? structuredClone(base.json) : undefined;
  let text: string | undefined = base.scenario;
  let raw: string | undefined;
  const headers: Record<string, string> = {};
  // The faults that apply to this route, by weight: most break the query, the path or the body, a few the headers.
  const kinds: Array<[Fault, number]> = [
    ['method', 5],
    ['query', json || text !== undefined ? 10 : 60],
    ['content-type', 4],
    ['origin', 2],
    ['host', 2],
  ];
  if (Object.keys(params).length > 0) kinds.push(['param', 25]);
  if (json) kinds.push(['json', 45], ['raw-json', 5]);
  if (text !== undefined) kinds.push(['yaml', 45]);
  const total = kinds.reduce((n, [, w]) => n + w, 0);
  const faults = draw.int(1, 4);
  for (let f = 0; f < faults; f++) {
    const fault = weighted(kinds, draw.int(0, total));
    if (fault === 'method') method = draw.pick(METHODS);
    else if (fault === 'param') {
      const p = draw.pick(Object.keys(params));
      params[p] = draw.pick([...TEXTS, ...NUMBERS_TEXT, ...BAD_DATES]);
    } else if (fault === 'query') {
      const q = draw.int(0, 5);
      if (q === 0 && query.length > 0) query.splice(draw.int(0, query.length), 1);
      else if (q === 1) query.push([draw.pick(UNKNOWN_KEYS), draw.pick(TEXTS)]);
      else if (q === 2 && query.length > 0) query.push([draw.pick(query)[0], draw.pick(NUMBERS_TEXT)]);
      else if (q === 3) query.push([draw.pick(['%', '%ZZ', 'a=%E0%A4%A', '&&', '=', 'a[b]=1', 'a=1=2']), '', true]);
      else if (query.length > 0) {
        const i = draw.int(0, query.length);
        const [k] = query[i] as [string, string];
        query[i] = [k, draw.pick([...NUMBERS_TEXT, ...BAD_DATES, ...EDGE_DATES, ...TEXTS])];
      } else query.push([draw.pick(UNKNOWN_KEYS), '1']);
    } else if (fault === 'json' && json) {
      const keys = Object.keys(json);
      const j = draw.int(0, 6);
      if (j === 0 && keys.length > 0) delete json[draw.pick(keys)];
      else if (j === 1) json[draw.pick(UNKNOWN_KEYS)] = jsonValue(draw);
      else if (j === 2 && json.compliance !== undefined) {
        json.compliance = { [draw.pick(['FRN', 'default', 'GMYY', '__proto__', 'France', '220', ''])]: jsonValue(draw) };
      } else if (j === 3 && Array.isArray(json.treaties)) {
        json.treaties = [...(json.treaties as unknown[]), jsonValue(draw)];
      } else if (j === 4 && 'yaml' in json) json.yaml = yamlText(draw);
      else if (keys.length > 0) json[draw.pick(keys)] = jsonValue(draw);
    } else if (fault === 'raw-json') {
      raw = draw.pick([
        '',
        '{',
        '{"yaml": ',
        'null',
        '[]',
        '5',
        '"x"',
        '{"a":1,}',
        '{a:1}',
        "{'a':1}",
        '\ufeff{}',
        '{}{}',
        deep(draw, '[', ']'),
      ]);
    } else if (fault === 'yaml') text = yamlText(draw);
    else if (fault === 'content-type') headers['content-type'] = draw.pick(CONTENT_TYPES);
    else if (fault === 'origin') headers.origin = draw.pick(ORIGINS);
    else headers.host = draw.pick(HOSTS);
  }
  if (!headers['content-type']) {
    if (json || raw !== undefined) headers['content-type'] = 'application/json';
    else if (text !== undefined) headers['content-type'] = draw.chance(0.2) ? 'application/json' : 'application/yaml';
  }
  if (draw.chance(0.003)) raw = 'x'.repeat(MAX_BODY_BYTES + 1);
  for (const [p, v] of Object.entries(params)) path = path.replace(`:${p}`, encode(draw, v));
  const search = query.map(([k, v, verbatim]) => (verbatim ? k : `${encode(draw, k)}=${encode(draw, v)}`)).join('&');
  const body = raw ?? (json ? jsonText(json) : text);
  const sendsBody = body !== undefined && method !== 'GET' && method !== 'HEAD' && method !== 'get';
  return {
    method,
    url: `http://localhost${path}${search ? `?${search}` : ''}`,
    headers,
    ...(sendsBody ? { body } : {}),
  };
}

/** `count` malformed requests, the same for the same seed. */
export function malformedRequests(count: number, seed = 1, from = 0): FuzzRequest[] {
  return Array.from({ length: count }, (_, i) => malformedRequest(seed, from + i));
}

/** Request `index` of the fuzz seeded `seed`, drawn from its own seed: any one can be drawn again alone. */
export function malformedRequest(seed: number, index: number): FuzzRequest {
  return malformed(new Draw((seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0));
}

/** Why an answer's body is not the API's error shape, or undefined if it is. */
export function errorShapeProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return 'the body is not a JSON object';
  const e = (body as { error?: unknown }).error;
  if (e === null || typeof e !== 'object') return 'no `error` object';
  const { code, message, field, errors } = e as Record<string, unknown>;
  if (typeof code !== 'string' || code === '') return 'no `error.code`';
  if (typeof message !== 'string' || message === '') return 'no `error.message`';
  if (field !== undefined && typeof field !== 'string') return '`error.field` is not a string';
  if (errors !== undefined) {
    if (!Array.isArray(errors)) return '`error.errors` is not a list';
    for (const x of errors)
      if (typeof x?.code !== 'string' || typeof x?.message !== 'string') return 'an `error.errors` entry without code and message';
  }
  return undefined;
}

/** Sends `count` malformed requests to `app`, one after the other, and checks every answer. */
export async function fuzzApp(app: FuzzTarget, options: { count: number; seed?: number; from?: number }): Promise<FuzzReport> {
  const started = performance.now();
  const statuses: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  const seed = options.seed ?? 1;
  const from = options.from ?? 0;
  for (let i = from; i < from + options.count; i++) {
    const request = malformedRequest(seed, i);
    const res = await app.request(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const text = await res.text();
    let why: string | undefined;
    if (res.status >= 500) why = `answered ${res.status}`;
    else if (res.status >= 400 && request.method.toUpperCase() !== 'HEAD') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      why = errorShapeProblem(parsed);
    }
    if (why)
      failures.push({
        index: i,
        request: { ...request, ...(request.body ? { body: request.body.slice(0, 500) } : {}) },
        status: res.status,
        answer: text.slice(0, 500),
        why,
      });
  }
  return { requests: options.count, statuses, failures, ms: Math.round(performance.now() - started) };
}

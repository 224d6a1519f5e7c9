import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { CASCADE_RUNS, NETWORK_RUNS, SEEDS, YEARS } from '../base/input-ranges.js';
import { runCli } from '../cli/main.js';
import type { ApiError } from './app.js';
import { createApp } from './app.js';
import { describeError, type RunPool, reviveError } from './run-pool.js';
import { API_CASCADE_RUNS } from './schemas.js';
import { Store } from './store.js';

const app = createApp(testCorpus, new Store(':memory:'));
const scenario = 'id: v\nat: 1937-04-01\nevents:\n  - {date: 1937-03-01, type: aggression, by: GMY, against: RUS, unprovoked: true}\n';

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const error = async (r: Response) => ((await r.json()) as ApiError).error;
const yaml = { 'content-type': 'application/yaml' };

describe('one schema per route: a wrong type or an unknown field is a 400 naming the field', () => {
  it('answers the issue’s reproducer, a norm that is a number, with 400 at `norm` instead of a 500', async () => {
    const r = await post('/api/vetoes', { yaml: scenario, norm: 5 });
    expect(r.status).toBe(400);
    expect(await error(r)).toEqual({
      code: 'input.bad-option',
      message: '`norm` is a norm id, <treaty>/<provision>, e.g. "franco-soviet-1935/art-2"; got 5',
      field: 'norm',
      errors: [{ code: 'input.bad-option', message: expect.stringMatching(/^`norm` is a norm id/), field: 'norm' }],
    });
  });

  it('answers the issue’s YAML alias reproducers on every scenario route with 400 at the alias’s line', async () => {
    const id = ((await (await app.request('/api/scenarios', { method: 'POST', headers: yaml, body: scenario })).json()) as { id: number })
      .id;
    for (const [method, path] of [
      ['POST', '/api/scenarios'],
      ['POST', '/api/validate'],
      ['PUT', `/api/scenarios/${id}`],
    ] as const) {
      const r = await app.request(path, { method, headers: yaml, body: 'id: a\nevents: *x\n' });
      expect([method, path, r.status]).toEqual([method, path, 400]);
      expect((await error(r)).errors?.[0]).toMatchObject({ code: 'scenario.syntax', file: 'scenario.yaml', line: 2 });
    }
    const inJson = await post('/api/runs', { yaml: 'id: a\nevents: *x\n' });
    expect(inJson.status).toBe(400);
    expect((await error(inJson)).errors?.[0]).toMatchObject({ code: 'scenario.syntax', line: 2 });
  });

  it('names a nested field by its path, and every problem of the body at once', async () => {
    const r = await post('/api/cascades', { yaml: scenario, runs: 0, compliance: { FRN: 5, default: 'half' } });
    expect(r.status).toBe(400);
    const e = await error(r);
    expect(e.errors?.map((x) => x.field)).toEqual(['runs', 'compliance.FRN', 'compliance.default']);
    expect(e.message).toBe(
      [
        '`runs` is a whole number from 1 to 10000000; got 0',
        '`compliance.FRN` is a probability from 0 to 1, e.g. 0.5; got 5',
        '`compliance.default` is a probability from 0 to 1, e.g. 0.5; got "half"',
      ].join('\n'),
    );
    const list = await error(await post('/api/conflicts', { treaties: ['franco-soviet-1935', 7] }));
    expect(list).toMatchObject({ field: 'treaties[1]', message: '`treaties[1]` is a treaty slug, e.g. "franco-soviet-1935"; got 7' });
  });

  it('refuses an unknown field, listing the fields the route takes', async () => {
    const e = await error(await post('/api/vetoes', { yaml: scenario, nrom: 'franco-soviet-1935/art-2' }));
    expect(e).toMatchObject({
      code: 'input.unknown-field',
      field: 'nrom',
      message: 'unknown field `nrom`: the fields are scenarioId, yaml, at, norm, treaty, holder, beneficiary',
    });
    const q = await error(await app.request('/api/status?at=1939-09-01&explain=true'));
    expect(q).toMatchObject({ field: 'explain', message: 'unknown query parameter `explain`: the query parameters are at' });
    expect((await error(await app.request('/api/treaties?x=1'))).message).toBe(
      'unknown query parameter `x`: this route takes no query parameters',
    );
  });

  it('says a missing field is missing, and what it is', async () => {
    const e = await error(await post('/api/cascades/network', { year: 1939, target: 'POL' }));
    expect(e).toMatchObject({
      code: 'input.missing-option',
      field: 'attacker',
      message: '`attacker` is missing: it is a state: a COW abbreviation, number or name, e.g. "GMY"',
    });
    expect(await error(await post('/api/runs', {}))).toMatchObject({ code: 'input.missing-option', field: 'scenarioId' });
    expect(await error(await post('/api/runs', { scenarioId: 1, yaml: scenario }))).toMatchObject({ field: 'yaml' });
    expect(await error(await app.request('/api/status'))).toMatchObject({ code: 'input.missing-option', field: 'at' });
  });

  it('refuses a body that is not a JSON object, or not JSON, as a whole', async () => {
    for (const body of ['[]', 'null', '5', '"x"']) {
      const r = await app.request('/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(r.status).toBe(400);
      expect(await error(r)).toMatchObject({ code: 'input.invalid', message: expect.stringMatching(/^the request body is a JSON object/) });
    }
    const broken = await app.request('/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(broken.status).toBe(400);
    expect((await error(broken)).message).toMatch(/^the request body is not JSON/);
  });

  it('keeps the semantic errors with their file, line and field', async () => {
    const r = await post('/api/runs', { yaml: 'id: bad\nevents:\n  - {date: 1937-03-01, type: aggression, by: GMYY, against: RUS}\n' });
    expect(r.status).toBe(400);
    expect(await error(r)).toMatchObject({
      code: 'scenario.unknown-state',
      field: 'events[0].by',
      errors: [{ file: 'scenario.yaml', line: 3, field: 'events[0].by' }],
    });
    expect((await post('/api/vetoes', { yaml: scenario, norm: 'franco-soviet-1935/art-99' })).status).toBe(404);
    expect(await error(await post('/api/cascades', { yaml: scenario, compliance: { GMYY: 1 } }))).toMatchObject({
      code: 'input.unknown-state',
      field: 'compliance.GMYY',
    });
  });
});

describe('dates and years: the ranges of the CLI', () => {
  it('refuses a day that does not exist, and a year of five digits, at the field', async () => {
    const day = await error(await app.request('/api/status?at=1936-02-30'));
    expect(day).toEqual({
      code: 'input.bad-date',
      message: '`at`: "1936-02-30" does not exist: that month has 29 days',
      field: 'at',
      errors: [expect.objectContaining({ field: 'at' })],
    });
    expect(await error(await app.request('/api/timeline?from=10000-01-01'))).toMatchObject({ code: 'input.bad-date', field: 'from' });
    expect(await error(await post('/api/cascades/network', { date: '1939', attacker: 'GMY', target: 'POL' }))).toMatchObject({
      field: 'date',
      message: '`date`: "1939" is not a day: write YYYY-MM-DD (for a year, give `year`)',
    });
    expect(await error(await app.request('/api/timeline?from=1939&to=1938'))).toMatchObject({ field: 'to' });
    // A date's year has the range of a year given as a number: 0999-12-31 is as refused as ?year=999.
    expect(await error(await app.request('/api/status?at=0999-12-31'))).toMatchObject({
      code: 'input.bad-date',
      field: 'at',
      message: '`at`: "0999-12-31" is before the year 1000: casus takes years 1000 to 9999',
    });
    expect((await app.request('/api/status?at=1000-01-01')).status).toBe(200);
  });

  it('takes the years 1000 to 9999 and no other, like the CLI, and answers year 9999 without a 500', async () => {
    const sweep = async (year: number) => (await app.request(`/api/sweep?from=${year}&to=${year}`)).status;
    const network = async (year: number) => post('/api/cascades/network', { year, attacker: 'GMY', target: 'POL' });
    expect([await sweep(YEARS.min - 1), await sweep(YEARS.min), await sweep(YEARS.max), await sweep(YEARS.max + 1)]).toEqual([
      400, 200, 200, 400,
    ]);
    expect(await error(await network(0))).toMatchObject({ field: 'year', message: '`year` is a year from 1000 to 9999; got 0' });
    expect(await error(await network(10_000))).toMatchObject({ field: 'year' });
    // 9999 is a year: its network has no states, which is a located 400, not a crash.
    const far = await network(9999);
    expect(far.status).toBe(400);
    expect(await error(far)).toMatchObject({
      field: 'target',
      message: 'GMY attacking POL: both must be distinct states of the 9999 network',
    });
    const cli = async (...argv: string[]) => runCli(argv, { out: () => {}, err: () => {} });
    expect(await cli('sweep', '--from', String(YEARS.min - 1), '--to', '1000', '--workers', '0')).toBe(2);
    expect(await cli('sweep', '--from', String(YEARS.max + 1), '--to', '10000', '--workers', '0')).toBe(2);
    expect(await cli('sweep', '--from', String(YEARS.max), '--to', String(YEARS.max), '--workers', '0')).toBe(0);
  });

  it('takes the CLI’s runs and seeds, and answers 413 above what one request may ask', async () => {
    const cascade = (runs: number, seed = 1) => post('/api/cascades', { yaml: scenario, runs, seed });
    expect((await cascade(CASCADE_RUNS.max + 1)).status).toBe(400);
    const big = await cascade(API_CASCADE_RUNS + 1);
    expect(big.status).toBe(413);
    expect(await error(big)).toMatchObject({ code: 'input.too-large', field: 'runs' });
    expect((await cascade(1, SEEDS.max)).status).toBe(200);
    expect((await cascade(1, SEEDS.max + 1)).status).toBe(400);
    const net = (runs: number) => post('/api/cascades/network', { year: 1939, attacker: 'GMY', target: 'POL', runs });
    expect((await net(NETWORK_RUNS.max + 1)).status).toBe(400);
    expect((await net(NETWORK_RUNS.max)).status).toBe(413);
  });
});

describe('methods and answers too large', () => {
  it('answers another method on a known path with 405 and the methods it has', async () => {
    const r = await app.request('/api/treaties', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD');
    expect(await error(r)).toMatchObject({ code: 'method-not-allowed' });
    expect((await app.request('/api/scenarios/1', { method: 'PATCH' })).headers.get('allow')).toBe('GET, PUT, DELETE, HEAD');
    expect((await app.request('/api/nowhere', { method: 'POST' })).status).toBe(404);
    expect((await app.request('/api/states', { method: 'HEAD' })).status).toBe(200);
  });

  it('answers 413, not 500, when a report is too long for a JavaScript string, made here or in a worker', async () => {
    const store = new Store(':memory:');
    store.saveRunPacked = () => {
      throw new RangeError('Invalid string length');
    };
    // A worker's RangeError crosses as a description and is thrown again as a RangeError.
    const pool = { run: () => Promise.reject(reviveError(describeError(new RangeError('Invalid string length')))) } as unknown as RunPool;
    for (const app of [createApp(testCorpus, store), createApp(testCorpus, new Store(':memory:'), { runs: pool })]) {
      const r = await app.request('/api/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ yaml: scenario }),
      });
      expect(r.status).toBe(413);
      expect((await error(r)).message).toMatch(/too large to write/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { type ApiError, createApp } from './app.js';
import { openApiDocument } from './openapi.js';
import { ROUTES, type RouteKey } from './schemas.js';
import { Store } from './store.js';

interface Operation {
  parameters?: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
}

const app = createApp(testCorpus, new Store(':memory:'));
const doc = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
const operation = (key: RouteKey) => {
  const [method, path] = key.split(' ') as [string, string];
  return doc.paths[path.replace(/:([a-z]+)/g, '{$1}')]?.[method.toLowerCase()];
};

/** A request to a route that passes its media type and path checks: what its query and body then say is the schema's. */
function probe(key: RouteKey, query: string, body?: string): Promise<Response> | Response {
  const [method, path] = key.split(' ') as [string, string];
  const route = ROUTES[key] as { json?: unknown; scenario?: true };
  const url = path.replace(':slug', 'franco-soviet-1935').replace(':id', '1') + query;
  if (route.json) return app.request(url, { method, headers: { 'content-type': 'application/json' }, body: body ?? '{}' });
  if (route.scenario) return app.request(url, { method, headers: { 'content-type': 'application/yaml' }, body: 'id: x\nevents: []\n' });
  return app.request(url, { method });
}

describe('the OpenAPI document and the app', () => {
  it('documents every route the app has, and no other', () => {
    const routes = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect([...new Set(routes)]).toEqual(Object.keys(ROUTES).sort());
    for (const key of Object.keys(ROUTES) as RouteKey[]) expect([key, operation(key) !== undefined]).toEqual([key, true]);
  });

  it('lists for each route the query parameters the app takes, in its order', async () => {
    for (const key of Object.keys(ROUTES) as RouteKey[]) {
      const documented = (operation(key)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const e = ((await (await probe(key, '?zz=1')).json()) as ApiError).error;
      const said = documented.length > 0 ? `the query parameters are ${documented.join(', ')}` : 'this route takes no query parameters';
      expect([key, e.errors?.find((x) => x.field === 'zz')]).toEqual([
        key,
        { code: 'input.unknown-field', field: 'zz', message: `unknown query parameter \`zz\`: ${said}` },
      ]);
    }
  });

  it('lists for each route the path parameters and the body fields the app takes', async () => {
    for (const key of Object.keys(ROUTES) as RouteKey[]) {
      const op = operation(key);
      const path = (op?.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect([key, path]).toEqual([key, [...key.matchAll(/:([a-z]+)/g)].map((m) => m[1])]);
      const route = ROUTES[key] as { json?: unknown; scenario?: true };
      const content = op?.requestBody?.content ?? {};
      if (route.scenario)
        expect([key, Object.keys(content)]).toEqual([key, expect.arrayContaining(['application/yaml', 'application/json'])]);
      if (!route.json) {
        if (!route.scenario) expect([key, op?.requestBody]).toEqual([key, undefined]);
        continue;
      }
      const fields = Object.keys(content['application/json']?.schema.properties ?? {});
      const e = ((await (await probe(key, '', '{"zz": 1}')).json()) as ApiError).error;
      expect([key, e.errors?.find((x) => x.field === 'zz')]).toEqual([
        key,
        { code: 'input.unknown-field', field: 'zz', message: `unknown field \`zz\`: the fields are ${fields.join(', ')}` },
      ]);
    }
  });

  it('gives the ranges of the shared table, as the schemas check them', () => {
    const network = operation('POST /api/cascades/network')?.requestBody?.content['application/json']?.schema.properties as Record<
      string,
      { minimum?: number; maximum?: number }
    >;
    expect(network.year).toMatchObject({ minimum: 1000, maximum: 9999 });
    expect(network.runs).toMatchObject({ minimum: 1, maximum: 1_000_000_000 });
    const sweep = operation('GET /api/sweep')?.parameters?.find((p) => p.name === 'from') as unknown as {
      required: boolean;
      schema: { minimum: number };
    };
    expect(sweep).toMatchObject({ required: true, schema: { type: 'integer', minimum: 1000, maximum: 9999 } });
  });
});

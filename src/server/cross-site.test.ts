import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCorpus } from '../../test/helpers.js';
import { createApp } from './app.js';
import { startServer } from './serve.js';
import { Store } from './store.js';

const scenario = 'id: cross-site\nevents:\n  - {date: 1937-03-01, type: aggression, by: GMY, against: RUS}\n';
const yaml = { 'content-type': 'application/yaml' };

const fresh = (allowedHosts?: string[]) => createApp(testCorpus, new Store(':memory:'), allowedHosts ? { allowedHosts } : {});

async function created(app: ReturnType<typeof fresh>): Promise<number> {
  const r = await app.request('/api/scenarios', { method: 'POST', headers: yaml, body: scenario });
  expect(r.status).toBe(201);
  return ((await r.json()) as { id: number }).id;
}

describe('writes need a JSON or YAML body', () => {
  it('refuses a text/plain scenario with 415 and says which type to send, and takes the same text as YAML', async () => {
    const app = fresh();
    const plain = await app.request('/api/scenarios', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: scenario });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toEqual({
      error: {
        code: 'input.media-type',
        message: 'send the scenario file with Content-Type: application/yaml (or application/json for a JSON file), not text/plain',
      },
    });
    expect(await (await app.request('/api/scenarios')).json()).toEqual([]);
    for (const type of ['application/yaml', 'text/yaml', 'application/x-yaml; charset=utf-8']) {
      expect((await app.request('/api/validate', { method: 'POST', headers: { 'content-type': type }, body: scenario })).status).toBe(200);
    }
  });

  it('refuses a form, a text/plain JSON body and a body with no type on every JSON route', async () => {
    const app = fresh();
    for (const path of ['/api/runs', '/api/vetoes', '/api/conflicts', '/api/cascades', '/api/cascades/network']) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
        const r = await app.request(path, {
          method: 'POST',
          ...(type ? { headers: { 'content-type': type } } : {}),
          body: '{"yaml": "id: x"}',
        });
        expect([path, type, r.status]).toEqual([path, type, 415]);
        expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/Content-Type: application\/json/);
      }
    }
  });

  it('deletes with no body and no type, and refuses a DELETE whose body is text/plain', async () => {
    const app = fresh();
    const id = await created(app);
    const plain = await app.request(`/api/scenarios/${id}`, { method: 'DELETE', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(plain.status).toBe(415);
    expect((await app.request(`/api/scenarios/${id}`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('the Origin and Host guard', () => {
  it('refuses a cross-origin POST and DELETE with 403, saying what to do, and changes nothing', async () => {
    const app = fresh();
    const id = await created(app);
    const evil = { origin: 'http://evil.example' };
    // The reproducer: a text/plain POST from another site's page.
    const post = await app.request('/api/scenarios', {
      method: 'POST',
      headers: { ...evil, 'content-type': 'text/plain' },
      body: scenario,
    });
    expect(post.status).toBe(403);
    const e = (await post.json()) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('forbidden.origin');
    expect(e.error.message).toMatch(/^cross-origin request refused: it comes from a page of "http:\/\/evil.example", not of this server/);
    expect((await app.request('/api/scenarios', { method: 'POST', headers: { ...evil, ...yaml }, body: scenario })).status).toBe(403);
    expect((await app.request(`/api/scenarios/${id}`, { method: 'DELETE', headers: evil })).status).toBe(403);
    // A page of another port of this machine is another origin too, and so is a sandboxed page (Origin: null).
    for (const origin of ['http://localhost:9999', 'http://127.0.0.1', 'null', 'http://localhost/path']) {
      expect((await app.request(`/api/scenarios/${id}`, { method: 'DELETE', headers: { origin } })).status).toBe(403);
    }
    // Reads from another origin are refused as well: a page elsewhere learns nothing.
    expect((await app.request('/api/scenarios', { headers: evil })).status).toBe(403);
    expect(((await (await app.request('/api/scenarios')).json()) as unknown[]).length).toBe(1);
  });

  it('serves the same requests from the app’s own origin', async () => {
    const app = fresh();
    const own = { origin: 'http://localhost' };
    const post = await app.request('/api/scenarios', { method: 'POST', headers: { ...own, ...yaml }, body: scenario });
    expect(post.status).toBe(201);
    const { id } = (await post.json()) as { id: number };
    const run = await app.request('/api/runs', {
      method: 'POST',
      headers: { ...own, 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioId: id }),
    });
    expect(run.status).toBe(201);
    expect((await app.request(`/api/scenarios/${id}`, { method: 'DELETE', headers: own })).status).toBe(204);
    // Behind a TLS proxy the page's origin is https, the Host the same.
    expect((await app.request('/api/states', { headers: { origin: 'https://localhost' } })).status).toBe(200);
  });

  it('refuses a foreign Host and a DNS-rebinding one, and serves the loopback names with their port', async () => {
    const app = fresh();
    for (const [host, origin] of [
      ['evil.example', undefined],
      // A page of evil.example whose name now resolves to 127.0.0.1: same origin for the browser, not for casus.
      ['evil.example:8080', 'http://evil.example:8080'],
      ['127.0.0.1.evil.example:8080', undefined],
      ['localhost.evil.example', undefined],
      ['evil.example@127.0.0.1', undefined],
      ['', undefined],
    ] as const) {
      const r = await app.request('http://127.0.0.1:8080/api/scenarios', {
        method: 'POST',
        headers: { host, ...(origin ? { origin } : {}), ...yaml },
        body: scenario,
      });
      expect([host, r.status]).toEqual([host, 403]);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('forbidden.host');
    }
    const page = await app.request('http://evil.example:8080/', { headers: { host: 'evil.example:8080' } });
    expect(page.status).toBe(403);
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST:8080', '127.0.0.1']) {
      const r = await app.request(`http://${host}/api/scenarios`, {
        method: 'POST',
        headers: { host, origin: `http://${host}`, ...yaml },
        body: scenario,
      });
      expect([host, r.status]).toEqual([host, 201]);
    }
  });

  it('serves the host names it is told to allow, and no other', async () => {
    const app = fresh(['casus.example.org', '192.168.1.20']);
    for (const host of ['casus.example.org:8080', '192.168.1.20:8080', 'localhost:8080']) {
      const r = await app.request(`http://${host}/api/states`, { headers: { host, origin: `http://${host}` } });
      expect([host, r.status]).toEqual([host, 200]);
    }
    expect((await app.request('http://evil.example/api/states', { headers: { host: 'evil.example' } })).status).toBe(403);
  });
});

describe('the guard over a real socket', () => {
  let url = '';
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const s = await startServer(testCorpus, { port: 0, db: ':memory:' });
    url = s.url;
    close = s.close;
  });
  afterAll(() => close());

  const raw = (path: string, headers: Record<string, string>, method = 'GET', body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const u = new URL(url);
      // The path goes out as written: `/api/...`, or a whole URL (the absolute form proxies send).
      const req = httpRequest({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += d.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('refuses a request addressed to another name, and the absolute-form trick, and serves its own', async () => {
    const port = new URL(url).port;
    expect((await raw('/api/states', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await raw('/api/states', { host: `127.0.0.1:${port}` })).status).toBe(200);
    // The absolute form names one host in the request line and may name another in Host: both must be this server's.
    expect((await raw(`http://127.0.0.1:${port}/api/states`, { host: `evil.example:${port}` })).status).toBe(403);
    expect((await raw(`http://evil.example:${port}/api/states`, { host: `127.0.0.1:${port}` })).status).toBe(403);
    expect((await raw(`http://127.0.0.1:${port}/api/states`, { host: `127.0.0.1:${port}` })).status).toBe(200);
    expect(
      (
        await raw(
          '/api/scenarios',
          { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'content-type': 'application/yaml' },
          'POST',
          scenario,
        )
      ).status,
    ).toBe(403);
    const own = await raw(
      '/api/scenarios',
      { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/yaml' },
      'POST',
      scenario,
    );
    expect(own.status).toBe(201);
    const { id } = JSON.parse(own.body) as { id: number };
    // fetch sends a DELETE with no body and no type: the web app's own request.
    expect((await fetch(`${url}/api/scenarios/${id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('will not listen beyond loopback without a list of allowed hosts', async () => {
    await expect(startServer(testCorpus, { host: '0.0.0.0', port: 0, db: ':memory:' })).rejects.toThrow(/--allow-host name\[,name\]/);
  });
});

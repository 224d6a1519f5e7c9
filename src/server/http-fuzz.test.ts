import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories, testCorpus } from '../../test/helpers.js';
import { createApp } from './app.js';
import { FUZZED_ROUTES, fuzzApp, malformedRequest, malformedRequests } from './http-fuzz.js';
import { ROUTES } from './schemas.js';
import { Store } from './store.js';

const tempDir = temporaryDirectories();

function fuzzTarget() {
  const web = tempDir('casus-fuzz-web-');
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>casus</title>');
  return createApp(testCorpus, new Store(':memory:'), { webDir: web });
}

describe('the HTTP fuzz', () => {
  it('covers every route, and draws the same requests from the same seed', () => {
    expect([...FUZZED_ROUTES].sort()).toEqual(Object.keys(ROUTES).sort());
    expect(JSON.stringify(malformedRequests(300, 7))).toBe(JSON.stringify(malformedRequests(300, 7)));
    expect(JSON.stringify(malformedRequests(300, 7))).not.toBe(JSON.stringify(malformedRequests(300, 8)));
    expect(malformedRequest(7, 250)).toEqual(malformedRequests(300, 7)[250]);
    expect(malformedRequests(10, 7, 250)).toEqual(malformedRequests(300, 7).slice(250, 260));
  });

  it('answers 10,000 malformed requests with no 5xx, every 4xx in the error shape', async () => {
    const app = fuzzTarget();
    const before = process.memoryUsage().rss;
    const report = await fuzzApp(app, { count: 10_000, seed: 1 });
    const after = process.memoryUsage().rss;
    console.info(
      `fuzz: ${report.requests} requests in ${report.ms} ms; statuses ${JSON.stringify(report.statuses)}; RSS ${Math.round(before / 2 ** 20)} MB before, ${Math.round(after / 2 ** 20)} MB after`,
    );
    expect(report.failures.slice(0, 5)).toEqual([]);
    expect(report.failures).toHaveLength(0);
  }, 120_000);
});

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories, testCorpus } from '../../test/helpers.js';
import { createApp } from './app.js';
import { FOUNDING_CASE, LIBRARY_DIR, type LibraryEntry, loadLibrary } from './library.js';
import { Store } from './store.js';

const tempDir = temporaryDirectories();
const files = readdirSync(LIBRARY_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the crisis library through the API', () => {
  const app = createApp(testCorpus, new Store(':memory:'));

  it('lists every scenario of scenarios/ in file order, with its title and dates, the founding case marked', async () => {
    const r = await app.request('/api/library');
    expect(r.status).toBe(200);
    const entries = (await r.json()) as LibraryEntry[];
    expect(entries.map((e) => `${e.slug}.yaml`)).toEqual(files);
    expect(entries.filter((e) => e.founding).map((e) => e.slug)).toEqual([FOUNDING_CASE]);
    const rhineland = entries.find((e) => e.slug === FOUNDING_CASE) as LibraryEntry;
    expect(rhineland).toMatchObject({ id: 'rhineland-1936', title: 'Remilitarisation of the Rhineland, 7-19 March 1936' });
    expect(rhineland.treaties).toContain('franco-soviet-1935');
    for (const e of entries) {
      expect(e.title.length).toBeGreaterThan(0);
      expect(e.at).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    }
  });

  it('answers one scenario with its file as written, which runs as a report in one request', async () => {
    for (const file of files) {
      const slug = file.replace(/\.yaml$/, '');
      const r = await app.request(`/api/library/${slug}`);
      expect(r.status).toBe(200);
      const entry = (await r.json()) as LibraryEntry & { yaml: string };
      expect(entry.yaml).toBe(readFileSync(join(LIBRARY_DIR, file), 'utf8'));
    }
    const { yaml } = (await (await app.request(`/api/library/${FOUNDING_CASE}`)).json()) as { yaml: string };
    const run = await app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ yaml }),
    });
    expect(run.status).toBe(201);
    expect(((await run.json()) as { report: { scenario: string } }).report.scenario).toBe('rhineland-1936');
    const missing = await app.request('/api/library/99-nowhere');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(
      'the crisis library has no scenario "99-nowhere"; the home page lists them',
    );
  });

  it('leaves out a file that does not load, and says which, rather than emptying the library', () => {
    const dir = tempDir('casus-library-');
    writeFileSync(join(dir, 'a.yaml'), readFileSync(join(LIBRARY_DIR, files[0] as string), 'utf8'));
    writeFileSync(join(dir, 'b.yaml'), 'id: b\nevents: *nope\n');
    const lib = loadLibrary(testCorpus, dir);
    expect(lib.entries.map((e) => e.slug)).toEqual(['a']);
    expect(lib.skipped).toEqual([{ file: 'b.yaml', error: expect.stringContaining('nope') }]);
    expect(loadLibrary(testCorpus, join(dir, 'none')).entries).toEqual([]);
  });
});

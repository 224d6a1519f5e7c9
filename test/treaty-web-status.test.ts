import { describe, expect, it } from 'vitest';
import { corpusStatus } from '../src/analysis/corpus-time.js';
import { parseDate } from '../src/base/partial-date.js';
import { defaultCorpus } from '../src/corpus/load-corpus.js';
import { createApp } from '../src/server/app.js';
import { Store } from '../src/server/store.js';
import type { StateInfo, StatusEntry, TreatySummary } from '../web/src/api.js';
import { longDate } from '../web/src/route.js';
import { buildTreatyWeb } from '../web/src/treaty-web.js';
import { apartSentence, namer } from '../web/src/words.js';

/**
 * The web shows what the engine says: on a day of every year of the period, the treaty web built
 * as the app builds it (from the API's JSON, with the web's own code) shows as in force exactly
 * the treaties `casus status --at` counts in force, and says why of each one it cannot draw.
 */
const corpus = defaultCorpus();
const app = createApp(corpus, new Store(':memory:'));
async function get<T>(path: string): Promise<T> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}
const days = Array.from({ length: 26 }, (_, i) => 1920 + i).flatMap((year) => [`${year}-01-01`, `${year}-09-01`]);

describe('the treaty web and casus status, on 1 January and 1 September of every year from 1920 to 1945', () => {
  it.each(days)('show the same treaties in force on %s, and the web says why of each it cannot draw', async (day) => {
    const treaties = await get<TreatySummary[]>('/api/treaties');
    const name = namer(await get<StateInfo[]>('/api/states'));
    const web = buildTreatyWeb(await get<{ at: string; treaties: StatusEntry[] }>(`/api/status?at=${day}`), treaties);
    const apart = web.apart.filter((t) => t.status === 'in-force');
    const shown = [...new Set([...web.edges.map((e) => e.treaty), ...web.large.map((h) => h.treaty), ...apart.map((t) => t.treaty)])];
    const counted = corpusStatus(corpus, parseDate(day))
      .filter((r) => r.status === 'in-force')
      .map((r) => r.treaty);
    expect(shown.sort()).toEqual(counted);
    for (const t of web.apart) {
      // A reason for every party the treaty does not bind, and a sentence that names each of them.
      expect(t.unbound.map((u) => u.state).sort(), t.treaty).toEqual(t.parties.filter((p) => !t.bound.includes(p)).sort());
      const sentence = apartSentence(t, name, longDate(day));
      for (const u of t.unbound) expect(sentence, t.treaty).toContain(`(${u.state})`);
    }
  });

  it('lists the three treaties that bind only France or the USSR on 1 September 1939 apart, saying Czechoslovakia was gone', async () => {
    const web = buildTreatyWeb(await get('/api/status?at=1939-09-01'), await get('/api/treaties'));
    const name = namer(await get<StateInfo[]>('/api/states'));
    expect(web.apart.map((t) => [t.treaty, apartSentence(t, name, '1 September 1939')])).toEqual([
      [
        'czechoslovak-soviet-1935',
        'In force, but binds only the USSR (RUS): Czechoslovakia (CZE) was not an independent state on 1 September 1939 — occupied or annexed, with no recognised government in exile.',
      ],
      [
        'franco-czechoslovak-1924',
        'In force, but binds only France (FRN): Czechoslovakia (CZE) was not an independent state on 1 September 1939 — occupied or annexed, with no recognised government in exile.',
      ],
      [
        'franco-czechoslovak-1925',
        'In force, but binds only France (FRN): Czechoslovakia (CZE) was not an independent state on 1 September 1939 — occupied or annexed, with no recognised government in exile.',
      ],
    ]);
  });
});

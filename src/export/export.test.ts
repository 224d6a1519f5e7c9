import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromIPC } from 'apache-arrow';
import { parse as parseCsv } from 'csv-parse/sync';
import GraphModule from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';
import type { GraphConstructor } from 'graphology-types';
import { describe, expect, it } from 'vitest';
import { temporaryDirectories } from '../../test/helpers.js';
import { corpusStatus } from '../analysis/corpus-time.js';
import { scenarioTimeline } from '../analysis/scenario-timeline.js';
import { SWEEP_OBLIGATIONS, sweepModel, systemIn } from '../analysis/sweep.js';
import { HEADERS, runSweepYears, type SweepJob, sweepHead } from '../analysis/sweep-job.js';
import { parseDate } from '../base/partial-date.js';
import { runCli } from '../cli/main.js';
import { defaultCorpus } from '../corpus/load-corpus.js';
import { evaluate } from '../engine/evaluate.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { createApp } from '../server/app.js';
import { Store } from '../server/store.js';
import { ArrowCollector } from './arrow.js';
import { csvTable } from './csv.js';
import { networkEdgesCsv, networkGexf, networkGraphml, networkNodesCsv, treatyNetwork } from './network.js';
import { reportCsv, scenarioTimelineCsv } from './tables.js';

/**
 * Every export is read back by a reader casus does not write: graphology's GEXF and GraphML
 * parsers (what its users load files into Gephi-like tools with), csv-parse for the CSV tables,
 * apache-arrow's reader for the Arrow file. Counts are checked against the engine's own answers.
 */
// graphology is CommonJS: under NodeNext its default export is the Graph class, typed as the module.
const Graph = GraphModule as unknown as GraphConstructor;
const corpus = defaultCorpus();
const tempDir = temporaryDirectories();
const italyFile = fileURLToPath(new URL('../../scenarios/03-hollow-threat-italy-1937.yaml', import.meta.url));
const italy = loadScenario(readFileSync(italyFile, 'utf8'), italyFile, corpus);
const rows = (text: string) => parseCsv(text, { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;

/** What the network should hold on a day, counted from the engine's statuses, not from the writer. */
function expectedCounts(day: string): { states: number; hubs: number; edges: number } {
  const states = new Set<string>();
  let hubs = 0;
  let edges = 0;
  for (const s of corpusStatus(corpus, parseDate(day))) {
    const bound = [...new Set(s.bound)];
    if (s.status !== 'in-force' || bound.length < 2) continue;
    const parties = Math.max(corpus.treaties.get(s.treaty)?.parties.length ?? 0, s.parties.length);
    for (const b of bound) states.add(b);
    if (parties > 5) {
      hubs++;
      edges += bound.length;
    } else edges += (bound.length * (bound.length - 1)) / 2;
  }
  return { states: states.size, hubs, edges };
}

describe('the treaty network as GEXF, GraphML and CSV', () => {
  const day = '1936-03-27';
  const network = treatyNetwork(corpus, parseDate(day));
  const want = expectedCounts(day);

  it('opens in graphology’s GEXF reader with every state, hub and edge the engine counts', () => {
    const g = gexf.parse(Graph, networkGexf(network));
    expect(g.order).toBe(want.states + want.hubs);
    expect(g.size).toBe(want.edges);
    expect(g.getNodeAttributes('FRN')).toMatchObject({ label: 'France', ccode: 220, abb: 'FRN', type: 'state' });
    expect(g.getNodeAttributes('league-covenant')).toMatchObject({ type: 'treaty' });
    const edge = g.findEdge((_e, a) => a.treaty === 'franco-soviet-1935');
    expect(edge).toBeDefined();
    expect(g.getEdgeAttributes(edge)).toMatchObject({ kind: 'mutual-assistance', start: '1936-03-27', sureStart: '1936-03-27' });
    // The day before the exchange of ratifications, the Franco-Soviet treaty is no edge.
    const before = gexf.parse(Graph, networkGexf(treatyNetwork(corpus, parseDate('1936-03-26'))));
    expect(before.findEdge((_e, a) => a.treaty === 'franco-soviet-1935')).toBeUndefined();
  });

  it('opens in graphology’s GraphML reader with the same nodes, edges and attributes', () => {
    const g = graphml.parse(Graph, networkGraphml(network));
    expect(g.order).toBe(want.states + want.hubs);
    expect(g.size).toBe(want.edges);
    expect(g.getNodeAttributes('RUS')).toMatchObject({ label: corpus.states.find('RUS')?.name, ccode: 365 });
  });

  it('writes node and edge tables that read back with every edge’s ends among the nodes', () => {
    const nodes = rows(networkNodesCsv(network));
    const edges = rows(networkEdgesCsv(network));
    expect(nodes).toHaveLength(want.states + want.hubs);
    expect(edges).toHaveLength(want.edges);
    const ids = new Set(nodes.map((n) => n.id));
    expect(edges.every((e) => ids.has(e.source as string) && ids.has(e.target as string))).toBe(true);
    // A title with commas is quoted, and reads back whole.
    const fs = edges.find((e) => e.treaty === 'franco-soviet-1935');
    expect(fs?.title).toBe(corpus.treaties.get('franco-soviet-1935')?.title);
    expect(nodes.find((n) => n.id === 'GMY')).toMatchObject({ type: 'state', ccode: '255', abb: 'GMY', label: 'Germany' });
  });

  it('gives byte-identical files for the same day', () => {
    const again = treatyNetwork(corpus, parseDate(day));
    expect(networkGexf(again)).toBe(networkGexf(network));
    expect(networkGraphml(again)).toBe(networkGraphml(network));
  });
});

describe('reports and timelines as CSV with COW numbers', () => {
  it('writes a report as one row per norm instance, read back with its statuses and COW numbers', () => {
    const report = evaluate(corpus, italy, italy.at ?? parseDate('1937-04-01'), { explain: false });
    const back = rows(reportCsv(corpus, report));
    expect(back).toHaveLength(report.norms.length);
    back.forEach((r, i) => {
      const n = report.norms[i];
      expect(r.norm).toBe(n?.norm);
      expect(r.status).toBe(n?.status);
      expect(Number(r.holder_ccode)).toBe(corpus.states.find(n?.holder as string)?.ccode);
    });
    expect(back.find((r) => r.norm === 'franco-soviet-1935/art-2')).toMatchObject({
      holder: 'FRN',
      holder_ccode: '220',
      beneficiary_ccode: '365',
      counterparty_ccode: '255',
      status: 'pending',
      vetoes: 'ITA',
    });
  });

  it('writes a timeline as one row per band', () => {
    const t = scenarioTimeline(corpus, italy, parseDate('1937-04-01'));
    const back = rows(scenarioTimelineCsv(corpus, t));
    const bands = t.treaties.reduce((a, x) => a + x.bands.length, 0) + t.instances.reduce((a, x) => a + x.bands.length, 0);
    expect(back).toHaveLength(bands);
    const fs = back.filter((r) => r.norm === 'franco-soviet-1935/art-2' && r.holder === 'FRN');
    expect(fs.at(-1)).toMatchObject({ status: 'pending', to: '', holder_ccode: '220' });
  });

  it('quotes what needs quoting, as RFC 4180 says', () => {
    const text = csvTable(['a', 'b'] as const, [
      { a: 'x, "y"', b: 'line\nbreak' },
      { a: undefined, b: 3 },
    ]);
    expect(text).toBe('a,b\n"x, ""y""","line\nbreak"\n,3\n');
    expect(rows(text)).toEqual([
      { a: 'x, "y"', b: 'line\nbreak' },
      { a: '', b: '3' },
    ]);
  });
});

describe('the directed dyad-year universe', () => {
  const model = sweepModel(corpus);
  const sweep = (form: SweepJob['form'], from: number, to: number) => {
    const job: SweepJob = { corpusDir: '', withFiles: [], from, to, form, unprovoked: false, format: 'csv' };
    let text = sweepHead(job, '');
    runSweepYears(
      model,
      job,
      from,
      to,
      (l) => (text += l),
      () => {},
      true,
    );
    return text;
  };

  it('has every ordered pair of system members each year, and the allied pairs of the ATOP form exactly', () => {
    const universe = rows(sweep('universe', 1936, 1938));
    const atop = rows(sweep('atop', 1936, 1938));
    let pairs = 0;
    for (let y = 1936; y <= 1938; y++) {
      // The year's system members, and any state an obligation is owed by or to (a government in exile).
      const members = new Set(systemIn(model, y).map((s) => String(corpus.states.find(s)?.ccode)));
      for (const r of atop.filter((x) => x.year === String(y))) members.add(r.ccode1 as string).add(r.ccode2 as string);
      pairs += members.size * (members.size - 1);
    }
    expect(universe).toHaveLength(pairs);
    expect(universe.every((r) => r.ccode1 !== r.ccode2)).toBe(true);
    const key = (r: Record<string, string>) => [r.ccode1, r.ccode2, r.year, ...SWEEP_OBLIGATIONS.map((o) => r[o])].join(',');
    const allied = universe.filter((r) => SWEEP_OBLIGATIONS.some((o) => r[o] === '1')).map(key);
    expect(allied).toEqual(atop.map(key));
    expect(universe.find((r) => r.stateabb1 === 'FRN' && r.stateabb2 === 'RUS' && r.year === '1937')).toMatchObject({ defense: '1' });
    expect(universe.find((r) => r.stateabb1 === 'FRN' && r.stateabb2 === 'RUS' && r.year === '1935')).toBeUndefined();
  });

  it('writes the same rows as an Arrow file that apache-arrow reads back', () => {
    const text = sweep('universe', 1937, 1937);
    const collector = new ArrowCollector(HEADERS.universe, new Set(['stateabb1', 'stateabb2']), new Set(SWEEP_OBLIGATIONS));
    collector.push(text);
    const table = tableFromIPC(collector.bytes());
    const csv = rows(text);
    expect(table.numRows).toBe(csv.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual(HEADERS.universe);
    const i = csv.findIndex((r) => r.stateabb1 === 'FRN' && r.stateabb2 === 'RUS');
    const row = table.get(i)?.toJSON() as Record<string, unknown>;
    expect(row).toMatchObject({ ccode1: 220, ccode2: 365, stateabb1: 'FRN', stateabb2: 'RUS', year: 1937, defense: 1 });
  });
});

/** The universe of one year, as the sweep writes it. */
function universe(year: number): string {
  const job: SweepJob = { corpusDir: '', withFiles: [], from: year, to: year, form: 'universe', unprovoked: false, format: 'csv' };
  let text = sweepHead(job, '');
  runSweepYears(
    sweepModel(corpus),
    job,
    year,
    year,
    (l) => (text += l),
    () => {},
    true,
  );
  return text;
}

describe('casus export', () => {
  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };

  it('writes the network, a report, a timeline and the universe, and refuses a bad format with exit 2', async () => {
    const g = await cli('export', 'network', '--at', '1936-03-27');
    expect(g.code).toBe(0);
    expect(gexf.parse(Graph, g.out).hasNode('FRN')).toBe(true);
    expect((await cli('export', 'network', '--at', '1936-03-27', '--format', 'edges-csv')).out).toBe(
      networkEdgesCsv(treatyNetwork(corpus, parseDate('1936-03-27'))),
    );
    const r = await cli('export', 'report', italyFile);
    expect(rows(r.out).find((x) => x.norm === 'franco-soviet-1935/art-2')?.status).toBe('pending');
    expect(rows((await cli('export', 'timeline', italyFile)).out).length).toBeGreaterThan(0);
    const out = join(tempDir('casus-export-'), 'u.arrow');
    const u = await cli('export', 'dyad-years', '--from', '1937', '--to', '1937', '--format', 'arrow', '--out', out);
    expect(u.code).toBe(0);
    expect(tableFromIPC(readFileSync(out)).numRows).toBe(rows(universe(1937)).length);
    const bad = await cli('export', 'network', '--at', '1936-03-27', '--format', 'pajek');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--format is one of gexf, graphml, nodes-csv, edges-csv/);
    expect((await cli('export', 'network', '--at', '1936')).err).toMatch(/--at is a day/);
    expect((await cli('export', 'dyad-years', '--from', '1937', '--to', '1937', '--format', 'arrow')).err).toMatch(/--out/);
  });
});

describe('the downloads of the HTTP API', () => {
  const app = createApp(corpus, new Store(':memory:'));
  const get = (path: string) => app.request(path);

  it('serves the network, the universe and a run as files, each with its type and name', async () => {
    const g = await get('/api/export/network?at=1936-03-27');
    expect(g.status).toBe(200);
    expect(g.headers.get('content-type')).toBe('application/gexf+xml');
    expect(g.headers.get('content-disposition')).toBe('attachment; filename="casus-network-1936-03-27.gexf"');
    expect(gexf.parse(Graph, await g.text()).size).toBe(expectedCounts('1936-03-27').edges);
    const nodes = await get('/api/export/network?at=1936-03-27&format=nodes-csv');
    expect(rows(await nodes.text()).length).toBe(treatyNetwork(corpus, parseDate('1936-03-27')).nodes.length);
    expect((await get('/api/export/network?at=1936')).status).toBe(400);
    expect((await get('/api/export/network?at=1936-03-27&format=pajek')).status).toBe(400);

    const u = await get('/api/export/dyad-years?from=1937&to=1937&format=arrow');
    expect(u.status).toBe(200);
    expect(tableFromIPC(new Uint8Array(await u.arrayBuffer())).numRows).toBe(
      rows(await (await get('/api/export/dyad-years?from=1937&to=1937')).text()).length,
    );
    expect((await get('/api/export/dyad-years?from=1900&to=1960')).status).toBe(413);

    const run = await app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ yaml: readFileSync(italyFile, 'utf8') }),
    });
    const { run: id } = (await run.json()) as { run: number };
    const report = await get(`/api/runs/${id}/export`);
    expect(report.headers.get('content-disposition')).toBe(`attachment; filename="casus-run-${id}-hollow-threat-italy-1937-report.csv"`);
    expect(rows(await report.text()).find((r) => r.norm === 'franco-soviet-1935/art-2')?.vetoes).toBe('ITA');
    const timeline = await get(`/api/runs/${id}/export?format=timeline-csv`);
    expect(rows(await timeline.text()).some((r) => r.row === 'instance')).toBe(true);
    expect((await get('/api/runs/999/export')).status).toBe(404);
  });
});

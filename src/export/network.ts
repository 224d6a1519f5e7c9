import { corpusStatus } from '../analysis/corpus-time.js';
import { buildTreatyWeb } from '../analysis/treaty-web.js';
import { fromDayNumber, type PartialDate } from '../base/partial-date.js';
import { T } from '../base/tri.js';
import type { Corpus } from '../corpus/treaty.js';
import { type BindingSpan, bindingSpans, corpusLeague, type TreatyKind, treatyKindOf } from '../engine/binding.js';
import { treatyLife } from '../engine/treaty-status.js';
import { csvTable } from './csv.js';

/** A node of the exported network: a state, or a large multilateral treaty drawn as a hub. */
export interface NetworkNode {
  id: string;
  type: 'state' | 'treaty';
  /** COW number (states only). */
  ccode?: number;
  /** COW abbreviation (states only). */
  abb?: string;
  /** The state's name, or the treaty's title. */
  label: string;
}

/** An edge: one treaty between two states it binds that day, or a hub treaty and one state it binds. */
export interface NetworkEdge {
  id: string;
  source: string;
  target: string;
  treaty: string;
  title: string;
  kind: TreatyKind;
  /**
   * The first day of the stretch, around the day asked, on which the treaty may bind the pair (the
   * engine's `bindingSpans`: true, or unknown where the record gives only a year or a month).
   */
  start: string;
  /** The first day of that stretch on which it surely binds them (later than `start` when the record is a partial date). */
  sureStart: string;
  /** The stretch's last day; absent when it runs on past the end of the state data. */
  end?: string;
  /** How many parties the treaty has that day (original and acceded). */
  parties: number;
}

export interface Network {
  at: string;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** How the network was drawn, in words: written into every export's header. */
  description: string;
}

/** The formats `exportNetwork` writes. */
export const NETWORK_FORMATS = ['gexf', 'graphml', 'nodes-csv', 'edges-csv'] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

/** Each format's file extension and media type. */
export const NETWORK_FILES: Record<NetworkFormat, { suffix: string; type: string }> = {
  gexf: { suffix: '.gexf', type: 'application/gexf+xml' },
  graphml: { suffix: '.graphml', type: 'application/graphml+xml' },
  'nodes-csv': { suffix: '-nodes.csv', type: 'text/csv; charset=utf-8' },
  'edges-csv': { suffix: '-edges.csv', type: 'text/csv; charset=utf-8' },
};

/**
 * The treaty web of a day as a graph, the same one the web app draws (`buildTreatyWeb`): a treaty
 * of up to five parties is an edge between every two states it binds; a larger one (the Covenant,
 * Kellogg-Briand) is a hub node linked to each state it binds, so that a Gephi user can keep or
 * drop the hubs with one filter on `type`. Treaties in force for fewer than two parties, suspended
 * or only signed are not edges (as in the app). Nodes and edges are sorted, so the same day gives
 * byte-identical files.
 */
export function treatyNetwork(corpus: Corpus, day: PartialDate): Network {
  const status = corpusStatus(corpus, day);
  const at = day.text;
  const summaries = [...corpus.treaties.values()].map((t) => ({ treaty: t.slug, parties: t.parties, kind: treatyKindOf(t) }));
  const web = buildTreatyWeb({ at, treaties: status }, summaries);
  const league = corpusLeague(corpus);
  const asked = day.hi - day.lo === 1 ? day.lo : day.hi - 1;
  const partyCount = new Map(status.map((s) => [s.treaty, Math.max(corpus.treaties.get(s.treaty)?.parties.length ?? 0, s.parties.length)]));
  // COW's state list ends with every state still in the system (states2016: 2016-12-31): an end
  // there is the data's, not the treaty's, and is written as no end.
  const dataEnd = Math.max(0, ...corpus.states.states.flatMap((st) => st.spells.map((x) => x.to.hi)));
  /**
   * The stretch of days around the day asked on which the engine's binding rule is true or
   * unknown for holder toward beneficiary (`bindingSpans`), unknown days before and after
   * included, and the first day on which it is surely true.
   */
  const around = (treaty: string, holder: string, beneficiary: string): { lo: number; sure: number; hi: number } | undefined => {
    const t = corpus.treaties.get(treaty);
    if (!t) return undefined;
    const spans = bindingSpans(corpus, treatyLife(t, []), holder, beneficiary, {}, league);
    let i = spans.findIndex((x) => x.lo <= asked && asked < x.hi);
    if (i < 0) return undefined;
    let j = i;
    while (i > 0 && (spans[i - 1] as BindingSpan).hi === (spans[i] as BindingSpan).lo) i--;
    while (j < spans.length - 1 && (spans[j] as BindingSpan).hi === (spans[j + 1] as BindingSpan).lo) j++;
    const run = spans.slice(i, j + 1);
    return { lo: (run[0] as BindingSpan).lo, sure: run.find((x) => x.value === T)?.lo ?? asked, hi: (run.at(-1) as BindingSpan).hi };
  };
  /** An edge's stretch: the days on which the treaty binds each end toward the other (both can owe). */
  const stretch = (treaty: string, a: string, b: string): Pick<NetworkEdge, 'start' | 'sureStart' | 'end'> => {
    const one = around(treaty, a, b);
    const two = around(treaty, b, a);
    if (!one || !two) return { start: at, sureStart: at };
    const hi = Math.min(one.hi, two.hi);
    return {
      start: fromDayNumber(Math.max(one.lo, two.lo)).text,
      sureStart: fromDayNumber(Math.max(one.sure, two.sure)).text,
      ...(Number.isFinite(hi) && hi < dataEnd ? { end: fromDayNumber(hi - 1).text } : {}),
    };
  };
  const states = new Set<string>(web.states);
  const edges: NetworkEdge[] = web.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    treaty: e.treaty,
    title: e.title,
    kind: e.kind,
    ...stretch(e.treaty, e.source, e.target),
    parties: partyCount.get(e.treaty) ?? 0,
  }));
  const hubs: NetworkNode[] = [];
  for (const h of web.large) {
    hubs.push({ id: h.treaty, type: 'treaty', label: h.title });
    for (const s of [...new Set(h.bound)].sort()) {
      states.add(s);
      // A hub edge's stretch is the state's own tie to the treaty: the rule read with the state at
      // both ends (it is a party, bound, and can owe), not a duty owed to itself.
      edges.push({
        id: `${h.treaty}:${s}`,
        source: h.treaty,
        target: s,
        treaty: h.treaty,
        title: h.title,
        kind: h.kind,
        ...stretch(h.treaty, s, s),
        parties: partyCount.get(h.treaty) ?? 0,
      });
    }
  }
  const nodes: NetworkNode[] = [
    ...[...states].sort().map((abb): NetworkNode => {
      const st = corpus.states.states.find((x) => x.abb === abb);
      return { id: abb, type: 'state', ...(st ? { ccode: st.ccode } : {}), abb, label: st?.name ?? abb };
    }),
    ...hubs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  ];
  edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    at,
    nodes,
    edges,
    description:
      `The treaties in force on ${at} between the states they bind, as casus's engine reads them. ` +
      'Treaties of more than five parties are hub nodes (type treaty) linked to each state they bind. ' +
      'An edge runs from start to end, the stretch of days around that day on which the treaty binds the pair; ' +
      'sureStart is the first day it surely does (later where the record gives only a year or a month); no end: it runs past the state data.',
  };
}

/** XML text and attribute escaping. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NODE_ATTRS = [
  ['type', 'string'],
  ['ccode', 'integer'],
  ['abb', 'string'],
] as const;
const EDGE_ATTRS = [
  ['treaty', 'string'],
  ['title', 'string'],
  ['kind', 'string'],
  ['start', 'string'],
  ['sureStart', 'string'],
  ['end', 'string'],
  ['parties', 'integer'],
] as const;

function nodeValue(n: NetworkNode, key: (typeof NODE_ATTRS)[number][0]): string | number | undefined {
  return n[key];
}
function edgeValue(e: NetworkEdge, key: (typeof EDGE_ATTRS)[number][0]): string | number | undefined {
  return e[key];
}

/** GEXF 1.3 (Gephi's own format): nodes labelled by name, each edge with its treaty and its stretch as a spell. */
export function networkGexf(n: Network): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
  );
  out.push(`  <meta>\n    <creator>casus</creator>\n    <description>${xml(n.description)}</description>\n  </meta>`);
  out.push('  <graph defaultedgetype="undirected" mode="static">');
  out.push('    <attributes class="node">');
  for (const [id, type] of NODE_ATTRS) out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  out.push('    </attributes>');
  out.push('    <attributes class="edge">');
  for (const [id, type] of EDGE_ATTRS) out.push(`      <attribute id="${id}" title="${id}" type="${type}"/>`);
  out.push('    </attributes>');
  out.push('    <nodes>');
  for (const node of n.nodes) {
    out.push(`      <node id="${xml(node.id)}" label="${xml(node.label)}">`);
    out.push('        <attvalues>');
    for (const [id] of NODE_ATTRS) {
      const v = nodeValue(node, id);
      if (v !== undefined) out.push(`          <attvalue for="${id}" value="${xml(String(v))}"/>`);
    }
    out.push('        </attvalues>');
    out.push('      </node>');
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  for (const e of n.edges) {
    out.push(`      <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}" label="${xml(e.treaty)}">`);
    out.push('        <attvalues>');
    for (const [id] of EDGE_ATTRS) {
      const v = edgeValue(e, id);
      if (v !== undefined) out.push(`          <attvalue for="${id}" value="${xml(String(v))}"/>`);
    }
    out.push('        </attvalues>');
    out.push('      </edge>');
  }
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return `${out.join('\n')}\n`;
}

/** GraphML (yEd, igraph, networkx, R's igraph::read_graph): the same nodes, edges and attributes. */
export function networkGraphml(n: Network): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  );
  out.push(`  <desc>${xml(n.description)}</desc>`);
  const type = (t: string) => (t === 'integer' ? 'int' : 'string');
  out.push('  <key id="label" for="node" attr.name="label" attr.type="string"/>');
  for (const [id, t] of NODE_ATTRS) out.push(`  <key id="${id}" for="node" attr.name="${id}" attr.type="${type(t)}"/>`);
  for (const [id, t] of EDGE_ATTRS) out.push(`  <key id="e_${id}" for="edge" attr.name="${id}" attr.type="${type(t)}"/>`);
  out.push('  <graph id="treaties" edgedefault="undirected">');
  for (const node of n.nodes) {
    out.push(`    <node id="${xml(node.id)}">`);
    out.push(`      <data key="label">${xml(node.label)}</data>`);
    for (const [id] of NODE_ATTRS) {
      const v = nodeValue(node, id);
      if (v !== undefined) out.push(`      <data key="${id}">${xml(String(v))}</data>`);
    }
    out.push('    </node>');
  }
  for (const e of n.edges) {
    out.push(`    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">`);
    for (const [id] of EDGE_ATTRS) {
      const v = edgeValue(e, id);
      if (v !== undefined) out.push(`      <data key="e_${id}">${xml(String(v))}</data>`);
    }
    out.push('    </edge>');
  }
  out.push('  </graph>');
  out.push('</graphml>');
  return `${out.join('\n')}\n`;
}

/** The node table: id, type, ccode, abb, label. */
export function networkNodesCsv(n: Network): string {
  return csvTable(['id', 'type', 'ccode', 'abb', 'label'] as const, n.nodes);
}

/** The edge table: id, source, target, treaty, title, kind, start, sure_start, end, parties. */
export function networkEdgesCsv(n: Network): string {
  return csvTable(
    ['id', 'source', 'target', 'treaty', 'title', 'kind', 'start', 'sure_start', 'end', 'parties'] as const,
    n.edges.map((e) => ({ ...e, sure_start: e.sureStart })),
  );
}

/** A network in one of NETWORK_FORMATS. */
export function exportNetwork(n: Network, format: NetworkFormat): string {
  switch (format) {
    case 'gexf':
      return networkGexf(n);
    case 'graphml':
      return networkGraphml(n);
    case 'nodes-csv':
      return networkNodesCsv(n);
    case 'edges-csv':
      return networkEdgesCsv(n);
  }
}

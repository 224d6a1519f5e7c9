import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { TreatyKind } from './api';
import { type LabelSide, placeLabels, statePosition } from './geo';
import type { TreatyWeb } from './treaty-web';
import type { Namer } from './words';

/** How an edge of one kind is drawn: colour, line, width, and for a dashed line its dash and gap. */
export interface KindStyle {
  color: string;
  line: 'solid' | 'dashed' | 'dotted';
  width: number;
  dash?: [number, number];
}

/** Cytoscape's own dash and gap for a dashed line. */
export const DEFAULT_DASH: [number, number] = [6, 3];

/**
 * Colour and line of each of the engine's kinds (GET /api/treaty-kinds): told apart by line style
 * too, not by colour alone. Non-aggression and consultation are both dashed, with short and long dashes.
 */
export const KIND_STYLE: Record<TreatyKind, KindStyle> = {
  'mutual-assistance': { color: '#b0302a', line: 'solid', width: 5 },
  guarantee: { color: '#1d5a8c', line: 'solid', width: 3.5 },
  'non-aggression': { color: '#2f7a3a', line: 'dashed', width: 3 },
  neutrality: { color: '#a86a00', line: 'dotted', width: 3.5 },
  consultation: { color: '#6a3d9a', line: 'dashed', width: 3, dash: [16, 6] },
  other: { color: '#6b6b6b', line: 'solid', width: 2 },
};

/** The style of a kind; an unknown one (a newer server) is drawn as `other`. */
export function kindStyle(kind: string): KindStyle {
  return KIND_STYLE[kind as TreatyKind] ?? KIND_STYLE.other;
}

interface Props {
  web: TreatyWeb;
  /** Draw the large multilateral treaties as hubs. */
  showLarge: boolean;
  name: Namer;
  onTreaty: (slug: string) => void;
  /** The state being explored: its treaties stand out, the rest fade. */
  focus?: string | undefined;
  /** A click on a state. */
  onState: (abb: string) => void;
}

/** A container narrower than this (a phone) labels states by abbreviation, in a larger type, and fits the picture to them. */
const NARROW = 600;

/** Cytoscape's label alignment and margins for each side of the dot. */
const SIDE_STYLE: Record<LabelSide, { valign: string; halign: string; mx: number; my: number }> = {
  top: { valign: 'top', halign: 'center', mx: 0, my: -4 },
  bottom: { valign: 'bottom', halign: 'center', mx: 0, my: 4 },
  right: { valign: 'center', halign: 'right', mx: 4, my: 0 },
  left: { valign: 'center', halign: 'left', mx: -4, my: 0 },
  'top-right': { valign: 'top', halign: 'right', mx: 0, my: 0 },
  'bottom-right': { valign: 'bottom', halign: 'right', mx: 0, my: 0 },
  'bottom-left': { valign: 'bottom', halign: 'left', mx: 0, my: 0 },
  'top-left': { valign: 'top', halign: 'left', mx: 0, my: 0 },
};

/** The treaty web as a cytoscape network: states at their capitals, one edge per treaty in force between two of them. */
export function Graph({ web, showLarge, name, onTreaty, focus, onState }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const open = useRef(onTreaty);
  open.current = onTreaty;
  const pick = useRef(onState);
  pick.current = onState;

  useEffect(() => {
    if (!box.current) return;
    const graph = cytoscape({
      container: box.current,
      elements: [],
      layout: { name: 'preset' },
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
      autoungrabify: true,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'background-color': '#2b2b2b',
            width: 16,
            height: 16,
            color: '#1a1a1a',
            'font-size': 'data(fontSize)' as unknown as number,
            'font-family': 'system-ui, sans-serif',
            'text-valign': 'data(valign)' as 'top',
            'text-halign': 'data(halign)' as 'center',
            'text-margin-x': 'data(mx)' as unknown as number,
            'text-margin-y': 'data(my)' as unknown as number,
            'text-background-color': '#fbfaf6',
            'text-background-opacity': 0.85,
            'text-background-padding': '2px',
          },
        },
        {
          selector: 'node.hub',
          style: {
            shape: 'round-rectangle',
            'background-color': '#fbfaf6',
            'border-width': 2,
            'border-color': '#555',
            width: 22,
            height: 22,
            'font-style': 'italic',
          },
        },
        {
          selector: 'edge',
          style: {
            'curve-style': 'bezier',
            'control-point-step-size': 22,
            width: 'data(width)',
            'line-color': 'data(color)',
            'line-style': 'data(line)' as 'solid',
            opacity: 0.9,
          },
        },
        // A dash pattern cannot come from data(): one class per kind carries it.
        ...Object.entries(KIND_STYLE).flatMap(([kind, st]) =>
          st.dash ? [{ selector: `edge.kind-${kind}`, style: { 'line-dash-pattern': st.dash } }] : [],
        ),
        { selector: 'node.corner', style: { opacity: 0, events: 'no', width: 1, height: 1 } },
        // A hub's edges to its many parties are drawn only while it is pointed at, or to the state explored.
        { selector: 'edge.hub', style: { width: 1.5, opacity: 0.6, display: 'none' } },
        { selector: 'edge.hub.show', style: { display: 'element' } },
        { selector: 'node.faded', style: { opacity: 0.25 } },
        { selector: 'edge.faded', style: { opacity: 0.08 } },
        {
          selector: 'node.focus',
          style: {
            'background-color': '#f2b300',
            'border-width': 3,
            'border-color': '#1a1a1a',
            width: 22,
            height: 22,
            'font-weight': 'bold',
          },
        },
        {
          selector: 'edge:active, edge.hover',
          style: {
            'overlay-opacity': 0.15,
            'overlay-color': '#000',
            label: 'data(label)',
            'font-size': 13,
            'text-background-color': '#fff',
            'text-background-opacity': 1,
          },
        },
      ],
    });
    graph.on('tap', 'edge', (e) => open.current(e.target.data('treaty')));
    graph.on('tap', 'node.hub', (e) => open.current(e.target.data('treaty')));
    graph.on('tap', 'node.state', (e) => pick.current(e.target.id()));
    graph.on('mouseover', 'node.hub', (e) => e.target.connectedEdges().addClass('show'));
    graph.on('mouseout', 'node.hub', (e) => e.target.connectedEdges().not('.to-focus').removeClass('show'));
    graph.on('mouseover', 'node.state', () => {
      if (box.current) box.current.style.cursor = 'pointer';
    });
    graph.on('mouseout', 'node.state', () => {
      if (box.current) box.current.style.cursor = '';
    });
    graph.on('mouseover', 'edge', (e) => {
      e.target.addClass('hover');
      if (box.current) box.current.style.cursor = 'pointer';
    });
    graph.on('mouseout', 'edge', (e) => {
      e.target.removeClass('hover');
      if (box.current) box.current.style.cursor = '';
    });
    cy.current = graph;
    return () => {
      graph.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const graph = cy.current;
    if (!graph) return;
    const els: ElementDefinition[] = [];
    const states = new Set(web.states);
    if (showLarge) for (const h of web.large) for (const s of h.bound) states.add(s);
    if (focus) states.add(focus);
    const narrow = (box.current?.clientWidth ?? 1000) < NARROW;
    const fontSize = narrow ? 30 : 20;
    // Two invisible corners around Europe from Paris to Moscow keep the picture still as states come and go (not on a phone: there the states fill it).
    const corners: Array<[number, number]> = narrow
      ? []
      : [
          [showLarge ? -560 : -20, -40],
          [720, 560],
        ];
    for (const [i, [x, y]] of corners.entries()) {
      els.push({ group: 'nodes', classes: 'corner', data: { id: `corner-${i}`, label: '' }, position: { x, y } });
    }
    let spare = 0;
    const drawn = [...states].sort().map((s) => ({
      id: s,
      text: narrow ? s : name(s).replace(/^the /, ''),
      ...statePosition(s, spare++),
    }));
    const sides = placeLabels(drawn, fontSize);
    const near = new Set<string>();
    if (focus) {
      for (const e of web.edges) if (e.source === focus || e.target === focus) near.add(e.source).add(e.target);
    }
    for (const d of drawn) {
      const side = SIDE_STYLE[sides.get(d.id) ?? 'top'];
      const classes = ['state', focus === d.id ? 'focus' : focus && !near.has(d.id) ? 'faded' : ''].filter(Boolean).join(' ');
      els.push({ group: 'nodes', classes, data: { id: d.id, label: d.text, fontSize, ...side }, position: { x: d.x, y: d.y } });
    }
    for (const e of web.edges) {
      const st = kindStyle(e.kind);
      const faded = focus && e.source !== focus && e.target !== focus;
      els.push({
        group: 'edges',
        classes: `kind-${e.kind}${faded ? ' faded' : ''}`,
        data: { id: e.id, source: e.source, target: e.target, treaty: e.treaty, label: e.title, kind: e.kind, ...st },
      });
    }
    if (showLarge) {
      web.large.forEach((h, i) => {
        const id = `hub:${h.treaty}`;
        const st = kindStyle(h.kind);
        const short = h.title.split(/ between | \(/)[0] as string;
        els.push({
          group: 'nodes',
          classes: `hub${focus && !h.bound.includes(focus) ? ' faded' : ''}`,
          data: {
            id,
            treaty: h.treaty,
            label: narrow ? `${short.split(' ').slice(0, 3).join(' ')}… (${h.bound.length})` : `${short} (${h.bound.length})`,
            fontSize: narrow ? 24 : 16,
            ...SIDE_STYLE.right,
          },
          position: { x: -500, y: 40 + i * 110 },
        });
        for (const s of h.bound) {
          const toFocus = s === focus;
          els.push({
            group: 'edges',
            classes: `hub kind-${h.kind}${toFocus ? ' show to-focus' : ''}`,
            data: { id: `${id}:${s}`, source: id, target: s, treaty: h.treaty, label: h.title, ...st },
          });
        }
      });
    }
    const ids = els
      .filter((e) => e.group === 'nodes')
      .map((e) => e.data.id)
      .join(' ');
    graph.batch(() => {
      graph.elements().remove();
      graph.add(els);
    });
    // Refit only when the set of states changes, so that moving the slider does not undo a zoom.
    if (ids !== graph.scratch('ids')) graph.fit(undefined, 24);
    graph.scratch('ids', ids);
  }, [web, showLarge, name, focus]);

  return (
    <div
      className="graph"
      ref={box}
      role="img"
      aria-label={`Network of ${web.edges.length} treaties in force between states on ${web.at}${focus ? `, ${name(focus)}’s standing out` : ''}; click a state to explore it; the same treaties are listed below.`}
    />
  );
}

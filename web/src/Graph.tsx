import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { TreatyKind } from './api';
import { statePosition } from './geo';
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
}

/** The treaty web as a cytoscape network: states at their capitals, one edge per treaty in force between two of them. */
export function Graph({ web, showLarge, name, onTreaty }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const open = useRef(onTreaty);
  open.current = onTreaty;

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
            'font-size': 20,
            'font-family': 'system-ui, sans-serif',
            'text-valign': 'top',
            'text-margin-y': -4,
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
        { selector: 'edge.hub', style: { width: 1, opacity: 0.45 } },
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
    // Two invisible corners around Europe from Paris to Moscow keep the picture still as states come and go.
    const corners: Array<[number, number]> = [
      [showLarge ? -560 : -20, -40],
      [720, 560],
    ];
    for (const [i, [x, y]] of corners.entries()) {
      els.push({ group: 'nodes', classes: 'corner', data: { id: `corner-${i}`, label: '' }, position: { x, y } });
    }
    let spare = 0;
    for (const s of [...states].sort()) {
      els.push({ group: 'nodes', data: { id: s, label: name(s).replace(/^the /, '') }, position: statePosition(s, spare++) });
    }
    for (const e of web.edges) {
      const st = kindStyle(e.kind);
      els.push({
        group: 'edges',
        classes: `kind-${e.kind}`,
        data: { id: e.id, source: e.source, target: e.target, treaty: e.treaty, label: e.title, kind: e.kind, ...st },
      });
    }
    if (showLarge) {
      web.large.forEach((h, i) => {
        const id = `hub:${h.treaty}`;
        const st = kindStyle(h.kind);
        els.push({
          group: 'nodes',
          classes: 'hub',
          data: { id, treaty: h.treaty, label: h.title.split(/ between | \(/)[0] },
          position: { x: -500, y: 40 + i * 110 },
        });
        for (const s of h.bound) {
          els.push({
            group: 'edges',
            classes: `hub kind-${h.kind}`,
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
  }, [web, showLarge, name]);

  return (
    <div
      className="graph"
      ref={box}
      role="img"
      aria-label={`Network of ${web.edges.length} treaties in force between states on ${web.at}; the same treaties are listed below.`}
    />
  );
}

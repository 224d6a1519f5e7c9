/**
 * Where each state sits in the treaty web: its capital's longitude and latitude, so that the
 * picture stays put as the date moves and reads like a map of Europe (Asia squeezed to the right).
 */
const CAPITALS: Record<string, [number, number]> = {
  USA: [-16, 44],
  CAN: [-16, 54],
  UKG: [-0.1, 51.5],
  IRE: [-6.3, 53.3],
  NTH: [4.9, 52.4],
  BEL: [4.4, 50.8],
  LUX: [6.1, 49.6],
  FRN: [2.3, 48.9],
  SWZ: [7.4, 46.9],
  SPN: [-3.7, 40.4],
  POR: [-9.1, 38.7],
  GMY: [13.4, 52.5],
  POL: [21.0, 52.2],
  AUS: [16.4, 48.2],
  HUN: [19.0, 47.5],
  CZE: [14.4, 50.1],
  ITA: [12.5, 41.9],
  ALB: [19.8, 41.3],
  YUG: [20.5, 44.8],
  GRC: [23.7, 38.0],
  BUL: [23.3, 42.7],
  ROM: [26.1, 44.4],
  RUS: [37.6, 55.8],
  EST: [24.7, 59.4],
  LAT: [24.1, 56.9],
  LIT: [23.9, 54.9],
  FIN: [24.9, 60.2],
  SWD: [18.1, 59.3],
  NOR: [10.8, 59.9],
  DEN: [12.6, 55.7],
  ICE: [-14, 63],
  TUR: [32.9, 39.9],
  IRN: [51.4, 35.7],
  IRQ: [44.4, 33.3],
  EGY: [31.2, 30.0],
  SAU: [46.7, 24.7],
  AFG: [69.2, 34.5],
  CHN: [118.8, 32.1],
  MON: [106.9, 47.9],
  JPN: [139.7, 35.7],
  THI: [100.5, 13.8],
  MCK: [125.3, 43.9],
  AUL: [120, 10],
  NEW: [130, 8],
  SAF: [18.4, 30],
  SVK: [17.1, 48.1],
  NDH: [16.0, 45.8],
};

/** The place of a state on the canvas (x grows east, y south); states with no capital listed go on a row below. */
export function statePosition(abb: string, fallbackIndex: number): { x: number; y: number } {
  const c = CAPITALS[abb];
  if (!c) return { x: -200 + (fallbackIndex % 12) * 90, y: 760 + Math.floor(fallbackIndex / 12) * 50 };
  const [lon, lat] = c;
  // East of the Urals, one degree of longitude counts for a fifth: Moscow and Tokyo both fit.
  const east = lon > 45 ? 45 + (lon - 45) / 5 : lon;
  // South of 36°N, one degree of latitude counts for a third: Cairo and Bangkok stay near.
  const south = lat >= 36 ? 62 - lat : 26 + (36 - lat) / 3;
  return { x: east * 18, y: south * 24 };
}

/** Where a node's label sits: above, to the right, below or to the left of its dot, or at a corner. */
export type LabelSide = 'top' | 'right' | 'bottom' | 'left' | 'top-right' | 'bottom-right' | 'bottom-left' | 'top-left';

/** The sides tried, in order of preference: straight sides first, then the corners. */
export const LABEL_SIDES: readonly LabelSide[] = ['top', 'right', 'bottom', 'left', 'top-right', 'bottom-right', 'bottom-left', 'top-left'];

/** A label to place: its node's position and its text. */
export interface LabelInput {
  id: string;
  x: number;
  y: number;
  text: string;
}

/** The box a label takes, in the picture's units, on one side of a dot of radius `dot`. */
export function labelBox(l: LabelInput, side: LabelSide, fontSize: number, dot = 8): { x1: number; y1: number; x2: number; y2: number } {
  // system-ui averages a little over half an em per character; a line is 1.2 em with the label's padding.
  const w = l.text.length * fontSize * 0.6 + 4;
  const h = fontSize * 1.25;
  const gap = dot + 3;
  switch (side) {
    case 'top':
      return { x1: l.x - w / 2, y1: l.y - gap - h, x2: l.x + w / 2, y2: l.y - gap };
    case 'bottom':
      return { x1: l.x - w / 2, y1: l.y + gap, x2: l.x + w / 2, y2: l.y + gap + h };
    case 'right':
      return { x1: l.x + gap, y1: l.y - h / 2, x2: l.x + gap + w, y2: l.y + h / 2 };
    case 'left':
      return { x1: l.x - gap - w, y1: l.y - h / 2, x2: l.x - gap, y2: l.y + h / 2 };
    case 'top-right':
      return { x1: l.x + dot, y1: l.y - dot - h, x2: l.x + dot + w, y2: l.y - dot };
    case 'bottom-right':
      return { x1: l.x + dot, y1: l.y + dot, x2: l.x + dot + w, y2: l.y + dot + h };
    case 'bottom-left':
      return { x1: l.x - dot - w, y1: l.y + dot, x2: l.x - dot, y2: l.y + dot + h };
    case 'top-left':
      return { x1: l.x - dot - w, y1: l.y - dot - h, x2: l.x - dot, y2: l.y - dot };
  }
}

type Box = { x1: number; y1: number; x2: number; y2: number };
const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * A side for every label such that no two labels overlap and no label covers another state's dot,
 * where one can be found: each label in turn (crowded ones first: those with the most dots near
 * them) takes the first side, of top, right, bottom, left and the four corners, that is free; a label with no free side
 * takes the side that overlaps least. Deterministic: the same states give the same sides.
 */
export function placeLabels(labels: readonly LabelInput[], fontSize: number, dot = 8): Map<string, LabelSide> {
  const dots: Box[] = labels.map((l) => ({ x1: l.x - dot, y1: l.y - dot, x2: l.x + dot, y2: l.y + dot }));
  const reach = fontSize * 8;
  const crowd = (l: LabelInput) => labels.filter((m) => m !== l && Math.abs(m.x - l.x) < reach && Math.abs(m.y - l.y) < reach).length;
  const order = [...labels].sort((a, b) => crowd(b) - crowd(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placed: Box[] = [];
  const out = new Map<string, LabelSide>();
  for (const l of order) {
    const own = labels.indexOf(l);
    let best: { side: LabelSide; cost: number; box: Box } | undefined;
    for (const side of LABEL_SIDES) {
      const box = labelBox(l, side, fontSize, dot);
      const cost = placed.filter((p) => overlaps(p, box)).length * 2 + dots.filter((d, i) => i !== own && overlaps(d, box)).length;
      if (!best || cost < best.cost) best = { side, cost, box };
      if (cost === 0) break;
    }
    const chosen = best as { side: LabelSide; box: Box };
    out.set(l.id, chosen.side);
    placed.push(chosen.box);
  }
  return out;
}

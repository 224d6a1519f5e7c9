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

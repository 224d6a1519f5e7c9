import { describe, expect, it } from 'vitest';
import { corpusStatus } from '../../src/analysis/corpus-time.js';
import { buildTreatyWeb } from '../../src/analysis/treaty-web.js';
import { parseDate } from '../../src/base/partial-date.js';
import { defaultCorpus } from '../../src/corpus/load-corpus.js';
import { treatyKindOf } from '../../src/engine/binding.js';
import { labelBox, placeLabels, statePosition } from './geo';

const corpus = defaultCorpus();
const summaries = [...corpus.treaties.values()].map((t) => ({ treaty: t.slug, parties: t.parties, kind: treatyKindOf(t) }));
const nameOf = (abb: string) => (corpus.states.find(abb)?.name ?? abb).replace(/^the /, '');

/** The labels the treaty web draws on a day: every state of an edge (and, with the hubs, every state a hub binds). */
function labels(day: string, hubs: boolean, short: boolean) {
  const web = buildTreatyWeb({ at: day, treaties: corpusStatus(corpus, parseDate(day)) }, summaries);
  const states = new Set(web.states);
  if (hubs) for (const h of web.large) for (const s of h.bound) states.add(s);
  return [...states].sort().map((s, i) => ({ id: s, text: short ? s : nameOf(s), ...statePosition(s, i) }));
}

type Box = ReturnType<typeof labelBox>;
const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Every pair of labels that overlap, and every label that covers another state's dot. */
function collisions(ls: ReturnType<typeof labels>, fontSize: number): string[] {
  const sides = placeLabels(ls, fontSize);
  const boxes = ls.map((l) => labelBox(l, sides.get(l.id) ?? 'top', fontSize));
  const out: string[] = [];
  ls.forEach((a, i) => {
    ls.forEach((b, j) => {
      if (j > i && overlap(boxes[i] as Box, boxes[j] as Box)) out.push(`${a.id}/${b.id}`);
      if (j !== i && overlap(boxes[i] as Box, { x1: b.x - 8, y1: b.y - 8, x2: b.x + 8, y2: b.y + 8 })) out.push(`${a.id} over ${b.id}`);
    });
  });
  return out;
}

describe('the treaty web’s labels', () => {
  it('never overlap on the days the app opens on, by name on a screen and by abbreviation on a phone', () => {
    for (const day of ['1925-12-01', '1936-03-26', '1936-03-27', '1938-09-29', '1939-09-01']) {
      expect(collisions(labels(day, false, false), 20), day).toEqual([]);
      expect(collisions(labels(day, false, true), 30), `${day}, phone`).toEqual([]);
    }
  });

  it('places Finland’s and Estonia’s labels apart (the two capitals are 80 km across the gulf)', () => {
    const ls = labels('1936-03-27', false, false);
    const sides = placeLabels(ls, 20);
    expect(sides.get('FIN')).not.toBe(sides.get('EST'));
  });

  it('gives the same sides for the same states', () => {
    const ls = labels('1939-09-01', true, false);
    const sorted = (m: Map<string, string>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(sorted(placeLabels([...ls].reverse(), 20))).toEqual(sorted(placeLabels(ls, 20)));
  });
});

import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest, nearestNames, normaliseName } from './nearest.js';

describe('did you mean', () => {
  it('measures edits on normalised names', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(normaliseName('  Great_Britain ')).toBe('great britain');
    expect(normaliseName('franco-soviet-1935/art-2')).toBe('franco soviet 1935 art 2');
  });

  it('suggests the closest names, closest first, and nothing for a name far from all', () => {
    const treaties = ['franco-soviet-1935', 'czech-soviet-1935', 'locarno-rhineland-1925', 'german-soviet-1939'];
    expect(nearestNames('franco-sovet-1935', treaties)).toEqual(['franco-soviet-1935']);
    expect(nearestNames('franco-soviet-1936', treaties)[0]).toBe('franco-soviet-1935');
    // A slug typed without its year is contained in the right one.
    expect(nearestNames('locarno', treaties)).toEqual(['locarno-rhineland-1925']);
    expect(nearestNames('versailles', treaties)).toEqual([]);
    expect(nearestNames('aggresion', ['aggression', 'threat', 'war-declaration'])).toEqual(['aggression']);
  });

  it('keeps at most three, in the given order when tied', () => {
    expect(nearestNames('ab', ['ac', 'ad', 'ae', 'af'])).toEqual(['ac', 'ad', 'ae']);
    expect(
      nearest(
        'gmy',
        [
          { k: 'GMY', n: 'Germany' },
          { k: 'ITA', n: 'Italy' },
        ],
        (x) => [x.k, x.n],
      ).map((x) => x.k),
    ).toEqual(['GMY']);
  });

  it('words the hint the same way everywhere', () => {
    expect(didYouMean('agression', ['aggression', 'threat'])).toBe(' (did you mean "aggression"?)');
    expect(didYouMean('art-', ['art-1', 'art-2', 'art-3'])).toBe(' (did you mean "art-1", "art-2" or "art-3"?)');
    expect(didYouMean('zzzzzz', ['aggression'])).toBe('');
  });
});

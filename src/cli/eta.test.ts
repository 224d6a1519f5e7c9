import { describe, expect, it } from 'vitest';
import { durationText, EtaEstimator } from './eta.js';

/** Feeds an estimator a synthetic clock: `startup` ms before the first item, then one item per `each(i)` ms. */
function feed(total: number, startup: number, each: (i: number) => number, options = {}) {
  const eta = new EtaEstimator(total, options);
  const texts: string[] = [];
  const remaining: Array<number | undefined> = [];
  // As in the CLI, the bar is started at 0 and the first report comes when the first item is done.
  let t = startup;
  for (let i = 1; i <= total; i++) {
    t += each(i);
    eta.update(i, t);
    texts.push(eta.text());
    remaining.push(eta.remainingMs());
  }
  return { texts, remaining };
}

describe('the progress estimate', () => {
  it('says "estimating" until it has seen work, and does not count set-up as work', () => {
    // 20,000 runs of 10 ms after a 3 s start (corpus, workers): the old bar said "1h25m" at run 1.
    const { texts, remaining } = feed(20_000, 3000, () => 10);
    expect(texts[0]).toBe('estimating time left');
    expect(texts.at(-2)).toBe('5s left');
    const firstKnown = remaining.findIndex((r) => r !== undefined);
    expect(firstKnown).toBeGreaterThan(0);
    // At every point after warm-up the estimate is within 10 % of the truth: (20,000 - i) × 10 ms.
    for (let i = firstKnown; i < remaining.length; i += 97) {
      const truth = (20_000 - (i + 1)) * 10;
      expect(Math.abs((remaining[i] as number) - truth)).toBeLessThanOrEqual(truth * 0.1 + 1);
    }
  });

  it('is not thrown by one slow item, but follows a lasting change of pace', () => {
    const { remaining } = feed(10_000, 0, (i) => (i === 3000 ? 2000 : i > 6000 ? 40 : 10));
    // The 2 s stall at item 3000 (some 70 s left) moves the estimate by under 12 %, then it recovers.
    const before = remaining[2998] as number;
    const after = remaining[2999] as number;
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBeLessThan(before * 0.12);
    const truth = (n: number) => (n <= 6000 ? (6000 - n) * 10 + 4000 * 40 : (10_000 - n) * 40);
    // Before item 6000 nothing foretells the change: the estimate is the old pace's.
    expect(Math.abs((remaining[5000] as number) - (10_000 - 5001) * 10)).toBeLessThan((10_000 - 5001) * 10 * 0.05);
    // From item 6000 each takes 40 ms: 80 s later (item 8000) the estimate is within 10 % of the truth.
    expect(Math.abs((remaining[7999] as number) - truth(8000))).toBeLessThan(truth(8000) * 0.1);
  });

  it('ignores updates that go back in time or in count, and ends at 0', () => {
    const eta = new EtaEstimator(10, { warmUpMs: 10, warmUpItems: 1 });
    eta.update(0, 0);
    eta.update(2, 100);
    eta.update(5, 250);
    const r = eta.remainingMs();
    eta.update(4, 300);
    eta.update(6, 200);
    expect(eta.remainingMs()).toBe(r);
    eta.update(10, 500);
    expect(eta.remainingMs()).toBe(0);
  });

  it('rounds the text so that it does not flicker', () => {
    expect([1, 4_000, 44_100, 57_000, 61_000, 200_000, 599_000, 3_000_000, 5_100_000].map(durationText)).toEqual([
      '5s',
      '5s',
      '45s',
      '1m 00s',
      '1m 00s',
      '3m 20s',
      '10m',
      '50m',
      '1h 25m',
    ]);
  });
});

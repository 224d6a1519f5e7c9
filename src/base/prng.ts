/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a 32-bit state advanced by a
 * Weyl increment and mixed by two multiply-xorshift steps; uniform numbers in [0, 1), period 2^32.
 * Small, fast and good enough to draw yes/no decisions and test questions; not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

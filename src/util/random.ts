/**
 * Randomness, injected and seedable, so a run driven by a seed can be replayed.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
}

/** Math.random behind the Random interface. */
export const systemRandom: Random = { next: () => Math.random() };

/** A small, fast, seedable generator (mulberry32). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

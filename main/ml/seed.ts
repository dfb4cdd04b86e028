/**
 * Reproducibility. tfjs draws a fresh seed from Math.random for every initializer and dropout
 * mask that is not given one (and a fixed dropout seed would repeat the same mask every step),
 * so training swaps Math.random for a seeded generator while it runs.
 */

/** mulberry32: tiny, fast, good enough for sampling and augmentation. Returns [0, 1). */
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

/** Replaces Math.random with a seeded generator; call the returned function to restore it. */
export function seedMathRandom(seed: number): () => void {
  const original = Math.random;
  Math.random = mulberry32(seed ^ 0x9e3779b9);
  return () => {
    Math.random = original;
  };
}

/** Standard normal from a uniform generator (Box-Muller). */
export function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

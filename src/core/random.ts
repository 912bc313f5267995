/**
 * Seeded pseudo-random generators for reproducible tests, synthetic scenes and benchmarks
 * (never for anything secret). Both return values in [0, 1).
 */

/** Mulberry32: good spread from any 32-bit seed. */
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

/** Park-Miller minimal standard generator (seed in 1..2^31-2). */
export function parkMiller(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/**
 * Small deterministic random helpers for the demo data. Math.random is never used:
 * the demo city must look the same on every machine and every run, so that a
 * screenshot, a test and a bug report all talk about the same records.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for picking demo values (not for secrets). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * FNV-1a over the UTF-16 units of a string. Seeding each record from its own key
 * (rather than one stream for the whole data set) keeps a record's random values
 * stable when other records are added or reordered.
 */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An Rng seeded from a string key. */
export function rngFor(key: string): Rng {
  return mulberry32(hashSeed(key));
}

/** Integer in [min, max], both inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, values: readonly T[]): T {
  if (values.length === 0) throw new Error('pick from an empty list');
  return values[Math.floor(rng() * values.length)];
}

/** Picks by weight: `weighted(rng, [['a', 3], ['b', 1]])` returns 'a' three times as often. */
export function weighted<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, w] of choices) {
    r -= w;
    if (r < 0) return value;
  }
  return choices[choices.length - 1][0];
}

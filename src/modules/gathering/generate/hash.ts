/**
 * Counter-based randomness for the generators. A row's values come from hashing
 * (seed, kind, index, field group), never from a stream shared by all rows, so row i is
 * the same whichever range, chunk size or start index produced it.
 */

/** lowbias32 (Chris Wellons): a fast, well-mixing 32-bit integer hash. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 units (the same function as demo/prng.ts hashSeed), for seed and source names. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of an index below 2^53 under a 32-bit key. */
export function hashIndex(key: number, index: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 4294967296) >>> 0;
  return mix32(mix32(key ^ lo) ^ Math.imul(hi, 0x9e3779b9) ^ 0x5bd1e995);
}

const TWO_32 = 4294967296;

/**
 * A small random source whose state is reset per row and field group (no allocation per
 * row). Not for secrets.
 */
export class RowRng {
  private s = 0;

  reset(state: number): this {
    this.s = state >>> 0;
    return this;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.s = (this.s + 0x9e3779b9) | 0;
    return mix32(this.s);
  }

  /** Uniform in [0, 1). */
  unit(): number {
    return this.u32() / TWO_32;
  }

  /** Uniform integer in [0, n), n ≤ 2^32. */
  below(n: number): number {
    return Math.floor((this.u32() * n) / TWO_32);
  }

  /** Uniform integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  pick<T>(values: readonly T[]): T {
    return values[this.below(values.length)];
  }

  chance(p: number): boolean {
    return this.u32() < p * TWO_32;
  }
}

/** Vose's alias method: O(1) weighted choice among a fixed list. */
export class Weighted<T> {
  readonly values: readonly T[];
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(choices: readonly (readonly [T, number])[]) {
    const n = choices.length;
    if (n === 0) throw new Error('Weighted needs at least one choice');
    this.values = choices.map(([v]) => v);
    const total = choices.reduce((s, [, w]) => s + w, 0);
    const scaled = choices.map(([, w]) => (w * n) / total);
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => {
      (p < 1 ? small : large).push(i);
    });
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) this.prob[i] = 1;
    for (const i of small) this.prob[i] = 1;
  }

  draw(rng: RowRng): T {
    const i = rng.below(this.values.length);
    return rng.unit() < this.prob[i] ? this.values[i] : this.values[this.alias[i]];
  }
}

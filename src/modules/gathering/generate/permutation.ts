/**
 * A keyed permutation of [0, size): a generalized Feistel network on the smallest number of
 * bits b that covers `size`, made a permutation of [0, size) by cycle walking (apply again
 * until the value falls inside [0, size)). The value is split into a high part of floor(b/2)
 * bits and a low part of ceil(b/2) bits; rounds alternate "low ^= F(high)" and
 * "high ^= F(low)", each F = mix32(part ^ roundKey) masked to the width of the part it
 * changes. Every round is invertible, so the whole is a bijection and keys derived from its
 * output are unique without remembering any of them; `inverse` maps a value back to its index.
 */
import { mix32 } from './hash.js';

const ROUNDS = 6;

export type Permutation = {
  readonly size: number;
  forward(index: number): number;
  inverse(value: number): number;
};

export function keyedPermutation(size: number, key: number): Permutation {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('permutation size must be a positive integer');
  const bits = Math.max(2, Math.ceil(Math.log2(size)));
  if (bits > 52) throw new RangeError('permutation size too large');
  const hiBits = bits >> 1;
  const loBits = bits - hiBits;
  if (loBits > 31) throw new RangeError('permutation size too large');
  const loScale = 2 ** loBits;
  const loMask = loScale - 1;
  const hiMask = 2 ** hiBits - 1;
  const keys = new Uint32Array(ROUNDS);
  for (let r = 0; r < ROUNDS; r++) keys[r] = mix32(key ^ mix32(0x243f6a88 + r));

  const encrypt = (x: number): number => {
    let hi = Math.floor(x / loScale);
    let lo = x - hi * loScale;
    for (let r = 0; r < ROUNDS; r += 2) {
      lo = (lo ^ (mix32(hi ^ keys[r]) & loMask)) >>> 0;
      hi = (hi ^ (mix32(lo ^ keys[r + 1]) & hiMask)) >>> 0;
    }
    return hi * loScale + lo;
  };

  const decrypt = (x: number): number => {
    let hi = Math.floor(x / loScale);
    let lo = x - hi * loScale;
    for (let r = ROUNDS - 2; r >= 0; r -= 2) {
      hi = (hi ^ (mix32(lo ^ keys[r + 1]) & hiMask)) >>> 0;
      lo = (lo ^ (mix32(hi ^ keys[r]) & loMask)) >>> 0;
    }
    return hi * loScale + lo;
  };

  return {
    size,
    forward(index: number): number {
      if (!(index >= 0 && index < size)) throw new RangeError(`index ${index} outside [0, ${size})`);
      let x = encrypt(index);
      while (x >= size) x = encrypt(x);
      return x;
    },
    inverse(value: number): number {
      if (!(value >= 0 && value < size)) throw new RangeError(`value ${value} outside [0, ${size})`);
      let x = decrypt(value);
      while (x >= size) x = decrypt(x);
      return x;
    },
  };
}

import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOfRef, recordRef, recordRefs } from './record-ref.js';

describe('record references', () => {
  const secret = randomBytes(32);
  const resource = '7f0c7c9e-4d41-4c1f-9d6b-2a8e3f0b1c11';

  it('are stable per key and resource, and turn back into the key', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), (key) => {
        const ref = recordRef(secret, resource, key);
        expect(recordRef(secret, resource, key)).toBe(ref);
        expect(keyOfRef(secret, resource, ref)).toBe(key);
      }),
    );
  });

  it('refuse another resource, another secret, and any altered byte', () => {
    const ref = recordRef(secret, resource, '370303199001011234');
    expect(ref).not.toMatch(/370303|1990|1234/);
    expect(keyOfRef(secret, '00000000-0000-0000-0000-000000000000', ref)).toBeNull();
    expect(keyOfRef(randomBytes(32), resource, ref)).toBeNull();
    const raw = Buffer.from(ref, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i] ^= 1;
      expect(keyOfRef(secret, resource, bad.toString('base64url'))).toBeNull();
    }
    expect(keyOfRef(secret, resource, '')).toBeNull();
    expect(keyOfRef(secret, resource, 'not a ref!')).toBeNull();
  });

  it('are the same bytes whether made one by one or a page at a time, as consumers have stored them', () => {
    // Made by the one-cipher-per-record implementation: consumers' tables are keyed by these.
    const fixed = Buffer.alloc(32, 7);
    const keys = ['370303199001011234', '统一社会信用代码91370000MA3C', 'x'.repeat(40)];
    const stored = [
      'xnkLVKj8OltPGdKVDMHLAbIFlO5tlxiubBWvjoy7',
      'o48L_paHHRSpqcEEPv4CX1CCp-Hww5FHI7zb7Vy6dyvBc1Cg9uwP6pKYd6NVJz2Y',
      'p0hB68LilC9UJcRpNW5SYeXfrlIuC9SAHlECW9wBsnzVb7cGD8W9phA7BLVD7WZjjq_gog',
    ];
    expect(recordRefs(fixed, resource, keys)).toEqual(stored);
    expect(keys.map((k) => recordRef(fixed, resource, k))).toEqual(stored);
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), { maxLength: 20 }), (page) => {
        expect(recordRefs(secret, resource, page)).toEqual(page.map((k) => recordRef(secret, resource, k)));
      }),
    );
  });
});

import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyOfRef, recordRef } from './record-ref.js';

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
});

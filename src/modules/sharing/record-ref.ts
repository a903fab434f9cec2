import { createCipheriv, createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

// A record's reference (记录标识) as consumers see it: the record's key, encrypted
// deterministically for one resource. A consumer whose grant masks the key (an ID number)
// can still name a record — in an objection, or to look it up again — without ever seeing
// the key, and the provider's side turns the reference back into the key. SIV-style: the
// IV is a MAC of the plaintext, so the same key gives the same reference and a forged or
// altered one fails the check.

const IV_BYTES = 12;

// Derived once per secret, as key objects: a page of records would otherwise derive and
// import them per record (importing a raw key cost more than the HMAC and the cipher).
const derived = new WeakMap<Uint8Array, { mac: KeyObject; enc: KeyObject }>();

function keys(secret: Uint8Array) {
  const known = derived.get(secret);
  if (known) return known;
  const derive = (label: string) => createSecretKey(createHmac('sha256', secret).update(label).digest());
  const k = { mac: derive('record-ref/mac'), enc: derive('record-ref/enc') };
  derived.set(secret, k);
  return k;
}

function ivOf(mac: KeyObject, resourceId: string, key: string): Buffer {
  return createHmac('sha256', mac).update(resourceId).update('\0').update(key).digest().subarray(0, IV_BYTES);
}

const ctr = (enc: KeyObject, iv: Buffer) => createCipheriv('aes-256-ctr', enc, Buffer.concat([iv, Buffer.alloc(4)]));

export function recordRef(secret: Uint8Array, resourceId: string, key: string): string {
  const k = keys(secret);
  const iv = ivOf(k.mac, resourceId, key);
  const c = ctr(k.enc, iv);
  return Buffer.concat([iv, c.update(key, 'utf8'), c.final()]).toString('base64url');
}

/** The key a reference names, or null when it was not made by this platform for this resource. */
export function keyOfRef(secret: Uint8Array, resourceId: string, ref: string): string | null {
  const raw = Buffer.from(ref, 'base64url');
  if (raw.length <= IV_BYTES || raw.length > 4096) return null;
  const k = keys(secret);
  const iv = raw.subarray(0, IV_BYTES);
  const c = ctr(k.enc, iv);
  const key = Buffer.concat([c.update(raw.subarray(IV_BYTES)), c.final()]).toString('utf8');
  return timingSafeEqual(iv, ivOf(k.mac, resourceId, key)) ? key : null;
}

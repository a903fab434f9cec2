import { createCipheriv, createHmac, createSecretKey, hash, type KeyObject, timingSafeEqual } from 'node:crypto';

// A record's reference (记录标识) as consumers see it: the record's key, encrypted
// deterministically for one resource. A consumer whose grant masks the key (an ID number)
// can still name a record — in an objection, or to look it up again — without ever seeing
// the key, and the provider's side turns the reference back into the key. SIV-style: the
// IV is a MAC of the plaintext, so the same key gives the same reference and a forged or
// altered one fails the check.

const IV_BYTES = 12;

// Derived once per secret, as key objects: a page of records would otherwise derive and
// import them per record (importing a raw key cost more than the HMAC and the cipher).
const derived = new WeakMap<Uint8Array, { mac: KeyObject; enc: KeyObject; pads: { inner: Buffer; outer: Buffer } }>();

function derivedKeys(secret: Uint8Array) {
  const known = derived.get(secret);
  if (known) return known;
  const raw = (label: string) => createHmac('sha256', secret).update(label).digest();
  const mac = raw('record-ref/mac');
  const k = { mac: createSecretKey(mac), enc: createSecretKey(raw('record-ref/enc')), pads: hmacPads(mac) };
  derived.set(secret, k);
  return k;
}

function ivOf(mac: KeyObject, resourceId: string, key: string): Buffer {
  return createHmac('sha256', mac).update(`${resourceId}\0${key}`).digest().subarray(0, IV_BYTES);
}

/** HMAC-SHA256's padded keys (RFC 2104) for a key of at most 64 bytes. */
function hmacPads(key: Buffer) {
  const inner = Buffer.alloc(64, 0x36);
  const outer = Buffer.alloc(64, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i] ^= key[i];
    outer[i] ^= key[i];
  }
  return { inner, outer };
}

/**
 * ivOf's HMAC spelled out as its two hashes, for a page of keys: one-shot hashes without an
 * Hmac object per record cost about half as much (the test holds it to createHmac's answer).
 */
function ivsOf(pads: { inner: Buffer; outer: Buffer }, resourceId: string, keys: Buffer[]): Buffer[] {
  const head = Buffer.concat([pads.inner, Buffer.from(`${resourceId}\0`, 'utf8')]);
  const outer = Buffer.alloc(64 + 32);
  pads.outer.copy(outer);
  return keys.map((key) => {
    hash('sha256', Buffer.concat([head, key]), 'buffer').copy(outer, 64);
    return hash('sha256', outer, 'buffer').subarray(0, IV_BYTES);
  });
}

const ctr = (enc: KeyObject, iv: Buffer) => createCipheriv('aes-256-ctr', enc, Buffer.concat([iv, Buffer.alloc(4)]));
const BLOCK = 16;

export const recordRef = (secret: Uint8Array, resourceId: string, key: string): string => recordRefs(secret, resourceId, [key])[0];

/**
 * The references of many keys at once (a page of records). The same bytes as AES-256-CTR with
 * each record's IV, but the key stream of the whole page comes from one AES call over its
 * counter blocks: a cipher object per record had cost half of each reference.
 */
export function recordRefs(secret: Uint8Array, resourceId: string, keys: string[]): string[] {
  const k = derivedKeys(secret);
  const plain = keys.map((key) => Buffer.from(key, 'utf8'));
  const ivs = ivsOf(k.pads, resourceId, plain);
  const counters = Buffer.alloc(plain.reduce((n, p) => n + Math.ceil(p.length / BLOCK), 0) * BLOCK);
  let at = 0;
  for (let i = 0; i < plain.length; i++) {
    for (let b = 0; b * BLOCK < plain[i].length; b++, at += BLOCK) {
      ivs[i].copy(counters, at);
      counters.writeUInt32BE(b, at + IV_BYTES);
    }
  }
  const ecb = createCipheriv('aes-256-ecb', k.enc, null).setAutoPadding(false);
  const stream = Buffer.concat([ecb.update(counters), ecb.final()]);
  at = 0;
  return plain.map((p, i) => {
    const out = Buffer.allocUnsafe(IV_BYTES + p.length);
    ivs[i].copy(out);
    for (let j = 0; j < p.length; j++) out[IV_BYTES + j] = p[j] ^ stream[at + j];
    at += Math.ceil(p.length / BLOCK) * BLOCK;
    return out.toString('base64url');
  });
}

/** The key a reference names, or null when it was not made by this platform for this resource. */
export function keyOfRef(secret: Uint8Array, resourceId: string, ref: string): string | null {
  const raw = Buffer.from(ref, 'base64url');
  if (raw.length <= IV_BYTES || raw.length > 4096) return null;
  const k = derivedKeys(secret);
  const iv = raw.subarray(0, IV_BYTES);
  const c = ctr(k.enc, iv);
  const key = Buffer.concat([c.update(raw.subarray(IV_BYTES)), c.final()]).toString('utf8');
  return timingSafeEqual(iv, ivOf(k.mac, resourceId, key)) ? key : null;
}

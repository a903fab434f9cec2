import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { canonical } from './chain.js';

// The key that signs checkpoints and archive boundaries: Ed25519, or SM2 (GB/T 32918, SM3 with the
// default user ID 1234567812345678) where the chain is hashed with SM3. It is kept as standard PEM
// (PKCS#8, and SPKI beside it as `.pub`) so an auditor can check a line with OpenSSL alone.
// node:crypto's SM2 signatures are not GB/T 32918 (no user ID in the digest) and it aborts the
// process exporting an SM2 key OpenSSL made, so SM2 keys are read and written here, as bytes.

export type SignAlg = 'ed25519' | 'sm2';

export type SigningKey = {
  alg: SignAlg;
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  /** PEM (SPKI), what an auditor pins. */
  publicPem: string;
  /** Null when only the `.pub` file is at hand: enough to check. */
  sign: ((msg: Buffer) => string) | null;
  verify(msg: Buffer, sig: string): boolean;
};

// An SM2 key's DER is the same bytes around its numbers for every key: id-ecPublicKey, curve sm2p256v1.
const SM2_SPKI = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
const SM2_PKCS8 = [Buffer.from('308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420', 'hex'), Buffer.from('a144034200', 'hex')];
const SM2_CURVE = Buffer.from('06082a811ccf5501822d', 'hex');
const EC_PRIVATE = Buffer.from('0201010420', 'hex'); // ECPrivateKey: version 1, then the 32-byte scalar

const pem = (label: string, der: Buffer) => `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
const derOf = (text: string) => Buffer.from(text.replace(/-----[^-]+-----|\s/g, ''), 'base64');
const idOf = (spki: Buffer) => createHash('sha256').update(spki).digest('hex').slice(0, 16);

function sm2Key(publicHex: string, privateHex: string | null): SigningKey {
  const spki = Buffer.concat([SM2_SPKI, Buffer.from(publicHex, 'hex')]);
  const opts = { hash: true, der: true } as const; // SM3(Z_A ‖ M), Z_A with the default user ID
  return {
    alg: 'sm2',
    keyId: idOf(spki),
    publicPem: pem('PUBLIC KEY', spki),
    sign: privateHex ? (msg) => Buffer.from(sm2.doSignature(msg, privateHex, { ...opts, publicKey: publicHex }), 'hex').toString('base64') : null,
    verify: (msg, sig) => sm2.doVerifySignature(msg, Buffer.from(sig, 'base64').toString('hex'), publicHex, opts),
  };
}

function ed25519Key(publicKey: KeyObject, privateKey: KeyObject | null): SigningKey {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    alg: 'ed25519',
    keyId: idOf(spki),
    publicPem: pem('PUBLIC KEY', spki),
    sign: privateKey ? (msg) => sign(null, msg, privateKey).toString('base64') : null,
    verify: (msg, sig) => verify(null, msg, publicKey, Buffer.from(sig, 'base64')),
  };
}

function parsePrivate(text: string): SigningKey {
  const der = derOf(text);
  if (der.includes(SM2_CURVE)) {
    const at = der.indexOf(EC_PRIVATE);
    if (at < 0 || der.length < at + EC_PRIVATE.length + 32) throw new Error('the SM2 key file holds no private key');
    const d = der.subarray(at + EC_PRIVATE.length, at + EC_PRIVATE.length + 32).toString('hex');
    return sm2Key(sm2.getPublicKeyFromPrivateKey(d), d);
  }
  const key = createPrivateKey(text);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a checkpoint key is Ed25519 or SM2, not ${key.asymmetricKeyType}`);
  return ed25519Key(createPublicKey(key), key);
}

function parsePublic(text: string): SigningKey {
  const der = derOf(text);
  if (der.length === SM2_SPKI.length + 65 && der.subarray(0, SM2_SPKI.length).equals(SM2_SPKI))
    return sm2Key(der.subarray(SM2_SPKI.length).toString('hex'), null);
  const key = createPublicKey(text);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`a checkpoint key is Ed25519 or SM2, not ${key.asymmetricKeyType}`);
  return ed25519Key(key, null);
}

function generate(alg: SignAlg): { privatePem: string; key: SigningKey } {
  if (alg === 'sm2') {
    const k = sm2.generateKeyPairHex();
    const der = Buffer.concat([SM2_PKCS8[0], Buffer.from(k.privateKey, 'hex'), SM2_PKCS8[1], Buffer.from(k.publicKey, 'hex')]);
    return { privatePem: pem('PRIVATE KEY', der), key: sm2Key(k.publicKey, k.privateKey) };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), key: ed25519Key(publicKey, privateKey) };
}

/**
 * The signing key: made on first start with `create` (mode 0600, with its public half beside it as
 * `.pub` for auditors). A key file that exists keeps its algorithm whatever `create` asks for: the
 * caller compares. Without `create`, the public key alone is enough to check signatures.
 */
export function loadKeys(keyFile: string, create: SignAlg | false): SigningKey | null {
  if (existsSync(keyFile)) return parsePrivate(readFileSync(keyFile, 'utf8'));
  if (existsSync(`${keyFile}.pub`)) return parsePublic(readFileSync(`${keyFile}.pub`, 'utf8'));
  if (!create) return null;
  const { privatePem, key } = generate(create);
  mkdirSync(dirname(keyFile), { recursive: true });
  // 'wx': two instances starting together on one key path keep the first key, never half of each.
  try {
    writeFileSync(keyFile, privatePem, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadKeys(keyFile, false);
    throw e;
  }
  writeFileSync(`${keyFile}.pub`, key.publicPem, { mode: 0o644 });
  return key;
}

/** The algorithm that signs where the chain is hashed with `hash`: SM2 with SM3 (国密), Ed25519 otherwise. */
export const signAlgFor = (hash: 'sha256' | 'sm3'): SignAlg => (hash === 'sm3' ? 'sm2' : 'ed25519');

export type Signable = { alg?: SignAlg; key?: string; sig?: string };
// The signature covers every other field of the line, its algorithm and key id included.
const signedBytes = (line: Signable) => {
  const { sig: _, ...rest } = line;
  return Buffer.from(canonical(rest));
};

export function signLine<T extends Signable>(line: T, keys: SigningKey): T {
  if (!keys.sign) throw new Error('no private key to sign with');
  const out: T = { ...line, alg: keys.alg, key: keys.keyId };
  return { ...out, sig: keys.sign(signedBytes(out)) };
}

/** Why a signed line cannot be trusted, or null when its signature checks with `keys`. */
export function signatureProblem(line: Signable & { sig: string }, keys: SigningKey | null): string | null {
  if (!keys) return 'signed, but no key to check it with (JUTONG_CHECKPOINT_KEY or its .pub)';
  if (line.alg !== keys.alg || line.key !== keys.keyId) return `signed by another key (${String(line.alg)} ${String(line.key)}, not ${keys.alg} ${keys.keyId})`;
  try {
    if (keys.verify(signedBytes(line), line.sig)) return null;
  } catch {}
  return 'the signature does not verify';
}

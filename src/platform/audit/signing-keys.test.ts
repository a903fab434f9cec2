import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/config.js';
import { engines, testPlatform } from '../../../test/platform.js';
import { systemPrincipal } from '../auth/principal.js';
import { auditLog, startCheckpointer } from './checkpointer.js';
import { type Checkpoint, loadCheckpoints, readCheckpoints, signCheckpoint } from './checkpoints.js';
import { loadKeys } from './signing-keys.js';
import { verifyAuditChain } from './verify.js';

// A key and a checkpoint line signed by OpenSSL 3.0 (`openssl pkeyutl -sign -rawin -digest sm3
// -pkeyopt distid:1234567812345678`, GB/T 32918 with the default user ID) over the line's canonical
// JSON without its sig: another implementation's signature must verify here, and ours there (checked
// by hand with `openssl pkeyutl -verify`; the test cannot count on the binary).
const OPENSSL_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQg87CNgr3iVnDFPvFR
IlLiiA/CwKUiEsl1Tq85cdNzEkChRANCAATkFBbQI7djs2BvRiiKqufJsNq/xZMf
8q1fWflSTCwIF5Bk/t7ZbmELzlejX9X0HPJZBeb8d1XNzAtZeJifUwkA
-----END PRIVATE KEY-----
`;
const OPENSSL_PUB = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE5BQW0CO3Y7Ngb0YoiqrnybDav8WT
H/KtX1n5UkwsCBeQZP7e2W5hC85Xo1/V9BzyWQXm/HdVzcwLWXiYn1MJAA==
-----END PUBLIC KEY-----
`;
const OPENSSL_LINE: Checkpoint = {
  log: 'audit',
  seq: 42,
  hash: 'sm3:66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  at: '2026-12-08T00:00:00.000Z',
  by: 'openssl',
  db: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e',
  alg: 'sm2',
  key: '42c3fd93b0c02d21',
  sig: 'MEYCIQCkngrraoacp5Qsd+JzQztb2Yz9OZSFRBKwqi1x/7BCaAIhAO4UsmDuew3KiuSvQHw43e9GkCFvdmsrPAMkOd6OP7P2',
};

const dir = mkdtempSync(join(tmpdir(), 'jutong-sm2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileOf = (lines: Checkpoint[]) => {
  const f = join(dir, `${randomBytes(4).toString('hex')}.jsonl`);
  writeFileSync(f, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return f;
};

describe('SM2 checkpoint signatures (GB/T 32918)', () => {
  it('verify a line OpenSSL signed, and refuse it altered or under another key', async () => {
    writeFileSync(join(dir, 'openssl.key.pub'), OPENSSL_PUB);
    const pub = loadKeys(join(dir, 'openssl.key'), false);
    expect(pub).toMatchObject({ alg: 'sm2', keyId: OPENSSL_LINE.key, sign: null, publicPem: OPENSSL_PUB });
    expect(await readCheckpoints(fileOf([OPENSSL_LINE]), pub)).toMatchObject({ lines: [OPENSSL_LINE], bad: [] });
    const altered = await readCheckpoints(fileOf([{ ...OPENSSL_LINE, seq: 43 }]), pub);
    expect(altered.bad).toEqual([expect.objectContaining({ seq: 43, reason: expect.stringMatching(/signature does not verify/) })]);
    const ed = loadKeys(join(dir, 'ed.key'), 'ed25519');
    const other = await readCheckpoints(fileOf([OPENSSL_LINE]), ed);
    expect(other.bad).toEqual([expect.objectContaining({ reason: expect.stringMatching(/another key \(sm2 42c3fd93b0c02d21, not ed25519/) })]);
  });

  it('reads a private key OpenSSL wrote, and its signatures check with the public key alone', async () => {
    writeFileSync(join(dir, 'ossl-private.key'), OPENSSL_KEY);
    const keys = loadKeys(join(dir, 'ossl-private.key'), false);
    expect(keys).toMatchObject({ alg: 'sm2', keyId: OPENSSL_LINE.key, publicPem: OPENSSL_PUB });
    const { sig: _, ...unsigned } = OPENSSL_LINE;
    const ours = signCheckpoint({ ...unsigned, seq: 44 }, keys as NonNullable<typeof keys>);
    expect(ours.sig).not.toBe(OPENSSL_LINE.sig);
    writeFileSync(join(dir, 'pub-only.key.pub'), OPENSSL_PUB);
    expect(await readCheckpoints(fileOf([ours, OPENSSL_LINE]), loadKeys(join(dir, 'pub-only.key'), false))).toMatchObject({ bad: [] });
  });

  it('makes an SM2 key of mode 0600 and refuses a line whose algorithm was renamed', async () => {
    const keys = loadKeys(join(dir, 'new.key'), 'sm2') as NonNullable<ReturnType<typeof loadKeys>>;
    expect(keys.alg).toBe('sm2');
    expect(statSync(join(dir, 'new.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'new.key.pub'), 'utf8')).toBe(keys.publicPem);
    // Loaded again it is the same key, whatever algorithm a new key would have had.
    expect(loadKeys(join(dir, 'new.key'), 'ed25519')).toMatchObject({ alg: 'sm2', keyId: keys.keyId });
    const line = signCheckpoint({ log: 'audit', seq: 1, hash: 'sm3:00', at: new Date().toISOString(), by: 't' }, keys);
    expect(line).toMatchObject({ alg: 'sm2', key: keys.keyId });
    expect((await readCheckpoints(fileOf([line]), keys)).bad).toEqual([]);
    const tampered = await readCheckpoints(fileOf([{ ...line, hash: 'sm3:01' }]), keys);
    expect(tampered.bad).toEqual([expect.objectContaining({ reason: expect.stringMatching(/does not verify/) })]);
    const ed = loadKeys(join(dir, 'ed2.key'), 'ed25519') as NonNullable<ReturnType<typeof loadKeys>>;
    const edLine = signCheckpoint({ log: 'audit', seq: 1, hash: 'sm3:00', at: line.at, by: 't' }, ed);
    const renamed = await readCheckpoints(fileOf([{ ...edLine, alg: 'sm2', key: keys.keyId }]), keys);
    expect(renamed.bad).toEqual([expect.objectContaining({ reason: expect.stringMatching(/does not verify/) })]);
  });
});

describe.each(engines())('checkpoints under JUTONG_AUDIT_HASH=sm3 on %s', (engine) => {
  it('are signed with SM2, verify, and the auditor route names the key sm2', async () => {
    const checkpoints = { ...testConfig.checkpoints, file: join(dir, `${engine}.jsonl`), keyFile: join(dir, `${engine}.key`), alg: 'sm2' as const };
    const p = await testPlatform(engine, { ...testConfig, auditHash: 'sm3', checkpoints });
    const errors: unknown[] = [];
    const cp = startCheckpointer({ ...checkpoints, everyMs: 3_600_000 }, p.db, [auditLog], (e) => errors.push(e));
    try {
      await p.actions.run('catalog.classification.create', systemPrincipal('t'), { parentCode: '2', name: `国密${randomBytes(3).toString('hex')}` });
      await cp.flush({ sign: true });
      const file = await loadCheckpoints(checkpoints);
      expect(file.lines.at(-1)).toMatchObject({ alg: 'sm2', sig: expect.any(String), hash: expect.stringMatching(/^sm3:/) });
      expect(await verifyAuditChain(p.db, file)).toMatchObject({ ok: true });
      const route = await p.api('auditor', 'GET', '/api/v1/audit/checkpoints');
      expect(route.body.key).toMatchObject({ alg: 'sm2', publicKey: readFileSync(`${checkpoints.keyFile}.pub`, 'utf8') });
      expect(errors).toEqual([]);
      // A key made before JUTONG_AUDIT_HASH changed keeps signing, and the server says so.
      const edKey = join(dir, `${engine}-ed.key`);
      loadKeys(edKey, 'ed25519');
      const ed = startCheckpointer({ ...checkpoints, keyFile: edKey, everyMs: 3_600_000 }, p.db, [auditLog], (e) => errors.push(e));
      await ed.stop();
      expect(errors.map(String)).toEqual([expect.stringMatching(/checkpoint key .* is ed25519, not sm2: checkpoints stay signed with ed25519/)]);
      expect((await loadCheckpoints({ file: checkpoints.file, keyFile: edKey })).lines.at(-1)).toMatchObject({ alg: 'ed25519' });
    } finally {
      await cp.stop();
      await p.close();
    }
  });
});

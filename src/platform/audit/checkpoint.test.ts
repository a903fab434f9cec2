import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/config.js';
import { engines, openTestDb, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { createPlatform } from '../../app.js';
import { sealCalls, sealedCallLog, verifySeals } from '../../modules/sharing/call-log.js';
import { systemPrincipal } from '../auth/principal.js';
import { auditLog, type Checkpointer, startCheckpointer } from './checkpointer.js';
import { type Checkpoint, checkpointFiles, loadCheckpoints, rotateCheckpoints, signCheckpoint } from './checkpoints.js';
import { loadKeys } from './signing-keys.js';
import { databaseId, verifyAuditChain } from './verify.js';

// The chain verified against itself holds after its newest rows are cut and its head rewound, or
// after TRUNCATE: the checkpoints kept outside the database are what such a cut cannot match.

/** The lines of the file and of those rotated aside before it, in the order written. */
const lines = (file: string): Checkpoint[] =>
  checkpointFiles(file)
    .filter((f) => existsSync(f))
    .flatMap((f) => readFileSync(f, 'utf8').trim().split('\n'))
    .map((l) => JSON.parse(l));

describe.each(engines())('checkpoints of the logs on %s', (engine) => {
  let p: TestPlatform;
  let cp: Checkpointer;
  const errors: unknown[] = [];
  const cfg = () => p.config.checkpoints;
  const growAudit = (name: string) =>
    p.actions.run('catalog.classification.create', systemPrincipal('t'), { parentCode: '2', name: `${name}${randomBytes(3).toString('hex')}` });
  // What an insider who owns the tables can do: switch the guards off.
  const asOwner = async (tables: string[], sql: string[]) => {
    for (const t of tables) await p.db.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
    for (const s of sql) await p.db.query(s);
    for (const t of tables) await p.db.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
  };
  const auditHead = async () => (await p.db.query<{ seq: number }>('SELECT seq::int8 AS seq FROM audit_head'))[0].seq;

  beforeAll(async () => {
    p = await testPlatform(engine);
    // The tests flush by hand: no tick of the timer comes between what they write and what they read.
    cp = startCheckpointer({ ...cfg(), everyMs: 3_600_000 }, p.db, [auditLog, sealedCallLog('sha256')], (e) => errors.push(e));
  });
  afterAll(async () => {
    await cp?.stop();
    await p?.close();
    for (const f of [...checkpointFiles(cfg().file), cfg().keyFile, `${cfg().keyFile}.pub`]) rmSync(f, { force: true });
  });

  it('appends both heads to a file outside the database, signed with a key of mode 0600, and verifies against them', async () => {
    await growAudit('检查点');
    await cp.flush({ sign: true });
    expect(errors).toEqual([]);
    const [{ seq }] = await p.db.query<{ seq: number }>('SELECT seq::int8 AS seq FROM audit_head');
    const written = lines(cfg().file);
    expect(written.filter((c) => c.log === 'audit').at(-1)).toMatchObject({ seq: Number(seq), alg: 'ed25519', sig: expect.any(String) });
    expect(written.filter((c) => c.log === 'share_calls').at(-1)).toMatchObject({ alg: 'ed25519' });
    expect(statSync(cfg().keyFile).mode & 0o777).toBe(0o600);

    const file = await loadCheckpoints(cfg());
    expect(await verifyAuditChain(p.db, file)).toMatchObject({ ok: true, headSeq: Number(seq), checkpoints: expect.any(Number) });
    expect(await verifySeals(p.db, file)).toMatchObject({ ok: true });
    expect((await p.api('auditor', 'GET', '/api/v1/audit/verify')).body).toMatchObject({ ok: true, checkpoints: expect.any(Number) });
    expect((await p.api('auditor', 'GET', '/api/v1/sharing/calls/verify')).body).toMatchObject({ ok: true, checkpoints: expect.any(Number) });
  });

  it('writes a line only for a head that moved, and every commit between two flushes shares one line', async () => {
    await cp.flush();
    const before = lines(cfg().file).length;
    await cp.flush();
    expect(lines(cfg().file).length).toBe(before);
    await growAudit('一');
    await growAudit('二');
    await cp.flush();
    const after = lines(cfg().file);
    expect(after.slice(before)).toEqual([expect.objectContaining({ log: 'audit', seq: await auditHead() })]);
    // Not yet due for a signature (1,000 rows or 5 minutes by default); the stop signs it.
    expect(after.at(-1)?.sig).toBeUndefined();
  });

  it('serves the checkpoints to auditors only, oldest first, page by page, with the key that checks them', async () => {
    for (const u of ['admin', 'gaj_admin', 'gaj_user']) expect((await p.api(u, 'GET', '/api/v1/audit/checkpoints')).status, u).toBe(403);
    expect((await p.api(null, 'GET', '/api/v1/audit/checkpoints')).status).toBe(401);
    expect((await p.api('auditor', 'GET', '/api/v1/audit/checkpoints?pageSize=5000')).status).toBe(400);
    const all = lines(cfg().file);
    expect(all.length).toBeGreaterThan(2);
    const first = await p.api('auditor', 'GET', '/api/v1/audit/checkpoints?pageSize=2');
    expect(first.body).toMatchObject({
      items: all.slice(0, 2).map((c, i) => ({ line: i + 1, ...c })),
      next: 2,
      key: { alg: 'ed25519', publicKey: readFileSync(`${cfg().keyFile}.pub`, 'utf8') },
    });
    const last = await p.api('auditor', 'GET', `/api/v1/audit/checkpoints?pageSize=${all.length}&page=1`);
    expect(last.body.next).toBeNull();
    expect(last.body.items.at(-1)).toMatchObject(all.at(-1) as Checkpoint);
  });

  it('refuses TRUNCATE of either log, a rewound or removed head, and keeps refusing row changes', async () => {
    for (const t of ['audit_log', 'audit_head', 'share_calls', 'share_call_seals'])
      await expect(p.db.query(`TRUNCATE ${t}`), t).rejects.toThrow(/append-only: TRUNCATE is refused/);
    await expect(p.db.query('TRUNCATE share_grants CASCADE')).rejects.toThrow(/TRUNCATE is refused/);
    await expect(p.db.query('UPDATE audit_head SET seq = seq - 1')).rejects.toThrow(/only moves forward/);
    await expect(p.db.query(`UPDATE audit_head SET seq = seq + 1, hash = 'sha256:forged'`)).rejects.toThrow(/only moves forward/);
    await expect(p.db.query('DELETE FROM audit_head')).rejects.toThrow(/only moves forward/);
    await expect(p.db.query('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)')).rejects.toThrow(/append-only/);
    await expect(p.db.query('DELETE FROM share_call_seals')).rejects.toThrow(/append-only/);
    // The actions still append.
    await growAudit('仍可写入');
    expect((await verifyAuditChain(p.db, await loadCheckpoints(cfg()))).ok).toBe(true);
  });

  it('reports a signature that fails and a line signed by another key', async () => {
    const good = lines(cfg().file)
      .filter((c) => c.sig && c.log === 'audit')
      .at(-1) as Checkpoint;
    const other = join(tmpdir(), `jutong-other-${randomBytes(4).toString('hex')}.key`);
    const otherKeys = loadKeys(other, 'ed25519');
    const cases: [Checkpoint, RegExp][] = [
      // Another last digit (a fixed '0' left a hash ending in 0 unchanged, one run in 16).
      [{ ...good, hash: `${good.hash.slice(0, -1)}${good.hash.endsWith('0') ? '1' : '0'}` }, /signature does not verify/],
      [signCheckpoint({ log: 'audit', seq: good.seq, hash: good.hash, at: good.at, by: 'x' }, otherKeys as NonNullable<typeof otherKeys>), /another key/],
    ];
    for (const [line, reason] of cases) {
      const copy = join(tmpdir(), `jutong-cp-${randomBytes(4).toString('hex')}.jsonl`);
      writeFileSync(copy, readFileSync(cfg().file));
      appendFileSync(copy, `${JSON.stringify(line)}\n`);
      const r = await verifyAuditChain(p.db, await loadCheckpoints({ file: copy, keyFile: cfg().keyFile }));
      expect(r, String(reason)).toMatchObject({ ok: false, reason });
      rmSync(copy);
    }
    for (const f of [other, `${other}.pub`]) rmSync(f);
  });

  it('names its database in every line, and refuses a line of another database or of none', async () => {
    const id = await databaseId(p.db);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(lines(cfg().file).map((c) => c.db))).toEqual(new Set([id]));
    await expect(p.db.query(`UPDATE database_identity SET database_id = gen_random_uuid()`)).rejects.toThrow(/never changes/);
    const keys = loadKeys(cfg().keyFile, false) as NonNullable<ReturnType<typeof loadKeys>>;
    const last = lines(cfg().file)
      .filter((c) => c.log === 'audit')
      .at(-1) as Checkpoint;
    const { alg: _a, key: _k, sig: _s, ...plain } = last;
    const cases: [Checkpoint, RegExp][] = [
      // Signed with the right key, of a log that holds that very row: still not this database's.
      [signCheckpoint({ ...plain, db: '00000000-0000-4000-8000-000000000000' }, keys), /of database 00000000-.* not of this one/],
      [{ log: 'audit', seq: last.seq, hash: last.hash, at: last.at, by: 'x' }, /of database \(none named\)/],
    ];
    for (const [line, reason] of cases) {
      const copy = join(tmpdir(), `jutong-cp-${randomBytes(4).toString('hex')}.jsonl`);
      writeFileSync(
        copy,
        `${lines(cfg().file)
          .map((l) => JSON.stringify(l))
          .join('\n')}\n${JSON.stringify(line)}\n`,
      );
      expect(await verifyAuditChain(p.db, await loadCheckpoints({ file: copy, keyFile: cfg().keyFile }))).toMatchObject({ ok: false, reason });
      rmSync(copy);
    }
  });

  it('rotates the file by size or age, keeps the old ones, and reads and serves them all in order', async () => {
    const before = lines(cfg().file);
    expect(await rotateCheckpoints(cfg().file, 2 ** 30, 3_600_000)).toBeNull();
    // Its first line is an hour old an hour from now.
    const aged = await rotateCheckpoints(cfg().file, 2 ** 30, 3_600_000, new Date(Date.now() + 3_600_001));
    expect(aged).toMatch(/checkpoints-[^/]*\.000001\.jsonl$/);
    await growAudit('轮换');
    await cp.flush();
    // By size: the checkpointer rotates before it appends.
    const small = startCheckpointer({ ...cfg(), everyMs: 3_600_000, rotateBytes: 1 }, p.db, [auditLog], (e) => errors.push(e));
    await small.flush(); // after its first tick, which writes every head (a new checkpointer has none): one rotation
    await growAudit('轮换');
    await small.stop();
    expect(errors).toEqual([]);
    // Rotated by age, then before each of the small checkpointer's two writes; and the file in use.
    expect(checkpointFiles(cfg().file).map((f) => f.slice(-13))).toEqual(['.000001.jsonl', '.000002.jsonl', '.000003.jsonl', expect.any(String)]);
    const all = lines(cfg().file);
    expect(all.slice(0, before.length)).toEqual(before);
    expect(all.length).toBeGreaterThan(before.length + 1);
    const served = await p.api('auditor', 'GET', `/api/v1/audit/checkpoints?pageSize=${all.length}`);
    expect(served.body.items).toEqual(all.map((c, i) => ({ line: i + 1, ...c })));
    const file = await loadCheckpoints(cfg());
    expect(file.lines).toHaveLength(all.length);
    expect(await verifyAuditChain(p.db, file)).toMatchObject({ ok: true, checkpoints: all.filter((c) => c.log === 'audit').length });
  });

  it('finds the delivery log cut after its last checkpoint, which its seals alone do not', async () => {
    await cp.flush();
    const [last] = await p.db.query<{ batch: number; first: number }>(
      'SELECT batch::int8 AS batch, first_seq::int8 AS first FROM share_call_seals ORDER BY batch DESC LIMIT 1',
    );
    expect(last).toBeDefined();
    await asOwner(
      ['share_calls', 'share_call_seals'],
      [`DELETE FROM share_calls WHERE seq >= ${last.first}`, `DELETE FROM share_call_seals WHERE batch = ${last.batch}`],
    );
    expect(await verifySeals(p.db)).toMatchObject({ ok: true });
    expect(await verifySeals(p.db, await loadCheckpoints(cfg()))).toMatchObject({
      ok: false,
      badBatch: Number(last.batch),
      reason: expect.stringMatching(/末尾的批次被删除/),
    });
    expect((await p.api('auditor', 'GET', '/api/v1/sharing/calls/verify')).body).toMatchObject({ ok: false });
    await cp.flush();
    expect(errors.splice(0).map(String)).toEqual([expect.stringMatching(/share_calls: the head went back/)]);
  });

  it('finds the audit log cut and its head rewound, and the same rows rewritten after', async () => {
    await cp.flush();
    const head = Number(await auditHead());
    const [keep] = await p.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [head - 3]);
    await asOwner(
      ['audit_log', 'audit_head'],
      [
        `DELETE FROM audit_log WHERE seq > ${head - 3}`,
        `DELETE FROM outbox WHERE seq > ${head - 3}`,
        `UPDATE audit_head SET seq = ${head - 3}, hash = '${keep.hash}'`,
      ],
    );
    // Against itself the shortened chain holds: that is the hole the checkpoints close.
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true });
    await cp.flush();
    expect(errors.splice(0).map(String)).toEqual([expect.stringMatching(/audit: the head went back from \d+ to \d+/)]);
    expect(await verifyAuditChain(p.db, await loadCheckpoints(cfg()))).toMatchObject({
      ok: false,
      badSeq: head - 2,
      reason: expect.stringMatching(/rows at the end were removed/),
    });
    const api = await p.api('auditor', 'GET', '/api/v1/audit/verify');
    expect(api.body).toMatchObject({ ok: false, badSeq: head - 2 });

    // Grown again past the checkpoints, the chain holds other rows where the first one after the cut recorded its head.
    const firstCut = Math.min(
      ...lines(cfg().file)
        .filter((c) => c.log === 'audit' && c.seq > head - 3)
        .map((c) => c.seq),
    );
    for (let i = 0; i < 4; i++) await growAudit('改写');
    await cp.flush();
    expect(await verifyAuditChain(p.db, await loadCheckpoints(cfg()))).toMatchObject({
      ok: false,
      badSeq: firstCut,
      reason: expect.stringMatching(/does not match the checkpoint/),
    });
  });
});

describe.each(engines())('the platform’s checkpointer on %s', (engine) => {
  it('checkpoints with the background work and signs the last heads when it closes', async () => {
    const dir = join(tmpdir(), `jutong-cp-${randomBytes(4).toString('hex')}`);
    const checkpoints = { ...testConfig.checkpoints, file: join(dir, 'audit-checkpoints.jsonl'), keyFile: join(dir, 'audit-checkpoint.key') };
    const p = await createPlatform({ ...testConfig, checkpoints }, await openTestDb(engine), { background: true });
    try {
      await p.actions.run('catalog.classification.create', systemPrincipal('t'), { parentCode: '2', name: '关闭时签名' });
      while ((await sealCalls(p.db, 'sha256')) > 0);
    } finally {
      await p.close();
    }
    const written = lines(checkpoints.file);
    expect(written.at(-1)).toMatchObject({ sig: expect.any(String) });
    expect(new Set(written.map((c) => c.log))).toEqual(new Set(['audit', 'share_calls']));
    rmSync(dir, { recursive: true });
  });
});

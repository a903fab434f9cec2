import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backdate } from '../../../test/backdate.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { ConfigError, loadConfig } from '../../config.js';
import { sealedCallLog, verifySeals } from '../../modules/sharing/call-log.js';
import { callLogArchive } from '../../modules/sharing/call-log-archive.js';
import { systemPrincipal } from '../auth/principal.js';
import { type ArchiveDeps, archiveLog, auditArchive, verifyArchive } from './archive.js';
import { startArchiver } from './archiver.js';
import { auditLog, type Checkpointer, startCheckpointer } from './checkpointer.js';
import { loadCheckpoints } from './checkpoints.js';
import { loadKeys } from './signing-keys.js';
import { appendAudit } from './store.js';
import { verifyAuditChain } from './verify.js';

// Retention moves the oldest rows out of the logs into signed files; the chain left in the database
// still verifies, from a base that only a signed checkpoint of the archive job makes acceptable.

describe.each(engines())('archiving the logs on %s', (engine) => {
  let p: TestPlatform;
  let cp: Checkpointer;
  let deps: ArchiveDeps;
  let old: { seq: number; hash: string };
  const dir = () => p.config.retention.dir;
  const grow = (name: string) =>
    p.actions.run('catalog.classification.create', systemPrincipal('t'), { parentCode: '2', name: `${name}${randomBytes(3).toString('hex')}` });
  const checkpoints = () => loadCheckpoints(p.config.checkpoints);
  const recordCall = async () => {
    await p.db.query(
      `INSERT INTO share_calls (grant_id, resource_id, consumer_department_id, actor, channel, purpose, query, rows)
       SELECT id, resource_id, consumer_department_id, 'tester', 'lookup', '归档测试', '{}', 1 FROM share_grants ORDER BY id LIMIT 1`,
    );
  };

  beforeAll(async () => {
    p = await testPlatform(engine);
    deps = { db: p.db, hash: 'sha256', checkpoints: p.config.checkpoints, retention: p.config.retention };
    await recordCall();
    cp = startCheckpointer({ ...p.config.checkpoints, everyMs: 3_600_000 }, p.db, [auditLog, sealedCallLog('sha256')], () => {});
    await cp.flush(); // seals the calls
    old = await backdate(p.db, 200);
    // The checkpoints of the seeded rows were of their hashes before backdating: start the file afresh.
    await cp.stop();
    rmSync(p.config.checkpoints.file, { force: true });
    cp = startCheckpointer({ ...p.config.checkpoints, everyMs: 3_600_000 }, p.db, [auditLog, sealedCallLog('sha256')], () => {});
    await grow('近期');
    await recordCall();
    await cp.flush({ sign: true });
  });
  afterAll(async () => {
    await cp?.stop();
    await p?.close();
    rmSync(dir(), { recursive: true, force: true });
    for (const f of [p.config.checkpoints.file, p.config.checkpoints.keyFile, `${p.config.checkpoints.keyFile}.pub`]) rmSync(f, { force: true });
  });

  it('refuses retention below 180 days, and defaults to 180', () => {
    expect(() => loadConfig({ JUTONG_AUDIT_RETENTION_DAYS: '179' }, 'tool')).toThrow(ConfigError);
    expect(loadConfig({ JUTONG_AUDIT_RETENTION_DAYS: '365' }, 'tool').retention.days).toBe(365);
    expect(loadConfig({ JUTONG_DATA_DIR: '/srv/jt' }, 'tool').retention).toEqual({ days: 180, dir: '/srv/jt/audit-archive' });
  });

  it('lets no row go except through the archive: not young rows, not without the audit row that names the boundary', async () => {
    await expect(p.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(p.db.query('DELETE FROM share_call_seals WHERE batch = 1')).rejects.toThrow(/append-only/);
    await expect(p.db.query(`UPDATE log_bases SET seq = 0 WHERE log = 'audit'`)).rejects.toThrow(/only moves forward, by archiving/);
    await expect(p.db.query(`DELETE FROM log_bases`)).rejects.toThrow(/only moves forward, by archiving/);
    await expect(p.db.query(`UPDATE log_bases SET seq = 1, hash = 'x' WHERE log = 'audit'`)).rejects.toThrow(/does not exist/);
    await expect(p.db.query('SELECT archive_audit_log($1, $2)', [old.seq, old.hash])).rejects.toThrow(/no audit.archive row records/);
    const [young] = await p.db.query<{ seq: number; hash: string }>('SELECT seq::int8 AS seq, hash FROM audit_head');
    await expect(p.db.query('SELECT archive_audit_log($1, $2)', [young.seq, young.hash])).rejects.toThrow(/younger than 180 days/);
    await expect(p.db.query('SELECT archive_audit_log($1, $2)', [old.seq, 'sha256:forged'])).rejects.toThrow(/does not exist/);
    const [seal] = await p.db.query<{ batch: number; hash: string }>('SELECT batch::int8 AS batch, hash FROM share_call_seals ORDER BY batch LIMIT 1');
    await expect(p.db.query('SELECT archive_call_log($1, $2)', [seal.batch, seal.hash])).rejects.toThrow(/no audit.archive row records/);
    expect(await verifyAuditChain(p.db, await checkpoints())).toMatchObject({ ok: true, archivedTo: 0 });
  });

  it('moves the rows older than the retention to signed files, and both logs still verify from the boundary', async () => {
    const before = (await verifyAuditChain(p.db)) as { checked: number };
    const audit = await archiveLog(deps, auditArchive);
    expect(audit).toMatchObject({ log: 'audit', from: { seq: 0, hash: 'genesis' }, to: old, count: old.seq, removed: old.seq });
    const calls = await archiveLog(deps, callLogArchive);
    expect(calls).toMatchObject({ log: 'share_calls', from: { seq: 0 }, removed: expect.any(Number) });
    expect(calls?.count).toBeGreaterThan(0);
    expect(readdirSync(dir()).sort()).toEqual([`audit-1-${old.seq}.jsonl`, `share_calls-1-${calls?.to.seq}.jsonl`]);

    const [{ n }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE seq <= $1', [old.seq]);
    expect(n).toBe(0);
    const [row] = await p.db.query<{ details: { to: unknown; count: number; file: string } }>(
      `SELECT details FROM audit_log WHERE action = 'audit.archive' AND target_id = 'audit'`,
    );
    expect(row.details).toMatchObject({ to: old, count: old.seq, file: `audit-1-${old.seq}.jsonl` });

    const file = await checkpoints();
    expect(file.lines.filter((c) => c.archive)).toEqual([
      expect.objectContaining({ log: 'audit', seq: old.seq, hash: old.hash, sig: expect.any(String) }),
      expect.objectContaining({ log: 'share_calls', seq: calls?.to.seq, sig: expect.any(String) }),
    ]);
    expect(await verifyAuditChain(p.db, file)).toMatchObject({ ok: true, archivedTo: old.seq, checked: before.checked - old.seq + 2 });
    expect(await verifySeals(p.db, file)).toMatchObject({ ok: true, archivedTo: calls?.to.seq });
    expect((await p.api('auditor', 'GET', '/api/v1/audit/verify')).body).toMatchObject({ ok: true });

    const keys = loadKeys(p.config.checkpoints.keyFile, false);
    const logs = [auditArchive, callLogArchive];
    expect(await verifyArchive(audit?.file as string, keys, file, logs)).toMatchObject({ ok: true, count: old.seq, to: old });
    expect(await verifyArchive(calls?.file as string, keys, file, logs)).toMatchObject({ ok: true, log: 'share_calls' });
    // Nothing more is old enough.
    expect(await archiveLog(deps, auditArchive)).toBeNull();
  });

  it('finds an archive file altered, cut short or re-signed by another key', async () => {
    const file = await checkpoints();
    const keys = loadKeys(p.config.checkpoints.keyFile, false);
    const path = join(dir(), `audit-1-${old.seq}.jsonl`);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const check = (text: string) => {
      const copy = join(dir(), `copy-${randomBytes(4).toString('hex')}`);
      writeFileSync(copy, text);
      return verifyArchive(copy, keys, file, [auditArchive, callLogArchive]).finally(() => rmSync(copy));
    };
    const row3 = JSON.parse(lines[3]);
    const altered = [...lines.slice(0, 3), JSON.stringify({ ...row3, actor: '他人' }), ...lines.slice(4)];
    expect(await check(`${altered.join('\n')}\n`)).toMatchObject({ ok: false, seq: row3.seq, reason: expect.stringMatching(/altered/) });
    expect(await check(`${lines.slice(0, -1).join('\n')}\n`)).toMatchObject({ ok: false, reason: expect.stringMatching(/entries were removed/) });
    const header = JSON.parse(lines[0]);
    const recounted = [JSON.stringify({ ...header, count: header.count - 1 }), ...lines.slice(1, -1)];
    expect(await check(`${recounted.join('\n')}\n`)).toMatchObject({ ok: false, reason: expect.stringMatching(/header the signature does not verify/) });
  });

  it('archives in the background, and a pass that fails is logged, not thrown', async () => {
    const logged: unknown[] = [];
    const log = { info: (o: unknown) => logged.push(['info', o]), warn: () => {}, error: (o: unknown) => logged.push(['error', o]) };
    await grow('后台归档');
    const [base] = await p.db.query<{ seq: number; hash: string }>(`SELECT seq::int8 AS seq, hash FROM log_bases WHERE log = 'audit'`);
    const to = await backdate(p.db, 200, { seq: Number(base.seq), hash: base.hash });
    // The backdated rows' checkpoints record their hashes from before: the pass refuses the log.
    const archiver = startArchiver(deps, [auditArchive], log);
    await archiver.pass();
    expect(logged).toEqual([
      [
        'error',
        expect.objectContaining({
          loop: 'archive',
          err: expect.objectContaining({ message: expect.stringMatching(/^audit \d+: the row does not match the checkpoint .*: not archived$/) }),
        }),
      ],
    ]);
    await archiver.stop();
    expect(existsSync(join(dir(), `audit-${Number(base.seq) + 1}-${to.seq}.jsonl`))).toBe(false);
  });

  it('names where the archive ended as the delivery log’s head once every seal is archived', async () => {
    // backdate (above) dated every seal 200 days back; the seals' hashes do not cover their time.
    const a = await archiveLog(deps, callLogArchive);
    expect(a).not.toBeNull();
    const [{ n }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM share_call_seals');
    expect(n).toBe(0);
    expect(await sealedCallLog('sha256').head(p.db)).toEqual({ seq: a?.to.seq, hash: a?.to.hash });
    expect(await verifySeals(p.db, await checkpoints())).toMatchObject({ ok: true, seals: 0, archivedTo: a?.to.seq });
    // The next seal goes on from the archive's end.
    await recordCall();
    await cp.flush();
    const [next] = await p.db.query<{ prev: string }>('SELECT prev_hash AS prev FROM share_call_seals');
    expect(next.prev).toBe(a?.to.hash);
    expect(await verifySeals(p.db, await checkpoints())).toMatchObject({ ok: true, seals: 1, archivedTo: a?.to.seq });
  });

  it('reports a base that no signed checkpoint records: rows removed through the archive function by someone without the key', async () => {
    // An insider with the server's database rights archives the next rows by hand, once they are old enough.
    const [base] = await p.db.query<{ seq: number; hash: string }>(`SELECT seq::int8 AS seq, hash FROM log_bases WHERE log = 'audit'`);
    const to = await backdate(p.db, 200, { seq: Number(base.seq), hash: base.hash });
    await p.db.transaction(async (tx) => {
      await appendAudit(tx, 'sha256', {
        actorId: null,
        actor: 'insider',
        departmentId: null,
        action: 'audit.archive',
        targetType: 'log',
        targetId: 'audit',
        details: { log: 'audit', to },
        ip: null,
      });
      await tx.query('SELECT archive_audit_log($1, $2)', [to.seq, to.hash]);
    });
    const r = await verifyAuditChain(p.db, await checkpoints());
    expect(r).toMatchObject({ ok: false, badSeq: to.seq, reason: expect.stringMatching(/no signed checkpoint records an archive ending there/) });
    expect(existsSync(join(dir(), `audit-${old.seq + 1}-${to.seq}.jsonl`))).toBe(false);
  });
});

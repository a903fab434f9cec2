import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { verifyAuditChain } from './verify.js';

describe.each(engines())('audit chain on %s', (engine) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform(engine);
  });
  afterAll(() => p?.close());

  const unguarded = async (sql: string, params: unknown[] = []) => {
    await p.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await p.db.query(sql, params);
    await p.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  };

  it('verifies the seeded chain, and lists it for the auditor only', async () => {
    const r = await verifyAuditChain(p.db);
    expect(r.ok).toBe(true);
    const api = await p.api('auditor', 'GET', '/api/v1/audit/verify');
    expect(api.body).toMatchObject({ ok: true });
    expect((await p.api('admin', 'GET', '/api/v1/audit')).status).toBe(403);
    const list = await p.api('auditor', 'GET', '/api/v1/audit?action=identity.user.create&pageSize=5');
    expect(list.body.items).toHaveLength(5);
    expect(list.body.items[0]).toMatchObject({ action: 'identity.user.create', actor: 'seed', targetType: 'user' });
  });

  it('continues the chain with SM3 when configured, and verifies the mixed chain', async () => {
    const { createPlatform } = await import('../../app.js');
    const { testConfig } = await import('../../../test/config.js');
    const sm3 = await createPlatform({ ...testConfig, auditHash: 'sm3' }, p.db, { background: false });
    await sm3.actions.run(
      'catalog.classification.create',
      { kind: 'system', userId: null, username: 't', departmentId: null, roles: [] },
      { parentCode: '2', name: '国密测试主题' },
    );
    const [last] = await p.db.query<{ hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    expect(last.hash).toMatch(/^sm3:[0-9a-f]{64}$/);
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true });
    const [first] = await p.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE username = 'admin'`);
    expect(first.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses UPDATE and DELETE on the log', async () => {
    await expect(p.db.query(`UPDATE audit_log SET actor = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(p.db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('names the first altered row', async () => {
    await unguarded(`UPDATE audit_log SET details = '{"name":"forged"}'::jsonb WHERE seq = 7`);
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: false, badSeq: 7, checked: 6 });
  });

  it('names a removed row and a row put out of order', async () => {
    await unguarded('DELETE FROM audit_log WHERE seq = 3');
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: false, badSeq: 3 });
    await unguarded(
      `INSERT INTO audit_log SELECT 3, at, actor_id, actor, department_id, action, target_type, target_id, details, ip, prev_hash, hash FROM audit_log WHERE seq = 4`,
    );
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: false, badSeq: 3 });
  });

  it('writes the audit row in the same transaction as the change', async () => {
    const before = (await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;
    const made = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', {
      name: '审计测试',
      classification: '209',
      abstract: '审计与变更同事务的测试条目内容。',
      format: 'other',
      formatType: 'txt',
      items: [{ name: 'a', type: 'string' }],
      shareType: 'unconditional',
      shareChannel: 'mail',
      openType: 'closed',
      updateCycle: 'yearly',
    });
    const rows = await p.db.query<{ action: string; target_id: string; actor: string }>(
      'SELECT action, target_id, actor FROM audit_log WHERE seq > $1 ORDER BY seq',
      [before],
    );
    expect(rows.map((r) => [r.action, r.target_id, r.actor])).toContainEqual(['catalog.resource.create', made.body.id, 'gaj_user']);
    const events = await p.db.query<{ action: string }>('SELECT action FROM outbox WHERE seq > $1', [before]);
    expect(events.map((e) => e.action)).toContain('catalog.resource.create');
  });
});

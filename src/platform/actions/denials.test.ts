import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { verifyAuditChain } from '../audit/verify.js';

// A refusal is itself something to answer "who tried this?" about: a signed-in principal's
// 403 leaves one audit row naming who, what and the refusal, while the answer is unchanged;
// an anonymous caller leaves none, so it cannot fill the log.

describe.each(engines())('denied actions on %s', (engine) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform(engine);
  });
  afterAll(() => p?.close());

  const denials = (action: string) =>
    p.db.query<{ actor: string; department: string | null; targetId: string | null; details: { code: string; message: string } }>(
      `SELECT a.actor, d.name AS department, a.target_id AS "targetId", a.details
         FROM audit_log a LEFT JOIN departments d ON d.id = a.department_id WHERE a.action = $1 ORDER BY a.seq`,
      [action],
    );

  it('writes a row naming the actor and the action when another department is refused', async () => {
    const res = await p.api('gaj_user', 'POST', '/api/v1/catalog/data-elements', {
      name: '拒绝测试数据元',
      definition: '部门用户无权新建的数据元',
      dataType: 'string',
      length: 10,
      valueDomain: { kind: 'free' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not_allowed');
    const [row] = await denials('catalog.dataElement.create.denied');
    expect(row).toMatchObject({ actor: 'gaj_user', department: '淄博市公安局', details: { code: 'not_allowed' } });

    // A consumer without a grant: the row names the resource it asked for.
    const [entry] = await p.db.query<{ code: string }>(
      `SELECT r.code FROM catalog_resources r JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.is_published
        WHERE v.share_type = 'conditional' AND r.provider_department_id <> (SELECT department_id FROM users WHERE username = 'rsj_admin') LIMIT 1`,
    );
    const read = await p.api('rsj_admin', 'GET', `/api/v1/share/${encodeURIComponent(entry.code)}/records`);
    expect(read.status).toBe(403);
    const [shared] = await denials('sharing.records.read.denied');
    expect(shared).toMatchObject({ actor: 'rsj_admin', targetId: entry.code, details: { code: 'not_allowed', message: read.body.error.message } });
    expect(await verifyAuditChain(p.db)).toMatchObject({ ok: true });
  });

  it('writes a row for another department’s thing answered as absent, and none for a real miss', async () => {
    const [{ id }] = await p.db.query<{ id: string }>(
      `SELECT r.id FROM share_requests r JOIN users u ON u.id = r.requester_id WHERE u.username = 'mzj_user' ORDER BY r.submitted_at LIMIT 1`,
    );
    const other = await p.api('rsj_admin', 'GET', `/api/v1/sharing/requests/${id}`);
    const missing = await p.api('rsj_admin', 'GET', '/api/v1/sharing/requests/00000000-0000-4000-8000-000000000000');
    // The caller cannot tell the two apart; the log can.
    expect([other.status, missing.status]).toEqual([404, 404]);
    expect(other.body).toEqual(missing.body);
    expect(await denials('sharing.request.show.denied')).toEqual([
      { actor: 'rsj_admin', department: expect.any(String), targetId: id, details: { code: 'not_found', message: other.body.error.message } },
    ]);
  });

  it('writes nothing for an anonymous caller', async () => {
    const before = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    for (let i = 0; i < 5; i++) expect((await p.api(null, 'GET', '/api/v1/audit')).status).toBe(401);
    expect(await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).toEqual(before);
  });

  it('still refuses when the row cannot be written', async () => {
    await p.db.query(`CREATE FUNCTION test_refuse_denials() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`);
    await p.db.query(
      `CREATE TRIGGER test_refuse_denials BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action LIKE '%.denied') EXECUTE FUNCTION test_refuse_denials()`,
    );
    try {
      const res = await p.api('admin', 'GET', '/api/v1/audit');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('not_allowed');
    } finally {
      await p.db.query('DROP TRIGGER test_refuse_denials ON audit_log');
      await p.db.query('DROP FUNCTION test_refuse_denials()');
    }
    expect(await denials('audit.list.denied')).toEqual([]);
  });

  it('writes a user’s first 30 refusals of a minute, not every one of a scan', async () => {
    for (let i = 0; i < 40; i++) expect((await p.api('gaj_admin', 'GET', '/api/v1/audit')).status).toBe(403);
    const rows = (await denials('audit.list.denied')).filter((r) => r.actor === 'gaj_admin');
    expect(rows).toHaveLength(30);
  });
});

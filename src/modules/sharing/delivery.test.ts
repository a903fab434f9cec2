import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, mountTable, publishEntry, tableEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { platformSecret } from '../../platform/secrets/secrets.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';
import { sealCalls, verifySeals } from './call-log.js';
import { recordRef } from './record-ref.js';

// The share API as consumers meet it: no grant, a grant from a request, an unconditional
// resource's first use; only granted items and rows leave, masked as granted; revocation and
// expiry take effect on the next call; every call is logged and the log is sealed.

const DISTRICTS = ['张店区', '博山区', '淄川区'] as const;
const SURNAMES = '张王李赵刘陈杨黄';
const people = Array.from({ length: 24 }, (_, i) => {
  const first17 = `3703${String(2 + (i % 3)).padStart(2, '0')}19${String(60 + i).padStart(2, '0')}0101${String(100 + i).padStart(3, '0')}`;
  return {
    name: `${SURNAMES[i % SURNAMES.length]}${'明华强伟芳'[i % 5]}${i % 2 ? '生' : ''}`,
    id: first17 + citizenIdCheckDigit(first17),
    phone: `1380013${String(8000 + i)}`,
    address: `山东省淄博市${DISTRICTS[i % 3]}人民路${i + 1}号`,
    district: DISTRICTS[i % 3],
  };
});
const csv = ['姓名,公民身份号码,手机号码,住址,户籍区县', ...people.map((q) => [q.name, q.id, q.phone, q.address, q.district].join(','))].join('\n');

const entry = (name: string, shareType: string) =>
  tableEntry({
    name,
    abstract: '共享交换测试用的人口信息，包括姓名、公民身份号码、手机号码、住址和户籍区县。',
    items: [
      { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
      { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
      { name: '手机号码', dataElement: 'DE00007', type: 'string', length: 20 },
      { name: '住址', dataElement: 'DE00008', type: 'string', length: 200 },
      { name: '户籍区县', dataElement: null, type: 'string', length: 20 },
    ],
    shareType,
  });

describe.each(engines())('the share API on %s', (engine) => {
  let p: TestPlatform;
  const code: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let grantId: string;

  const publish = async (key: string, shareType: string, load: boolean) => {
    const created = await publishEntry(p, entry(`共享测试${key}`, shareType));
    code[key] = created.code;
    ids[key] = created.id;
    if (!load) return;
    expect(await loadCsv(p, await mountTable(p, created.id), csv, 'people.csv')).toMatchObject({ status: 'succeeded', rowsLoaded: 24 });
  };
  const records = (user: string, key: string, query = '') => p.api(user, 'GET', `/api/v1/share/${encodeURIComponent(code[key])}/records${query}`);
  const q = (o: Record<string, unknown>) => `?${new URLSearchParams(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))}`;
  const calls = async () => (await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM share_calls'))[0].n;

  beforeAll(async () => {
    p = await testPlatform(engine);
    await publish('conditional', 'conditional', true);
    await publish('open', 'unconditional', true);
    await publish('none', 'none', false);
  });
  afterAll(() => p?.close());

  it('refuses a conditional resource without a grant, and a not-shared one always', async () => {
    const before = await calls();
    const res = await records('mzj_user', 'conditional');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/没有.*有效共享授权/);
    expect((await records('mzj_user', 'none')).status).toBe(403);
    const ask = await p.api('mzj_user', 'POST', '/api/v1/sharing/requests', {
      resourceId: ids.none,
      purpose: '核验低保申请人身份',
      legalBasis: '《社会救助暂行办法》',
      items: ['姓名'],
      delivery: 'api',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect(ask.status).toBe(422);
    // Nothing was served, so nothing was logged (the seeded demo's calls are there before and after).
    expect(await calls()).toBe(before);
  });

  it('grants through request → bureau check → provider review, each step by its own role and in order', async () => {
    const asked = await p.api('mzj_user', 'POST', '/api/v1/sharing/requests', {
      resourceId: ids.conditional,
      purpose: '核验低保申请人的户籍信息',
      legalBasis: '《社会救助暂行办法》第十一条',
      items: ['姓名', '公民身份号码', '住址', '户籍区县'],
      rowFilter: { field: '户籍区县', op: 'in', value: ['张店区', '淄川区'] },
      delivery: 'api',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const id = asked.body.id;
    // The provider cannot review before the bureau's check; the consumer cannot check.
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${id}/review`, { decision: 'approve' })).status).toBe(409);
    expect((await p.api('mzj_admin', 'POST', `/api/v1/sharing/requests/${id}/check`, { decision: 'pass' })).status).toBe(403);
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${id}/check`, { decision: 'pass' })).status).toBe(200);
    // Another department's administrator may not review it, nor see it.
    expect((await p.api('rsj_admin', 'POST', `/api/v1/sharing/requests/${id}/review`, { decision: 'approve' })).status).toBe(404);
    expect((await p.api('rsj_admin', 'GET', `/api/v1/sharing/requests/${id}`)).status).toBe(404);
    // Approving more than was asked is refused; fewer items and a narrower filter are fine.
    const wider = await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${id}/review`, { decision: 'approve', items: ['姓名', '手机号码'] });
    expect(wider.status).toBe(422);
    const ok = await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${id}/review`, {
      decision: 'approve',
      items: ['姓名', '公民身份号码', '户籍区县'],
      rowFilter: { field: '户籍区县', op: 'eq', value: '张店区' },
      callsPerMinute: 50,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('approved');
    grantId = ok.body.grantId;
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${id}/check`, { decision: 'pass' })).status).toBe(409);
    const grant = (await p.api('mzj_user', 'GET', `/api/v1/sharing/grants/${grantId}`)).body;
    expect(grant).toMatchObject({ state: 'active', items: ['姓名', '公民身份号码', '户籍区县'], consumerDepartmentName: '淄博市民政局' });
    expect((await p.api('rsj_admin', 'GET', `/api/v1/sharing/grants/${grantId}`)).status).toBe(404);
    expect((await p.api('rsj_admin', 'GET', '/api/v1/sharing/grants?side=all')).status).toBe(403);
    expect((await p.api('mzj_user', 'GET', '/api/v1/sharing/grants')).body.items.map((g: { id: string }) => g.id)).toContain(grantId);
    expect((await p.api('rsj_admin', 'GET', '/api/v1/sharing/grants')).body.items).toEqual([]);
  });

  it('serves only the granted items and rows, masked, in pages that add up to the whole', async () => {
    const zhangdian = people.filter((x) => x.district === '张店区');
    const seen: { ref: string; values: Record<string, string | null> }[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await records('mzj_user', 'conditional', q({ limit: '3', ...(after ? { after } : {}) }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.fields).toEqual([
        { item: '姓名', masked: true },
        { item: '公民身份号码', masked: true },
        { item: '户籍区县', masked: false },
      ]);
      seen.push(...res.body.records);
      after = res.body.next;
      pages++;
    } while (after && pages < 20);
    expect(seen).toHaveLength(zhangdian.length);
    expect(new Set(seen.map((r) => r.ref)).size).toBe(zhangdian.length);
    for (const r of seen) {
      expect(Object.keys(r.values)).toEqual(['姓名', '公民身份号码', '户籍区县']);
      expect(r.values.户籍区县).toBe('张店区');
      expect(r.values.公民身份号码).toMatch(/^370302\*{8}\d{3}[\dX]$/);
      expect(r.values.姓名).toMatch(/^.\*/u);
    }
    const body = JSON.stringify(seen);
    for (const x of people) {
      expect(body).not.toContain(x.id);
      expect(body).not.toContain(x.phone);
    }
  });

  it('refuses items outside the grant and filters on masked items, and the grant’s filter holds for every query form', async () => {
    const outside = await records('mzj_user', 'conditional', q({ fields: '姓名,手机号码' }));
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toContain('手机号码');
    expect((await records('mzj_user', 'conditional', q({ filter: { field: '住址', op: 'notNull' } }))).status).toBe(403);
    const masked = await records('mzj_user', 'conditional', q({ filter: { field: '公民身份号码', op: 'prefix', value: '370303' } }));
    expect(masked.status).toBe(422);
    expect(masked.body.error.message).toMatch(/脱敏/);
    for (const filter of [
      { field: '户籍区县', op: 'eq', value: '博山区' },
      {
        or: [
          { field: '户籍区县', op: 'eq', value: '博山区' },
          { field: '户籍区县', op: 'notNull' },
        ],
      },
      { field: '户籍区县', op: 'ne', value: '张店区' },
      { field: '户籍区县', op: 'gte', value: '' },
    ]) {
      const res = await records('mzj_user', 'conditional', q({ filter, limit: '100' }));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.records.every((r: { values: { 户籍区县: string } }) => r.values.户籍区县 === '张店区')).toBe(true);
    }
    const injection = await records('mzj_user', 'conditional', q({ filter: { field: "户籍区县' OR 1=1 --", op: 'eq', value: 'x' } }));
    expect(injection.status).toBe(403);
    const bad = await records('mzj_user', 'conditional', q({ filter: '{"field": ' }));
    expect(bad.status).toBe(400);
    const fields = await records('mzj_user', 'conditional', q({ fields: '户籍区县', limit: '1' }));
    expect(Object.keys(fields.body.records[0].values)).toEqual(['户籍区县']);
    const forged = await records('mzj_user', 'conditional', q({ after: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }));
    expect(forged.status).toBe(400);
  });

  it('looks a record up by its ref when the key is masked, inside the grant’s rows only, and never answers a masked raw key (F5)', async () => {
    const inside = people.find((x) => x.district === '张店区') as (typeof people)[number];
    const outside = people.find((x) => x.district === '博山区') as (typeof people)[number];
    const lookup = (user: string, key: string, by = '') => p.api(user, 'GET', `/api/v1/share/${ids.conditional}/records/${encodeURIComponent(key)}${by}`);
    // The grant masks 公民身份号码: a raw value is refused before the table is read, alike for a key inside the rows, outside them, or in no row at all.
    const before = await calls();
    const refusals = await Promise.all([inside.id, outside.id, '370302199901011234'].map((k) => lookup('mzj_user', k)));
    for (const r of refusals) {
      expect(r.status).toBe(422);
      expect(r.body).toEqual(refusals[0].body);
    }
    expect(refusals[0].body.error.message).toMatch(/ref/);
    expect(await calls()).toBe(before);

    const ref = recordRef(await platformSecret(p.db, 'record-ref'), ids.conditional, inside.id);
    const hit = await lookup('mzj_user', ref, '?by=ref');
    expect(hit.status, JSON.stringify(hit.body)).toBe(200);
    expect(hit.body.record.ref).toBe(ref);
    expect(hit.body.record.values.公民身份号码).toBe(`${inside.id.slice(0, 6)}********${inside.id.slice(-4)}`);
    expect(hit.body.record.values).not.toHaveProperty('手机号码');
    const away = recordRef(await platformSecret(p.db, 'record-ref'), ids.conditional, outside.id);
    expect((await lookup('mzj_user', away, '?by=ref')).status).toBe(404);
    expect((await lookup('mzj_user', 'bm90LWEtcmVmZXJlbmNlLWF0LWFsbA', '?by=ref')).status).toBe(400);
    expect((await lookup('rsj_admin', ref, '?by=ref')).status).toBe(403);

    // A grant that shows the key unmasked keeps the lookup by raw value.
    const asked = await p.api('ybj_admin', 'POST', '/api/v1/sharing/requests', {
      resourceId: ids.conditional,
      purpose: '核验参保人员身份',
      legalBasis: '《社会保险法》',
      items: ['姓名', '公民身份号码'],
      delivery: 'api',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/check`, { decision: 'pass' })).status).toBe(200);
    const review = { decision: 'approve', unmasked: ['公民身份号码'] };
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/review`, review)).status).toBe(200);
    const raw = await lookup('ybj_admin', outside.id);
    expect(raw.status, JSON.stringify(raw.body)).toBe(200);
    expect(raw.body.record.values.公民身份号码).toBe(outside.id);
    expect((await lookup('ybj_admin', '370302199901011234')).status).toBe(404);
  });

  it('logs every call that served data, before serving it, and seals the log so that a changed row is found', async () => {
    // What each side of the log holds before the call (the seeded demo's calls among them): the call adds one where it belongs, nothing elsewhere.
    const sides = async () => ({
      consumer: (await p.api('mzj_admin', 'GET', '/api/v1/sharing/calls')).body.total as number,
      provider: (await p.api('gaj_admin', 'GET', '/api/v1/sharing/calls?side=provider')).body.total as number,
      providerAsConsumer: (await p.api('gaj_admin', 'GET', '/api/v1/sharing/calls')).body.total as number,
      stranger: (await p.api('rsj_admin', 'GET', '/api/v1/sharing/calls?side=provider')).body.total as number,
      all: (await p.api('auditor', 'GET', '/api/v1/sharing/calls?side=all')).body.total as number,
    });
    const before = await calls();
    const seen = await sides();
    expect(seen.all).toBe(before);
    await records('mzj_user', 'conditional', q({ limit: '2' }));
    expect(await calls()).toBe(before + 1);
    const [last] = await p.db.query<{ rows: number; channel: string; actor: string; purpose: string }>(
      'SELECT rows, channel, actor, purpose FROM share_calls ORDER BY seq DESC LIMIT 1',
    );
    expect(last).toEqual({ rows: 2, channel: 'api', actor: 'mzj_user', purpose: '核验低保申请人的户籍信息' });
    expect(await sealCalls(p.db, 'sha256')).toBe(before + 1);
    expect(await sealCalls(p.db, 'sm3')).toBe(0);
    expect(await verifySeals(p.db)).toEqual({ ok: true, seals: 1, calls: before + 1, checkpoints: 0, archivedTo: 0 });
    expect((await p.api('auditor', 'GET', '/api/v1/sharing/calls/verify')).body).toEqual({
      ok: true,
      seals: 1,
      calls: before + 1,
      checkpoints: 0,
      archivedTo: 0,
    });
    expect((await p.api('mzj_admin', 'GET', '/api/v1/sharing/calls/verify')).status).toBe(403);
    // Each department reads its own side of the log; the bureau and auditors all of it.
    const mine = await p.api('mzj_admin', 'GET', '/api/v1/sharing/calls');
    expect(mine.body.items[0]).toMatchObject({ actor: 'mzj_user', channel: 'api', rows: 2, consumerDepartmentName: '淄博市民政局', batch: 1 });
    expect(await sides()).toEqual({ ...seen, consumer: seen.consumer + 1, provider: seen.provider + 1, all: seen.all + 1 });
    expect((await p.api('rsj_admin', 'GET', '/api/v1/sharing/calls?side=all')).status).toBe(403);
    // Every call of this test's grant so far is on the consumer's and the provider's side of the log, none on the provider's own consumer side.
    const ofGrant = async (user: string, side: string) => (await p.api(user, 'GET', `/api/v1/sharing/calls?side=${side}&grantId=${grantId}`)).body.total;
    const [{ n: grantCalls }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM share_calls WHERE grant_id = $1', [grantId]);
    expect([await ofGrant('mzj_admin', 'consumer'), await ofGrant('gaj_admin', 'provider'), await ofGrant('gaj_admin', 'consumer')]).toEqual([
      grantCalls,
      grantCalls,
      0,
    ]);
    expect(grantCalls).toBeGreaterThan(1);
    await expect(p.db.query('UPDATE share_calls SET rows = 999')).rejects.toThrow(/append-only/);
    await expect(p.db.query('DELETE FROM share_calls')).rejects.toThrow(/append-only/);
    await p.db.query('ALTER TABLE share_calls DISABLE TRIGGER share_calls_no_change');
    await p.db.query('UPDATE share_calls SET rows = rows + 1 WHERE seq = (SELECT min(seq) FROM share_calls)');
    await p.db.query('ALTER TABLE share_calls ENABLE TRIGGER share_calls_no_change');
    expect(await verifySeals(p.db)).toMatchObject({ ok: false, badBatch: 1 });
    expect((await p.api('auditor', 'GET', '/api/v1/sharing/calls/verify')).body).toMatchObject({ ok: false, badBatch: 1 });
  });

  it('enforces the grant’s calls per minute', async () => {
    await p.db.query('UPDATE share_grants SET calls_per_minute = 2 WHERE id = $1', [grantId]);
    await p.db.query('DELETE FROM share_usage');
    expect((await records('mzj_user', 'conditional', '?limit=1')).status).toBe(200);
    expect((await records('mzj_user', 'conditional', '?limit=1')).status).toBe(200);
    const third = await records('mzj_user', 'conditional', '?limit=1');
    expect(third.status).toBe(429);
    await p.db.query('UPDATE share_grants SET calls_per_minute = 600 WHERE id = $1', [grantId]);
  });

  it('stops serving at the next call after a revocation or an expiry', async () => {
    expect((await records('mzj_user', 'conditional', '?limit=1')).status).toBe(200);
    expect((await p.api('mzj_admin', 'POST', `/api/v1/sharing/grants/${grantId}/revoke`, { reason: '自己撤销' })).status).toBe(403);
    const revoked = await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${grantId}/revoke`, { reason: '用途已完成' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.state).toBe('revoked');
    const after = await records('mzj_user', 'conditional', '?limit=1');
    expect(after.status).toBe(403);
    expect(after.body.error.message).toMatch(/已被撤销：用途已完成/);
    const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sharing.grant.revoke' AND target_id = $1`, [
      grantId,
    ]);
    expect(n).toBe(1);
    // An unconditional resource's first use makes a grant; pushing its expiry into the past stops it.
    const [{ auditMark }] = await p.db.query<{ auditMark: number }>('SELECT coalesce(max(seq), 0)::int8 AS "auditMark" FROM audit_log');
    const first = await records('rsj_admin', 'open', '?limit=5');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.records).toHaveLength(5);
    expect(first.body.records[0].values.手机号码).toMatch(/^138\*{4}\d{4}$/);
    const again = await records('rsj_admin', 'open', '?limit=5');
    expect(again.body.grantId).toBe(first.body.grantId);
    // The first use made one grant, the second none (the seeded demo's first uses are before this test's).
    const made = await p.db.query(`SELECT target_id FROM audit_log WHERE action = 'sharing.grant.first-use' AND seq > $1 ORDER BY seq`, [auditMark]);
    expect(made).toEqual([{ target_id: first.body.grantId }]);
    expect((await p.api('gaj_admin', 'GET', `/api/v1/sharing/grants?side=provider&resourceId=${ids.open}`)).body.items).toHaveLength(1);
    await p.db.query(`UPDATE share_grants SET expires_at = now() - interval '1 second' WHERE id = $1`, [first.body.grantId]);
    const expired = await records('rsj_admin', 'open', '?limit=5');
    // An unconditional resource's grant is renewed by the first use after it expired, and says so in the audit log.
    expect(expired.status).toBe(200);
    expect(expired.body.grantId).toBe(first.body.grantId);
    expect((await p.api('rsj_admin', 'GET', `/api/v1/sharing/grants/${first.body.grantId}`)).body.state).toBe('active');
    expect(await p.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sharing.grant.first-use' AND seq > $1`, [auditMark])).toEqual([{ n: 2 }]);
  });

  it('suspends a consumer whose unconditional grant was revoked until the provider lifts it; other departments go on', async () => {
    expect((await records('zjj_admin', 'open', '?limit=1')).status).toBe(200);
    expect((await records('wjw_admin', 'open', '?limit=1')).status).toBe(200);
    const mine = (await p.api('zjj_admin', 'GET', `/api/v1/sharing/grants?side=consumer&resourceId=${ids.open}`)).body.items;
    expect(mine).toHaveLength(1);
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${mine[0].id}/revoke`, { reason: '超出用途使用' })).status).toBe(200);
    // (The first use after a revocation used to make a new grant, so the revocation did nothing.)
    for (let i = 0; i < 2; i++) {
      const refused = await records('zjj_admin', 'open', '?limit=1');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/已被撤销：超出用途使用/);
    }
    expect((await records('wjw_admin', 'open', '?limit=1')).status).toBe(200);
    const revoked = (await p.api('gaj_admin', 'GET', `/api/v1/sharing/grants/${mine[0].id}`)).body;
    expect(revoked).toMatchObject({ state: 'revoked', suspended: true, liftedAt: null });
    // Only the provider's administrators lift it: not the consumer, not another department, not the bureau for a provider.
    expect((await p.api('zjj_admin', 'POST', `/api/v1/sharing/grants/${mine[0].id}/lift`)).status).toBe(403);
    expect((await p.api('gaj_user', 'POST', `/api/v1/sharing/grants/${mine[0].id}/lift`)).status).toBe(403);
    expect((await p.api('rsj_admin', 'POST', `/api/v1/sharing/grants/${mine[0].id}/lift`)).status).toBe(404);
    const lifted = await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${mine[0].id}/lift`);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ state: 'revoked', suspended: false });
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${mine[0].id}/lift`)).status).toBe(409);
    const back = await records('zjj_admin', 'open', '?limit=1');
    expect(back.status).toBe(200);
    expect(back.body.grantId).not.toBe(mine[0].id);
    const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sharing.grant.lift' AND target_id = $1`, [
      mine[0].id,
    ]);
    expect(n).toBe(1);
  });

  it('serves an API key only what its user may have, and nothing once the user is locked or the key revoked', async () => {
    const created = await p.api('rsj_admin', 'POST', '/api/v1/auth/api-keys', { name: '人社系统对接' });
    expect(created.status).toBe(201);
    const withKey = (url: string) => p.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${created.body.key}` } });
    expect((await withKey(`/api/v1/share/${ids.open}/records?limit=1`)).statusCode).toBe(200);
    expect((await withKey(`/api/v1/share/${ids.conditional}/records?limit=1`)).statusCode).toBe(403);
    const user = (await p.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'rsj_admin'`))[0].id;
    expect((await p.api('admin', 'POST', `/api/v1/users/${user}/lock`, {})).status).toBe(200);
    expect((await withKey(`/api/v1/share/${ids.open}/records?limit=1`)).statusCode).toBe(401);
    expect((await p.api('admin', 'POST', `/api/v1/users/${user}/unlock`, {})).status).toBe(200);
    expect((await withKey(`/api/v1/share/${ids.open}/records?limit=1`)).statusCode).toBe(200);
    // Locking ended the user's sessions; the key revokes itself.
    const revoke = await p.http.inject({
      method: 'DELETE',
      url: `/api/v1/auth/api-keys/${created.body.id}`,
      headers: { authorization: `Bearer ${created.body.key}` },
    });
    expect(revoke.statusCode).toBe(200);
    expect((await withKey(`/api/v1/share/${ids.open}/records?limit=1`)).statusCode).toBe(401);
  });

  it('refuses a remembered API key past its end where data is served', async () => {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const created = (await p.api('sthjj_admin', 'POST', '/api/v1/auth/api-keys', { name: '到期测试', expiresAt: until })).body;
    const ref = recordRef(await platformSecret(p.db, 'record-ref'), ids.open, people[4].id);
    const lookup = () =>
      p.http.inject({ method: 'GET', url: `/api/v1/share/${ids.open}/records/${ref}?by=ref`, headers: { authorization: `Bearer ${created.key}` } });
    expect((await lookup()).statusCode).toBe(200);
    expect((await lookup()).statusCode).toBe(200); // remembered: the serving statement checks the key itself
    await p.db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.id]);
    expect((await lookup()).statusCode).toBe(401);
  });

  it('re-checks a remembered API key where data is served: a user moved to another department is served as that one at once', async () => {
    const key = (await p.api('jyj_admin', 'POST', '/api/v1/auth/api-keys', { name: '教育系统对接' })).body.key as string;
    const ref = recordRef(await platformSecret(p.db, 'record-ref'), ids.open, people[3].id);
    const lookup = () => p.http.inject({ method: 'GET', url: `/api/v1/share/${ids.open}/records/${ref}?by=ref`, headers: { authorization: `Bearer ${key}` } });
    const lastConsumer = async () => (await p.db.query<{ id: string }>('SELECT consumer_department_id AS id FROM share_calls ORDER BY seq DESC LIMIT 1'))[0].id;
    const deptOf = async (username: string) =>
      (await p.db.query<{ id: string; department_id: string }>('SELECT id, department_id FROM users WHERE username = $1', [username]))[0];
    const user = await deptOf('jyj_admin');
    const other = (await deptOf('wjw_admin')).department_id;
    expect((await lookup()).statusCode).toBe(200);
    expect((await lookup()).statusCode).toBe(200); // the second call takes the remembered principal and known terms
    expect(await lastConsumer()).toBe(user.department_id);
    expect((await p.api('admin', 'PATCH', `/api/v1/users/${user.id}`, { departmentId: other })).status).toBe(200);
    expect((await lookup()).statusCode).toBe(200);
    expect(await lastConsumer()).toBe(other);
    expect((await p.api('admin', 'PATCH', `/api/v1/users/${user.id}`, { departmentId: user.department_id })).status).toBe(200);
  });

  it('confirms a remembered principal before any action that does not re-check it itself', async () => {
    const key = (await p.api('mzj_user', 'POST', '/api/v1/auth/api-keys', { name: '确认测试' })).body;
    const who = await p.db.query<{ id: string; department_id: string }>(`SELECT id, department_id FROM users WHERE username = 'mzj_user'`);
    const remembered = {
      kind: 'user' as const,
      userId: who[0].id,
      username: 'mzj_user',
      departmentId: who[0].department_id,
      roles: ['dept_user' as const],
      unconfirmedKey: 'not-a-key-hash',
    };
    await expect(p.actions.run('auth.apikey.list', remembered, {})).rejects.toThrow(/API密钥已失效/);
    expect((await p.api('mzj_user', 'DELETE', `/api/v1/auth/api-keys/${key.id}`)).status).toBe(200);
  });
});

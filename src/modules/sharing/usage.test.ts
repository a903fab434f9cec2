import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, mountTable, publishEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { shanghaiDay } from './workdays.js';

// Usage statistics as the provider, the bureau, a consumer and a stranger see them: calls and
// rows per Asia/Shanghai day and per consumer department, from the delivery log.

const csv = ['户籍区县,人数', '张店区,1', '博山区,2', '淄川区,3', '临淄区,4', '周村区,5'].join('\n');

const entry = (name: string, shareType: 'unconditional' | 'conditional') => ({
  name,
  classification: '101',
  abstract: '调用统计测试用的各区县人数，按日更新，供各部门共享调用。',
  format: 'database',
  formatType: 'PostgreSQL',
  items: [
    { name: '户籍区县', dataElement: null, type: 'string', length: 20 },
    { name: '人数', dataElement: null, type: 'integer' },
  ],
  shareType,
  shareCondition: shareType === 'conditional' ? '仅用于政务服务' : undefined,
  shareChannel: 'platform',
  shareVia: 'api',
  openType: 'closed',
  updateCycle: 'daily',
});

const DAY_MS = 86_400_000;

describe.each(engines())('usage statistics on %s', (engine) => {
  let p: TestPlatform;
  const ids: Record<string, string> = {};
  let mzjGrant: string;

  const publish = async (key: string, shareType: 'unconditional' | 'conditional') => {
    const { id } = await publishEntry(p, entry(`调用统计测试${key}`, shareType));
    ids[key] = id;
    expect(await loadCsv(p, await mountTable(p, id), csv, 'counts.csv')).toMatchObject({ status: 'succeeded', rowsLoaded: 5 });
  };
  const records = (user: string, key: string, limit: number) => p.api(user, 'GET', `/api/v1/share/${ids[key]}/records?limit=${limit}`);
  const usage = (user: string, key: string, days?: number) => p.api(user, 'GET', `/api/v1/sharing/usage?resourceId=${ids[key]}${days ? `&days=${days}` : ''}`);

  beforeAll(async () => {
    p = await testPlatform(engine);
    await publish('open', 'unconditional');
    await publish('quiet', 'conditional');
    // Calls through the share API: the first use of an unconditional resource makes each department's grant.
    const first = await records('mzj_user', 'open', 2);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    mzjGrant = first.body.grantId;
    expect((await records('mzj_user', 'open', 3)).status).toBe(200);
    expect((await records('rsj_admin', 'open', 1)).status).toBe(200);
  });
  afterAll(() => p?.close());

  it('counts today’s calls and rows per consumer for the provider department', async () => {
    const res = await usage('gaj_user', 'open');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const today = shanghaiDay(new Date());
    expect(res.body).toMatchObject({ resourceId: ids.open, providerDepartmentName: '淄博市公安局', scope: 'all', to: today });
    expect(res.body.byDay).toHaveLength(30);
    expect(res.body.byDay[29]).toEqual({ day: today, calls: 3, rows: 6 });
    expect(res.body.byDay.slice(0, 29).every((d: { calls: number; rows: number }) => d.calls === 0 && d.rows === 0)).toBe(true);
    expect(res.body.totals).toEqual({ calls: 3, rows: 6, consumers: 2 });
    expect(res.body.byConsumer.map((c: { departmentName: string; calls: number; rows: number }) => [c.departmentName, c.calls, c.rows])).toEqual([
      ['淄博市民政局', 2, 5],
      ['淄博市人力资源和社会保障局', 1, 1],
    ]);
    // The bureau and auditors see the same figures.
    for (const user of ['gaj_admin', 'admin', 'auditor']) expect((await usage(user, 'open')).body.totals).toEqual(res.body.totals);
  });

  it('puts each call on its Asia/Shanghai day and counts only the period asked for', async () => {
    // 00:30 in Shanghai is 16:30 UTC of the day before: a UTC day would count it a day early.
    const yesterday = shanghaiDay(new Date(Date.now() - DAY_MS));
    const before = shanghaiDay(new Date(Date.now() - 2 * DAY_MS));
    const longAgo = shanghaiDay(new Date(Date.now() - 40 * DAY_MS));
    const [{ id: mzj }] = await p.db.query<{ id: string }>(`SELECT id FROM departments WHERE name = '淄博市民政局'`);
    for (const [at, rows] of [
      [`${yesterday}T00:30:00+08:00`, 10],
      [`${yesterday}T23:59:00+08:00`, 20],
      [`${before}T23:30:00+08:00`, 40],
      [`${longAgo}T12:00:00+08:00`, 80],
    ] as const)
      await p.db.query(
        `INSERT INTO share_calls (at, grant_id, resource_id, consumer_department_id, actor, channel, purpose, query, rows)
         VALUES ($1, $2, $3, $4, 'mzj_user', 'api', '测试', '{}', $5)`,
        [at, mzjGrant, ids.open, mzj, rows],
      );
    const res = await usage('admin', 'open', 3);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.from).toBe(before);
    expect(res.body.byDay.map((d: { day: string; calls: number; rows: number }) => [d.day, d.calls, d.rows])).toEqual([
      [before, 1, 40],
      [yesterday, 2, 30],
      [shanghaiDay(new Date()), 3, 6],
    ]);
    expect(res.body.totals).toEqual({ calls: 6, rows: 76, consumers: 2 });
    // The call 40 days ago is outside 30 days, inside 60.
    expect((await usage('admin', 'open')).body.totals.rows).toBe(76);
    expect((await usage('admin', 'open', 60)).body.totals.rows).toBe(156);
  });

  it('shows a consumer its own calls only, and nothing to departments that never held a grant', async () => {
    const own = await usage('rsj_admin', 'open');
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.scope).toBe('own');
    expect(own.body.totals).toEqual({ calls: 1, rows: 1, consumers: 1 });
    expect(own.body.byConsumer.map((c: { departmentName: string }) => c.departmentName)).toEqual(['淄博市人力资源和社会保障局']);
    for (const user of ['wjw_admin', 'zjj_admin']) {
      const res = await usage(user, 'open');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    // A resource nobody called: zeros for the provider, nothing for a department without a grant.
    const quiet = await usage('gaj_admin', 'quiet', 7);
    expect(quiet.body).toMatchObject({ totals: { calls: 0, rows: 0, consumers: 0 }, byConsumer: [] });
    expect(quiet.body.byDay).toHaveLength(7);
    expect((await usage('mzj_user', 'quiet')).status).toBe(404);
    expect((await p.api('admin', 'GET', '/api/v1/sharing/usage?resourceId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await usage('admin', 'open', 400)).status).toBe(400);
    expect((await p.api(null, 'GET', `/api/v1/sharing/usage?resourceId=${ids.open}`)).status).toBe(401);
  });

  it('is a read action: no audit row', async () => {
    const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sharing.usage.show'`);
    expect(n).toBe(0);
  });
});

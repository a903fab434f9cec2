import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, mountTable, publishEntry, tableEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// The console's preview of a table mount (F1): the provider sees its rows, the bureau sees
// them masked, another department sees nothing without a grant and, with one, only the
// grant's items and rows, masked as granted, each look logged as a share call. A not-shared
// resource is never readable outside its provider and the bureau. Listing mounts gives
// another department's only as catalog facts.

const DISTRICTS = ['张店区', '博山区'] as const;
const people = Array.from({ length: 6 }, (_, i) => {
  const first17 = `37030${2 + (i % 2)}1980010${i + 1}00${i}`;
  return { name: `张${'明华强伟芳丽'[i]}`, id: first17 + citizenIdCheckDigit(first17), phone: `1380013800${i}`, district: DISTRICTS[i % 2] };
});
const csv = ['姓名,公民身份号码,手机号码,户籍区县', ...people.map((x) => [x.name, x.id, x.phone, x.district].join(','))].join('\n');

const entry = (name: string, shareType: string) =>
  tableEntry({
    name,
    abstract: '预览授权测试用的人口信息，包括姓名、公民身份号码、手机号码和户籍区县。',
    items: [
      { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
      { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
      { name: '手机号码', dataElement: 'DE00007', type: 'string', length: 20 },
      { name: '户籍区县', dataElement: null, type: 'string', length: 20 },
    ],
    shareType,
    shareVia: 'table',
  });

describe.each(engines())('the mount preview on %s', (engine) => {
  let p: TestPlatform;
  const mounts: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const preview = (user: string, key: string) => p.api(user, 'GET', `/api/v1/mounts/${mounts[key]}/preview?limit=100`);
  const calls = async () =>
    (await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM share_calls WHERE resource_id = $1 AND channel = 'preview'`, [ids.conditional]))[0].n;

  beforeAll(async () => {
    p = await testPlatform(engine);
    for (const shareType of ['conditional', 'none']) {
      const created = await publishEntry(p, entry(`预览授权测试${shareType}`, shareType));
      ids[shareType] = created.id;
      mounts[shareType] = await mountTable(p, created.id);
      expect(await loadCsv(p, mounts[shareType], csv)).toMatchObject({ status: 'succeeded', rowsLoaded: people.length });
    }
  });
  afterAll(() => p?.close());

  it('shows the provider its rows unmasked and the bureau its rows masked, unlogged', async () => {
    for (const key of ['conditional', 'none']) {
      const own = await preview('gaj_user', key);
      expect(own.status).toBe(200);
      expect(own.body.masked).toBe(false);
      expect(own.body.rows.map((r: string[]) => r[1])).toEqual(people.map((x) => x.id));
      const bureau = await preview('admin', key);
      expect(bureau.status).toBe(200);
      expect(bureau.body.masked).toBe(true);
      expect(bureau.body.rows).toHaveLength(people.length);
      expect(bureau.body.rows[0][1]).toBe(`${people[0].id.slice(0, 6)}********${people[0].id.slice(14)}`);
      expect(JSON.stringify(bureau.body)).not.toContain(people[0].id);
    }
    expect(await calls()).toBe(0);
  });

  it('shows another department nothing without a grant, and a not-shared resource never', async () => {
    for (const key of ['conditional', 'none']) {
      const res = await preview('mzj_user', key);
      expect(res.status).toBe(403);
      expect(res.body.rows).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain(people[0].name);
    }
    expect((await preview('mzj_user', 'none')).body.error.message).toMatch(/不予共享/);
  });

  it('lists another department’s mounts as catalog facts, without the id that opens their data', async () => {
    const listed = async (user: string) =>
      (await p.api(user, 'GET', `/api/v1/mounts?resourceId=${ids.conditional}`)).body.items as { id: string | null; resourceId: string }[];
    expect((await listed('mzj_user')).map((m) => m.id)).toEqual([null]);
    expect((await listed('mzj_user'))[0].resourceId).toBe(ids.conditional);
    expect((await listed('gaj_user')).map((m) => m.id)).toEqual([mounts.conditional]);
    expect((await listed('admin')).map((m) => m.id)).toEqual([mounts.conditional]);
  });

  it('shows a grant holder only the grant’s items and rows, masked as granted, and logs each look', async () => {
    const asked = await p.api('mzj_user', 'POST', '/api/v1/sharing/requests', {
      resourceId: ids.conditional,
      purpose: '核验低保申请人的户籍信息',
      legalBasis: '《社会救助暂行办法》第十一条',
      items: ['姓名', '公民身份号码', '户籍区县'],
      rowFilter: { field: '户籍区县', op: 'eq', value: '张店区' },
      delivery: 'table',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/check`, { decision: 'pass' })).status).toBe(200);
    const ok = await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/review`, { decision: 'approve', unmasked: ['姓名'] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);

    const before = await calls();
    const res = await preview('mzj_user', 'conditional');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.columns.map((c: { item: string; masking: string }) => [c.item, c.masking])).toEqual([
      ['姓名', 'none'],
      ['公民身份号码', 'citizen-id'],
      ['户籍区县', 'none'],
    ]);
    const zhangdian = people.filter((x) => x.district === '张店区');
    expect(res.body.rows).toEqual(zhangdian.map((x) => [x.name, `${x.id.slice(0, 6)}********${x.id.slice(14)}`, '张店区']));
    // The total counts the rows the grant shows, not the table's: how many people live outside the filter is not the grant holder's to know.
    expect(res.body.total).toBe(zhangdian.length);
    expect((await preview('gaj_user', 'conditional')).body.total).toBe(people.length);
    const body = JSON.stringify(res.body);
    for (const x of people) {
      expect(body).not.toContain(x.id);
      expect(body).not.toContain(x.phone);
    }
    expect(await calls()).toBe(before + 1);
    const [logged] = await p.db.query<{ actor: string; rows: number; grant: string }>(
      `SELECT actor, rows, grant_id::text AS grant FROM share_calls WHERE resource_id = $1 AND channel = 'preview' ORDER BY seq DESC LIMIT 1`,
      [ids.conditional],
    );
    expect(logged).toMatchObject({ actor: 'mzj_user', rows: zhangdian.length, grant: ok.body.grantId });
    // A third department still sees nothing.
    expect((await preview('rsj_admin', 'conditional')).status).toBe(403);
  });
});

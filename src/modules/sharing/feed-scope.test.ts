import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTable, PEOPLE_ITEMS, publishEntry, tableEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// Rows outside a grant's filter do not exist for its holder (tables/decision.ts) — in the
// change feed too. Today the feed answers every row a run writes that the grant does not
// show as a "delete" with its record reference: a consumer limited to 张店区 learns how many
// records changed elsewhere in the city, run by run, and follows each of them by a stable
// reference (the same one a wider grant on the resource is given). Skipped: the fix is in
// tables/feed.ts and sharing/changes.ts (another engineer's files this round); the review's
// report describes it.

const person = (i: number) => {
  const first17 = `370302${1950 + i}0101${String(i).padStart(3, '0')}`;
  return first17 + citizenIdCheckDigit(first17);
};

describe.each(engines())('the change feed within a grant’s rows on %s', (engine) => {
  let p: TestPlatform;
  let id: string;
  let mountId: string;

  const push = async (rows: object[]) => {
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/mounts/${mountId}/runs?mode=upsert&format=jsonl&filename=batch.jsonl`,
      headers: { authorization: `Bearer ${await p.token('gaj_user')}`, 'content-type': 'application/x-ndjson' },
      payload: rows.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(res.json()).toMatchObject({ status: 'succeeded' });
  };
  const pull = async (since?: string) => {
    const res = await p.api('mzj_user', 'GET', `/api/v1/share/${id}/changes?limit=1000${since ? `&since=${encodeURIComponent(since)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { upserts: unknown[]; deletes: string[]; next: string; more: boolean };
  };

  beforeAll(async () => {
    p = await testPlatform(engine);
    id = (
      await publishEntry(
        p,
        tableEntry({
          name: '变更订阅范围测试人口',
          abstract: '变更订阅范围测试用的人口信息，包括姓名、公民身份号码和户籍区县。',
          items: PEOPLE_ITEMS,
          shareType: 'conditional',
          shareVia: 'table',
        }),
      )
    ).id;
    mountId = await mountTable(p, id);
    const asked = await p.api('mzj_user', 'POST', '/api/v1/sharing/requests', {
      resourceId: id,
      purpose: '同步辖区人口用于社会救助',
      legalBasis: '《社会救助暂行办法》',
      items: ['姓名', '公民身份号码', '户籍区县'],
      rowFilter: { field: '户籍区县', op: 'eq', value: '张店区' },
      delivery: 'table',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await p.api('admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/check`, { decision: 'pass' });
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/review`, { decision: 'approve' })).status).toBe(200);
  });
  afterAll(() => p?.close());

  it('tells a subscriber under a row filter nothing of how many rows a batch wrote', async () => {
    const grant = (await p.api('mzj_user', 'GET', `/api/v1/sharing/grants?resourceId=${id}`)).body.items[0].id as string;
    expect((await p.api('mzj_user', 'POST', '/api/v1/sharing/subscriptions', { grantId: grant })).status).toBe(201);
    // Seven people of 博山区 and one of 张店区: the batch's count is mostly rows this grant does not show.
    await push([10, 11, 12, 13, 14, 15, 16, 17].map((i) => ({ 姓名: `王${i}`, 公民身份号码: person(i), 户籍区县: i === 10 ? '张店区' : '博山区' })));
    await p.events.drain();
    const notes = await p.api('mzj_user', 'GET', '/api/v1/sharing/notifications');
    expect(notes.status, JSON.stringify(notes.body)).toBe(200);
    expect(notes.body.items.length).toBeGreaterThan(0);
    for (const n of notes.body.items) expect(n.rows).toBeNull();
  });

  it.skip('tells the holder nothing of rows written outside its grant’s filter', async () => {
    await push([{ 姓名: '张一', 公民身份号码: person(1), 户籍区县: '张店区' }]);
    const snapshot = await pull();
    expect(snapshot.upserts).toHaveLength(1);
    // Three people of 博山区 are written: never visible to this grant, before or after.
    await push([2, 3, 4].map((i) => ({ 姓名: `李${i}`, 公民身份号码: person(i), 户籍区县: '博山区' })));
    const after = await pull(snapshot.next);
    expect(after.upserts).toEqual([]);
    expect(after.deletes).toEqual([]);
  });
});

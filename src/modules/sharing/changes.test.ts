import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTable, PEOPLE_ITEMS, publishEntry, tableEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { mask } from '../../platform/masking/mask.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// Table sync as an exchange agent drives it: the provider pushes idempotent batches (upserts
// and deletes by key), the consumer pulls the changes of its grant and applies them; after
// every step the consumer's copy is exactly the provider's rows that the grant covers, masked.

type Person = { name: string; id: string; district: string };
const person = (i: number, district: string): Person => {
  const first17 = `370302${1950 + (i % 50)}0101${String(i).padStart(3, '0')}`;
  return { name: `张${'明华强伟芳'[i % 5]}${i}`, id: first17 + citizenIdCheckDigit(first17), district };
};
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const row = (x: Person) => ({ 姓名: x.name, 公民身份号码: x.id, 户籍区县: x.district });

const entry = tableEntry({
  name: '库表同步测试人口',
  abstract: '库表交换测试用的人口信息，包括姓名、公民身份号码和户籍区县。',
  items: PEOPLE_ITEMS,
  shareType: 'conditional',
  shareVia: 'table',
});

describe.each(engines())('table sync on %s', (engine) => {
  let p: TestPlatform;
  let id: string;
  let mountId: string;
  const source = new Map<string, Person>();
  const copy = new Map<string, Record<string, string | null>>();
  let since: string | undefined;

  const push = async (mode: 'upsert' | 'delete' | 'replace', body: string, key?: string) => {
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/mounts/${mountId}/runs?mode=${mode}&format=jsonl&filename=batch.jsonl`,
      headers: { authorization: `Bearer ${await p.token('gaj_user')}`, 'content-type': 'application/x-ndjson', ...(key ? { 'idempotency-key': key } : {}) },
      payload: body,
    });
    return { status: res.statusCode, body: res.json(), replay: res.headers['idempotent-replay'] };
  };
  /** Pulls until caught up, applying each page as the agent does; answers whether a snapshot happened. */
  const pull = async (limit = 2) => {
    let snapshot: Set<string> | null = null;
    for (let n = 0; n < 100; n++) {
      const res = await p.api(
        'mzj_user',
        'GET',
        `/api/v1/share/${encodeURIComponent(id)}/changes?limit=${limit}${since ? `&since=${encodeURIComponent(since)}` : ''}`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const page = res.body;
      if (page.reset) snapshot = new Set();
      // As the feed says: a page's deletes first, then its upserts.
      for (const d of page.deletes) copy.delete(d);
      for (const u of page.upserts) {
        copy.set(u.ref, u.values);
        snapshot?.add(u.ref);
      }
      since = page.next;
      if (!page.more) {
        if (snapshot) for (const ref of [...copy.keys()]) if (!snapshot.has(ref)) copy.delete(ref);
        return !!snapshot;
      }
    }
    throw new Error('the feed did not catch up in 100 pages');
  };
  const expected = () =>
    [...source.values()]
      .filter((x) => x.district === '张店区' || x.district === '淄川区')
      .map((x) => JSON.stringify({ 姓名: mask('name', x.name), 公民身份号码: mask('citizen-id', x.id), 户籍区县: x.district }))
      .sort();
  const actual = () => [...copy.values()].map((v) => JSON.stringify(v)).sort();

  beforeAll(async () => {
    p = await testPlatform(engine);
    id = (await publishEntry(p, entry)).id;
    mountId = await mountTable(p, id);
    const asked = await p.api('mzj_user', 'POST', '/api/v1/sharing/requests', {
      resourceId: id,
      purpose: '同步辖区人口用于社会救助',
      legalBasis: '《社会救助暂行办法》',
      items: ['姓名', '公民身份号码', '户籍区县'],
      rowFilter: { field: '户籍区县', op: 'in', value: ['张店区', '淄川区'] },
      delivery: 'table',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await p.api('admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/check`, { decision: 'pass' });
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/review`, { decision: 'approve' })).status).toBe(200);
  });
  afterAll(() => p?.close());

  it('answers an empty snapshot before the provider’s first load, and a new snapshot after it', async () => {
    const res = await p.api('mzj_user', 'GET', `/api/v1/share/${id}/changes`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ reset: true, more: false, upserts: [], deletes: [] });
    const again = await p.api('mzj_user', 'GET', `/api/v1/share/${id}/changes?since=${encodeURIComponent(res.body.next)}`);
    expect(again.body).toMatchObject({ reset: false, more: false, upserts: [] });
    since = again.body.next;
  });

  it('takes a batch once per idempotency key: the same body replays the answer, another body is refused', async () => {
    const first = Array.from({ length: 7 }, (_, i) => person(i, ['张店区', '淄川区', '博山区'][i % 3]));
    const body = jsonl(first.map(row));
    const a = await push('upsert', body, 'agent-1:pop:1');
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ status: 'succeeded', mode: 'upsert', rowsLoaded: 7 });
    for (const x of first) source.set(x.id, x);
    const again = await push('upsert', body, 'agent-1:pop:1');
    expect(again.status).toBe(200);
    expect(again.replay).toBe('true');
    expect(again.body.id).toBe(a.body.id);
    const other = await push('upsert', jsonl([row(person(99, '张店区'))]), 'agent-1:pop:1');
    expect(other.status).toBe(409);
    expect(other.body.error.details).toEqual({ reason: 'idempotency_key_reused', runId: a.body.id, status: 'succeeded' });
    const [{ n }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_runs WHERE mount_id = $1', [mountId]);
    expect(n).toBe(1);
    expect((await push('upsert', body, 'bad key with spaces')).status).toBe(400);
  });

  it('pulls a snapshot of what the grant covers, masked, then nothing until something changes', async () => {
    expect(await pull()).toBe(true);
    expect(actual()).toEqual(expected());
    expect(copy.size).toBeGreaterThan(0);
    const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM share_calls WHERE channel = 'table' AND resource_id = $1`, [id]);
    expect(n).toBeGreaterThan(1);
    expect(await pull()).toBe(false);
    expect(actual()).toEqual(expected());
  });

  it('passes on upserts, rows that leave the grant’s filter, and deletes by key, in the order they were published', async () => {
    const moved = [...source.values()].find((x) => x.district === '张店区') as Person;
    const deleted = [...source.values()].find((x) => x.district === '淄川区') as Person;
    const added = person(50, '淄川区');
    const update = await push('upsert', jsonl([row({ ...moved, district: '博山区' }), row(added)]), 'agent-1:pop:2');
    expect(update.body, JSON.stringify(update.body)).toMatchObject({ status: 'succeeded', rowsLoaded: 2 });
    source.set(moved.id, { ...moved, district: '博山区' });
    source.set(added.id, added);
    const del = await push('delete', jsonl([{ 公民身份号码: deleted.id }]), 'agent-1:pop:3');
    expect(del.body, JSON.stringify(del.body)).toMatchObject({ status: 'succeeded', mode: 'delete' });
    source.delete(deleted.id);
    // Deleted, then the same key back: the feed must end with the row present.
    const back = person(77, '张店区');
    await push('upsert', jsonl([row(back)]), 'agent-1:pop:4');
    await push('delete', jsonl([{ 公民身份号码: back.id }]), 'agent-1:pop:5');
    await push('upsert', jsonl([row(back)]), 'agent-1:pop:6');
    source.set(back.id, back);
    const from = since;
    expect(await pull(1)).toBe(false);
    expect(actual()).toEqual(expected());
    // The same changes in one page (a key deleted and added again in it) end the same way.
    for (const [ref] of copy) copy.delete(ref);
    since = undefined;
    await pull(1000);
    const whole = actual();
    since = from;
    expect(await pull(1000)).toBe(false);
    expect(actual()).toEqual(whole);
    expect(actual()).toEqual(expected());
    const [{ n }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mount_deletes WHERE mount_id = $1', [mountId]);
    expect(n).toBe(2);
  });

  it('starts a new snapshot after a replace', async () => {
    const fresh = Array.from({ length: 5 }, (_, i) => person(200 + i, i % 2 ? '张店区' : '博山区'));
    const res = await push('replace', jsonl(fresh.map(row)));
    expect(res.body.status).toBe('succeeded');
    source.clear();
    for (const x of fresh) source.set(x.id, x);
    expect(await pull()).toBe(true);
    expect(actual()).toEqual(expected());
  });

  it('serves only a grant for table delivery, and only its holder', async () => {
    expect((await p.api('rsj_admin', 'GET', `/api/v1/share/${id}/changes`)).status).toBe(403);
    const records = await p.api('mzj_user', 'GET', `/api/v1/share/${id}/records`);
    expect(records.status).toBe(403);
    expect(records.body.error.message).toMatch(/库表/);
    const forged = await p.api('mzj_user', 'GET', `/api/v1/share/${id}/changes?since=${'A'.repeat(60)}`);
    expect(forged.status).toBe(400);
  });
});

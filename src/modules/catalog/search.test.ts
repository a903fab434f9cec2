import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';

const q = (s: string) => encodeURIComponent(s);

describe.each(engines())('catalog search on %s', (engine) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform(engine);
  });
  afterAll(() => p?.close());
  const search = async (query: string, user = 'mzj_user') => {
    const r = await p.api(user, 'GET', `/api/v1/catalog/resources?${query}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  it('finds entries by Chinese words of their name, abstract, keywords and items, best match first', async () => {
    const r = await search(`q=${q('户籍人口')}`);
    expect(r.total).toBeGreaterThan(0);
    expect(r.terms).toEqual(expect.arrayContaining(['户籍', '人口']));
    expect(r.items[0].name).toMatch(/户籍|人口/);
    const ranks = r.items.map((i: { rank: number }) => i.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // Every hit mentions both words somewhere (AND semantics).
    for (const hit of r.items) {
      const full = (await p.api('mzj_user', 'GET', `/api/v1/catalog/resources/${hit.id}`)).body;
      const text = JSON.stringify([full.name, full.abstract, full.keywords, full.items, full.providerName]);
      expect(text).toContain('户籍');
      expect(text).toContain('人口');
    }
  });

  it('matches a word that only appears in an item description', async () => {
    const created = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', {
      name: '犬只登记信息',
      classification: '209',
      abstract: '全市养犬登记与年检信息，用于文明养犬管理。',
      format: 'database',
      formatType: 'MySQL',
      items: [{ name: '犬只品种', type: 'string', length: 20, description: '依据中华田园犬等品种目录' }],
      shareType: 'unconditional',
      shareChannel: 'platform',
      shareVia: 'table',
      openType: 'closed',
      updateCycle: 'monthly',
    });
    const r = await search(`scope=mine&q=${q('田园犬')}`, 'gaj_user');
    expect(r.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
  });

  it('falls back to substring search for a one-character query', async () => {
    const made = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', {
      name: '鲁C号牌机动车登记',
      classification: '209',
      abstract: '本市核发鲁C号牌的机动车登记信息。',
      format: 'database',
      formatType: 'MySQL',
      items: [{ name: '号牌号码', type: 'string', length: 10 }],
      shareType: 'unconditional',
      shareChannel: 'platform',
      shareVia: 'api',
      openType: 'closed',
      updateCycle: 'daily',
    });
    const r = await search(`scope=mine&q=${q('鲁')}&pageSize=200`, 'gaj_user');
    expect(r.terms).toEqual(['鲁']);
    expect(r.items.map((i: { id: string }) => i.id)).toContain(made.body.id);
    for (const hit of r.items) {
      const full = (await p.api('gaj_user', 'GET', `/api/v1/catalog/resources/${hit.id}`)).body;
      expect(`${full.name}${full.abstract}${full.keywords.join(' ')}`).toContain('鲁');
    }
  });

  it('gives facets that add up and filters that narrow', async () => {
    const all = await search('pageSize=1');
    for (const f of ['classification', 'provider', 'shareType', 'openType', 'format', 'updateCycle'] as const) {
      expect(all.facets[f].reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(all.total);
    }
    expect(all.facets.shareType.map((f: { label: string }) => f.label)).toEqual(expect.arrayContaining(['无条件共享', '有条件共享']));
    const cond = await search('shareType=conditional&pageSize=200');
    expect(cond.total).toBe(all.facets.shareType.find((f: { value: string }) => f.value === 'conditional').count);
    expect(cond.items.every((i: { shareType: string }) => i.shareType === 'conditional')).toBe(true);
    const base = await search('classification=1&pageSize=1');
    const baseFacet = all.facets.classification.filter((f: { value: string }) => f.value.startsWith('1'));
    expect(base.total).toBe(baseFacet.reduce((s: number, x: { count: number }) => s + x.count, 0));
    expect(baseFacet.find((f: { value: string }) => f.value === '101').label).toBe('人口信息资源');
  });

  it('recounts facets as soon as the catalog changes, whichever request changed it', async () => {
    const before = (await search('pageSize=1')).facets.shareType.find((f: { value: string }) => f.value === 'none')?.count ?? 0;
    const made = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', {
      name: '涉密测试目录',
      classification: '209',
      abstract: '用于验证分面计数随目录变化而更新。',
      format: 'other',
      formatType: 'txt',
      items: [{ name: 'a', type: 'string' }],
      shareType: 'none',
      shareBasis: '《中华人民共和国保守国家秘密法》',
      shareChannel: 'media',
      openType: 'closed',
      updateCycle: 'yearly',
    });
    await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${made.body.id}/submit`);
    expect((await search('pageSize=1')).facets.shareType.find((f: { value: string }) => f.value === 'none')?.count ?? 0).toBe(before);
    await p.api('admin', 'POST', `/api/v1/catalog/resources/${made.body.id}/review`, { decision: 'approve' });
    expect((await search('pageSize=1')).facets.shareType.find((f: { value: string }) => f.value === 'none').count).toBe(before + 1);
  });

  it('pages without overlap and in a stable order', async () => {
    const a = await search('pageSize=10&page=1&sort=code');
    const b = await search('pageSize=10&page=2&sort=code');
    expect(a.items).toHaveLength(10);
    const ids = new Set(a.items.map((i: { id: string }) => i.id));
    expect(b.items.some((i: { id: string }) => ids.has(i.id))).toBe(false);
    expect(a.items.at(-1).code < b.items[0].code).toBe(true);
    expect((await p.api('mzj_user', 'GET', '/api/v1/catalog/resources?pageSize=1000')).status).toBe(400);
  });

  it('shows only published entries to other departments, and drafts to their own', async () => {
    const published = await search('pageSize=200&status=draft');
    expect(published.items.every((i: { status: string }) => i.status === 'published')).toBe(true);
    const mine = await search('scope=mine&pageSize=200', 'gaj_user');
    expect(mine.items.map((i: { status: string }) => i.status)).toEqual(expect.arrayContaining(['draft', 'submitted', 'published']));
    const queue = await search('scope=review', 'admin');
    expect(queue.total).toBeGreaterThanOrEqual(2);
    expect(queue.items.every((i: { status: string }) => i.status === 'submitted')).toBe(true);
  });

  it('searches the data-element registry by name, definition words and identifier', async () => {
    const byName = await p.api('gaj_user', 'GET', `/api/v1/catalog/data-elements?q=${q('身份号码')}`);
    expect(byName.body.items.map((e: { name: string }) => e.name)).toContain('公民身份号码');
    const id = await p.api('gaj_user', 'GET', '/api/v1/catalog/data-elements?q=DE0000');
    expect(id.body.total).toBe(9);
    const one = await p.api('gaj_user', 'GET', '/api/v1/catalog/data-elements/DE00001');
    expect(one.body).toMatchObject({ identifier: 'DE00001', name: '姓名', masking: 'name' });
  });

  it('counts the catalog by status, department, classification, share and open type', async () => {
    const s = (await p.api('gaj_user', 'GET', '/api/v1/catalog/stats')).body;
    const published = s.byStatus.find((x: { status: string }) => x.status === 'published').count;
    expect(s.byShareType.reduce((n: number, x: { count: number }) => n + x.count, 0)).toBe(published);
    expect(s.byDepartment.find((d: { name: string }) => d.name === '淄博市公安局').total).toBeGreaterThanOrEqual(3);
    expect(s.byClassification.find((c: { code: string }) => c.code === '1').count).toBeGreaterThan(0);
  });
});

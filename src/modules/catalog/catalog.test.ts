import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';

const entry = (over: Record<string, unknown> = {}) => ({
  name: '测试户籍迁移登记信息',
  classification: '101',
  abstract: '记录全市户籍人口迁入迁出登记情况，包括迁移原因、迁出地和迁入地，用于人口流动分析。',
  format: 'database',
  formatType: 'KingbaseES',
  items: [
    { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
    { name: '迁移原因', dataElement: null, type: 'string', length: 200, description: '务工、婚嫁、求学等' },
  ],
  shareType: 'conditional',
  shareCondition: '仅用于户籍业务办理',
  shareChannel: 'platform',
  shareVia: 'api',
  openType: 'closed',
  updateCycle: 'daily',
  keywords: ['户籍', '迁移'],
  ...over,
});

describe.each(engines())('catalog on %s', (engine) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform(engine);
  });
  afterAll(() => p?.close());

  it('answers health', async () => {
    const r = await p.api(null, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', db: engine });
  });

  it('runs the workflow: create → submit → return → edit → resubmit → approve → search', async () => {
    const created = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', entry());
    expect(created.status).toBe(201);
    const r = created.body;
    expect(r.status).toBe('draft');
    expect(r.code).toMatch(/^101\/370300002-\d{5}$/);

    expect((await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${r.id}/submit`)).body.status).toBe('submitted');
    const edit = await p.api('gaj_user', 'PATCH', `/api/v1/catalog/resources/${r.id}`, { name: '改名' });
    expect(edit.status).toBe(409);

    const noReason = await p.api('admin', 'POST', `/api/v1/catalog/resources/${r.id}/review`, { decision: 'return' });
    expect(noReason.status).toBe(400);
    const returned = await p.api('admin', 'POST', `/api/v1/catalog/resources/${r.id}/review`, { decision: 'return', reason: '摘要须写明数据范围' });
    expect(returned.body).toMatchObject({ status: 'returned', reviewReason: '摘要须写明数据范围' });

    const fixed = await p.api('gaj_user', 'PATCH', `/api/v1/catalog/resources/${r.id}`, { abstract: `${entry().abstract}覆盖全市八个区县。` });
    expect(fixed.status).toBe(200);
    expect(fixed.body.version).toBe(1);
    await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${r.id}/submit`);
    const approved = await p.api('admin', 'POST', `/api/v1/catalog/resources/${r.id}/review`, { decision: 'approve' });
    expect(approved.body.status).toBe('published');
    expect(approved.body.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const found = await p.api('mzj_user', 'GET', `/api/v1/catalog/resources?q=${encodeURIComponent('迁移原因')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(found.body.facets.shareType.length).toBeGreaterThan(0);

    const byCode = await p.api('mzj_user', 'GET', `/api/v1/catalog/by-code/${r.code}`);
    expect(byCode.body.id).toBe(r.id);
    // The contract's /resources/{id or code}: a code's '/' travels encoded.
    const encoded = await p.api('mzj_user', 'GET', `/api/v1/catalog/resources/${encodeURIComponent(r.code)}`);
    expect(encoded.body.id).toBe(r.id);
  });

  it('editing a published entry makes a new version; others keep seeing the published one', async () => {
    const { body: r } = await p.api('mzj_user', 'POST', '/api/v1/catalog/resources', entry({ name: '低保对象测试目录', classification: '203' }));
    await p.api('mzj_user', 'POST', `/api/v1/catalog/resources/${r.id}/submit`);
    await p.api('admin', 'POST', `/api/v1/catalog/resources/${r.id}/review`, { decision: 'approve' });
    const v2 = await p.api('mzj_user', 'PATCH', `/api/v1/catalog/resources/${r.id}`, { name: '低保对象测试目录（第二版）' });
    expect(v2.body).toMatchObject({ version: 2, status: 'draft', code: r.code });
    const seenByOther = await p.api('gaj_user', 'GET', `/api/v1/catalog/resources/${r.id}`);
    expect(seenByOther.body).toMatchObject({ version: 1, name: '低保对象测试目录', status: 'published' });
    const versions = await p.api('mzj_user', 'GET', `/api/v1/catalog/resources/${r.id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const diff = await p.api('mzj_user', 'GET', `/api/v1/catalog/resources/${r.id}/diff?from=1&to=2`);
    expect(diff.body.changes).toEqual([{ field: 'name', from: '低保对象测试目录', to: '低保对象测试目录（第二版）' }]);
  });

  it('enforces the 1272 rules with field-level errors', async () => {
    const bad = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', entry({ shareCondition: null, shareChannel: 'mail' }));
    expect(bad.status).toBe(422);
    const paths = bad.body.error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['shareCondition', 'shareVia']));
    const none = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', entry({ shareType: 'none', shareCondition: null }));
    expect(none.body.error.details[0].path).toEqual(['shareBasis']);
    const otherDeptNode = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', entry({ classification: '303' }));
    expect(otherDeptNode.status).toBe(422);
    const unknownElement = await p.api(
      'gaj_user',
      'POST',
      '/api/v1/catalog/resources',
      entry({ items: [{ name: 'x', dataElement: 'DE99999', type: 'string' }] }),
    );
    expect(unknownElement.body.error.details[0].path).toEqual(['items', '0', 'dataElement']);
    const garbage = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', { name: 1 });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('bad_input');
  });
});

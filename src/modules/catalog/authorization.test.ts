import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { systemPrincipal } from '../../platform/auth/principal.js';
import { createResource, reviewResource, submitResource } from './service.js';

// Every catalog route × every role, seen from 市公安局 (gaj): "own" is a 公安 entry,
// "other" a 民政 (mzj) entry. Each cell states the exact set of users that succeed; the
// rest must get 401, 403 or 404 and change nothing.
const USERS = ['admin', 'auditor', 'gaj_admin', 'gaj_user', null] as const;
type U = (typeof USERS)[number];
const DEPT_USERS: U[] = ['admin', 'gaj_admin', 'gaj_user'];
const EVERYONE: U[] = ['admin', 'auditor', 'gaj_admin', 'gaj_user'];

type State = 'draft' | 'submitted' | 'published';

describe.each(engines())('catalog authorization matrix on %s', (engine) => {
  let p: TestPlatform;
  const dept: Record<string, string> = {};
  beforeAll(async () => {
    p = await testPlatform(engine);
    for (const d of (await p.api('admin', 'GET', '/api/v1/departments')).body) dept[d.code] = d.id;
  });
  afterAll(() => p?.close());

  const sys = systemPrincipal('test');
  const fixture = async (owner: 'own' | 'other', state: State) => {
    const providerDepartmentId = owner === 'own' ? dept['370300002'] : dept['370300003'];
    const r = await p.actions.run(createResource, sys, {
      providerDepartmentId,
      name: `矩阵测试 ${owner} ${state}`,
      classification: '209',
      abstract: '用于权限矩阵测试的目录条目，不含真实数据。',
      format: 'spreadsheet',
      formatType: 'xlsx',
      items: [{ name: '字段一', type: 'string' }],
      shareType: 'unconditional',
      shareChannel: 'platform',
      shareVia: 'file',
      openType: 'open',
      updateCycle: 'monthly',
    });
    if (state !== 'draft') await p.actions.run(submitResource, sys, { id: r.id });
    if (state === 'published') await p.actions.run(reviewResource, sys, { id: r.id, decision: 'approve' });
    return r;
  };

  async function allowedSet(call: (u: U) => Promise<{ status: number }>): Promise<U[]> {
    const ok: U[] = [];
    for (const u of USERS) {
      const { status } = await call(u);
      if (status < 300) ok.push(u);
      else expect([401, 403, 404, 409]).toContain(status);
      if (u === null) expect(status).toBe(401);
    }
    return ok;
  }
  const get = (url: string) => (u: U) => p.api(u, 'GET', url);

  it('reads: the tree, the registry, statistics and the published catalog are for every signed-in user', async () => {
    expect(await allowedSet(get('/api/v1/catalog/classifications'))).toEqual(EVERYONE);
    expect(await allowedSet(get('/api/v1/catalog/data-elements?q=姓名'))).toEqual(EVERYONE);
    expect(await allowedSet(get('/api/v1/catalog/stats'))).toEqual(EVERYONE);
    expect(await allowedSet(get('/api/v1/catalog/resources'))).toEqual(EVERYONE);
    expect(await allowedSet(get('/api/v1/catalog/export'))).toEqual(EVERYONE);
    expect(await allowedSet(get('/api/v1/catalog/import-template'))).toEqual(EVERYONE);
  });

  it('search scopes: mine for department members, review for the bureau, all for bureau and auditor', async () => {
    expect(await allowedSet(get('/api/v1/catalog/resources?scope=mine'))).toEqual(EVERYONE);
    expect(await allowedSet(get('/api/v1/catalog/resources?scope=review'))).toEqual(['admin']);
    expect(await allowedSet(get('/api/v1/catalog/resources?scope=all'))).toEqual(['admin', 'auditor']);
    const mine = await p.api('gaj_user', 'GET', '/api/v1/catalog/resources?scope=mine&pageSize=200');
    expect(mine.body.items.every((i: { providerDepartmentId: string }) => i.providerDepartmentId === dept['370300002'])).toBe(true);
  });

  it.each([
    ['own', 'draft', ['admin', 'auditor', 'gaj_admin', 'gaj_user']],
    ['other', 'draft', ['admin', 'auditor']],
    ['own', 'published', EVERYONE],
    ['other', 'published', EVERYONE],
  ] as const)('show and versions of an %s %s entry', async (owner, state, expected) => {
    const r = await fixture(owner, state);
    expect(await allowedSet(get(`/api/v1/catalog/resources/${r.id}`))).toEqual(expected);
    expect(await allowedSet(get(`/api/v1/catalog/by-code/${r.code}`))).toEqual(expected);
    expect(await allowedSet(get(`/api/v1/catalog/resources/${r.id}/versions`))).toEqual(expected);
    expect(await allowedSet(get(`/api/v1/catalog/resources/${r.id}/diff?from=1&to=1`))).toEqual(expected);
  });

  it.each([
    ['own', ['gaj_admin', 'gaj_user']],
    ['other', []],
  ] as const)('edit and submit an %s draft: members of the providing department only', async (owner, expected) => {
    expect(await allowedSet(async (u) => p.api(u, 'PATCH', `/api/v1/catalog/resources/${(await fixture(owner, 'draft')).id}`, { keywords: ['矩阵'] }))).toEqual(
      expected,
    );
    expect(await allowedSet(async (u) => p.api(u, 'POST', `/api/v1/catalog/resources/${(await fixture(owner, 'draft')).id}/submit`))).toEqual(expected);
  });

  it.each(['own', 'other'] as const)('review an %s submitted entry: the bureau only', async (owner) => {
    expect(
      await allowedSet(async (u) => p.api(u, 'POST', `/api/v1/catalog/resources/${(await fixture(owner, 'submitted')).id}/review`, { decision: 'approve' })),
    ).toEqual(['admin']);
    expect(
      await allowedSet(async (u) =>
        p.api(u, 'POST', `/api/v1/catalog/resources/${(await fixture(owner, 'submitted')).id}/review`, { decision: 'return', reason: '退回' }),
      ),
    ).toEqual(['admin']);
  });

  it('create: in your own department; for another department only the bureau', async () => {
    const body = (providerDepartmentId?: string) => ({
      providerDepartmentId,
      name: '矩阵新建',
      classification: '209',
      abstract: '用于权限矩阵测试的目录条目，不含真实数据。',
      format: 'other',
      formatType: 'txt',
      items: [{ name: 'a', type: 'string' }],
      shareType: 'unconditional',
      shareChannel: 'mail',
      openType: 'closed',
      updateCycle: 'yearly',
    });
    expect(await allowedSet((u) => p.api(u, 'POST', '/api/v1/catalog/resources', body()))).toEqual(DEPT_USERS);
    expect(await allowedSet((u) => p.api(u, 'POST', '/api/v1/catalog/resources', body(dept['370300003'])))).toEqual(['admin']);
  });

  it('registry and tree changes: the bureau only', async () => {
    let n = 0;
    expect(
      await allowedSet((u) =>
        p.api(u, 'POST', '/api/v1/catalog/data-elements', {
          name: `矩阵数据元${n++}`,
          definition: '测试用',
          dataType: 'string',
          length: 10,
          valueDomain: { kind: 'free' },
        }),
      ),
    ).toEqual(['admin']);
    expect(await allowedSet((u) => p.api(u, 'PATCH', '/api/v1/catalog/data-elements/DE00001', { definition: '按户籍登记的姓名' }))).toEqual(['admin']);
    expect(await allowedSet((u) => p.api(u, 'POST', '/api/v1/catalog/classifications', { parentCode: '2', name: `矩阵主题${n++}` }))).toEqual(['admin']);
  });

  it('a refused change changes nothing, and its only audit entry is the refusal', async () => {
    const before = (await p.api('auditor', 'GET', '/api/v1/audit?pageSize=1')).body.total;
    const r = await fixture('other', 'draft');
    const afterFixture = (await p.api('auditor', 'GET', '/api/v1/audit?pageSize=1')).body.total;
    expect(afterFixture).toBe(before + 1);
    expect((await p.api('gaj_admin', 'PATCH', `/api/v1/catalog/resources/${r.id}`, { name: '篡改' })).status).toBe(404);
    const after = (await p.api('auditor', 'GET', '/api/v1/audit?pageSize=1')).body;
    expect(after.total).toBe(afterFixture + 1);
    expect(after.items[0]).toMatchObject({ action: 'catalog.resource.update.denied', actor: 'gaj_admin', targetId: r.id });
    expect((await p.api('admin', 'GET', `/api/v1/catalog/resources/${r.id}`)).body.name).toBe('矩阵测试 other draft');
  });
});

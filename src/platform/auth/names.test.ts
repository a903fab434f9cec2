import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { creditCodeCheckChar } from '../validators/credit-code.js';

// Names people read (users, departments, catalog entries, items, data elements, mounts) refuse
// control characters and text-direction overrides: "‮" can make one department's name read as
// another's in every list that shows it. One schema piece (Name) does it everywhere.

const HIDDEN = ['\u0007', '\u0085', '\u202e', '\u2066'];

const entry = (name: string, itemName = '姓名') => ({
  name,
  classification: '101',
  abstract: '名称字符测试用的目录资源，含一个信息项。',
  format: 'database',
  formatType: 'PostgreSQL',
  items: [{ name: itemName, dataElement: null, type: 'string', length: 50 }],
  shareType: 'conditional',
  shareCondition: '仅用于测试',
  shareChannel: 'platform',
  shareVia: 'api',
  openType: 'closed',
  updateCycle: 'daily',
});

describe.each(engines())('names on %s', (engine) => {
  let p: TestPlatform;
  let gaj: string;
  beforeAll(async () => {
    p = await testPlatform(engine);
    gaj = (await p.api('gaj_admin', 'GET', '/api/v1/users')).body.items[0].departmentId;
  });
  afterAll(() => p?.close());

  /** Each hidden character in the named field is refused with a 400 whose first detail is that field. */
  const refused = async (field: string[], send: (bad: string) => Promise<{ status: number; body: any }>) => {
    for (const c of HIDDEN) {
      const res = await send(`测试${c}名称`);
      expect(res.status, `${field.join('.')} with U+${c.codePointAt(0)?.toString(16)}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.details[0].path).toEqual(field);
    }
  };

  it('refuses them in user and department names', async () => {
    const body17 = '11370300MB0000001';
    const creditCode = body17 + creditCodeCheckChar(body17);
    await refused(['body', 'name'], (name) => p.api('admin', 'POST', '/api/v1/departments', { name, code: '370300998', creditCode }));
    await refused(['body', 'shortName'], (shortName) =>
      p.api('admin', 'POST', '/api/v1/departments', { name: '淄博市名称局', shortName, code: '370300998', creditCode }),
    );
    const user = { username: 'gaj_names', departmentId: gaj, roles: ['dept_user'], password: 'Passw0rd!x' };
    await refused(['body', 'displayName'], (displayName) => p.api('gaj_admin', 'POST', '/api/v1/users', { ...user, displayName }));
    const made = await p.api('gaj_admin', 'POST', '/api/v1/users', { ...user, displayName: '名称测试' });
    expect(made.status).toBe(201);
    await refused(['body', 'displayName'], (displayName) => p.api('gaj_admin', 'PATCH', `/api/v1/users/${made.body.id}`, { displayName }));
  });

  it('refuses them in catalog entry, item, data element, classification and mount names', async () => {
    await refused(['body', 'name'], (name) => p.api('gaj_user', 'POST', '/api/v1/catalog/resources', entry(name)));
    await refused(['body', 'items', '0', 'name'], (item) => p.api('gaj_user', 'POST', '/api/v1/catalog/resources', entry('名称字符测试', item)));
    const element = { definition: '测试用', dataType: 'string', length: 10, valueDomain: { kind: 'free' } };
    await refused(['body', 'name'], (name) => p.api('admin', 'POST', '/api/v1/catalog/data-elements', { ...element, name }));
    await refused(['body', 'name'], (name) => p.api('admin', 'POST', '/api/v1/catalog/classifications', { parentCode: '2', name }));
    const { id } = await publishEntry(p, entry('名称字符测试'));
    await refused(['body', 'name'], (name) => p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${id}/mounts`, { kind: 'table', name }));
    // Ordinary Chinese names, with inner spaces and full-width punctuation, still pass.
    expect((await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${id}/mounts`, { kind: 'table', name: '户籍 人口（测试）' })).status).toBe(201);
  });
});

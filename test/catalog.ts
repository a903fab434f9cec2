import { expect } from 'vitest';
import type { TestPlatform } from './platform.js';

// The steps most module tests start from, as the people who take them: a department's entry
// published through submission and the bureau's approval, then mounted as a table and loaded.

type Api = Pick<TestPlatform, 'api'>;

type Item = { name: string; dataElement: string | null; type: string; length?: number };

/** 姓名, 公民身份号码 (masked by its data element) and 户籍区县 (no data element): the population items most sharing tests use. */
export const PEOPLE_ITEMS: Item[] = [
  { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
  { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
  { name: '户籍区县', dataElement: null, type: 'string', length: 20 },
];

/**
 * A database entry as the sharing tests publish it: their own name, abstract and items; the
 * share fields consistent with the share type (a condition, or the legal basis and mail for 不予共享).
 */
export function tableEntry(o: { name: string; abstract: string; items: Item[]; shareType: string; shareVia?: string }) {
  const none = o.shareType === 'none';
  return {
    name: o.name,
    classification: '101',
    abstract: o.abstract,
    format: 'database',
    formatType: 'PostgreSQL',
    items: o.items,
    shareType: o.shareType,
    shareCondition: o.shareType === 'conditional' ? '仅用于政务服务' : undefined,
    shareBasis: none ? '《中华人民共和国个人信息保护法》' : undefined,
    shareChannel: none ? 'mail' : 'platform',
    shareVia: none ? undefined : (o.shareVia ?? 'api'),
    openType: 'closed',
    updateCycle: 'daily',
  };
}

/** The entry created by `author`, submitted and approved by the bureau; its id and code. */
export async function publishEntry(p: Api, body: object, author = 'gaj_user'): Promise<{ id: string; code: string }> {
  const created = await p.api(author, 'POST', '/api/v1/catalog/resources', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await p.api(author, 'POST', `/api/v1/catalog/resources/${created.body.id}/submit`);
  expect((await p.api('admin', 'POST', `/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' })).status).toBe(200);
  return { id: created.body.id, code: created.body.code };
}

/** The entry's table mount, made by `author`; its id. */
export async function mountTable(p: Api, resourceId: string, author = 'gaj_user'): Promise<string> {
  const mounted = await p.api(author, 'POST', `/api/v1/catalog/resources/${resourceId}/mounts`, { kind: 'table' });
  expect(mounted.status, JSON.stringify(mounted.body)).toBe(201);
  return mounted.body.id;
}

/** A CSV uploaded to a mount by `author`; the run as the API answers it. */
export async function loadCsv(p: TestPlatform, mountId: string, csv: string, filename = 'data.csv', author = 'gaj_user'): Promise<Record<string, any>> {
  const res = await p.http.inject({
    method: 'POST',
    url: `/api/v1/mounts/${mountId}/runs?filename=${filename}`,
    headers: { authorization: `Bearer ${await p.token(author)}`, 'content-type': 'text/csv' },
    payload: csv,
  });
  return res.json();
}

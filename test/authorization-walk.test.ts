import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckDigit } from '../src/platform/validators/index.js';
import { loadCsv, mountTable, publishEntry, tableEntry } from './catalog.js';
import { engines, type TestPlatform, testPlatform } from './platform.js';

// The authorization walk: every route of the OpenAPI document, called by every role of a
// department that neither provides a resource nor holds a grant on it (and by an anonymous
// client), with every id the walk knows in every path parameter, must not return one row of
// that resource's mounted table — in any form: a page, a preview, a lookup, an export, a
// change feed, a base record merged from it. The rows carry canaries (a unique token in an
// unmasked item, and raw ID numbers), so a row that leaves in any shape is caught.

const canary = `CANARY${randomBytes(4).toString('hex').toUpperCase()}`;
/** Entry names are catalog facts that errors may quote: they carry no canary. */
const suffix = randomBytes(3).toString('hex');
const people = Array.from({ length: 5 }, (_, i) => {
  // 110101 (东城区) sorts before every 37… number of the demo: the canaries are the first rows of a base listed in key order.
  const first17 = `110101198${i}0${i + 1}1${i}${String(100 + (randomBytes(2).readUInt16BE() % 900))}`;
  return { id: first17 + citizenIdCheckDigit(first17), name: `甄${'滢翀珺璟琰'[i]}`, note: `${canary}-${i}` };
});
const csv = ['公民身份号码,姓名,备注', ...people.map((q) => [q.id, q.name, q.note].join(','))].join('\n');
/** What must never reach an outsider: the token in the plain item, and the raw ID numbers. */
const secrets = [canary, ...people.map((q) => q.id)];

const entry = (name: string, shareType: 'conditional' | 'none') =>
  tableEntry({
    name,
    abstract: '授权遍历测试用的人员信息，含公民身份号码、姓名和一个不脱敏的备注信息项。',
    items: [
      { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
      { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
      { name: '备注', dataElement: null, type: 'string', length: 100 },
    ],
    shareType,
  });

type Leak = { user: string | null; method: string; url: string; status: number };

describe.each(engines())('the authorization walk on %s', (engine) => {
  let p: TestPlatform;
  const pools: Record<string, string[]> = {};

  beforeAll(async () => {
    p = await testPlatform(engine);
    const conditional = await publishEntry(p, entry(`授权遍历有条件${suffix}`, 'conditional'));
    const closed = await publishEntry(p, entry(`授权遍历不予共享${suffix}`, 'none'));
    const mounts: string[] = [];
    const runs: string[] = [];
    for (const r of [conditional, closed]) {
      const m = await mountTable(p, r.id);
      const run = await loadCsv(p, m, csv);
      expect(run).toMatchObject({ status: 'succeeded', rowsLoaded: people.length });
      mounts.push(m);
      runs.push(run.id);
    }
    // The conditional resource also feeds the population base: its canary lands in an unmasked field there.
    const feed = await p.api('admin', 'POST', '/api/v1/bases/population/feeds', {
      mountId: mounts[0],
      fieldMap: { id_number: '公民身份号码', name: '姓名', ethnicity: '备注' },
      priority: 1,
    });
    expect(feed.status, JSON.stringify(feed.body)).toBe(201);
    const merged = await p.api('admin', 'POST', `/api/v1/bases/population/feeds/${feed.body.id}/merge`, { full: true });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect((await p.api('admin', 'GET', `/api/v1/bases/population/records/${people[0].id}`)).body.fields).toContainEqual(
      expect.objectContaining({ field: 'ethnicity', value: people[0].note }),
    );

    // The outsider department's second role.
    const rsj = (await p.api('rsj_admin', 'GET', '/api/v1/auth/me')).body;
    const user = await p.api('admin', 'POST', '/api/v1/users', {
      username: 'rsj_user',
      displayName: '人社局经办人',
      departmentId: rsj.departmentId ?? rsj.user?.departmentId,
      roles: ['dept_user'],
      password: 'Walk@2026-rsj',
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);

    const grants = (await p.api('admin', 'GET', '/api/v1/sharing/grants?side=all&pageSize=100')).body.items as { id: string }[];
    const requests = (await p.api('admin', 'GET', '/api/v1/sharing/requests?box=all&pageSize=100')).body.items as { id: string }[];
    pools.id = [
      ...mounts,
      ...runs,
      conditional.id,
      closed.id,
      String(feed.body.id),
      ...grants.slice(0, 2).map((g) => g.id),
      ...requests.slice(0, 2).map((r) => r.id),
    ];
    pools.resource = [conditional.id, encodeURIComponent(conditional.code), closed.id, encodeURIComponent(closed.code)];
    pools.key = [people[0].id];
    pools.base = ['population'];
    pools.identifier = ['DE00004'];
    pools.version = ['1'];
    pools['*'] = [conditional.code];
    // Each query alone: one out-of-range value must not turn the whole variant into a 400 that proves nothing.
    pools.query = [
      '',
      '?pageSize=50&limit=50',
      `?prefix=${encodeURIComponent('甄')}`,
      `?resourceId=${conditional.id}&resourceCode=${encodeURIComponent(conditional.code)}`,
      '?scope=all',
      '?box=all',
      '?side=all',
      '?format=csv',
    ];
  });
  afterAll(() => p?.close());

  /** Every way of filling a path's parameters from the pools. */
  const urlsOf = (path: string): string[] => {
    let urls = [path];
    for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
      const values = pools[name] ?? [];
      urls = urls.flatMap((u) => values.map((v) => u.replace(`{${name}}`, v)));
    }
    return urls;
  };

  it('gives no row of a mounted table to a department that neither provides nor holds a grant, nor to an anonymous client', async () => {
    // The login passwords of the walkers: rsj_user was made above with its own.
    const token = await p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'rsj_user', password: 'Walk@2026-rsj' } });
    const rsjUser = token.json().token as string;
    const walkers: { name: string | null; auth: Record<string, string> }[] = [
      { name: 'rsj_admin', auth: { authorization: `Bearer ${await p.token('rsj_admin')}` } },
      { name: 'rsj_user', auth: { authorization: `Bearer ${rsjUser}` } },
      { name: null, auth: {} },
    ];
    const doc = p.http.swagger() as { paths: Record<string, Record<string, unknown>> };
    const leaks: Leak[] = [];
    let calls = 0;
    const body = { resourceId: pools.id[4], mountId: pools.id[0], key: people[0].id, items: ['备注'], fields: ['备注'], reason: '核对', params: {} };
    for (const [path, ops] of Object.entries(doc.paths)) {
      // Logging out would end the walker's own session (and every later call would be a 401 that proves nothing).
      if (path === '/api/v1/auth/logout') continue;
      for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
        for (const [n, url] of urlsOf(path).entries()) {
          for (const w of walkers) {
            // An anonymous client is refused before any parameter is looked at: the first filling is enough.
            if (!w.name && n > 0) continue;
            // Every query on the first filling of the path, the plain one on the others: enough to reach each branch, few enough to stay quick.
            const queries = n === 0 ? pools.query : [''];
            const variants =
              method === 'GET'
                ? queries.map((q) => ({ url: url + q, payload: undefined }))
                : [
                    { url, payload: {} },
                    { url, payload: body },
                  ];
            for (const v of variants) {
              const res = await p.http.inject({ method: method as 'GET', url: v.url, headers: w.auth, payload: v.payload });
              calls++;
              if (secrets.some((s) => res.body.includes(s))) leaks.push({ user: w.name, method, url: v.url, status: res.statusCode });
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
    console.log(`authorization walk: ${calls} calls`);
    expect(leaks).toEqual([]);
  });

  it('the walk itself can see a leak: the provider reads its own rows through the same routes', async () => {
    const res = await p.api('gaj_user', 'GET', `/api/v1/mounts/${pools.id[0]}/preview`);
    expect(JSON.stringify(res.body)).toContain(canary);
  });
});

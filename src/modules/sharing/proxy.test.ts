import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';
import { keepGranted } from './proxy.js';

// A provider's upstream API reached through the share API: granted items only, masked, logged.

const first17 = '37030219800101001';
const ID = first17 + citizenIdCheckDigit(first17);

describe('keepGranted', () => {
  it('keeps only granted items, masked, at any depth, and drops stray scalars', () => {
    const masks = new Map([
      ['姓名', 'name' as const],
      ['户籍区县', 'none' as const],
    ]);
    expect(keepGranted({ code: 0, data: [{ 姓名: '张三丰', 手机号码: '13800138000', 户籍区县: '张店区', 年龄: 40 }] }, masks)).toEqual({
      data: [{ 姓名: '张*丰', 户籍区县: '张店区' }],
    });
    expect(keepGranted('张三丰', masks)).toBeNull();
    expect(keepGranted([{ 姓名: null }], masks)).toEqual([{ 姓名: null }]);
  });
});

describe.each(engines())('proxied upstream APIs on %s', (engine) => {
  let p: TestPlatform;
  let upstream: Server;
  let id: string;

  beforeAll(async () => {
    upstream = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 0, data: { 姓名: '张三丰', 公民身份号码: ID, 手机号码: '13800138000', 户籍区县: '张店区', secret: 'x' } }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    p = await testPlatform(engine);
    p.config.fetch = { allowHosts: ['127.0.0.1'], allowPrivate: true };
    id = (
      await publishEntry(p, {
        name: '人口信息核验接口',
        classification: '101',
        abstract: '按公民身份号码核验人口基本信息的接口，返回姓名、公民身份号码、手机号码和户籍区县。',
        format: 'self-describing',
        formatType: 'JSON',
        items: [
          { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
          { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
          { name: '手机号码', dataElement: 'DE00007', type: 'string', length: 20 },
          { name: '户籍区县', dataElement: null, type: 'string', length: 20 },
        ],
        shareType: 'unconditional',
        shareChannel: 'platform',
        shareVia: 'api',
        openType: 'closed',
        updateCycle: 'realtime',
      })
    ).id;
    const port = (upstream.address() as AddressInfo).port;
    const mount = await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${id}/mounts`, {
      kind: 'api',
      api: { url: `http://127.0.0.1:${port}/person`, params: [{ name: 'idNumber', required: true }] },
    });
    expect(mount.status).toBe(201);
  });
  afterAll(async () => {
    await p?.close();
    upstream?.close();
  });

  it('answers with the granted items only, masked, and logs the call', async () => {
    const res = await p.api('mzj_user', 'POST', `/api/v1/share/${id}/call`, { params: { idNumber: ID } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe(200);
    expect(res.body.body).toEqual({
      data: { 姓名: '张*丰', 公民身份号码: `${ID.slice(0, 6)}********${ID.slice(-4)}`, 手机号码: '138****8000', 户籍区县: '张店区' },
    });
    // The log's calls of this resource (the seeded demo's calls are of others): the one just made.
    const logged = await p.db.query<{ channel: string; rows: number; query: unknown }>('SELECT channel, rows, query FROM share_calls WHERE resource_id = $1', [
      id,
    ]);
    expect(logged).toEqual([{ channel: 'proxy', rows: 1, query: { params: ['idNumber'], status: 200 } }]);
    expect((await p.api('mzj_user', 'POST', `/api/v1/share/${id}/call`, { params: {} })).status).toBe(400);
    expect((await p.api('mzj_user', 'POST', `/api/v1/share/${id}/call`, { params: { idNumber: ID, other: '1' } })).status).toBe(400);
    // The table channels have nothing to read here.
    expect((await p.api('mzj_user', 'GET', `/api/v1/share/${id}/records`)).status).toBe(409);
  });
});

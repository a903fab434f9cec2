import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTable, publishEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// An exchange agent's batch carries an Idempotency-Key: sent again, the same request answers the
// stored run; the key with anything else is refused — including the same bytes read another way
// (a delete after an upsert would otherwise replay the upsert's answer and delete nothing).

const id18 = (first17: string) => first17 + citizenIdCheckDigit(first17);
const body = ['姓名,公民身份号码', `张三,${id18('37030219800101001')}`, `李四,${id18('37030319900215002')}`].join('\n');

describe.each(engines())('idempotent batches on %s', (engine) => {
  let p: TestPlatform;
  let mountId: string;
  beforeAll(async () => {
    p = await testPlatform(engine);
    const { id } = await publishEntry(p, {
      name: '幂等批次测试人口',
      classification: '101',
      abstract: '用于幂等键测试的人口信息，包括姓名和公民身份号码。',
      format: 'database',
      formatType: 'PostgreSQL',
      items: [
        { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
        { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
      ],
      shareType: 'conditional',
      shareCondition: '仅用于政务服务',
      shareChannel: 'platform',
      shareVia: 'table',
      openType: 'closed',
      updateCycle: 'daily',
    });
    mountId = await mountTable(p, id);
  });
  afterAll(() => p?.close());

  const send = async (query: string, key: string) => {
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/mounts/${mountId}/runs?filename=batch.csv&${query}`,
      headers: { authorization: `Bearer ${await p.token('gaj_user')}`, 'content-type': 'text/csv', 'idempotency-key': key },
      payload: body,
    });
    return { status: res.statusCode, body: res.json(), replay: res.headers['idempotent-replay'] };
  };
  const rows = async () => (await p.api('gaj_user', 'GET', `/api/v1/mounts/${mountId}`)).body.rowCount;

  it('replays the same request, and refuses the same key and body under another mode or mapping', async () => {
    const first = await send('mode=upsert', 'batch-1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'succeeded', rowsLoaded: 2 });
    const again = await send('mode=upsert', 'batch-1');
    expect(again).toMatchObject({ status: 200, replay: 'true', body: { id: first.body.id } });

    const asDelete = await send('mode=delete', 'batch-1');
    expect(asDelete.status).toBe(409);
    expect(asDelete.body.error.details).toMatchObject({ reason: 'idempotency_key_reused', runId: first.body.id });
    const remapped = await send(`mode=upsert&mapping=${encodeURIComponent(JSON.stringify({ 姓名: '姓名' }))}`, 'batch-1');
    expect(remapped.status).toBe(409);
    expect(await rows()).toBe(2);

    // Under its own key the delete is a batch like any other.
    expect((await send('mode=delete', 'batch-2')).body).toMatchObject({ status: 'succeeded' });
    expect(await rows()).toBe(0);
  });
});

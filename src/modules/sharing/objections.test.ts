import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, mountTable, publishEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { platformSecret } from '../../platform/secrets/secrets.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';
import { deadline } from './calendar.js';
import { ANSWER_DAYS, disputedKeys } from './objections.js';
import { recordRef } from './record-ref.js';

// Objections through the HTTP API as departments use them: 公安局 provides a conditional
// resource, 民政局 holds a grant on it (request → bureau check → provider review), 人社局 has
// nothing to do with either.

const id18 = (first17: string) => first17 + citizenIdCheckDigit(first17);
const ZHANG = id18('37030219800101001');
const LI = id18('37030319900215002');
const WANG = id18('37030420000101003'); // born 2000: outside the grant's row filter
const NOBODY = id18('37030519600606004'); // not in the data

const people = {
  name: '异议测试人口信息',
  classification: '101',
  abstract: '用于数据异议测试的人口基本信息，包括姓名、公民身份号码、出生日期、手机号码和户籍地址。',
  format: 'database',
  formatType: 'PostgreSQL',
  items: [
    { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
    { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
    { name: '出生日期', dataElement: null, type: 'date' },
    { name: '手机号码', dataElement: null, type: 'string', length: 20 },
    { name: '户籍地址', dataElement: null, type: 'string', length: 200 },
  ],
  shareType: 'conditional',
  shareCondition: '仅用于政务服务',
  shareChannel: 'platform',
  shareVia: 'table',
  openType: 'closed',
  updateCycle: 'daily',
};
// No item is a key: its records cannot be named.
const stations = {
  ...people,
  name: '异议测试监测站点',
  abstract: '用于数据异议测试的监测站点信息，没有可以唯一标识一条记录的主键信息项。',
  items: [
    { name: '站点名称', dataElement: null, type: 'string', length: 50 },
    { name: '读数', dataElement: null, type: 'decimal' },
  ],
};

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');
const url = '/api/v1/sharing/objections';

describe.each(engines())('objections on %s', (engine) => {
  let p: TestPlatform;
  let resourceId: string;
  let keyless: string;

  const audits = (action: string) => p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]).then((r) => r[0].n);
  const stored = () => p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM share_objections').then((r) => r[0].n);

  /** A published entry of 公安局's, mounted as a table and loaded; its id. */
  async function publish(body: typeof people, rows: string[][]): Promise<string> {
    const { id } = await publishEntry(p, body);
    const run = await loadCsv(p, await mountTable(p, id), csv([body.items.map((i) => i.name), ...rows]));
    expect(run, JSON.stringify(run)).toMatchObject({ status: 'succeeded' });
    return id;
  }

  /** 民政局 asks, the bureau passes, 公安局's administrator approves: a grant. */
  async function grant(id: string, items: string[], rowFilter: unknown = null) {
    const today = new Date().toISOString().slice(0, 10);
    const req = await p.api('mzj_user', 'POST', '/api/v1/sharing/requests', {
      resourceId: id,
      purpose: '核对低保申请人的户籍信息',
      legalBasis: '《社会救助暂行办法》',
      items,
      delivery: 'table',
      useFrom: today,
      useTo: '2099-12-31',
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${req.body.id}/check`, { decision: 'pass' })).status).toBe(200);
    const approved = await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${req.body.id}/review`, { decision: 'approve', rowFilter });
    expect(approved.body.status, JSON.stringify(approved.body)).toBe('approved');
  }

  beforeAll(async () => {
    p = await testPlatform(engine);
    resourceId = await publish(people, [
      ['张三', ZHANG, '1980-01-01', '13800138000', '淄博市张店区人民西路1号'],
      ['李四', LI, '1990-02-15', '13900139000', '淄博市张店区共青团路2号'],
      ['王五', WANG, '2000-01-01', '13700137000', '淄博市博山区'],
    ]);
    // The key stays masked (no unmasked items); rows of people born before 1995 only.
    await grant(resourceId, ['姓名', '公民身份号码', '出生日期', '户籍地址'], { field: '出生日期', op: 'lt', value: '1995-01-01' });
    keyless = await publish(stations, [['张店站', '1.5']]);
    await grant(keyless, ['站点名称', '读数']);
  });
  afterAll(() => p?.close());

  /** The record's reference, as the share API gives it: the grant masks the key, so records are named by it. */
  const refOf = async (key: string) => recordRef(await platformSecret(p.db, 'record-ref'), resourceId, key);
  let byKey: string;
  let byRef: string;

  it('refuses a raw key the grant masks, alike whether the record exists, is outside the grant or is absent (F5)', async () => {
    const before = { n: await stored(), audits: await audits('sharing.objection.raise') };
    const answers = await Promise.all(
      [ZHANG, WANG, NOBODY].map((key) => p.api('mzj_user', 'POST', url, { resourceId, key, items: ['户籍地址'], reason: '户籍地址登记错误' })),
    );
    for (const a of answers) {
      expect(a.status).toBe(422);
      expect(a.body).toEqual(answers[0].body);
    }
    expect(answers[0].body.error.message).toMatch(/ref/);
    expect({ n: await stored(), audits: await audits('sharing.objection.raise') }).toEqual(before);
  });

  it('lets the department holding a grant raise an objection, with a deadline of working days', async () => {
    const before = await audits('sharing.objection.raise');
    const res = await p.api('mzj_user', 'POST', url, {
      resourceId,
      ref: await refOf(ZHANG),
      items: ['户籍地址'],
      reason: '户籍地址已迁至淄川区，与我局核实结果不符',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    byKey = res.body.id;
    expect(res.body).toMatchObject({
      resourceId,
      status: 'raised',
      keyItem: '公民身份号码',
      record: `${ZHANG.slice(0, 6)}********${ZHANG.slice(14)}`,
      recordMasked: true,
      items: ['户籍地址'],
      consumerDepartmentName: expect.stringContaining('民政局'),
      providerDepartmentName: expect.stringContaining('公安局'),
      raisedBy: '民政局数据专员',
      overdue: false,
      resolution: null,
    });
    expect(res.body.dueAt).toBe((await deadline(p.db, new Date(res.body.raisedAt), ANSWER_DAYS)).toISOString());
    expect(await audits('sharing.objection.raise')).toBe(before + 1);
    // The audit row names the objection, the resource and the items, never the key.
    const [a] = await p.db.query<{ target_id: string; details: Record<string, unknown> }>(
      `SELECT target_id, details FROM audit_log WHERE action = 'sharing.objection.raise' ORDER BY seq DESC LIMIT 1`,
    );
    expect(a.target_id).toBe(byKey);
    expect(a.details).toMatchObject({ items: ['户籍地址'], by: 'ref' });
    expect(JSON.stringify(a)).not.toContain(ZHANG);
  });

  it('lets a consumer whose grant masks the key name the record by its reference', async () => {
    const secret = await platformSecret(p.db, 'record-ref');
    const ref = recordRef(secret, resourceId, LI);
    const res = await p.api('mzj_user', 'POST', url, { resourceId, ref, items: ['姓名', '出生日期'], reason: '姓名与出生日期登记错误' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    byRef = res.body.id;
    expect(res.body.record).toBe(`${LI.slice(0, 6)}********${LI.slice(14)}`);
    expect(JSON.stringify(res.body)).not.toContain(LI);
    // The provider sees which record it is.
    expect((await p.api('gaj_admin', 'GET', `${url}/${byRef}`)).body).toMatchObject({ record: LI, recordMasked: false });

    // A reference made for another resource, or altered, names nothing.
    for (const bad of [recordRef(secret, keyless, LI), `${ref.slice(0, -2)}AA`, 'not-a-ref']) {
      const r = await p.api('mzj_user', 'POST', url, { resourceId, ref: bad, items: ['姓名'], reason: '姓名登记错误' });
      expect(r.status, bad).toBe(400);
      expect(r.body.error.message).toMatch(/记录标识无效/);
    }
  });

  it('marks the records disputed while the objections are open', async () => {
    expect(await disputedKeys(p.db, resourceId, [ZHANG, LI, WANG, NOBODY])).toEqual(new Set([ZHANG, LI]));
    expect(await disputedKeys(p.db, keyless, [ZHANG])).toEqual(new Set());
    expect(await disputedKeys(p.db, resourceId, [])).toEqual(new Set());
  });

  it('refuses a second open objection on the same record, without a trace', async () => {
    const before = { n: await stored(), audits: await audits('sharing.objection.raise') };
    const res = await p.api('mzj_user', 'POST', url, { resourceId, ref: await refOf(ZHANG), items: ['姓名'], reason: '姓名也登记错误' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/未办结/);
    expect({ n: await stored(), audits: await audits('sharing.objection.raise') }).toEqual(before);
  });

  it('refuses departments without a grant, records outside the grant, and resources without a single key', async () => {
    const body = { resourceId, ref: await refOf(ZHANG), items: ['户籍地址'], reason: '户籍地址登记错误' };
    const before = { n: await stored(), audits: await audits('sharing.objection.raise') };
    expect((await p.api('rsj_admin', 'POST', url, body)).status).toBe(403);
    expect((await p.api('gaj_user', 'POST', url, body)).status).toBe(403); // the provider holds no grant on its own data
    expect((await p.api('auditor', 'POST', url, body)).status).toBe(403);
    expect((await p.api(null, 'POST', url, body)).status).toBe(401);

    const notThere = await p.api('mzj_user', 'POST', url, { ...body, ref: await refOf(NOBODY) });
    expect(notThere.status).toBe(404);
    expect(notThere.body.error.message).toMatch(/记录不存在/);
    // In the data, but outside the grant's row filter: no different from absent.
    expect((await p.api('mzj_user', 'POST', url, { ...body, ref: await refOf(WANG) })).status).toBe(404);
    // An item the grant does not cover, an item the resource does not have.
    const ungranted = await p.api('mzj_user', 'POST', url, { ...body, items: ['手机号码'] });
    expect(ungranted.status).toBe(422);
    expect(ungranted.body.error.message).toMatch(/授权范围内.*手机号码/);
    expect((await p.api('mzj_user', 'POST', url, { ...body, items: ['血型'] })).status).toBe(400);

    const noKey = await p.api('mzj_user', 'POST', url, { resourceId: keyless, key: '张店站', items: ['读数'], reason: '读数明显偏高' });
    expect(noKey.status).toBe(422);
    expect(noKey.body.error.message).toMatch(/主键/);
    expect({ n: await stored(), audits: await audits('sharing.objection.raise') }).toEqual(before);
  });

  it('answers bad input with 400 and a message, never 500', async () => {
    const good = { resourceId, key: ZHANG, items: ['户籍地址'], reason: '户籍地址登记错误' };
    for (const body of [
      {},
      { ...good, resourceId: 'abc' },
      { ...good, key: undefined },
      { ...good, ref: 'x' },
      { ...good, key: '' },
      { ...good, key: 'k'.repeat(201) },
      { ...good, items: [] },
      { ...good, items: '户籍地址' },
      { ...good, items: ['户籍地址', '户籍地址'] },
      { ...good, reason: '错' },
      { ...good, reason: 'x'.repeat(1001) },
    ]) {
      const res = await p.api('mzj_user', 'POST', url, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.message.length).toBeGreaterThan(0);
    }
    expect((await p.api('mzj_user', 'GET', `${url}/not-an-id`)).status).toBe(400);
    expect((await p.api('mzj_user', 'GET', `${url}?status=done`)).status).toBe(400);
    expect((await p.api('mzj_user', 'GET', `${url}?overdue=yes`)).status).toBe(400);
    expect((await p.api('gaj_admin', 'POST', `${url}/${byKey}/answer`, { resolution: 'fixed', answer: '已更正' })).status).toBe(400);
  });

  it('shows an objection to its two departments, the bureau and auditors, and to nobody else', async () => {
    for (const user of ['mzj_user', 'mzj_admin', 'gaj_user', 'gaj_admin', 'admin', 'auditor'])
      expect((await p.api(user, 'GET', `${url}/${byKey}`)).status, user).toBe(200);
    const hidden = await p.api('rsj_admin', 'GET', `${url}/${byKey}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe('数据异议不存在');
    expect((await p.api('rsj_admin', 'POST', `${url}/${byKey}/accept`)).status).toBe(404);
    expect((await p.api('mzj_user', 'GET', `${url}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    // The bureau sees the key masked like everyone but the provider.
    expect((await p.api('admin', 'GET', `${url}/${byKey}`)).body.recordMasked).toBe(true);

    const ids = (l: { body: { items: { id: string }[] } }) => l.body.items.map((o) => o.id).sort();
    expect(ids(await p.api('mzj_user', 'GET', url))).toEqual([byKey, byRef].sort());
    expect(ids(await p.api('gaj_admin', 'GET', `${url}?box=provider&resourceId=${resourceId}`))).toEqual([byKey, byRef].sort());
    expect((await p.api('gaj_admin', 'GET', `${url}?box=mine`)).body).toEqual({ items: [], total: 0 });
    expect((await p.api('rsj_admin', 'GET', `${url}?box=provider`)).body).toEqual({ items: [], total: 0 });
    expect((await p.api('auditor', 'GET', `${url}?box=all`)).body.total).toBe(2);
    expect((await p.api('mzj_user', 'GET', `${url}?box=all`)).status).toBe(403);
    const paged = await p.api('mzj_user', 'GET', `${url}?pageSize=1&page=2`);
    expect(paged.body.total).toBe(2);
    expect(paged.body.items).toHaveLength(1);
  });

  it('lets only the provider’s administrators accept and answer, in order, once', async () => {
    expect((await p.api('mzj_admin', 'POST', `${url}/${byKey}/accept`)).status).toBe(403);
    expect((await p.api('gaj_user', 'POST', `${url}/${byKey}/accept`)).status).toBe(403);
    expect((await p.api('admin', 'POST', `${url}/${byKey}/accept`)).status).toBe(403);

    const early = await p.api('gaj_admin', 'POST', `${url}/${byKey}/answer`, { resolution: 'corrected', answer: '已更正户籍地址' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/待受理/);

    const before = await audits('sharing.objection.accept');
    const accepted = await p.api('gaj_admin', 'POST', `${url}/${byKey}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', record: ZHANG });
    expect(accepted.body.acceptedAt).toBeTruthy();
    expect(await audits('sharing.objection.accept')).toBe(before + 1);
    const again = await p.api('gaj_admin', 'POST', `${url}/${byKey}/accept`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/核实中/);
    expect(await audits('sharing.objection.accept')).toBe(before + 1);
    // Still disputed while it is being verified.
    expect(await disputedKeys(p.db, resourceId, [ZHANG])).toEqual(new Set([ZHANG]));

    const short = await p.api('gaj_admin', 'POST', `${url}/${byKey}/answer`, { resolution: 'corrected', answer: '改' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/答复至少 2 个字/);
    expect((await p.api('mzj_admin', 'POST', `${url}/${byKey}/answer`, { resolution: 'corrected', answer: '已更正户籍地址' })).status).toBe(403);

    const answers = await audits('sharing.objection.answer');
    const answered = await p.api('gaj_admin', 'POST', `${url}/${byKey}/answer`, { resolution: 'corrected', answer: '经核实已更正户籍地址' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'archived', resolution: 'corrected', answer: '经核实已更正户籍地址', overdue: false });
    expect(answered.body.answeredAt).toBeTruthy();
    expect(await audits('sharing.objection.answer')).toBe(answers + 1);
    const twice = await p.api('gaj_admin', 'POST', `${url}/${byKey}/answer`, { resolution: 'not_error', answer: '无误' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/已办结归档/);

    // The mark is gone; the other record stays disputed; the objection is kept under its resource.
    expect(await disputedKeys(p.db, resourceId, [ZHANG, LI])).toEqual(new Set([LI]));
    const archived = await p.api('mzj_user', 'GET', `${url}?resourceId=${resourceId}&status=archived`);
    expect(archived.body.items.map((o: { id: string }) => o.id)).toEqual([byKey]);

    // With the first one answered, the department may object to the record again.
    const anew = await p.api('mzj_user', 'POST', url, { resourceId, ref: await refOf(ZHANG), items: ['姓名'], reason: '姓名仍有错别字' });
    expect(anew.status).toBe(201);
    await p.db.query('DELETE FROM share_objections WHERE id = $1', [anew.body.id]);
  });

  it('shows an objection past its deadline as overdue, and lists by it', async () => {
    await p.db.query(`UPDATE share_objections SET due_at = now() - interval '1 hour' WHERE id = ANY($1::uuid[])`, [[byKey, byRef]]);
    const late = await p.api('mzj_user', 'GET', `${url}/${byRef}`);
    expect(late.body.overdue).toBe(true);
    // An answered objection is never overdue, however late its deadline.
    expect((await p.api('mzj_user', 'GET', `${url}/${byKey}`)).body.overdue).toBe(false);

    expect((await p.api('gaj_admin', 'GET', `${url}?box=provider&overdue=true`)).body.items.map((o: { id: string }) => o.id)).toEqual([byRef]);
    expect((await p.api('gaj_admin', 'GET', `${url}?box=provider&overdue=false`)).body.items.map((o: { id: string }) => o.id)).toEqual([byKey]);

    // Answered late: not error, archived, the lateness noted in the audit row.
    expect((await p.api('gaj_admin', 'POST', `${url}/${byRef}/accept`)).status).toBe(200);
    const done = await p.api('gaj_admin', 'POST', `${url}/${byRef}/answer`, { resolution: 'not_error', answer: '经核实登记无误' });
    expect(done.body).toMatchObject({ status: 'archived', resolution: 'not_error', overdue: false });
    const [a] = await p.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'sharing.objection.answer' AND target_id = $1`,
      [byRef],
    );
    expect(a.details).toMatchObject({ resolution: 'not_error', overdue: true });
    expect(await disputedKeys(p.db, resourceId, [ZHANG, LI])).toEqual(new Set());
    expect((await p.api('gaj_admin', 'GET', `${url}?box=provider&overdue=true`)).body.total).toBe(0);
  });

  it('looks up disputed keys through the partial index', async () => {
    // The table is tiny, so a sequential scan would win on cost: only whether the index can serve the query is checked.
    const plan = await p.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query<Record<string, string>>(
        `EXPLAIN SELECT DISTINCT o.record_key FROM share_objections o
         WHERE o.resource_id = $1 AND o.record_key = ANY($2::text[]) AND o.status IN ('raised','accepted')`,
        [resourceId, [ZHANG]],
      );
    });
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toMatch(/share_objections_open/);
  });
});

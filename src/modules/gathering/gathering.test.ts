import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// Mount → ingest → version → preview, through the HTTP API as departments use it.

const id18 = (first17: string) => first17 + citizenIdCheckDigit(first17);
const ZHANG = id18('37030219800101001');
const LI = id18('37030319900215002');
const WANG = id18('37030419751231003');
const ZHAO = id18('37030519600606004');

const entry = {
  name: '测试人口信息（汇聚）',
  classification: '101',
  abstract: '用于汇聚测试的人口基本信息，包括姓名、公民身份号码、出生日期、手机号码和户籍地址。',
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

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');
const HEADER = ['姓名', '公民身份号码', '出生日期', '手机号码', '户籍地址'];

describe.each(engines())('gathering on %s', (engine) => {
  let p: TestPlatform;
  let mountId: string;

  const upload = async (user: string, body: Buffer | string, query = '', headers: Record<string, string> = {}) => {
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/mounts/${mountId}/runs?filename=data.csv${query}`,
      headers: { authorization: `Bearer ${await p.token(user)}`, 'content-type': 'text/csv', ...headers },
      payload: body,
    });
    return { status: res.statusCode, body: res.json(), replay: res.headers['idempotent-replay'] };
  };
  const preview = async (user: string) => (await p.api(user, 'GET', `/api/v1/mounts/${mountId}/preview?limit=100`)).body;

  beforeAll(async () => {
    p = await testPlatform(engine);
    const created = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', entry);
    expect(created.status).toBe(201);
    await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${created.body.id}/submit`);
    expect((await p.api('admin', 'POST', `/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' })).status).toBe(200);
    const other = await p.api('mzj_user', 'POST', `/api/v1/catalog/resources/${created.body.id}/mounts`, { kind: 'table' });
    expect(other.status).toBe(403);
    const mounted = await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${encodeURIComponent(created.body.code)}/mounts`, { kind: 'table' });
    expect(mounted.status).toBe(201);
    mountId = mounted.body.id;
    expect(mounted.body.table.columns.filter((c: { key: boolean }) => c.key).map((c: { item: string }) => c.item)).toEqual(['公民身份号码']);
    const again = await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${created.body.id}/mounts`, { kind: 'table' });
    expect(again.status).toBe(409);
  });
  afterAll(() => p?.close());

  it('loads a GBK file, standardizes values, rejects bad rows with row, item and reason', async () => {
    const file = csv([
      HEADER,
      ['张三', ZHANG, '1980-01-01', '13800138000', '淄博市张店区人民西路1号'],
      [' 李四 ', LI.toLowerCase(), '1990/2/15', '+86 139 0013 9000', '淄博市张店区１２号'],
      ['王五', `${WANG.slice(0, 17)}${WANG[17] === '0' ? '1' : '0'}`, '1975-12-31', '13700137000', '博山区'],
      ['赵六', ZHAO, '1960-13-01', '13600136000', '临淄区'],
      ['钱七', '', '1970-01-01', '', ''],
      ['孙八', '3703021985'],
    ]);
    const res = await upload('gaj_user', iconv.encode(file, 'gbk'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rejected', rowsRead: 6, rowsLoaded: 2, rowsRejected: 4, encoding: 'gb18030' });
    expect(res.body.error).toMatch(/超过该资源允许的 5%/);

    const rejects = await p.http.inject({
      method: 'GET',
      url: `/api/v1/runs/${res.body.id}/rejects`,
      headers: { authorization: `Bearer ${await p.token('gaj_user')}` },
    });
    expect(rejects.statusCode).toBe(200);
    const lines = rejects.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('行号,信息项,原值,原因');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['4,公民身份号码', '5,出生日期', '6,公民身份号码', '7,']);
    expect(lines.find((l) => l.startsWith('4,'))).toMatch(/校验码/);
    expect(lines.find((l) => l.startsWith('7,'))).toMatch(/列数不符/);
    // Another department cannot see the rejects (they hold personal data), nor learn that the run exists: as for a missing one.
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of ['', '/rejects']) {
      const theirs = await p.api('mzj_user', 'GET', `/api/v1/runs/${res.body.id}${path}`);
      const none = await p.api('mzj_user', 'GET', `/api/v1/runs/${missing}${path}`);
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual(none.body);
    }
    const cancel = await p.api('mzj_user', 'POST', `/api/v1/runs/${res.body.id}/cancel`);
    expect(cancel.status).toBe(404);
    expect(cancel.body).toEqual((await p.api('mzj_user', 'POST', `/api/v1/runs/${missing}/cancel`)).body);
    // Each of those refusals is in the log, as a denial of the run it named.
    const denied = await p.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE '%.denied' AND target_id = $1 ORDER BY seq`, [
      res.body.id,
    ]);
    expect(denied.map((d) => d.action)).toEqual(['gathering.run.show.denied', 'gathering.run.rejects.denied', 'gathering.run.cancel.denied']);
    // The bureau oversees the run, but reads the rejected values as it reads the rows: masked (the ID number as first 6 + last 4).
    const bad = `${WANG.slice(0, 17)}${WANG[17] === '0' ? '1' : '0'}`;
    const read = async (user: string) =>
      (await p.http.inject({ method: 'GET', url: `/api/v1/runs/${res.body.id}/rejects`, headers: { authorization: `Bearer ${await p.token(user)}` } })).body;
    expect(rejects.body).toContain(bad);
    const bureau = await read('admin');
    expect(bureau).not.toContain(bad);
    expect(bureau).toContain(`4,公民身份号码,${bad.slice(0, 6)}********${bad.slice(14)},`);
    expect(bureau.split('\n').length).toBe(rejects.body.split('\n').length);
    expect(bureau.split('\n')[0]).toBe(rejects.body.split('\n')[0]);
    // Nothing was published.
    expect((await preview('gaj_user')).rows).toEqual([]);
  });

  it('publishes a run within the threshold as version 1; the bureau previews it masked, another department not at all', async () => {
    const rows = [
      ['张三', ZHANG, '1980-01-01', '13800138000', '淄博市张店区人民西路1号'],
      [' 李四 ', LI, '1990/2/15', '+86 139 0013 9000', '淄博市张店区１２号'],
      ['王五', WANG, '19751231', '13700137000', '博山区'],
    ];
    const res = await upload('gaj_user', `\uFEFF${csv([HEADER, ...rows])}`);
    expect(res.body).toMatchObject({ status: 'succeeded', rowsRead: 3, rowsLoaded: 3, rowsRejected: 0, version: 1, encoding: 'utf-8', hasRejects: false });
    expect(res.body.quality.items.find((i: { item: string }) => i.item === '公民身份号码')).toMatchObject({ completeness: 1, validity: 1, uniqueness: 1 });
    expect(res.body.quality.score).toBe(100);

    const own = await preview('gaj_user');
    expect(own.masked).toBe(false);
    expect(own.rows).toEqual([
      ['张三', ZHANG, '1980-01-01', '13800138000', '淄博市张店区人民西路1号'],
      ['李四', LI, '1990-02-15', '+86 139 0013 9000', '淄博市张店区12号'],
      ['王五', WANG, '1975-12-31', '13700137000', '博山区'],
    ]);
    const masked = await preview('admin');
    expect(masked.masked).toBe(true);
    expect(masked.rows[0][0]).toBe('张*');
    expect(masked.rows[0][1]).toBe(`${ZHANG.slice(0, 6)}********${ZHANG.slice(14)}`);
    expect(JSON.stringify(masked)).not.toContain(ZHANG);
    // Without a grant another department sees no rows (sharing/preview.test.ts has the grant's view).
    const other = await preview('mzj_user');
    expect(other.error.code).toBeTruthy();
    expect(other.rows).toBeUndefined();

    const mount = (await p.api('gaj_user', 'GET', `/api/v1/mounts/${mountId}`)).body;
    expect(mount).toMatchObject({ currentVersion: 1, rowCount: 3, overdueSince: null });
    expect(mount.lastSuccessAt).toBeTruthy();
    expect(mount.dueAt > mount.lastSuccessAt).toBe(true);
  });

  it('upserts by key: updates and adds, keeps the rest, the last duplicate wins', async () => {
    const res = await upload(
      'gaj_user',
      csv([
        HEADER,
        ['张三', ZHANG, '1980-01-01', '13800138001', '旧地址'],
        ['赵六', ZHAO, '1960-06-06', '13600136000', '临淄区'],
        ['张三', ZHANG, '1980-01-01', '13800138002', '新地址'],
      ]),
      '&mode=upsert',
    );
    expect(res.body).toMatchObject({ status: 'succeeded', rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, version: 2 });
    expect(res.body.quality.duplicateKeys).toBe(1);
    const rows = (await preview('gaj_user')).rows;
    expect(rows).toHaveLength(4);
    expect(rows.find((r: string[]) => r[1] === ZHANG)).toEqual(['张三', ZHANG, '1980-01-01', '13800138002', '新地址']);
  });

  it('keeps the previous version when a file is empty, header-only, or not a table of items', async () => {
    for (const [body, message] of [
      ['', /空/],
      [csv([HEADER]), /没有数据行/],
      [
        csv([
          ['列甲', '列乙'],
          ['1', '2'],
        ]),
        /没有一个对应|缺少主键列/,
      ],
    ] as const) {
      const res = await upload('gaj_user', body);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('failed');
      expect(res.body.error).toMatch(message);
    }
    expect((await preview('gaj_user')).rows).toHaveLength(4);
    expect((await p.api('gaj_user', 'GET', `/api/v1/mounts/${mountId}`)).body.currentVersion).toBe(2);
  });

  it('replaces atomically with a new version, and maps renamed columns', async () => {
    const res = await upload(
      'gaj_user',
      csv([
        ['身份证号', '姓名', '出生日期'],
        [LI, '李四', '1990-02-15'],
      ]),
      `&mapping=${encodeURIComponent(JSON.stringify({ 身份证号: '公民身份号码' }))}`,
    );
    expect(res.body).toMatchObject({ status: 'succeeded', version: 3, rowsLoaded: 1 });
    expect(res.body.quality.missingItems).toEqual(['手机号码', '户籍地址']);
    expect((await preview('gaj_user')).rows).toEqual([['李四', LI, '1990-02-15', null, null]]);
    const bad = await upload('gaj_user', csv([HEADER]), `&mapping=${encodeURIComponent(JSON.stringify({ 身份证号: '不存在' }))}`);
    expect(bad.body.status).toBe('failed');
    expect(bad.body.error).toMatch(/不存在的信息项/);
  });

  it('refuses uploads from other departments before reading the file, and audits every run', async () => {
    const res = await upload('mzj_user', csv([HEADER, ['张三', ZHANG, '1980-01-01', '', '']]));
    expect(res.status).toBe(403);
    const audit = await p.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_id = $1 AND action LIKE 'gathering.run.%' ORDER BY seq`, [
      mountId,
    ]);
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'gathering.run.start')).toHaveLength(8);
    expect(actions.filter((a) => a === 'gathering.run.finish')).toHaveLength(3);
    expect(actions.filter((a) => a === 'gathering.run.end')).toHaveLength(5);
    const runs = (await p.api('gaj_user', 'GET', `/api/v1/mounts/${mountId}/runs?pageSize=50`)).body;
    expect(runs.total).toBe(8);
    // Another department's mount answers as a missing one: its runs are the provider's business, the refusal is audited.
    const theirs = await p.api('mzj_user', 'GET', `/api/v1/mounts/${mountId}/runs`);
    const none = await p.api('mzj_user', 'GET', '/api/v1/mounts/00000000-0000-4000-8000-000000000000/runs');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
    const [denied] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'gathering.run.list.denied' AND target_id = $1`, [
      mountId,
    ]);
    expect(denied.n).toBe(1);
  });

  it('cancels a running import and keeps the previous version', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* slow() {
      yield Buffer.from(`${HEADER.join(',')}\n`);
      for (let i = 0; i < 5000; i++) yield Buffer.from(`张三,${ZHANG},1980-01-01,,\n`);
      await gate;
      await new Promise((r) => setTimeout(r, 700));
      for (let i = 0; i < 5000; i++) yield Buffer.from(`张三,${ZHANG},1980-01-01,,\n`);
    }
    const { ingest } = await import('./ingest.js');
    const { LocalFileStore } = await import('../../platform/storage/local.js');
    const { systemPrincipal } = await import('../../platform/auth/principal.js');
    const deps = { db: p.db, actions: p.actions, files: new LocalFileStore(p.config.filesDir), tmpDir: p.config.filesDir };
    const running = ingest(deps, systemPrincipal(), { mountId, mode: 'replace', encoding: 'auto', mapping: {}, bytesTotal: null, body: slow() });
    let runId: string | undefined;
    for (let i = 0; i < 100 && !runId; i++) {
      await new Promise((r) => setTimeout(r, 50));
      runId = (await p.db.query<{ id: string }>(`SELECT id FROM ingest_runs WHERE mount_id = $1 AND status = 'running'`, [mountId]))[0]?.id;
    }
    expect((await p.api('mzj_user', 'POST', `/api/v1/runs/${runId}/cancel`)).status).toBe(404); // as for a missing run
    expect((await p.api('gaj_user', 'POST', `/api/v1/runs/${runId}/cancel`)).status).toBe(202);
    release();
    const run = await running;
    expect(run.status).toBe('cancelled');
    expect((await preview('gaj_user')).rows).toEqual([['李四', LI, '1990-02-15', null, null]]);
    const left = await p.db.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'mount\\_stage%'`);
    expect(left).toEqual([]);
  });

  it('replays a batch under its Idempotency-Key only for the same request: the same key and body as a delete, or mapped otherwise, are refused', async () => {
    // (An upsert answered and replayed a delete of the same bytes: the rows stayed, and the agent took them for deleted.)
    const batch = csv([HEADER, ['张三', ZHANG, '1980-01-01', '', ''], ['李四', LI, '1990-02-15', '', '']]);
    const send = (query: string) => upload('gaj_user', batch, query, { 'idempotency-key': 'batch-7' });
    const first = await send('&mode=upsert');
    expect(first.body).toMatchObject({ status: 'succeeded', rowsLoaded: 2 });
    expect(await send('&mode=upsert')).toMatchObject({ status: 200, replay: 'true', body: { id: first.body.id } });
    const rows = async () => (await p.api('gaj_user', 'GET', `/api/v1/mounts/${mountId}`)).body.rowCount;
    const before = await rows();
    const asDelete = await send('&mode=delete');
    expect(asDelete.status).toBe(409);
    expect(asDelete.body.error.details).toMatchObject({ reason: 'idempotency_key_reused', runId: first.body.id });
    expect((await send(`&mode=upsert&mapping=${encodeURIComponent(JSON.stringify({ 姓名: '姓名' }))}`)).status).toBe(409);
    expect(await rows()).toBe(before);
  });
});

describe.each(engines())('file and API mounts, and the update cycle, on %s', (engine) => {
  let p: TestPlatform;
  let entryId: string;

  beforeAll(async () => {
    p = await testPlatform(engine);
    const created = await p.api('gaj_user', 'POST', '/api/v1/catalog/resources', { ...entry, name: '测试户籍档案扫描件' });
    entryId = created.body.id;
    await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${entryId}/submit`);
    await p.api('admin', 'POST', `/api/v1/catalog/resources/${entryId}/review`, { decision: 'approve' });
  });
  afterAll(() => p?.close());

  const upload = async (user: string, mountId: string, body: Buffer, filename: string) => {
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/mounts/${mountId}/files?filename=${encodeURIComponent(filename)}`,
      headers: { authorization: `Bearer ${await p.token(user)}`, 'content-type': 'application/pdf' },
      payload: body,
    });
    return { status: res.statusCode, body: res.json() };
  };

  it('stores file versions under server-made names with checksums; only the provider uploads, only the provider and the bureau download', async () => {
    const mount = (await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${entryId}/mounts`, { kind: 'file', name: '档案扫描件' })).body;
    const pdf = Buffer.from('%PDF-1.4 测试档案 v1');
    const v1 = await upload('gaj_user', mount.id, pdf, '../../etc/passwd 档案.pdf');
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });
    expect((await upload('gaj_user', mount.id, Buffer.from('%PDF-1.4 v2'), 'b.pdf')).body.version).toBe(2);
    expect((await upload('mzj_user', mount.id, pdf, 'x.pdf')).status).toBe(403);
    // Refused before a byte is stored, and the refusal is in the audit log like any action's.
    const [refused] = await p.db.query<{ actor: string; target: string }>(
      `SELECT actor, target_id AS target FROM audit_log WHERE action = 'gathering.file.upload.denied' ORDER BY seq DESC LIMIT 1`,
    );
    expect(refused).toEqual({ actor: 'mzj_user', target: mount.id });
    const cap = p.config.maxFileBytes;
    try {
      p.config.maxFileBytes = 10;
      const tooBig = await upload('gaj_user', mount.id, pdf, 'big.pdf');
      expect(tooBig.status).toBe(413);
    } finally {
      p.config.maxFileBytes = cap;
    }

    const files = (await p.api('gaj_user', 'GET', `/api/v1/mounts/${mount.id}/files`)).body;
    expect(files.map((f: { version: number }) => f.version)).toEqual([2, 1]);
    expect(files[1].filename).toBe('../../etc/passwd 档案.pdf');
    // Another department learns nothing of the files, not even their names: as for a missing mount, and audited.
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of ['/files', '/files/1', '/files/9']) {
      const theirs = await p.api('mzj_user', 'GET', `/api/v1/mounts/${mount.id}${path}`);
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual((await p.api('mzj_user', 'GET', `/api/v1/mounts/${missing}${path}`)).body);
    }
    const denied = await p.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'gathering.file.%.denied' AND target_id = $1`, [
      mount.id,
    ]);
    expect(denied.map((d) => d.action).sort()).toEqual([
      'gathering.file.download.denied',
      'gathering.file.download.denied',
      'gathering.file.list.denied',
      'gathering.file.upload.denied',
    ]);
    const down = await p.http.inject({
      method: 'GET',
      url: `/api/v1/mounts/${mount.id}/files/1`,
      headers: { authorization: `Bearer ${await p.token('admin')}` },
    });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('../../etc/passwd 档案.pdf'));
    // The stored name is the server's key, never the user's file name.
    const [row] = await p.db.query<{ storage_key: string }>('SELECT storage_key FROM mount_files WHERE mount_id = $1 AND version = 1', [mount.id]);
    expect(row.storage_key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('calls a mounted API only on an allow-listed, public host unless configured otherwise, and audits each call', async () => {
    const upstream = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, url: req.url }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    try {
      const mount = (
        await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${entryId}/mounts`, {
          kind: 'api',
          api: { url: `http://127.0.0.1:${port}/person`, params: [{ name: 'idNumber', required: true }] },
        })
      ).body;
      expect((await p.api('mzj_user', 'GET', `/api/v1/mounts/${mount.id}`)).body.api.url).toBe('');
      expect((await p.api('gaj_user', 'POST', `/api/v1/mounts/${mount.id}/call`, { params: {} })).status).toBe(400);
      const refused = await p.api('gaj_user', 'POST', `/api/v1/mounts/${mount.id}/call`, { params: { idNumber: ZHANG } });
      expect(refused.status).toBe(422);
      p.config.fetch = { allowHosts: ['127.0.0.1'], allowPrivate: false };
      expect((await p.api('gaj_user', 'POST', `/api/v1/mounts/${mount.id}/call`, { params: { idNumber: ZHANG } })).status).toBe(422);
      p.config.fetch = { allowHosts: ['127.0.0.1'], allowPrivate: true };
      const ok = await p.api('gaj_user', 'POST', `/api/v1/mounts/${mount.id}/call`, { params: { idNumber: ZHANG } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 200, body: { ok: true, url: `/person?idNumber=${ZHANG}` } });
      expect((await p.api('mzj_user', 'POST', `/api/v1/mounts/${mount.id}/call`, { params: { idNumber: ZHANG } })).status).toBe(404);
      const audit = await p.db.query<{ details: { params: string[] } }>(
        `SELECT details FROM audit_log WHERE action = 'gathering.api.call' AND target_id = $1`,
        [mount.id],
      );
      expect(audit).toHaveLength(1);
      // The audit row names the parameters, not their values (an ID number is personal data).
      expect(JSON.stringify(audit[0].details)).not.toContain(ZHANG);
    } finally {
      p.config.fetch = { allowHosts: [], allowPrivate: false };
      upstream.close();
    }
  });

  it('flags a resource overdue for its update cycle, and a successful update clears the flag', async () => {
    const mount = (await p.api('gaj_user', 'POST', `/api/v1/catalog/resources/${entryId}/mounts`, { kind: 'table' })).body;
    expect(mount.dueAt).toBeTruthy();
    await p.db.query(`UPDATE mounts SET due_at = now() - interval '1 day' WHERE id = $1`, [mount.id]);
    const { flagOverdue } = await import('./service.js');
    const { systemPrincipal } = await import('../../platform/auth/principal.js');
    const out = await p.actions.run(flagOverdue, systemPrincipal(), {});
    expect(out.flagged).toContain(mount.id);
    const overdue = (await p.api('gaj_user', 'GET', '/api/v1/mounts?overdue=true&pageSize=100')).body;
    expect(overdue.items.map((m: { id: string }) => m.id)).toContain(mount.id);
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/mounts/${mount.id}/runs`,
      headers: { authorization: `Bearer ${await p.token('gaj_user')}`, 'content-type': 'text/csv' },
      payload: csv([HEADER, ['张三', ZHANG, '1980-01-01', '', '']]),
    });
    expect(res.json().status).toBe('succeeded');
    const after = (await p.api('gaj_user', 'GET', `/api/v1/mounts/${mount.id}`)).body;
    expect(after.overdueSince).toBeNull();
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });
});

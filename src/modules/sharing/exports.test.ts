import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv, mountTable, publishEntry, tableEntry } from '../../../test/catalog.js';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';

// File delivery (文件) as a consumer meets it — only the granted items and rows, masked, in a
// CSV or XLSX file, logged before the first byte — and the trace of such a file after the
// things that happen to a leaked file: rows re-sorted and deleted, saved again by a
// spreadsheet program, converted to GBK.

const DISTRICTS = ['张店区', '博山区', '淄川区'] as const;
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗';
const people = Array.from({ length: 240 }, (_, i) => {
  const first17 = `3703${String(2 + (i % 3)).padStart(2, '0')}19${String(60 + (i % 40)).padStart(2, '0')}0101${String(100 + i).padStart(3, '0')}`;
  return {
    name: `${SURNAMES[i % SURNAMES.length]}${'明华强伟芳'[i % 5]}${'生军丽平洋东梅兰刚静涛敏'[Math.floor(i / 20) % 12]}`,
    id: first17 + citizenIdCheckDigit(first17),
    phone: `1380013${String(8000 + i)}`,
    address: `山东省淄博市${DISTRICTS[i % 3]}人民路${i + 1}号`,
    district: DISTRICTS[i % 3],
    household: `37030200${String(1000 + i).padStart(10, '0')}`,
  };
});
const HEADER = ['姓名', '公民身份号码', '手机号码', '住址', '户籍区县', '户号'];
const source = [HEADER.join(','), ...people.map((q) => [q.name, q.id, q.phone, q.address, q.district, q.household].join(','))].join('\n');
const GRANTED = ['姓名', '公民身份号码', '住址', '户籍区县', '户号'];
const inGrant = people.filter((x) => x.district !== '博山区');

const entry = (name: string, shareType: string, shareVia: string) =>
  tableEntry({
    name,
    abstract: '文件交付测试用的人口信息，包括姓名、公民身份号码、手机号码、住址、户籍区县和户号。',
    items: [
      { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
      { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
      { name: '手机号码', dataElement: 'DE00007', type: 'string', length: 20 },
      { name: '住址', dataElement: 'DE00008', type: 'string', length: 200 },
      { name: '户籍区县', dataElement: null, type: 'string', length: 20 },
      { name: '户号', dataElement: null, type: 'string', length: 20 },
    ],
    shareType,
    shareVia,
  });

/** RFC 4180 as the export writes it (no line breaks inside fields in this data). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') f += c;
      else if (text[i + 1] === '"') {
        f += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(f);
      f = '';
    } else if (c === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
    } else if (c !== '\r') f += c;
  }
  if (f || row.length) rows.push([...row, f]);
  return rows;
}

/** A cell without the watermark: its zero-width marks and a trailing space. */
const clean = (s: string) => s.replace(/\u200b|\u200c|\u200d|\u2060/g, '').replace(/ $/, '');

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe.each(engines())('file delivery and watermark trace on %s', (engine) => {
  let p: TestPlatform;
  const code: Record<string, string> = {};
  let grantId: string;
  const files: Record<string, { seq: number; body: Buffer }> = {};

  const publish = async (key: string, shareType: string, shareVia: string, load: boolean) => {
    const created = await publishEntry(p, entry(`文件交付测试${key}`, shareType, shareVia));
    code[key] = created.code;
    if (!load) return created.id;
    expect(await loadCsv(p, await mountTable(p, created.id), source, 'people.csv')).toMatchObject({ status: 'succeeded', rowsLoaded: people.length });
    return created.id;
  };
  const download = async (user: string, key: string, query: Record<string, string> = {}) => {
    const res = await p.http.inject({
      method: 'GET',
      url: `/api/v1/share/${encodeURIComponent(code[key])}/export?${new URLSearchParams(query)}`,
      headers: { authorization: `Bearer ${await p.token(user)}` },
    });
    return res;
  };
  const traceFile = async (user: string, body: Buffer | string, filename: string) => {
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/sharing/exports/trace?filename=${encodeURIComponent(filename)}`,
      headers: { authorization: `Bearer ${await p.token(user)}`, 'content-type': 'application/octet-stream' },
      payload: body,
    });
    return { status: res.statusCode, body: res.json() };
  };

  beforeAll(async () => {
    p = await testPlatform(engine);
    const fileId = await publish('file', 'conditional', 'file', true);
    await publish('api', 'unconditional', 'api', false);
    const asked = await p.api('mzj_user', 'POST', '/api/v1/sharing/requests', {
      resourceId: fileId,
      purpose: '核验低保申请人的户籍信息',
      legalBasis: '《社会救助暂行办法》第十一条',
      items: GRANTED,
      rowFilter: { field: '户籍区县', op: 'in', value: ['张店区', '淄川区'] },
      delivery: 'file',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/check`, { decision: 'pass' })).status).toBe(200);
    const ok = await p.api('gaj_admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/review`, { decision: 'approve' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    grantId = ok.body.grantId;
  });
  afterAll(() => p?.close());

  it('exports a CSV of the granted items and rows, masked, with BOM and header, logged with its export number before the data', async () => {
    const res = await download('mzj_user', 'file');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const seq = Number(res.headers['x-jutong-export']);
    expect(seq).toBeGreaterThan(0);
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(`文件交付测试file-${seq}.csv`)}`);
    const body = res.rawPayload;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8').slice(1);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(GRANTED);
    expect(rows).toHaveLength(inGrant.length);
    const byId = new Map(inGrant.map((x) => [`${x.id.slice(0, 6)}********${x.id.slice(-4)}`, x]));
    for (const r of rows) {
      const [name, id, address, district, household] = r.map(clean);
      const x = byId.get(id);
      expect(x, id).toBeDefined();
      expect(name).toBe(`${x?.name[0]}*${x?.name[2]}`);
      expect(address).toBe(`山东省淄博市${x?.district}****`);
      expect(district).toBe(x?.district);
      expect(household).toBe(x?.household);
    }
    for (const x of people) {
      expect(text).not.toContain(x.id);
      expect(text).not.toContain(x.phone);
      expect(text).not.toContain(x.name);
    }
    // Every row carries the export's mark.
    expect(rows.every((r) => r.some((c) => /\u200b|\u200c|\u200d|\u2060/.test(c)))).toBe(true);
    const [logged] = await p.db.query<{ channel: string; rows: number; actor: string; export: string }>(
      `SELECT channel, rows, actor, query->>'export' AS export FROM share_calls WHERE grant_id = $1 ORDER BY seq DESC LIMIT 1`,
      [grantId],
    );
    expect(logged).toEqual({ channel: 'file', rows: inGrant.length, actor: 'mzj_user', export: String(seq) });
    const [row] = await p.db.query(`SELECT format, rows::int AS rows, fields, filter, actor FROM share_exports WHERE seq = $1`, [seq]);
    expect(row).toEqual({ format: 'csv', rows: inGrant.length, fields: GRANTED, filter: null, actor: 'mzj_user' });
    files.csv = { seq, body };
  });

  it('sends nothing when the export cannot be logged', async () => {
    await p.db.query(`CREATE FUNCTION test_refuse_calls() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'log unavailable'; END $$`);
    await p.db.query('CREATE TRIGGER test_refuse_calls BEFORE INSERT ON share_calls FOR EACH ROW EXECUTE FUNCTION test_refuse_calls()');
    try {
      const res = await download('mzj_user', 'file');
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.body).not.toContain('姓名');
      expect(res.headers['x-jutong-export']).toBeUndefined();
    } finally {
      await p.db.query('DROP TRIGGER test_refuse_calls ON share_calls');
      await p.db.query('DROP FUNCTION test_refuse_calls()');
    }
  });

  it('exports an XLSX with chosen items inside the caller’s filter too, every cell text', async () => {
    const res = await download('mzj_user', 'file', {
      format: 'xlsx',
      fields: '姓名,公民身份号码,户号',
      filter: JSON.stringify({ field: '户籍区县', op: 'eq', value: '张店区' }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0];
    const zhangdian = people.filter((x) => x.district === '张店区');
    expect(ws.rowCount).toBe(zhangdian.length + 1);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '公民身份号码', '户号']);
    const households = new Set(zhangdian.map((x) => x.household));
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      for (let c = 1; c <= 3; c++) {
        const cell = row.getCell(c);
        // Text, never a number: the 18-digit 户号 stays as written.
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.RichText]).toContain(cell.type);
        expect(cell.numFmt).toBe('@');
      }
      expect(households.has(clean(row.getCell(3).text))).toBe(true);
      expect(clean(row.getCell(2).text)).toMatch(/^370302\*{8}\d{3}[\dX]$/);
    }
    const seq = Number(res.headers['x-jutong-export']);
    expect(await p.db.query(`SELECT rows::int AS rows, fields, filter FROM share_exports WHERE seq = $1`, [seq])).toEqual([
      { rows: zhangdian.length, fields: ['姓名', '公民身份号码', '户号'], filter: { field: '户籍区县', op: 'eq', value: '张店区' } },
    ]);
    files.xlsx = { seq, body: res.rawPayload };
  });

  it('refuses items outside the grant, another department, and a grant that is not for files', async () => {
    const outside = await download('mzj_user', 'file', { fields: '姓名,手机号码' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toContain('手机号码');
    const masked = await download('mzj_user', 'file', { filter: JSON.stringify({ field: '公民身份号码', op: 'prefix', value: '370302' }) });
    expect(masked.statusCode).toBe(422);
    const other = await download('rsj_admin', 'file');
    expect(other.statusCode).toBe(403);
    // An unconditional resource shared by API: its first-use grant is for the API only.
    const apiOnly = await download('rsj_admin', 'api');
    expect(apiOnly.statusCode).toBe(403);
    expect(apiOnly.json().error.message).toMatch(/文件/);
    expect(await p.db.query(`SELECT count(*)::int AS n FROM share_exports WHERE actor = 'rsj_admin'`)).toEqual([{ n: 0 }]);
  });

  it('traces each file to its export, as made and as a spreadsheet saves it again', async () => {
    const csv = await traceFile('gaj_admin', files.csv.body, 'leak.csv');
    expect(csv.status, JSON.stringify(csv.body)).toBe(200);
    expect(csv.body).toMatchObject({
      found: true,
      method: 'payload',
      export: { seq: files.csv.seq, format: 'csv', actor: 'mzj_user', consumerDepartmentName: '淄博市民政局', grantId, purpose: '核验低保申请人的户籍信息' },
    });
    expect(csv.body.confidence).toBeGreaterThan(0.999999);
    expect(csv.body.export.resourceCode).toBe(code.file);
    const xlsx = await traceFile('admin', files.xlsx.body, 'leak.xlsx');
    expect(xlsx.body).toMatchObject({ found: true, method: 'payload', export: { seq: files.xlsx.seq, format: 'xlsx' } });
    // Opened and saved again: shared strings, half the rows gone.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.xlsx.body as never);
    const ws = wb.worksheets[0];
    ws.spliceRows(2, Math.floor((ws.rowCount - 1) / 2));
    const resaved = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await traceFile('auditor', resaved, '副本.xlsx')).body).toMatchObject({ found: true, export: { seq: files.xlsx.seq } });
  });

  it('traces a CSV re-sorted, cut by half, and saved in GBK', async () => {
    const [header, ...lines] = files.csv.body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    const half = shuffle(lines, 7).slice(0, Math.ceil(lines.length / 2));
    const reordered = `${[header, ...half].join('\r\n')}\r\n`;
    const shuffled = await traceFile('gaj_admin', Buffer.from(reordered, 'utf8'), 'part.csv');
    expect(shuffled.body).toMatchObject({ found: true, method: 'payload', export: { seq: files.csv.seq } });
    // GBK has no zero-width characters (they become '?'): the trailing spaces carry the export.
    const gbk = iconv.encode(reordered, 'gbk');
    expect(gbk.includes(Buffer.from([0xe2, 0x80, 0x8b]))).toBe(false);
    const traced = await traceFile('gaj_admin', gbk, 'part-gbk.csv');
    expect(traced.status, JSON.stringify(traced.body)).toBe(200);
    expect(traced.body).toMatchObject({ found: true, method: 'statistical', export: { seq: files.csv.seq } });
    expect(traced.body.confidence).toBeGreaterThan(0.999999);
    expect(traced.body.matched).toBe(traced.body.units);
  });

  it('finds nothing in an unrelated file, tells other departments nothing, refuses their users, and audits every trace', async () => {
    const [before] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sharing.export.trace'`);
    // The same items, the real (unmasked, unmarked) values.
    const unrelated = [GRANTED.join(','), ...inGrant.map((x) => [x.name, x.id, x.address, x.district, x.household].join(','))].join('\r\n');
    expect((await traceFile('admin', unrelated, 'other.csv')).body).toMatchObject({ found: false });
    // 人社局's administrator may trace, but only exports of 人社局's resources.
    expect((await traceFile('rsj_admin', files.csv.body, 'leak.csv')).body).toMatchObject({ found: false, candidates: 0 });
    expect((await traceFile('mzj_user', files.csv.body, 'leak.csv')).status).toBe(403);
    const audited = await p.db.query<{ details: { found: boolean; file: { sha256: string } } }>(
      `SELECT details FROM audit_log WHERE action = 'sharing.export.trace' ORDER BY seq DESC LIMIT 2`,
    );
    expect(audited.map((a) => a.details.found)).toEqual([false, false]);
    expect(audited[0].details.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [after] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sharing.export.trace'`);
    expect(after.n).toBe(before.n + 2);
  });

  it('answers a file it cannot read with 400, and odd text in a header with nothing found, never a 500', async () => {
    const unreadable: [Buffer | string, string][] = [
      [Buffer.from([0, 1, 2, 255, 254]), 'x.bin'],
      [Buffer.from('PK\u0003\u0004 not really a zip'), 'x.xlsx'],
      [Buffer.alloc(0), 'empty.csv'],
      ['['.repeat(10_000), 'deep.json'],
      ['%PDF-1.4 …', 'a.pdf'],
    ];
    for (const [body, name] of unreadable) {
      const r = await traceFile('admin', body, name);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(400);
    }
    const odd = await p.http.inject({
      method: 'POST',
      url: '/api/v1/sharing/exports/trace?filename=odd%00%ED%A0%80.json',
      headers: { authorization: `Bearer ${await p.token('admin')}`, 'content-type': 'application/json' },
      // JSON can name a column with NUL or a lone surrogate, which CSV and XLSX cannot carry.
      payload: JSON.stringify([{ 'a\u0000b': '1', ['x'.repeat(300)]: '2', '\ud800': '3' }]),
    });
    expect(odd.statusCode, odd.body).toBe(200);
    expect(odd.json()).toMatchObject({ found: false, rowsRead: 1 });
  });

  it('lists exports to the consumer, the provider and the bureau, and to nobody else', async () => {
    const seqs = (b: { items: { seq: number }[] }) => b.items.map((x) => x.seq);
    const mine = await p.api('mzj_user', 'GET', '/api/v1/sharing/exports');
    expect(mine.status).toBe(200);
    expect(seqs(mine.body)).toEqual(expect.arrayContaining([files.csv.seq, files.xlsx.seq]));
    expect(mine.body.items[0]).toMatchObject({ grantId, consumerDepartmentName: '淄博市民政局', providerDepartmentName: '淄博市公安局' });
    expect(seqs((await p.api('gaj_user', 'GET', `/api/v1/sharing/exports?grantId=${grantId}`)).body)).toEqual(seqs(mine.body));
    expect((await p.api('auditor', 'GET', '/api/v1/sharing/exports')).body.total).toBe(mine.body.total);
    expect((await p.api('rsj_admin', 'GET', '/api/v1/sharing/exports')).body).toEqual({ items: [], total: 0 });
  });

  it('stops exporting once the grant is revoked', async () => {
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${grantId}/revoke`, { reason: '用途已完成' })).status).toBe(200);
    const res = await download('mzj_user', 'file');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/已被撤销/);
  });

  it('refuses files to a consumer whose unconditional grant was revoked, until the provider lifts it', async () => {
    await publish('open', 'unconditional', 'file', true);
    expect((await download('zjj_admin', 'open')).statusCode).toBe(200);
    const [grant] = (await p.api('zjj_admin', 'GET', '/api/v1/sharing/grants?side=consumer')).body.items.filter(
      (g: { resourceCode: string }) => g.resourceCode === code.open,
    );
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${grant.id}/revoke`, { reason: '文件外传' })).status).toBe(200);
    const refused = await download('zjj_admin', 'open');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/已被撤销：文件外传/);
    expect((await download('wjw_admin', 'open')).statusCode).toBe(200);
    expect((await p.api('gaj_admin', 'POST', `/api/v1/sharing/grants/${grant.id}/lift`)).status).toBe(200);
    expect((await download('zjj_admin', 'open')).statusCode).toBe(200);
  });

  it.runIf(engine === engines()[0])('jutong watermark trace names the export, or exits 1', async () => {
    await p.http.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(p.http.server.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'jutong-trace-'));
    const token = await p.token('gaj_admin');
    const bin = new URL('../../../bin/jutong.mjs', import.meta.url).pathname;
    const cli = (file: string, ...extra: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, 'watermark', 'trace', file, '--url', url, '--token', token, ...extra], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code: code ?? -1, out }));
      });
    try {
      writeFileSync(join(dir, 'leak.csv'), files.csv.body);
      writeFileSync(join(dir, 'other.csv'), `${GRANTED.join(',')}\r\n张三,x,y,z,1\r\n`);
      const found = await cli(join(dir, 'leak.csv'));
      expect(found.code, found.out).toBe(0);
      expect(found.out).toContain(`导出 #${files.csv.seq}`);
      expect(found.out).toContain('淄博市民政局');
      expect(found.out).toContain('mzj_user');
      expect(found.out).toContain(grantId);
      const none = await cli(join(dir, 'other.csv'), '--json');
      expect(none.code, none.out).toBe(1);
      expect(JSON.parse(none.out.trim().split('\n').at(-1) as string)).toMatchObject({ found: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

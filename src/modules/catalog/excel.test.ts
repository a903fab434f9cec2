import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { type Packed, sheetBomb, zip } from '../gathering/read/test-support.js';
import { entryStream, readZipDirectory, type ZipEntry } from '../gathering/read/zip.js';
import { ITEM_SHEET, RESOURCE_SHEET } from './excel.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The downloaded template with its sample rows replaced by `n` entries of 公安局; row `bad` breaks a rule. */
async function fillTemplate(template: Buffer, n: number, bad?: { row: number; column: string; value: string }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as never);
  const rs = wb.getWorksheet(RESOURCE_SHEET)!;
  const is = wb.getWorksheet(ITEM_SHEET)!;
  const headers = (rs.getRow(1).values as string[]).slice(1);
  for (let i = 1; i <= n; i++) {
    const v: Record<string, string> = {
      序号: String(i),
      资源名称: `导入测试资源${i}号 机动车驾驶人信息`,
      资源分类代码: '209',
      提供方代码: '370300002',
      摘要: `第${i}批导入的机动车驾驶人基本信息，包括准驾车型和记分情况。`,
      格式分类: '数据库',
      格式类型: 'KingbaseES',
      共享类型: '有条件共享',
      共享条件: '用于交通管理业务',
      共享方式分类: '共享平台',
      共享方式类型: '接口',
      开放类型: '不予开放',
      更新周期: '每日',
      关键词: '驾驶人;机动车',
    };
    if (bad && bad.row === i + 1) v[bad.column] = bad.value;
    // Written over the template's sample rows, which start at row 2 of each sheet.
    rs.getRow(i + 1).values = headers.map((h) => v[h] ?? null);
    is.getRow(2 * i).values = [String(i), '姓名', 'DE00001', '字符型', 50, ''];
    is.getRow(2 * i + 1).values = [String(i), '准驾车型', '', '字符型', 10, 'A1、B2、C1 等'];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(engines())('catalog Excel on %s', (engine) => {
  let p: TestPlatform;
  let template: Buffer;
  beforeAll(async () => {
    p = await testPlatform(engine);
    const res = await p.http.inject({
      method: 'GET',
      url: '/api/v1/catalog/import-template',
      headers: { authorization: `Bearer ${await p.token('gaj_user')}` },
    });
    expect(res.headers['content-type']).toBe(XLSX);
    template = res.rawPayload;
  });
  afterAll(() => p?.close());

  const upload = async (user: string, data: Buffer, query = '') => {
    const res = await p.http.inject({
      method: 'POST',
      url: `/api/v1/catalog/imports?fileName=test.xlsx${query}`,
      payload: data,
      headers: { authorization: `Bearer ${await p.token(user)}`, 'content-type': XLSX },
    });
    expect(res.statusCode).toBe(202);
    await p.jobs.work();
    return (await p.api(user, 'GET', `/api/v1/jobs/${res.json().jobId}`)).body;
  };
  const count = async () => (await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_resources'))[0].n;

  it('imports nothing from a file with one bad row, and names the row and column', async () => {
    const before = await count();
    const job = await upload('gaj_user', await fillTemplate(template, 5, { row: 4, column: '共享条件', value: '' }));
    expect(job.status).toBe('failed');
    expect(job.error.message).toContain('未导入任何数据');
    expect(job.error.details).toEqual([{ sheet: '目录', row: 4, column: '共享条件', message: '有条件共享必须填写共享条件' }]);
    expect(await count()).toBe(before);
  });

  it('imports every row of a good file as drafts, reporting progress', async () => {
    const before = await count();
    const job = await upload('gaj_user', await fillTemplate(template, 12));
    expect(job).toMatchObject({ status: 'succeeded', phase: 'done', result: { count: 12 } });
    expect(await count()).toBe(before + 12);
    const mine = await p.api('gaj_user', 'GET', `/api/v1/catalog/resources?scope=mine&status=draft&q=${encodeURIComponent('驾驶人')}&pageSize=50`);
    expect(mine.body.total).toBe(12);
    const one = await p.api('gaj_user', 'GET', `/api/v1/catalog/resources/${mine.body.items[0].id}`);
    expect(one.body.items).toEqual([
      { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50, description: null },
      { name: '准驾车型', dataElement: null, type: 'string', length: 10, description: 'A1、B2、C1 等' },
    ]);
  });

  it('refuses rows of another department for a department user, but not for the bureau', async () => {
    const file = await fillTemplate(template, 2, { row: 3, column: '提供方代码', value: '370300003' });
    const job = await upload('gaj_user', file);
    expect(job.error.details).toEqual([{ sheet: '目录', row: 3, column: '提供方代码', message: '只能导入本部门的目录' }]);
    expect((await upload('admin', file)).status).toBe('succeeded');
  });

  it('reports item-sheet errors on the item row, and unreadable files plainly', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fillTemplate(template, 1)) as never);
    wb.getWorksheet(ITEM_SHEET)!.addRow(['1', '', 'DE99999', '字符型', 5, '']);
    wb.getWorksheet(ITEM_SHEET)!.addRow(['7', '孤儿信息项', '', '字符型', 5, '']);
    const job = await upload('gaj_user', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(job.error.details).toEqual([
      { sheet: '信息项', row: 4, column: '信息项名称', message: '信息项名称不能为空' },
      { sheet: '信息项', row: 5, column: '序号', message: '序号 7 在“目录”表中不存在' },
    ]);
    const garbage = await upload('gaj_user', Buffer.from('这不是Excel文件'));
    expect(garbage.error.details[0].message).toContain('.xlsx');
  });

  it('refuses a zip bomb at upload from its directory, and one that lies about its size in the job, before exceljs inflates it', async () => {
    const GB = 2 ** 30;
    const row = `<row>${'<c t="inlineStr"><is><t>炸</t></is></c>'.repeat(10)}</row>`;
    /** The template with a sheet of `bytes` of rows, whose size the zip states as `declared`. */
    const bombed = async (bytes: number, declared?: number, unit = row) => {
      const entries = await readZipDirectory(template);
      const sheet = [...entries.keys()].find((n) => n.startsWith('xl/worksheets/sheet')) as string;
      const files: Record<string, Buffer | Packed> = {};
      for (const [name] of entries) {
        const data: Buffer[] = [];
        for await (const c of await entryStream(template, entries.get(name) as ZipEntry)) data.push(c as Buffer);
        files[name] = Buffer.concat(data);
      }
      files[sheet] = sheetBomb(unit, bytes, declared);
      return zip(files);
    };
    const post = async (data: Buffer) =>
      p.http.inject({
        method: 'POST',
        url: '/api/v1/catalog/imports?fileName=bomb.xlsx',
        payload: data,
        headers: { authorization: `Bearer ${await p.token('gaj_user')}`, 'content-type': XLSX },
      });
    const honest = await post(await bombed(GB));
    expect(honest.statusCode).toBe(400);
    expect(honest.json().error.message).toBe('表格解压后有 1,025 MB，超过 128 MB 的上限：请拆分后上传，或另存为 CSV');

    const before = process.memoryUsage().rss;
    const lying = await upload('gaj_user', await bombed(GB, 100_000));
    expect(lying.status).toBe('failed');
    expect(lying.error.details[0].message).toContain('.xlsx');
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 2 ** 20);

    const cells = await upload('gaj_user', await bombed(60 * 2 ** 20, undefined, `<row>${'<c><v>1</v></c>'.repeat(20)}</row>`));
    expect(cells.error.message).toBe('表格超过 2,000,000 个单元格的上限：请拆分后上传，或另存为 CSV');
  });

  it('exports a search as a workbook that imports again', async () => {
    const res = await p.http.inject({
      method: 'GET',
      url: `/api/v1/catalog/export?q=${encodeURIComponent('户籍')}&provider=`.replace('&provider=', ''),
      headers: { authorization: `Bearer ${await p.token('gaj_user')}` },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const rows = wb.getWorksheet(RESOURCE_SHEET)!.rowCount - 1;
    const search = await p.api('gaj_user', 'GET', `/api/v1/catalog/resources?q=${encodeURIComponent('户籍')}`);
    expect(rows).toBe(search.body.total);
    expect(rows).toBeGreaterThan(0);
    // The bureau can bring the export back in (as new drafts: codes are never reused).
    const back = await upload('admin', res.rawPayload);
    expect(back).toMatchObject({ status: 'succeeded', result: { count: rows } });
  });
});

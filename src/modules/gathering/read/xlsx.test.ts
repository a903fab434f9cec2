import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openRecords } from './index.js';
import { bomb, handmadeXlsx, outcome, readAll, sheetBomb, zip } from './test-support.js';
import { formatNumber, headerNames } from './xlsx.js';

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX header rules', () => {
  it('merged header cells: a name merged down over two rows, group titles merged across', async () => {
    const file = await book((wb) => {
      const ws = wb.addWorksheet('居民');
      ws.getCell('A1').value = '姓名';
      ws.mergeCells('A1:A2');
      ws.getCell('B1').value = '联系方式';
      ws.mergeCells('B1:C1');
      ws.getCell('D1').value = '紧急联系人';
      ws.mergeCells('D1:E1');
      ws.getCell('B2').value = '电话';
      ws.getCell('C2').value = '邮箱';
      ws.getCell('D2').value = '姓名';
      ws.getCell('E2').value = '电话';
      ws.addRow(['张三', '13800000001', 'a@b.cn', '李四', '13900000002']);
      ws.addRow(['王五', '13800000003', '', '赵六', '13900000004']);
    });
    const { opened, header, records } = await readAll(file, { filename: '居民.xlsx' });
    expect(opened.format).toBe('xlsx');
    expect(opened.encoding).toBeNull();
    expect(opened.sheet).toEqual({ name: '居民', others: [] });
    expect(header).toEqual(['姓名', '联系方式/电话', '邮箱', '紧急联系人/姓名', '紧急联系人/电话']);
    expect(records).toEqual([
      { row: 3, values: ['张三', '13800000001', 'a@b.cn', '李四', '13900000002'] },
      { row: 4, values: ['王五', '13800000003', '', '赵六', '13900000004'] },
    ]);
  });

  it('a title row above the header is skipped, merged or not; merged data cells fill their range', async () => {
    for (const mergeTitle of [true, false]) {
      const file = await book((wb) => {
        const ws = wb.addWorksheet('Sheet1');
        ws.getCell('A1').value = '2023年淄博市各区县人口统计表';
        if (mergeTitle) ws.mergeCells('A1:C1');
        ws.addRow(['区县', '街道', '人口']);
        ws.addRow(['张店区', '车站街道', 52000]);
        ws.addRow([null, '公园街道', 61000]);
        ws.addRow([null, '和平街道', 43000]);
        ws.mergeCells('A3:A5');
        ws.addRow(['淄川区', '般阳路街道', 38000]);
      });
      const { header, records } = await readAll(file);
      expect(header).toEqual(['区县', '街道', '人口']);
      expect(records).toEqual([
        { row: 3, values: ['张店区', '车站街道', '52000'] },
        { row: 4, values: ['张店区', '公园街道', '61000'] },
        { row: 5, values: ['张店区', '和平街道', '43000'] },
        { row: 6, values: ['淄川区', '般阳路街道', '38000'] },
      ]);
    }
  });

  it('headerNames: lowest text per column, group prefixes only where names repeat', () => {
    const rows = [
      { r: 1, values: ['基本信息', '', '', '本人', '', '联系人'], filled: 3 },
      { r: 2, values: ['姓名', '性别', '年龄', '电话', '邮箱', '电话'], filled: 6 },
    ];
    const merges = [
      { r1: 1, c1: 1, r2: 1, c2: 3 },
      { r1: 1, c1: 4, r2: 1, c2: 5 },
    ];
    expect(headerNames(rows, merges, 1, 2)).toEqual(['姓名', '性别', '年龄', '本人/电话', '邮箱', '联系人/电话']);
  });

  it('a wide column merged across (with data merged the same way below) is one column, not a group', async () => {
    const file = await book((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['编号', '地址', null]);
      ws.mergeCells('B1:C1');
      ws.addRow(['1', '张店区人民西路1号', null]);
      ws.mergeCells('B2:C2');
    });
    const { header, records, opened } = await readAll(file);
    expect(header).toEqual(['编号', '地址', '第3列']);
    expect(opened.unnamedColumns).toEqual([2]);
    expect(records).toEqual([{ row: 2, values: ['1', '张店区人民西路1号', ''] }]);
  });
});

describe('XLSX cells', () => {
  it('dates, numbers without float noise or exponents, booleans, rich text, formulas, hyperlinks, errors', async () => {
    const file = await book((wb) => {
      const ws = wb.addWorksheet('值');
      ws.addRow(['日期', '时间', '金额', '身份证号', '小数', '大数', '是否', '富文本', '公式', '日期公式', '链接', '错误', '文本数字']);
      ws.addRow([
        new Date(Date.UTC(2023, 2, 15)),
        new Date(Date.UTC(2023, 2, 15, 8, 30, 5)),
        0.1 + 0.2,
        Number('370302199001011234'), // Excel keeps 15 digits of it
        1e-7,
        123456789012,
        true,
        { richText: [{ text: '淄博' }, { font: { bold: true }, text: '市' }] },
        { formula: 'C2*2', result: 0.6000000000000001 },
        { formula: 'DATE(2024,1,2)', result: 45293 },
        { text: '开放平台', hyperlink: 'https://data.zibo.gov.cn' },
        { error: '#N/A' },
        '370302199001011234',
      ] as ExcelJS.CellValue[]);
      ws.getCell('J2').numFmt = 'yyyy-mm-dd';
    });
    const { header, records } = await readAll(file);
    expect(header).toHaveLength(13);
    expect(records[0].values).toEqual([
      '2023-03-15',
      '2023-03-15 08:30:05',
      '0.3',
      '370302199001011000',
      '0.0000001',
      '123456789012',
      'TRUE',
      '淄博市',
      '0.6',
      '2024-01-02',
      '开放平台',
      '',
      '370302199001011234',
    ]);
  });

  it('formatNumber', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(3.70302199001011e17)).toBe('370302199001011000');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(-1.5e-10)).toBe('-0.00000000015');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(Number.NaN)).toBe('');
  });

  it('zh-CN built-in date formats (numFmtId 31, 57, 32) are dates; sharedStrings.xml as the last zip entry is not lost', async () => {
    const file = handmadeXlsx({
      numFmtIds: [31, 57, 32],
      sharedStrings: ['<t>日期</t>', '<t>月份</t>', '<t>时间</t>', '<r><t>张</t></r><r><rPr><b/></rPr><t>店</t></r>'],
      sheetData:
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
        '<row r="2"><c r="A2" s="1"><v>45000</v></c><c r="B2" s="2"><v>45000</v></c><c r="C2" s="3"><v>0.5</v></c><c r="D2" t="inlineStr"><is><t>行_x000D_内</t></is></c></row>',
    });
    const { header, records } = await readAll(file, { filename: 'a.xlsx' }, [7]);
    expect(header).toEqual(['日期', '月份', '时间', '张店']);
    expect(records).toEqual([{ row: 2, values: ['2023-03-15', '2023-03-15', '12:00:00', '行\r内'] }]);
  });

  it('Chinese text that crosses the zip chunk edges is not damaged (an exceljs fault worked around)', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true });
    const ws = wb.addWorksheet('人口');
    ws.addRow(['序号', '姓名', '住址']).commit();
    const n = 20_000;
    const addr = (i: number) => `山东省淄博市张店区人民西路${i}号院${'东西南北'[i % 4]}区`;
    for (let i = 0; i < n; i++) ws.addRow([i, `张三丰${i}`, addr(i)]).commit();
    ws.commit();
    await wb.commit();
    const { records, opened } = await readAll(Buffer.concat(chunks));
    expect(records).toHaveLength(n);
    const bad = records.filter((r, i) => r.values[1] !== `张三丰${i}` || r.values[2] !== addr(i) || r.values[0] !== String(i));
    expect(bad).toEqual([]);
    expect(opened.bytesRead()).toBe(Buffer.concat(chunks).length);
  });
});

describe('XLSX files as they come', () => {
  it('the first visible sheet is read; the others are named', async () => {
    const file = await book((wb) => {
      const hidden = wb.addWorksheet('下拉选项');
      hidden.state = 'hidden';
      hidden.addRow(['男', '女']);
      wb.addWorksheet('数据').addRow(['姓名']);
      wb.getWorksheet('数据')?.addRow(['张三']);
      wb.addWorksheet('说明').addRow(['填表说明']);
    });
    const { opened, header, records } = await readAll(file);
    expect(opened.sheet).toEqual({ name: '数据', others: ['下拉选项', '说明'] });
    expect(header).toEqual(['姓名']);
    expect(records).toEqual([{ row: 2, values: ['张三'] }]);
  });

  it('empty sheet, header-only sheet, damaged and foreign zips', async () => {
    expect(await outcome(await book((wb) => wb.addWorksheet('空')))).toBe('文件为空');
    const headerOnly = await readAll(await book((wb) => wb.addWorksheet('S').addRow(['a', 'b'])));
    expect(headerOnly.header).toEqual(['a', 'b']);
    expect(headerOnly.records).toEqual([]);
    const good = await book((wb) => wb.addWorksheet('S').addRow(['a', 'b']));
    expect(await outcome(good.subarray(0, Math.floor(good.length / 2)))).toContain('文件不是有效的 xlsx 表格');
    expect(await outcome(zip({ 'word/document.xml': '<w/>' }), { filename: 'a.xlsx' })).toContain('Word 文档');
    expect(await outcome(zip({ 'hello.txt': 'hi' }))).toContain('文件不是有效的 xlsx 表格');
    const dup = await book((wb) => wb.addWorksheet('S').addRow(['姓名', '姓名']));
    expect(await outcome(dup)).toBe('第1行：表头有重复的列名：“姓名”（第1、2列）。请改成不同的名字后重新上传');
  });

  it('damaged files give a result identical to the original or a ReadError — never a crash, a hang or wrong data', async () => {
    const good = await book((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['编号', '名称']);
      for (let i = 0; i < 100; i++) ws.addRow([i, `中文${i}`]);
    });
    const want = await outcome(good);
    const seen = new Set<string>();
    for (let at = 0; at < good.length; at += 37) {
      const bad = Buffer.from(good);
      for (let j = 0; j < 8 && at + j < bad.length; j++) bad[at + j] ^= 0xff;
      const got = await outcome(bad, { filename: 'x.xlsx' });
      if (typeof got === 'string') seen.add(got.slice(0, 12));
      else expect(got).toEqual(want);
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('stopping early releases the file', async () => {
    const file = await book((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['n']);
      for (let i = 0; i < 2000; i++) ws.addRow([i]);
    });
    const opened = await openRecords(
      (async function* () {
        yield file;
      })(),
      {},
    );
    let n = 0;
    for await (const _ of opened.records) if (++n === 10) break;
    expect(n).toBe(10);
    await opened.close();
  });
});

describe('XLSX zip bombs', () => {
  const GB = 2 ** 30;
  const row = `<row>${'<c t="inlineStr"><is><t>炸</t></is></c>'.repeat(10)}</row>`;
  const rssGrowth = async (read: () => Promise<unknown>) => {
    const before = process.memoryUsage().rss;
    const out = await read();
    return { out, grew: process.memoryUsage().rss - before };
  };

  it('a sheet that declares 3 GB is refused from the zip directory, before inflating', async () => {
    const file = handmadeXlsx({ sheetData: '', parts: { 'xl/worksheets/sheet1.xml': sheetBomb(row, 3 * GB) } });
    expect(file.length).toBeLessThan(32 * 2 ** 20);
    const { out, grew } = await rssGrowth(() => outcome(file));
    expect(out).toMatch(/^表格解压后有 3,07\d MB，超过 2,048 MB 的上限：请拆分后上传，或另存为 CSV$/);
    expect(grew).toBeLessThan(256 * 2 ** 20);
  });

  it('a sheet that lies about its size stops at the size it declared', async () => {
    const file = handmadeXlsx({ sheetData: '', parts: { 'xl/worksheets/sheet1.xml': sheetBomb(row, GB, 4096) } });
    const { out, grew } = await rssGrowth(() => outcome(file));
    expect(out).toContain('文件不是有效的 xlsx 表格');
    expect(grew).toBeLessThan(256 * 2 ** 20);
  });

  it('shared strings, which exceljs holds whole, are bounded whether their size is declared or lied about', async () => {
    const strings = (declared?: number) =>
      bomb(
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        '<si><t>炸</t></si>',
        GB,
        '</sst>',
        declared,
      );
    const sheetData = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';
    const honest = handmadeXlsx({ sheetData, sharedStrings: ['a'], parts: { 'xl/sharedStrings.xml': strings() } });
    expect(await outcome(honest)).toBe('表格的 xl/sharedStrings.xml 解压后超过 256 MB 的上限：请另存为 CSV 后上传');
    const lying = handmadeXlsx({ sheetData, sharedStrings: ['a'], parts: { 'xl/sharedStrings.xml': strings(100) } });
    const { out, grew } = await rssGrowth(() => outcome(lying));
    expect(out).toContain('文件不是有效的 xlsx 表格');
    expect(grew).toBeLessThan(256 * 2 ** 20);
  });

  it('cells are counted before parsing: in all, and per row', async () => {
    const file = handmadeXlsx({ sheetData: '', parts: { 'xl/worksheets/sheet1.xml': sheetBomb('<row><c><v>1</v></c><c><v>2</v></c></row>', 2 ** 20) } });
    expect(await outcome(file, { limits: { maxXlsxCells: 1000 } })).toBe('表格超过 1,000 个单元格的上限：请拆分后上传，或另存为 CSV');
    const wide = handmadeXlsx({ sheetData: `<row r="1">${'<c><v>1</v></c>'.repeat(16_385)}</row>` });
    expect(await outcome(wide)).toBe('第1行有超过 16,384 个单元格，超过 Excel 的列数上限');
  });

  it('a zip whose local entries are not the ones its directory lists is refused (exceljs would read the hidden one)', async () => {
    const sheet = (text: string) =>
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;
    const good = handmadeXlsx({ sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row>' });
    const hidden = zip({ 'xl/worksheets/sheet1.xml': sheet('藏') });
    // The hidden entry's local header and data, put before the good file's entries; the good directory's offsets moved past it.
    const smuggled = hidden.subarray(0, hidden.readUInt32LE(hidden.length - 22 + 16));
    const file = Buffer.concat([smuggled, good]);
    const end = file.length - 22;
    const cdOffset = file.readUInt32LE(end + 16) + smuggled.length;
    file.writeUInt32LE(cdOffset, end + 16);
    for (let p = cdOffset; file.readUInt32LE(p) === 0x02014b50; p += 46 + file.readUInt16LE(p + 28) + file.readUInt16LE(p + 30) + file.readUInt16LE(p + 32))
      file.writeUInt32LE(file.readUInt32LE(p + 42) + smuggled.length, p + 42);
    expect(await outcome(file)).toContain('文件不是有效的 xlsx 表格');
    expect(await outcome(good)).toEqual({ header: ['名称'], records: [] });
  });
});

import type ExcelJS from 'exceljs';
import { checkXlsx, type XlsxBounds, ZipFormatError } from '../gathering/read/index.js';
import { type Item, labels, type Resource, type ResourceFields } from './schema.js';

// The catalog as departments exchange it: one workbook, one row per entry on 目录, one
// row per information item on 信息项, joined by 序号. Columns are defined once here and
// drive the template, the export and the import, so the three cannot drift apart.

type Labels = Record<string, string>;
type Column = {
  key: keyof ResourceFields | 'seq' | 'providerCode' | 'code' | 'status';
  header: string;
  width: number;
  labels?: Labels;
  list?: boolean;
  note?: string;
};

export const RESOURCE_SHEET = '目录';
export const ITEM_SHEET = '信息项';

const resourceColumns: Column[] = [
  { key: 'seq', header: '序号', width: 8, note: '本文件内唯一，信息项表据此关联' },
  { key: 'name', header: '资源名称', width: 30 },
  { key: 'classification', header: '资源分类代码', width: 14, note: '如 101、201、301，见分类树' },
  { key: 'providerCode', header: '提供方代码', width: 14, note: '部门的提供方代码；部门用户只能填本部门' },
  { key: 'abstract', header: '摘要', width: 50 },
  { key: 'format', header: '格式分类', width: 12, labels: labels.format },
  { key: 'formatType', header: '格式类型', width: 12, note: '如 xlsx、KingbaseES' },
  { key: 'shareType', header: '共享类型', width: 12, labels: labels.shareType },
  { key: 'shareCondition', header: '共享条件', width: 24, note: '有条件共享时必填' },
  { key: 'shareBasis', header: '不予共享依据', width: 24, note: '不予共享时必填' },
  { key: 'shareChannel', header: '共享方式分类', width: 12, labels: labels.shareChannel },
  { key: 'shareVia', header: '共享方式类型', width: 12, labels: labels.shareVia, note: '共享平台时必填：库表/接口/文件' },
  { key: 'openType', header: '开放类型', width: 12, labels: labels.openType },
  { key: 'openCondition', header: '开放条件', width: 24, note: '有条件开放时必填' },
  { key: 'updateCycle', header: '更新周期', width: 10, labels: labels.updateCycle },
  { key: 'publishedAt', header: '发布日期', width: 12, note: 'YYYY-MM-DD，可空' },
  { key: 'relatedCodes', header: '关联资源代码', width: 24, list: true, note: '多个用分号分隔' },
  { key: 'keywords', header: '关键词', width: 20, list: true, note: '多个用分号分隔' },
  { key: 'contact', header: '联系方式', width: 20 },
  { key: 'owner', header: '数据资产归属', width: 16 },
];
const exportOnly: Column[] = [
  { key: 'code', header: '资源代码', width: 26 },
  { key: 'status', header: '状态', width: 8, labels: labels.status },
];

type ItemColumn = { key: keyof Item | 'seq'; header: string; width: number; labels?: Labels };
const itemColumns: ItemColumn[] = [
  { key: 'seq', header: '序号', width: 8 },
  { key: 'name', header: '信息项名称', width: 20 },
  { key: 'dataElement', header: '数据元标识符', width: 14 },
  { key: 'type', header: '数据类型', width: 12, labels: labels.itemType },
  { key: 'length', header: '长度', width: 8 },
  { key: 'description', header: '说明', width: 30 },
];

export const resourceHeader = (key: string) => resourceColumns.find((c) => c.key === key)?.header ?? key;
export const itemHeader = (key: string) => itemColumns.find((c) => c.key === key)?.header ?? key;

// --- Writing ----------------------------------------------------------------

function addSheet(wb: ExcelJS.Workbook, name: string, cols: { header: string; width: number; labels?: Labels; note?: string }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  cols.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1);
    if (c.note) cell.note = c.note;
    // A drop-down of the allowed labels, as departments expect from a government template.
    if (c.labels) {
      const letter = ws.getColumn(i + 1).letter;
      (ws as unknown as { dataValidations: { add(ref: string, v: object): void } }).dataValidations.add(`${letter}2:${letter}50000`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${Object.values(c.labels).join(',')}"`],
      });
    }
  });
  return ws;
}

function guideSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet('填写说明');
  ws.columns = [{ width: 16 }, { width: 80 }];
  ws.addRow(['聚通 政务信息资源目录导入模板']).font = { bold: true, size: 14 };
  ws.addRow(['说明', '“目录”表每行一条资源，“信息项”表每行一个信息项，两表以“序号”关联。文件中任何一行有错，整个文件都不会导入。']);
  for (const c of resourceColumns)
    ws.addRow([c.header, [c.labels ? `可选：${Object.values(c.labels).join('、')}` : '', c.note ?? ''].filter(Boolean).join('；')]);
  ws.addRow([]);
  for (const c of itemColumns) if (c.labels) ws.addRow([`信息项.${c.header}`, `可选：${Object.values(c.labels).join('、')}`]);
}

// exceljs is ~12 MB of heap once loaded: the server pays for it only when someone uses Excel.
const newWorkbook = async () => new (await import('exceljs')).default.Workbook();

export async function templateWorkbook(): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '聚通';
  const rs = addSheet(wb, RESOURCE_SHEET, resourceColumns);
  rs.addRow([
    '1',
    '示例：淄博市户籍人口基本信息',
    '101',
    '370300001',
    '全市户籍人口的基本身份信息，包括姓名、性别、公民身份号码、出生日期、户籍地址等，按日更新。',
    '数据库',
    'KingbaseES',
    '有条件共享',
    '用于政务服务身份核验，须经提供方审核',
    '',
    '共享平台',
    '接口',
    '不予开放',
    '',
    '每日',
    '',
    '',
    '户籍;人口',
    '市公安局 0533-0000000',
    '市公安局',
  ]);
  const is = addSheet(wb, ITEM_SHEET, itemColumns);
  is.addRow(['1', '姓名', 'DE00001', '字符型', 50, '']);
  is.addRow(['1', '公民身份号码', 'DE00004', '字符型', 18, '']);
  guideSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportWorkbook(rows: (Resource & { providerCode: string })[]): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '聚通';
  const cols = [...resourceColumns, ...exportOnly];
  const rs = addSheet(wb, RESOURCE_SHEET, cols);
  const is = addSheet(wb, ITEM_SHEET, itemColumns);
  rows.forEach((r, i) => {
    const seq = String(i + 1);
    rs.addRow(cols.map((c) => cellFor(c, c.key === 'seq' ? seq : (r as unknown as Record<string, unknown>)[c.key])));
    for (const item of r.items) is.addRow(itemColumns.map((c) => cellFor(c, c.key === 'seq' ? seq : item[c.key as keyof Item])));
  });
  guideSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellFor(c: { labels?: Labels; list?: boolean }, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (c.labels) return c.labels[String(v)] ?? String(v);
  if (Array.isArray(v)) return v.join(';');
  return typeof v === 'number' ? v : String(v);
}

// --- Reading ----------------------------------------------------------------

export type SheetIssue = { sheet: string; row: number; column: string | null; message: string };
export type ParsedRow = { row: number; seq: string; providerCode: string | null; fields: Record<string, unknown> };

// exceljs holds the whole workbook: ~430 bytes of heap per cell (a catalog of 20,000 entries
// with 10 items each is 1.6 M cells, 71 MB of XML, 700 MB of heap).
const BOUNDS: XlsxBounds = { maxBytes: 128 * 2 ** 20, maxCells: 2_000_000 };

const unreadable = () => ({ rows: [], issues: [{ sheet: '', row: 0, column: null, message: '无法读取文件：请上传 .xlsx 格式的 Excel 文件' }] });

/**
 * Refuses a workbook past the bounds (a ReadError, 400) before exceljs inflates any of it; false
 * when it is not a sound zip. `directoryOnly`: the declared size alone (milliseconds), at upload.
 */
export async function checkWorkbook(data: Buffer, directoryOnly = false): Promise<boolean> {
  try {
    await checkXlsx(data, BOUNDS, directoryOnly);
    return true;
  } catch (e) {
    if (e instanceof ZipFormatError) return false;
    throw e;
  }
}

export async function readWorkbook(data: Buffer): Promise<{ rows: ParsedRow[]; issues: SheetIssue[] }> {
  if (!(await checkWorkbook(data))) return unreadable();
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return unreadable();
  }
  const issues: SheetIssue[] = [];
  const rs = wb.getWorksheet(RESOURCE_SHEET);
  const is = wb.getWorksheet(ITEM_SHEET);
  if (!rs || !is)
    return { rows: [], issues: [{ sheet: '', row: 0, column: null, message: `文件须包含“${RESOURCE_SHEET}”和“${ITEM_SHEET}”两个工作表，请使用下载的模板` }] };

  const rCols = headerIndex(rs, resourceColumns, issues);
  const iCols = headerIndex(is, itemColumns, issues);
  if (issues.length) return { rows: [], issues };

  const rows: ParsedRow[] = [];
  const bySeq = new Map<string, ParsedRow>();
  rs.eachRow((row, n) => {
    if (n === 1) return;
    const fields: Record<string, unknown> = { items: [] };
    let seq = '';
    let providerCode: string | null = null;
    let any = false;
    for (const c of resourceColumns) {
      const text = cellText(row.getCell(rCols.get(c.key) as number).value);
      if (text) any = true;
      if (c.key === 'seq') seq = text;
      else if (c.key === 'providerCode') providerCode = text || null;
      else fields[c.key] = decode(c, text);
    }
    if (!any) return;
    if (!seq) issues.push({ sheet: RESOURCE_SHEET, row: n, column: '序号', message: '序号不能为空' });
    else if (bySeq.has(seq)) issues.push({ sheet: RESOURCE_SHEET, row: n, column: '序号', message: `序号 ${seq} 重复` });
    const parsed = { row: n, seq, providerCode, fields };
    rows.push(parsed);
    if (seq) bySeq.set(seq, parsed);
  });
  is.eachRow((row, n) => {
    if (n === 1) return;
    const item: Record<string, unknown> = { _row: n };
    let seq = '';
    let any = false;
    for (const c of itemColumns) {
      const text = cellText(row.getCell(iCols.get(c.key) as number).value);
      if (text) any = true;
      if (c.key === 'seq') seq = text;
      else item[c.key] = c.key === 'length' ? (text ? Number(text) : null) : decode(c, text);
    }
    if (!any) return;
    const owner = bySeq.get(seq);
    if (!owner) issues.push({ sheet: ITEM_SHEET, row: n, column: '序号', message: `序号 ${seq || '（空）'} 在“${RESOURCE_SHEET}”表中不存在` });
    else (owner.fields.items as unknown[]).push(item);
  });
  if (!rows.length && !issues.length) issues.push({ sheet: RESOURCE_SHEET, row: 2, column: null, message: '文件中没有目录数据' });
  return { rows, issues };
}

function headerIndex(ws: ExcelJS.Worksheet, cols: { key: string; header: string }[], issues: SheetIssue[]) {
  const found = new Map<string, number>();
  ws.getRow(1).eachCell((cell, i) => found.set(cellText(cell.value), i));
  const index = new Map<string, number>();
  for (const c of cols) {
    const i = found.get(c.header);
    if (i === undefined) issues.push({ sheet: ws.name, row: 1, column: c.header, message: `缺少列“${c.header}”，请使用下载的模板` });
    else index.set(c.key, i);
  }
  return index;
}

/** A label (无条件共享) or the code itself (unconditional) becomes the code; lists split on ; or ；. */
function decode(c: { labels?: Labels; list?: boolean }, text: string): unknown {
  if (c.list)
    return text
      ? text
          .split(/[;；,，\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  if (!text) return null;
  if (c.labels) return Object.entries(c.labels).find(([, label]) => label === text)?.[0] ?? text;
  return text;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

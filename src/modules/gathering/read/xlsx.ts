import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { DEFAULT_LIMITS, type Limits, ReadError, rowError } from './errors.js';
import { type Header, normalizeHeader } from './header.js';
import type { InputRecord } from './types.js';
import { CellCounter, checkDeclared, checkInflated, eachWholeTags } from './xlsx-bounds.js';
import { entryStream, readEntryText, readZipDirectory, type ZipEntry, ZipFormatError } from './zip.js';

// XLSX, first worksheet (the first visible tab), through exceljs's streaming reader.
//
// The upload is spooled to a temporary file first: an xlsx is a zip whose directory is at the
// end, and the sheet's merged cells (<mergeCells>) come after all its rows, while the header
// must be known before the first record. So:
//   pass 1 (zip.ts, our own): find the first visible worksheet, inflate it once (checking its
//          CRC) and collect its merged ranges and its row count (for progress); inflate the
//          other entries once too, so that exceljs gets a file within the bounds of
//          xlsx-bounds.ts (declared and real sizes, cells: a zip bomb stops there);
//   pass 2 (exceljs): load the workbook's parts, then stream the sheet's rows.
// exceljs's streaming reader ignores <mergeCell> entirely — hence pass 1. Memory: one row at a
// time, plus the shared-strings table, which an xlsx needs in full (44 MiB of heap for the
// 1 M-row test sheet).
//
// Three exceljs 4.4 faults are worked around on the reader instance (nothing global):
// - it decodes every zip chunk separately (TextDecoder without {stream:true}), so a Chinese
//   character cut by a chunk edge becomes two U+FFFD — 760 damaged cells in a 200k-row sheet.
//   The shared strings and the sheet are re-chunked on UTF-8 character boundaries first.
// - it depends on the order of the zip's entries, and loses sharedStrings.xml when that is the
//   last entry (every text cell then reads as empty). The workbook's parts are loaded from our
//   own copy before it streams (`preload`).
// - built-in number formats 27–36 and 50–58 (the zh-CN date/time formats such as
//   yyyy"年"m"月"d"日", which Excel writes without defining them) are unknown to it, so such
//   dates came out as serial numbers. They are mapped to a date format.
//
// Cells → text:
// - dates: 'YYYY-MM-DD', or 'YYYY-MM-DD HH:mm:ss' when there is a time of day (rounded to
//   the second), or 'HH:mm:ss' for a time without a date;
// - numbers: what Excel shows in its formula bar — 15 significant digits, which removes
//   binary noise (0.1+0.2 → '0.3') — and never exponent notation (1e-7 → '0.0000001',
//   3.70302199001011e17 → '370302199001011000'). An 18-digit ID number typed into a number
//   cell has already lost its last 3 digits inside Excel (it keeps 15); it comes out in full
//   digits so that the ID check rejects it with its checksum instead of a puzzling '3.7e+17'.
//   The value is read, not its display format: 15% is '0.15';
// - booleans 'TRUE' / 'FALSE'; rich text → its plain text; a formula → its cached result
//   (a date if the cell has a date format); a hyperlink → its text; an error (#N/A…) → '';
//   Excel's _x000D_ escapes are decoded.
//
// Header (the rule for merged header cells):
// 1. The header starts at the first row with any non-empty cell. If that row has exactly one
//    non-empty cell and the next non-blank row has two or more, the first is a title
//    ('2023年张店区人口统计表') and the header starts at the next one.
// 2. The header runs down as far as merged cells make it: a cell merged downwards (a name
//    over two header rows) takes the header to the merge's last row; a cell merged across
//    columns (a group title such as '联系方式' over 电话 | 邮箱) takes it one row below the
//    merge — when that row has text in at least two of the merged columns and is not merged
//    the same way (a data row under a wide column). At most 10 header rows.
// 3. Inside the header every cell of a merged range carries the range's text (a group title
//    above each of its columns, a name down to the last header row).
// 4. A column's name is its lowest text in the header ('电话'); when that repeats across
//    columns, the distinct texts above it are prefixed with '/' until the names differ
//    ('本人/电话', '联系人/电话'). A column with no text is '第N列'; names that still repeat
//    are an error.
// A column whose lowest header text only spills over from a merge to its left (a wide header
// cell, nothing of its own below) is unnamed: '第N列'.
// In data rows, a value merged down over several rows fills those rows in its column (a district
// merged over its streets), unless a row has nothing else in it (it stays a skipped blank row); a
// merge across columns leaves the other columns empty — it is the width of one value.
// Data rows are padded with '' to the header's width: an xlsx does not store empty cells, so
// a short row is not a ragged one. `row` is the sheet's own row number.

export type Merge = { r1: number; c1: number; r2: number; c2: number; text?: string };
type SheetPlan = { name: string; path: string; others: string[]; merges: Merge[]; rowCount: number; entries: Map<string, ZipEntry> };

const MAX_MERGES = 100_000;
/** Parts of the workbook that exceljs holds whole in memory (the shared strings, the styles). */
const MAX_PART_BYTES = 256 * 2 ** 20;
const MAX_HEADER_ROWS = 10;
const CJK_DATE_FORMATS = new Set([27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const notXlsx = () => new ReadError('文件不是有效的 xlsx 表格（可能已损坏，或只是把扩展名改成了 .xlsx）', null, 'xlsx');

// ---------------------------------------------------------------- pass 1

async function inspectXlsx(file: string, limits: Limits = DEFAULT_LIMITS): Promise<SheetPlan> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = await readZipDirectory(file);
  } catch (e) {
    if (e instanceof ZipFormatError && e.message === 'zip64') throw new ReadError('表格文件超过 4 GB，请拆分后上传，或另存为 CSV', null, 'xlsx');
    throw notXlsx();
  }
  const bounds = { maxBytes: limits.maxXlsxBytes, maxCells: limits.maxXlsxCells };
  checkDeclared(entries, bounds);
  if (entries.has('xl/workbook.bin')) throw new ReadError('这是 .xlsb（二进制工作簿）文件，请在 Excel 中另存为 .xlsx 或 CSV 后上传', null, 'xlsx');
  if (entries.has('word/document.xml')) throw new ReadError('这是 Word 文档，不是表格。请上传 xlsx、CSV 或 JSON 文件', null, 'format');
  if (entries.has('ppt/presentation.xml')) throw new ReadError('这是 PowerPoint 文件，不是表格。请上传 xlsx、CSV 或 JSON 文件', null, 'format');
  const wbEntry = entries.get('xl/workbook.xml');
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  if (!wbEntry || !relsEntry) throw notXlsx();
  let wbXml: string;
  let relsXml: string;
  try {
    wbXml = await readEntryText(file, wbEntry);
    relsXml = await readEntryText(file, relsEntry);
  } catch {
    throw notXlsx();
  }
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attrs(m[1]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`);
  }
  const sheets: { name: string; path: string; hidden: boolean }[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const a = attrs(m[1]);
    const rid = Object.entries(a).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (!path || !/worksheets\/[^/]+\.xml$/.test(path) || !entries.has(path)) continue; // chart sheets, dangling
    sheets.push({ name: xmlText(a.name ?? ''), path, hidden: (a.state ?? 'visible') !== 'visible' });
  }
  const chosen = sheets.find((s) => !s.hidden) ?? sheets[0];
  if (!chosen) throw new ReadError('表格中没有工作表', null, 'xlsx');
  if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(chosen.path))
    throw new ReadError('表格的内部结构不受支持，请在 Excel 或 WPS 中重新保存为 .xlsx 后上传', null, 'xlsx');
  // exceljs holds these parts whole.
  for (const part of ['xl/sharedStrings.xml', 'xl/styles.xml']) {
    const size = entries.get(part)?.size ?? 0;
    if (size > MAX_PART_BYTES) throw new ReadError(`表格的 ${part} 解压后超过 ${MAX_PART_BYTES / 2 ** 20} MB 的上限：请另存为 CSV 后上传`, null, 'limit');
  }
  const counter = new CellCounter(bounds.maxCells);
  let scan: { merges: Merge[]; rowCount: number };
  try {
    scan = await scanSheet(file, entries.get(chosen.path) as ZipEntry, counter);
    await checkInflated(file, entries, counter, chosen.path);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw notXlsx();
  }
  return { name: chosen.name, path: chosen.path, others: sheets.filter((s) => s !== chosen).map((s) => s.name), entries, ...scan };
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

function xmlText(s: string): string {
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_, hex, dec, named) =>
    hex
      ? String.fromCodePoint(Number.parseInt(hex, 16))
      : dec
        ? String.fromCodePoint(Number(dec))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named as string] as string),
  );
}

/** Merged ranges and the number of <row> elements of a sheet, scanning its XML once without parsing it. */
async function scanSheet(file: string, entry: ZipEntry, counter: CellCounter): Promise<{ merges: Merge[]; rowCount: number }> {
  const merges: Merge[] = [];
  await eachWholeTags((await entryStream(file, entry)) as AsyncIterable<Buffer>, (buf, cut) => {
    counter.count(buf, cut);
    for (let i = buf.indexOf('<mergeCell '); i !== -1 && i < cut; ) {
      const end = buf.indexOf(0x3e, i);
      if (end === -1) break;
      const m = /ref="\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"/.exec(buf.toString('latin1', i, end));
      if (m && merges.length < MAX_MERGES) merges.push({ c1: colNumber(m[1]), r1: Number(m[2]), c2: colNumber(m[3]), r2: Number(m[4]) });
      i = buf.indexOf('<mergeCell ', end);
    }
  });
  for (const m of merges) {
    if (m.r1 > m.r2) [m.r1, m.r2] = [m.r2, m.r1];
    if (m.c1 > m.c2) [m.c1, m.c2] = [m.c2, m.c1];
  }
  merges.sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1);
  return { merges, rowCount: counter.rows };
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

// ---------------------------------------------------------------- exceljs workarounds

/** Where a chunk must be cut so that it ends on a whole UTF-8 character. */
function utf8Cut(b: Uint8Array): number {
  let i = b.length - 1;
  let cont = 0;
  while (i >= 0 && cont < 3 && (b[i] & 0xc0) === 0x80) {
    i--;
    cont++;
  }
  if (i < 0) return b.length;
  const lead = b[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i < need ? i : b.length;
}

/** Re-chunks UTF-8 bytes on character boundaries. */
class Utf8Aligned extends Transform {
  private carry: Buffer | null = null;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = utf8Cut(buf);
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    if (cut > 0) this.push(buf.subarray(0, cut));
    done();
  }
  override _flush(done: TransformCallback): void {
    if (this.carry) this.push(this.carry);
    done();
  }
}

async function* utf8AlignedIterable(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer | null = null;
  for await (const chunk of source) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    const cut = utf8Cut(buf);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    if (cut > 0) yield buf.subarray(0, cut);
  }
  if (carry) yield carry;
}

// exceljs internals touched here (4.4): WorkbookReader#_parseRels, #_parseWorkbook,
// #_parseStyles, #_parseSharedStrings (each given one zip entry as a stream), #styles (a
// StylesXform whose getStyleModel(id) resolves the numFmt), #properties.model.date1904;
// WorksheetReader#iterator, #name, #id. The tests below break if an upgrade moves them.
type ExcelInternals = {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  styles: StylesLike;
  properties?: { model?: { date1904?: boolean } };
};
type StylesLike = { model?: { styles?: { numFmtId?: number }[] }; getStyleModel(id: number): { numFmt?: string } | null };
type SheetReader = AsyncIterable<ExcelJS.Row> & { name: string; id: number | string; iterator: AsyncIterable<Buffer> };

function patchStyles(styles: StylesLike): void {
  const original = styles.getStyleModel.bind(styles);
  styles.getStyleModel = (id: number) => {
    const model = original(id);
    if (model && !model.numFmt) {
      const fmt = styles.model?.styles?.[id]?.numFmtId;
      if (fmt !== undefined && CJK_DATE_FORMATS.has(Number(fmt))) model.numFmt = 'yyyy-mm-dd';
    }
    return model;
  };
}

/**
 * Loads the workbook's parts (relationships, workbook, styles, shared strings) into the reader
 * from our own copy of the zip before exceljs streams it, and makes its own handling of those
 * entries a no-op. exceljs otherwise depends on the order of the zip's entries: a sheet stored
 * before sharedStrings.xml is spooled to a temp file and read later, and when sharedStrings.xml
 * is the zip's last entry it is lost, every text cell coming out as {sharedString: n} (found
 * with a hand-made workbook; Excel puts docProps after it). Loaded up front, the sheet is read
 * in one pass straight from the zip, whatever the order.
 */
async function preload(reader: ExcelJS.stream.xlsx.WorkbookReader, file: string, entries: Map<string, ZipEntry>): Promise<void> {
  const r = reader as unknown as ExcelInternals;
  const proto = Object.getPrototypeOf(reader) as ExcelInternals;
  let styles = r.styles;
  patchStyles(styles);
  Object.defineProperty(r, 'styles', {
    configurable: true,
    enumerable: true,
    get: () => styles,
    set: (v: StylesLike) => {
      styles = v;
      patchStyles(v);
    },
  });
  const part = async (name: string) => {
    const e = entries.get(name);
    return e ? await entryStream(file, e) : null;
  };
  const rels = await part('xl/_rels/workbook.xml.rels');
  if (rels) await proto._parseRels.call(r, rels);
  const workbook = await part('xl/workbook.xml');
  if (workbook) await proto._parseWorkbook.call(r, workbook);
  const stylesPart = await part('xl/styles.xml');
  if (stylesPart) await proto._parseStyles.call(r, stylesPart);
  const strings = await part('xl/sharedStrings.xml');
  if (strings) {
    // exceljs decodes each chunk on its own: cut them on character boundaries first.
    const aligned = strings.pipe(new Utf8Aligned());
    strings.on('error', (e) => aligned.destroy(e));
    for await (const _ of proto._parseSharedStrings.call(r, aligned as unknown as Readable));
  }
  // Without a shared-strings part (a workbook of numbers and inline strings) exceljs leaves the
  // sheet's shared-string cells as {sharedString: n}, which valueText reports as damage.
  r._parseRels = async () => {};
  r._parseWorkbook = async () => {};
  r._parseStyles = async () => {};
  r._parseSharedStrings = async function* () {};
}

// ---------------------------------------------------------------- cells

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const DAY_MS = 86_400_000;

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function formatDate(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return '';
  const ms = Math.round(t / 1000) * 1000;
  const x = new Date(ms);
  const time = `${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}:${pad(x.getUTCSeconds())}`;
  if (ms < Date.UTC(1899, 11, 31)) return time; // serial < 1: a time of day without a date
  const date = `${pad(x.getUTCFullYear(), 4)}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`;
  return ms % DAY_MS === 0 ? date : `${date} ${time}`;
}

/** A number as Excel's formula bar shows it: 15 significant digits, never in exponent form. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return n === 0 ? '0' : String(n); // exact already
  if (!Number.isFinite(n)) return '';
  const r = Number(n.toPrecision(15));
  if (Object.is(r, -0)) return '0';
  const s = String(r);
  return s.includes('e') ? expandExponent(s) : s;
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', e] = m;
  const digits = int + frac;
  const point = 1 + Number(e); // position of the decimal point within `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function unescapeOoxml(s: string): string {
  return s.indexOf('_x') === -1 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16)));
}

function valueText(v: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return unescapeOoxml(v);
    case 'number':
      return formatNumber(v);
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    case 'object':
      break;
    default:
      return String(v);
  }
  if (v instanceof Date) return formatDate(v);
  const o = v as { [k: string]: unknown };
  if (Array.isArray(o.richText)) return unescapeOoxml((o.richText as { text?: string }[]).map((t) => t.text ?? '').join(''));
  if ('error' in o) return '';
  if ('formula' in o || 'sharedFormula' in o || 'result' in o) {
    const res = o.result;
    if (typeof res === 'number' && isDateFormat(numFmt)) return formatDate(excelDate(res, date1904));
    return valueText(res, undefined, date1904);
  }
  if ('text' in o) return valueText(o.text, undefined, date1904);
  if ('sharedString' in o) throw new ReadError('表格文件已损坏：找不到单元格引用的共享字符串。请在 Excel 或 WPS 中打开并重新保存后上传', null, 'xlsx');
  return '';
}

type RawRow = { r: number; values: string[]; filled: number };

function readRow(row: ExcelJS.Row, date1904: boolean, limits: Limits): RawRow {
  const values: string[] = [];
  let filled = 0;
  row.eachCell((cell, col) => {
    const text = valueText(cell.value, cell.numFmt, date1904);
    if (text === '') return;
    if (col > limits.maxColumns) throw rowError(row.number, `超过 ${limits.maxColumns} 列`, 'limit');
    while (values.length < col - 1) values.push('');
    values[col - 1] = text;
    filled++;
  });
  return { r: row.number, values, filled };
}

// ---------------------------------------------------------------- header

/** The header rows' merged text, per rule 3, then names per rule 4. Exported for tests. */
export function headerNames(rows: RawRow[], merges: Merge[], from: number, to: number): string[] {
  const grid: string[][] = [];
  const across: boolean[][] = []; // text a cell got from a merge starting in a column to its left
  for (let r = from; r <= to; r++) {
    grid.push([...(rows.find((x) => x.r === r)?.values ?? [])]);
    across.push([]);
  }
  for (const m of merges) {
    if (m.r2 < from || m.r1 > to || m.r1 < from) continue;
    const text = grid[m.r1 - from][m.c1 - 1] ?? '';
    for (let r = m.r1; r <= Math.min(m.r2, to); r++) {
      const line = grid[r - from];
      for (let c = m.c1; c <= m.c2; c++) {
        while (line.length < c) line.push('');
        if (line[c - 1]) continue;
        line[c - 1] = text;
        if (c > m.c1) across[r - from][c - 1] = true;
      }
    }
  }
  const width = Math.max(0, ...grid.map((l) => l.length));
  const paths: string[][] = [];
  const names: string[] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    let lowestAcross = false;
    for (let k = 0; k < grid.length; k++) {
      const t = (grid[k][c] ?? '').trim();
      if (!t) continue;
      lowestAcross = across[k][c] === true;
      if (path[path.length - 1] !== t) path.push(t);
    }
    paths.push(path);
    // A column whose lowest text only spills over from a merge to its left (a wide header cell
    // with nothing of its own below it) has no name of its own.
    names.push(lowestAcross ? '' : (path[path.length - 1] ?? ''));
  }
  for (let depth = 2; depth <= MAX_HEADER_ROWS; depth++) {
    const count = new Map<string, number>();
    for (const n of names) if (n) count.set(n, (count.get(n) ?? 0) + 1);
    let changed = false;
    for (let c = 0; c < width; c++) {
      if (!names[c] || (count.get(names[c]) ?? 0) < 2 || paths[c].length < depth) continue;
      names[c] = paths[c].slice(-depth).join('/');
      changed = true;
    }
    if (!changed) break;
  }
  return names;
}

// ---------------------------------------------------------------- open

type XlsxOpened = {
  header: Header;
  sheet: { name: string; others: string[] };
  batches: AsyncIterable<InputRecord[]>;
  /** 0…1: rows read out of the sheet's rows */
  progress(): number;
  close(): Promise<void>;
};

export async function openXlsx(source: AsyncIterable<Buffer>, opts: { tmpDir?: string; limits?: Limits } = {}): Promise<XlsxOpened> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'jutong-xlsx-'));
  const file = join(dir, 'upload.xlsx');
  let input: ReturnType<typeof createReadStream> | null = null;
  try {
    await pipeline(source, createWriteStream(file));
    const plan = await inspectXlsx(file, limits);
    input = createReadStream(file);
    await once(input, 'open');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    try {
      await preload(reader, file, plan.entries);
    } catch {
      throw notXlsx();
    }
    // The open descriptor keeps the data; the name can go now, so an abandoned read leaves no file behind.
    await rm(dir, { recursive: true, force: true });
    return await readSheet(reader, input, plan, limits);
  } catch (e) {
    input?.destroy();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function readSheet(
  reader: ExcelJS.stream.xlsx.WorkbookReader,
  input: ReturnType<typeof createReadStream>,
  plan: SheetPlan,
  limits: Limits,
): Promise<XlsxOpened> {
  const internals = reader as unknown as ExcelInternals;
  let rowsSeen = 0;
  let closed = false;

  async function* sheetRows(): AsyncGenerator<RawRow> {
    try {
      for await (const ws of reader as unknown as AsyncIterable<SheetReader>) {
        const unmatched = ws.name === `Sheet${ws.id}`;
        if (ws.name !== plan.name && !(unmatched && plan.path === `xl/worksheets/sheet${ws.id}.xml`)) continue;
        ws.iterator = utf8AlignedIterable(ws.iterator);
        const date1904 = internals.properties?.model?.date1904 === true;
        for await (const row of ws) {
          rowsSeen++;
          yield readRow(row, date1904, limits);
        }
        return;
      }
    } catch (e) {
      if (e instanceof ReadError) throw e;
      throw Object.assign(new ReadError('表格文件已损坏，无法读取。请在 Excel 或 WPS 中打开并重新保存后上传', null, 'xlsx'), { cause: e });
    } finally {
      closed = true;
      input.destroy();
    }
  }

  const rows = sheetRows();
  const shutdown = async () => {
    closed = true;
    input.destroy();
    await rows.return(undefined);
  };
  const ahead: RawRow[] = [];
  const next = async (): Promise<RawRow | null> => {
    if (ahead.length) return ahead.shift() as RawRow;
    const n = await rows.next();
    return n.done ? null : n.value;
  };
  const nextFilled = async (): Promise<RawRow | null> => {
    for (let r = await next(); r; r = await next()) if (r.filled > 0) return r;
    return null;
  };
  /** The row numbered `r` (null if the sheet has no such row), reading ahead as needed. */
  const headerBuf: RawRow[] = [];
  const rowAt = async (r: number): Promise<RawRow | null> => {
    const have = headerBuf.find((x) => x.r === r);
    if (have) return have;
    while (headerBuf.length === 0 || headerBuf[headerBuf.length - 1].r < r) {
      const x = await next();
      if (!x) return null;
      headerBuf.push(x);
    }
    return headerBuf.find((x) => x.r === r) ?? null;
  };

  const readHeader = async (): Promise<{ header: Header; to: number }> => {
    let first = await nextFilled();
    if (!first) throw new ReadError('文件为空', null, 'empty');
    if (first.filled === 1) {
      const second = await nextFilled();
      if (second && second.filled >= 2) first = second;
      else if (second) ahead.unshift(second);
    }
    headerBuf.push(first);
    const from = first.r;
    let to = from;
    for (let r = from; r <= to && r < from + MAX_HEADER_ROWS; r++) {
      for (const m of plan.merges) {
        if (m.r1 !== r) continue;
        if (m.r2 > to) to = Math.min(m.r2, from + MAX_HEADER_ROWS - 1);
        if (m.c2 > m.c1 && m.r2 + 1 < from + MAX_HEADER_ROWS && m.r2 + 1 > to) {
          const mergedBelow = plan.merges.some((x) => x.r1 === m.r2 + 1 && x.c1 === m.c1 && x.c2 === m.c2);
          const below = await rowAt(m.r2 + 1);
          let texts = 0;
          for (let c = m.c1; c <= m.c2; c++) if (below?.values[c - 1]) texts++;
          if (!mergedBelow && texts >= 2) to = m.r2 + 1;
        }
      }
      await rowAt(r);
    }
    const header = normalizeHeader(headerNames(headerBuf, plan.merges, from, to), from);
    return { header, to };
  };
  let header: Header;
  let to: number;
  try {
    ({ header, to } = await readHeader());
  } catch (e) {
    await shutdown();
    throw e;
  }
  // Rows read ahead past the header are data.
  for (const x of headerBuf) if (x.r > to) ahead.push(x);
  ahead.sort((a, b) => a.r - b.r);

  const width = header.names.length;
  const dataMerges = plan.merges.filter((m) => m.r1 > to);
  const active: Merge[] = [];
  let mi = 0;

  async function* batches(): AsyncGenerator<InputRecord[]> {
    let out: InputRecord[] = [];
    try {
      for (let x = await next(); x; x = await next()) {
        if (x.r <= to) continue;
        const { r, values } = x;
        if (dataMerges.length) {
          while (mi < dataMerges.length && dataMerges[mi].r1 <= r) active.push(dataMerges[mi++]);
          for (let k = active.length - 1; k >= 0; k--) if (active[k].r2 < r) active.splice(k, 1);
          for (const m of active) {
            if (m.r1 === r) m.text = values[m.c1 - 1] ?? '';
            else if (x.filled > 0 && m.text && !values[m.c1 - 1]) {
              while (values.length < m.c1) values.push('');
              values[m.c1 - 1] = m.text;
            }
          }
        }
        if (x.filled === 0) continue;
        while (values.length < width) values.push('');
        out.push({ row: r, values });
        if (out.length >= 512) {
          yield out;
          out = [];
        }
      }
      if (out.length) yield out;
    } finally {
      await shutdown();
    }
  }

  return {
    header,
    sheet: { name: plan.name, others: plan.others },
    batches: { [Symbol.asyncIterator]: () => batches() },
    progress: () => (closed ? 1 : plan.rowCount ? Math.min(1, rowsSeen / plan.rowCount) : 0),
    close: shutdown,
  };
}

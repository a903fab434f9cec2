import { ReadError } from './errors.js';
import { declaredBytes, entryStream, readZipDirectory, type ZipEntry, type ZipSource } from './zip.js';

// Bounds on what an xlsx may inflate to, for every reader of spreadsheets (the ingest's
// streaming reader, the trace of a leaked file, the catalog's import). A 9 MB zip bomb took
// the server to 4.8 GB before these. Checked before any XML is parsed:
// - what the zip's entries declare they inflate to, from its directory alone;
// - while inflating each entry once (zip.ts stops an entry at its declared size, so this
//   pass also proves the declared sizes true): the worksheets' cells, in all and per row.
// exceljs then inflates the same bytes; they are known by then to stay within the bounds.

export type XlsxBounds = {
  /** the entries' uncompressed sizes added up */
  maxBytes: number;
  /** cells (<c> elements, empty ones too) over all worksheets */
  maxCells: number;
};

/** Excel's own width: a row with more cells was not written by a spreadsheet program. */
const MAX_ROW_CELLS = 16_384;

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const mb = (n: number) => `${Math.round(n / 2 ** 20).toLocaleString('en')} MB`;

/** Refuses a zip whose entries declare more than `maxBytes`, before inflating anything. */
export function checkDeclared(entries: Map<string, ZipEntry>, bounds: XlsxBounds): void {
  const declared = declaredBytes(entries);
  if (declared > bounds.maxBytes)
    throw new ReadError(`表格解压后有 ${mb(declared)}，超过 ${mb(bounds.maxBytes)} 的上限：请拆分后上传，或另存为 CSV`, null, 'limit');
}

/**
 * Counts a worksheet's rows and cells from its XML, chunk by chunk, without parsing it; refuses
 * past the bounds. One counter may run over several sheets (the bound is over all of them).
 */
export class CellCounter {
  rows = 0;
  cells = 0;
  private rowCells = 0;
  constructor(private readonly maxCells: number) {}

  /** The tags that start before `end` in `buf` (each must be followed by at least one byte). */
  count(buf: Buffer, end: number): void {
    let row = nextTag(buf, '<row', 0, end);
    let cell = nextTag(buf, '<c', 0, end);
    while (row !== -1 || cell !== -1) {
      if (row !== -1 && (cell === -1 || row < cell)) {
        this.rows++;
        this.rowCells = 0;
        row = nextTag(buf, '<row', row + 4, end);
        continue;
      }
      this.cells++;
      if (++this.rowCells > MAX_ROW_CELLS)
        throw new ReadError(`第${this.rows}行有超过 ${MAX_ROW_CELLS.toLocaleString('en')} 个单元格，超过 Excel 的列数上限`, this.rows, 'limit');
      if (this.cells > this.maxCells)
        throw new ReadError(`表格超过 ${this.maxCells.toLocaleString('en')} 个单元格的上限：请拆分后上传，或另存为 CSV`, null, 'limit');
      cell = nextTag(buf, '<c', cell + 2, end);
    }
  }
}

/** The next `<name` element start before `end` (not a longer name such as <cols>). */
function nextTag(buf: Buffer, open: string, from: number, end: number): number {
  for (let i = buf.indexOf(open, from, 'latin1'); i !== -1 && i < end; i = buf.indexOf(open, i + open.length, 'latin1')) {
    const next = buf[i + open.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) return i;
  }
  return -1;
}

/** A worksheet's chunks handed to `each` cut after their last '<', so no tag is split between two calls. */
export async function eachWholeTags(chunks: AsyncIterable<Buffer>, each: (buf: Buffer, end: number) => void): Promise<void> {
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const cut = buf.lastIndexOf(0x3c);
    if (cut > 0) each(buf, cut);
    // What follows the last '<' waits for the next chunk. A tag's name and attributes fit in a
    // KiB; a long text after it is dropped, so a cell of 1 GB of text is never held whole.
    carry = cut === -1 ? null : buf.length - cut > 4096 ? Buffer.from(buf.subarray(cut, cut + 1024)) : buf.subarray(cut);
  }
}

/**
 * Inflates every entry once, checking each against its declared size and CRC, and counts the
 * worksheets' cells — all before exceljs sees the file. `skip` names an entry the caller
 * inflates and counts itself.
 */
export async function checkInflated(src: ZipSource, entries: Map<string, ZipEntry>, counter: CellCounter, skip?: string): Promise<void> {
  for (const e of entries.values()) {
    if (e.name === skip || e.name.endsWith('/')) continue;
    const data = (await entryStream(src, e)) as AsyncIterable<Buffer>;
    if (WORKSHEET.test(e.name)) await eachWholeTags(data, (buf, end) => counter.count(buf, end));
    else for await (const _ of data);
  }
}

/**
 * For a reader that loads the whole workbook (exceljs's `xlsx.load`): the zip's directory, its
 * declared size and (unless `directoryOnly`, a quick look at an upload) every entry's real one
 * and the cells, checked against `bounds`. Throws a ReadError ('limit') past a bound, a
 * ZipFormatError when the file is not a sound zip.
 */
export async function checkXlsx(src: ZipSource, bounds: XlsxBounds, directoryOnly = false): Promise<void> {
  const entries = await readZipDirectory(src);
  checkDeclared(entries, bounds);
  if (!directoryOnly) await checkInflated(src, entries, new CellCounter(bounds.maxCells));
}

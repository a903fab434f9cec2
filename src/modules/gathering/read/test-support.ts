import { readFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { type InputRecord, type Opened, type OpenOptions, openRecords } from './index.js';

// Helpers for the reader's tests (not used by the product).

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../../test/fixtures/gathering/${name}`, import.meta.url));
}

/** The bytes as a stream cut into pieces of the given sizes, repeated (1 → one byte at a time). */
export async function* pieces(buf: Buffer, sizes: number[] = [buf.length || 1]): AsyncGenerator<Buffer> {
  let at = 0;
  for (let k = 0; at < buf.length; k++) {
    const n = Math.max(1, sizes[k % sizes.length]);
    yield buf.subarray(at, at + n);
    at += n;
  }
}

type ReadResult = { opened: Opened; header: string[]; records: InputRecord[] };

export async function readAll(buf: Buffer, opts: OpenOptions = {}, sizes?: number[]): Promise<ReadResult> {
  const opened = await openRecords(pieces(buf, sizes), opts);
  const records: InputRecord[] = [];
  for await (const r of opened.records) records.push(r);
  return { opened, header: opened.header, records };
}

/** readAll, or the ReadError's message: for comparing outcomes. */
export async function outcome(buf: Buffer, opts: OpenOptions = {}, sizes?: number[]): Promise<{ header: string[]; records: InputRecord[] } | string> {
  try {
    const { header, records } = await readAll(buf, opts, sizes);
    return { header, records };
  } catch (e) {
    if (e instanceof Error && e.name === 'ReadError') return e.message;
    throw e;
  }
}

/**
 * A plain, character-by-character CSV reader over the whole text, written independently of
 * csv.ts with the same rules (RFC 4180 quotes; text after a closing quote appended; \r before a
 * line end dropped; blank and all-empty records skipped but counted) — the oracle for the
 * streaming parser. csv-parse is not installed here; this is the next best thing.
 */
export function referenceCsv(text: string, delimiter = ','): { row: number; values: string[] }[] | string {
  const out: { row: number; values: string[] }[] = [];
  let i = 0;
  let row = 0;
  const n = text.length;
  const endOfField = (k: number) => k >= n || text[k] === delimiter || text[k] === '\n';
  while (i < n) {
    row++;
    const values: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) return `第${row}行：引号未闭合`;
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          field += text[i++];
        }
      }
      let tail = '';
      while (!endOfField(i)) tail += text[i++];
      if (tail.endsWith('\r') && (i >= n || text[i] === '\n')) tail = tail.slice(0, -1);
      field += tail;
      values.push(field);
      if (i >= n) break;
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      i++;
      break;
    }
    if (values.some((v) => v !== '')) out.push({ row, values });
  }
  return out;
}

/** An entry already deflated, with the size and CRC its headers are to declare (true or not). */
export type Packed = { packed: Buffer; size: number; crc: number };

/** A minimal zip (deflated entries) for hand-made xlsx files. */
export function zip(files: Record<string, string | Buffer | Packed>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const { packed, size, crc } = Buffer.isBuffer(data) ? { packed: deflateRawSync(data), size: data.length, crc: crc32(data) >>> 0 } : data;
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A zip bomb's entry: `head`, then `unit` repeated to about `bytes`, then `tail`, deflated to a few
 * MB in milliseconds. One MiB of units is deflated once with a full flush (which empties the
 * window, so the piece refers to nothing before it) and the piece repeated: the copies join into
 * one valid deflate stream. `declared` is the size the zip is to claim (a lie when smaller).
 */
export function bomb(head: string, unit: string, bytes: number, tail: string, declared?: number): Packed {
  const piece = Buffer.from(unit.repeat(Math.ceil(2 ** 20 / unit.length)));
  const full = { finishFlush: constants.Z_FULL_FLUSH };
  const packed = deflateRawSync(piece, full);
  const copies = Math.ceil(bytes / piece.length);
  const parts = [deflateRawSync(Buffer.from(head), full), ...Array.from({ length: copies }, () => packed), deflateRawSync(Buffer.from(tail))];
  const size = head.length + copies * piece.length + tail.length;
  return { packed: Buffer.concat(parts), size: declared ?? size, crc: 0 };
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** A worksheet of `bytes` of `row` repeated (rows without numbers, as some writers leave them). */
export const sheetBomb = (row: string, bytes: number, declared?: number) => bomb(SHEET_HEAD, row, bytes, SHEET_TAIL, declared);

/** An xlsx written by hand: one sheet with the given <sheetData> rows, styles with the given numFmtIds. */
export function handmadeXlsx(opts: {
  sheetData: string;
  numFmtIds?: number[];
  mergeCells?: string[];
  sharedStrings?: string[];
  /** parts to replace or add, such as a bomb */
  parts?: Record<string, Packed>;
}): Buffer {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const xfs = [0, ...(opts.numFmtIds ?? [])].map(
    (id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
  );
  const files: Record<string, string | Packed> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/>${opts.sharedStrings ? `<Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    'xl/styles.xml': `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${ns}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs></styleSheet>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}" xmlns:r="${rel}"><sheetData>${opts.sheetData}</sheetData>${
      opts.mergeCells ? `<mergeCells count="${opts.mergeCells.length}">${opts.mergeCells.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>` : ''
    }</worksheet>`,
  };
  if (opts.sharedStrings)
    files['xl/sharedStrings.xml'] =
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${opts.sharedStrings.length}" uniqueCount="${opts.sharedStrings.length}">${opts.sharedStrings.map((s) => `<si>${s}</si>`).join('')}</sst>`;
  return zip({ ...files, ...opts.parts });
}

import { DEFAULT_LIMITS, type Limits, rowError } from './errors.js';
import { normalizeHeader } from './header.js';

// CSV / TSV over UTF-8 bytes (the transcoder in decode.ts makes every input UTF-8), streaming.
// Fields are handed out as byte ranges, not strings: the ingest checks and copies most cells
// without ever decoding them (parse.ts), and the string readers decode only what they keep.
//
// Fast path: a line with no '"' before its '\n' is a whole record, cut at the delimiters in
// one pass. Slow path: a record with a quote is walked field by field (RFC 4180: "" inside
// quotes is a quote, quoted fields may hold delimiters and line breaks). Bytes that end inside
// a record are kept and the record is read again from its start when more has arrived — after
// the kept bytes have at least doubled, so a long record costs linear time, and the limits stop
// a runaway quote at 4 M characters instead of buffering a 10 GB file.
//
// Leniency, as Excel reads the same bytes: a quote inside an unquoted field is an ordinary
// character (12"寸), and text after a closing quote is appended to the field ("a"b → ab).
// Line ends are \n or \r\n; a file with only \r (old Mac Excel) is detected from its start.
// A record whose fields are all empty (a blank line, or ",,,," that Excel writes for rows it
// thinks are used) is skipped but still counted as a row. Limits count characters (UTF-16
// units, as JavaScript does), whatever the bytes.

const MIN_BATCH = 16 * 1024;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * One record, as ranges of bytes: field i is bufs[i][start[i], end[i]). The object and its
 * arrays are reused for the next record: copy what must outlive the callback.
 */
export type RawRecord = { row: number; count: number; bufs: Buffer[]; start: Int32Array; end: Int32Array };

export type RecordSink = (r: RawRecord) => void;

/** The record's fields as strings. */
export function recordValues(r: RawRecord): string[] {
  const values: string[] = new Array(r.count);
  for (let i = 0; i < r.count; i++) values[i] = r.bufs[i].toString('utf8', r.start[i], r.end[i]);
  return values;
}

/** A copy of a record that may outlive the callback. */
export function copyRecord(r: RawRecord): RawRecord {
  let length = 0;
  for (let i = 0; i < r.count; i++) length += r.end[i] - r.start[i];
  const buf = Buffer.allocUnsafe(length);
  const start = new Int32Array(r.count);
  const end = new Int32Array(r.count);
  let at = 0;
  for (let i = 0; i < r.count; i++) {
    start[i] = at;
    at += r.bufs[i].copy(buf, at, r.start[i], r.end[i]);
    end[i] = at;
  }
  return { row: r.row, count: r.count, bufs: new Array(r.count).fill(buf), start, end };
}

/** Characters (UTF-16 units) in UTF-8 bytes: a four-byte character is two. Never more than the bytes. */
function units(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const x = b[i];
    if ((x & 0xc0) !== 0x80) n += x >= 0xf0 ? 2 : 1;
  }
  return n;
}

export class CsvScanner {
  header: string[] | null = null;
  headerRow: number | null = null;
  unnamed: number[] = [];

  private row = 0;
  private pieces: Uint8Array[] = [];
  private pendingLen = 0;
  private waitFor = MIN_BATCH;
  private crOnly: boolean | null = null;
  private readonly dc: number;
  private readonly rec: RawRecord;

  constructor(
    delimiter: ',' | '\t',
    private readonly limits: Limits = DEFAULT_LIMITS,
  ) {
    this.dc = delimiter.charCodeAt(0);
    const cap = limits.maxColumns + 1;
    this.rec = { row: 0, count: 0, bufs: new Array(cap), start: new Int32Array(cap), end: new Int32Array(cap) };
  }

  push(bytes: Uint8Array, each: RecordSink): void {
    if (bytes.length === 0) return;
    this.pieces.push(bytes);
    this.pendingLen += bytes.length;
    if (this.pendingLen >= this.waitFor) this.run(false, each);
  }

  end(each: RecordSink): void {
    this.run(true, each);
  }

  private run(final: boolean, each: RecordSink): void {
    const p = this.pieces;
    let s = p.length === 1 ? Buffer.from(p[0].buffer, p[0].byteOffset, p[0].byteLength) : Buffer.concat(p, this.pendingLen);
    this.pieces = [];
    this.pendingLen = 0;
    if (this.crOnly === null) {
      // Decided on the first 16 KB; a '\r' at the very end might be half of a '\r\n'.
      const cr = s.indexOf(CR);
      if (s.indexOf(LF) !== -1) this.crOnly = false;
      else if (cr !== -1 && (cr < s.length - 1 || final)) this.crOnly = true;
    }
    if (this.crOnly) {
      s = Buffer.from(s);
      for (let i = s.indexOf(CR); i !== -1; i = s.indexOf(CR, i + 1)) s[i] = LF;
    }

    const n = s.length;
    const { maxRecord, maxField, maxColumns } = this.limits;
    const dc = this.dc;
    const rec = this.rec;
    const { bufs, start, end } = rec;
    const cap = maxColumns + 1;
    let pos = 0;
    while (pos < n) {
      // One pass over the line: cut at the delimiters until the line end, or a quote (slow path).
      let i = pos;
      let a = pos;
      let count = 0;
      let any = false;
      let quoted = false;
      for (; i < n; i++) {
        const c = s[i];
        if (c === LF) break;
        if (c === dc) {
          if (count < cap) {
            bufs[count] = s;
            start[count] = a;
            end[count] = i;
          }
          if (i > a) any = true;
          count++;
          a = i + 1;
        } else if (c === QUOTE) {
          quoted = true;
          break;
        }
      }
      if (quoted) {
        const next = this.slow(s, pos, final, each);
        if (next < 0) break;
        pos = next;
        continue;
      }
      if (i === n && !final) break;
      if (i - pos > maxRecord && units(s, pos, i) > maxRecord)
        throw rowError(this.row + 1, `一行超过 ${mb(maxRecord)} 个字符，可能不是这种格式的文件，或缺少换行`, 'limit');
      let e = i;
      if (e > pos && s[e - 1] === CR) e--;
      const first = pos;
      pos = i + 1;
      const row = ++this.row;
      if (e === first) continue;
      if (count < cap) {
        bufs[count] = s;
        start[count] = a;
        end[count] = e;
      }
      if (e > a) any = true;
      count++;
      if (!any) continue; // only delimiters
      if (count > maxColumns) throw rowError(row, `超过 ${maxColumns} 列`, 'limit');
      if (e - first > maxField) {
        for (let f = 0; f < count; f++)
          if (end[f] - start[f] > maxField && units(s, start[f], end[f]) > maxField) throw rowError(row, `有字段超过 ${mb(maxField)} 个字符`, 'limit');
      }
      rec.row = row;
      rec.count = count;
      this.emit(each);
    }
    const rest = n - pos;
    if (rest > maxRecord && units(s, pos, n) > maxRecord) {
      const quoted = s.indexOf(QUOTE, pos) !== -1;
      throw rowError(this.row + 1, quoted ? '引号未闭合' : `一行超过 ${mb(maxRecord)} 个字符，可能不是这种格式的文件，或缺少换行`, quoted ? 'syntax' : 'limit');
    }
    if (rest > 0) {
      this.pieces.push(s.subarray(pos));
      this.pendingLen = rest;
    }
    this.waitFor = Math.max(2 * rest, MIN_BATCH);
  }

  /** One record that has a quote in it, from `pos`; the position after it, or -1 if the bytes end first. */
  private slow(s: Buffer, pos: number, final: boolean, each: RecordSink): number {
    const n = s.length;
    const dc = this.dc;
    const { maxField, maxColumns, maxRecord } = this.limits;
    const rec = this.rec;
    const row = this.row + 1;
    let count = 0;
    let i = pos;
    let empty = true;
    for (;;) {
      let fb = s;
      let fa: number;
      let fe: number;
      if (i < n && s[i] === QUOTE) {
        // A quoted field: one range when it is plain, pieces joined when it has "" or text after the quote.
        let parts: Buffer[] | null = null;
        let j = i + 1;
        fa = j;
        fe = j;
        for (;;) {
          const close = s.indexOf(QUOTE, j);
          if (close === -1 || (close === n - 1 && !final)) {
            if (!final) return -1;
            throw rowError(row, '引号未闭合');
          }
          if (close + 1 < n && s[close + 1] === QUOTE) {
            parts ??= [];
            parts.push(s.subarray(j, close + 1));
            j = close + 2;
            continue;
          }
          if (parts) parts.push(s.subarray(j, close));
          else fe = close;
          i = close + 1;
          break;
        }
        let k = i;
        while (k < n && s[k] !== dc && s[k] !== LF) k++;
        if (k === n && !final) return -1;
        if (k > i) {
          let e = k;
          if (s[e - 1] === CR && (k === n || s[k] === LF)) e--;
          if (e > i) {
            parts ??= [s.subarray(fa, fe)];
            parts.push(s.subarray(i, e));
          }
        }
        i = k;
        if (parts) {
          fb = Buffer.concat(parts);
          fa = 0;
          fe = fb.length;
        }
      } else {
        let k = i;
        while (k < n && s[k] !== dc && s[k] !== LF) k++;
        if (k === n && !final) return -1;
        let e = k;
        if (e > i && s[e - 1] === CR && (k === n || s[k] === LF)) e--;
        fa = i;
        fe = e;
        i = k;
      }
      if (fe - fa > maxField && units(fb, fa, fe) > maxField) throw rowError(row, `有字段超过 ${mb(maxField)} 个字符`, 'limit');
      if (fe > fa) empty = false;
      if (count >= maxColumns) throw rowError(row, `超过 ${maxColumns} 列`, 'limit');
      rec.bufs[count] = fb;
      rec.start[count] = fa;
      rec.end[count] = fe;
      count++;
      if (i - pos > maxRecord && units(s, pos, i) > maxRecord) throw rowError(row, `一条记录超过 ${mb(maxRecord)} 个字符`, 'limit');
      if (i >= n) break;
      if (s[i] === dc) {
        i++;
        continue;
      }
      i++; // '\n'
      break;
    }
    this.row = row;
    if (!empty) {
      rec.row = row;
      rec.count = count;
      this.emit(each);
    }
    return i;
  }

  private emit(each: RecordSink): void {
    if (this.header === null) {
      const h = normalizeHeader(recordValues(this.rec), this.rec.row);
      this.header = h.names;
      this.unnamed = h.unnamed;
      this.headerRow = this.rec.row;
      return;
    }
    each(this.rec);
  }
}

function mb(chars: number): string {
  return chars >= 1 << 20 ? `${chars / (1 << 20)} M` : String(chars);
}

import { DEFAULT_LIMITS, type Limits, rowError } from './errors.js';
import { normalizeHeader } from './header.js';
import type { InputRecord, RecordParser } from './types.js';

// CSV / TSV over decoded text, streaming.
//
// Fast path: a line with no '"' before its '\n' is a whole record; it is cut out with
// indexOf + split, which is where almost all the time of a plain file goes. Slow path: a record
// with a quote is walked field by field (RFC 4180: "" inside quotes is a quote, quoted fields
// may hold delimiters and line breaks). Text that ends inside a record is kept and the record
// is read again from its start when more has arrived — after the kept text has at least doubled,
// so a long record costs linear time, and the limits stop a runaway quote at 4 M characters
// instead of buffering a 10 GB file.
//
// Leniency, as Excel reads the same bytes: a quote inside an unquoted field is an ordinary
// character (12"寸), and text after a closing quote is appended to the field ("a"b → ab).
// Line ends are \n or \r\n; a file with only \r (old Mac Excel) is detected from its start.
// A record whose fields are all empty (a blank line, or ",,,," that Excel writes for rows it
// thinks are used) is skipped but still counted as a row.

const MIN_BATCH = 16 * 1024;

export class CsvParser implements RecordParser {
  header: string[] | null = null;
  headerRow: number | null = null;
  unnamed: number[] = [];

  private row = 0;
  private pieces: string[] = [];
  private pendingLen = 0;
  private waitFor = MIN_BATCH;
  private crOnly: boolean | null = null;
  private readonly dc: number;

  constructor(
    private readonly delimiter: ',' | '\t',
    private readonly limits: Limits = DEFAULT_LIMITS,
  ) {
    this.dc = delimiter.charCodeAt(0);
  }

  push(text: string, out: InputRecord[]): void {
    if (text.length === 0) return;
    this.pieces.push(text);
    this.pendingLen += text.length;
    if (this.pendingLen >= this.waitFor) this.run(false, out);
  }

  end(out: InputRecord[]): void {
    this.run(true, out);
  }

  private run(final: boolean, out: InputRecord[]): void {
    let s = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces = [];
    this.pendingLen = 0;
    if (this.crOnly === null) {
      // Decided on the first 16 K characters; a '\r' at the very end might be half of a '\r\n'.
      const cr = s.indexOf('\r');
      if (s.indexOf('\n') !== -1) this.crOnly = false;
      else if (cr !== -1 && (cr < s.length - 1 || final)) this.crOnly = true;
    }
    if (this.crOnly) s = s.replaceAll('\r', '\n');

    const n = s.length;
    const { maxRecord, maxField, maxColumns } = this.limits;
    const delimiter = this.delimiter;
    let pos = 0;
    let q = s.indexOf('"'); // next quote at or after pos (-1: none in this text)
    let d = s.indexOf(delimiter); // next delimiter at or after the field being cut (-1: none)
    while (pos < n) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      if (q === -1 || q > nl) {
        if (nl - pos > maxRecord) throw rowError(this.row + 1, `一行超过 ${mb(maxRecord)} 个字符，可能不是这种格式的文件，或缺少换行`, 'limit');
        let end = nl;
        if (end > pos && s.charCodeAt(end - 1) === 13) end--;
        const start = pos;
        pos = nl + 1;
        const row = ++this.row;
        if (end === start) continue;
        // Cut the fields with indexOf + slice straight from the text: faster than slicing the
        // line and splitting it, and `d` is carried along so each delimiter is searched once.
        const values: string[] = [];
        let a = start;
        let any = false;
        for (;;) {
          if (d !== -1 && d < a) d = s.indexOf(delimiter, a);
          const c = d === -1 || d > end ? end : d;
          if (c > a) any = true;
          values.push(s.slice(a, c));
          if (c === end) break;
          a = c + 1;
        }
        if (!any) continue; // only delimiters
        if (values.length > maxColumns) throw rowError(row, `超过 ${maxColumns} 列`, 'limit');
        if (end - start > maxField) for (const v of values) if (v.length > maxField) throw rowError(row, `有字段超过 ${mb(maxField)} 个字符`, 'limit');
        this.emit(row, values, out);
      } else {
        const next = this.slow(s, pos, final, out);
        if (next < 0) break;
        pos = next;
        q = s.indexOf('"', pos);
      }
    }
    const rest = pos < n ? s.slice(pos) : '';
    if (rest.length > maxRecord) {
      const quoted = rest.indexOf('"') !== -1;
      throw rowError(this.row + 1, quoted ? '引号未闭合' : `一行超过 ${mb(maxRecord)} 个字符，可能不是这种格式的文件，或缺少换行`, quoted ? 'syntax' : 'limit');
    }
    if (rest.length) {
      this.pieces.push(rest);
      this.pendingLen = rest.length;
    }
    this.waitFor = Math.max(2 * rest.length, MIN_BATCH);
  }

  /** One record that has a quote in it, from `pos`; the position after it, or -1 if the text ends first. */
  private slow(s: string, pos: number, final: boolean, out: InputRecord[]): number {
    const n = s.length;
    const dc = this.dc;
    const { maxField, maxColumns, maxRecord } = this.limits;
    const row = this.row + 1;
    const values: string[] = [];
    let i = pos;
    let empty = true;
    for (;;) {
      let field: string;
      if (i < n && s.charCodeAt(i) === 34) {
        field = '';
        let j = i + 1;
        for (;;) {
          const close = s.indexOf('"', j);
          if (close === -1 || (close === n - 1 && !final)) {
            if (!final) return -1;
            throw rowError(row, '引号未闭合');
          }
          if (close + 1 < n && s.charCodeAt(close + 1) === 34) {
            field += s.slice(j, close + 1);
            j = close + 2;
            continue;
          }
          field += s.slice(j, close);
          i = close + 1;
          break;
        }
        let k = i;
        while (k < n) {
          const c = s.charCodeAt(k);
          if (c === dc || c === 10) break;
          k++;
        }
        if (k === n && !final) return -1;
        if (k > i) {
          let e = k;
          if (s.charCodeAt(e - 1) === 13 && (k === n || s.charCodeAt(k) === 10)) e--;
          if (e > i) field += s.slice(i, e);
        }
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = s.charCodeAt(k);
          if (c === dc || c === 10) break;
          k++;
        }
        if (k === n && !final) return -1;
        let e = k;
        if (e > i && s.charCodeAt(e - 1) === 13 && (k === n || s.charCodeAt(k) === 10)) e--;
        field = s.slice(i, e);
        i = k;
      }
      if (field.length > maxField) throw rowError(row, `有字段超过 ${mb(maxField)} 个字符`, 'limit');
      if (field.length) empty = false;
      values.push(field);
      if (values.length > maxColumns) throw rowError(row, `超过 ${maxColumns} 列`, 'limit');
      if (i - pos > maxRecord) throw rowError(row, `一条记录超过 ${mb(maxRecord)} 个字符`, 'limit');
      if (i >= n) break;
      if (s.charCodeAt(i) === dc) {
        i++;
        continue;
      }
      i++; // '\n'
      break;
    }
    this.row = row;
    if (!empty) this.emit(row, values, out);
    return i;
  }

  private emit(row: number, values: string[], out: InputRecord[]): void {
    if (this.header === null) {
      const h = normalizeHeader(values, row);
      this.header = h.names;
      this.unnamed = h.unnamed;
      this.headerRow = row;
      return;
    }
    out.push({ row, values });
  }
}

function mb(chars: number): string {
  return chars >= 1 << 20 ? `${chars / (1 << 20)} M` : String(chars);
}

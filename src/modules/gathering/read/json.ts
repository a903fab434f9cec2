import { Tokenizer, TokenParser } from '@streamparser/json';
import { DEFAULT_LIMITS, type Limits, ReadError, rowError } from './errors.js';
import { normalizeHeader } from './header.js';
import type { InputRecord, RecordParser } from './types.js';

// JSON arrays of flat objects and JSON Lines, streaming.
//
// The array is cut into its elements by a small scanner (strings skipped with indexOf, braces
// counted) and each element is parsed with JSON.parse: memory holds one element, never the
// file. @streamparser/json parsed the same array at 20 MB/s (74k rows/s) against this design's
// ~10×, so it is kept for the one thing JSON.parse cannot do: an element with a number of 16
// or more digits in a row (an ID number written as a number) is re-parsed with its tokenizer so
// that the digits come out as written instead of rounded to a double.
//
// Values: null → '', string as is, number → String(n) (as written when it has ≥ 16 digits),
// boolean → 'true' / 'false', nested object or array → its JSON text.

const MIN_BATCH = 16 * 1024;

/** A number literal too long for a double, kept as written. */
class RawNumber {
  constructor(readonly text: string) {}
}

class ExactTokenizer extends Tokenizer {
  protected override parseNumber(s: string): number {
    return /\d{16}/.test(s) ? (new RawNumber(s) as unknown as number) : Number(s);
  }
}

/** JSON.parse, but numbers of 16+ digits come back as RawNumber. Throws the tokenizer's error. */
function parseExact(text: string): unknown {
  const tokenizer = new ExactTokenizer();
  const parser = new TokenParser({ paths: ['$'] });
  let value: unknown;
  let error: Error | undefined;
  tokenizer.onToken = parser.write.bind(parser);
  tokenizer.onError = (e) => {
    error ??= e;
  };
  parser.onError = tokenizer.error.bind(tokenizer);
  parser.onValue = ({ value: v }) => {
    value = v;
  };
  tokenizer.onEnd = () => {
    if (!parser.isEnded) parser.end();
  };
  tokenizer.write(text);
  if (!tokenizer.isEnded && !error) tokenizer.end();
  if (error) throw error;
  return value;
}

/** Set when a number too big for a double went through `cell` (JSON.parse rounded it): parse again with `parseExact`. */
let lossy = false;
const SAFE = 2 ** 53;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      if (v >= SAFE || v <= -SAFE) lossy = true;
      return String(v);
    case 'boolean':
      return String(v);
    default:
      return v instanceof RawNumber ? v.text : jsonText(v);
  }
}

/** Deeper than this, a cell's JSON value is refused: no table cell needs it, and the recursion below must stay bounded. */
const MAX_DEPTH = 64;

function jsonText(v: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new ReadError(`JSON 值嵌套超过 ${MAX_DEPTH} 层，无法作为单元格内容`, null, 'limit');
  if (v instanceof RawNumber) return v.text;
  if (typeof v === 'number' && (v >= SAFE || v <= -SAFE)) lossy = true;
  if (Array.isArray(v)) return `[${v.map((x) => jsonText(x, depth + 1)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x, depth + 1)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawNumber);
}

export type ExtraKey = { count: number; firstRow: number };
const MAX_EXTRA_KEYS = 1000;

/** Objects → records: the first object's keys are the header, later objects are read by key. */
class ObjectMapper {
  header: string[] | null = null;
  headerRow: number | null = null;
  unnamed: number[] = [];
  readonly extraKeys = new Map<string, ExtraKey>();
  private keys: string[] = [];
  private keySet = new Set<string>();

  constructor(private readonly where: (row: number) => string) {}

  /**
   * The record for one object. JSON.parse rounds numbers beyond 2^53; `reparse` gives the
   * same object parsed exactly, and is called only when such a number turned up.
   */
  map(obj: unknown, row: number, out: InputRecord[], reparse?: () => unknown): void {
    if (!isObject(obj)) throw new ReadError(`${this.where(row)}不是对象：每条记录应是 {"列名": 值, …}`, row, 'syntax');
    if (this.header === null) {
      this.keys = Object.keys(obj);
      if (this.keys.length === 0) throw new ReadError(`${this.where(row)}是空对象 {}，无法确定有哪些列`, row, 'header');
      const h = normalizeHeader(this.keys, null);
      this.header = h.names;
      this.unnamed = h.unnamed;
      this.headerRow = row;
      this.keySet = new Set(this.keys);
    }
    const keys = this.keys;
    const values: string[] = new Array(keys.length);
    let found = 0;
    lossy = false;
    for (let i = 0; i < keys.length; i++) {
      const v = obj[keys[i]];
      if (v === undefined) values[i] = '';
      else {
        found++;
        values[i] = cell(v);
      }
    }
    if (lossy && reparse) {
      this.map(reparse(), row, out);
      return;
    }
    const rec: InputRecord = { row, values };
    let size = 0;
    for (const _ in obj) size++;
    if (found !== keys.length || size !== keys.length) {
      const extra = Object.keys(obj).filter((k) => !this.keySet.has(k));
      if (extra.length) {
        rec.extra = extra;
        for (const k of extra) {
          const e = this.extraKeys.get(k);
          if (e) e.count++;
          else if (this.extraKeys.size < MAX_EXTRA_KEYS) this.extraKeys.set(k, { count: 1, firstRow: row });
        }
      }
    }
    out.push(rec);
  }
}

enum At {
  Start, // before '['
  First, // after '[': an element or ']'
  Element, // after ',': an element (or ']' — a trailing comma is forgiven)
  After, // after an element: ',' or ']'
  Done, // after ']': only whitespace
}

/** A top-level JSON array of objects. Record rows are the element's position from 1. */
export class JsonArrayParser extends ObjectMapper implements RecordParser {
  private pieces: string[] = [];
  private pendingLen = 0;
  private waitFor = MIN_BATCH;
  private at = At.Start;
  private count = 0;
  private line = 1; // line of `linePos` in the current text
  private linePos = 0;

  constructor(private readonly limits: Limits = DEFAULT_LIMITS) {
    super((row) => `第${row}条记录`);
  }

  push(text: string, out: InputRecord[]): void {
    if (text.length === 0) return;
    this.pieces.push(text);
    this.pendingLen += text.length;
    if (this.pendingLen >= this.waitFor) this.run(false, out);
  }

  end(out: InputRecord[]): void {
    this.run(true, out);
    if (this.at === At.Start) return; // nothing but whitespace: an empty file
    if (this.at !== At.Done) throw new ReadError(`文件不完整：JSON 数组没有结束${this.count ? `（读到第${this.count}条记录）` : ''}`, null, 'syntax');
  }

  /** Line number of position `i` of `s`, counting forward from the last position asked about. */
  private lineAt(s: string, i: number): number {
    let p = s.indexOf('\n', this.linePos);
    while (p !== -1 && p < i) {
      this.line++;
      p = s.indexOf('\n', p + 1);
    }
    this.linePos = i;
    return this.line;
  }

  private run(final: boolean, out: InputRecord[]): void {
    const s = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces = [];
    this.pendingLen = 0;
    this.linePos = 0;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const c = s.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        pos++;
        continue;
      }
      switch (this.at) {
        case At.Start:
          if (c === 91) {
            this.at = At.First;
            pos++;
            continue;
          }
          if (c === 123)
            throw new ReadError(
              'JSON 文件的最外层应是数组 [{…}, {…}]，这个文件的最外层是对象 {…}。如果文件每行是一个对象，请选择 JSON Lines 格式（.jsonl）',
              null,
              'format',
            );
          throw new ReadError(`不是有效的 JSON 文件：第${this.lineAt(s, pos)}行开头是“${s.slice(pos, pos + 10)}”，应是 [`, null, 'format');
        case At.Done:
          throw new ReadError(`第${this.lineAt(s, pos)}行：JSON 数组结束后还有多余的内容`, null, 'syntax');
        case At.After:
          if (c === 44) this.at = At.Element;
          else if (c === 93) this.at = At.Done;
          else throw new ReadError(`第${this.count}条记录之后（第${this.lineAt(s, pos)}行）缺少逗号或 ]`, this.count, 'syntax');
          pos++;
          continue;
        default: {
          if (c === 93) {
            this.at = At.Done;
            pos++;
            continue;
          }
          const row = this.count + 1;
          if (c !== 123) throw new ReadError(`第${row}条记录（第${this.lineAt(s, pos)}行）不是对象：每条记录应是 {"列名": 值, …}`, row, 'syntax');
          const end = this.scanObject(s, pos);
          if (end < 0) {
            if (n - pos > this.limits.maxRecord) throw new ReadError(`第${row}条记录超过 ${this.limits.maxRecord / (1 << 20)} M 个字符`, row, 'limit');
            if (final) throw new ReadError(`文件不完整：第${row}条记录没有结束`, row, 'syntax');
            break;
          }
          if (end - pos > this.limits.maxRecord) throw new ReadError(`第${row}条记录超过 ${this.limits.maxRecord / (1 << 20)} M 个字符`, row, 'limit');
          const text = s.slice(pos, end);
          let obj: unknown;
          try {
            obj = this.longNumber ? parseExact(text) : JSON.parse(text);
          } catch (e) {
            const line = this.lineAt(s, pos) + lineOffset(text, e);
            throw new ReadError(`第${row}条记录（第${line}行）：JSON 格式错误`, row, 'syntax');
          }
          this.count = row;
          this.map(obj, row, out);
          this.at = At.After;
          pos = end;
          continue;
        }
      }
      break;
    }
    if (pos < n) {
      this.lineAt(s, pos);
      const rest = s.slice(pos);
      this.pieces.push(rest);
      this.pendingLen = rest.length;
      this.waitFor = Math.max(2 * rest.length, MIN_BATCH);
    } else {
      this.lineAt(s, n);
      this.waitFor = MIN_BATCH;
    }
  }

  private longNumber = false;

  /** The end (exclusive) of the object starting at `i`, or -1 if the text ends first. Notes long bare numbers. */
  private scanObject(s: string, i: number): number {
    const n = s.length;
    let depth = 0;
    let digits = 0;
    this.longNumber = false;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        let j = i + 1;
        for (;;) {
          j = s.indexOf('"', j);
          if (j === -1) return -1;
          let b = j - 1;
          while (s.charCodeAt(b) === 92) b--;
          if ((j - 1 - b) % 2 === 0) break;
          j++;
        }
        i = j + 1;
        digits = 0;
        continue;
      }
      if (c >= 48 && c <= 57) {
        if (++digits >= 16) this.longNumber = true;
      } else {
        digits = 0;
        if (c === 123 || c === 91) depth++;
        else if (c === 125 || c === 93) {
          depth--;
          if (depth === 0) return i + 1;
        }
      }
      i++;
    }
    return -1;
  }
}

/**
 * Lines into `text` before the error. JSON.parse's messages do not always give a position, so
 * the element is run through the tokenizer, whose error names the byte where it stopped.
 */
function lineOffset(text: string, e: unknown): number {
  let at = -1;
  const m = /position (\d+)/.exec(String((e as Error)?.message ?? ''));
  if (m) at = Number(m[1]);
  else {
    try {
      parseExact(text);
    } catch (t) {
      const b = /absolute position "(\d+)"/.exec(String((t as Error)?.message ?? ''));
      if (b) at = Buffer.from(text).subarray(0, Number(b[1])).toString().length;
    }
  }
  if (at < 0) return 0;
  let lines = 0;
  for (let p = text.indexOf('\n'); p !== -1 && p < at; p = text.indexOf('\n', p + 1)) lines++;
  return lines;
}

/** JSON Lines: one object per line, blank lines skipped. Record rows are line numbers. */
export class JsonLinesParser extends ObjectMapper implements RecordParser {
  private pieces: string[] = [];
  private pendingLen = 0;
  private waitFor = MIN_BATCH;
  private line = 0;

  constructor(private readonly limits: Limits = DEFAULT_LIMITS) {
    super((row) => `第${row}行：`);
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
    const s = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces = [];
    this.pendingLen = 0;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) break;
        nl = n;
      }
      const row = ++this.line;
      if (nl - pos > this.limits.maxRecord) throw rowError(row, `一行超过 ${this.limits.maxRecord / (1 << 20)} M 个字符`, 'limit');
      const start = pos;
      pos = nl + 1;
      if (nl === start || (nl === start + 1 && s.charCodeAt(start) === 13)) continue;
      const text = s.slice(start, nl); // JSON.parse allows the whitespace around it, '\r' included
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch {
        const t = text.trim();
        if (t === '') continue;
        throw rowError(row, t.charCodeAt(0) === 123 ? 'JSON 格式错误' : '不是 JSON 对象：JSON Lines 文件每行应是一个 {"列名": 值, …}');
      }
      this.map(obj, row, out, () => parseExact(text));
    }
    const rest = pos < n ? s.slice(pos) : '';
    if (rest.length > this.limits.maxRecord) throw rowError(this.line + 1, `一行超过 ${this.limits.maxRecord / (1 << 20)} M 个字符`, 'limit');
    if (rest.length) {
      this.pieces.push(rest);
      this.pendingLen = rest.length;
    }
    this.waitFor = Math.max(2 * rest.length, MIN_BATCH);
  }
}

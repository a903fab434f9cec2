import { CsvScanner, copyRecord, type RawRecord, type RecordSink, recordValues } from './csv.js';
import { type InputEncoding, StreamDecoder, Utf8Transcoder } from './decode.js';
import { DEFAULT_LIMITS, type Limits, ReadError } from './errors.js';
import { type ExtraKey, JsonArrayParser, JsonLinesParser } from './json.js';
import type { InputFormat, InputRecord, RecordParser } from './types.js';

// The input side of ingest: whatever a department sends (CSV, TSV, XLSX, a JSON array, JSON
// Lines; UTF-8 with or without BOM, GBK, GB18030) → a header and a stream of records of strings,
// with flat memory. Checking values is the caller's job; this only reads, and says in Chinese
// what it could not read.

export type { RawRecord } from './csv.js';
export type { InputEncoding } from './decode.js';
export { DEFAULT_LIMITS, type Limits, ReadError, type ReadErrorReason } from './errors.js';
export type { ExtraKey } from './json.js';
export type { InputFormat, InputRecord } from './types.js';
export { checkXlsx, type XlsxBounds } from './xlsx-bounds.js';
export { ZipFormatError } from './zip.js';

export type OpenOptions = {
  /** the format the user chose; omitted → from the file name and the content */
  format?: InputFormat;
  /** the encoding the user chose (text formats); 'auto' or omitted → detected */
  encoding?: 'auto' | InputEncoding;
  filename?: string;
  /** where an xlsx is spooled while it is read (default: the OS temp dir) */
  tmpDir?: string;
  limits?: Partial<Limits>;
};

export type Opened = {
  format: InputFormat;
  /**
   * null for xlsx. For text it is what the bytes turned out to be; while only ASCII has been
   * read it says 'utf-8', and it can become 'gb18030' when the first Chinese text appears
   * after the header — read it again at the end for the final answer.
   */
  readonly encoding: InputEncoding | null;
  /** column names: trimmed, unique; a blank header cell is named '第N列' */
  header: string[];
  /** 0-based positions of the header cells that were blank (named '第N列' here) */
  unnamedColumns: number[];
  /** how to say `row` to a clerk: 'line' → 第N行, 'element' (json arrays) → 第N条记录 */
  rowKind: 'line' | 'element';
  /** the records after the header; iterate this or `batches`, once */
  records: AsyncIterable<InputRecord>;
  /** the same records in arrays, for callers that want less per-record overhead */
  batches: AsyncIterable<InputRecord[]>;
  /**
   * csv / tsv only (null otherwise): the records as UTF-8 byte ranges, handed to `each` as they
   * are cut (the object is reused: see RawRecord), without making strings; the iteration yields
   * after each piece of input. Instead of `records` / `batches`, once.
   */
  raw: ((each: RecordSink) => AsyncIterable<void>) | null;
  /** input bytes consumed so far, for a progress bar (xlsx: estimated from rows read, see xlsx.ts) */
  bytesRead(): number;
  /** json / jsonl: keys found in objects but not in the header (the first object's keys), so far */
  extraKeys(): ReadonlyMap<string, ExtraKey>;
  /** text formats: characters that could not be decoded (each became U+FFFD), so far */
  undecodable(): number;
  /** xlsx: the sheet read (the first visible one) and the names of the sheets not read */
  sheet: { name: string; others: string[] } | null;
  /** stop reading and release the input (and an xlsx's temporary file); also done when iteration ends or breaks */
  close(): Promise<void>;
};

const HEAD_BYTES = 64 * 1024;
const SLICE = 64 * 1024;

/** Pulls the input, counts its bytes, and can look at its start before it is read. */
class ByteSource implements AsyncIterable<Buffer> {
  bytes = 0;
  private readonly it: AsyncIterator<Buffer | Uint8Array | string>;
  private buffered: Buffer[] = [];
  private done = false;

  constructor(input: AsyncIterable<Buffer | Uint8Array>) {
    this.it = input[Symbol.asyncIterator]();
  }

  private async pull(): Promise<Buffer | null> {
    if (this.done) return null;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return null;
    }
    const v = r.value;
    const b = typeof v === 'string' ? Buffer.from(v) : Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    this.bytes += b.length;
    return b;
  }

  async head(min: number): Promise<Buffer> {
    let len = 0;
    for (const b of this.buffered) len += b.length;
    while (len < min) {
      const b = await this.pull();
      if (!b) break;
      this.buffered.push(b);
      len += b.length;
    }
    return Buffer.concat(this.buffered, len);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      while (this.buffered.length) yield this.buffered.shift() as Buffer;
      for (let b = await this.pull(); b; b = await this.pull()) if (b.length) yield b;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.buffered = [];
    if (this.done) return;
    this.done = true;
    await this.it.return?.();
  }
}

type ContentKind = 'zip' | 'cfb' | 'pdf' | 'utf16le' | 'binary' | 'text';

function contentKind(head: Buffer): ContentKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) return 'cfb';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'binary'; // UTF-16BE: nobody's spreadsheet writes it
  const probe = head.subarray(0, 8192);
  if (probe.indexOf(0) !== -1) return 'binary';
  return 'text';
}

function extension(filename: string | undefined): string {
  const m = filename ? /\.([A-Za-z0-9]+)$/.exec(filename) : null;
  return m ? m[1].toLowerCase() : '';
}

/** The first line's delimiter: tab if it has more tabs than commas. */
function delimiterOf(text: string): ',' | '\t' {
  const nl = text.indexOf('\n');
  const line = nl === -1 ? text : text.slice(0, nl);
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? '\t' : ',';
}

/** A first line that is a whole object, followed by another object or by nothing. */
function looksLikeJsonLines(text: string, ext: string): boolean {
  const lines = text.split('\n', 3).map((l) => l.trim());
  if (!(lines[0].startsWith('{') && lines[0].endsWith('}'))) return false;
  const second = text
    .slice(text.indexOf('\n') + 1)
    .trimStart()
    .charAt(0);
  if (text.indexOf('\n') === -1 || second === '') return ext !== 'json';
  return second === '{';
}

/**
 * The format of a file from its name and its first bytes (64 KB is plenty), or null when it is
 * none of ours. The content wins where it is unambiguous — a zip is an xlsx whatever it is
 * called, text is not an xlsx however it is called (clerks rename files) — and the extension
 * decides among text formats, except that a .csv whose first line is tab-separated is TSV.
 */
export function guessFormat(filename: string | undefined, head: Buffer): InputFormat | null {
  const kind = contentKind(head);
  if (kind === 'zip') return 'xlsx';
  if (kind !== 'text' && kind !== 'utf16le') return null;
  const ext = extension(filename);
  // Only ASCII structure is looked at, so latin1 is as good as the real encoding here.
  const raw = kind === 'utf16le' ? head.subarray(2).toString('utf16le') : head.toString('latin1');
  const text = raw.replace(/^\u00ef\u00bb\u00bf/, '').trimStart();
  const first = text.charAt(0);
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'json') return first === '{' && looksLikeJsonLines(text, ext) ? 'jsonl' : 'json';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'csv') return delimiterOf(text) === '\t' ? 'tsv' : 'csv';
  if (first === '[') return 'json';
  if (first === '{') return looksLikeJsonLines(text, ext) ? 'jsonl' : 'json';
  return delimiterOf(text) === '\t' ? 'tsv' : 'csv';
}

const FORMAT_NAMES: Record<InputFormat, string> = { csv: 'CSV', tsv: 'TSV', xlsx: 'XLSX', json: 'JSON', jsonl: 'JSON Lines' };

function unreadable(kind: ContentKind, head: Buffer): ReadError {
  if (kind === 'cfb') {
    const utf16 = head.toString('utf16le') + head.subarray(1).toString('utf16le');
    if (utf16.includes('EncryptedPackage') || utf16.includes('EncryptionInfo'))
      return new ReadError('表格文件设置了打开密码，请在 Excel 或 WPS 中取消密码后重新上传', null, 'xlsx');
    return new ReadError('这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后上传', null, 'xlsx');
  }
  if (kind === 'pdf') return new ReadError('这是 PDF 文件，不是数据表格。请上传 xlsx、CSV 或 JSON 文件', null, 'format');
  return new ReadError('无法识别文件格式：请上传 CSV、TSV、XLSX、JSON 或 JSON Lines（.jsonl）文件', null, 'format');
}

/**
 * Opens a file for reading: detects format and encoding, reads the header, and returns the
 * records as a stream. Throws ReadError for a file that cannot be read at all (empty, not a
 * format we read, broken before the header); later problems (an unclosed quote on row 90,000)
 * are thrown from the iteration.
 */
export async function openRecords(input: AsyncIterable<Buffer | Uint8Array>, opts: OpenOptions = {}): Promise<Opened> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const src = new ByteSource(input);
  try {
    const head = await src.head(HEAD_BYTES);
    if (head.length === 0) throw new ReadError('文件为空', null, 'empty');
    const kind = contentKind(head);
    if (kind === 'cfb' || kind === 'pdf') throw unreadable(kind, head);
    const format = opts.format ?? guessFormat(opts.filename, head);
    if (!format) throw unreadable(kind, head);
    if (format === 'xlsx' && kind !== 'zip')
      throw new ReadError(`选择的格式是 XLSX，但文件内容不是 xlsx 表格${kind === 'text' ? '（看起来是文本文件，请选择 CSV 或 JSON）' : ''}`, null, 'format');
    if (format !== 'xlsx' && kind === 'zip') throw new ReadError(`选择的格式是 ${FORMAT_NAMES[format]}，但文件是 xlsx 表格或其他压缩文件`, null, 'format');
    if (format !== 'xlsx' && kind === 'binary') throw unreadable(kind, head);
    if (format === 'xlsx') return await openSpreadsheet(src, opts, limits);
    const encoding = opts.encoding && opts.encoding !== 'auto' ? opts.encoding : undefined;
    return format === 'csv' || format === 'tsv' ? await openCsv(src, format, encoding, limits) : await openText(src, format, encoding, limits);
  } catch (e) {
    await src.close();
    throw e;
  }
}

async function openText(src: ByteSource, format: 'json' | 'jsonl', encoding: InputEncoding | undefined, limits: Limits): Promise<Opened> {
  const decoder = new StreamDecoder(encoding);
  const parser: RecordParser & { unnamed: number[]; extraKeys?: Map<string, ExtraKey> } =
    format === 'json' ? new JsonArrayParser(limits) : new JsonLinesParser(limits);

  async function* parse(): AsyncGenerator<InputRecord[]> {
    for await (const chunk of src) {
      // Big input chunks are cut: a batch from 1 MB of text is ~7,000 records alive at once,
      // and the garbage collector copying them took half the time (3× slower than 64 KB).
      for (let at = 0; at < chunk.length; at += SLICE) {
        const text = decoder.write(at === 0 && chunk.length <= SLICE ? chunk : chunk.subarray(at, at + SLICE));
        if (text.length === 0) continue;
        const out: InputRecord[] = [];
        parser.push(text, out);
        if (out.length) yield out;
      }
    }
    const out: InputRecord[] = [];
    parser.push(decoder.end(), out);
    parser.end(out);
    if (out.length) yield out;
  }

  const it = parse();
  const early: InputRecord[] = [];
  while (parser.header === null) {
    const r = await it.next();
    if (r.done) break;
    for (const rec of r.value) early.push(rec);
  }
  if (parser.header === null) throw new ReadError('文件为空', null, 'empty');
  const header = parser.header;

  async function* batches(): AsyncGenerator<InputRecord[]> {
    try {
      if (early.length) yield early.splice(0);
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return(undefined);
      await src.close();
    }
  }
  const once = single(batches);
  const empty = new Map<string, ExtraKey>();
  return {
    format,
    get encoding() {
      return decoder.encoding;
    },
    header,
    unnamedColumns: parser.unnamed,
    rowKind: format === 'json' ? 'element' : 'line',
    records: flatten(once),
    batches: once,
    raw: null,
    bytesRead: () => src.bytes,
    extraKeys: () => parser.extraKeys ?? empty,
    undecodable: () => decoder.replaced,
    sheet: null,
    close: async () => {
      await it.return(undefined);
      await src.close();
    },
  };
}

async function openCsv(src: ByteSource, format: 'csv' | 'tsv', encoding: InputEncoding | undefined, limits: Limits): Promise<Opened> {
  const bytes = new Utf8Transcoder(encoding);
  const scanner = new CsvScanner(format === 'csv' ? ',' : '\t', limits);
  // The records cut before the header is known, and after it in the same piece: kept as copies.
  const early: RawRecord[] = [];
  let sink: RecordSink = (r) => early.push(copyRecord(r));

  async function* scan(): AsyncGenerator<void> {
    for await (const chunk of src) {
      // Pieces of 64 KB: a batch of string records from 1 MB of text is ~7,000 records alive
      // at once, and the garbage collector copying them took half the time.
      for (let at = 0; at < chunk.length; at += SLICE) {
        scanner.push(bytes.write(at === 0 && chunk.length <= SLICE ? chunk : chunk.subarray(at, at + SLICE)), (r) => sink(r));
        yield;
      }
    }
    scanner.push(bytes.end(), (r) => sink(r));
    scanner.end((r) => sink(r));
    yield;
  }

  const it = scan();
  while (scanner.header === null) {
    const r = await it.next();
    if (r.done) break;
  }
  if (scanner.header === null) throw new ReadError('文件为空', null, 'empty');

  let started = false;
  const close = async () => {
    await it.return(undefined);
    await src.close();
  };
  async function* raw(each: RecordSink): AsyncGenerator<void> {
    if (started) throw new Error('the records of a file are read once');
    started = true;
    try {
      for (const r of early.splice(0)) each(r);
      sink = each;
      yield;
      for (let r = await it.next(); !r.done; r = await it.next()) yield;
    } finally {
      await close();
    }
  }
  async function* batches(): AsyncGenerator<InputRecord[]> {
    let out: InputRecord[] = [];
    const take = (r: RawRecord) => out.push({ row: r.row, values: recordValues(r) });
    for await (const _ of raw(take)) {
      if (!out.length) continue;
      yield out;
      out = [];
    }
  }
  const once = single(batches);
  const empty = new Map<string, ExtraKey>();
  return {
    format,
    get encoding() {
      return bytes.encoding;
    },
    header: scanner.header,
    unnamedColumns: scanner.unnamed,
    rowKind: 'line',
    records: flatten(once),
    batches: once,
    raw,
    bytesRead: () => src.bytes,
    extraKeys: () => empty,
    undecodable: () => bytes.replaced,
    sheet: null,
    close,
  };
}

async function openSpreadsheet(src: ByteSource, opts: OpenOptions, limits: Limits): Promise<Opened> {
  // exceljs costs ~20 MB per process that loads it: only an xlsx brings it in.
  const { openXlsx } = await import('./xlsx.js');
  const x = await openXlsx(src, { tmpDir: opts.tmpDir, limits });
  const total = src.bytes;
  const once = single(() => x.batches[Symbol.asyncIterator]() as AsyncGenerator<InputRecord[]>);
  const empty = new Map<string, ExtraKey>();
  return {
    format: 'xlsx',
    encoding: null,
    header: x.header.names,
    unnamedColumns: x.header.unnamed,
    rowKind: 'line',
    records: flatten(once),
    batches: once,
    raw: null,
    bytesRead: () => Math.round(total * x.progress()),
    extraKeys: () => empty,
    undecodable: () => 0,
    sheet: x.sheet,
    close: x.close,
  };
}

/** One underlying iteration, whichever of `records` / `batches` asks first. */
function single(make: () => AsyncGenerator<InputRecord[]>): AsyncIterable<InputRecord[]> {
  let it: AsyncGenerator<InputRecord[]> | null = null;
  return {
    [Symbol.asyncIterator]() {
      it ??= make();
      return it;
    },
  };
}

/** Records out of batches, without an async generator's per-item cost (about half of it). */
function flatten(batches: AsyncIterable<InputRecord[]>): AsyncIterable<InputRecord> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<InputRecord> {
      const it = batches[Symbol.asyncIterator]();
      let buf: InputRecord[] = [];
      let i = 0;
      const done: IteratorResult<InputRecord> = { value: undefined, done: true };
      const pull = async (): Promise<IteratorResult<InputRecord>> => {
        for (;;) {
          const r = await it.next();
          if (r.done) return done;
          if (r.value.length) {
            buf = r.value;
            i = 1;
            return { value: buf[0], done: false };
          }
        }
      };
      return {
        next: () => (i < buf.length ? Promise.resolve({ value: buf[i++], done: false }) : pull()),
        return: async () => {
          buf = [];
          await it.return?.(undefined);
          return done;
        },
      };
    },
  };
}

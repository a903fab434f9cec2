import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { csvField } from '../../platform/csv.js';
import { InputError } from '../../platform/errors.js';
import type { DataElement } from '../catalog/schema.js';
import { type CellResult, compileCell, failure, INVALID } from './check.js';
import { ASCII, CopyWriter, copied } from './copy-writer.js';
import { QualityCounter, type QualitySnapshot } from './quality.js';
import { type InputEncoding, type InputFormat, type Opened, openRecords, type RawRecord } from './read/index.js';
import type { Column } from './schema.js';

// The CPU half of an ingest, run in a worker thread (load-worker.ts): read → standardize and
// check every cell → rows in COPY text format (copy-writer.ts), handed out in chunks of UTF-8
// bytes. Failed rows go to the rejects file here. No database in this file.

export type ParseJob = {
  columns: Column[];
  elements: DataElement[];
  mapping: Record<string, string>;
  format?: InputFormat;
  encoding: 'auto' | InputEncoding;
  filename?: string;
  tmpDir: string;
  runSeq: number;
  rejectsPath: string;
};

export type ParseProgress = { bytesRead: number; rowsRead: number; rowsRejected: number; format: string; encoding: string | null };
export type ParseResult = { snapshot: QualitySnapshot; loaded: number; unmapped: string[]; missing: string[]; format: string; encoding: string | null };
type ParseSink = {
  /** Takes one chunk of COPY input; resolves when another may be sent. */
  copy(data: Uint8Array): Promise<void>;
  progress(p: ParseProgress): void;
};

/** A COPY statement's input: about half a megabyte. */
const CHUNK_BYTES = 1 << 19;
const PROGRESS_MS = 500;

export async function parseRows(input: AsyncIterable<Uint8Array>, job: ParseJob, sink: ParseSink): Promise<ParseResult> {
  const opened = await openRecords(input, { format: job.format, encoding: job.encoding, filename: job.filename, tmpDir: job.tmpDir });
  try {
    return await parseOpened(opened, job, sink);
  } finally {
    // An xlsx is read from an unlinked temporary file: this closes it, whatever happened.
    await opened.close();
  }
}

type Latin1 = Buffer & { latin1Slice(a: number, e: number): string };
/** The cell's bytes are its value: copied as they are. */
const SAME = '\u0000same';

export async function parseOpened(opened: Opened, job: ParseJob, sink: ParseSink): Promise<ParseResult> {
  const { columns } = job;
  const header = opened.header;
  const map = mapHeader(header, columns, job.mapping, new Map(job.elements.map((e) => [e.identifier, e])));
  const keysMissing = columns.filter((c, j) => c.key && map.source[j] < 0).map((c) => c.item);
  if (keysMissing.length) throw new InputError(`文件缺少主键列：${keysMissing.join('、')}。请在列映射中指定对应的列`);
  if (map.source.every((i) => i < 0)) throw new InputError(`文件的列与信息项没有一个对应：文件列为 ${header.slice(0, 10).join('、')}，请指定列映射`);

  const rejects = new RejectsFile(job.rejectsPath);
  const q = new QualityCounter(columns.map((c) => c.item));
  const cells = columns.map((c, j) => compileCell(c, map.elements[j]));
  const width = header.length;
  const n = columns.length;
  const source = map.source;
  const tail = new TextEncoder().encode(`\t${job.runSeq}\n`);
  const w = new CopyWriter();
  let loaded = 0;
  let lastProgress = 0;
  const report = () => {
    lastProgress = Date.now();
    sink.progress({ bytesRead: opened.bytesRead(), rowsRead: q.rowsRead, rowsRejected: q.rowsRejected, format: opened.format, encoding: opened.encoding });
  };

  const ragged = (row: number, count: number): boolean => {
    q.rowsRead++;
    if (count === width) return false;
    q.rowsRejected++;
    rejects.add(row, '', '', `列数不符：表头${width}列，本行${count}列`);
    return true;
  };
  // No closure is made per cell: under tsx each one costs a defineProperty (esbuild's keepNames).
  /** A checked value (or null) into the row, with the tab after it. */
  const put = (j: number, out: string | null) => {
    if (out === null) w.nul();
    else {
      const at = w.string(out);
      q.value(j, w.buf, at, w.pos);
    }
    w.tab();
  };
  const bad = (j: number, row: number, raw: string) => {
    q.bad(j);
    rejects.add(row, columns[j].item, raw, failure.reason);
  };
  const endRow = (row: number, ok: boolean) => {
    if (!ok) {
      w.dropRow();
      q.rowsRejected++;
      return;
    }
    loaded++;
    w.endRow(row, tail);
  };

  // Records of strings (JSON, XLSX).
  const onValues = (row: number, values: string[]) => {
    if (ragged(row, values.length)) return;
    w.beginRow();
    let ok = true;
    for (let j = 0; j < n; j++) {
      const at = source[j];
      const out = at < 0 ? null : cells[j].check(values[at]);
      if (out === INVALID) {
        bad(j, row, values[at]);
        ok = false;
      } else put(j, out);
    }
    endRow(row, ok);
  };

  // Records of UTF-8 bytes (CSV, TSV): a standard cell of free text is copied as it is, one of
  // a checked type is made a string only to be checked, and nothing else is ever decoded.
  const onRaw = (r: RawRecord) => {
    const row = r.row;
    if (ragged(row, r.count)) return;
    w.beginRow();
    let ok = true;
    for (let j = 0; j < n; j++) {
      const at = source[j];
      if (at < 0) {
        put(j, null);
        continue;
      }
      const b = r.bufs[at] as Latin1;
      const a = r.start[at];
      const e = r.end[at];
      const cell = cells[j];
      // The bytes are copied as they are checked; they stay when they are the stored value.
      const flags = a === e ? 0 : w.copyStandard(b, a, e);
      let out: CellResult;
      if (a === e)
        out = cell.check(''); // null, or INVALID for a key
      else if (flags === 0) out = cell.check(b.toString('utf8', a, e));
      else if (cell.plain ? copied.chars <= cell.max : cell.accepts?.(b, a, e)) out = SAME;
      else {
        const v = flags & ASCII ? b.latin1Slice(a, e) : b.toString('utf8', a, e);
        out = cell.afterStandard(v);
        if (out === v) out = SAME;
      }
      if (out === SAME) {
        q.value(j, w.buf, copied.from, w.pos);
        w.tab();
        continue;
      }
      if (flags !== 0) w.pos = copied.from; // copied, but the stored value differs
      if (out === INVALID) {
        bad(j, row, b.toString('utf8', a, e));
        ok = false;
      } else put(j, out);
    }
    endRow(row, ok);
  };

  const after = async () => {
    for (const data of w.take(CHUNK_BYTES)) await sink.copy(data);
    if (Date.now() - lastProgress > PROGRESS_MS) report();
    if (rejects.backlogged) await rejects.drain();
  };
  report();
  try {
    if (opened.raw) {
      for await (const _ of opened.raw(onRaw)) await after();
    } else {
      for await (const batch of opened.batches) {
        for (const rec of batch) onValues(rec.row, rec.values);
        await after();
      }
    }
    for (const data of w.take(1)) await sink.copy(data);
    report();
  } finally {
    await rejects.close();
  }
  return { snapshot: q.snapshot(), loaded, unmapped: map.unmapped, missing: map.missing, format: opened.format, encoding: opened.encoding };
}

type HeaderMap = { source: number[]; elements: (DataElement | undefined)[]; unmapped: string[]; missing: string[] };

/**
 * Which file column feeds each item: the user's mapping first, then a header equal to the
 * item's name, then to its data element's name or identifier.
 */
function mapHeader(header: string[], columns: Column[], mapping: Record<string, string>, elements: Map<string, DataElement>): HeaderMap {
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const used = new Set<number>();
  const unknownTargets = Object.values(mapping).filter((item) => !columns.some((c) => c.item === item));
  if (unknownTargets.length) throw new InputError(`列映射指向不存在的信息项：${unknownTargets.join('、')}`);
  const badSources = Object.keys(mapping).filter((h) => !index.has(h.trim()));
  if (badSources.length) throw new InputError(`列映射中的文件列不存在：${badSources.join('、')}`);
  const byTarget = new Map(Object.entries(mapping).map(([h, item]) => [item, index.get(h.trim()) as number]));
  const source = columns.map((c) => {
    const el = c.dataElement ? elements.get(c.dataElement) : undefined;
    const candidates = [byTarget.get(c.item), index.get(c.item), el ? index.get(el.name) : undefined, c.dataElement ? index.get(c.dataElement) : undefined];
    const at = candidates.find((i) => i !== undefined && !used.has(i));
    if (at === undefined) return -1;
    used.add(at);
    return at;
  });
  return {
    source,
    elements: columns.map((c) => (c.dataElement ? elements.get(c.dataElement) : undefined)),
    unmapped: header.filter((_, i) => !used.has(i)),
    missing: columns.filter((_, j) => source[j] < 0).map((c) => c.item),
  };
}

/**
 * The rejects report: a UTF-8 CSV with a BOM (Excel opens it as Chinese), written as rows
 * fail. Opened for appending, so the run can add the rows it finds repeating a key later.
 */
export class RejectsFile {
  private out: WriteStream | null = null;

  constructor(private readonly path: string) {}

  get backlogged(): boolean {
    return this.out?.writableNeedDrain ?? false;
  }

  async drain() {
    if (this.out?.writableNeedDrain) await once(this.out, 'drain');
  }

  add(row: number, column: string, value: string, reason: string) {
    if (!this.out) {
      mkdirSync(dirname(this.path), { recursive: true });
      const fresh = !existsSync(this.path);
      this.out = createWriteStream(this.path, { flags: 'a' });
      if (fresh) this.out.write('\uFEFF行号,信息项,原值,原因\n');
    }
    // An empty column or value is an empty field, not "".
    const v = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    this.out.write(`${row},${csvField(column || null)},${csvField(v || null)},${csvField(reason)}\n`);
  }

  async close() {
    const out = this.out;
    this.out = null;
    if (!out) return;
    out.end();
    await once(out, 'close');
  }
}

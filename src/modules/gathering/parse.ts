import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../../platform/errors.js';
import type { DataElement } from '../catalog/schema.js';
import { compileCell, failure, INVALID } from './check.js';
import { copyValue } from './columns.js';
import { QualityCounter, type QualitySnapshot } from './quality.js';
import { type InputEncoding, type InputFormat, type Opened, openRecords } from './read/index.js';
import type { Column } from './schema.js';

// The CPU half of an ingest, run in a worker thread (load-worker.ts): decode → parse →
// standardize and check every cell → rows in COPY text format, handed out in chunks of
// UTF-8 bytes. Failed rows go to the rejects file here. No database in this file.

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
export type ParseSink = {
  /** Takes one chunk of COPY input; resolves when another may be sent. */
  copy(data: Uint8Array): Promise<void>;
  progress(p: ParseProgress): void;
};

const CHUNK_CHARS = 1 << 19;
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

async function parseOpened(opened: Opened, job: ParseJob, sink: ParseSink): Promise<ParseResult> {
  const { columns } = job;
  const header = opened.header;
  const map = mapHeader(header, columns, job.mapping, new Map(job.elements.map((e) => [e.identifier, e])));
  const keysMissing = columns.filter((c, j) => c.key && map.source[j] < 0).map((c) => c.item);
  if (keysMissing.length) throw new InputError(`文件缺少主键列：${keysMissing.join('、')}。请在列映射中指定对应的列`);
  if (map.source.every((i) => i < 0)) throw new InputError(`文件的列与信息项没有一个对应：文件列为 ${header.slice(0, 10).join('、')}，请指定列映射`);

  const rejects = new RejectsFile(job.rejectsPath);
  const q = new QualityCounter(columns.map((c) => c.item));
  const checks = columns.map((c, j) => compileCell(c, map.elements[j]));
  const width = header.length;
  const n = columns.length;
  const source = map.source;
  const tail = `\t${job.runSeq}\n`;
  // Rows are joined per batch into one flat string and chunks are lists of those: building one
  // long string by += makes a rope V8 keeps flattening, which cost twice the validation itself.
  let parts: string[] = [];
  let partsLength = 0;
  const lines: string[] = [];
  let loaded = 0;
  let lastProgress = 0;
  const report = () => {
    lastProgress = Date.now();
    sink.progress({ bytesRead: opened.bytesRead(), rowsRead: q.rowsRead, rowsRejected: q.rowsRejected, format: opened.format, encoding: opened.encoding });
  };
  const encoder = new TextEncoder();
  const flush = async () => {
    // Its own ArrayBuffer (never Buffer's shared pool), so it can be transferred to the main thread.
    const data = encoder.encode(parts.join(''));
    parts = [];
    partsLength = 0;
    await sink.copy(data);
  };

  report();
  try {
    for await (const batch of opened.batches) {
      for (const rec of batch) {
        q.rowsRead++;
        const values = rec.values;
        if (values.length !== width) {
          q.rowsRejected++;
          rejects.add(rec.row, '', '', `列数不符：表头${width}列，本行${values.length}列`);
          continue;
        }
        const start = lines.length;
        let bad = false;
        for (let j = 0; j < n; j++) {
          const at = source[j];
          let out: string | null | typeof INVALID = null;
          if (at >= 0) {
            out = checks[j](values[at]);
            if (out === INVALID) {
              bad = true;
              q.bad(j);
              rejects.add(rec.row, columns[j].item, values[at], failure.reason);
              continue;
            }
            if (out !== null) q.value(j, out);
          }
          lines.push(copyValue(out), '\t');
        }
        if (bad) {
          lines.length = start;
          q.rowsRejected++;
          continue;
        }
        loaded++;
        lines.push(String(rec.row), tail);
      }
      if (lines.length) {
        const joined = lines.join('');
        lines.length = 0;
        parts.push(joined);
        partsLength += joined.length;
      }
      if (partsLength >= CHUNK_CHARS) await flush();
      if (Date.now() - lastProgress > PROGRESS_MS) report();
      if (rejects.backlogged) await rejects.drain();
    }
    if (parts.length) await flush();
    report();
  } finally {
    await rejects.close();
  }
  return { snapshot: q.snapshot(), loaded, unmapped: map.unmapped, missing: map.missing, format: opened.format, encoding: opened.encoding };
}

export type HeaderMap = { source: number[]; elements: (DataElement | undefined)[]; unmapped: string[]; missing: string[] };

/**
 * Which file column feeds each item: the user's mapping first, then a header equal to the
 * item's name, then to its data element's name or identifier.
 */
export function mapHeader(header: string[], columns: Column[], mapping: Record<string, string>, elements: Map<string, DataElement>): HeaderMap {
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
    this.out.write(`${row},${csv(column)},${csv(value.length > 200 ? `${value.slice(0, 200)}…` : value)},${csv(reason)}\n`);
  }

  async close() {
    const out = this.out;
    this.out = null;
    if (!out) return;
    out.end();
    await once(out, 'close');
  }
}

const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

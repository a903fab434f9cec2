/**
 * Options, the generator for a kind, and CSV output: text chunks of many rows, encoded once
 * per chunk (UTF-8, GBK or GB18030), written with backpressure.
 */
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import { COLUMNS, type GenerateKind, generateKinds } from './columns.js';
import { type Anomaly, type Encoding, type GeneratorSettings, ROW_BYTES_MAX, type RowGenerator } from './common.js';
import { LegalEntityGenerator } from './legal-entity.js';
import { LicenseGenerator } from './license.js';
import { PopulationGenerator } from './population.js';

export const encodings: readonly Encoding[] = ['utf-8', 'gbk', 'gb18030'];

export type GenerateOptions = {
  kind: GenerateKind;
  /** Number of rows. */
  rows: number;
  /** Any text; the same seed gives the same bytes. Default '0'. */
  seed?: string;
  /** Row k of the output is index startIndex + k. Default 0. */
  startIndex?: number;
  /** Share of rows with a fault (must be rejected). Default 0. */
  badFraction?: number;
  /** Share of rows in a valid but non-standard form (15-digit ID, full-width digits). Default badFraction / 2. */
  variantFraction?: number;
  /** Source (department) name; non-key fields of a `drift` share of rows differ per source. Default '' (canonical). */
  source?: string;
  /** Share of rows whose drifting field groups a named source draws differently. Default 0.1. */
  drift?: number;
  /** Default 'utf-8'. 'gbk' writes strict GBK (rare name characters GBK lacks become common substitutes); 'gb18030' keeps them. */
  encoding?: Encoding;
  /** Write the header line. Default true. */
  header?: boolean;
};

export type ResolvedOptions = Required<GenerateOptions>;

function fraction(name: string, v: number): number {
  if (!(Number.isFinite(v) && v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
  return v;
}

/** Fills in defaults and checks ranges (throws RangeError on bad input). */
export function resolveOptions(o: GenerateOptions): ResolvedOptions {
  if (!generateKinds.includes(o.kind)) throw new RangeError(`kind must be one of ${generateKinds.join(', ')}`);
  if (!Number.isSafeInteger(o.rows) || o.rows < 0) throw new RangeError('rows must be a non-negative integer');
  const startIndex = o.startIndex ?? 0;
  if (!Number.isSafeInteger(startIndex) || startIndex < 0) throw new RangeError('startIndex must be a non-negative integer');
  const badFraction = fraction('badFraction', o.badFraction ?? 0);
  const variantFraction = fraction('variantFraction', o.variantFraction ?? badFraction / 2);
  if (badFraction + variantFraction > 1) throw new RangeError('badFraction + variantFraction must not exceed 1');
  const encoding = o.encoding ?? 'utf-8';
  if (!encodings.includes(encoding)) throw new RangeError(`encoding must be one of ${encodings.join(', ')}`);
  const r: ResolvedOptions = {
    kind: o.kind,
    rows: o.rows,
    seed: o.seed ?? '0',
    startIndex,
    badFraction,
    variantFraction,
    source: o.source ?? '',
    drift: fraction('drift', o.drift ?? 0.1),
    encoding,
    header: o.header ?? true,
  };
  const space = keySpaceSize(r.kind);
  if (startIndex + r.rows > space) throw new RangeError(`startIndex + rows must not exceed the ${r.kind} key space (${space})`);
  return r;
}

const cache = new Map<string, RowGenerator>();

/** The generator for these settings (cached: building one costs a few milliseconds). */
export function createGenerator(o: Omit<GenerateOptions, 'rows'>): RowGenerator {
  const r = resolveOptions({ ...o, rows: 0 });
  const settings: GeneratorSettings = {
    kind: r.kind,
    seed: r.seed,
    source: r.source,
    badFraction: r.badFraction,
    variantFraction: r.variantFraction,
    drift: r.drift,
    encoding: r.encoding,
  };
  const id = JSON.stringify(settings);
  let g = cache.get(id);
  if (!g) {
    g =
      r.kind === 'population'
        ? new PopulationGenerator(settings)
        : r.kind === 'legal-entity'
          ? new LegalEntityGenerator(settings)
          : new LicenseGenerator(settings);
    if (cache.size >= 32) cache.delete(cache.keys().next().value!);
    cache.set(id, g);
  }
  return g;
}

const spaces: Partial<Record<GenerateKind, number>> = {};

/** Number of distinct keys of a kind: indexes 0 … size-1 are valid (the same for every seed). */
export function keySpaceSize(kind: GenerateKind): number {
  spaces[kind] ??= createGeneratorUnchecked(kind).keySpace;
  return spaces[kind]!;
}

function createGeneratorUnchecked(kind: GenerateKind): RowGenerator {
  const s: GeneratorSettings = { kind, seed: '0', source: '', badFraction: 0, variantFraction: 0, drift: 0, encoding: 'utf-8' };
  return kind === 'population' ? new PopulationGenerator(s) : kind === 'legal-entity' ? new LegalEntityGenerator(s) : new LicenseGenerator(s);
}

/** The canonical key (公民身份号码 / 统一社会信用代码 / 证照编号) of index i under a seed. */
export function keyAt(kind: GenerateKind, seed: string, index: number): string {
  return createGenerator({ kind, seed }).key(index);
}

/** The index whose canonical key this is under the seed, or null. */
export function indexOfKey(kind: GenerateKind, seed: string, key: string): number | null {
  return createGenerator({ kind, seed }).indexOfKey(key);
}

/** The anomaly (fault or variant) of index i's row under these options, or null. */
export function anomalyAt(o: Omit<GenerateOptions, 'rows'>, index: number): Anomaly | null {
  return createGenerator(o).anomaly(index);
}

/** The fault of index i's row (only faults: rows that must be rejected), or null. */
export function faultAt(o: Omit<GenerateOptions, 'rows'>, index: number): Anomaly | null {
  const a = anomalyAt(o, index);
  return a?.bad ? a : null;
}

/** Index i's row as { column: value }. */
export function rowAt(o: Omit<GenerateOptions, 'rows'>, index: number): Record<string, string> {
  const g = createGenerator(o);
  const values: string[] = new Array(g.columns.length);
  g.fill(index, values);
  return Object.fromEntries(g.columns.map((c, i) => [c, values[i]]));
}

export const DEFAULT_CHUNK_ROWS = 8192;

/** CSV text in chunks of `chunkRows` rows ('\n' line ends, header first). Values never need quoting. */
export function* csvChunks(options: GenerateOptions, chunkRows = DEFAULT_CHUNK_ROWS): Generator<string> {
  const o = resolveOptions(options);
  const g = createGenerator(o);
  const values: string[] = new Array(g.columns.length);
  if (o.header) yield `${g.columns.join(',')}\n`;
  const end = o.startIndex + o.rows;
  for (let i = o.startIndex; i < end; ) {
    const stop = Math.min(end, i + chunkRows);
    let text = '';
    for (; i < stop; i++) {
      g.fill(i, values);
      text += `${values.join(',')}\n`;
    }
    yield text;
  }
}

/** The whole CSV as text (for tests and small outputs). */
export function csvText(options: GenerateOptions): string {
  let s = '';
  for (const chunk of csvChunks(options)) s += chunk;
  return s;
}

export function encodeText(text: string, encoding: Encoding): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding);
}

/** Target size of one encoded chunk. */
const CHUNK_BYTES = 4 << 20;
const utf8 = new TextEncoder();

/**
 * Rows [start, start + rows) as one encoded Buffer without header (what a worker thread
 * produces). Concatenating ranges gives the same bytes as one run: rows are independent and
 * the encodings are stateless between rows.
 */
export function encodeRows(options: Omit<GenerateOptions, 'rows' | 'startIndex' | 'header'>, start: number, rows: number): Buffer {
  const parts: Buffer[] = [];
  let total = 0;
  for (const b of csvBuffers({ ...options, startIndex: start, rows, header: false })) {
    parts.push(b);
    total += b.length;
  }
  // An exact-size Buffer that owns its ArrayBuffer (never the shared pool), so it can be transferred.
  const out = Buffer.allocUnsafeSlow(total);
  let off = 0;
  for (const b of parts) off += b.copy(out, off);
  return out;
}

/**
 * The encoded CSV in chunks of about CHUNK_BYTES. UTF-8 rows are encoded straight into the
 * chunk (no intermediate text); GBK/GB18030 chunks go through iconv-lite. Each yielded Buffer
 * is fresh, so a consumer may hold it until its write completes.
 */
export function* csvBuffers(options: GenerateOptions): Generator<Buffer> {
  const o = resolveOptions(options);
  if (o.encoding !== 'utf-8') {
    for (const chunk of csvChunks(o)) yield encodeText(chunk, o.encoding);
    return;
  }
  const g = createGenerator(o);
  const values: string[] = new Array(g.columns.length);
  let buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let off = 0;
  if (o.header) off += utf8.encodeInto(`${g.columns.join(',')}\n`, buf).written;
  const end = o.startIndex + o.rows;
  for (let i = o.startIndex; i < end; i++) {
    if (off + ROW_BYTES_MAX > buf.length) {
      yield buf.subarray(0, off);
      buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
      off = 0;
    }
    // The fast path writes anomaly-free rows straight as bytes; the rest go through strings.
    const next = g.encodeRow ? g.encodeRow(i, buf, off) : -1;
    if (next >= 0) {
      off = next;
      continue;
    }
    g.fill(i, values);
    const line = values.join(',');
    // A UTF-16 unit never takes more than 3 bytes in UTF-8.
    const room = line.length * 3 + 1;
    if (off + room > buf.length) {
      yield buf.subarray(0, off);
      buf = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, room));
      off = 0;
    }
    off += utf8.encodeInto(line, off === 0 ? buf : buf.subarray(off)).written;
    buf[off++] = 10;
  }
  if (off > 0) yield buf.subarray(0, off);
}

export type WriteResult = { rows: number; bytes: number; seconds: number; threads: number };

export type WorkerOptions = Omit<GenerateOptions, 'rows' | 'startIndex' | 'header'>;
export type RangeRequest = { id: number; start: number; rows: number };
export type RangeReply = { id: number; bytes: ArrayBuffer } | { id: number; error: string };

/** Rows per range handed to a worker thread (about 3 MB of population CSV). */
const RANGE_ROWS = 16_384;
/** Below this many rows, starting worker threads costs more than it saves. */
const MIN_ROWS_FOR_THREADS = 1_000_000;

export type WriteOptions = {
  /** Called after each chunk with the bytes and rows written so far. */
  onProgress?: (bytesDone: number, rowsDone: number) => void;
  /**
   * Worker threads that generate ranges in parallel while this thread writes (0 = generate
   * here). Default: the machine's parallelism (at most 4) for 1 M rows or more, else 0.
   * The bytes are the same either way.
   */
  threads?: number;
};

/**
 * Writes the CSV to a stream in large chunks, waiting for 'drain' whenever write() returns
 * false. Does not end the stream (the caller owns it: stdout must stay open).
 */
export async function writeCsv(options: GenerateOptions, out: Writable, w: WriteOptions = {}): Promise<WriteResult> {
  const o = resolveOptions(options);
  const threads = w.threads ?? (o.rows >= MIN_ROWS_FOR_THREADS ? Math.min(4, availableParallelism()) : 0);
  if (!Number.isInteger(threads) || threads < 0) throw new RangeError('threads must be a non-negative integer');
  const started = process.hrtime.bigint();
  let bytes = 0;
  let rows = 0;
  let failed: Error | undefined;
  const onError = (e: Error) => {
    failed = e;
  };
  const put = async (buf: Buffer, n: number) => {
    if (failed) throw failed;
    bytes += buf.length;
    rows += n;
    if (!out.write(buf)) await drained(out);
    if (failed) throw failed;
    w.onProgress?.(bytes, rows);
  };
  out.on('error', onError);
  try {
    if (threads === 0) {
      // Rows per chunk vary with row length; count them from the line ends.
      for (const buf of csvBuffers(o)) await put(buf, countLines(buf));
      rows = o.rows;
    } else {
      if (o.header) await put(encodeText(`${COLUMNS[o.kind].join(',')}\n`, o.encoding), 0);
      await writeThreaded(o, threads, put);
    }
  } finally {
    out.off('error', onError);
  }
  return { rows: o.rows, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9, threads };
}

function countLines(buf: Buffer): number {
  let n = 0;
  let i = buf.indexOf(10);
  while (i >= 0) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}

async function writeThreaded(o: ResolvedOptions, threads: number, put: (buf: Buffer, rows: number) => Promise<void>): Promise<void> {
  const { rows: _r, startIndex: _s, header: _h, ...options } = o;
  const workerOptions: WorkerOptions = options;
  const ranges = Math.ceil(o.rows / RANGE_ROWS);
  const workers = Array.from(
    { length: Math.min(threads, ranges) },
    () => new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { options: workerOptions } }),
  );
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  const results = new Map<number, Promise<Buffer>>();
  const failAll = (e: Error) => {
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  for (const worker of workers) {
    worker.on('message', (m: RangeReply) => {
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if ('error' in m) p?.reject(new Error(`generator worker failed: ${m.error}`));
      else p?.resolve(Buffer.from(m.bytes));
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (waiting.size > 0) failAll(new Error(`generator worker exited (code ${code})`));
    });
  }
  const request = (id: number) => {
    const start = o.startIndex + id * RANGE_ROWS;
    const n = Math.min(RANGE_ROWS, o.startIndex + o.rows - start);
    const result = new Promise<Buffer>((resolve, reject) => waiting.set(id, { resolve, reject }));
    result.catch(() => {}); // observed when awaited; avoids an unhandled rejection meanwhile
    results.set(id, result);
    workers[id % workers.length].postMessage({ id, start, rows: n } satisfies RangeRequest);
  };
  // Two ranges in flight per worker: one being generated, one waiting to be written.
  const inFlight = workers.length * 2;
  try {
    for (let id = 0; id < Math.min(inFlight, ranges); id++) request(id);
    for (let id = 0; id < ranges; id++) {
      const buf = await results.get(id)!;
      results.delete(id);
      if (id + inFlight < ranges) request(id + inFlight);
      await put(buf, Math.min(RANGE_ROWS, o.rows - id * RANGE_ROWS));
    }
  } finally {
    await Promise.all(workers.map((wk) => wk.terminate()));
  }
}

/** Resolves on 'drain'; rejects on 'error' or on 'close' before draining. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onFail);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('output closed before the CSV was written'));
    const onFail = (e: Error) => done(e);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onFail);
  });
}

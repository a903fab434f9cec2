import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ActionRunner } from '../../platform/actions/runner.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db, Queryable, Session } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/values.js';
import { DomainError, InputError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/storage/storage.js';
import { dataElementsOf } from '../catalog/index.js';
import type { DataElement } from '../catalog/schema.js';
import { compileCell, failure, INVALID } from './check.js';
import { copySql, copyValue, createTableSql, keyColumns, quoteTable } from './columns.js';
import { QualityCounter } from './quality.js';
import { openRecords, ReadError } from './read/index.js';
import type { Column, Quality, Run, RunStart } from './schema.js';
import { endRun, finishRun, startRun } from './service.js';
import { runs } from './store.js';

// One ingest run, end to end: start (action) → stream the file through the checkers into
// a staging table with COPY, committing as it goes → de-duplicate keys → publish (one
// action, one transaction) or end. Nothing the readers see changes until that last
// transaction, so a run killed at any moment leaves the previous version as it was; the
// next run finds the dead one (its advisory lock is gone), drops its staging table and
// starts clean.

export type IngestDeps = { db: Db; actions: ActionRunner; files: FileStore; tmpDir: string };
export type IngestRequest = Omit<RunStart, 'mapping'> & {
  mountId: string;
  mapping: Record<string, string>;
  bytesTotal: number | null;
  body: AsyncIterable<Buffer | Uint8Array>;
};

/** Runs of this process that are loading now: on PGlite (one session) the advisory lock cannot tell. */
const live = new Set<string>();
const LOCK_CLASS = 7357200;
const CHUNK_CHARS = 4 << 20;
const PROGRESS_MS = 500;

class Cancelled extends Error {}

/** Runs still marked running whose process is gone. On PostgreSQL a live run holds an advisory lock on its session. */
export async function staleRuns(db: Db, mountId?: string): Promise<{ id: string; stagingTable: string }[]> {
  const running = await runs.running(db, mountId);
  const stale: { id: string; stagingTable: string }[] = [];
  for (const r of running) {
    if (live.has(r.id)) continue;
    if (db.kind === 'postgres') {
      const alive = await db.transaction(async (tx) => {
        const [{ got }] = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1, (SELECT seq FROM ingest_runs WHERE id = $2)::int) AS got', [
          LOCK_CLASS,
          r.id,
        ]);
        return !got;
      });
      if (alive) continue;
    }
    stale.push(r);
  }
  return stale;
}

export async function dropStaging(db: Queryable, tables: string[]) {
  for (const t of tables) if (t) await db.query(`DROP TABLE IF EXISTS ${quoteTable(t)}`);
}

/** Marks dead runs failed and drops their staging tables (at start-up, and before each run). */
export async function reapStaleRuns(deps: IngestDeps): Promise<number> {
  const stale = await staleRuns(deps.db);
  for (const r of stale) {
    await deps.db.query(`UPDATE ingest_runs SET status = 'failed', error = '导入进程中断', finished_at = now() WHERE id = $1 AND status = 'running'`, [r.id]);
  }
  await dropStaging(
    deps.db,
    stale.map((r) => r.stagingTable),
  );
  return stale.length;
}

export async function ingest(deps: IngestDeps, principal: Principal, req: IngestRequest): Promise<Run> {
  const { db, actions } = deps;
  const stale = await staleRuns(db, req.mountId);
  const started = await actions.run(startRun, principal, {
    id: req.mountId,
    mode: req.mode,
    format: req.format ?? null,
    encoding: req.encoding === 'auto' ? null : req.encoding,
    filename: req.filename ?? null,
    bytesTotal: req.bytesTotal,
    stale: stale.map((s) => s.id),
  });
  await dropStaging(
    db,
    stale.map((s) => s.stagingTable),
  );
  const { run, mount } = started;
  live.add(run.id);
  const columns = mount.table?.columns ?? [];
  const rejects = new RejectsFile(join(deps.tmpDir, `rejects-${run.id}.csv`));
  let counts = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 };
  let quality: Quality | null = null;
  try {
    const loaded = await db.session(async (s) => {
      await s.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, run.seq]);
      try {
        return await load(s, { id: run.id, seq: run.seq }, run.stagingTable, columns, req, rejects, deps.tmpDir);
      } finally {
        await s.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, run.seq]).catch(() => {});
      }
    });
    quality = loaded.quality;
    counts = { rowsRead: quality.rowsRead, rowsLoaded: quality.rowsLoaded, rowsRejected: quality.rowsRejected };
    const rejectsKey = await rejects.store(deps.files);
    if (counts.rowsRead === 0) throw new InputError('文件没有数据行（只有表头），未生成新版本');
    const threshold = mount.table?.rejectThreshold ?? 0;
    // A key repeated in the file is superseded by its later row, not wrong: only invalid rows count against the threshold.
    const invalid = (counts.rowsRejected - quality.duplicateKeys) / counts.rowsRead;
    if (invalid > threshold) {
      await dropStaging(db, [run.stagingTable]);
      const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
      return await actions.run(endRun, principal, {
        runId: run.id,
        status: 'rejected',
        error: `不合格记录占 ${pct(invalid)}，超过该资源允许的 ${pct(threshold)}，未发布新版本；请下载不合格记录修正后重新导入`,
        quality,
        rejectsKey,
        ...counts,
      });
    }
    const done = await actions.run(finishRun, principal, { runId: run.id, quality, rejectsKey, ...counts });
    await dropOldVersions(db, mount.seq, [done.table, done.previous]);
    if (done.table !== run.stagingTable) await dropStaging(db, [run.stagingTable]);
    return done.run;
  } catch (e: unknown) {
    const status = e instanceof Cancelled ? 'cancelled' : 'failed';
    const error = e instanceof Cancelled ? '已按要求取消，之前的版本保持不变' : messageOf(e);
    await dropStaging(db, [run.stagingTable]).catch(() => {});
    const rejectsKey = await rejects.store(deps.files).catch(() => null);
    const ended = await actions.run(endRun, principal, { runId: run.id, status, error, quality, rejectsKey, ...counts });
    if (e instanceof Cancelled || e instanceof DomainError || e instanceof ReadError) return ended;
    throw e;
  } finally {
    live.delete(run.id);
    rejects.discard();
  }
}

function messageOf(e: unknown): string {
  if (e instanceof ReadError) return e.message;
  if (e instanceof DomainError) return e.message;
  return `导入失败：${(e as Error).message}`;
}

/** Keeps the new table and the one readers may still be on; older versions go. */
async function dropOldVersions(db: Db, mountSeq: number, keep: (string | null)[]) {
  const rows = await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE tablename LIKE $1`, [`mount\\_data\\_${mountSeq}\\_v%`]);
  await dropStaging(
    db,
    rows.map((r) => r.t).filter((t) => !keep.includes(t)),
  );
}

type Loaded = { quality: Quality };

async function load(
  s: Session,
  run: { id: string; seq: number },
  staging: string,
  columns: Column[],
  req: IngestRequest,
  rejects: RejectsFile,
  tmpDir: string,
): Promise<Loaded> {
  await s.query(`DROP TABLE IF EXISTS ${quoteTable(staging)}`);
  await s.query(createTableSql(staging, columns));
  const opened = await openRecords(req.body, { format: req.format, encoding: req.encoding, filename: req.filename, tmpDir });
  const { header } = opened;

  const map = mapHeader(header, columns, req.mapping, await elementsFor(s, columns));
  const keysMissing = columns.filter((c, j) => c.key && map.source[j] < 0).map((c) => c.item);
  if (keysMissing.length) throw new InputError(`文件缺少主键列：${keysMissing.join('、')}。请在列映射中指定对应的列`);
  if (map.source.every((i) => i < 0)) throw new InputError(`文件的列与信息项没有一个对应：文件列为 ${header.slice(0, 10).join('、')}，请指定列映射`);

  const q = new QualityCounter(columns.map((c) => c.item));
  const checks = columns.map((c, j) => compileCell(c, map.elements[j]));
  const sql = copySql(staging, columns);
  const width = header.length;
  const n = columns.length;
  const source = map.source;
  // Rows are joined per batch into one flat string and a COPY takes a list of them: building
  // one long string by += makes a rope V8 keeps flattening, and that cost twice the validation.
  let parts: string[] = [];
  let partsLength = 0;
  const lines: string[] = [];
  let loaded = 0;
  let lastProgress = Date.now();

  // The key is the primary key from the start, so the index grows while the next chunk is
  // parsed rather than in a sort at the end. A file that repeats a key fails one chunk: the
  // key is dropped, that chunk sent again, and duplicates are resolved after the load.
  const keys = keyColumns(columns);
  let keyed = keys.length > 0;
  if (keyed) await s.query(addKeySql(staging, keys));
  let pending: { done: Promise<void>; data: string[] } | null = null;
  const settle = async () => {
    if (!pending) return;
    const { done, data } = pending;
    pending = null;
    try {
      await done;
    } catch (e) {
      if (!keyed || !isUniqueViolation(e)) throw e;
      keyed = false;
      await s.query(`ALTER TABLE ${quoteTable(staging)} DROP CONSTRAINT ${staging}_pkey`);
      await s.copyIn(sql, data);
    }
  };
  const flush = async () => {
    const data = parts;
    parts = [];
    partsLength = 0;
    await settle();
    // One COPY in flight while the next chunk is built: parsing and the database overlap.
    pending = { done: s.copyIn(sql, data), data };
    pending.done.catch(() => {});
  };
  const progress = async () => {
    lastProgress = Date.now();
    const cancel = await runs.progress(s, run.id, {
      bytesRead: opened.bytesRead(),
      rowsRead: q.rowsRead,
      rowsRejected: q.rowsRejected,
      format: opened.format,
      encoding: opened.encoding,
    });
    if (cancel) throw new Cancelled();
  };

  await progress();
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
      lines.push(`${rec.row}\t${run.seq}\n`);
    }
    if (lines.length) {
      const joined = lines.join('');
      lines.length = 0;
      parts.push(joined);
      partsLength += joined.length;
    }
    if (partsLength >= CHUNK_CHARS) await flush();
    if (Date.now() - lastProgress > PROGRESS_MS) await progress();
    if (rejects.backlogged) await rejects.drain();
  }
  if (parts.length) await flush();
  await settle();
  await progress();

  if (!keyed && keys.length) loaded -= await dedupeKeys(s, staging, columns, q, rejects);
  return { quality: q.report({ rowsLoaded: loaded, unmappedColumns: map.unmapped, missingItems: map.missing }) };
}

const addKeySql = (table: string, keys: string[]) => `ALTER TABLE ${quoteTable(table)} ADD PRIMARY KEY (${keys.join(', ')})`;

/**
 * When the file repeats a key, the last row wins
 * (a later row in a delivery is the newer fact) and the earlier ones go to the rejects.
 */
async function dedupeKeys(s: Session, staging: string, columns: Column[], q: QualityCounter, rejects: RejectsFile): Promise<number> {
  const keys = keyColumns(columns);
  const t = quoteTable(staging);
  const dropped = await s.query<{ row: number; kept: number }>(
    `WITH ranked AS (
       SELECT ctid AS t, _row, first_value(_row) OVER w AS kept, row_number() OVER w AS n FROM ${t}
       WINDOW w AS (PARTITION BY ${keys.join(', ')} ORDER BY _row DESC))
     DELETE FROM ${t} s USING ranked r WHERE s.ctid = r.t AND r.n > 1 RETURNING r._row::float8 AS row, r.kept::float8 AS kept`,
  );
  const keyNames = columns.filter((c) => c.key).map((c) => c.item);
  for (const d of dropped.sort((a, b) => a.row - b.row)) {
    rejects.add(d.row, keyNames.join('+'), '', `主键重复：与第${d.kept}行相同，以第${d.kept}行为准`);
  }
  q.rowsRejected += dropped.length;
  q.duplicateKeys = dropped.length;
  await s.query(addKeySql(staging, keys));
  return dropped.length;
}

async function elementsFor(db: Queryable, columns: Column[]): Promise<Map<string, DataElement>> {
  return dataElementsOf(db, { items: columns.map((c) => ({ name: c.item, dataElement: c.dataElement, type: c.type, length: c.length, description: null })) });
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

/** The rejects report: a UTF-8 CSV with a BOM (Excel opens it as Chinese), written as rows fail. */
class RejectsFile {
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
      mkdirSync(join(this.path, '..'), { recursive: true });
      this.out = createWriteStream(this.path);
      this.out.write('\uFEFF行号,信息项,原值,原因\n');
    }
    this.out.write(`${row},${csv(column)},${csv(value.length > 200 ? `${value.slice(0, 200)}…` : value)},${csv(reason)}\n`);
  }

  async store(files: FileStore): Promise<string | null> {
    if (!this.out) return null;
    const out = this.out;
    this.out = null;
    out.end();
    await once(out, 'close');
    const { key } = await files.put(createReadStream(this.path));
    return key;
  }

  discard() {
    this.out?.destroy();
    rmSync(this.path, { force: true });
  }
}

const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

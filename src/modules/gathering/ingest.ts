import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionRunner } from '../../platform/actions/runner.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { CopyInput, Db, Queryable, Session } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/values.js';
import { Conflict, DomainError, InputError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/storage/storage.js';
import { dataElementsOf } from '../catalog/index.js';
import { LoadWorkers } from './load-pool.js';
import type { FromWorker, ToWorker } from './load-worker.js';
import { type ParseJob, type ParseProgress, type ParseResult, RejectsFile } from './parse.js';
import { qualityReport } from './quality.js';
import type { Column, Quality, Run, RunStart } from './schema.js';
import { endRun, finishRun, startRun, toRun } from './service.js';
import { type RunRow, runs } from './store.js';
import { copySql, createTableSql, keyColumns, quoteTable } from './tables/layout.js';

// One ingest run, end to end: start (action) → stream the file through the checkers into
// a staging table with COPY, committing as it goes → de-duplicate keys → publish (one
// action, one transaction) or end. Nothing the readers see changes until that last
// transaction, so a run killed at any moment leaves the previous version as it was; the
// next run finds the dead one (its advisory lock is gone), drops its staging table and
// starts clean.

export type IngestDeps = {
  db: Db;
  actions: ActionRunner;
  files: FileStore;
  tmpDir: string;
  /** The server's warm parse workers; without them a run starts its own and ends it after. */
  workers?: LoadWorkers;
};
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type IngestRequest = Omit<RunStart, 'mapping'> & {
  mountId: string;
  mapping: Record<string, string>;
  bytesTotal: number | null;
  body: AsyncIterable<Buffer | Uint8Array>;
  /** A batch's key: the same key and request (body, mode, format, …) replay the stored answer; another is refused. */
  idempotencyKey?: string | null;
};

/** A run as the ingest answers it; `replayed` when an earlier run with the same key and body answered. */
type IngestAnswer = Run & { replayed?: true };

/**
 * The hash an idempotency key is held to, before the body is added: what says how to read the
 * bytes is part of the request, so the same file sent as a delete after an upsert is not a retry.
 */
function requestHash(req: IngestRequest): Hash {
  const mapping = Object.entries(req.mapping).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(`${JSON.stringify([req.mode, req.format ?? null, req.encoding ?? 'auto', req.filename ?? null, mapping])}\n`);
}

/** Passes the body through while hashing it: the idempotency check compares whole requests. */
async function* hashing(body: AsyncIterable<Buffer | Uint8Array>, h: Hash): AsyncGenerator<Buffer | Uint8Array> {
  for await (const chunk of body) {
    h.update(chunk);
    yield chunk;
  }
}

async function replay(previous: RunRow, req: IngestRequest): Promise<IngestAnswer> {
  const h = requestHash(req);
  for await (const chunk of req.body) h.update(chunk);
  if (h.digest('hex') !== previous.requestSha256)
    throw new Conflict('该幂等键已用于另一批数据：同一幂等键只能以相同的方式（mode、格式、编码、列映射）重发完全相同的内容', {
      reason: 'idempotency_key_reused',
      runId: previous.id,
      status: previous.status,
    });
  return { ...toRun(previous), replayed: true };
}

/** Runs of this process that are loading now: on PGlite (one session) the advisory lock cannot tell. */
const live = new Set<string>();
const LOCK_CLASS = 7357200;

class Cancelled extends Error {}

/** Runs still marked running whose process is gone. On PostgreSQL a live run holds an advisory lock on its session. */
async function staleRuns(db: Db, mountId?: string): Promise<{ id: string; stagingTable: string }[]> {
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

async function dropStaging(db: Queryable, tables: string[]) {
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

export async function ingest(deps: IngestDeps, principal: Principal, req: IngestRequest): Promise<IngestAnswer> {
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
    idempotencyKey: req.idempotencyKey ?? null,
  });
  if (started.replayOf) return replay(started.run, req);
  const fingerprint = req.idempotencyKey ? requestHash(req) : null;
  if (fingerprint) req = { ...req, body: hashing(req.body, fingerprint) };
  await dropStaging(
    db,
    stale.map((s) => s.stagingTable),
  );
  const { run, mount } = started;
  live.add(run.id);
  const columns = mount.table?.columns ?? [];
  const rejectsPath = join(deps.tmpDir, `rejects-${run.id}.csv`);
  let counts = { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 };
  let quality: Quality | null = null;
  try {
    const loaded = await db.session(async (s) => {
      await s.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, run.seq]);
      try {
        return await load(s, deps, { id: run.id, seq: run.seq }, run.stagingTable, columns, req, rejectsPath);
      } finally {
        await s.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, run.seq]).catch(() => {});
      }
    });
    quality = loaded.quality;
    counts = { rowsRead: quality.rowsRead, rowsLoaded: quality.rowsLoaded, rowsRejected: quality.rowsRejected };
    const rejectsKey = await storeRejects(deps.files, rejectsPath);
    if (counts.rowsRead === 0) throw new InputError('文件没有数据行（只有表头），未生成新版本');
    const requestSha256 = fingerprint?.digest('hex') ?? null;
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
        requestSha256,
        ...counts,
      });
    }
    const done = await actions.run(finishRun, principal, { runId: run.id, quality, rejectsKey, requestSha256, ...counts });
    await dropOldVersions(db, mount.seq, [done.table, done.previous]);
    if (done.table !== run.stagingTable) await dropStaging(db, [run.stagingTable]);
    return done.run;
  } catch (e: unknown) {
    const status = e instanceof Cancelled ? 'cancelled' : 'failed';
    const error = e instanceof Cancelled ? '已按要求取消，之前的版本保持不变' : messageOf(e);
    await dropStaging(db, [run.stagingTable]).catch(() => {});
    const rejectsKey = await storeRejects(deps.files, rejectsPath).catch(() => null);
    const ended = await actions.run(endRun, principal, { runId: run.id, status, error, quality, rejectsKey, ...counts });
    if (e instanceof Cancelled || e instanceof DomainError) return ended;
    throw e;
  } finally {
    live.delete(run.id);
    rmSync(rejectsPath, { force: true });
  }
}

function messageOf(e: unknown): string {
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

async function storeRejects(files: FileStore, path: string): Promise<string | null> {
  if (!existsSync(path)) return null;
  return (await files.put(createReadStream(path))).key;
}

const FEED_BYTES = 1 << 20;
const FEED_WAIT_MS = 20;
const delay = (ms: number) => new Promise<undefined>((r) => setTimeout(r, ms));

/**
 * Loads the file into the staging table. A worker thread parses and checks (parse.ts);
 * this thread feeds it the request's bytes when it asks, COPYs the chunks it returns (one
 * in flight while the worker prepares the next), records progress and watches for a cancel.
 */
async function load(
  s: Session,
  deps: IngestDeps,
  run: { id: string; seq: number },
  staging: string,
  columns: Column[],
  req: IngestRequest,
  rejectsPath: string,
): Promise<{ quality: Quality }> {
  await s.query(`DROP TABLE IF EXISTS ${quoteTable(staging)}`);
  await s.query(createTableSql(staging, columns));

  // Where the key is built: after the load on PostgreSQL (a sort beats ten million random
  // btree inserts: 84 s against 98 s at 10 M rows), during it on PGlite (whose sort of a
  // finished table in WASM took three times the whole load). A file that repeats a key fails
  // one chunk during the load: the key is dropped, that chunk sent again, and duplicates are
  // resolved after the load.
  const keys = keyColumns(columns);
  let keyed = keys.length > 0 && deps.db.kind === 'pglite';
  if (keyed) await s.query(addKeySql(staging, keys));
  let input: CopyInput;
  const copy = async (data: Uint8Array) => {
    try {
      await input.write(data);
    } catch (e) {
      if (!keyed || !isUniqueViolation(e)) throw e;
      keyed = false;
      await s.query(`ALTER TABLE ${quoteTable(staging)} DROP CONSTRAINT ${staging}_pkey`);
      await input.write(data);
    }
  };

  const job: ParseJob = {
    columns,
    elements: [...(await dataElementsOf(s, columns)).values()],
    mapping: req.mapping,
    format: req.format,
    encoding: req.encoding,
    filename: req.filename,
    tmpDir: deps.tmpDir,
    runSeq: run.seq,
    rejectsPath,
  };
  // One COPY for the whole file on PostgreSQL (a statement per piece cost twice the COPY
  // itself). Started last: the session runs nothing else until it ends.
  input = s.copyFrom(copySql(staging, columns));
  const workers = deps.workers ?? new LoadWorkers(0);
  const { worker, job: jobNo } = workers.take();
  const send = (m: DistributiveOmit<ToWorker, 'job'>, transfer?: ArrayBuffer[]) => worker.postMessage({ ...m, job: jobNo }, transfer);
  const body = req.body[Symbol.asyncIterator]();
  let needs = 0;
  let feeding = false;
  let copies = Promise.resolve();
  const seen: { latest: ParseProgress | null } = { latest: null };

  // Reads the next piece of the request only when the worker wants one (the socket waits
  // otherwise), gathered into pieces of about 1 MiB: one message per socket read would make
  // the worker wait on this thread thousands of times a second.
  let ahead: Promise<IteratorResult<Uint8Array>> | null = null;
  const feed = async () => {
    if (feeding) return;
    feeding = true;
    try {
      while (needs > 0) {
        needs--;
        const pieces: Uint8Array[] = [];
        let length = 0;
        let done = false;
        while (length < FEED_BYTES) {
          ahead ??= body.next();
          // A slow sender's bytes go on after a short wait rather than waiting for a full piece.
          const next = length ? await Promise.race([ahead, delay(FEED_WAIT_MS)]) : await ahead;
          if (!next) break;
          ahead = null;
          if (next.done) {
            done = true;
            break;
          }
          pieces.push(next.value);
          length += next.value.length;
        }
        if (length) {
          const own = new Uint8Array(length);
          let at = 0;
          for (const p of pieces) {
            own.set(p, at);
            at += p.length;
          }
          send({ t: 'chunk', data: own }, [own.buffer]);
        }
        if (done) return send({ t: 'end' });
      }
    } finally {
      feeding = false;
    }
  };

  let clean = false;
  let timer: NodeJS.Timeout | undefined;
  const parsed = new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    timer = setInterval(() => {
      const p = seen.latest;
      if (!p) return;
      runs
        .progress(deps.db, run.id, p)
        .then((cancel) => cancel && fail(new Cancelled()))
        .catch(fail);
    }, 500);
    worker.on('message', (m: FromWorker) => {
      if (m.t === 'need') {
        needs++;
        feed().catch(fail);
      } else if (m.t === 'copy') {
        copies = copies.then(() => copy(m.data)).then(() => send({ t: 'credit' }));
        copies.catch(fail);
      } else if (m.t === 'progress') seen.latest = m.p;
      else if (m.t === 'done')
        copies.then(() => {
          // The worker waits for its next job now: it may go back to the pool, if this run still stands.
          clean = !settled;
          settled = true;
          resolve(m.result);
        }, fail);
      else fail(m.input ? new InputError(m.message) : new Error(m.message));
    });
    worker.on('error', (e) =>
      fail((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error('文件中单行或单个单元格过大，超出导入内存上限') : e),
    );
    worker.on('exit', () => fail(new Error('导入工作线程意外退出')));
    send({ t: 'job', parse: job });
  }).finally(() => {
    clearInterval(timer);
    workers.give(worker, clean);
  });
  let result: ParseResult;
  try {
    result = await parsed;
    await input.end();
  } catch (e) {
    await input.abort();
    throw e;
  }
  await body.return?.();
  // A cancel asked for while the last rows were loading still counts: nothing is published yet.
  const cancelled = await runs.progress(deps.db, run.id, {
    ...result,
    bytesRead: seen.latest?.bytesRead ?? 0,
    rowsRead: result.snapshot.rowsRead,
    rowsRejected: result.snapshot.rowsRejected,
  });
  if (cancelled) throw new Cancelled();

  // A file that repeats a key cannot have it: the duplicates are resolved, then it is built.
  let duplicates = 0;
  if (keys.length && !keyed) {
    // Room for the sort in memory, and for PostgreSQL's parallel index build (32 MB a
    // participant): the key of 1 M rows in 0.9 s instead of 1.25 s. Reset before the
    // connection goes back to the pool.
    const roomy = deps.db.kind === 'postgres';
    if (roomy) await s.query(`SET maintenance_work_mem = '256MB'`);
    try {
      await s.query(addKeySql(staging, keys));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      duplicates = await dedupeKeys(s, staging, columns, new RejectsFile(rejectsPath));
    } finally {
      if (roomy) await s.query('RESET maintenance_work_mem');
    }
  }
  return {
    quality: qualityReport(result.snapshot, {
      rowsLoaded: result.loaded - duplicates,
      duplicateKeys: duplicates,
      unmappedColumns: result.unmapped,
      missingItems: result.missing,
    }),
  };
}

const addKeySql = (table: string, keys: string[]) => `ALTER TABLE ${quoteTable(table)} ADD PRIMARY KEY (${keys.join(', ')})`;

/**
 * When the file repeats a key, the last row wins (a later row in a delivery is the newer
 * fact) and the earlier ones go to the rejects; then the key becomes the primary key.
 */
async function dedupeKeys(s: Session, staging: string, columns: Column[], rejects: RejectsFile): Promise<number> {
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
    if (rejects.backlogged) await rejects.drain();
  }
  await rejects.close();
  await s.query(addKeySql(staging, keys));
  return dropped.length;
}

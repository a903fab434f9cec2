import { createHash } from 'node:crypto';
import { canonical, type HashAlg } from '../../platform/audit/chain.js';
import type { ChainedLog } from '../../platform/audit/checkpointer.js';
import { CheckpointCheck, type CheckpointFile } from '../../platform/audit/checkpoints.js';
import { databaseId, logBase, type Position, type Walker } from '../../platform/audit/verify.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { iso, Where } from '../../platform/db/values.js';
import { usageBuckets } from './store.js';

// The delivery log (调用日志): one row per call that serves data, committed before the data
// leaves. Rows from concurrent calls are written together, one transaction per batch (group
// commit), so a busy API pays one commit per batch instead of one per call; quota counters
// are added in the same transaction. The hash chain is not built per row (that would make
// every call queue behind one lock, as the audit log's head does) but sealed afterwards in
// batches: each seal covers the calls numbered after the previous seal's last up to its own
// last, and hashes them in order together with the previous seal's hash.

export type CallEntry = {
  grantId: string;
  resourceId: string;
  consumerDepartmentId: string;
  actorId: string | null;
  actor: string;
  channel: 'api' | 'lookup' | 'file' | 'table' | 'proxy' | 'preview';
  purpose: string;
  query: Record<string, unknown>;
  rows: number;
  ip: string | null;
};

type Pending = { entry: CallEntry; at: Date; done: (e?: Error) => void };

const MAX_BATCH = 500;

/**
 * Counter rows a batch adds to: each process picks one of these lanes, so server instances
 * seldom wait on one another's counter rows; readers sum the lanes.
 */
const LANES = 16;

export class CallLog {
  private queue: Pending[] = [];
  private inFlight: Pending[] | null = null;
  private readonly lane = Math.floor(Math.random() * LANES);

  constructor(private readonly db: Db) {}

  /** Resolves once the entry is committed; rejects when it could not be (then no data may be served). */
  record(entry: CallEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, at: new Date(), done: (e) => (e ? reject(e) : resolve()) });
      this.soon();
    });
  }

  private scheduled = false;
  /** Kicks after this turn of the event loop, so that calls whose data arrived in it join the batch. */
  private soon(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.kick();
    });
  }

  /** Calls of this grant counted here but not yet committed: the quota check adds them. */
  pending(grantId: string): number {
    let n = 0;
    for (const list of [this.queue, this.inFlight ?? []]) for (const p of list) if (p.entry.grantId === grantId) n++;
    return n;
  }

  // One batch commits at a time; the calls that arrive meanwhile make the next. The batch size
  // follows the load by itself: a commit costs the database several times a small insert, so
  // overlapping commits (tried: up to 4 at once) made smaller batches and halved throughput.
  private kick(): void {
    if (this.inFlight || !this.queue.length) return;
    const batch = this.queue.splice(0, MAX_BATCH);
    this.inFlight = batch;
    void writeBatch(this.db, batch, this.lane)
      .then(
        () => {
          for (const p of batch) p.done();
        },
        (e: Error) => {
          for (const p of batch) p.done(e);
        },
      )
      .finally(() => {
        this.inFlight = null;
        this.soon();
      });
  }
}

/**
 * One statement for the whole batch — the call rows and the usage counters — so a batch costs
 * one round trip and commits atomically on its own (a data-modifying WITH always runs whole).
 */
async function writeBatch(db: Queryable, batch: Pending[], lane: number): Promise<void> {
  const col = <T>(f: (p: Pending) => T) => batch.map(f);
  // Counters per grant and bucket, summed here so each row is updated once per batch.
  const sums = new Map<string, { grantId: string; bucket: string; calls: number; rows: number }>();
  for (const p of batch) {
    const b = usageBuckets(p.at);
    for (const [bucket, rows] of [
      [b.day, p.entry.rows],
      [b.minute, 0],
    ] as const) {
      const k = `${p.entry.grantId} ${bucket}`;
      const s = sums.get(k) ?? { grantId: p.entry.grantId, bucket, calls: 0, rows: 0 };
      s.calls++;
      s.rows += rows;
      sums.set(k, s);
    }
  }
  const s = [...sums.values()].sort((a, b) => (a.grantId + a.bucket < b.grantId + b.bucket ? -1 : 1)); // one lock order for all instances
  await db.query(
    `WITH logged AS (
       INSERT INTO share_calls (at, grant_id, resource_id, consumer_department_id, actor_id, actor, channel, purpose, query, rows, ip)
       SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::int[], $11::text[])
       RETURNING 1)
     INSERT INTO share_usage (grant_id, bucket, lane, calls, rows)
     SELECT u.g, u.b, $16::smallint, u.c, u.r FROM unnest($12::uuid[], $13::text[], $14::int[], $15::bigint[]) AS u(g, b, c, r)
     ON CONFLICT (grant_id, bucket, lane) DO UPDATE SET calls = share_usage.calls + excluded.calls, rows = share_usage.rows + excluded.rows`,
    [
      col((p) => p.at.toISOString()),
      col((p) => p.entry.grantId),
      col((p) => p.entry.resourceId),
      col((p) => p.entry.consumerDepartmentId),
      col((p) => p.entry.actorId),
      col((p) => p.entry.actor),
      col((p) => p.entry.channel),
      col((p) => p.entry.purpose),
      col((p) => JSON.stringify(p.entry.query)),
      col((p) => p.entry.rows),
      col((p) => p.entry.ip),
      s.map((x) => x.grantId),
      s.map((x) => x.bucket),
      s.map((x) => x.calls),
      s.map((x) => x.rows),
      lane,
    ],
    { prepare: true },
  );
}

// --- Seals ---------------------------------------------------------------------------------

type CallRow = {
  seq: number;
  at: unknown;
  grantId: string;
  resourceId: string;
  consumerDepartmentId: string;
  actorId: string | null;
  actor: string;
  channel: string;
  purpose: string;
  query: unknown;
  rows: number;
  ip: string | null;
};

const GENESIS = 'genesis';
const callCols = `seq::int8 AS seq, at, grant_id AS "grantId", resource_id AS "resourceId", consumer_department_id AS "consumerDepartmentId",
  actor_id AS "actorId", actor, channel, purpose, query, rows, ip`;

function sealHash(alg: HashAlg, prevHash: string, rows: CallRow[]): string {
  const h = createHash(alg).update(prevHash);
  for (const r of rows)
    h.update('\n').update(
      canonical([r.seq, iso(r.at), r.grantId, r.resourceId, r.consumerDepartmentId, r.actorId, r.actor, r.channel, r.purpose, r.query, r.rows, r.ip]),
    );
  return `${alg}:${h.digest('hex')}`;
}

const SEAL_BATCH = 10_000;

/**
 * The highest call number below which every call is final. Numbers are drawn when a batch's
 * statement runs and become visible when it commits, so a later number can commit before an
 * earlier one: the SHARE lock waits for the batches in flight (new ones wait behind it for
 * the moment it is held), after which no number up to the highest committed can still appear.
 */
async function settledSeq(db: Db): Promise<number | null> {
  return db.transaction(async (tx) => {
    // A vacuum of the table holds a conflicting lock, and the batches would queue behind a waiting
    // sealer: it waits briefly, and else tries at the next tick.
    await tx.query(`SET LOCAL lock_timeout = '200ms'`);
    try {
      await tx.query('LOCK TABLE share_calls IN SHARE MODE');
    } catch (e) {
      if ((e as { code?: string }).code === '55P03') return null;
      throw e;
    }
    const [{ seq }] = await tx.query<{ seq: number }>('SELECT coalesce(max(seq), 0)::int8 AS seq FROM share_calls');
    return seq;
  });
}

/** Seals the calls not yet sealed, up to 10,000 per seal; returns how many it sealed. Any instance may call it. */
export async function sealCalls(db: Db, alg: HashAlg): Promise<number> {
  const settled = await settledSeq(db);
  if (settled === null) return 0;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7357402)');
    // With every seal archived, the chain goes on from where the archive ended (the log's base).
    const [last] = await tx.query<{ hash: string; lastSeq: number }>(
      `SELECT hash, last_seq::int8 AS "lastSeq" FROM share_call_seals
       UNION ALL SELECT hash, last_call::int8 FROM log_bases WHERE log = 'share_calls'
       ORDER BY "lastSeq" DESC LIMIT 1`,
    );
    const rows = await tx.query<CallRow>(`SELECT ${callCols} FROM share_calls WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT ${SEAL_BATCH}`, [
      last?.lastSeq ?? 0,
      settled,
    ]);
    if (!rows.length) return 0;
    const prev = last?.hash ?? GENESIS;
    await tx.query('INSERT INTO share_call_seals (first_seq, last_seq, count, prev_hash, hash) VALUES ($1, $2, $3, $4, $5)', [
      rows[0].seq,
      rows[rows.length - 1].seq,
      rows.length,
      prev,
      sealHash(alg, prev, rows),
    ]);
    return rows.length;
  });
}

export type SealCheck =
  | { ok: true; seals: number; calls: number; checkpoints: number; archivedTo: number }
  | { ok: false; seals: number; badBatch: number; reason: string; checkpoints: number };

/** A seal with the calls in its range (after the previous seal's last, up to its own), as the archive keeps it. */
export type SealEntry = { batch: number; sealedAt: string; firstSeq: number; lastSeq: number; count: number; prevHash: string; hash: string; calls: CallRow[] };

/**
 * Checks seals in order from `from` (a base: the last archived seal and its last call): each
 * follows the one before, holds exactly the calls of its range and their hash, and its checkpoint's.
 */
export function sealWalker(from: Position, cps: CheckpointCheck): Walker<SealEntry> {
  let prev = from.hash;
  let after = from.last ?? 0;
  let batch = from.seq;
  let count = 0;
  return {
    next(s) {
      const fail = (reason: string) => ({ seq: Number(s.batch), reason });
      if (s.prevHash !== prev) return fail('与上一封存批次的哈希不衔接（有批次被删除或改动）');
      const inRange = s.calls.every(
        (c, i) => Number(c.seq) > after && Number(c.seq) <= Number(s.lastSeq) && (i === 0 || Number(c.seq) > Number(s.calls[i - 1].seq)),
      );
      if (s.calls.length !== s.count || !inRange) return fail(`批次应有 ${s.count} 条调用记录，现有 ${s.calls.length} 条`);
      const alg = s.hash.split(':', 1)[0] as HashAlg;
      if (sealHash(alg, prev, s.calls) !== s.hash) return fail('批次内的调用记录被改动');
      if (cps.at(Number(s.batch), s.hash)) return fail('封存批次与检查点记录的哈希不符：调用日志从此批次起被改写');
      prev = s.hash;
      after = Number(s.lastSeq);
      batch = Number(s.batch);
      count++;
      return null;
    },
    get last() {
      return { seq: batch, hash: prev, last: after };
    },
    get count() {
      return count;
    },
  };
}

const sealCols = `batch::int8 AS batch, sealed_at AS "sealedAt", first_seq::int8 AS "firstSeq", last_seq::int8 AS "lastSeq", count, prev_hash AS "prevHash", hash`;

/** The seals after `from` up to batch `to` (all when absent), each with its calls, a page at a time. */
export async function* readSeals(db: Queryable, from: Position, to?: number): AsyncGenerator<SealEntry> {
  let batch = from.seq;
  let after = from.last ?? 0;
  for (;;) {
    const seals = await db.query<Omit<SealEntry, 'calls'>>(
      `SELECT ${sealCols} FROM share_call_seals WHERE batch > $1 AND batch <= $2 ORDER BY batch LIMIT 100`,
      [batch, to ?? Number.MAX_SAFE_INTEGER],
    );
    for (const s of seals) {
      const calls = await db.query<CallRow>(`SELECT ${callCols} FROM share_calls WHERE seq > $1 AND seq <= $2 ORDER BY seq`, [after, s.lastSeq]);
      yield { ...s, batch: Number(s.batch), sealedAt: iso(s.sealedAt) as string, calls: calls.map((c) => ({ ...c, at: iso(c.at) })) };
      batch = Number(s.batch);
      after = Number(s.lastSeq);
    }
    if (seals.length < 100) return;
  }
}

/**
 * Recomputes every seal from the calls in its range: a changed, removed or added row, or a removed
 * seal, is named. Against the checkpoints (no file: an empty one), the seals must reach the last
 * one checkpointed and agree with each; after archiving they start from the base, which a signed
 * checkpoint must record.
 */
export async function verifySeals(db: Queryable, file: CheckpointFile = { lines: [], bad: [] }): Promise<SealCheck> {
  const cps = new CheckpointCheck('share_calls', file, await databaseId(db));
  const checkpoints = cps.count;
  if (cps.problem) return { ok: false, seals: 0, badBatch: cps.problem.seq, reason: `检查点文件不可信：${cps.problem.reason}`, checkpoints };
  const base = await logBase(db, 'share_calls');
  const unanchored = cps.base(base);
  if (unanchored) return { ok: false, seals: 0, badBatch: base.seq, reason: `调用日志的起点没有签名的归档检查点：${unanchored}`, checkpoints };
  const walk = sealWalker(base, cps);
  let calls = 0;
  for await (const s of readSeals(db, base)) {
    const bad = walk.next(s);
    if (bad) return { ok: false, seals: walk.count, badBatch: bad.seq, reason: bad.reason, checkpoints };
    calls += s.calls.length;
  }
  const short = cps.end(walk.last.seq);
  if (short) {
    const reason = `调用日志封存到第 ${short.seq - 1} 批为止，但 ${short.recorded.at} 的检查点记录到第 ${short.recorded.seq} 批：末尾的批次被删除`;
    return { ok: false, seals: walk.count, badBatch: short.seq, reason, checkpoints };
  }
  return { ok: true, seals: walk.count, calls, checkpoints, archivedTo: base.seq };
}

/**
 * The delivery log as the platform's checkpointer sees it (every few seconds, on every instance):
 * it seals the calls committed since the last seal, then names the last seal. Only a sealed call
 * is chained, so sealing here keeps a call from waiting longer than a checkpoint for its cover.
 */
export function sealedCallLog(alg: HashAlg): ChainedLog {
  return {
    name: 'share_calls',
    async head(db) {
      const [w] = await db.query<{ calls: number; sealed: number }>(
        `SELECT (SELECT coalesce(max(seq), 0) FROM share_calls)::int8 AS calls, (SELECT coalesce(max(last_seq), 0) FROM share_call_seals)::int8 AS sealed`,
      );
      // The seal's table lock is taken only when there is something to seal.
      if (Number(w.calls) > Number(w.sealed)) while ((await sealCalls(db, alg)) === SEAL_BATCH);
      const [s] = await db.query<{ seq: number; hash: string }>('SELECT batch::int8 AS seq, hash FROM share_call_seals ORDER BY batch DESC LIMIT 1');
      if (s) return { seq: Number(s.seq), hash: s.hash };
      // Every seal archived: the head is where the archive ended, not back at the start.
      const base = await logBase(db, 'share_calls');
      return base.seq ? { seq: base.seq, hash: base.hash } : null;
    },
  };
}

// --- Reading the log -----------------------------------------------------------------------------

type CallFilter = { consumer?: string; provider?: string; grantId?: string; resourceId?: string; page: number; pageSize: number };

export async function listCalls(db: Queryable, f: CallFilter) {
  const w = new Where();
  if (f.consumer) w.add('c.consumer_department_id = ?', f.consumer);
  if (f.provider) w.add('g.provider_department_id = ?', f.provider);
  if (f.grantId) w.add('c.grant_id = ?', f.grantId);
  if (f.resourceId) w.add('c.resource_id = ?', f.resourceId);
  const from = 'FROM share_calls c JOIN share_grants g ON g.id = c.grant_id';
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${from} ${w}`, w.params);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT c.seq::float8 AS seq, c.at, c.grant_id AS "grantId", c.resource_id AS "resourceId", r.code AS "resourceCode",
            c.consumer_department_id AS "consumerDepartmentId", d.name AS "consumerDepartmentName", c.actor, c.channel, c.purpose,
            c.query, c.rows, c.ip,
            (SELECT s.batch FROM share_call_seals s WHERE s.last_seq >= c.seq ORDER BY s.last_seq LIMIT 1)::float8 AS batch
       ${from} JOIN catalog_resources r ON r.id = c.resource_id JOIN departments d ON d.id = c.consumer_department_id
       ${w} ORDER BY c.seq DESC LIMIT ${Math.trunc(f.pageSize)} OFFSET ${Math.trunc((f.page - 1) * f.pageSize)}`,
    w.params,
  );
  return { items: rows.map((r) => ({ ...r, at: iso(r.at) as string })), total };
}

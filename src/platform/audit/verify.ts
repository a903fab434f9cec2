import type { Queryable } from '../db/db.js';
import { iso } from '../db/values.js';
import { algOf, rowHash } from './chain.js';
import { CheckpointCheck, type CheckpointFile } from './checkpoints.js';
import { type AuditRow, readAuditBatch } from './store.js';

export type VerifyResult =
  | { ok: true; checked: number; headSeq: number; checkpoints: number; archivedTo: number }
  | { ok: false; checked: number; badSeq: number; reason: string; checkpoints: number };

/** A position in a chained log: the row (or seal) number and its hash; `last` is a seal's last call. */
export type Position = { seq: number; hash: string; last?: number };

/** Where the log starts in the database: after its last archived row (see archive.ts), or at genesis. */
export async function logBase(db: Queryable, log: string): Promise<Position> {
  const [b] = await db.query<{ seq: number; hash: string; last: number }>(
    'SELECT seq::int8 AS seq, hash, last_call::int8 AS last FROM log_bases WHERE log = $1',
    [log],
  );
  return b ? { seq: Number(b.seq), hash: b.hash, last: Number(b.last) } : { seq: 0, hash: 'genesis', last: 0 };
}

/** The id this database was given when it was made (migration 0022): checkpoint lines and archives name it. */
export async function databaseId(db: Queryable): Promise<string> {
  const [r] = await db.query<{ id: string }>('SELECT database_id::text AS id FROM database_identity WHERE id = 1');
  return r.id;
}

export type Walker<E> = {
  /** Why the next entry does not hold (and at which position), or null once it is taken. */
  next(e: E): { seq: number; reason: string } | null;
  /** The last entry taken (the start while none was). */
  readonly last: Position;
  readonly count: number;
};

/** Checks audit rows in order from `from`: each follows the one before and holds its hash and its checkpoint's. */
export function auditWalker(from: Position, cps: CheckpointCheck): Walker<AuditRow> {
  let prevHash = from.hash;
  let expected = from.seq + 1;
  let count = 0;
  return {
    next(r) {
      const seq = Number(r.seq);
      const fail = (reason: string) => ({ seq, reason });
      if (seq !== expected) return { seq: expected, reason: `row ${expected} is missing (next row is ${seq})` };
      if (r.prevHash !== prevHash) return fail('prev_hash does not match the previous row: a row before it was removed, altered or inserted');
      const alg = algOf(r.hash);
      if (!alg) return fail(`unknown hash algorithm in ${r.hash.slice(0, 12)}`);
      const at = iso(r.at) as string;
      if (rowHash(alg, prevHash, { ...r, seq, at }) !== r.hash) return fail('content does not match its hash: the row was altered');
      const off = cps.at(seq, r.hash);
      if (off) return fail(`the row ${off}`);
      prevHash = r.hash;
      expected++;
      count++;
      return null;
    },
    get last() {
      return { seq: expected - 1, hash: prevHash };
    },
    get count() {
      return count;
    },
  };
}

/**
 * Walks the chain in the database in order and reports the first row that does not hold: against
 * itself, and against the checkpoints (no file: an empty one), which the chain must reach and agree
 * with. After archiving, the chain starts from its base, which a signed checkpoint must record.
 */
export async function verifyAuditChain(db: Queryable, file: CheckpointFile = { lines: [], bad: [] }): Promise<VerifyResult> {
  const cps = new CheckpointCheck('audit', file, await databaseId(db));
  const checkpoints = cps.count;
  if (cps.problem) return { ok: false, checked: 0, badSeq: cps.problem.seq, reason: cps.problem.reason, checkpoints };
  const base = await logBase(db, 'audit');
  const unanchored = cps.base(base);
  if (unanchored) return { ok: false, checked: 0, badSeq: base.seq, reason: unanchored, checkpoints };
  const walk = auditWalker(base, cps);
  for (;;) {
    const rows = await readAuditBatch(db, walk.last.seq, 5000);
    for (const r of rows) {
      const bad = walk.next(r);
      if (bad) return { ok: false, checked: walk.count, badSeq: bad.seq, reason: bad.reason, checkpoints };
    }
    if (rows.length < 5000) break;
  }
  const { seq: lastSeq, hash: lastHash } = walk.last;
  const checked = walk.count;
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq::int8 AS seq, hash FROM audit_head WHERE id = 1');
  if (Number(head.seq) !== lastSeq || head.hash !== lastHash) {
    return {
      ok: false,
      checked,
      badSeq: lastSeq + 1,
      reason: `the chain ends at row ${lastSeq} but the head records row ${head.seq}: rows at the end were removed`,
      checkpoints,
    };
  }
  const short = cps.end(lastSeq);
  if (short) return { ok: false, checked, badSeq: short.seq, reason: short.reason, checkpoints };
  return { ok: true, checked, headSeq: lastSeq, checkpoints, archivedTo: base.seq };
}

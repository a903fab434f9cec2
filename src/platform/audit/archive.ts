import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Config } from '../../config.js';
import type { Db, Queryable } from '../db/db.js';
import { iso } from '../db/values.js';
import type { HashAlg } from './chain.js';
import { appendCheckpoints, CheckpointCheck, type CheckpointFile, fileLines, processName, readCheckpoints, signCheckpoint } from './checkpoints.js';
import { loadKeys, type SigningKey, signatureProblem, signLine } from './signing-keys.js';
import { type AuditRow, appendAudit, readAuditBatch } from './store.js';
import { auditWalker, databaseId, logBase, type Position, type Walker } from './verify.js';

// Retention: rows older than JUTONG_AUDIT_RETENTION_DAYS (at least 180, 等保) leave the database for a
// JSON-lines file in the archive directory. Its first line is the signed header: which log, which
// database, the position it continues from and the one it ends at. The chain left in the database
// continues from that end (its base, in log_bases), which the archive job also writes to the
// checkpoint file as a signed line: verify accepts a base only where such a line records it.
// The database side (0021, 0441) lets the base move only over rows older than 180 days, only after
// an audit.archive row names it, and only through a function that runs as the tables' owner.

export type ArchiveHeader = {
  archive: string;
  /** The database the rows were in (database_identity). */
  db: string;
  from: Position;
  to: Position;
  /** Entries: rows of the audit log, seals (with their calls) of the delivery log. */
  count: number;
  at: string;
  by: string;
  alg?: SigningKey['alg'];
  key?: string;
  sig?: string;
};

/** A chained log whose oldest entries can be archived. */
export type ArchivableLog<E = unknown> = {
  name: string;
  /** The newest position such that it and every entry after `base` up to it were written before the DB's now() − `days`. */
  boundary(db: Queryable, base: Position, days: number): Promise<Position | null>;
  /** The entries after `base` up to `to`, in order, as the file keeps them. */
  entries(db: Queryable, base: Position, to: Position): AsyncIterable<E>;
  walker(from: Position, cps: CheckpointCheck): Walker<E>;
  /** Moves the base to `to` and removes what it covers (the SQL function checks the rest); returns the rows removed. */
  cut(tx: Queryable, to: Position): Promise<number>;
};

export const auditArchive: ArchivableLog<AuditRow> = {
  name: 'audit',
  async boundary(db, base, days) {
    const [b] = await db.query<{ seq: number; hash: string }>(
      `SELECT seq::int8 AS seq, hash FROM audit_log
        WHERE seq = coalesce((SELECT min(seq) FROM audit_log WHERE seq > $1 AND at >= now() - make_interval(days => $2)) - 1,
                             (SELECT max(seq) FROM audit_log))`,
      [base.seq, days],
    );
    return b && Number(b.seq) > base.seq ? { seq: Number(b.seq), hash: b.hash } : null;
  },
  async *entries(db, base, to) {
    for (let after = base.seq; after < to.seq; ) {
      const rows = await readAuditBatch(db, after, Math.min(5000, to.seq - after));
      if (!rows.length) return;
      for (const r of rows) yield { ...r, seq: Number(r.seq), at: iso(r.at) as string };
      after = Number(rows.at(-1)?.seq);
    }
  },
  walker: auditWalker,
  async cut(tx, to) {
    const [r] = await tx.query<{ n: number }>('SELECT archive_audit_log($1, $2)::int8 AS n', [to.seq, to.hash]);
    return Number(r.n);
  },
};

export type ArchiveDeps = {
  db: Db;
  hash: HashAlg;
  checkpoints: Config['checkpoints'];
  retention: Config['retention'];
};

export type Archived = { log: string; file: string; from: Position; to: Position; count: number; removed: number };

const jsonLine = (v: unknown) => `${JSON.stringify(v)}\n`;

/**
 * Archives one log's entries older than the retention: checked as they are written (a chain that
 * does not hold is not archived, and the file is removed), the file made durable, its boundary
 * checkpointed and signed, and then — in one transaction with the audit.archive row — the base moved
 * and the rows removed. A crash between the steps leaves at worst a file or a checkpoint line too
 * many, never rows gone without their archive. Null when nothing is old enough.
 */
export async function archiveLog(deps: ArchiveDeps, log: ArchivableLog): Promise<Archived | null> {
  const { db } = deps;
  const keys = loadKeys(deps.checkpoints.keyFile, deps.checkpoints.alg);
  if (!keys?.sign) throw new Error(`archiving needs the checkpoint key ${deps.checkpoints.keyFile} to sign with`);
  const base = await logBase(db, log.name);
  const to = await log.boundary(db, base, deps.retention.days);
  if (!to) return null;
  const database = await databaseId(db);
  const cps = new CheckpointCheck(log.name, await readCheckpoints(deps.checkpoints.file, keys), database);
  if (cps.problem) throw new Error(`${log.name} is not archived: ${cps.problem.reason}`);
  const unanchored = cps.base(base);
  if (unanchored) throw new Error(`${log.name} is not archived: ${unanchored}`);

  mkdirSync(deps.retention.dir, { recursive: true });
  const name = `${log.name}-${base.seq + 1}-${to.seq}.jsonl`;
  const path = join(deps.retention.dir, name);
  const walk = log.walker(base, cps);
  const sha = createHash('sha256');
  const tmp = `${path}.part`;
  const fh = await open(tmp, 'w', 0o644);
  try {
    let buf = '';
    for await (const e of log.entries(db, base, to)) {
      const bad = walk.next(e);
      if (bad) throw new Error(`${log.name} ${bad.seq}: ${bad.reason}: not archived`);
      buf += jsonLine(e);
      if (buf.length > 1 << 20) {
        sha.update(buf);
        await fh.write(buf);
        buf = '';
      }
    }
    sha.update(buf);
    await fh.write(buf);
    if (walk.last.seq !== to.seq || walk.last.hash !== to.hash)
      throw new Error(`${log.name}: the entries end at ${walk.last.seq}, not ${to.seq}: not archived`);
    await fh.sync();
  } catch (e) {
    await fh.close();
    rmSync(tmp, { force: true });
    throw e;
  }
  await fh.close();
  // The header holds the count, known once the entries are written: it goes first in the final file, written after them.
  const header = signLine<ArchiveHeader>(
    { archive: log.name, db: database, from: base, to, count: walk.count, at: new Date().toISOString(), by: processName() },
    keys,
  );
  // Replaces the file of an attempt whose rows were not removed (its base did not move, so it is the same range).
  const final = await open(`${path}.new`, 'w', 0o644);
  try {
    await final.write(jsonLine(header));
    for await (const { text } of fileLines(tmp)) await final.write(`${text}\n`);
    await final.sync();
  } finally {
    await final.close();
    rmSync(tmp, { force: true });
  }
  renameSync(`${path}.new`, path);
  await fsyncDir(deps.retention.dir);

  await appendCheckpoints(deps.checkpoints.file, [
    signCheckpoint({ log: log.name, seq: to.seq, hash: to.hash, at: header.at, by: header.by, db: database, archive: name }, keys),
  ]);
  const removed = await db.transaction(async (tx) => {
    await appendAudit(tx, deps.hash, {
      actorId: null,
      actor: 'system',
      departmentId: null,
      action: 'audit.archive',
      targetType: 'log',
      targetId: log.name,
      details: { log: log.name, from: base, to, count: walk.count, file: name, sha256: sha.digest('hex'), retentionDays: deps.retention.days },
      ip: null,
    });
    return log.cut(tx, to);
  });
  return { log: log.name, file: path, from: base, to, count: walk.count, removed };
}

async function fsyncDir(dir: string) {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

export type ArchiveCheck =
  | { ok: true; log: string; from: Position; to: Position; count: number }
  | { ok: false; log: string | null; seq: number; reason: string };

/**
 * Checks an archive file on its own: its header's signature, every entry in order from the header's
 * start (and against the checkpoints of its database), and that they end where the header says.
 * With `database`, the archive must be of that database.
 */
export async function verifyArchive(
  path: string,
  keys: SigningKey | null,
  file: CheckpointFile,
  logs: ArchivableLog[],
  database?: string,
): Promise<ArchiveCheck> {
  const name = basename(path);
  let header: ArchiveHeader | null = null;
  let walk: Walker<unknown> | null = null;
  for await (const { n, text } of fileLines(path)) {
    if (!header) {
      try {
        header = JSON.parse(text) as ArchiveHeader;
      } catch {
        return { ok: false, log: null, seq: 0, reason: `${name}: the first line is not an archive header` };
      }
      const log = logs.find((l) => l.name === header?.archive);
      if (!log || typeof header.sig !== 'string') return { ok: false, log: null, seq: 0, reason: `${name}: not a signed archive of a known log` };
      const problem = signatureProblem({ ...header, sig: header.sig }, keys);
      if (problem) return { ok: false, log: log.name, seq: 0, reason: `${name}: the header ${problem}` };
      if (database && header.db !== database)
        return { ok: false, log: log.name, seq: 0, reason: `${name}: an archive of database ${header.db}, not of this one (${database})` };
      const cps = new CheckpointCheck(log.name, file, header.db);
      if (cps.problem) return { ok: false, log: log.name, seq: cps.problem.seq, reason: `${name}: ${cps.problem.reason}` };
      walk = log.walker(header.from, cps);
      continue;
    }
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      return { ok: false, log: header.archive, seq: walk?.last.seq ?? 0, reason: `${name}: line ${n} is not JSON` };
    }
    const bad = walk?.next(entry);
    if (bad) return { ok: false, log: header.archive, seq: bad.seq, reason: `${name}: ${bad.reason}` };
  }
  if (!header || !walk) return { ok: false, log: null, seq: 0, reason: `${name}: empty` };
  const end = walk.last;
  if (walk.count !== header.count || end.seq !== header.to.seq || end.hash !== header.to.hash)
    return {
      ok: false,
      log: header.archive,
      seq: end.seq + 1,
      reason: `${name}: the entries end at ${end.seq} (${walk.count}), the header says ${header.to.seq} (${header.count}): entries were removed`,
    };
  return { ok: true, log: header.archive, from: header.from, to: header.to, count: header.count };
}

import type { Config } from '../../config.js';
import type { Db } from '../db/db.js';
import { appendCheckpoints, type Checkpoint, processName, rotateCheckpoints, signCheckpoint } from './checkpoints.js';
import { loadKeys, type SigningKey } from './signing-keys.js';
import { databaseId } from './verify.js';

/** A hash-chained log whose head can be checkpointed: its position and hash, or null while it is empty. */
export type ChainedLog = { name: string; head(db: Db): Promise<{ seq: number; hash: string } | null> };

export const auditLog: ChainedLog = {
  name: 'audit',
  async head(db) {
    // audit_head moves in the same transaction as the row it names: read after commit, never waited for.
    const [h] = await db.query<{ seq: number; hash: string }>('SELECT seq::int8 AS seq, hash FROM audit_head WHERE id = 1');
    return h && Number(h.seq) > 0 ? { seq: Number(h.seq), hash: h.hash } : null;
  },
};

export type Checkpointer = {
  /** Reads every head now and appends what moved (signing the lines when `sign`); the timer does the same. */
  flush(opts?: { sign?: boolean }): Promise<void>;
  /** Stops the timer after a last, signed flush. */
  stop(): Promise<void>;
};

/**
 * Every few seconds, reads the logs' heads (after their rows committed: nothing waits on it) and
 * appends those that moved to the checkpoint file, all in one write and one fsync. A head is
 * signed once `signRows` rows came after the last signed one or `signMs` passed, and on stop.
 */
export function startCheckpointer(cfg: Config['checkpoints'], db: Db, logs: ChainedLog[], onError: (e: unknown) => void): Checkpointer {
  const keys = loadKeys(cfg.keyFile, cfg.alg) as SigningKey;
  // The key on disk is what signs; a different algorithm asked for (JUTONG_AUDIT_HASH changed) needs a new key path.
  if (keys.alg !== cfg.alg)
    onError(new Error(`the checkpoint key ${cfg.keyFile} is ${keys.alg}, not ${cfg.alg}: checkpoints stay signed with ${keys.alg} (see README "Audit")`));
  const by = processName();
  const last = new Map<string, { seq: number; hash: string; signedSeq: number; signedAt: number }>();
  let running: Promise<void> = Promise.resolve();

  let database: string | null = null;
  const once = async (forceSign: boolean) => {
    database ??= await databaseId(db);
    const lines: Checkpoint[] = [];
    const next = new Map(last);
    const now = Date.now();
    for (const log of logs) {
      // One log failing (the call log's sealer timing out) does not hold back the others' checkpoints.
      const head = await log.head(db).catch((e) => void onError(e));
      if (head === undefined) continue;
      const prev = last.get(log.name);
      // Said at once, in the server's log; the checkpoints already written keep the evidence for verify.
      if (prev && ((head?.seq ?? 0) < prev.seq || (head?.seq === prev.seq && head.hash !== prev.hash)))
        onError(new Error(`${log.name}: the head went back from ${prev.seq} to ${head?.seq ?? 0}: rows were removed or rewritten (run jutong audit verify)`));
      if (!head) {
        if (prev) next.set(log.name, { seq: 0, hash: '', signedSeq: 0, signedAt: now });
        continue;
      }
      const moved = !prev || head.seq !== prev.seq || head.hash !== prev.hash;
      const due = !prev || forceSign || head.seq - prev.signedSeq >= cfg.signRows || now - prev.signedAt >= cfg.signMs;
      const sign = due && head.seq !== prev?.signedSeq;
      if (!moved && !sign) continue;
      const line: Checkpoint = { log: log.name, seq: head.seq, hash: head.hash, at: new Date(now).toISOString(), by, db: database };
      lines.push(sign ? signCheckpoint(line, keys) : line);
      next.set(log.name, { ...head, signedSeq: sign ? head.seq : (prev?.signedSeq ?? 0), signedAt: sign ? now : (prev?.signedAt ?? now) });
    }
    if (lines.length) await rotateCheckpoints(cfg.file, cfg.rotateBytes, cfg.rotateMs);
    await appendCheckpoints(cfg.file, lines);
    // Only what reached the disk counts as written: after a failed write the next flush tries again.
    for (const [k, v] of next) last.set(k, v);
  };
  // One flush at a time, in order: the timer's and an explicit one never write interleaved.
  const flush = (opts: { sign?: boolean } = {}) => {
    running = running.catch(() => {}).then(() => once(opts.sign ?? false));
    return running;
  };
  const tick = () => void flush().catch(onError);
  const timer = setInterval(tick, cfg.everyMs);
  timer.unref();
  tick();
  return {
    flush,
    async stop() {
      clearInterval(timer);
      await flush({ sign: true }).catch(onError);
    },
  };
}

import type { ArchivableLog } from '../../platform/audit/archive.js';
import { readSeals, type SealEntry, sealWalker } from './call-log.js';

/** The delivery log's retention: whole seals, each with its calls, sealed before the cutoff. */
export const callLogArchive: ArchivableLog<SealEntry> = {
  name: 'share_calls',
  async boundary(db, base, days) {
    const [b] = await db.query<{ seq: number; hash: string; last: number }>(
      `SELECT batch::int8 AS seq, hash, last_seq::int8 AS last FROM share_call_seals
        WHERE batch = coalesce((SELECT min(batch) FROM share_call_seals WHERE batch > $1 AND sealed_at >= now() - make_interval(days => $2)) - 1,
                               (SELECT max(batch) FROM share_call_seals))`,
      [base.seq, days],
    );
    return b && Number(b.seq) > base.seq ? { seq: Number(b.seq), hash: b.hash, last: Number(b.last) } : null;
  },
  entries: (db, base, to) => readSeals(db, base, to.seq),
  walker: sealWalker,
  async cut(tx, to) {
    const [r] = await tx.query<{ n: number }>('SELECT archive_call_log($1, $2)::int8 AS n', [to.seq, to.hash]);
    return Number(r.n);
  },
};

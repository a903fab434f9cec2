import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DATE_OID, type Db, INT8_OID, parseInt8, type Queryable, type Session } from './db.js';

const parsers = {
  [INT8_OID]: parseInt8,
  [DATE_OID]: (v: string) => v,
};

type PgliteSource = { dataDir: string } | { memory: true; loadDataDir?: Blob };

export async function openPglite(source: PgliteSource): Promise<Db> {
  let release = () => {};
  let pg: PGlite;
  if ('dataDir' in source) {
    mkdirSync(source.dataDir, { recursive: true });
    release = lockDataDir(source.dataDir);
    pg = await PGlite.create({ dataDir: join(source.dataDir, 'pg'), parsers });
  } else {
    pg = await PGlite.create({ loadDataDir: source.loadDataDir, parsers });
  }
  return wrap(pg, release);
}

function wrap(pg: PGlite, release: () => void): Db & { dump(): Promise<Blob> } {
  const asQueryable = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query(sql, params) {
      const res = await q.query(sql, params as unknown[] | undefined);
      return res.rows as never[];
    },
  });
  const root = asQueryable(pg);
  // PGlite's COPY reads a blob in place of STDIN (FROM STDIN would wait forever); the blob
  // is held whole, so callers send bounded chunks (FIELD-NOTES.md).
  const session: Session = {
    query: root.query,
    copyFrom(copySql) {
      const sql = copySql.replace(/FROM STDIN/i, "FROM '/dev/blob'");
      return {
        write: async (data) => void (await pg.query(sql, [], { blob: new Blob([data as BlobPart]) })),
        end: async () => {},
        abort: async () => {},
      };
    },
  };
  return {
    session: (fn) => fn(session),
    kind: 'pglite',
    query: root.query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction: (fn) => pg.transaction((tx) => fn(asQueryable(tx))),
    // One process holds the directory (lockDataDir): every NOTIFY comes from this process, whose
    // action runner wakes its subscribers itself.
    listen: () => async () => {},
    async close() {
      await pg.close();
      release();
    },
    dump: () => pg.dumpDataDir('none'),
  };
}

// PGlite takes no lock on its data directory, and two processes writing one directory
// corrupt it (FIELD-NOTES.md), so refuse to open a directory another live process holds.
function lockDataDir(dir: string): () => void {
  const file = join(dir, 'jutong.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The data directory ${dir} is in use by process ${pid}. Stop it first, or set JUTONG_DATA_DIR to another directory.`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // An exited process that nobody has reaped yet still answers signal 0.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

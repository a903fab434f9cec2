// A fresh platform with the demo city seeded, on PGlite (a temporary data directory, as
// the demo mode runs) or on PostgreSQL (a new database jt_bench_<random>, dropped after).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPlatform, type Platform } from '../../src/app.js';
import { seedDemo } from '../../src/cli/seed.js';
import type { Config } from '../../src/config.js';
import type { Db, Queryable, QueryOptions } from '../../src/platform/db/db.js';
import { openPglite } from '../../src/platform/db/pglite.js';
import { openPostgres } from '../../src/platform/db/postgres.js';

export type Engine = 'pglite' | 'postgres';

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/test';
const PASSWORD = 'Jutong@2026';

export const benchConfig: Config = {
  mode: 'tool',
  database: { kind: 'pglite', dataDir: '' },
  host: '127.0.0.1',
  port: 0,
  auditHash: 'sha256',
  demoPassword: PASSWORD,
  sessionHours: 12,
  loginMaxFailures: 5,
  lockMinutes: 15,
  logLevel: 'silent',
  filesDir: join(tmpdir(), `jutong-bench-files-${process.pid}`),
  fetch: { allowHosts: [], allowPrivate: false },
  maxFileBytes: 2 ** 31,
  checkpoints: {
    file: join(tmpdir(), `jutong-bench-checkpoints-${process.pid}.jsonl`),
    keyFile: join(tmpdir(), `jutong-bench-checkpoint-${process.pid}.key`),
    alg: 'ed25519',
    everyMs: 5000,
    signRows: 1000,
    signMs: 300_000,
    rotateBytes: 64 * 2 ** 20,
    rotateMs: 30 * 86_400_000,
  },
  retention: { days: 180, dir: join(tmpdir(), `jutong-bench-archive-${process.pid}`) },
};
// The files the platform stores (uploads, ingest spill) go with the process, however it ends.
process.once('exit', () => rmSync(benchConfig.filesDir, { recursive: true, force: true }));

/** Called after every query the platform makes (its own connection and its transactions) while set. */
export type Tap = ((sql: string, ms: number, params?: readonly unknown[]) => void) | null;
export type BenchPlatform = { p: Platform; engine: Engine; seedMs: number; setTap(t: Tap): void; dispose(): Promise<void> };

function tapped(db: Db): (t: Tap) => void {
  let tap: Tap = null;
  const timed = (q: Queryable): Queryable['query'] =>
    (async (sql: string, params?: readonly unknown[], opts?: QueryOptions) => {
      if (!tap) return q.query(sql, params, opts);
      const t = performance.now();
      try {
        return await q.query(sql, params, opts);
      } finally {
        tap?.(sql, performance.now() - t, params);
      }
    }) as Queryable['query'];
  const root = { query: db.query.bind(db) };
  const transaction = db.transaction.bind(db);
  db.query = timed(root);
  db.transaction = (fn) => transaction((tx) => fn({ query: timed(tx) }));
  return (t) => {
    tap = t;
  };
}

function loopbackOnly(url: string) {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error(`the bench talks to 127.0.0.1 only, not ${host}`);
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function postgresVersion(): Promise<string | null> {
  loopbackOnly(PG_ADMIN_URL);
  try {
    return await admin(async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v);
  } catch (e) {
    console.error(`PostgreSQL at ${PG_ADMIN_URL}: ${(e as Error).message}`);
    return null;
  }
}

/** Opens the engine, migrates, seeds the demo city; `dispose` closes and removes everything it made. */
export async function freshPlatform(engine: Engine): Promise<BenchPlatform> {
  let db: Db | null = null;
  let cleanup: () => Promise<void>;
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'jt-bench-'));
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
    db = await openPglite({ dataDir: dir }).catch(async (e) => {
      await cleanup();
      throw e;
    });
  } else {
    loopbackOnly(PG_ADMIN_URL);
    const name = `jt_bench_${randomBytes(5).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    cleanup = () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    db = await openPostgres(url.toString()).catch(async (e) => {
      await cleanup();
      throw e;
    });
  }
  const setTap = tapped(db);
  let p: Platform | null = null;
  let closed = false;
  const dispose = async () => {
    if (closed) return;
    closed = true;
    await (p ? p.close() : (db as Db).close()).catch(() => {});
    await cleanup();
  };
  try {
    const t0 = performance.now();
    p = await createPlatform(benchConfig, db, { background: false });
    await seedDemo(p, PASSWORD);
    return { p, engine, seedMs: performance.now() - t0, setTap, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

export { PASSWORD };

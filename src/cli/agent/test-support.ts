import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PG_ADMIN_URL, urlFor } from '../../../test/engines.js';

// The real databases the agent's tests run against: PostgreSQL (test/engines.ts's server) and
// MariaDB/MySQL at TEST_MYSQL_URL (default the local server, root without a password). Each test
// file makes its own scratch databases and drops them. Locally a missing server skips its half;
// under CI=true it fails the run.

export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export type Scratch = { url: string; name: string; drop(): Promise<void> };

const scratchName = () => `jt_agent_${randomBytes(5).toString('hex')}`;

async function reachable(kind: 'postgres' | 'mysql'): Promise<boolean> {
  try {
    if (kind === 'postgres') {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.end();
    } else {
      const mysql = await import('mysql2/promise');
      const c = await mysql.createConnection({ uri: MYSQL_ADMIN_URL, connectTimeout: 3000 });
      await c.end();
    }
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${kind} is not reachable: ${(e as Error).message}`);
    return false;
  }
}

export const hasPostgres = () => reachable('postgres');
export const hasMysql = () => reachable('mysql');

export async function scratchPostgres(): Promise<Scratch> {
  const name = scratchName();
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: urlFor(name), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function scratchMysql(): Promise<Scratch> {
  const name = scratchName();
  const mysql = await import('mysql2/promise');
  const admin = async (sql: string) => {
    const c = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const u = new URL(MYSQL_ADMIN_URL);
  u.pathname = `/${name}`;
  return { url: u.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name}`) };
}

export const scratch = (kind: 'postgres' | 'mysql') => (kind === 'postgres' ? scratchPostgres() : scratchMysql());

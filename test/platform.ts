import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createPlatform, type Platform } from '../src/app.js';
import type { Config } from '../src/config.js';
import type { Db } from '../src/platform/db/db.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { openPostgres } from '../src/platform/db/postgres.js';
import { TEMPLATE_FILE, testConfig } from './config.js';
import { type Engine, PG_ADMIN_URL, urlFor } from './engines.js';

export const engines = (): Engine[] => inject('engines');

/** A new PostgreSQL database copied from the seeded template (or empty), and how to drop it. */
export async function createTestDatabase(from: 'template' | 'empty' = 'template'): Promise<{ url: string; drop(): Promise<void> }> {
  // The creating process's pid in the name: another run's setup leaves it alone while that process lives.
  const name = `jt_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const a = new pg.Client({ connectionString: PG_ADMIN_URL });
    await a.connect();
    await a.query(sql).finally(() => a.end());
  };
  await admin(`CREATE DATABASE ${name}${from === 'template' ? ` TEMPLATE ${inject('pgTemplate')}` : ''}`);
  return { url: urlFor(name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A fresh copy of the seeded demo database on the given engine. */
export async function openTestDb(engine: Engine): Promise<Db> {
  if (engine === 'pglite') return openPglite({ memory: true, loadDataDir: new Blob([readFileSync(TEMPLATE_FILE)]) });
  const { url, drop } = await createTestDatabase();
  const db = await openPostgres(url, 4);
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      await drop();
    },
  });
}

export type TestPlatform = Platform & {
  /** Logs in once per username and returns the bearer token. */
  token(username: string): Promise<string>;
  /** app.inject with the user's token; returns status and parsed JSON. */
  api(username: string | null, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
};

export async function testPlatform(engine: Engine, config: Config = testConfig): Promise<TestPlatform> {
  const db = await openTestDb(engine);
  const p = await createPlatform(config, db, { background: false });
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await p.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: testConfig.demoPassword } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const t = res.json().token as string;
    tokens.set(username, t);
    return t;
  };
  const api: TestPlatform['api'] = async (username, method, url, body) => {
    const headers: Record<string, string> = username ? { authorization: `Bearer ${await token(username)}` } : {};
    const res = await p.http.inject({ method: method as 'GET', url, payload: body as object, headers });
    let parsed: unknown = res.body;
    try {
      parsed = res.json();
    } catch {}
    return { status: res.statusCode, body: parsed };
  };
  return Object.assign(p, { token, api });
}

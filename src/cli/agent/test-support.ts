import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import pg from 'pg';
import { PG_ADMIN_URL, urlFor } from '../../../test/engines.js';

// The real databases the agent's tests run against: PostgreSQL (test/engines.ts's server) and
// MariaDB/MySQL at TEST_MYSQL_URL (default the local server, root without a password). Each test
// file makes its own scratch databases and drops them. Locally a missing server skips its half;
// under CI=true it fails the run.

const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

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

// --- The platform as a child process (`jutong serve`), and the agent as one (`jutong agent`) ---

import { type ChildProcess, spawn } from 'node:child_process';

export const BIN = new URL('../../../bin/jutong.mjs', import.meta.url).pathname;

export type Served = {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL, and wait for the process to be gone. */
  kill(): Promise<void>;
  /** Start again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

async function waitHealthy(url: string, child: ChildProcess, out: () => string) {
  for (let i = 0; i < 480; i++) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the platform did not start:\n${out()}`);
}

/** `jutong serve` (`--demo` on PGlite in a fresh directory, or on the PostgreSQL database `env.DATABASE_URL` names) on a free port. */
export async function servePlatform(env: Record<string, string>, args: string[]): Promise<Served> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  let child: ChildProcess;
  const start = async () => {
    child = spawn(process.execPath, [BIN, 'serve', ...args], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', JUTONG_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (log += d));
    child.stderr?.on('data', (d) => (log += d));
    await waitHealthy(url, child, () => log);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  };
  await start();
  return {
    url,
    get child() {
      return child;
    },
    output: () => log,
    kill,
    restart: start,
    async stop() {
      await kill();
    },
  };
}

export type AgentRun = { code: number | null; signal: NodeJS.Signals | null; err: string };

/** `jutong agent --config <file> …` as a child process; `onStart` sees it while it runs (to kill it). */
export function runAgentProcess(
  config: string,
  args: string[] = ['--once'],
  env: Record<string, string> = {},
  onStart?: (c: ChildProcess) => void,
): Promise<AgentRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'agent', '--config', config, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stdout.on('data', (d) => (err += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code, signal) => {
      // JUTONG_AGENT_TEST_LOG=<file>: every agent's output, to see what a test made it do.
      if (process.env.JUTONG_AGENT_TEST_LOG)
        appendFileSync(process.env.JUTONG_AGENT_TEST_LOG, `$ agent ${args.join(' ')} ${JSON.stringify(env)} → ${code ?? signal}\n${err}\n`);
      resolve({ code, signal, err });
    });
    onStart?.(child);
  });
}

/** JSON over HTTP with a token; throws with the platform's answer on failure. */
export async function api<T = any>(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

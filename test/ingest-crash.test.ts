import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenIdCheckDigit } from '../src/platform/validators/index.js';
import { createTestDatabase, engines } from './platform.js';

// "A process killed at any moment of a run leaves the previous version intact and
// readable, and the run can be started again without duplicating anything": the platform
// runs as a child process, the CLI streams a file into it, and the platform is SIGKILLed
// mid-run.

const BIN = new URL('../bin/jutong.mjs', import.meta.url).pathname;
const ROWS = 300_000;

function jutong(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** A population file whose ID numbers are valid and distinct; `tag` changes the names, so versions differ. */
async function writeFile(path: string, rows: number, tag: string) {
  const out = createWriteStream(path);
  out.write('姓名,公民身份号码,出生日期\n');
  // i = 28·q + r → birth day r+1, sequence q mod 1000, a new year every 28,000 rows: all distinct.
  for (let i = 0; i < rows; i++) {
    const year = 1930 + Math.floor(i / 28_000);
    const day = String(1 + (i % 28)).padStart(2, '0');
    const body = `370302${year}01${day}${String(Math.floor(i / 28) % 1000).padStart(3, '0')}`;
    if (!out.write(`${tag}${i},${body}${citizenIdCheckDigit(body)},${year}-01-${day}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

type Server = { child: ChildProcess; url: string };

async function startServer(env: Record<string, string>, args: string[]): Promise<Server> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', JUTONG_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${log}`);
}

async function api<T = any>(s: Server, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

describe.each(engines())('an ingest killed mid-run on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'jutong-crash-'));
  let env: Record<string, string>;
  let args: string[];
  let dropDb = async () => {};
  let server: Server;

  beforeAll(async () => {
    if (engine === 'postgres') {
      const db = await createTestDatabase();
      dropDb = db.drop;
      env = { DATABASE_URL: db.url, JUTONG_FILES_DIR: join(dir, 'files'), JUTONG_DATA_DIR: join(dir, 'data') };
      args = [];
    } else {
      env = { JUTONG_DATA_DIR: join(dir, 'data') };
      args = ['--demo'];
    }
    await Promise.all([writeFile(join(dir, 'v1.csv'), 1000, '甲'), writeFile(join(dir, 'v2.csv'), ROWS, '乙')]);
    server = await startServer(env, args);
  }, 180_000);

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await dropDb();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the previous version readable and converges when the run is started again', async () => {
    const { token } = await api(server, null, 'POST', '/api/v1/auth/login', { username: 'gaj_user', password: 'Jutong@2026' });
    const admin = (await api(server, null, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'Jutong@2026' })).token;
    const entry = await api(server, token, 'POST', '/api/v1/catalog/resources', {
      name: '崩溃测试人口信息',
      classification: '101',
      abstract: '用于验证导入进程被强制终止后数据版本完好的测试资源。',
      format: 'database',
      formatType: 'PostgreSQL',
      items: [
        { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50 },
        { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18 },
        { name: '出生日期', dataElement: null, type: 'date' },
      ],
      shareType: 'unconditional',
      shareChannel: 'platform',
      shareVia: 'table',
      openType: 'closed',
      updateCycle: 'daily',
    });
    await api(server, token, 'POST', `/api/v1/catalog/resources/${entry.id}/submit`);
    await api(server, admin, 'POST', `/api/v1/catalog/resources/${entry.id}/review`, { decision: 'approve' });
    const mount = await api(server, token, 'POST', `/api/v1/catalog/resources/${entry.id}/mounts`, { kind: 'table' });
    const cli = (s: Server, file: string) => jutong(['import', entry.code, join(dir, file), '--json', '--url', s.url, '--token', token], {});

    // `jutong login` keeps a token per platform URL; later commands use it without --token.
    const config = { JUTONG_CONFIG_DIR: join(dir, 'config') };
    const login = await jutong(['login', '--url', server.url, '-u', 'gaj_user', '-p', 'Jutong@2026'], config);
    expect(login.code, login.err).toBe(0);
    const v1 = await jutong(['import', entry.code, join(dir, 'v1.csv'), '--json', '--url', server.url], config);
    expect(v1.code, v1.err).toBe(0);
    // A run that does not publish exits non-zero, its JSON still on the last line.
    await writeFile(join(dir, 'bad.csv'), 0, '');
    const bad = await jutong(['import', entry.code, join(dir, 'bad.csv'), '--json', '--url', server.url], config);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out.trim().split('\n').at(-1) as string)).toMatchObject({ status: 'failed', rowsLoaded: 0 });
    expect(JSON.parse(v1.out.trim().split('\n').at(-1) as string)).toMatchObject({ status: 'succeeded', rowsLoaded: 1000, version: 1 });

    // Start the big run and kill the platform once it has loaded some rows.
    const pending = cli(server, 'v2.csv');
    let progressed = false;
    for (let i = 0; i < 400 && !progressed; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const runs = await api(server, token, 'GET', `/api/v1/mounts/${mount.id}/runs?pageSize=1`);
      progressed = runs.items[0]?.status === 'running' && runs.items[0].bytesRead > 0;
    }
    expect(progressed).toBe(true);
    server.child.kill('SIGKILL');
    await once(server.child, 'exit');
    const interrupted = await pending;
    expect(interrupted.code).not.toBe(0);

    server = await startServer(env, args);
    const after = await api(server, token, 'GET', `/api/v1/mounts/${mount.id}`);
    expect(after).toMatchObject({ currentVersion: 1, rowCount: 1000 });
    const preview = await api(server, token, 'GET', `/api/v1/mounts/${mount.id}/preview?limit=3`);
    expect(preview.rows[0][0]).toBe('甲0');

    const v2 = await cli(server, 'v2.csv');
    expect(v2.code, v2.err).toBe(0);
    expect(JSON.parse(v2.out.trim().split('\n').at(-1) as string)).toMatchObject({ status: 'succeeded', rowsRead: ROWS, rowsLoaded: ROWS, version: 2 });
    const final = await api(server, token, 'GET', `/api/v1/mounts/${mount.id}`);
    expect(final).toMatchObject({ currentVersion: 2, rowCount: ROWS });
    const runs = await api(server, token, 'GET', `/api/v1/mounts/${mount.id}/runs?pageSize=10`);
    expect(runs.items.map((r: { status: string }) => r.status)).toEqual(['succeeded', 'failed', 'failed', 'succeeded']);
    expect(runs.items[1].error).toMatch(/中断/);
    expect(runs.items[2].error).toMatch(/没有数据行/);
  }, 240_000);
});

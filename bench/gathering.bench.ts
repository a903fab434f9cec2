// Validated ingest vs a raw COPY of the same file, end to end as departments run it:
// `jutong generate population` writes the file, `jutong import` streams it over HTTP to a
// `jutong serve` child process, which validates every cell and COPYs into a staging table.
// The reference is a raw `COPY … FROM STDIN` of the same file into a plain table (the
// faster of pg-copy-streams and psql \copy), measured in the same run. Peak RSS is the
// server's VmHWM over each import.
//
//   node bin/run-ts.mjs bench/gathering.bench.ts [--rows 1000000,10000000] [--pglite-rows 1000000] [--no-write] [--smoke]
//
// Talks to 127.0.0.1 only. Writes its section of bench/RESULTS.md (not with --smoke: a few
// thousand rows through every step, bench/lib/args.ts).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { benchArgs } from './lib/args.js';
import { PASSWORD, PG_ADMIN_URL } from './lib/engine.js';
import { writeSection } from './lib/sections.js';

const args = benchArgs({ rows: '1000000,10000000', 'pglite-rows': '1000000' }, { rows: '2000', 'pglite-rows': '2000' });
const sizes = args.rows.split(',').filter(Boolean).map(Number);
const pgliteRows = Number(args['pglite-rows']);
const BIN = new URL('../bin/jutong.mjs', import.meta.url).pathname;
const work = join(tmpdir(), `jt-bench-gathering-${process.pid}`);
mkdirSync(work, { recursive: true });
// Stopped with Ctrl-C (or by bench/smoke.test.ts past its limit): the servers get the signal too;
// the database and the files this run made go with it.
const onStop: (() => Promise<unknown>)[] = [async () => rmSync(work, { recursive: true, force: true })];
process.once('SIGINT', () => void Promise.allSettled(onStop.map((f) => f())).finally(() => process.exit(130)));
const ENTRY = '淄博市户籍人口基本信息';
// The mount's columns for this entry (see columnsFor): text, dates where the item is a date.
const PLAIN_COLUMNS = [
  '姓名 text',
  '公民身份号码 text',
  '性别 text',
  '民族 text',
  '出生日期 date',
  '户籍地址 text',
  '户号 text',
  '与户主关系 text',
  '婚姻状况 text',
  '文化程度 text',
  '户籍登记日期 date',
  '所属派出所 text',
];

type Server = { child: ChildProcess; url: string };
type Figures = {
  rows: number;
  mb: number;
  ingestS: number;
  rowsLoaded: number;
  rejected: number;
  peakRssMb: number;
  idleRssMb: number;
  refS: number;
  refHow: string;
};

const sh = (cmd: string, a: string[], env: Record<string, string> = {}) =>
  execFileSync(cmd, a, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });

function generate(rows: number): string {
  const file = join(work, `population-${rows}.csv`);
  console.log(`generating ${rows.toLocaleString('en-US')} rows…`);
  sh(process.execPath, [BIN, 'generate', 'population', '--rows', String(rows), '--seed', 'bench', '--out', file]);
  return file;
}

async function startServer(env: Record<string, string>, extra: string[]): Promise<Server> {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [BIN, 'serve', ...extra], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', JUTONG_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
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
  throw new Error('server did not start');
}

async function json<T = any>(s: Server, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const out = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(out)}`);
  return out as T;
}

/** The demo's household-population entry, mounted as a table; returns its code and a token for 公安局. */
async function prepare(s: Server): Promise<{ code: string; token: string }> {
  const { token } = await json(s, null, 'POST', '/api/v1/auth/login', { username: 'gaj_user', password: PASSWORD });
  const found = await json(s, token, 'GET', `/api/v1/catalog/resources?q=${encodeURIComponent(ENTRY)}&pageSize=5`);
  const entry = found.items.find((e: { name: string }) => e.name === ENTRY);
  if (!entry) throw new Error(`demo entry ${ENTRY} not found`);
  // The demo city mounts this entry already (with a small load); the bench replaces that version.
  const mounts = await json(s, token, 'GET', `/api/v1/mounts?kind=table&resourceId=${entry.id}`);
  if (!mounts.items.length) await json(s, token, 'POST', `/api/v1/catalog/resources/${entry.id}/mounts`, { kind: 'table' });
  // The demo feeds the base databases from this mount: a merge would start after each import and
  // run under the next measurement (the raw COPY among them). Feeds off; bases.bench measures merges.
  const admin = (await json(s, null, 'POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD })).token;
  for (const base of ['population', 'legal_entity', 'license'])
    for (const f of await json<{ id: number }[]>(s, admin, 'GET', `/api/v1/bases/${base}/feeds`))
      await json(s, admin, 'PATCH', `/api/v1/bases/${base}/feeds/${f.id}`, { enabled: false });
  return { code: entry.code, token };
}

const vmHwmMb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const vmRssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const resetHwm = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

async function importOnce(s: Server, code: string, token: string, file: string) {
  const idle = vmRssMb(s.child.pid as number);
  resetHwm(s.child.pid as number);
  const t = performance.now();
  const out = sh(process.execPath, [BIN, 'import', code, file, '--json', '--url', s.url, '--token', token]);
  const ingestS = (performance.now() - t) / 1000;
  const run = JSON.parse(out.trim().split('\n').at(-1) as string);
  if (run.status !== 'succeeded') throw new Error(`import ${run.status}: ${run.error}`);
  return { ingestS, run, peakRssMb: vmHwmMb(s.child.pid as number), idleRssMb: idle };
}

async function rawCopyPostgres(url: string, file: string): Promise<{ s: number; how: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const table = `raw_${randomBytes(3).toString('hex')}`;
  const fresh = async () => {
    await c.query(`DROP TABLE IF EXISTS ${table}`);
    await c.query(`CREATE TABLE ${table} (${PLAIN_COLUMNS.join(', ')})`);
  };
  await fresh();
  let t = performance.now();
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), c.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`)));
  const streams = (performance.now() - t) / 1000;
  await fresh();
  t = performance.now();
  sh('psql', [url, '-q', '-c', `\\copy ${table} FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
  const psql = (performance.now() - t) / 1000;
  await c.query(`DROP TABLE ${table}`);
  await c.end();
  return streams <= psql
    ? { s: streams, how: `pg-copy-streams (psql \\copy ${psql.toFixed(1)} s)` }
    : { s: psql, how: `psql \\copy (pg-copy-streams ${streams.toFixed(1)} s)` };
}

/** PGlite's raw COPY reads a blob; the file goes in 64 MiB pieces cut at line ends. */
async function rawCopyPglite(file: string): Promise<{ s: number; how: string }> {
  const db = await PGlite.create();
  await db.exec(`CREATE TABLE raw (${PLAIN_COLUMNS.join(', ')})`);
  const t = performance.now();
  let carry = Buffer.alloc(0);
  let first = true;
  for await (const chunk of createReadStream(file, { highWaterMark: 64 << 20 })) {
    const buf = Buffer.concat([carry, chunk as Buffer]);
    const end = buf.lastIndexOf(10) + 1;
    carry = buf.subarray(end);
    await db.query(`COPY raw FROM '/dev/blob' WITH (FORMAT csv, HEADER ${first})`, [], { blob: new Blob([buf.subarray(0, end)]) });
    first = false;
  }
  if (carry.length) await db.query(`COPY raw FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([carry]) });
  const s = (performance.now() - t) / 1000;
  await db.close();
  return { s, how: 'PGlite COPY from a blob, 64 MiB pieces' };
}

async function benchPostgres(files: Map<number, string>): Promise<Figures[]> {
  const name = `jt_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  onStop.push(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), JUTONG_FILES_DIR: join(work, 'files-pg') };
  let server: Server | null = null;
  try {
    console.log('seeding the demo city on PostgreSQL…');
    sh(process.execPath, [BIN, 'seed'], env);
    server = await startServer(env, []);
    const { code, token } = await prepare(server);
    const out: Figures[] = [];
    for (const [rows, file] of files) {
      console.log(`postgres: importing ${rows.toLocaleString('en-US')} rows…`);
      const r = await importOnce(server, code, token, file);
      console.log(`postgres: raw COPY of the same file…`);
      const ref = await rawCopyPostgres(url.toString(), file);
      out.push(figures(rows, file, r, ref));
      console.log(out.at(-1));
    }
    return out;
  } finally {
    server?.child.kill('SIGTERM');
    if (server) await new Promise((r) => server?.child.once('exit', r));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function benchPglite(file: string, rows: number): Promise<Figures> {
  const dir = join(work, 'pglite-data');
  const server = await startServer({ JUTONG_DATA_DIR: dir }, ['--demo']);
  try {
    const { code, token } = await prepare(server);
    console.log(`pglite: importing ${rows.toLocaleString('en-US')} rows…`);
    const r = await importOnce(server, code, token, file);
    server.child.kill('SIGTERM');
    await new Promise((res) => server.child.once('exit', res));
    console.log('pglite: raw COPY of the same file…');
    const ref = await rawCopyPglite(file);
    return figures(rows, file, r, ref);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

function figures(rows: number, file: string, r: Awaited<ReturnType<typeof importOnce>>, ref: { s: number; how: string }): Figures {
  return {
    rows,
    mb: statSync(file).size / 2 ** 20,
    ingestS: r.ingestS,
    rowsLoaded: r.run.rowsLoaded,
    rejected: r.run.rowsRejected,
    peakRssMb: r.peakRssMb,
    idleRssMb: r.idleRssMb,
    refS: ref.s,
    refHow: ref.how,
  };
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
function table(rs: (Figures & { engine: string })[]): string {
  const head =
    '| engine | rows | file | validated ingest | rows/s | raw COPY (reference) | rows/s | ratio | server RSS before → peak |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
  const lines = rs.map(
    (r) =>
      `| ${r.engine} | ${n(r.rows)} | ${r.mb.toFixed(0)} MiB | ${r.ingestS.toFixed(1)} s | ${n(r.rows / r.ingestS)} | ${r.refS.toFixed(1)} s — ${r.refHow} | ${n(r.rows / r.refS)} | **${Math.round((r.refS / r.ingestS) * 100)} %** | ${r.idleRssMb.toFixed(0)} → ${r.peakRssMb.toFixed(0)} MB |`,
  );
  return [head, ...lines].join('\n');
}

const results: (Figures & { engine: string })[] = [];
try {
  const files = new Map(sizes.map((rows) => [rows, generate(rows)]));
  for (const f of await benchPostgres(files)) results.push({ ...f, engine: 'postgres' });
  if (pgliteRows) results.push({ ...(await benchPglite(files.get(pgliteRows) ?? generate(pgliteRows), pgliteRows)), engine: 'pglite' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
const code = sh('git', ['rev-parse', '--short', 'HEAD']).trim();

/** The targets, judged on this run's figures. */
function verdict(rs: (Figures & { engine: string })[]): string {
  const pg = rs.filter((r) => r.engine === 'postgres');
  const ratios = pg.map((r) => Math.round((r.refS / r.ingestS) * 100));
  const peaks = pg.map((r) => Math.round(r.peakRssMb));
  const met = (ok: boolean) => (ok ? 'met' : 'missed');
  return (
    `Targets in this run: throughput **${met(ratios.every((x) => x >= 50))}** (${ratios.join(' %, ')} % of raw COPY on PostgreSQL); ` +
    `memory **${met(peaks.every((x) => x < 300))}** (server peak ${peaks.join(', ')} MB${pg.length > 1 ? `, from ${n(pg[0].rows)} to ${n(pg.at(-1)?.rows ?? 0)} rows` : ''}).`
  );
}
const md = `## Gathering: validated ingest vs raw COPY

Generated by \`bench/gathering.bench.ts\` (section rewritten on every run).

- **Reproduce:** \`node bin/run-ts.mjs bench/gathering.bench.ts --rows ${args.rows} --pglite-rows ${args['pglite-rows']}\`
- **Run:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · code ${code}
- **Path measured:** \`jutong generate population --seed bench\` (12 columns, realistic values) → \`jutong import <code> <file>\` streaming over HTTP to a
  \`jutong serve\` child → decode → CSV parse → per-cell standardization and validation against the data elements (ID check digit and
  region, dates, enumerations, lengths) → COPY into a staging table → primary key on 公民身份号码 → version switch in one transaction.
- **Reference:** a raw \`COPY … FROM STDIN (FORMAT csv)\` of the same file into a plain table with the same column types, no key, no validation.
- **Target:** ≥ 50 % of raw COPY throughput on PostgreSQL; server peak RSS < 300 MB whatever the file size.

${table(results)}

${verdict(results)}

Where the time goes (1 M rows, PostgreSQL, measured in-process): the parse worker (read UTF-8 bytes, cut CSV, check and copy
12 cells per row into COPY buffers) needs ~2–2.5 s of one core (a fresh worker per run, so part of it is compiling); the COPY,
one statement streamed for the whole file, ~2 s of PostgreSQL's — as long as the raw COPY of the CSV itself (in binary format
it took the same: PostgreSQL's time goes to storing rows, not parsing them); the key (公民身份号码, C collation, 256 MB of
maintenance memory so the build runs in parallel) ~0.9 s, after the load; the main thread's feeding and COPY protocol ~0.5 s.
On 2 cores the parse and the COPY overlap; the key cannot (it needs the whole table). Figures taken while other work loaded the
machine are slower for both sides of the ratio, but not equally: the validated path needs both cores.
On PGlite the validated ingest beats PGlite's own COPY of the whole CSV in 64 MiB blobs (which holds each blob in WASM memory).

History (1 M rows, PostgreSQL, through HTTP): first working version 46k rows/s (15 %), 584 MB peak →
rows joined per batch instead of one growing string (V8 rope flattening had doubled the work): 109k rows/s, 442 MB →
parse in a worker thread with a bounded heap: the peak stopped growing with the file (383 MB at 1 M, 364 MB at 10 M) →
feeding the worker 1 MiB pieces instead of one message per socket read (the HTTP path had been 2.5× slower than a file):
134k rows/s (24 %) when the machine was quiet → the key built after the load instead of during it (in-process, 10 M rows:
98 s → 84 s; the same at 1 M; through HTTP 128 s → 74.5 s; on PGlite the key stays during the load: after it took 38 s against
10–12 s) → CSV read and checked as UTF-8 bytes (a standard free-text cell is copied byte for byte, never decoded; typed cells
are strings only while checked; rows written straight into COPY buffers; no per-cell closures, which tsx's keepNames made cost
a defineProperty each) → one streamed COPY instead of one per 512 KB (which had cost twice the COPY itself), the key column in
the C collation built with more maintenance memory, and src/ run compiled instead of through tsx (the server's idle RSS
~60 MB lower; the parse worker's ~65 MB at peak is its parse heap, not module loading).
`;
console.log(`\n${md}`);
if (!args['no-write']) writeSection(new URL('RESULTS.md', import.meta.url), 'gathering', md);

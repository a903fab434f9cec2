// The exchange agent (前置机) end to end, as departments run it: a provider's agent pushes a
// MariaDB table of population rows to the platform's table mount (`jutong agent --once`, a child
// process; incremental by (updated_at, key), batches of the agent's default size), then a
// consumer's agent pulls its grant of that resource (delivery 库表) into a PostgreSQL table of its
// own (pages of the agent's default size). The reference is a raw copy of the same rows from
// MariaDB to PostgreSQL with nothing in between (a streamed SELECT piped into COPY … FROM STDIN),
// measured in the same run, before and after the agent, the faster of the two counting.
//
//   node bin/run-ts.mjs bench/agent.bench.ts [--rows 1000000] [--batch 50000] [--page 50000] [--no-write] [--smoke]
//
// The platform runs in this process on a fresh PostgreSQL database (bench/lib/engine.ts), listening
// on 127.0.0.1; the agents are `node bin/jutong.mjs agent` child processes. At the end the consumer's
// table and the reference's are checked against the source: row count, a checksum of every
// row's six values, and 1,000 random rows compared value by value. Talks to 127.0.0.1 only.
// Writes its section of bench/RESULTS.md (not with --smoke: a few hundred rows in several batches
// and pages, bench/lib/args.ts).
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { api, BIN, hasMysql, hasPostgres, runAgentProcess, type Scratch, scratchMysql, scratchPostgres } from '../src/cli/agent/test-support.js';
import { DISTRICTS } from '../src/modules/gathering/generate/places.js';
import { benchArgs } from './lib/args.js';
import { type BenchPlatform, freshPlatform, PASSWORD } from './lib/engine.js';
import { type Stat, serverCpu, stat, status } from './lib/proc.js';
import { writeSection } from './lib/sections.js';

// batch: the push job's batchRows (the agent's default: 50000); page: the pull job's pageRows
// (the agent's default: 50000, the most the platform gives). Smoke: more than one of each.
const args = benchArgs({ rows: '1000000', batch: '50000', page: '50000' }, { rows: '500', batch: '200', page: '200' });
const ROWS = Number(args.rows);
const BATCH = Number(args.batch);
const PAGE = Number(args.page);
if (!(ROWS > 0 && BATCH > 0 && PAGE > 0)) throw new Error('--rows, --batch and --page take positive numbers');

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sh = (cmd: string, a: string[]) => execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });

// The catalog entry: six items, four of them standard data elements (the platform checks ID numbers,
// mobile numbers… as it does for any load), all granted unmasked, as a department syncing its own copy gets them.
const ITEMS = [
  { name: '公民身份号码', dataElement: 'DE00004', type: 'string', length: 18, column: 'id_number' },
  { name: '姓名', dataElement: 'DE00001', type: 'string', length: 50, column: 'name' },
  { name: '手机号码', dataElement: 'DE00007', type: 'string', length: 11, column: 'phone' },
  { name: '户籍地址', dataElement: 'DE00024', type: 'string', length: 200, column: 'address' },
  { name: '所属区县', dataElement: null, type: 'string', length: 20, column: 'district' },
  { name: '更新时间', dataElement: null, type: 'datetime', length: null, column: 'updated_at' },
] as const;
const KEY = ITEMS[0];

// --- CPU and memory of the processes involved, sampled while a step runs ---

type Usage = { ms: number; cpu: { agent: number; node: number; postgres: number; mariadb: number }; rssBefore: number; rssPeak: number; agentPeak: number };

/** Runs a step with the samplers on; `child` names the agent process once it has started; `progress` is printed every 15 s. */
async function measured<T>(what: string, fn: (onChild: (pid: number) => void) => Promise<T>, progress?: () => string): Promise<{ out: T; use: Usage }> {
  const base = serverCpu();
  const last = new Map(base);
  const self0 = stat('self') as Stat;
  const node0 = process.cpuUsage();
  const rssBefore = status('self', 'VmRSS');
  let peakReset = true;
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // VmHWM starts again from the current RSS
  } catch {
    peakReset = false;
  }
  let rssPeak = rssBefore;
  let agentPid: number | null = null;
  let agentPeak = 0;
  let lastProgress = Date.now();
  const sample = () => {
    for (const [pid, v] of serverCpu()) last.set(pid, v);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss / 2 ** 20);
    if (agentPid) agentPeak = Math.max(agentPeak, status(agentPid, 'VmHWM'));
    if (progress && Date.now() - lastProgress >= 15_000) {
      lastProgress = Date.now();
      log(`  ${what}: ${progress()}`);
    }
  };
  const timer = setInterval(sample, 250);
  const t0 = performance.now();
  let out: T;
  try {
    out = await fn((pid) => {
      agentPid = pid;
    });
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - t0;
  sample();
  const self1 = stat('self') as Stat;
  const node1 = process.cpuUsage();
  let postgres = 0;
  let mariadb = 0;
  for (const [pid, v] of last) {
    const d = v.s - (base.get(pid)?.s ?? 0);
    if (v.kind === 'postgres') postgres += d;
    else mariadb += d;
  }
  if (peakReset) rssPeak = Math.max(rssPeak, status('self', 'VmHWM'));
  return {
    out,
    use: {
      ms,
      cpu: {
        // A waited-for child's CPU time is added to this process's cutime/cstime when it ends.
        agent: self1.children - self0.children,
        node: (node1.user + node1.system - node0.user - node0.system) / 1e6,
        postgres,
        mariadb,
      },
      rssBefore,
      rssPeak,
      agentPeak,
    },
  };
}

// --- The source: population rows in MariaDB ---

/** `jutong generate population` (valid ID numbers, names, household addresses), loaded with LOAD DATA LOCAL; phone, district and updated_at derived in SQL. */
async function fillSource(src: Scratch, work: string): Promise<{ genMs: number; loadMs: number }> {
  const file = join(work, 'population.csv');
  let t = performance.now();
  sh(process.execPath, [BIN, 'generate', 'population', '--rows', String(ROWS), '--seed', 'bench', '--out', file, '-q']);
  const genMs = performance.now() - t;
  const mysql = await import('mysql2/promise');
  const c = await mysql.createConnection({ uri: src.url, charset: 'utf8mb4' });
  try {
    await c.query(`CREATE TABLE people (
      id_number CHAR(18) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
      name VARCHAR(50) NOT NULL,
      phone CHAR(11) CHARACTER SET ascii NOT NULL,
      address VARCHAR(200) NOT NULL,
      district VARCHAR(20) NOT NULL,
      updated_at DATETIME NOT NULL
    ) ENGINE=InnoDB`);
    const prefixes = ['135', '136', '137', '138', '139', '150', '151', '158', '186', '188'];
    const districts = new Set(DISTRICTS.map((d) => d.name));
    t = performance.now();
    // The generator's columns: 姓名 公民身份号码 性别 民族 出生日期 户籍地址 户号 与户主关系 婚姻状况 文化程度 户籍登记日期 所属派出所.
    await c.query({
      sql: `LOAD DATA LOCAL INFILE 'population.csv' INTO TABLE people CHARACTER SET utf8mb4
              FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES
              (name, id_number, @sex, @ethnicity, @born, address, @household, @relation, @marriage, @education, @registered, @police)
            SET phone = CONCAT(ELT(1 + CRC32(id_number) % ${prefixes.length}, ${prefixes.map((p) => `'${p}'`).join(', ')}),
                               LPAD(CRC32(CONCAT('p', id_number)) % 100000000, 8, '0')),
                district = SUBSTRING(address, 7, 3),
                updated_at = TIMESTAMP('2021-01-01') + INTERVAL (CRC32(CONCAT('u', id_number)) % 157766400) SECOND`,
      infileStreamFactory: () => createReadStream(file),
    });
    // The agent's cursor: (updated_at, key), read in that order.
    await c.query('ALTER TABLE people ADD INDEX people_updated (updated_at, id_number)');
    await c.query('ANALYZE TABLE people');
    const loadMs = performance.now() - t;
    const [[{ rows, odd }]] = (await c.query(
      `SELECT count(*) AS \`rows\`, sum(district NOT IN (${[...districts].map((d) => `'${d}'`).join(', ')})) AS odd FROM people`,
    )) as any;
    if (Number(rows) !== ROWS) throw new Error(`the source holds ${rows} rows, not ${ROWS}`);
    if (Number(odd)) throw new Error(`${odd} rows of the source have no district`);
    return { genMs, loadMs };
  } finally {
    await c.end();
    rmSync(file, { force: true });
  }
}

// --- The platform: an entry, its table mount, a grant to another department, API keys ---

async function preparePlatform(bp: BenchPlatform) {
  await bp.p.http.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(bp.p.http.server.address() as { port: number }).port}`;
  const login = async (username: string) => (await api(url, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD })).token as string;
  const [provider, admin, gajAdmin, consumer] = [await login('gaj_user'), await login('admin'), await login('gaj_admin'), await login('mzj_user')];
  const entry = await api(url, provider, 'POST', '/api/v1/catalog/resources', {
    name: '户籍人口联系信息（前置机同步压测）',
    classification: '101',
    abstract: '公安局户籍人口的公民身份号码、姓名、手机号码、户籍地址、所属区县和更新时间，由前置机从业务库增量推送，供民政部门库表同步。',
    format: 'database',
    formatType: 'MySQL',
    items: ITEMS.map(({ name, dataElement, type, length }) => ({ name, dataElement, type, length })),
    shareType: 'conditional',
    shareCondition: '仅用于政务服务',
    shareChannel: 'platform',
    shareVia: 'table',
    openType: 'closed',
    updateCycle: 'daily',
  });
  await api(url, provider, 'POST', `/api/v1/catalog/resources/${entry.id}/submit`);
  await api(url, admin, 'POST', `/api/v1/catalog/resources/${entry.id}/review`, { decision: 'approve' });
  const mount = await api(url, provider, 'POST', `/api/v1/catalog/resources/${entry.id}/mounts`, { kind: 'table', keyItems: [KEY.name] });
  const items = ITEMS.map((i) => i.name);
  const asked = await api(url, consumer, 'POST', '/api/v1/sharing/requests', {
    resourceId: entry.id,
    purpose: '同步到本部门数据库用于社会救助对象核对',
    legalBasis: '《社会救助暂行办法》',
    items,
    delivery: 'table',
    useFrom: '2026-01-01',
    useTo: '2099-12-31',
  });
  await api(url, admin, 'POST', `/api/v1/sharing/requests/${asked.id}/check`, { decision: 'pass' });
  await api(url, gajAdmin, 'POST', `/api/v1/sharing/requests/${asked.id}/review`, {
    decision: 'approve',
    unmasked: items,
    callsPerMinute: 100_000,
    callsPerDay: 10_000_000,
  });
  return {
    url,
    provider,
    code: entry.code as string,
    mountId: mount.id as string,
    providerKey: (await api(url, provider, 'POST', '/api/v1/auth/api-keys', { name: '前置机（推送压测）' })).key as string,
    consumerKey: (await api(url, consumer, 'POST', '/api/v1/auth/api-keys', { name: '前置机（拉取压测）' })).key as string,
  };
}

// --- The reference: MariaDB → PostgreSQL with nothing in between ---

const copyText = (v: unknown) =>
  v === null ? '\\N' : String(v).replace(/[\\\t\n\r]/g, (ch) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[ch] as string);

/** A streamed SELECT of the six columns (values as text) piped into COPY … FROM STDIN of an empty table shaped like the agent's (text columns, text key). */
async function rawCopy(src: Scratch, dst: Scratch): Promise<void> {
  const mysql = await import('mysql2');
  const my = mysql.createConnection({ uri: src.url, charset: 'utf8mb4', dateStrings: true });
  const c = new pg.Client({ connectionString: dst.url });
  await c.connect();
  try {
    await c.query('DROP TABLE IF EXISTS people_raw');
    await c.query(`CREATE TABLE people_raw (${ITEMS.map((i) => `${i.column} text${i === KEY ? ' COLLATE "C" PRIMARY KEY' : ''}`).join(', ')})`);
    const rows = my.query({ sql: `SELECT ${ITEMS.map((i) => i.column).join(', ')} FROM people`, rowsAsArray: true }).stream({ highWaterMark: 1000 });
    await pipeline(
      rows,
      async function* (source: AsyncIterable<unknown[]>) {
        let lines: string[] = [];
        for await (const r of source) {
          lines.push(`${r.map(copyText).join('\t')}\n`);
          if (lines.length === 1000) {
            yield lines.join('');
            lines = [];
          }
        }
        if (lines.length) yield lines.join('');
      },
      c.query(copyFrom('COPY people_raw FROM STDIN')),
    );
  } finally {
    await c.end();
    await new Promise<void>((r) => my.end(() => r()));
  }
}

// --- The check: the copies hold the source's rows ---

type Sum = { rows: string; sum: string };
async function sourceSum(src: Scratch): Promise<Sum> {
  const mysql = await import('mysql2/promise');
  const c = await mysql.createConnection({ uri: src.url, charset: 'utf8mb4' });
  try {
    const [[r]] = (await c.query(
      `SELECT CAST(count(*) AS CHAR) AS \`rows\`,
              CAST(SUM(CAST(CONV(LEFT(MD5(CONCAT_WS('|', ${ITEMS.map((i) => i.column).join(', ')})), 15), 16, 10) AS UNSIGNED)) AS CHAR) AS sum FROM people`,
    )) as any;
    return { rows: r.rows, sum: r.sum };
  } finally {
    await c.end();
  }
}
/** The same sum of the first 60 bits of each row's MD5, over a PostgreSQL table's columns. */
async function targetSum(c: pg.Client, table: string, cols: string[]): Promise<Sum> {
  const { rows } = await c.query<Sum>(
    `SELECT count(*)::text AS rows, sum(('x' || left(md5(concat_ws('|', ${cols.join(', ')})), 15))::bit(60)::bigint)::text AS sum FROM ${table}`,
  );
  return rows[0];
}

async function verify(src: Scratch, dst: Scratch): Promise<string> {
  const source = await sourceSum(src);
  const c = new pg.Client({ connectionString: dst.url });
  await c.connect();
  try {
    const copyCols = ITEMS.map((i) => `"${i.name}"`);
    const copy = await targetSum(c, 'people_copy', copyCols);
    const raw = await targetSum(
      c,
      'people_raw',
      ITEMS.map((i) => i.column),
    );
    const problems: string[] = [];
    const same = (what: string, s: Sum) => {
      if (s.rows !== source.rows) problems.push(`${what} holds ${s.rows} rows, the source ${source.rows}`);
      else if (s.sum !== source.sum) problems.push(`${what}'s checksum ${s.sum} is not the source's ${source.sum}`);
    };
    same('the consumer’s table (agent)', copy);
    same('the reference’s table', raw);
    // 1,000 random rows, value by value.
    const mysql = await import('mysql2/promise');
    const my = await mysql.createConnection({ uri: src.url, charset: 'utf8mb4', dateStrings: true });
    let sample: Record<string, string>[];
    try {
      [sample] = (await my.query(`SELECT ${ITEMS.map((i) => i.column).join(', ')} FROM people ORDER BY RAND() LIMIT 1000`)) as any;
    } finally {
      await my.end();
    }
    const { rows: got } = await c.query(`SELECT ${copyCols.join(', ')} FROM people_copy WHERE "${KEY.name}" = ANY($1::text[])`, [
      sample.map((r) => r[KEY.column]),
    ]);
    const byKey = new Map(got.map((r) => [r[KEY.name] as string, r]));
    let differ = 0;
    for (const r of sample) {
      const other = byKey.get(r[KEY.column]);
      const a = ITEMS.map((i) => String(r[i.column]));
      const b = ITEMS.map((i) => (other ? String(other[i.name]) : '(missing)'));
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        if (differ++ < 3) problems.push(`row ${r[KEY.column]}: source ${JSON.stringify(a)}, copy ${JSON.stringify(b)}`);
      }
    }
    if (differ) problems.push(`${differ} of ${sample.length} sampled rows differ`);
    if (problems.length) throw new Error(`the copies do not hold the source's rows:\n  ${problems.join('\n  ')}`);
    return `${n(Number(source.rows))} rows on each side, checksum ${source.sum} (sum of each row's MD5, first 60 bits) equal on all three, ${sample.length} random rows equal value by value`;
  } finally {
    await c.end();
  }
}

// --- The run ---

if (!(await hasPostgres()) || !(await hasMysql())) throw new Error('the bench needs PostgreSQL at 127.0.0.1:5432 and MariaDB at 127.0.0.1:3306');
for (const u of [process.env.TEST_MYSQL_URL, process.env.TEST_DATABASE_URL])
  if (u && !['127.0.0.1', 'localhost', '::1'].includes(new URL(u).hostname)) throw new Error(`the bench talks to 127.0.0.1 only, not ${u}`);

const code = sh('git', ['rev-parse', '--short', 'HEAD']).trim();
const dirty = sh('git', ['status', '--porcelain', '--', 'src']).trim() !== '';
const load0 = loadavg()[0];
const started = new Date();
const work = mkdtempSync(join(tmpdir(), 'jt-bench-agent-'));
let src: Scratch | null = null;
let dst: Scratch | null = null;
let bp: BenchPlatform | null = null;

type Step = { name: string; use: Usage; detail: string };
const steps: Step[] = [];
let fill = { genMs: 0, loadMs: 0 };
let checked = '';
const refs: Usage[] = [];
let pgVersion = '';
let startMs = 0;
let myVersion = '';
try {
  src = await scratchMysql();
  dst = await scratchPostgres();
  log(`generating ${n(ROWS)} population rows and loading them into MariaDB (${src.name})…`);
  fill = await fillSource(src, work);
  log(`  generated in ${secs(fill.genMs)}, loaded and indexed in ${secs(fill.loadMs)} (not part of the result)`);

  log('the platform on a fresh PostgreSQL database (demo city seeded)…');
  bp = await freshPlatform('postgres');
  const plat = await preparePlatform(bp);
  pgVersion = (await bp.p.db.query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0].v;
  {
    const mysql = await import('mysql2/promise');
    const c = await mysql.createConnection({ uri: src.url });
    myVersion = String(((await c.query('SELECT version() AS v')) as any)[0][0].v);
    await c.end();
  }

  const providerConfig = join(work, 'provider.json');
  const consumerConfig = join(work, 'consumer.json');
  writeFileSync(
    providerConfig,
    JSON.stringify({
      platform: plat.url,
      apiKey: plat.providerKey,
      state: 'state/provider.state.json',
      retrySeconds: 60,
      jobs: [
        {
          name: 'people',
          push: {
            resource: plat.code,
            source: {
              kind: 'mysql',
              url: src.url,
              table: 'people',
              key: ['id_number'],
              updatedAt: 'updated_at',
              columns: Object.fromEntries(ITEMS.map((i) => [i.name, i.column])),
            },
            batchRows: BATCH,
          },
        },
      ],
    }),
  );
  writeFileSync(
    consumerConfig,
    JSON.stringify({
      platform: plat.url,
      apiKey: plat.consumerKey,
      state: 'state/consumer.state.json',
      retrySeconds: 60,
      jobs: [{ name: 'people-copy', pull: { resource: plat.code, target: { kind: 'postgres', url: dst.url, table: 'people_copy' }, pageRows: PAGE } }],
    }),
  );
  const stateOf = (name: string) => {
    try {
      return JSON.parse(readFileSync(join(work, 'state', `${name}.state.json`), 'utf8')).jobs as Record<string, any>;
    } catch {
      return {};
    }
  };
  // The agent's code is compiled on its first start (src/platform/compile.mjs): not in a measurement.
  for (const config of [providerConfig, consumerConfig, providerConfig]) {
    const t = performance.now();
    const warm = await runAgentProcess(config, ['--status']);
    if (warm.code !== 0) throw new Error(`jutong agent --status: ${warm.code}\n${warm.err}`);
    startMs = performance.now() - t; // the last one: a start with nothing to compile
  }
  log(`  the agent starts and ends (--status, compiled) in ${secs(startMs)}`);

  const agent = async (what: string, config: string, progress: () => string) => {
    const r = await measured(what, (onChild) => runAgentProcess(config, ['--once'], {}, (c) => onChild(c.pid as number)), progress);
    if (r.out.code !== 0 || r.out.signal) throw new Error(`${what}: the agent ended with ${r.out.code ?? r.out.signal}\n${r.out.err}`);
    const retries = r.out.err.split('\n').filter((l) => /秒后重试/.test(l));
    if (retries.length) log(`  ${what}: the agent retried ${retries.length} time(s): ${retries[0]}`);
    return { ...r, retries: retries.length };
  };

  log('reference: raw copy MariaDB → PostgreSQL (streamed SELECT → COPY)…');
  refs.push((await measured('reference', () => rawCopy(src as Scratch, dst as Scratch))).use);
  log(`  ${secs(refs[0].ms)}, ${n(ROWS / (refs[0].ms / 1000))} rows/s`);

  log(`push: MariaDB → platform, batches of ${n(BATCH)} rows…`);
  const push = await agent('push', providerConfig, () => `${n(stateOf('provider').people?.rowsSent ?? 0)} rows sent`);
  const batches = (push.out.err.match(/批次 #\d+/g) ?? []).length;
  const mount = await api(plat.url, plat.provider, 'GET', `/api/v1/mounts/${plat.mountId}`);
  if (mount.rowCount !== ROWS) throw new Error(`push: the mount holds ${mount.rowCount} rows, not ${ROWS}\n${push.out.err}`);
  steps.push({
    name: 'push: MariaDB → platform',
    use: push.use,
    detail: `${n(batches)} batches of ≤ ${n(BATCH)}, mount version ${mount.currentVersion}${push.retries ? `, ${push.retries} retries` : ''}`,
  });
  log(`  ${secs(push.use.ms)}, ${n(ROWS / (push.use.ms / 1000))} rows/s, ${batches} batches`);

  log(`pull: platform → PostgreSQL, pages of ${n(PAGE)} rows…`);
  const pull = await agent('pull', consumerConfig, () => `${n(stateOf('consumer')['people-copy']?.upserts ?? 0)} rows applied`);
  const pages = stateOf('consumer')['people-copy']?.pages ?? 0;
  steps.push({
    name: 'pull: platform → PostgreSQL',
    use: pull.use,
    detail: `${n(pages)} pages of ≤ ${n(PAGE)}${pull.retries ? `, ${pull.retries} retries` : ''}`,
  });
  log(`  ${secs(pull.use.ms)}, ${n(ROWS / (pull.use.ms / 1000))} rows/s, ${pages} pages`);

  log('reference again (the machine is shared: the faster of the two counts)…');
  refs.push((await measured('reference', () => rawCopy(src as Scratch, dst as Scratch))).use);
  log(`  ${secs(refs[1].ms)}, ${n(ROWS / (refs[1].ms / 1000))} rows/s`);

  log('checking the copies against the source…');
  checked = await verify(src, dst);
  log(`  ${checked}`);
} finally {
  await bp?.dispose().catch((e) => console.error(`dispose: ${e.message}`));
  await src?.drop().catch((e) => console.error(`drop ${src?.name}: ${e.message}`));
  await dst?.drop().catch((e) => console.error(`drop ${dst?.name}: ${e.message}`));
  rmSync(work, { recursive: true, force: true });
}

// --- The report ---

const ref = refs.reduce((a, b) => (b.ms < a.ms ? b : a));
const [pushStep, pullStep] = steps;
const e2e: Usage = {
  ms: pushStep.use.ms + pullStep.use.ms,
  cpu: {
    agent: pushStep.use.cpu.agent + pullStep.use.cpu.agent,
    node: pushStep.use.cpu.node + pullStep.use.cpu.node,
    postgres: pushStep.use.cpu.postgres + pullStep.use.cpu.postgres,
    mariadb: pushStep.use.cpu.mariadb + pullStep.use.cpu.mariadb,
  },
  rssBefore: pushStep.use.rssBefore,
  rssPeak: Math.max(pushStep.use.rssPeak, pullStep.use.rssPeak),
  agentPeak: Math.max(pushStep.use.agentPeak, pullStep.use.agentPeak),
};
const rate = (u: Usage) => ROWS / (u.ms / 1000);
const pct = (u: Usage) => `${Math.round((rate(u) / rate(ref)) * 100)} %`;
const cpu = (u: Usage, agentRan = true) =>
  `${agentRan ? u.cpu.agent.toFixed(1) : '—'} · ${u.cpu.node.toFixed(1)} · ${u.cpu.postgres.toFixed(1)} · ${u.cpu.mariadb.toFixed(1)}`;
const rss = (u: Usage, agentRan = true) => `${n(u.rssBefore)} → ${n(u.rssPeak)} MB${agentRan ? ` · ${n(u.agentPeak)} MB` : ''}`;
const line = (name: string, u: Usage, detail: string, agentRan = true, bold = false) =>
  `| ${name} | ${secs(u.ms)} | ${bold ? `**${n(rate(u))}**` : n(rate(u))} | ${bold ? `**${pct(u)}**` : pct(u)} | ${cpu(u, agentRan)} | ${rss(u, agentRan)} | ${detail} |`;
const table = [
  '| step | time | rows/s | of reference | CPU s: agent · platform process · PostgreSQL · MariaDB | platform process RSS before → peak · agent peak | notes |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  line(pushStep.name, pushStep.use, pushStep.detail),
  line(pullStep.name, pullStep.use, pullStep.detail),
  line('end to end (push + pull)', e2e, 'one after the other', true, true),
  line(
    'reference: raw copy MariaDB → PostgreSQL',
    ref,
    `streamed SELECT → COPY; runs ${refs.map((r) => secs(r.ms)).join(' and ')}, the faster counts (its client is this process)`,
    false,
  ),
].join('\n');

const cmd = `node bin/run-ts.mjs bench/agent.bench.ts --rows ${ROWS}${BATCH !== 50_000 ? ` --batch ${BATCH}` : ''}${PAGE !== 50_000 ? ` --page ${PAGE}` : ''}`;
const md = `## Exchange agent (前置机): MariaDB → platform → PostgreSQL

Generated by \`bench/agent.bench.ts\` (section rewritten on every run).

- **Reproduce:** \`${cmd}\`
- **Run:** ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · code ${code}${dirty ? ' (with uncommitted changes in src/)' : ''} · ${availableParallelism()} cores, load average before ${load0.toFixed(1)} · PostgreSQL ${pgVersion} · MariaDB ${myVersion.replace(/-.*/, '')}
- **Data:** ${n(ROWS)} rows of \`jutong generate population --seed bench\` (valid 18-digit ID numbers as the key, names, household addresses) in a MariaDB table \`people\`
  (公民身份号码, 姓名, 手机号码, 户籍地址, 所属区县, 更新时间), phone, district and updated_at derived from each row; loading it (${secs(fill.genMs)} to generate,
  ${secs(fill.loadMs)} for LOAD DATA LOCAL and the (updated_at, key) index) is not measured.
- **Path measured:** \`jutong agent --config provider.json --once\` (a child process): keyset reads by (updated_at, key) of ${n(BATCH)} rows, each batch written
  down in the state file (fsync) before it is sent as JSON lines to \`POST /api/v1/mounts/{id}/runs?mode=upsert\` with an idempotency key; the platform
  checks every cell against the items' data elements (in a parse worker kept warm between runs), stages the batch, merges it into the mount's table
  and publishes it as a new version before it answers; the agent reads the next batch from MariaDB meanwhile, and writes it down and sends it only
  after that answer. Then \`jutong agent --config consumer.json --once\`: the consumer's grant (delivery 库表, all items unmasked) read through
  \`GET /api/v1/share/{code}/changes\` — a snapshot in key order, ${n(PAGE)} rows a page, each page logged as a call — each page applied to
  the consumer's PostgreSQL table in one transaction (COPY into a temporary table, then one \`INSERT … ON CONFLICT\`), then its cursor saved
  (fsync); the next page is fetched while one is applied. The platform runs in the bench's process (\`freshPlatform('postgres')\`: the demo city seeded, background work off), listening on 127.0.0.1.
- **Reference:** the same rows copied MariaDB → PostgreSQL directly: a streamed \`SELECT\` (mysql2) piped into \`COPY … FROM STDIN\` (pg-copy-streams)
  into an empty table of the agent's shape (text columns, text key with its index), measured before and after the agent.
- **Check:** ${checked}.

${table}

End to end the agent moved ${n(ROWS)} rows in ${secs(e2e.ms)} — ${n(rate(e2e))} rows/s, ${pct(e2e)} of the raw copy's ${n(rate(ref))} rows/s (push alone ${pct(pushStep.use)},
pull alone ${pct(pullStep.use)}). The raw copy does none of what the agent and the platform are for: no check of the values, no versions, no
exactly-once batches written down before they are sent, no grant, masking, call log or resumable cursor, and one COPY instead of a round trip per
batch or page. Each agent step includes starting the agent (${secs(startMs)} for \`jutong agent --status\`). CPU is seconds over the whole step (the agent's counted exactly when it ends; PostgreSQL's and MariaDB's are every process of
the servers, sampled every 250 ms, so other work on them counts too); the
platform process is this bench's own, so its RSS includes the bench. Figures taken while other work loads the machine are slower for both sides,
not equally. Target (issue 11): ≥ 30 % of the raw copy end to end — **${rate(e2e) / rate(ref) >= 0.3 ? 'met' : 'not met'}** in this run (${pct(e2e)}).

Where the time goes (timed inside the platform and the agent at 200,000 and 600,000 rows, batches and pages of 50,000, while other
work loaded the machine, so the figures are high): the push is serial by design — the platform runs one load per mount at a time and
publishes versions in the order the agent sends them — and each 50,000-row batch cost the platform ~0.5–1.5 s for its parse worker to
check the rows and COPY them into the staging table, ~0.06 s for the staging key and ~0.3–0.5 s to merge into the mount's table
(\`INSERT … ON CONFLICT\`, growing with the table). The parse worker is now taken warm from a pool (\`src/modules/gathering/load-pool.ts\`:
4–8 ms to start a run instead of 130–280 ms for a new thread, its modules and the division-code table), and the agent reads the next
batch while the platform works. That read is now the push's pace: on a copy of the bench's table the agent's keyset reads alone took
40–46 s for the 1,000,000 rows (~2 s a batch; MariaDB ~17 s of CPU, the agent ~6 s), against ~1.0–1.3 s a batch for the platform. A
batch's rows come through the (updated_at, key) index, one primary-key lookup per row in updated_at order, and the table (200 MB) is
larger than MariaDB's default 128 MB buffer pool, so nearly every lookup reads a page (${e2e.cpu.mariadb.toFixed(1)} s of MariaDB's CPU in this run's push;
the servers' CPU counts other work on them too), while the raw copy scans the table in key order (${ref.cpu.mariadb.toFixed(1)} s). Reading a batch's keys
from the index and then its rows in one IN list (key order) took 0.9 s instead of 2 s from the mysql client, but was slower through the
agent's connection and is not kept; a buffer pool that holds the table, or an index that covers the columns read, is the source's
lever. Staging batch N+1 while batch N merges (on the platform) is not done either. The pull is paced by the platform:
per 50,000-row page ~0.25–0.45 s for the snapshot query, then the record references (an HMAC and AES per row; now one AES call for
the page's key stream and the HMAC as two one-shot hashes, about half the cost) and the page's JSON (checked by one loop per record
instead of zod's copy of every record, ~0.06–0.1 s); the agent's JSON parse (~0.1–0.2 s), COPY into a temporary table (~0.1–0.2 s)
and upsert (~0.4–0.55 s) overlap the fetch of the next page. A 50,000-row page raises the platform process's peak RSS by a few hundred
MB (the rows as objects, the records, the JSON), which is why a page is bounded by values too (300,000: 50,000 rows of six items; a wider resource gets fewer rows a page). Before this round
(code 8b06f52, 1,000,000 rows): push 15,254 rows/s, pull 21,547, end to end 8,931 (3 %), with a new load worker thread per batch,
pages of 5,000, a jsonb upsert per page and nothing overlapped.
`;
console.log(`\n${md}`);
if (!args['no-write']) writeSection(new URL('./RESULTS.md', import.meta.url), 'agent', md);
process.exit(0);

// The share API under load: a consumer's lookup of one record through
// GET /api/v1/share/{resource}/records/{ref}?by=ref (the grant masks the key, so the record is
// named by its reference, as a consumer must) — API-key authentication, grant check, quota,
// masking and a call-log row committed before the answer — beside a bare Fastify route that
// returns the same row from the same database with none of that, measured in the same run
// with autocannon (a child process) on loopback. Target: ≥ 50 % of the bare route's throughput.
//
//   node bin/run-ts.mjs bench/share.bench.ts [--engines postgres,pglite] [--rows 10000]
//     [--connections 16,32,64] [--seconds 5] [--rounds 2] [--no-write] [--profile] [--smoke]
//
// Throughput is each route's peak over the client counts given: a bare route peaks with few
// clients, a route that commits a log row per call with more (its commits are shared by more
// calls). The routes take turns, round after round, so that a change in the machine's load
// during the run (it is shared) falls on all of them alike.
//
// Prints a table and writes its own section of bench/RESULTS.md (not with --smoke: a few hundred
// rows, one round of 1 s per route, the profile with a few calls; bench/lib/args.ts). Talks to 127.0.0.1 only.
import { execFile, execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { csvText, SOURCE_ENTRIES } from '../src/modules/gathering/generate/index.js';
import { ingest, quoteTable } from '../src/modules/gathering/index.js';
import { recordRef } from '../src/modules/sharing/record-ref.js';
import { platformSecret } from '../src/platform/secrets/secrets.js';
import { benchArgs } from './lib/args.js';
import { type BenchPlatform, type Engine, freshPlatform, PASSWORD, postgresVersion } from './lib/engine.js';
import { serverCpu } from './lib/proc.js';
import { writeSection } from './lib/sections.js';

const args = benchArgs(
  // profile: sequential calls with every query timed, where a call's time goes.
  { engines: 'postgres,pglite', rows: '10000', connections: '16,32,64', seconds: '5', rounds: '2', profile: false },
  { rows: '200', connections: '2', seconds: '1', rounds: '1', profile: true },
);
const ROWS = Number(args.rows);
const CONNECTIONS = args.connections.split(',').map(Number);
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const n = (x: number) => Math.round(x).toLocaleString('en');
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const code = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();

type Load = { rps: number; p50: number; p99: number; non2xx: number; errors: number; requests: number; cpu: Cpu };
/** CPU seconds — or, in a Load, microseconds per request. */
type Cpu = { node: number; postgres: number };

/** CPU seconds used so far by this process and by every PostgreSQL process on the machine (the server runs here). */
function cpuNow(): Cpu {
  const u = process.cpuUsage();
  const postgres = [...serverCpu().values()].filter((p) => p.kind === 'postgres').reduce((sum, p) => sum + p.s, 0);
  return { node: (u.user + u.system) / 1e6, postgres };
}

/** Rounds of one route as one: mean throughput, median p50, worst p99, CPU over all its requests. */
function combine(rounds: Load[]): Load {
  const sum = (f: (l: Load) => number) => rounds.reduce((n, l) => n + f(l), 0);
  const requests = sum((l) => l.requests);
  const sorted = rounds.map((l) => l.p50).sort((a, b) => a - b);
  return {
    rps: sum((l) => l.rps) / rounds.length,
    p50: sorted[Math.floor(sorted.length / 2)],
    p99: Math.max(...rounds.map((l) => l.p99)),
    non2xx: sum((l) => l.non2xx),
    errors: sum((l) => l.errors),
    requests,
    cpu: { node: sum((l) => l.cpu.node * l.requests) / requests, postgres: sum((l) => l.cpu.postgres * l.requests) / requests },
  };
}

/** autocannon in its own process (awaited, not blocking), so the load generator does not share the server's event loop. */
async function autocannon(url: string, headers: Record<string, string>, connections = CONNECTIONS[0]): Promise<Load> {
  const argv = ['node_modules/autocannon/autocannon.js', '-c', String(connections), '-d', String(SECONDS), '-j'];
  for (const [k, v] of Object.entries(headers)) argv.push('-H', `${k}=${v}`);
  const before = cpuNow();
  const { stdout } = await promisify(execFile)('node', [...argv, url], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = JSON.parse(stdout);
  const after = cpuNow();
  const perRequest = (a: number, b: number) => ((b - a) / out.requests.total) * 1e6;
  return {
    cpu: { node: perRequest(before.node, after.node), postgres: perRequest(before.postgres, after.postgres) },
    rps: out.requests.average,
    p50: out.latency.p50,
    p99: out.latency.p99,
    non2xx: out.non2xx,
    errors: out.errors,
    requests: out.requests.total,
  };
}

async function api(base: string, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function prepare(bp: BenchPlatform) {
  const { p } = bp;
  await p.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(p.http.server.address() as { port: number }).port}`;
  const login = async (u: string) => (await api(base, null, 'POST', '/api/v1/auth/login', { username: u, password: PASSWORD })).token as string;
  const [gaj, admin, gajAdmin, mzj] = await Promise.all(['gaj_user', 'admin', 'gaj_admin', 'mzj_user'].map(login));
  // The demo's population entry, registered again with the share method 接口 (the demo's is 库表).
  const demo = (await api(base, gaj, 'GET', `/api/v1/catalog/resources?q=${encodeURIComponent(SOURCE_ENTRIES.population.entry)}`)).items.find(
    (e: { name: string }) => e.name === SOURCE_ENTRIES.population.entry,
  );
  const full = await api(base, gaj, 'GET', `/api/v1/catalog/resources/${demo.id}`);
  const entry = await api(base, gaj, 'POST', '/api/v1/catalog/resources', {
    name: '户籍人口核验（共享接口压测）',
    classification: full.classification,
    abstract: full.abstract,
    format: 'database',
    formatType: 'PostgreSQL',
    items: full.items,
    shareType: 'conditional',
    shareCondition: '仅用于政务服务',
    shareChannel: 'platform',
    shareVia: 'api',
    openType: 'closed',
    updateCycle: 'daily',
  });
  await api(base, gaj, 'POST', `/api/v1/catalog/resources/${entry.id}/submit`);
  await api(base, admin, 'POST', `/api/v1/catalog/resources/${entry.id}/review`, { decision: 'approve' });
  const mount = await api(base, gaj, 'POST', `/api/v1/catalog/resources/${entry.id}/mounts`, { kind: 'table' });
  const csv = Buffer.from(csvText({ kind: 'population', rows: ROWS, seed: 'bench', badFraction: 0 }), 'utf8');
  const deps = { db: p.db, actions: p.actions, files: p.files, tmpDir: p.config.filesDir };
  const { principalFromToken } = await import('../src/platform/auth/service.js');
  const who = await principalFromToken(p.db, gaj, null);
  const run = await ingest(deps, who as never, {
    mountId: mount.id,
    mode: 'replace',
    encoding: 'auto',
    mapping: {},
    bytesTotal: csv.length,
    filename: 'pop.csv',
    body: (async function* () {
      yield csv;
    })(),
  });
  if (run.status !== 'succeeded') throw new Error(`ingest: ${run.status} ${run.error}`);
  const items = (full.items as { name: string }[]).map((i) => i.name);
  const req = await api(base, mzj, 'POST', '/api/v1/sharing/requests', {
    resourceId: entry.id,
    purpose: '核验服务对象身份（压测）',
    legalBasis: '《社会救助暂行办法》',
    items: items.slice(0, 6),
    delivery: 'api',
    useFrom: '2026-01-01',
    useTo: '2099-12-31',
  });
  await api(base, admin, 'POST', `/api/v1/sharing/requests/${req.id}/check`, { decision: 'pass' });
  await api(base, gajAdmin, 'POST', `/api/v1/sharing/requests/${req.id}/review`, {
    decision: 'approve',
    callsPerMinute: 100_000,
    callsPerDay: 10_000_000,
  });
  const key = (await api(base, mzj, 'POST', '/api/v1/auth/api-keys', { name: 'bench' })).key as string;
  const [m] = await p.db.query<{ t: string; c: string }>(
    `SELECT m.current_table AS t, (SELECT c->>'column' FROM jsonb_array_elements(m.config->'columns') c WHERE (c->>'key')::boolean LIMIT 1) AS c
       FROM mounts m WHERE m.id = $1`,
    [mount.id],
  );
  const [{ k }] = await p.db.query<{ k: string }>(`SELECT ${m.c} AS k FROM ${quoteTable(m.t)} ORDER BY _row LIMIT 1 OFFSET ${Math.floor(ROWS / 2)}`);
  const ref = recordRef(await platformSecret(p.db, 'record-ref'), entry.id, k);
  return { base, entryId: entry.id as string, key, table: m.t, keyColumn: m.c, id: k, ref, fields: items.slice(0, 6) };
}

/** The reference: the same row from the same database, through Fastify, with no platform around it. */
async function bareServer(bp: BenchPlatform, table: string, keyColumn: string) {
  const app = Fastify({ logger: false });
  const sql = `SELECT * FROM ${quoteTable(table)} WHERE ${keyColumn} = $1`;
  app.get('/bare/:key', async (req) => {
    const [row] = await bp.p.db.query(sql, [(req.params as { key: string }).key]);
    return { record: row ?? null };
  });
  // The same plus the platform's API-key check: splits what authentication costs from the rest.
  const { principalFromToken } = await import('../src/platform/auth/service.js');
  app.get('/keyed/:key', async (req, reply) => {
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!(await principalFromToken(bp.p.db, token, req.ip))) return reply.code(401).send({});
    const [row] = await bp.p.db.query(sql, [(req.params as { key: string }).key]);
    return { record: row ?? null };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, sql, base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` };
}

async function profile(bp: BenchPlatform, url: string, key: string, bareSql: string, id: string) {
  const byQuery = new Map<string, { n: number; ms: number; sql: string; params?: readonly unknown[] }>();
  bp.setTap((sql, ms, params) => {
    const k = sql.replace(/\s+/g, ' ').slice(0, 110);
    const e = byQuery.get(k) ?? { n: 0, ms: 0, sql, params };
    e.n++;
    e.ms += ms;
    byQuery.set(k, e);
  });
  const N = args.smoke ? 3 : 200;
  const alone = args.smoke ? 3 : 1000;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await fetch(url, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.arrayBuffer());
  const per = (performance.now() - t0) / N;
  bp.setTap(null);
  console.log(`profile: ${per.toFixed(2)} ms per sequential call; queries per call and ms per call:`);
  for (const [k, e] of [...byQuery].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) console.log(`  ${(e.n / N).toFixed(1)}× ${(e.ms / N).toFixed(2)} ms  ${k}`);
  // Each statement a call makes, run alone 1,000 times (prepared, as the call runs it): PostgreSQL's CPU for it.
  if (bp.engine !== 'postgres') return;
  console.log('PostgreSQL CPU per statement, run alone (prepared):');
  for (const [k, e] of byQuery) {
    if (e.n < N || /^(INSERT|WITH)/.test(k.trim())) continue; // writes would add rows: the call log's cost shows in the load runs
    const before = cpuNow().postgres;
    for (let i = 0; i < alone; i++) await bp.p.db.query(e.sql, e.params, { prepare: true });
    console.log(`  ${Math.round(((cpuNow().postgres - before) * 1e6) / alone)} µs  ${k}`);
  }
  const before = cpuNow().postgres;
  for (let i = 0; i < alone; i++) await bp.p.db.query(bareSql, [id], { prepare: true });
  console.log(`  ${Math.round(((cpuNow().postgres - before) * 1e6) / alone)} µs  (the bare route's) ${bareSql}`);
}

type Route = 'bare' | 'keyed' | 'share';
type At = { connections: number } & Record<Route, Load>;
type Result = { engine: Engine; at: At[]; peak: Record<Route, At>; calls: number; requests: number };

async function measure(engine: Engine): Promise<Result> {
  log(`${engine}: seeding the demo city and ${ROWS} rows…`);
  const bp = await freshPlatform(engine);
  try {
    const s = await prepare(bp);
    const bare = await bareServer(bp, s.table, s.keyColumn);
    const shareUrl = `${s.base}/api/v1/share/${s.entryId}/records/${s.ref}?by=ref`;
    // Both answer first (and warm up, unless in a smoke run) before anything is measured.
    const check = await fetch(shareUrl, { headers: { authorization: `Bearer ${s.key}` } });
    if (!check.ok) throw new Error(`share route: ${check.status} ${await check.text()}`);
    if (!args.smoke) {
      await autocannon(`${bare.base}/bare/${s.id}`, {});
      await autocannon(shareUrl, { authorization: `Bearer ${s.key}` });
    }
    if (args.profile) await profile(bp, shareUrl, s.key, bare.sql, s.id);
    const routes = {
      bare: (c: number) => autocannon(`${bare.base}/bare/${s.id}`, {}, c),
      keyed: (c: number) => autocannon(`${bare.base}/keyed/${s.id}`, { authorization: `Bearer ${s.key}` }, c),
      share: (c: number) => autocannon(shareUrl, { authorization: `Bearer ${s.key}` }, c),
    };
    const rounds = new Map<string, Load[]>(); // by route and client count
    const before = (await bp.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM share_calls'))[0].n;
    for (let r = 1; r <= ROUNDS; r++)
      for (const c of CONNECTIONS)
        for (const [name, run] of Object.entries(routes) as [Route, (c: number) => Promise<Load>][]) {
          const l = await run(c);
          rounds.set(`${name} ${c}`, [...(rounds.get(`${name} ${c}`) ?? []), l]);
          log(`${engine}: round ${r} of ${ROUNDS}, ${c} clients, ${name}: ${n(l.rps)} req/s, CPU ${n(l.cpu.node)} + ${n(l.cpu.postgres)} µs a request`);
        }
    const after = (await bp.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM share_calls'))[0].n;
    await bare.app.close();
    const at = CONNECTIONS.map((c) => ({
      connections: c,
      ...(Object.fromEntries((Object.keys(routes) as Route[]).map((name) => [name, combine(rounds.get(`${name} ${c}`) as Load[])])) as Record<Route, Load>),
    }));
    const peak = (name: Route) => at.reduce((best, x) => (x[name].rps > best[name].rps ? x : best));
    const requests = [...rounds].filter(([k]) => k.startsWith('share ')).reduce((sum, [, ls]) => sum + ls.reduce((m, l) => m + l.requests, 0), 0);
    return { engine, at, peak: { bare: peak('bare'), keyed: peak('keyed'), share: peak('share') }, calls: after - before, requests };
  } finally {
    await bp.dispose();
  }
}

const results: Result[] = [];
for (const engine of args.engines.split(',') as Engine[]) {
  if (engine === 'postgres' && !(await postgresVersion())) {
    console.error('PostgreSQL is not reachable: skipping it');
    continue;
  }
  results.push(await measure(engine));
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const cpu = (l: Load) => `${n(l.cpu.node)} + ${n(l.cpu.postgres)}`;
const cells = (l: Load) => `${n(l.rps)} | ${l.p50} / ${l.p99} ms | ${cpu(l)}`;
const rows = (r: Result) => [
  ...r.at.map(
    (x) =>
      `| ${r.engine} | ${x.connections} | ${cells(x.bare)} | ${n(x.keyed.rps)} (${pct(x.keyed.rps / x.bare.rps)}) | ${cells(x.share)} | ${pct(x.share.rps / x.bare.rps)} | ${x.share.non2xx + x.share.errors} |`,
  ),
  `| ${r.engine} | **peak** | **${n(r.peak.bare.bare.rps)}** (${r.peak.bare.connections}) | | | ${n(r.peak.keyed.keyed.rps)} (${r.peak.keyed.connections}) | **${n(r.peak.share.share.rps)}** (${r.peak.share.connections}) | | | **${pct(r.peak.share.share.rps / r.peak.bare.bare.rps)}** | calls logged: ${n(r.calls)} of ${n(r.requests)} |`,
];
const md = `## Share API (共享接口)

Generated by \`bench/share.bench.ts\` (section rewritten on every run).

- **Reproduce:** \`node bin/run-ts.mjs bench/share.bench.ts --engines ${args.engines} --rows ${ROWS} --connections ${CONNECTIONS.join(',')} --seconds ${SECONDS} --rounds ${ROUNDS}\`
- **Run:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · code ${code} · ${availableParallelism()} cores, load average before ${loadavg()[0].toFixed(1)}
- **Path measured:** autocannon (its own process) → \`GET /api/v1/share/{resource}/records/{ref}?by=ref\` with an API key: key → grant (active, delivery, quota) → the reference decrypted → the row → masking of 6 granted items → record reference → a call-log row committed (group commit) → JSON.
  **Reference:** a bare Fastify route on the same machine reading the same row from the same database (\`SELECT * … WHERE key = $1\`) and returning it as JSON; and the same plus the platform's API-key lookup.
- **Method:** each route at ${CONNECTIONS.join(', ')} concurrent clients, the routes taking turns for ${ROUNDS} rounds of ${SECONDS} s (after a warm-up); req/s is the mean of the rounds, p50 the median, p99 the worst.
  Throughput is each route's peak over the client counts (in brackets: where it peaked): the bare route peaks with the fewest clients, the share API with more, as more calls share each commit of the call log.
  CPU is per request, in µs, of the server process + of PostgreSQL's processes (PGlite runs inside the server process).
  Calls logged exceed the requests autocannon counts by the calls in flight when each run stops (served and logged, not counted).

| engine | clients | bare req/s | p50 / p99 | CPU µs | + API-key lookup req/s | share API req/s | p50 / p99 | CPU µs | share / bare | errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${results.flatMap(rows).join('\n')}

How the share API got here (PostgreSQL, quiet machine, 16 clients, each step measured with this script): a call was two statements — the API
key's user, then the data, which re-checks the grant, the mount and the usage for terms this instance opened in the last 5 s —
plus its share of a call-log batch, all planned afresh: 12–15 %. Keeping the hot statements prepared (\`{ prepare: true }\`;
planning a statement of several subqueries cost more than running it): ~24 %. A key seen in the last 5 s is not looked up again:
the data statement re-checks it (key active, user enabled, same department and roles; \`known-callers.ts\`) and serves nothing
when it fails: ~35 %. One call-log batch committing at a time instead of up to four (a commit costs PostgreSQL ~250 µs of CPU, a
row ~15 µs; overlapping commits made batches of ~2 rows, now ~7) and the grant's limits and usage from one join instead of four
subqueries: ~50 %. Seals that cover ranges of the log instead of stamping each row (an UPDATE and a trigger per call, as costly as
the insert) and record references with their keys derived once: 45–54 % at 16 clients over several runs on this shared machine;
peak against peak, the table above. What is left is work the bare route does not do:
masking, the record reference, the call-log row and its commit, the zod-checked input and response, and a statement that reads five
tables instead of one.

PGlite runs every statement through its parser and planner (its API has no prepared statements; SQL \`EXECUTE\` cannot take bound
parameters), in the server's own thread, so each extra statement or subquery costs the server directly: one key lookup alone takes
the bare route to ~40 %.

Target: ≥ 50 % of the bare route's throughput (peak against peak): ${results.map((r) => `${r.engine} ${r.peak.share.share.rps / r.peak.bare.bare.rps >= 0.5 ? '**met**' : '**missed**'}`).join(', ')}.
`;
console.log(`\n${md}`);
if (!args['no-write']) writeSection(new URL('./RESULTS.md', import.meta.url), 'share', md);
process.exit(0);

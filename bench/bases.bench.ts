// Base databases at city scale, on PostgreSQL: the golden-record merge of two 1 M-row population
// sources, and lookup by ID number under concurrent load through the HTTP API.
//
//   node bin/run-ts.mjs bench/bases.bench.ts [--rows 1000000] [--overlap 0.5] [--drift 0.1] [--clients 16]
//     [--requests 20000] [--warmup 500] [--timeout 60] [--wait-quiet <min>] [--no-write] [--smoke]
//
// Sources come in the real way: two published catalog entries (公安 户籍人口, and the same items
// registered by 人社), table mounts, and CSV from the gathering generator streamed through
// ingest(). The demo city already feeds the population base from the 公安 entry's mount (and has
// merged its few thousand rows): the bench takes that feed over and disables it, and creates the
// 人社 one disabled, so no merge starts on its own; each merge is then the action
// bases.feed.merge (what the merge job runs), timed around its transaction.
// --smoke: a few thousand rows and a few dozen lookups through every step, nothing written.
// Prints a table and writes its own section of bench/RESULTS.md (inside the hand-written notes
// block, which the catalog bench keeps when it rewrites the file). Talks to 127.0.0.1 only.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Platform } from '../src/app.js';
import { createFeed, listFeeds, type MergeResult, mergeFeed, showRecord, updateBase, updateFeed } from '../src/modules/bases/service.js';
import { ResourceFields } from '../src/modules/catalog/schema.js';
import { createResource, publishedEntry, reviewResource, submitResource } from '../src/modules/catalog/service.js';
import { csvChunks, keyAt } from '../src/modules/gathering/generate/index.js';
import { ingest } from '../src/modules/gathering/index.js';
import { createMount } from '../src/modules/gathering/service.js';
import { defineWrite } from '../src/platform/actions/action.js';
import { type Principal, systemPrincipal } from '../src/platform/auth/principal.js';
import { principalFromToken } from '../src/platform/auth/service.js';
import { benchArgs } from './lib/args.js';
import { type BenchPlatform, freshPlatform, PASSWORD, postgresVersion } from './lib/engine.js';
import { fmtMs, type Summary, summarize } from './lib/stats.js';

const args = benchArgs(
  { rows: '1000000', overlap: '0.5', drift: '0.1', clients: '16', requests: '20000', warmup: '500', timeout: '60', 'wait-quiet': '0' },
  { rows: '2000', clients: '2', requests: '20', warmup: '4', timeout: '5' },
);
const ROWS = Number(args.rows);
const OVERLAP = Number(args.overlap);
const DRIFT = Number(args.drift);
const CLIENTS = Number(args.clients);
const REQUESTS = Number(args.requests);
const WARMUP = Number(args.warmup);
const SEED = 'bench';
const code = codeVersion();
const now = () => performance.now();
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const system = systemPrincipal('bench');
/** The floor for an audited action: the runner's transaction, audit row, outbox event and subscribers, and nothing else. */
const auditedNoop = defineWrite({
  name: 'bench.audited-noop',
  summary: 'bench only',
  input: z.object({}),
  auth: () => true,
  run: async () => ({}),
  audit: () => ({ targetType: 'bench', targetId: null }),
});

let open: BenchPlatform | null = null;
setTimeout(() => {
  console.error(`\nwatchdog: still running after ${args.timeout} min; cleaning up and stopping`);
  void Promise.race([open?.dispose(), new Promise((r) => setTimeout(r, 15_000))]).finally(() => process.exit(2));
}, Number(args.timeout) * 60_000).unref();
process.once('SIGINT', () => void (open?.dispose() ?? Promise.resolve()).finally(() => process.exit(130)));

// --- setup: two sources --------------------------------------------------------------------

const ITEMS_TO_FIELDS: Record<string, string> = {
  id_number: '公民身份号码',
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  birth_date: '出生日期',
  household_address: '户籍地址',
  marital_status: '婚姻状况',
  education: '文化程度',
};

async function sourceEntries(p: Platform): Promise<{ gaj: string; rsj: string }> {
  const [gaj] = await p.db.query<{ id: string }>(
    `SELECT r.id FROM catalog_resources r JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = r.published_version
      WHERE v.name = '淄博市户籍人口基本信息'`,
  );
  if (!gaj) throw new Error('the demo entry 淄博市户籍人口基本信息 is not published');
  const entry = await publishedEntry(p.db, gaj.id);
  if (!entry) throw new Error('no published version');
  const [rsj] = await p.db.query<{ id: string }>(`SELECT id FROM departments WHERE code = '370300004'`);
  const fields = Object.fromEntries(Object.keys(ResourceFields.shape).map((k) => [k, (entry as Record<string, unknown>)[k]])) as ResourceFields;
  const copy = await p.actions.run(createResource, system, {
    ...fields,
    name: '参保人员户籍信息（基准测试）',
    relatedCodes: [],
    providerDepartmentId: rsj.id,
  });
  await p.actions.run(submitResource, system, { id: copy.id });
  await p.actions.run(reviewResource, system, { id: copy.id, decision: 'approve' });
  return { gaj: gaj.id, rsj: copy.id };
}

function* buffers(o: Parameters<typeof csvChunks>[0]) {
  for (const chunk of csvChunks(o)) yield Buffer.from(chunk);
}

async function load(p: Platform, mountId: string, o: Parameters<typeof csvChunks>[0]) {
  const t = now();
  const run = await ingest({ db: p.db, actions: p.actions, files: p.files, tmpDir: `${p.config.filesDir}/tmp` }, system, {
    mountId,
    mode: 'replace',
    format: 'csv',
    encoding: 'utf-8',
    filename: 'bench.csv',
    mapping: {},
    bytesTotal: null,
    body: Readable.from(buffers(o)),
  });
  if (run.status !== 'succeeded') throw new Error(`ingest ${run.status}: ${run.error}`);
  return { ms: now() - t, rows: run.rowsLoaded };
}

// --- measurements -------------------------------------------------------------------------------

type MergeFigure = { label: string; rule: string; result: MergeResult; ms: number };

async function timedMerge(p: Platform, label: string, rule: 'newest' | 'authority', feedId: number, full = false): Promise<MergeFigure> {
  await p.actions.run(updateBase, system, { base: 'population', rule });
  const t = now();
  const result = await p.actions.run(mergeFeed, system, { base: 'population', id: feedId, full });
  const ms = now() - t;
  log(`${label}: ${result.considered} rows in ${(ms / 1000).toFixed(1)} s (${Math.round(result.considered / (ms / 1000))} rows/s)`);
  return { label, rule, result, ms };
}

/** The floor for a merge: the same rows, plain INSERT … SELECT into an empty copy of the table (no lineage, no conflict handling). */
async function reference(p: Platform, mountId: string): Promise<{ ms: number; rows: number }> {
  const [m] = await p.db.query<{ table: string; config: { columns: { item: string; column: string }[] } }>(
    'SELECT current_table AS table, config FROM mounts WHERE id = $1',
    [mountId],
  );
  const col = (item: string) => m.config.columns.find((c) => c.item === item)?.column as string;
  const fields = Object.keys(ITEMS_TO_FIELDS);
  const cast = (f: string) => (f === 'birth_date' ? 'date' : 'text');
  await p.db.query('CREATE TABLE bench_reference (LIKE base_population INCLUDING ALL)');
  const t = now();
  const [{ n }] = await p.db.query<{ n: number }>(
    `WITH i AS (INSERT INTO bench_reference (${fields.join(', ')})
       SELECT ${fields.map((f) => `${col(ITEMS_TO_FIELDS[f])}::${cast(f)}`).join(', ')} FROM "${m.table}" RETURNING 1)
     SELECT count(*)::int AS n FROM i`,
  );
  const ms = now() - t;
  await p.db.query('DROP TABLE bench_reference');
  return { ms, rows: n };
}

type LoadFigure = { label: string; clients: number; summary: Summary; seconds: number; rps: number };

/** `clients` loops sharing `total` operations; each operation's latency, and the throughput overall. */
async function concurrent(label: string, clients: number, total: number, op: (i: number) => Promise<void>): Promise<LoadFigure> {
  let next = 0;
  const times: number[] = [];
  const t0 = now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t = now();
        await op(i);
        times.push(now() - t);
      }
    }),
  );
  const seconds = (now() - t0) / 1000;
  const f = { label, clients, summary: summarize(times), seconds, rps: total / seconds };
  log(`${label}, ${clients} clients: ${Math.round(f.rps)} req/s, p50 ${fmtMs(f.summary.p50)} ms, p99 ${fmtMs(f.summary.p99)} ms`);
  return f;
}

const get = (base: string, headers: Record<string, string>) => async (path: string) => {
  const res = await fetch(base + path, { headers, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
};

async function waitQuiet(minutes: number) {
  const until = Date.now() + minutes * 60_000;
  if (loadavg()[0] >= 1 && minutes > 0) log(`load average ${loadavg()[0].toFixed(2)}: waiting up to ${minutes} min for a quiet machine`);
  while (loadavg()[0] >= 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 5000));
}

// --- run ---------------------------------------------------------------------------------------

const pgVersion = await postgresVersion();
if (!pgVersion) throw new Error('PostgreSQL is not reachable on 127.0.0.1 (set BENCH_PG_ADMIN_URL)');
await waitQuiet(Number(args['wait-quiet']));
log('postgres: fresh platform, seeding the demo city');
const b = await freshPlatform('postgres');
open = b;
const p = b.p;
const loadBefore = loadavg()[0];
let out: Awaited<ReturnType<typeof measure>>;
try {
  out = await measure();
} finally {
  await b.dispose();
  open = null;
}

async function measure() {
  const entries = await sourceEntries(p);
  // The demo seed may already have mounted the 公安 entry (with a few thousand rows): the replace run below supersedes them.
  const [seeded] = await p.db.query<{ id: string }>(`SELECT id FROM mounts WHERE resource_id = $1 AND kind = 'table'`, [entries.gaj]);
  const gajMount = seeded?.id ?? (await p.actions.run(createMount, system, { id: entries.gaj, kind: 'table' })).id;
  const rsjMount = (await p.actions.run(createMount, system, { id: entries.rsj, kind: 'table' })).id;
  // Disabled until the data is in: no merge starts on its own, each is timed below. The demo seed
  // feeds the base from the 公安 mount already (a mount feeds a base once): that feed becomes A.
  const seededFeed = (await p.actions.run(listFeeds, system, { base: 'population' })).find((f) => f.mountId === gajMount);
  const feedA = seededFeed
    ? await p.actions.run(updateFeed, system, { base: 'population', id: seededFeed.id, fieldMap: ITEMS_TO_FIELDS, priority: 10, enabled: false })
    : await p.actions.run(createFeed, system, { base: 'population', mountId: gajMount, fieldMap: ITEMS_TO_FIELDS, priority: 10, enabled: false });
  const feedB = await p.actions.run(createFeed, system, { base: 'population', mountId: rsjMount, fieldMap: ITEMS_TO_FIELDS, priority: 5, enabled: false });
  const [{ n: seededRecords }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM base_population');

  const startB = Math.round(ROWS * (1 - OVERLAP));
  log(`ingest A (公安): ${ROWS} rows, keys 0…${ROWS - 1}`);
  const ingestA = await load(p, gajMount, { kind: 'population', rows: ROWS, seed: SEED });
  log(`  ${(ingestA.ms / 1000).toFixed(1)} s; ingest B (人社): ${ROWS} rows, keys ${startB}…${startB + ROWS - 1}, ${DRIFT * 100}% of rows drawn differently`);
  const ingestB = await load(p, rsjMount, { kind: 'population', rows: ROWS, seed: SEED, startIndex: startB, source: 'rsj', drift: DRIFT });
  log(`  ${(ingestB.ms / 1000).toFixed(1)} s`);
  await p.db.query('VACUUM ANALYZE');

  log('reference: plain INSERT … SELECT of source A');
  const ref = await reference(p, gajMount);
  for (const f of [feedA, feedB]) await p.actions.run(updateFeed, system, { base: 'population', id: f.id, enabled: true });
  const merges: MergeFigure[] = [];
  merges.push(await timedMerge(p, `A (公安) into the base (the demo city's ${seededRecords.toLocaleString('en-US')} records)`, 'newest', feedA.id));
  merges.push(await timedMerge(p, 'B (人社), half its keys already in', 'newest', feedB.id));
  merges.push(await timedMerge(p, 'A again, nothing new (incremental)', 'newest', feedA.id));
  merges.push(await timedMerge(p, 'A again from scratch (full re-merge), B holds the newer values', 'newest', feedA.id, true));
  merges.push(await timedMerge(p, 'A from scratch under authority (A 10 > B 5): takes back what B changed', 'authority', feedA.id, true));
  merges.push(await timedMerge(p, 'the same again: nothing changes', 'authority', feedA.id, true));
  await p.db.query('VACUUM ANALYZE base_population');
  const [size] = await p.db.query<{ heap: number; total: number; rows: number; lineage: number }>(
    `SELECT pg_relation_size('base_population')::float8 / 1048576 AS heap, pg_total_relation_size('base_population')::float8 / 1048576 AS total,
            (SELECT count(*)::int FROM base_population) AS rows, (SELECT avg(pg_column_size(lineage))::float8 FROM base_population) AS lineage`,
  );
  log(`base_population: ${size.rows} records, heap ${size.heap.toFixed(0)} MiB, total ${size.total.toFixed(0)} MiB`);

  // Lookups through HTTP as a department user: masked, audited (a write transaction each).
  await p.http.listen({ port: 0, host: '127.0.0.1' });
  const addr = p.http.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${addr.port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'gaj_user', password: PASSWORD }),
  });
  const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const space = startB + ROWS;
  // A fixed pseudo-random order over all keys of both sources.
  const keyOf = (i: number) => keyAt('population', SEED, Number((BigInt(i) * 2654435761n + 12345n) % BigInt(space)));
  const lookup = (i: number) => `/api/v1/bases/population/records/${keyOf(i)}`;
  const [{ n: auditBefore }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'bases.record.show'`);
  const http = get(base, auth);
  await concurrent('warm-up', CLIENTS, WARMUP, (i) => http(lookup(i)));
  const single = Math.min(2000, REQUESTS);
  const loads: LoadFigure[] = [];
  loads.push(await concurrent('GET /api/v1/bases/population/records/{id}', 1, single, (i) => http(lookup(i + WARMUP))));
  loads.push(await concurrent('GET /api/v1/bases/population/records/{id}', CLIENTS, REQUESTS, (i) => http(lookup(i + WARMUP + single))));
  loads.push(await concurrent('floor: GET /api/v1/auth/me (session lookup, no audit)', CLIENTS, REQUESTS, () => http('/api/v1/auth/me')));
  // Without HTTP: the lookup action itself, and the cheapest audited action there can be (same runner, same transaction shape).
  const who = (await principalFromToken(p.db, auth.authorization.slice('Bearer '.length), null)) as Principal;
  const offset = WARMUP + single + REQUESTS;
  const actionOnly = Math.round(REQUESTS / 2);
  loads.push(
    await concurrent('action only: bases.record.show (no HTTP)', CLIENTS, actionOnly, async (i) => {
      await p.actions.run(showRecord, who, { base: 'population', key: keyOf(i + offset) });
    }),
  );
  p.actions.register(auditedNoop);
  loads.push(
    await concurrent('floor: an audited write action that does nothing (no HTTP)', CLIENTS, actionOnly, async () => {
      await p.actions.run(auditedNoop, who, {});
    }),
  );
  const [{ n: auditAfter }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'bases.record.show'`);
  const lookups = WARMUP + single + REQUESTS + actionOnly;
  if (auditAfter - auditBefore !== lookups) throw new Error(`${lookups} lookups wrote ${auditAfter - auditBefore} audit rows`);
  return { ingestA, ingestB, ref, merges, size, loads, audited: auditAfter - auditBefore, startB, seededRecords, loadAfter: loadavg()[0] };
}

// --- report ------------------------------------------------------------------------------------

const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
const s = (ms: number) => (ms / 1000).toFixed(1);
const n = (x: number) => x.toLocaleString('en-US');

const mergeTable = [
  '| merge (one action, one transaction) | rule | rows considered | inserted | updated | unchanged | time | rows/s |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...out.merges.map(
    (m) =>
      `| ${m.label} | ${m.rule} | ${n(m.result.considered)} | ${n(m.result.inserted)} | ${n(m.result.updated)} | ${n(m.result.unchanged)} | ${s(m.ms)} s | ${m.result.considered ? rate(m.result.considered, m.ms) : '—'} |`,
  ),
  `| reference: plain INSERT … SELECT of A's rows into an empty copy of the table (no lineage, no conflict check) | — | ${n(out.ref.rows)} | ${n(out.ref.rows)} | 0 | 0 | ${s(out.ref.ms)} s | ${rate(out.ref.rows, out.ref.ms)} |`,
].join('\n');

const loadTable = [
  '| load | clients | requests | throughput | p50 | p95 | p99 | max |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...out.loads.map(
    (l) =>
      `| ${l.label} | ${l.clients} | ${n(l.summary.n)} | ${n(Math.round(l.rps))} req/s | ${fmtMs(l.summary.p50)} ms | ${fmtMs(l.summary.p95)} ms | ${fmtMs(l.summary.p99)} ms | ${fmtMs(l.summary.max)} ms |`,
  ),
].join('\n');

const command = `node bin/run-ts.mjs bench/bases.bench.ts ${process.argv.slice(2).join(' ')}`.trim();
const [mA, mB, , mNoop, mAuth] = out.merges;
const [lk1, lk16, me16, act16, noop16] = out.loads;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const reading = `**What the figures say.** Merging A into the base (holding only the demo city's ${n(out.seededRecords)} records) runs at ${rate(mA.result.considered, mA.ms)} rows/s: ${s(mA.ms)} s where a plain INSERT … SELECT of the same rows into an empty copy of the table takes ${s(out.ref.ms)} s (${ratio(mA.ms, out.ref.ms)} as long) — lineage, the decision per field against the current record (a left join by key) and ON CONFLICT cost the difference. B, half of whose keys are already in, takes ${s(mB.ms)} s for ${n(mB.result.inserted)} inserts and ${n(mB.result.updated)} updated records. A re-merge that changes nothing reads its ${n(mNoop.result.considered)} rows at ${rate(mNoop.result.considered, mNoop.ms)} rows/s and writes nothing (rows where no field is taken never reach the INSERT); one that resolves conflicts (authority) writes only the ${n(mAuth.result.updated)} records that change. Lookups: one client sees p50 ${fmtMs(lk1.summary.p50)} ms; under ${CLIENTS} clients the lookup action alone (no HTTP) does ${n(Math.round(act16.rps))}/s against ${n(Math.round(noop16.rps))}/s for an audited action that does nothing at all, so the ceiling (${n(Math.round(lk16.rps))} req/s, p99 ${fmtMs(lk16.summary.p99)} ms over HTTP; the unaudited auth/me floor does ${n(Math.round(me16.rps))} req/s) is the audited write path every lookup must take — the audit chain's head row is locked from the audit insert to the commit, so audited actions commit one at a time — and the outbox: each lookup is an event that every subscriber reads and moves its cursor past with a write of its own.`;

const md = `## Base databases: golden-record merge and lookup by ID (\`bench/bases.bench.ts\`)

Written by \`bench/bases.bench.ts\` between its own markers inside the notes block (the catalog bench keeps the notes when it rewrites this file; a new run of this bench replaces only this section).

- **Reproduce:** \`${command}\` (PostgreSQL at \`BENCH_PG_ADMIN_URL\`, default \`postgres://root@127.0.0.1:5432/test\`; a database \`jt_bench_<random>\` is made and dropped)
- **Run:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${availableParallelism()} cores · Node ${process.version} · PostgreSQL ${pgVersion} (local server, default settings, pool of 10 connections) · code ${code} · 1-minute load average ${loadBefore.toFixed(2)} before → ${out.loadAfter.toFixed(2)} after
- **Data:** two population sources from the gathering generator (seed \`${SEED}\`), ingested through \`ingest()\` as CSV replace runs into table mounts of two published entries: A = 公安 \`淄博市户籍人口基本信息\` (priority 10), ${n(ROWS)} rows, keys 0…${n(ROWS - 1)} (${s(out.ingestA.ms)} s, ${rate(out.ingestA.rows, out.ingestA.ms)} rows/s, not part of the merge figures); B = the same items registered by 人社 (priority 5), ${n(ROWS)} rows, keys ${n(out.startB)}…${n(out.startB + ROWS - 1)}, ${DRIFT * 100}% of its rows drawn with different non-key values (${s(out.ingestB.ms)} s). Eight fields mapped (id_number, name, sex, ethnicity, birth_date, household_address, marital_status, education).
- **Merge** = the action \`bases.feed.merge\` timed around its transaction: the delta count, one \`INSERT … SELECT … ON CONFLICT (id_number) DO UPDATE … WHERE <a field is taken>\` statement, the feed's bookmark, the record count, one audit row, commit. No row passes through Node.

${mergeTable}

After the merges: ${n(out.size.rows)} golden records; \`base_population\` heap ${out.size.heap.toFixed(0)} MiB, with indexes ${out.size.total.toFixed(0)} MiB; lineage ${out.size.lineage.toFixed(0)} bytes per record on average.

**Lookup by ID** through a listening server (Fastify on 127.0.0.1, \`fetch\` with keep-alive from the same process), as \`gaj_user\` (bearer token): each lookup is the write action \`bases.record.show\` — record + sources read, masked, one audit row and outbox event committed before the answer (${n(out.audited)} lookups wrote ${n(out.audited)} audit rows). Keys spread pseudo-randomly over both sources' ${n(out.startB + ROWS)} keys; ${WARMUP} warm-up requests first.

${loadTable}

${reading}
`;

console.log(`\n${mergeTable}\n\n${loadTable}\n\n${reading}\n`);
if (!args['no-write']) {
  writeSection(new URL('./RESULTS.md', import.meta.url), md);
  log('wrote bench/RESULTS.md (section "Base databases")');
}
process.exit(0);

/** Replaces this bench's section, or adds it at the end of the notes block (kept by the catalog bench), or at the end of the file. */
function writeSection(file: URL, section: string) {
  const START = '<!-- bases:start -->';
  const END = '<!-- bases:end -->';
  const NOTES_END = '<!-- notes:end -->';
  const block = `${START}\n${section.trim()}\n${END}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = old.indexOf(START);
  const z = old.indexOf(END);
  let md: string;
  if (a >= 0 && z > a) md = old.slice(0, a) + block + old.slice(z + END.length);
  else if (old.includes(NOTES_END)) md = old.replace(NOTES_END, `\n${block}\n${NOTES_END}`);
  else md = `${old.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, md);
}

function codeVersion(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown';
  }
}

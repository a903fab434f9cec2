// Catalog at city scale: import of one Excel file and search latency through the HTTP API,
// on PGlite and on PostgreSQL, each with a reference measured in the same run.
//
//   node bin/run-ts.mjs bench/catalog.bench.ts [--engine pglite|postgres|both] [--entries 20155] [--queries 300]
//     [--warmup 30] [--floor 200] [--wait-quiet <min>] [--timeout <min>] [--no-write] [--smoke]
//
// Prints a table and rewrites bench/RESULTS.md (keeping its hand-written notes section);
// --smoke runs every step at tiny sizes and writes nothing there (bench/lib/args.ts).
// Talks to 127.0.0.1 only; stops by itself (a watchdog ends it after --timeout minutes).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchArgs } from './lib/args.js';
import { type BenchPlatform, type Engine, freshPlatform, PASSWORD, postgresVersion } from './lib/engine.js';
import { generateEntries, workbookOf } from './lib/generate.js';
import { type ImportFigures, measureImport, measureReference, measureSearch, type SearchFigures } from './lib/measure.js';
import { type EngineResult, printTable, type TableState, writeResults } from './lib/report.js';
import { fmtS } from './lib/stats.js';

// Smoke: enough entries for one import batch, one query of each category, a few floor calls.
const args = benchArgs(
  { engine: 'both', entries: '20155', queries: '300', warmup: '30', floor: '200', timeout: '30', 'wait-quiet': '0' },
  { entries: '40', queries: '6', warmup: '1', floor: '3', timeout: '5' },
);
const engines: Engine[] = args.engine === 'both' ? ['pglite', 'postgres'] : [args.engine as Engine];
if (!engines.every((e) => e === 'pglite' || e === 'postgres')) throw new Error('--engine pglite|postgres|both');
const entriesWanted = Number(args.entries);
const queries = Number(args.queries);
const warmup = Number(args.warmup);
const code = codeVersion(); // at the start: other work may change src/ while this runs

// Anything this run created is removed on the way out, including after the watchdog fires.
const open = new Set<BenchPlatform>();
const disposeAll = () => Promise.all([...open].map((b) => b.dispose()));
setTimeout(() => {
  console.error(`\nwatchdog: still running after ${args.timeout} min; cleaning up and stopping`);
  void Promise.race([disposeAll(), new Promise((r) => setTimeout(r, 15_000))]).finally(() => process.exit(2));
}, Number(args.timeout) * 60_000).unref();
process.once('SIGINT', () => void disposeAll().finally(() => process.exit(130)));

/** On a shared machine: wait (at most `minutes`) until the 1-minute load average drops below 1. */
async function waitQuiet(minutes: number) {
  const until = Date.now() + minutes * 60_000;
  if (loadavg()[0] >= 1 && minutes > 0) log(`load average ${loadavg()[0].toFixed(2)}: waiting up to ${minutes} min for a quiet machine`);
  while (loadavg()[0] >= 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 5000));
}

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

log(`generating ${entriesWanted} catalog entries`);
const entries = generateEntries(entriesWanted);
const names = new Set(entries.map((e) => `${e.providerCode}/${e.name}`));
if (names.size !== entries.length) throw new Error(`generated names are not unique per provider: ${entries.length - names.size} duplicates`);
const xlsx = await workbookOf(entries);
// The workbook is kept in bench/out for a look at what was imported; a smoke run leaves nothing behind.
const outDir = args.smoke ? mkdtempSync(join(tmpdir(), 'jt-bench-catalog-')) : new URL('./out/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
const file = pathToFileURL(join(outDir, `catalog-${entriesWanted}.xlsx`));
writeFileSync(file, xlsx);
const itemRows = entries.reduce((s, e) => s + e.items.length, 0);
log(`wrote ${file.pathname}: ${(xlsx.length / 2 ** 20).toFixed(1)} MiB, ${entries.length} entries, ${itemRows} item rows`);
if (args.smoke) rmSync(outDir, { recursive: true, force: true });

const results: EngineResult[] = [];
for (const engine of engines) {
  if (engine === 'postgres' && !(await postgresVersion())) throw new Error('PostgreSQL is not reachable on 127.0.0.1 (set BENCH_PG_ADMIN_URL)');
  await waitQuiet(Number(args['wait-quiet']));
  log(`${engine}: fresh platform, seeding the demo city`);
  const b = await freshPlatform(engine);
  open.add(b);
  try {
    const [{ n: seeded }] = await b.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_resources');
    log(`${engine}: seeded in ${fmtS(b.seedMs)} s (${seeded} demo entries); reference insert`);
    const load = [loadavg()[0]];
    const reference = await measureReference(b.p, entries);
    log(`${engine}: reference ${fmtS(reference.ms)} s; importing the workbook`);
    const imp: ImportFigures = await measureImport(b.p, xlsx);
    log(`${engine}: import ${fmtS(imp.totalMs)} s; searching (${warmup} warm-up + ${queries} queries)`);
    const table = [await tableState(b)];
    const search: SearchFigures = await measureSearch(b.p, b.setTap, PASSWORD, { warmup, queries, floor: Number(args.floor) });
    load.push(loadavg()[0]);
    table.push(await tableState(b));
    const [{ n: catalogSize }] = await b.p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_resources WHERE published_version IS NOT NULL');
    const [{ server_version: serverVersion }] = await b.p.db.query<{ server_version: string }>('SHOW server_version');
    results.push({ engine, serverVersion, seedMs: b.seedMs, imp, reference, search, catalogSize, load, table });
    log(`${engine}: search p95 ${search.overall.p95.toFixed(1)} ms`);
  } finally {
    await b.dispose();
    open.delete(b);
  }
}

/** The versions table as the searches find it: heap size and dead row versions (PGlite has no autovacuum). */
async function tableState(b: BenchPlatform): Promise<TableState> {
  const [r] = await b.p.db.query<TableState>(
    `SELECT pg_relation_size(relid)::float8 / 1048576 AS "heapMiB", pg_total_relation_size(relid)::float8 / 1048576 AS "totalMiB",
            n_live_tup::int AS live, n_dead_tup::int AS dead, (coalesce(last_autoanalyze, last_analyze) IS NOT NULL) AS analyzed
       FROM pg_stat_user_tables WHERE relname = 'catalog_resource_versions'`,
  );
  return r;
}

/** Which code was measured: the commit, and whether src/ had uncommitted changes. */
function codeVersion(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown';
  }
}

const machine = {
  nproc: availableParallelism(),
  node: process.version,
  postgres: engines.includes('postgres') ? await postgresVersion() : null,
  pglite: JSON.parse(readFileSync(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')).version as string,
};
const command = `node bin/run-ts.mjs bench/catalog.bench.ts ${process.argv.slice(2).join(' ')}`.trim();
printTable(results, { entries: entries.length, itemRows, bytes: xlsx.length });
if (!args['no-write']) {
  writeResults(new URL('./RESULTS.md', import.meta.url), results, {
    machine,
    code,
    command,
    entries: entries.length,
    itemRows,
    bytes: xlsx.length,
    queries,
    warmup,
  });
  log('wrote bench/RESULTS.md');
}
process.exit(0);

// The stdout table and bench/RESULTS.md. The file's hand-written notes (between the
// notes markers) survive a rewrite; everything else is this run's figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Engine } from './engine.js';
import type { ImportFigures, SearchFigures } from './measure.js';
import { fmtMs, fmtS, ratio, type Summary } from './stats.js';

export const TARGETS = { searchP95Ms: 20, importMs: 60_000 };

export type EngineResult = {
  engine: Engine;
  serverVersion: string;
  seedMs: number;
  imp: ImportFigures;
  reference: { rows: number; ms: number };
  search: SearchFigures;
  catalogSize: number;
  /** 1-minute load average before the import and after the searches (other work on the machine skews every figure). */
  load: number[];
  /** catalog_resource_versions before and after the searches. */
  table: TableState[];
};

export type TableState = { heapMiB: number; totalMiB: number; live: number; dead: number; analyzed: boolean };

type Meta = {
  machine: { nproc: number; node: string; postgres: string | null; pglite: string };
  command: string;
  code: string;
  entries: number;
  itemRows: number;
  bytes: number;
  queries: number;
  warmup: number;
};

const NOTES_START = '<!-- notes:start -->';
const NOTES_END = '<!-- notes:end -->';

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const met = (ok: boolean) => (ok ? '**met**' : '**MISSED**');
const sumRow = (label: string, s: Summary) => [label, s.n, fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.p99), fmtMs(s.max)];
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;

function targetsTable(rs: EngineResult[]) {
  return table(
    ['target', ...rs.map((r) => r.engine)],
    [
      [
        `search p95 < ${TARGETS.searchP95Ms} ms (HTTP, query mix)`,
        ...rs.map((r) => `${fmtMs(r.search.overall.p95)} ms — ${met(r.search.overall.p95 < TARGETS.searchP95Ms)}`),
      ],
      [
        'the same, each search right after a catalog change (nothing cached)',
        ...rs.map((r) => (r.search.cold ? `${fmtMs(r.search.cold.overall.p95)} ms — ${met(r.search.cold.overall.p95 < TARGETS.searchP95Ms)}` : 'n/a')),
      ],
      [`import < ${TARGETS.importMs / 1000} s (one .xlsx)`, ...rs.map((r) => `${fmtS(r.imp.totalMs)} s — ${met(r.imp.totalMs < TARGETS.importMs)}`)],
    ],
  );
}

function importTable(rs: EngineResult[]) {
  const line = (label: string, f: (r: EngineResult) => string) => [label, ...rs.map(f)];
  return table(
    ['import, stage publish', ...rs.map((r) => r.engine)],
    [
      line('parse (exceljs → rows)', (r) => `${fmtS(r.imp.parseMs)} s`),
      line('validate (validateImport)', (r) => `${fmtS(r.imp.validateMs)} s`),
      line('action: input schema + validate again', (r) => `${fmtS(r.imp.revalidateMs)} s`),
      line('action: write rows', (r) => `${fmtS(r.imp.writeRowsMs)} s (${fmtMs(r.imp.writeRowsMs / r.imp.rows)} ms/row)`),
      line('action: after the last row (ANALYZE, audit, commit)', (r) => `${fmtS(r.imp.commitMs)} s`),
      line('**total**', (r) => `**${fmtS(r.imp.totalMs)} s** (${rate(r.imp.rows, r.imp.totalMs)})`),
      line('reference: raw INSERT … unnest, 5,000-row batches', (r) => `${fmtS(r.reference.ms)} s (${rate(r.reference.rows, r.reference.ms)})`),
      line('**import / reference**', (r) => `**${ratio(r.imp.totalMs, r.reference.ms)}**`),
      line('process RSS after import', (r) => `${Math.round(r.imp.rssMiB)} MiB`),
      line('seeding the demo city (not measured against a target)', (r) => `${fmtS(r.seedMs)} s`),
    ],
  );
}

function searchTable(r: EngineResult) {
  const s = r.search;
  const cold = (k: string | null) => {
    const c = k === null ? s.cold?.overall : s.cold?.byCategory[k];
    return c ? [fmtMs(c.p50), fmtMs(c.p95)] : ['–', '–'];
  };
  const none = ['', ''];
  return table(
    ['query category (ms)', 'n', 'p50', 'p95', 'p99', 'max', 'p50 after a catalog change', 'p95 after a catalog change'],
    [
      ...Object.entries(s.byCategory).map(([k, v]) => [...sumRow(k, v), ...cold(k)]),
      [...sumRow('**all searches (HTTP)**', s.overall), ...cold(null)],
      [...sumRow('same searches, action only (no HTTP)', s.action), ...none],
      [...sumRow('floor: GET /api/health', s.health), ...none],
      [...sumRow('floor: GET /api/v1/auth/me (token)', s.me), ...none],
      ['**search / floor (auth/me)**', '', ratio(s.overall.p50, s.me.p50), ratio(s.overall.p95, s.me.p95), '', '', ...none],
    ],
  );
}

function statementsLine(r: EngineResult) {
  const s = r.search;
  const n = s.overall.n;
  const parts = Object.entries(s.statements).sort((a, b) => b[1].ms - a[1].ms);
  const sql = parts.reduce((t, [, v]) => t + v.ms, 0) / n;
  const facets = s.statements['facet counts'];
  const reuse = facets ? ` (run for ${facets.n} of ${n} searches, ${fmtMs(facets.ms / facets.n)} ms each; the others reused cached counts)` : '';
  return `SQL per search over HTTP (mean of ${n}): ${parts.map(([k, v]) => `${k} ${fmtMs(v.ms / n)} ms${k === 'facet counts' ? reuse : ''}`).join(', ')}; total SQL ${fmtMs(sql)} ms of the ${fmtMs(s.overall.mean)} ms mean.
catalog_resource_versions before → after the searches: ${r.table.map((t) => `heap ${t.heapMiB.toFixed(0)} MiB (total ${t.totalMiB.toFixed(0)} MiB), ${t.live} live / ${t.dead} dead row versions, ${t.analyzed ? 'analyzed' : 'never analyzed'}`).join(' → ')}.
1-minute load average before the import → after the searches: ${r.load.map((l) => l.toFixed(2)).join(' → ')} (${availableParallelism()} cores; the bench itself keeps about one core busy, so well above 1.5 means other work shared the machine).`;
}

function interpretation(r: EngineResult): string {
  const i = r.imp;
  const s = r.search;
  const slowest = Object.entries(s.byCategory).sort((a, b) => b[1].p95 - a[1].p95)[0];
  const http = s.overall.p50 - s.action.p50;
  const slowQueries = Object.entries(s.byQuery)
    .sort((a, b) => b[1].p50 - a[1].p50)
    .slice(0, 3)
    .map(([q, v]) => `\`${q}\` ${fmtMs(v.p50)} ms`)
    .join(', ');
  const httpShare =
    http > 0
      ? `so HTTP, authentication and response serialization (${Math.round(s.meanBytes / 1024)} KiB mean body) add about ${fmtMs(http)} ms;`
      : `slower than over HTTP: the load changed between the two passes, so this run cannot separate the HTTP share (${Math.round(s.meanBytes / 1024)} KiB mean body);`;
  return [
    `**${r.engine}.** Import: writing rows is ${Math.round((100 * i.writeRowsMs) / i.totalMs)}% of the ${fmtS(i.totalMs)} s`,
    `(${fmtMs(i.writeRowsMs / i.rows)} ms per entry), parsing the workbook ${Math.round((100 * i.parseMs) / i.totalMs)}%,`,
    `the two validation passes ${Math.round((100 * (i.validateMs + i.revalidateMs)) / i.totalMs)}%; the raw insert of the same data is ${ratio(i.totalMs, r.reference.ms)} faster.`,
    `Search: the action alone (SQL + service) takes p50 ${fmtMs(s.action.p50)} ms of the ${fmtMs(s.overall.p50)} ms seen over HTTP,`,
    httpShare,
    `the slowest category is “${slowest[0]}” (p95 ${fmtMs(slowest[1].p95)} ms) and the slowest queries by median are ${slowQueries}.`,
    `Mean hits per query: ${Math.round(s.meanTotal)} of ${r.catalogSize} published entries.`,
  ].join(' ');
}

export function printTable(rs: EngineResult[], data: { entries: number; itemRows: number; bytes: number }) {
  console.log(`\n${data.entries} entries, ${data.itemRows} item rows, ${(data.bytes / 2 ** 20).toFixed(1)} MiB workbook\n`);
  console.log(targetsTable(rs));
  console.log(`\n${importTable(rs)}`);
  for (const r of rs) console.log(`\n${r.engine} (${r.catalogSize} published entries)\n${searchTable(r)}\n${statementsLine(r)}`);
  console.log('');
}

export function writeResults(file: URL, rs: EngineResult[], m: Meta) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = old.indexOf(NOTES_START);
  const b = old.indexOf(NOTES_END);
  const notes = a >= 0 && b > a ? old.slice(a + NOTES_START.length, b).trim() : '## Notes\n\n(hand-written; kept when the bench rewrites this file)';
  // Other benches' sections follow the notes (bench/lib/sections.ts) and are kept as they are.
  const others = a >= 0 && b > a ? old.slice(b + NOTES_END.length).trim() : '';
  const versions = rs.map(
    (r) => `${r.engine}: PostgreSQL ${r.serverVersion}${r.engine === 'pglite' ? ` (PGlite ${m.machine.pglite}, temp data dir)` : ' (local server)'}`,
  );
  const md = `# Catalog benchmark: 20,155 entries (the reference city's catalog)

Generated by \`bench/catalog.bench.ts\`; rewritten on every run except the notes at the end.

- **Reproduce:** \`${m.command}\` (\`npm run bench\` runs both engines with the defaults)
- **Run:** ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${m.machine.nproc} cores · Node ${m.machine.node} · ${versions.join(' · ')} · code ${m.code}
- **Data:** ${m.entries.toLocaleString('en-US')} entries with ${m.itemRows.toLocaleString('en-US')} information items, generated from the demo city's entries
  (districts, years, 专题 varied), in one ${(m.bytes / 2 ** 20).toFixed(1)} MiB .xlsx written by the platform's own exporter; imported on top of the seeded demo city.
- **Search:** ${m.warmup} warm-up + ${m.queries} sequential GET /api/v1/catalog/resources as gaj_user (bearer token, keep-alive), cycling through the categories below;
  the floor routes are measured in the same process just before.

## Targets

${targetsTable(rs)}

## Import: one workbook, through \`prepareImport\` (read + validate) → action \`catalog.resource.import\` (as \`jutong catalog import --stage publish\`)

${importTable(rs)}

## Search latency through the HTTP API

${rs.map((r) => `### ${r.engine} (${r.catalogSize.toLocaleString('en-US')} published entries)\n\n${searchTable(r)}\n\n${statementsLine(r)}`).join('\n\n')}

## Where the time goes (from this run's figures)

${rs.map(interpretation).join('\n\n')}

${NOTES_START}
${notes}
${NOTES_END}
${others ? `\n${others}\n` : ''}`;
  writeFileSync(file, md);
}

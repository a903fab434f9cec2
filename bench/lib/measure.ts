// The three measurements, each with the reference it is compared against in the same run.
import type { Platform } from '../../src/app.js';
import { importResources, prepareImport } from '../../src/modules/catalog/import.js';
import { searchResources } from '../../src/modules/catalog/service.js';
import { systemPrincipal } from '../../src/platform/auth/principal.js';
import type { GeneratedEntry } from './generate.js';
import { type Summary, summarize } from './stats.js';

const now = () => performance.now();

// --- (a) import of one workbook, as `jutong catalog import --stage publish` does it ----

export type ImportFigures = {
  rows: number;
  /** exceljs load + rows → import rows */
  parseMs: number;
  /** validateImport: schema, rules, classification and data-element checks */
  validateMs: number;
  /** Inside the action, before the first row is written: input schema + the second validation pass. */
  revalidateMs: number;
  writeRowsMs: number;
  /** After the last row: ANALYZE (since the batched import), audit row, outbox, commit. */
  commitMs: number;
  totalMs: number;
  rssMiB: number;
};

export async function measureImport(p: Platform, xlsx: Buffer): Promise<ImportFigures> {
  const system = systemPrincipal('bench');
  // prepareImport reads the workbook, then validates every row; its first 'validating' report splits the two.
  const t0 = now();
  let t1 = 0;
  const rows = await prepareImport(p.db, system, xlsx, async (phase) => {
    if (phase === 'validating' && !t1) t1 = now();
  });
  const t2 = now();
  let firstRow = 0;
  let lastRow = 0;
  const out = await p.actions.run(
    importResources,
    system,
    { rows, stage: 'publish', fileName: 'bench.xlsx' },
    {
      progress: (_phase, done, total) => {
        if (!firstRow) firstRow = now();
        if (done === total) lastRow = now();
      },
    },
  );
  const t3 = now();
  if (out.count !== rows.length) throw new Error(`imported ${out.count} of ${rows.length}`);
  return {
    rows: rows.length,
    parseMs: t1 - t0,
    validateMs: t2 - t1,
    revalidateMs: firstRow - t2,
    writeRowsMs: lastRow - firstRow,
    commitMs: t3 - lastRow,
    totalMs: t3 - t0,
    rssMiB: process.memoryUsage().rss / 2 ** 20,
  };
}

// --- (b) reference: the same rows, raw, INSERT … SELECT FROM unnest in 5,000-row batches --

const refColumns = [
  'name',
  'classification',
  'provider_code',
  'abstract',
  'format',
  'format_type',
  'items',
  'share_type',
  'share_condition',
  'share_basis',
  'share_channel',
  'share_via',
  'open_type',
  'open_condition',
  'update_cycle',
  'published_at',
  'keywords',
  'contact',
  'owner',
] as const;

function refValues(e: GeneratedEntry): (string | null)[] {
  return [
    e.name,
    e.classification,
    e.providerCode,
    e.abstract,
    e.format,
    e.formatType,
    JSON.stringify(e.items),
    e.shareType,
    e.shareCondition,
    e.shareBasis,
    e.shareChannel,
    e.shareVia,
    e.openType,
    e.openCondition,
    e.updateCycle,
    e.publishedAt,
    e.keywords.join(';'),
    e.contact,
    e.owner,
  ];
}

/** Same fields, same row count, one table, no index, no per-row logic: the floor of writing this data. */
export async function measureReference(p: Platform, entries: GeneratedEntry[], batch = 5000): Promise<{ rows: number; ms: number }> {
  const cols = refColumns.map((c) => `${c} ${c === 'items' ? 'jsonb' : c === 'keywords' ? 'text[]' : c === 'published_at' ? 'date' : 'text'}`);
  await p.db.exec(`DROP TABLE IF EXISTS bench_reference; CREATE TABLE bench_reference (id bigserial PRIMARY KEY, ${cols.join(', ')})`);
  const select = refColumns
    .map((c, i) => (c === 'items' ? `c${i}::jsonb` : c === 'keywords' ? `string_to_array(c${i}, ';')` : c === 'published_at' ? `c${i}::date` : `c${i}`))
    .join(', ');
  const unnest = refColumns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = refColumns.map((_, i) => `c${i}`).join(', ');
  const t0 = now();
  await p.db.transaction(async (tx) => {
    for (let at = 0; at < entries.length; at += batch) {
      const chunk = entries.slice(at, at + batch).map(refValues);
      const arrays = refColumns.map((_, i) => chunk.map((r) => r[i]));
      await tx.query(`INSERT INTO bench_reference (${refColumns.join(', ')}) SELECT ${select} FROM unnest(${unnest}) AS t(${aliases})`, arrays);
    }
  });
  const ms = now() - t0;
  const [{ n }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_reference');
  await p.db.exec('DROP TABLE bench_reference');
  if (n !== entries.length) throw new Error(`reference wrote ${n} of ${entries.length}`);
  return { rows: n, ms };
}

// --- (c) search latency over HTTP, with the HTTP floor measured alongside ----------------

export type Query = { category: string; qs: string };

const mix: Record<string, string[]> = {
  '1 word': ['q=淄博', 'q=人口', 'q=低保', 'q=不动产', 'q=许可', 'q=企业', 'q=空气质量', 'q=社保', 'q=学校', 'q=税务', 'q=医保'],
  '2-3 words': ['q=企业 登记', 'q=淄博 户籍', 'q=张店区 人口', 'q=空气质量 监测', 'q=不动产 登记 信息', 'q=营业执照 企业 变更'],
  '1 char': ['q=鲁', 'q=税', 'q=水'],
  facets: [
    'shareType=conditional',
    'classification=101',
    'q=企业&shareType=unconditional',
    'openType=open&format=spreadsheet',
    'classification=2&updateCycle=daily',
    'q=人口&classification=101',
  ],
  paging: ['q=人口&page=$', 'q=企业&page=$', 'page=$', 'shareType=conditional&page=$'],
  browse: ['', 'sort=updated', 'sort=name'],
};

/** A deterministic sequence cycling through the categories, each through its queries. */
export function queryMix(count: number): Query[] {
  const cats = Object.keys(mix);
  return Array.from({ length: count }, (_, i) => {
    const category = cats[i % cats.length];
    const list = mix[category];
    const n = Math.floor(i / cats.length);
    const qs = list[n % list.length].replace('$', String(2 + (n % 4)));
    return { category, qs };
  });
}

export type SearchFigures = {
  byCategory: Record<string, Summary>;
  /**
   * The same HTTP searches with the catalog revision bumped before each one, as right after
   * any catalog write: nothing derived can be reused. Null when the platform has no revision.
   */
  cold: { byCategory: Record<string, Summary>; overall: Summary } | null;
  /** Per query string (HTTP), to name the slowest ones. */
  byQuery: Record<string, Summary>;
  overall: Summary;
  action: Summary;
  health: Summary;
  me: Summary;
  /** Per kind of statement, over the measured HTTP searches: total ms and how many ran. */
  statements: Record<string, { ms: number; n: number }>;
  meanBytes: number;
  meanTotal: number;
};

/** Which part of a search a statement is, by its text (the store's SQL may change; unknown ones count as other). */
function statementKind(sql: string): string {
  if (sql.includes('GROUPING SETS') || sql.includes('AS facet')) return 'facet counts';
  if (sql.includes('unnest($1::uuid[]')) return 'page rows';
  if (sql.includes('ORDER BY') && sql.includes('LIMIT')) return 'page of ids';
  return 'other (session, lookups, settings)';
}

export async function measureSearch(
  p: Platform,
  setTap: (t: ((sql: string, ms: number) => void) | null) => void,
  password: string,
  opts: { warmup: number; queries: number; floor: number },
): Promise<SearchFigures> {
  await p.http.listen({ port: 0, host: '127.0.0.1' });
  const addr = p.http.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${addr.port}`;
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
    return text;
  };
  const login = JSON.parse(
    await call('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'gaj_user', password }),
    }),
  );
  const auth = { authorization: `Bearer ${login.token}` };
  const timed = async (path: string, headers: Record<string, string> = {}) => {
    const t = now();
    const text = await call(path, { headers });
    return { ms: now() - t, text };
  };
  const searchPath = (qs: string) => `/api/v1/catalog/resources${qs ? `?${encodeURI(qs)}` : ''}`;

  // The floor: an unauthenticated route that does one SELECT 1, and an authenticated one (session lookup + user row).
  const floor = async (path: string, headers?: Record<string, string>) => {
    const out: number[] = [];
    for (let i = 0; i < opts.floor + 20; i++) {
      const { ms } = await timed(path, headers);
      if (i >= 20) out.push(ms);
    }
    return out;
  };
  const health = await floor('/api/health');
  const me = await floor('/api/v1/auth/me', auth);

  const all = queryMix(opts.warmup + opts.queries);
  const byCat: Record<string, number[]> = {};
  const byQuery: Record<string, number[]> = {};
  const times: number[] = [];
  let bytes = 0;
  let hits = 0;
  const statements: Record<string, { ms: number; n: number }> = {};
  const record = (sql: string, ms: number) => {
    const k = statementKind(sql);
    statements[k] = { ms: (statements[k]?.ms ?? 0) + ms, n: (statements[k]?.n ?? 0) + 1 };
  };
  for (const [i, q] of all.entries()) {
    setTap(i < opts.warmup ? null : record);
    const { ms, text } = await timed(searchPath(q.qs), auth);
    if (i < opts.warmup) continue;
    const body = JSON.parse(text) as { total: number };
    byCat[q.category] = [...(byCat[q.category] ?? []), ms];
    byQuery[q.qs || '(no parameters)'] = [...(byQuery[q.qs || '(no parameters)'] ?? []), ms];
    times.push(ms);
    bytes += text.length;
    hits += body.total;
  }
  setTap(null);

  let cold: SearchFigures['cold'] = null;
  const [{ revision }] = await p.db.query<{ revision: string | null }>(`SELECT to_regclass('catalog_revision')::text AS revision`);
  if (revision) {
    const coldCat: Record<string, number[]> = {};
    const coldAll: number[] = [];
    for (const q of all.slice(opts.warmup)) {
      await p.db.query('UPDATE catalog_revision SET rev = rev + 1');
      const { ms } = await timed(searchPath(q.qs), auth);
      coldCat[q.category] = [...(coldCat[q.category] ?? []), ms];
      coldAll.push(ms);
    }
    cold = { byCategory: Object.fromEntries(Object.entries(coldCat).map(([k, v]) => [k, summarize(v)])), overall: summarize(coldAll) };
  }
  await p.http.close();

  // The same queries straight through the action (no HTTP, no JSON): what the database and the service cost.
  const principal = { kind: 'user' as const, userId: login.user.id, username: 'gaj_user', departmentId: login.user.departmentId, roles: login.user.roles };
  const action: number[] = [];
  for (const [i, q] of all.entries()) {
    const input = Object.fromEntries(new URLSearchParams(q.qs));
    const t = now();
    await p.actions.run(searchResources, principal, input);
    if (i >= opts.warmup) action.push(now() - t);
  }
  return {
    byCategory: Object.fromEntries(Object.entries(byCat).map(([k, v]) => [k, summarize(v)])),
    cold,
    byQuery: Object.fromEntries(Object.entries(byQuery).map(([k, v]) => [k, summarize(v)])),
    overall: summarize(times),
    action: summarize(action),
    statements,
    health: summarize(health),
    me: summarize(me),
    meanBytes: bytes / times.length,
    meanTotal: hits / times.length,
  };
}

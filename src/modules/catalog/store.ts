import type { Db, Queryable } from '../../platform/db/db.js';
import { iso, offset } from '../../platform/db/values.js';
import { type ClassificationNode, labels, type Resource, type ResourceFields, type SearchQuery } from './schema.js';

// SQL for the catalog's tables and nothing else: no rules, no authorization.

export type SearchTexts = { name: string; keywords: string; abstract: string; items: string; provider: string };

const searchVector = (p: (n: number) => string) =>
  `setweight(to_tsvector('simple', ${p(0)}), 'A') || setweight(to_tsvector('simple', ${p(1)}), 'A') ||
   setweight(to_tsvector('simple', ${p(2)}), 'B') || setweight(to_tsvector('simple', ${p(3)}), 'C') ||
   setweight(to_tsvector('simple', ${p(4)}), 'D')`;

const fieldColumns = [
  'name',
  'classification',
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
  'related_codes',
  'keywords',
  'contact',
  'owner',
] as const;

function fieldValues(f: ResourceFields): unknown[] {
  return [
    f.name,
    f.classification,
    f.abstract,
    f.format,
    f.formatType,
    JSON.stringify(f.items),
    f.shareType,
    f.shareCondition,
    f.shareBasis,
    f.shareChannel,
    f.shareVia,
    f.openType,
    f.openCondition,
    f.updateCycle,
    f.publishedAt,
    f.relatedCodes,
    f.keywords,
    f.contact,
    f.owner,
  ];
}
export type NewEntry = {
  id: string;
  code: string;
  providerId: string;
  status: 'draft' | 'submitted' | 'published';
  fields: ResourceFields;
  texts: SearchTexts;
};
const BATCH = 500;
// Every field travels as text[] (arrays and JSON as their JSON text) and is cast back in SQL.
const batchValue = (v: unknown) => (v === null || v === undefined ? null : Array.isArray(v) ? JSON.stringify(v) : String(v));

const searchValues = (t: SearchTexts) => [t.name, t.keywords, t.abstract, t.items, t.provider];
const casts: Partial<Record<(typeof fieldColumns)[number], string>> = {
  items: '::jsonb',
  published_at: '::date',
  related_codes: '::text[]',
  keywords: '::text[]',
};

const resourceSelect = `
  SELECT r.id, r.code, r.provider_department_id AS "providerDepartmentId", d.name AS "providerName", d.code AS "providerCode",
         r.published_version AS "publishedVersion", r.created_at AS "createdAt",
         v.version, v.status, v.name, v.classification, c.name AS "classificationName", v.abstract, v.format, v.format_type AS "formatType",
         v.items, v.share_type AS "shareType", v.share_condition AS "shareCondition", v.share_basis AS "shareBasis",
         v.share_channel AS "shareChannel", v.share_via AS "shareVia", v.open_type AS "openType", v.open_condition AS "openCondition",
         v.update_cycle AS "updateCycle", v.published_at AS "publishedAt", v.related_codes AS "relatedCodes", v.keywords,
         v.contact, v.owner, v.review_reason AS "reviewReason", v.submitted_at AS "submittedAt", v.reviewed_at AS "reviewedAt",
         v.updated_at AS "updatedAt"
    FROM catalog_resources r
    JOIN catalog_resource_versions v ON v.resource_id = r.id
    JOIN departments d ON d.id = r.provider_department_id
    JOIN catalog_classifications c ON c.code = v.classification`;

function toResource(row: Record<string, unknown>): Resource {
  return {
    ...(row as unknown as Resource),
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    submittedAt: iso(row.submittedAt),
    reviewedAt: iso(row.reviewedAt),
  };
}

export const resources = {
  /**
   * Writes new entries at version 1, already in their workflow state (an import may
   * submit or publish at once), in batches of multi-row statements: one entry costs two
   * rows and no later update.
   */
  async insertMany(db: Queryable, rows: NewEntry[], by: string | null): Promise<void> {
    for (let at = 0; at < rows.length; at += BATCH) {
      const batch = rows.slice(at, at + BATCH);
      const col = <T>(f: (r: NewEntry) => T) => batch.map(f);
      await db.query(
        `INSERT INTO catalog_resources (id, code, provider_department_id, current_version, published_version, created_by)
         SELECT id, code, provider, 1, CASE WHEN status = 'published' THEN 1 END, $5::uuid
           FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) AS t(id, code, provider, status)`,
        [col((r) => r.id), col((r) => r.code), col((r) => r.providerId), col((r) => r.status), by],
      );
      const fields = fieldColumns.map((_, i) => `$${i + 3}::text[]`).join(', ');
      const n = fieldColumns.length;
      const texts = [0, 1, 2, 3, 4].map((k) => `$${n + 3 + k}::text[]`).join(', ');
      const names = fieldColumns.map((c) => `f_${c}`);
      await db.query(
        `INSERT INTO catalog_resource_versions (resource_id, version, status, updated_by, submitted_at, reviewed_at, reviewed_by,
                                                provider_department_id, code, is_current, is_published, ${fieldColumns.join(', ')}, search)
         SELECT id, 1, status, $${n + 8}::uuid,
                CASE WHEN status <> 'draft' THEN now() END, CASE WHEN status = 'published' THEN now() END,
                CASE WHEN status = 'published' THEN $${n + 8}::uuid END,
                provider, code, true, status = 'published',
                ${names.map((c) => (c === 'f_items' ? 'f_items::jsonb' : c === 'f_related_codes' || c === 'f_keywords' ? `ARRAY(SELECT jsonb_array_elements_text(${c}::jsonb))` : c === 'f_published_at' ? `CASE WHEN status = 'published' THEN coalesce(${c}::date, (now() AT TIME ZONE 'Asia/Shanghai')::date) ELSE ${c}::date END` : c)).join(', ')},
                ${searchVector((k) => `t_${k}`)}
           FROM unnest($1::uuid[], $2::text[], ${fields}, ${texts}, $${n + 9}::uuid[], $${n + 10}::text[])
             AS t(id, status, ${names.join(', ')}, t_0, t_1, t_2, t_3, t_4, provider, code)`,
        [
          col((r) => r.id),
          col((r) => r.status),
          ...fieldColumns.map((_, i) => col((r) => batchValue(fieldValues(r.fields)[i]))),
          ...[0, 1, 2, 3, 4].map((k) => col((r) => searchValues(r.texts)[k])),
          by,
          col((r) => r.providerId),
          col((r) => r.code),
        ],
      );
    }
  },

  async updateVersion(db: Queryable, resourceId: string, version: number, f: ResourceFields, texts: SearchTexts, by: string | null): Promise<void> {
    const n = fieldColumns.length;
    const sets = fieldColumns.map((c, i) => `${c} = $${i + 4}${casts[c] ?? ''}`).join(', ');
    await db.query(
      `UPDATE catalog_resource_versions SET ${sets}, search = ${searchVector((k) => `$${n + 4 + k}`)}, updated_at = now(), updated_by = $3::uuid
        WHERE resource_id = $1 AND version = $2`,
      [resourceId, version, by, ...fieldValues(f), ...searchValues(texts)],
    );
  },

  /** Copies a version as the next one (editing a published entry starts a new version). */
  async branch(db: Queryable, resourceId: string, from: number, by: string | null): Promise<number> {
    const to = from + 1;
    await db.query(
      `INSERT INTO catalog_resource_versions (resource_id, version, status, updated_by, provider_department_id, code, is_current, ${fieldColumns.join(', ')}, search)
       SELECT resource_id, $3, 'draft', $4::uuid, provider_department_id, code, true, ${fieldColumns.join(', ')}, search
         FROM catalog_resource_versions WHERE resource_id = $1 AND version = $2`,
      [resourceId, from, to, by],
    );
    await db.query('UPDATE catalog_resource_versions SET is_current = false WHERE resource_id = $1 AND version = $2', [resourceId, from]);
    await db.query('UPDATE catalog_resources SET current_version = $2 WHERE id = $1', [resourceId, to]);
    return to;
  },

  setStatus: (db: Queryable, resourceId: string, version: number, status: Resource['status']) =>
    db.query(
      `UPDATE catalog_resource_versions SET status = $3, submitted_at = CASE WHEN $3 = 'submitted' THEN now() ELSE submitted_at END,
              review_reason = CASE WHEN $3 = 'submitted' THEN NULL ELSE review_reason END
        WHERE resource_id = $1 AND version = $2`,
      [resourceId, version, status],
    ),

  async review(db: Queryable, resourceId: string, version: number, approve: boolean, reason: string | null, by: string | null) {
    await db.query(
      `UPDATE catalog_resource_versions SET status = $3, review_reason = $4, reviewed_at = now(), reviewed_by = $5::uuid,
              published_at = CASE WHEN $3 = 'published' THEN coalesce(published_at, (now() AT TIME ZONE 'Asia/Shanghai')::date) ELSE published_at END
        WHERE resource_id = $1 AND version = $2`,
      [resourceId, version, approve ? 'published' : 'returned', reason, by],
    );
    if (!approve) return;
    await db.query('UPDATE catalog_resources SET published_version = $2 WHERE id = $1', [resourceId, version]);
    await db.query('UPDATE catalog_resource_versions SET is_published = (version = $2) WHERE resource_id = $1 AND (is_published OR version = $2)', [
      resourceId,
      version,
    ]);
  },

  /** The identity row, for rules: who provides it, which versions are current and published. */
  async head(db: Queryable, idOrCode: string) {
    const byId = /^[0-9a-f-]{36}$/i.test(idOrCode);
    const [row] = await db.query<{
      id: string;
      code: string;
      providerDepartmentId: string;
      currentVersion: number;
      publishedVersion: number | null;
      status: Resource['status'];
    }>(
      `SELECT r.id, r.code, r.provider_department_id AS "providerDepartmentId", r.current_version AS "currentVersion",
              r.published_version AS "publishedVersion", v.status
         FROM catalog_resources r JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = r.current_version
        WHERE ${byId ? 'r.id = $1::uuid' : 'r.code = $1'}`,
      [idOrCode],
    );
    return row ?? null;
  },

  async version(db: Queryable, resourceId: string, version: number): Promise<Resource | null> {
    const [row] = await db.query(`${resourceSelect} WHERE r.id = $1 AND v.version = $2`, [resourceId, version]);
    return row ? toResource(row) : null;
  },

  async versions(db: Queryable, resourceId: string, upTo?: number) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT v.version, v.status, v.name, v.updated_at AS "updatedAt", u.username AS "updatedBy", v.submitted_at AS "submittedAt",
              v.reviewed_at AS "reviewedAt", v.review_reason AS "reviewReason"
         FROM catalog_resource_versions v LEFT JOIN users u ON u.id = v.updated_by
        WHERE v.resource_id = $1 AND ($2::int IS NULL OR v.version <= $2) ORDER BY v.version DESC`,
      [resourceId, upTo ?? null],
    );
    return rows.map((r) => ({ ...r, updatedAt: iso(r.updatedAt), submittedAt: iso(r.submittedAt), reviewedAt: iso(r.reviewedAt) })) as never[];
  },

  async codesExist(db: Queryable, codes: string[]): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const rows = await db.query<{ code: string }>('SELECT code FROM catalog_resources WHERE code = ANY($1::text[])', [codes]);
    return new Set(rows.map((r) => r.code));
  },
};

// --- Search -----------------------------------------------------------------

export type SearchScope = { versionOf: 'published' | 'current'; departmentId?: string; status?: string };

/**
 * tsQuery: segmented words to match; like: terms matched as substrings of name, abstract
 * and keywords instead (see queryTerms in service.ts).
 */
type FacetRow = { facet: string; value: string; count: number };

/**
 * Facet counts of recent searches, reused while catalog_revision has not moved. The
 * revision is read from the database on every search, so a change made through any
 * server instance is seen at once; only the counting is saved.
 */
const facetCaches = new WeakMap<Queryable, Map<string, { rev: number; rows: FacetRow[] }>>();
const FACET_CACHE_SIZE = 200;
function facetCacheOf(db: Queryable) {
  const cache = facetCaches.get(db) ?? new Map<string, { rev: number; rows: FacetRow[] }>();
  facetCaches.set(db, cache);
  return cache;
}

export async function search(db: Queryable, q: Omit<SearchQuery, 'scope'>, scope: SearchScope, tsQuery: string | null, like: string[] = []) {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [scope.versionOf === 'published' ? 'v.is_published' : 'v.is_current'];
  if (scope.departmentId) where.push(`v.provider_department_id = ${p(scope.departmentId)}::uuid`);
  if (scope.status) where.push(`v.status = ${p(scope.status)}`);
  const tsParam = tsQuery !== null ? p(tsQuery) : null;
  if (tsParam) where.push(`v.search @@ plainto_tsquery('simple', ${tsParam})`);
  for (const term of like) {
    const x = p(term);
    where.push(`(strpos(v.name, ${x}) > 0 OR strpos(v.abstract, ${x}) > 0 OR strpos(array_to_string(v.keywords, ' '), ${x}) > 0)`);
  }
  if (q.classification) where.push(`v.classification LIKE ${p(q.classification)} || '%'`);
  if (q.provider) where.push(`v.provider_department_id = ${p(q.provider)}::uuid`);
  for (const [col, v] of [
    ['share_type', q.shareType],
    ['open_type', q.openType],
    ['format', q.format],
    ['update_cycle', q.updateCycle],
    ['v.status', q.status],
  ] as const) {
    if (v) where.push(`${col.includes('.') ? col : `v.${col}`} = ${p(v)}`);
  }
  const rank = tsParam ? `ts_rank(v.rank_vector, plainto_tsquery('simple', ${tsParam}))` : 'NULL::real';
  // A common word matches a large share of the catalog, and the planner then prefers a
  // sequential scan because it does not count detoasting every search vector, which costs
  // five times the GIN index. Word searches therefore forbid it, in their own transaction.
  const matching = <T>(fn: (q: Queryable) => Promise<T>): Promise<T> =>
    tsParam && 'transaction' in db
      ? (db as Db).transaction(async (tx) => {
          await tx.query('SET LOCAL enable_seqscan = off');
          return fn(tx);
        })
      : fn(db);
  const from = `FROM catalog_resource_versions v WHERE ${where.join(' AND ')}`;
  const order = {
    relevance: tsParam ? 'rank DESC, published_at DESC NULLS LAST, code' : 'published_at DESC NULLS LAST, code',
    updated: 'updated_at DESC, code',
    name: 'name, code',
    code: 'code',
  }[q.sort];

  const cacheKey = JSON.stringify([from, params]);
  const facetCache = facetCacheOf(db);
  const { facetRows, page } = await matching(async (mq) => {
    const [{ rev }] = await mq.query<{ rev: number }>('SELECT rev::int8 AS rev FROM catalog_revision WHERE id = 1');
    const cached = facetCache.get(cacheKey);
    const facetRows = cached && cached.rev === Number(rev) ? cached.rows : await countFacets(mq, from, params);
    if (cached?.rows !== facetRows) {
      if (facetCache.size >= FACET_CACHE_SIZE) facetCache.delete(facetCache.keys().next().value as string);
      facetCache.set(cacheKey, { rev: Number(rev), rows: facetRows });
    }
    const page = await mq.query<{ id: string; version: number; rank: number | null }>(
      `SELECT v.resource_id AS id, v.version, ${rank} AS rank, v.published_at, v.updated_at, v.name, v.code ${from}
        ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${offset(q.page, q.pageSize)}`,
      params,
    );
    return { facetRows, page };
  });
  const rows = page.length
    ? await db.query<Record<string, unknown>>(
        `${resourceSelect} JOIN unnest($1::uuid[], $2::int[]) AS k(id, version) ON k.id = r.id AND k.version = v.version`,
        [page.map((h) => h.id), page.map((h) => h.version)],
      )
    : [];
  const byId = new Map(rows.map((r) => [r.id as string, toResource(r)]));
  const items = page.map((h) => ({ ...(byId.get(h.id) as Resource), rank: h.rank === null ? null : Number(h.rank) }));
  const total = facetRows.filter((f) => f.facet === 'shareType').reduce((s, f) => s + f.count, 0);
  return { items, total, facetRows };
}

/** All six facets in one pass over the matches; each result row belongs to one grouping set. */
async function countFacets(db: Queryable, from: string, params: unknown[]): Promise<FacetRow[]> {
  const grouped = await db.query<{ c: string | null; p: string | null; s: string | null; o: string | null; f: string | null; u: string | null; count: number }>(
    `SELECT substr(v.classification, 1, 3) AS c, v.provider_department_id::text AS p, v.share_type AS s, v.open_type AS o, v.format AS f,
            v.update_cycle AS u, count(*)::int AS count
       ${from}
      GROUP BY GROUPING SETS ((substr(v.classification, 1, 3)), (v.provider_department_id), (v.share_type), (v.open_type), (v.format), (v.update_cycle))`,
    params,
  );
  const names = { c: 'classification', p: 'provider', s: 'shareType', o: 'openType', f: 'format', u: 'updateCycle' } as const;
  return grouped.flatMap((g) =>
    (Object.keys(names) as (keyof typeof names)[]).filter((k) => g[k] !== null).map((k) => ({ facet: names[k], value: g[k] as string, count: g.count })),
  );
}

// --- Classifications --------------------------------------------------------

type NodeRow = { code: string; name: string; parent_code: string | null; kind: ClassificationNode['kind']; department_id: string | null };

export const classifications = {
  all: (db: Queryable) => db.query<NodeRow>('SELECT code, name, parent_code, kind, department_id FROM catalog_classifications ORDER BY code'),
  get: async (db: Queryable, code: string) =>
    (await db.query<NodeRow>('SELECT code, name, parent_code, kind, department_id FROM catalog_classifications WHERE code = $1', [code]))[0] ?? null,
  names: async (db: Queryable) =>
    new Map((await db.query<{ code: string; name: string }>('SELECT code, name FROM catalog_classifications')).map((r) => [r.code, r.name])),
  insert: (db: Queryable, n: Omit<NodeRow, 'parent_code'> & { parentCode: string | null }) =>
    db.query(
      `INSERT INTO catalog_classifications (code, name, parent_code, kind, department_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING`,
      [n.code, n.name, n.parentCode, n.kind, n.department_id],
    ),
  forDepartment: async (db: Queryable, departmentId: string) =>
    (
      await db.query<NodeRow>(`SELECT * FROM catalog_classifications WHERE department_id = $1 AND kind = 'department' AND length(code) = 3`, [departmentId])
    )[0] ?? null,
  async nextChildCode(db: Queryable, parent: string, width: number): Promise<string> {
    const [row] = await db.query<{ max: string | null }>('SELECT max(code) AS max FROM catalog_classifications WHERE parent_code = $1', [parent]);
    const next = row.max ? Number(row.max.slice(parent.length)) + 1 : 1;
    if (String(next).length > width) throw new Error(`classification ${parent} has no free child code`);
    return parent + String(next).padStart(width, '0');
  },
};

export function buildTree(rows: NodeRow[]): ClassificationNode[] {
  const nodes = new Map<string, ClassificationNode>(
    rows.map((r) => [r.code, { code: r.code, name: r.name, kind: r.kind, departmentId: r.department_id, children: [] }]),
  );
  const roots: ClassificationNode[] = [];
  for (const r of rows) {
    const n = nodes.get(r.code) as ClassificationNode;
    const parent = r.parent_code ? nodes.get(r.parent_code) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

// --- Statistics -------------------------------------------------------------

export async function stats(db: Queryable) {
  const current = 'JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = r.current_version';
  const published = 'JOIN catalog_resource_versions v ON v.resource_id = r.id AND v.version = r.published_version';
  const [byStatus, byDepartment, byClassification, byShareType, byOpenType] = await Promise.all([
    db.query<{ status: string; count: number }>(`SELECT v.status, count(*)::int AS count FROM catalog_resources r ${current} GROUP BY 1 ORDER BY 1`),
    db.query<{ departmentId: string; name: string; published: number; total: number }>(
      `SELECT d.id AS "departmentId", d.name, count(r.published_version)::int AS published, count(r.id)::int AS total
         FROM departments d LEFT JOIN catalog_resources r ON r.provider_department_id = d.id GROUP BY d.id, d.name, d.code ORDER BY total DESC, d.code`,
    ),
    db.query<{ code: string; name: string; count: number }>(
      `SELECT c.code, c.name, count(v.resource_id)::int AS count FROM catalog_classifications c
         LEFT JOIN (SELECT v.resource_id, v.classification FROM catalog_resources r ${published}) v ON substr(v.classification, 1, length(c.code)) = c.code
        WHERE length(c.code) <= 3 GROUP BY c.code, c.name ORDER BY c.code`,
    ),
    db.query<{ value: string; count: number }>(
      `SELECT v.share_type AS value, count(*)::int AS count FROM catalog_resources r ${published} GROUP BY 1 ORDER BY 1`,
    ),
    db.query<{ value: string; count: number }>(
      `SELECT v.open_type AS value, count(*)::int AS count FROM catalog_resources r ${published} GROUP BY 1 ORDER BY 1`,
    ),
  ]);
  return { byStatus, byDepartment, byClassification, byShareType, byOpenType, total: byStatus.reduce((s, r) => s + r.count, 0) };
}

export const facetLabel = (facet: string, value: string): string | undefined => (labels as unknown as Record<string, Record<string, string>>)[facet]?.[value];

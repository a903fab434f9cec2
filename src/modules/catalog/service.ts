import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import type { Principal } from '../../platform/auth/principal.js';
import { Id } from '../../platform/auth/schema.js';
import { departments } from '../../platform/auth/store.js';
import type { Queryable } from '../../platform/db/db.js';
import { Conflict, InputError, NotAllowed, NotFound, RuleBroken, unseen } from '../../platform/errors.js';
import { identifierKinds, type PlanItem } from '../../platform/masking/plan.js';
import { toSearchText } from '../../platform/search/tokenize.js';
import { CatalogChecks, type Issue } from './checks.js';
import { dataElements } from './data-element-store.js';
import { isProviderMember, mayAuthor, mayReview, maySeeAll, seesWorking } from './rules.js';
import { IdOrCode, type Resource, ResourceCreate, ResourceFields, ResourcePatch, Review, SearchQuery, type SearchResult } from './schema.js';
import { searchTexts } from './search-text.js';
import { classifications, facetLabel, type NewEntry, resources, type SearchScope, search, stats } from './store.js';

const signedIn = (p: Principal) => p.kind !== 'anonymous';

// The metadata a department writes, as opposed to the workflow fields around it.
const FIELD_KEYS = Object.keys(ResourceFields.shape) as (keyof ResourceFields)[];
const fieldsOf = (r: Resource): ResourceFields => Object.fromEntries(FIELD_KEYS.map((k) => [k, r[k]])) as ResourceFields;

function failOn(issues: Issue[]) {
  if (issues.length) throw new RuleBroken(issues[0].message, issues);
}

/**
 * Writes new entries (one from the form, thousands from an import): hands out each
 * provider's sequence numbers in one step, builds codes and search text, inserts.
 */
export async function insertResources(
  db: Queryable,
  checks: CatalogChecks,
  entries: { fields: ResourceFields; providerId: string }[],
  status: NewEntry['status'],
  by: string | null,
): Promise<{ id: string; code: string }[]> {
  const byProvider = new Map<string, number[]>();
  for (const [i, e] of entries.entries()) byProvider.set(e.providerId, [...(byProvider.get(e.providerId) ?? []), i]);
  const rows: NewEntry[] = new Array(entries.length);
  for (const [providerId, indexes] of byProvider) {
    const provider = await departments.get(db, providerId);
    if (!provider) throw new InputError('提供方部门不存在');
    const last = await departments.reserveSeq(db, providerId, indexes.length);
    indexes.forEach((i, k) => {
      const f = entries[i].fields;
      const code = `${f.classification}/${provider.code}-${String(last - indexes.length + k + 1).padStart(5, '0')}`;
      rows[i] = { id: randomUUID(), code, providerId, status, fields: f, texts: searchTexts(f, provider, checks.elementNames) };
    });
  }
  await resources.insertMany(db, rows, by);
  return rows.map((r) => ({ id: r.id, code: r.code }));
}

/** Loads an entry as the principal may see it: the working version for its department, the bureau and auditors; else the published one. */
async function visible(db: Queryable, p: Principal, idOrCode: string, version?: number) {
  const head = await resources.head(db, idOrCode);
  if (!head) throw new NotFound('目录资源');
  const working = seesWorking(p, head.providerDepartmentId);
  const v = version ?? (working ? head.currentVersion : head.publishedVersion);
  // An unpublished entry of another department does not exist for the caller.
  if (v === null || (!working && (head.publishedVersion === null || v > head.publishedVersion))) throw new NotFound('目录资源');
  const r = await resources.version(db, head.id, v);
  if (!r || (!working && r.status !== 'published' && r.status !== 'superseded')) throw new NotFound('目录资源版本');
  return { head, resource: r, working };
}

async function writable(db: Queryable, p: Principal, id: string) {
  const head = await resources.head(db, id);
  if (!head || !seesWorking(p, head.providerDepartmentId)) throw unseen('目录资源', !!head);
  if (!isProviderMember(p, head.providerDepartmentId)) throw new NotAllowed('只能修改本部门的目录');
  return head;
}

async function current(db: Queryable, id: string, version: number): Promise<Resource> {
  return (await resources.version(db, id, version)) as Resource;
}

export const createResource = defineWrite({
  name: 'catalog.resource.create',
  summary: '新建目录（草稿） Register a resource as a draft in your department',
  input: ResourceCreate,
  auth: mayAuthor,
  async run({ db, principal }, { providerDepartmentId, ...f }) {
    const providerId = providerDepartmentId ?? principal.departmentId;
    if (!providerId) throw new InputError('请指定提供方部门 providerDepartmentId');
    if (providerId !== principal.departmentId && !mayReview(principal)) throw new NotAllowed('只能为本部门编目');
    const checks = await CatalogChecks.load(db);
    failOn([...checks.check(f, providerId), ...(await CatalogChecks.relatedCodes(db, [{ codes: f.relatedCodes }]))[0]]);
    const [{ id }] = await insertResources(db, checks, [{ fields: f, providerId }], 'draft', principal.userId);
    return current(db, id, 1);
  },
  audit: (r) => ({ targetType: 'catalog_resource', targetId: r.id, details: { code: r.code, name: r.name } }),
});

export const updateResource = defineWrite({
  name: 'catalog.resource.update',
  summary: '修改目录 Edit an entry (a published entry gets a new draft version)',
  input: ResourcePatch,
  auth: mayAuthor,
  async run({ db, principal }, { id, ...patch }) {
    const head = await writable(db, principal, id);
    if (head.status === 'submitted') throw new Conflict('目录正在审核中，审核完成后才能修改');
    const base = await current(db, head.id, head.currentVersion);
    const merged = ResourceFields.safeParse({ ...fieldsOf(base), ...patch });
    if (!merged.success)
      throw new InputError(
        '输入无效',
        merged.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      );
    const f = merged.data;
    const checks = await CatalogChecks.load(db);
    failOn([...checks.check(f, head.providerDepartmentId), ...(await CatalogChecks.relatedCodes(db, [{ codes: f.relatedCodes, self: head.code }]))[0]]);
    const version = head.status === 'published' ? await resources.branch(db, head.id, head.currentVersion, principal.userId) : head.currentVersion;
    const provider = (await departments.get(db, head.providerDepartmentId))!;
    await resources.updateVersion(db, head.id, version, f, searchTexts(f, provider, checks.elementNames), principal.userId);
    return current(db, head.id, version);
  },
  audit: (r, input) => ({
    targetType: 'catalog_resource',
    targetId: r.id,
    details: { code: r.code, version: r.version, changed: Object.keys(input).filter((k) => k !== 'id') },
  }),
});

export const submitResource = defineWrite({
  name: 'catalog.resource.submit',
  summary: '提交审核 Submit a draft or returned entry for review',
  input: z.object({ id: Id }),
  auth: mayAuthor,
  async run({ db, principal }, { id }) {
    const head = await writable(db, principal, id);
    if (head.status !== 'draft' && head.status !== 'returned') throw new Conflict(`只有草稿或已退回的目录可以提交（当前：${head.status}）`);
    await resources.setStatus(db, head.id, head.currentVersion, 'submitted');
    return current(db, head.id, head.currentVersion);
  },
  audit: (r) => ({ targetType: 'catalog_resource', targetId: r.id, details: { code: r.code, version: r.version } }),
});

export const reviewResource = defineWrite({
  name: 'catalog.resource.review',
  summary: '审核目录 Approve (publish) or return a submitted entry — the bureau',
  input: Review,
  auth: mayReview,
  async run({ db, principal }, { id, decision, reason }) {
    const head = await resources.head(db, id);
    if (!head) throw new NotFound('目录资源');
    if (head.status !== 'submitted') throw new Conflict('只有待审核的目录可以审核');
    if (decision === 'return' && !reason) throw new InputError('退回必须填写理由', [{ path: ['reason'], message: '退回必须填写理由' }]);
    if (decision === 'approve' && head.publishedVersion !== null) {
      await db.query(`UPDATE catalog_resource_versions SET status = 'superseded' WHERE resource_id = $1 AND version = $2`, [head.id, head.publishedVersion]);
    }
    await resources.review(db, head.id, head.currentVersion, decision === 'approve', reason ?? null, principal.userId);
    return current(db, head.id, head.currentVersion);
  },
  audit: (r, input) => ({
    action: `catalog.resource.${input.decision}`,
    targetType: 'catalog_resource',
    targetId: r.id,
    details: { code: r.code, version: r.version, reason: input.reason },
  }),
});

export const showResource = defineRead({
  name: 'catalog.resource.show',
  summary: '目录详情 One entry by id or code',
  input: IdOrCode.extend({ version: z.coerce.number().int().min(1).optional() }),
  auth: signedIn,
  run: async ({ db, principal }, { id, version }) => (await visible(db, principal, id, version)).resource,
});

export const listVersions = defineRead({
  name: 'catalog.resource.versions',
  summary: '版本历史 Version history of an entry',
  input: IdOrCode,
  auth: signedIn,
  async run({ db, principal }, { id }) {
    const { head, working } = await visible(db, principal, id);
    return { items: await resources.versions(db, head.id, working ? undefined : (head.publishedVersion ?? 0)) };
  },
});

export const diffVersions = defineRead({
  name: 'catalog.resource.diff',
  summary: '版本对比 Field-by-field changes between two versions',
  input: IdOrCode.extend({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
  auth: signedIn,
  async run({ db, principal }, { id, from, to }) {
    const a = (await visible(db, principal, id, from)).resource;
    const b = (await visible(db, principal, id, to)).resource;
    const fa = fieldsOf(a) as Record<string, unknown>;
    const fb = fieldsOf(b) as Record<string, unknown>;
    const changes = Object.keys(fa)
      .filter((k) => JSON.stringify(fa[k]) !== JSON.stringify(fb[k]))
      .map((field) => ({ field, from: fa[field], to: fb[field] }));
    return { from, to, changes };
  },
});

function scopeFor(p: Principal, scope: SearchQuery['scope']): SearchScope {
  switch (scope) {
    case 'published':
      return { versionOf: 'published' };
    case 'mine':
      if (!p.departmentId) throw new NotAllowed('没有所属部门');
      return { versionOf: 'current', departmentId: p.departmentId };
    case 'review':
      if (!mayReview(p)) throw new NotAllowed('只有大数据局管理员可以查看审核队列');
      return { versionOf: 'current', status: 'submitted' };
    case 'all':
      if (!maySeeAll(p)) throw new NotAllowed('只有大数据局管理员和审计员可以查看全部目录');
      return { versionOf: 'current' };
  }
}

/**
 * Segments the query the same way entries are segmented. A lone Chinese character (鲁)
 * is not a token inside longer text, so such terms, and a query with no words at all,
 * are matched as substrings instead.
 */
function queryTerms(q: string | undefined): { terms: string[]; tsQuery: string | null; like: string[] } {
  if (!q) return { terms: [], tsQuery: null, like: [] };
  const terms = toSearchText(q).split(' ').filter(Boolean);
  const single = (t: string) => Array.from(t).length === 1 && /\p{Script=Han}/u.test(t);
  const words = terms.filter((t) => !single(t));
  const like = terms.length ? terms.filter(single) : [q];
  return { terms: terms.length ? terms : [q], tsQuery: words.length ? words.join(' ') : null, like };
}

export const searchResources = defineRead({
  name: 'catalog.resource.search',
  summary: '目录检索 Chinese full-text search with facets and paging',
  input: SearchQuery,
  auth: signedIn,
  async run({ db, principal }, q): Promise<SearchResult> {
    const { terms, tsQuery, like } = queryTerms(q.q);
    const { items, total, facetRows } = await search(db, q, scopeFor(principal, q.scope), tsQuery, like);
    const names = await classifications.names(db);
    const providers = new Map((await departments.list(db)).map((d) => [d.id, d.name]));
    const facet = (name: keyof SearchResult['facets']) =>
      facetRows
        .filter((f) => f.facet === name)
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
        .map((f) => ({
          value: f.value,
          count: f.count,
          label:
            name === 'classification'
              ? (names.get(f.value) ?? f.value)
              : name === 'provider'
                ? (providers.get(f.value) ?? f.value)
                : (facetLabel(name, f.value) ?? f.value),
        }));
    return {
      items: items.map(({ items: its, ...rest }) => ({ ...rest, itemCount: its.length, itemNames: its.map((i) => i.name) })),
      total,
      page: q.page,
      pageSize: q.pageSize,
      terms,
      facets: {
        classification: facet('classification'),
        provider: facet('provider'),
        shareType: facet('shareType'),
        openType: facet('openType'),
        format: facet('format'),
        updateCycle: facet('updateCycle'),
      },
    };
  },
});

const EXPORT_LIMIT = 50_000;

export const exportResources = defineRead({
  name: 'catalog.resource.export',
  summary: '导出目录 Every entry matching a search, with items, for Excel',
  input: SearchQuery.omit({ page: true, pageSize: true }),
  auth: signedIn,
  async run({ db, principal }, q) {
    const { tsQuery, like } = queryTerms(q.q);
    const { items } = await search(db, { ...q, page: 1, pageSize: EXPORT_LIMIT }, scopeFor(principal, q.scope), tsQuery, like);
    return items;
  },
});

export const catalogStats = defineRead({
  name: 'catalog.stats',
  summary: '目录统计 Counts by department, classification, share and open type',
  input: z.object({}),
  auth: signedIn,
  run: ({ db }) => stats(db),
});

export const resourceActions = [
  createResource,
  updateResource,
  submitResource,
  reviewResource,
  showResource,
  listVersions,
  diffVersions,
  searchResources,
  exportResources,
  catalogStats,
];

// --- For other modules ---------------------------------------------------------

/** An entry's published version (what mounts, sharing and open data build on), or null when it has none. */
export async function publishedEntry(db: Queryable, idOrCode: string): Promise<Resource | null> {
  const head = await resources.head(db, idOrCode);
  if (!head?.publishedVersion) return null;
  return resources.version(db, head.id, head.publishedVersion);
}

/** The data elements some items (an entry's, a mount's columns) name, by identifier. */
export const dataElementsOf = (db: Queryable, items: readonly { dataElement: string | null }[]) =>
  dataElements.many(
    db,
    items.map((i) => i.dataElement).filter((d): d is string => !!d),
  );

/**
 * What masking needs to know of each item of a record, from its data element: its rule, the
 * identifier it holds, what it can be derived from (maskPlan decides the record's masks).
 */
export async function maskingOf(db: Queryable, items: readonly { name: string; dataElement: string | null }[]): Promise<PlanItem[]> {
  const elements = await dataElementsOf(db, items);
  return items.map(({ name, dataElement }) => {
    const e = dataElement ? elements.get(dataElement) : undefined;
    const domain = e?.valueDomain.kind === 'validator' ? e.valueDomain.name : null;
    return {
      name,
      rule: e?.masking ?? 'none',
      identifies: identifierKinds.find((k) => k === domain) ?? null,
      derivation: e?.derivation ?? null,
    };
  });
}

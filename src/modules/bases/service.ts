import { z } from 'zod';
import { CommitThenFail, defineRead, defineWrite } from '../../platform/actions/action.js';
import { systemPrincipal } from '../../platform/auth/principal.js';
import type { Queryable } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/values.js';
import { Conflict, type DomainError, InputError, NotAllowed, NotFound, RuleBroken } from '../../platform/errors.js';
import { type MaskRule, mask } from '../../platform/masking/mask.js';
import { maskPlan } from '../../platform/masking/plan.js';
import { validators } from '../../platform/validators/index.js';
import { dataElementsOf, publishedEntry } from '../catalog/index.js';
import { type AccessDecision, decideAccess, lastPublishedRun, mountOrThrow, mountState } from '../gathering/index.js';
import type { Column } from '../gathering/schema.js';
import type { MergePlan } from './merge-sql.js';
import { type BaseAccess, baseAccess, mayManage, signedIn } from './rules.js';
import {
  allFields,
  BASES,
  type BaseDef,
  type BaseField,
  type BaseName,
  BaseNameParam,
  BasePatch,
  type BaseSummary,
  FEEDS_FROM,
  type Feed,
  FeedCreate,
  FeedPatch,
  fieldOf,
  type GoldenRecord,
  type MergeCounts,
  RecordQuery,
  type Source,
} from './schema.js';
import { cachedSources, forgetSources } from './sources.js';
import { COUNT_CAP, type FeedRow, feeds, lockBase, publicFeed, records, runMerge, settings } from './store.js';

// The base databases' actions: the bureau wires provider mounts into a base (feeds) and
// chooses its conflict rule; merges fold new source rows into golden records; signed-in
// users look records up, masked, and every lookup is audited in the transaction that reads it.

export const MERGE_JOB = 'bases.merge';

const BaseParam = z.object({ base: BaseNameParam });
const FeedParam = z.object({ base: BaseNameParam, id: z.coerce.number().int().min(1).max(2_147_483_647) });

// --- Feeds: which mount feeds which field ---------------------------------------------------

type Issue = { path: string[]; message: string };

/**
 * Checks a field map against the base and the mount: every field is the base's, every item is
 * one of the mount's columns and of a type the field can hold, and the key is mapped from an
 * item that stores keys standardized (its data element runs the base's key validator).
 */
async function checkMap(db: Queryable, b: BaseDef, columns: Column[], fieldMap: Record<string, string>): Promise<void> {
  const issues: Issue[] = [];
  const byItem = new Map(columns.map((c) => [c.item, c]));
  for (const [field, item] of Object.entries(fieldMap)) {
    const def = fieldOf(b, field);
    const path = ['fieldMap', field];
    if (!def) issues.push({ path, message: `${b.label}没有字段 ${field}` });
    else if (!byItem.has(item)) issues.push({ path, message: `挂载资源没有信息项“${item}”` });
    else {
      const col = byItem.get(item) as Column;
      if (!FEEDS_FROM[def.type].includes(col.type)) issues.push({ path, message: `信息项“${item}”的类型（${col.type}）不能写入${def.label}（${def.type}）` });
    }
  }
  const keyItem = fieldMap[b.key.name];
  if (!keyItem) issues.push({ path: ['fieldMap', b.key.name], message: `必须映射主键字段 ${b.key.name}（${b.key.label}）` });
  else if (b.keyValidator && byItem.has(keyItem)) {
    const col = byItem.get(keyItem) as Column;
    const el = col.dataElement ? (await dataElementsOf(db, [col])).get(col.dataElement) : undefined;
    if (el?.valueDomain.kind !== 'validator' || el.valueDomain.name !== b.keyValidator) {
      issues.push({ path: ['fieldMap', b.key.name], message: `主键信息项“${keyItem}”应绑定校验${b.key.label}的数据元，导入时才会校验并统一格式` });
    }
  }
  if (Object.keys(fieldMap).length < 2 && keyItem) issues.push({ path: ['fieldMap'], message: '除主键外至少映射一个字段' });
  if (issues.length) throw new InputError(issues[0].message, issues);
}

async function tableMount(db: Queryable, mountId: string) {
  const m = await mountOrThrow(db, mountId);
  if (m.kind !== 'table' || !m.table) throw new RuleBroken('只有库表挂载可以作为基础库的数据来源');
  return m;
}

async function feedOf(db: Queryable, base: BaseName, id: number, lock = false): Promise<FeedRow> {
  const f = lock ? await feeds.lock(db, id) : await feeds.get(db, id);
  if (!f || f.base !== base) throw new NotFound('数据来源');
  return f;
}

export const listFeeds = defineRead({
  name: 'bases.feed.list',
  summary: '基础库数据来源 The feeds of a base: which mounts feed which fields, with priority and merge progress',
  input: BaseParam,
  auth: signedIn,
  run: async ({ db }, { base }) => (await feeds.list(db, base)).map(publicFeed),
});

export const createFeed = defineWrite({
  name: 'bases.feed.create',
  summary: '添加数据来源 Feed a base from a department’s table mount (the bureau); merges what the mount already holds',
  input: BaseParam.extend(FeedCreate.shape),
  auth: mayManage,
  async run({ db, principal, services }, input) {
    const b = BASES[input.base];
    const m = await tableMount(db, input.mountId);
    await checkMap(db, b, m.table?.columns ?? [], input.fieldMap);
    let id: number;
    try {
      id = await feeds.insert(db, input, principal.userId);
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`该挂载资源已是${b.label}的数据来源`);
      throw e;
    }
    forgetSources();
    // What the mount already holds is merged by a job, which becomes claimable when this commits.
    const jobId = input.enabled && m.currentTable ? await services.jobs.enqueue(db, MERGE_JOB, { feedId: id, full: true }, principal) : null;
    return { ...publicFeed((await feeds.get(db, id)) as FeedRow), jobId };
  },
  audit: (f) => ({ targetType: 'base_feed', targetId: String(f.id), details: { base: f.base, mount: f.mountId, fieldMap: f.fieldMap, priority: f.priority } }),
});

export const updateFeed = defineWrite({
  name: 'bases.feed.update',
  summary: '修改数据来源 Change a feed’s field map, priority or enabled flag (applies to later merges; re-merge to apply to all rows)',
  input: FeedParam.extend(FeedPatch.shape),
  auth: mayManage,
  async run({ db }, { base, id, ...patch }) {
    const f = await feedOf(db, base, id, true);
    if (patch.fieldMap) {
      const m = await tableMount(db, f.mountId);
      await checkMap(db, BASES[base], m.table?.columns ?? [], patch.fieldMap);
    }
    await feeds.update(db, id, patch);
    forgetSources();
    return publicFeed((await feeds.get(db, id)) as FeedRow);
  },
  audit: (f, input) => ({
    targetType: 'base_feed',
    targetId: String(f.id),
    details: { base: f.base, changed: Object.keys(input).filter((k) => k !== 'base' && k !== 'id'), priority: f.priority, enabled: f.enabled },
  }),
});

// --- Merge ------------------------------------------------------------------------------------

/** The merge statement's plan for a feed, from its field map and the mount's columns as they are now. */
function planFor(f: FeedRow, b: BaseDef, rule: MergePlan['rule']): MergePlan {
  const columns = f.mount.table?.columns ?? [];
  const byItem = new Map(columns.map((c) => [c.item, c]));
  const mapped = Object.entries(f.fieldMap).map(([field, item]) => {
    const def = fieldOf(b, field);
    const col = byItem.get(item);
    if (!def || !col) throw new RuleBroken(`数据来源的映射已失效：${field} → ${item}`);
    return { field: def, column: col };
  });
  const key = mapped.find((m) => m.field === b.key);
  if (!key) throw new RuleBroken('数据来源没有映射主键字段');
  const mountKeys = columns.filter((c) => c.key);
  // In BaseDef order, so the statement's text is the same for the same map.
  const order = allFields(b);
  const fields = mapped.filter((m) => m !== key).sort((x, y) => order.indexOf(x.field) - order.indexOf(y.field));
  return { base: b, rule, key, fields, dedupe: !(mountKeys.length === 1 && mountKeys[0].column === key.column.column) };
}

/** Rows a feed has not merged yet: lo (its last merged run) and hi (the mount's last published run). */
export async function pendingRuns(db: Queryable, feedId: number): Promise<{ lo: number; hi: number } | null> {
  const [f] = await db.query<{ lo: number; mountId: string }>('SELECT merged_run::float8 AS lo, mount_id AS "mountId" FROM base_feeds WHERE id = $1', [feedId]);
  return f ? { lo: f.lo, hi: await lastPublishedRun(db, f.mountId) } : null;
}

/**
 * A merge is the platform moving rows between its own stores, on the bureau's word: it reads the
 * mount's table whole and unmasked, as the platform, on the decision the one policy makes for it.
 */
async function mergeRead(db: Queryable, mountId: string): Promise<AccessDecision> {
  const mount = await mountOrThrow(db, mountId);
  const entry = await publishedEntry(db, mount.resourceId);
  if (!entry) throw new RuleBroken('数据来源的目录资源尚未发布');
  return decideAccess(systemPrincipal('bases.merge'), entry, mount, null, []);
}

export type MergeResult = MergeCounts & { base: BaseName; feedId: number; mountId: string; full: boolean };

/**
 * Merges the rows of a feed's mount written after its last merge (all of them with `full`), in
 * this action's one transaction with its audit row: a crash leaves the previous state, a second
 * run finds nothing new, and a re-merge of rows already in changes nothing.
 */
export const mergeFeed = defineWrite({
  name: 'bases.feed.merge',
  summary: '合并数据来源 Merge a feed’s new rows into the base now (full: every row of the mount again)',
  input: FeedParam.extend({ full: z.boolean().default(false) }),
  auth: mayManage,
  async run({ db, progress }, { base, id, full }): Promise<MergeResult> {
    const started = Date.now();
    const b = BASES[base];
    await lockBase(db, base);
    const f = await feedOf(db, base, id, true);
    if (!f.enabled) throw new RuleBroken('数据来源已停用，启用后才能合并');
    const { table, hi } = await mountState(db, f.mountId);
    const lo = full ? 0 : f.mergedRun;
    const counts: MergeCounts = { considered: 0, skipped: 0, inserted: 0, updated: 0, unchanged: 0, fromRun: lo, toRun: Math.max(hi, lo), ms: 0 };
    if (table && hi > lo) {
      const { rule } = await settings.get(db, base);
      progress('merge', 0, 1);
      const out = await runMerge(db, await mergeRead(db, f.mountId), planFor(f, b, rule), { lo, hi, mountId: f.mountId, feedId: f.id, priority: f.priority });
      Object.assign(counts, out, { unchanged: out.considered - out.skipped - out.inserted - out.updated });
      await settings.addRecords(db, base, out.inserted);
      progress('merge', 1, 1);
    }
    counts.ms = Date.now() - started;
    await feeds.merged(db, f.id, counts.toRun, counts);
    return { ...counts, base, feedId: f.id, mountId: f.mountId, full };
  },
  audit: (r) => ({ targetType: 'base_feed', targetId: String(r.feedId), details: { ...r } }),
});

export const remergeFeed = defineWrite({
  name: 'bases.feed.remerge',
  summary: '重新合并数据来源 Merge every row of a feed’s mount again, as a job (after a field map or priority change)',
  input: FeedParam,
  auth: mayManage,
  async run({ db, principal, services }, { base, id }) {
    const f = await feedOf(db, base, id);
    if (!f.enabled) throw new RuleBroken('数据来源已停用，启用后才能合并');
    return { feedId: f.id, jobId: await services.jobs.enqueue(db, MERGE_JOB, { feedId: f.id, full: true }, principal) };
  },
  audit: (out, input) => ({ targetType: 'base_feed', targetId: String(out.feedId), details: { base: input.base, job: out.jobId } }),
});

// --- Bases ------------------------------------------------------------------------------------

function summaryOf(b: BaseDef, s: { rule: BaseSummary['rule']; records: number; resourceId: string | null; updatedAt: string }, fs: Feed[]): BaseSummary {
  const merged = fs.map((x) => x.mergedAt).filter((x): x is string => !!x);
  return {
    name: b.name,
    label: b.label,
    table: b.table,
    rule: s.rule,
    resourceId: s.resourceId,
    records: s.records,
    key: b.key.name,
    fields: allFields(b).map((x) => ({ ...x, key: x === b.key })),
    feeds: fs,
    lastMergeAt: merged.sort().at(-1) ?? null,
    updatedAt: s.updatedAt,
  };
}

export const listBases = defineRead({
  name: 'bases.list',
  summary: '基础库 The base databases: fields, conflict rule, record counts, feeds and last merge',
  input: z.object({}),
  auth: signedIn,
  async run({ db }) {
    const all = (await feeds.list(db)).map(publicFeed);
    return (await settings.all(db)).map((s) =>
      summaryOf(
        BASES[s.base],
        s,
        all.filter((f) => f.base === s.base),
      ),
    );
  },
});

export const updateBase = defineWrite({
  name: 'bases.base.update',
  summary: '设置基础库 Choose how a base resolves conflicting sources (newest or most authoritative) and link its catalog entry (the bureau)',
  input: BaseParam.extend(BasePatch.shape),
  auth: mayManage,
  async run({ db, principal }, { base, rule, resourceId }) {
    const before = await settings.get(db, base);
    if (rule) await settings.setRule(db, base, rule, principal.userId);
    if (resourceId && !(await publishedEntry(db, resourceId))) throw new NotFound('已发布的目录资源');
    if (resourceId !== undefined) await settings.setResource(db, base, resourceId, principal.userId);
    const fs = (await feeds.list(db, base)).map(publicFeed);
    return { ...summaryOf(BASES[base], await settings.get(db, base), fs), previousRule: before.rule };
  },
  audit: (s) => ({ targetType: 'base', targetId: s.name, details: { rule: s.rule, previous: s.previousRule, resource: s.resourceId } }),
});

// --- Records ----------------------------------------------------------------------------------

/** A key as the base stores it, or 400 with the validator's reason. */
function normalizeKey(b: BaseDef, raw: string): string {
  const v = raw.trim();
  if (b.keyValidator) {
    const r = validators[b.keyValidator](v);
    if (!r.ok) throw new InputError(`${b.key.label}无效：${r.reason}`, [{ path: ['key'], message: r.reason }]);
    return r.normalized;
  }
  // As keyPattern says in SQL: 1 to 64 characters, none of them control characters.
  if (!/^\P{Cc}{1,64}$/u.test(v)) throw new InputError(`${b.key.label}无效：应为1至64个字符，不含控制字符`, [{ path: ['key'], message: '格式错误' }]);
  return v;
}

const KeyParam = z.object({ base: BaseNameParam, key: z.string().min(1).max(100) });

/** The fields a principal reads, each with its mask, decided over the record as delivered (maskPlan). */
function masksOf(b: BaseDef, access: BaseAccess): Map<string, MaskRule> {
  const delivered = allFields(b).filter((f) => access.fields.has(f.name));
  return maskPlan(
    delivered.map((f) => ({ name: f.name, rule: f.masking, identifies: f.identifies, derivation: f.derivation })),
    access.unmasked,
  );
}
const isClear = (masks: Map<string, MaskRule>, f: BaseField) => masks.get(f.name) === 'none';
const show = (masks: Map<string, MaskRule>, f: BaseField, v: string | null) => (isClear(masks, f) ? v : mask(masks.get(f.name) ?? 'full', v));

/**
 * One golden record with where each field came from. A lookup names the key in the audit log,
 * in the transaction that reads the record: no audit row, no data. A miss is audited too
 * (probing who is in the base is itself a lookup).
 */
export const showRecord = defineWrite({
  name: 'bases.record.show',
  summary: '查询基础库记录 One golden record by key, each field with its source; personal data masked; every lookup audited',
  input: KeyParam,
  auth: signedIn,
  async run({ db, principal }, { base, key: raw }): Promise<GoldenRecord> {
    const b = BASES[base];
    const key = normalizeKey(b, raw);
    // Who probed which key without the right to is itself worth knowing.
    const deny = (e: DomainError) => new CommitThenFail(e, { targetType: b.table, targetId: key, details: { denied: true, reason: e.message } });
    let access: BaseAccess;
    try {
      access = await baseAccess(db, principal, b);
    } catch (e) {
      if (e instanceof NotAllowed) throw deny(e);
      throw e;
    }
    const masks = masksOf(b, access);
    // As in the share API (F5): a department whose grant masks the key may not look a record up
    // by its raw value — the answer would tell who is in the base, and hand back what the grant
    // shows in clear (a name) for an ID it may not see. Refused before the base is read.
    if (access.grant && !isClear(masks, b.key)) throw deny(new RuleBroken(`${b.key.label}在本部门的授权中脱敏，不能按原值查询记录`, { reason: 'masked_key' }));
    const row = await records.get(db, b, key);
    if (!row) throw new CommitThenFail(new NotFound(`${b.label}记录`), { targetType: b.table, targetId: key, details: { found: false } });
    const sources = await cachedSources(db, base, Object.values(row.lineage));
    const sourceOf = (run: number | undefined): Source | null => {
      const s = run === undefined ? undefined : sources.get(run);
      return s ? { ...s } : null;
    };
    return {
      base,
      key: show(masks, b.key, key) as string,
      fields: allFields(b)
        .filter((f) => masks.has(f.name))
        .map((f) => ({
          field: f.name,
          label: f.label,
          value: show(masks, f, row.values[f.name]),
          masked: !isClear(masks, f),
          source: sourceOf(row.lineage[f.name]),
        })),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  },
  audit: (r, input) => ({
    targetType: BASES[input.base].table,
    targetId: normalizeKey(BASES[input.base], input.key),
    details: { found: true, masked: r.fields.filter((f) => f.masked).map((f) => f.field) },
  }),
});

const MAX_OFFSET = COUNT_CAP;
/** The keys a list page returned, for its audit row only: they never leave in the response. */
const listedKeys = new WeakMap<object, string[]>();

export const listRecords = defineWrite({
  name: 'bases.record.list',
  summary: '浏览基础库记录 A page of golden records, in key order or by a prefix of the name; masked like a lookup; audited',
  input: BaseParam.extend(RecordQuery.shape),
  auth: signedIn,
  async run({ db, principal }, { base, prefix, page, pageSize }) {
    const b = BASES[base];
    const masks = masksOf(b, await baseAccess(db, principal, b));
    const search = fieldOf(b, b.searchField) as BaseField;
    // Filtering on a masked column would reveal what the mask hides (DESIGN.md, "Masking").
    if (prefix && !masks.has(search.name)) throw new NotAllowed(`授权不含${search.label}，不能按它筛选`);
    if (prefix && !isClear(masks, search)) throw new RuleBroken(`${search.label}是脱敏字段，不能按它筛选；请按${b.key.label}查询`);
    if ((page - 1) * pageSize >= MAX_OFFSET) throw new InputError(`最多翻到第 ${MAX_OFFSET.toLocaleString('en-US')} 条，请用前缀缩小范围`);
    const total = prefix ? 0 : (await settings.get(db, base)).records;
    const out = await records.list(db, b, { prefix, page, pageSize, total });
    const result = {
      items: out.items.map((r) => ({
        key: show(masks, b.key, r.values[b.key.name]) as string,
        values: Object.fromEntries(b.fields.filter((f) => masks.has(f.name)).map((f) => [f.name, show(masks, f, r.values[f.name])])),
        updatedAt: r.updatedAt,
      })),
      total: out.total,
      totalCapped: out.totalCapped,
      masked: allFields(b)
        .filter((f) => masks.has(f.name) && !isClear(masks, f))
        .map((f) => f.name),
    };
    listedKeys.set(
      result,
      out.items.map((r) => r.values[b.key.name] as string),
    );
    return result;
  },
  audit: (out, input) => ({
    targetType: BASES[input.base].table,
    targetId: null,
    details: { prefix: input.prefix ?? null, page: input.page, pageSize: input.pageSize, returned: out.items.length, keys: listedKeys.get(out) ?? [] },
  }),
});

export const baseActions = [listBases, updateBase, listFeeds, createFeed, updateFeed, mergeFeed, remergeFeed, showRecord, listRecords];

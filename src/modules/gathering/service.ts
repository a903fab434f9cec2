import { z } from 'zod';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import type { Principal } from '../../platform/auth/principal.js';
import { Id, Page } from '../../platform/auth/schema.js';
import type { Queryable } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/values.js';
import { Conflict, InputError, NotAllowed, NotFound, RuleBroken, unseen } from '../../platform/errors.js';
import type { MaskRule } from '../../platform/masking/mask.js';
import { dataElementsOf, maskingOf, publishedEntry } from '../catalog/index.js';
import { cycleInterval, mayInspect, mayLoad, signedIn } from './rules.js';
import { type Mount, MountCreate, type MountListed, MountQuery, Quality, type Run, runModes } from './schema.js';
import { files, type MountRow, mounts, type RunRow, runs } from './store.js';
import { decideAccess } from './tables/decision.js';
import { columnsFor, dataTable, quoteTable } from './tables/layout.js';

// The gathering module's actions. An ingest run is several of them (start → load outside
// any transaction → finish or fail), driven by ingest.ts, so each step is authorized and
// audited like any other action while the bulk load itself commits as it goes.

/** What callers outside the provider may see of a mount: the upstream address is the provider's business. */
function publicMount(m: MountRow, p: Principal): Mount {
  const { seq: _s, currentTable: _t, config: _c, ...rest } = m;
  return { ...rest, api: m.api && !mayInspect(p, m.departmentId) ? { ...m.api, url: '' } : m.api };
}

export async function mountOrThrow(db: Queryable, id: string): Promise<MountRow> {
  const m = await mounts.get(db, id);
  if (!m) throw new NotFound('挂载资源');
  return m;
}

/** An entry's mount of one kind (an entry has at most one of each), for the sharing module's delivery. */
export const mountOf = (db: Queryable, resourceId: string, kind: Mount['kind']): Promise<MountRow | null> => mounts.ofResource(db, resourceId, kind);
export const tableMountOf = (db: Queryable, resourceId: string) => mountOf(db, resourceId, 'table');
/** Mounts by id, for modules that keep mount ids (a base's feeds, a publish event's target). */
export const mountById = (db: Queryable, id: string): Promise<MountRow | null> => mounts.get(db, id);
export const mountsById = async (db: Queryable, ids: string[]) => new Map((await mounts.many(db, ids)).map((m) => [m.id, m]));
/** The providing department of each mount that exists (a cheap check on a hot path: does this department feed that?). */
export const mountDepartments = (db: Queryable, ids: string[]): Promise<Map<string, string>> => mounts.departments(db, ids);

/**
 * A mount whose runs, files and upstream the caller may look into: the provider's, for the
 * bureau and auditors too. Another department's answers as a missing one (audited as a denial):
 * its id must not confirm what it holds; its rows reach others through a grant (the share API).
 */
async function inspectable(db: Queryable, p: Principal, id: string): Promise<MountRow> {
  const m = await mounts.get(db, id);
  if (!m || !mayInspect(p, m.departmentId)) throw unseen('挂载资源', !!m);
  return m;
}

async function runOf(db: Queryable, p: Principal, id: string): Promise<{ run: RunRow; mount: MountRow }> {
  const run = await runs.get(db, id);
  const mount = run && (await mounts.get(db, run.mountId));
  // Another department's run answers as a missing one (audited as a denial): its id must not confirm that an import happened.
  if (!run || !mount || !mayInspect(p, mount.departmentId)) throw unseen('导入任务', !!mount);
  return { run, mount };
}

export const createMount = defineWrite({
  name: 'gathering.mount.create',
  summary: '挂载资源 Mount a table, file or API under a published catalog entry',
  input: z.object({ id: z.string().min(1).max(60) }).and(MountCreate),
  auth: signedIn,
  async run({ db, principal }, input) {
    const entry = await publishedEntry(db, input.id);
    if (!entry) throw new NotFound('已发布的目录资源');
    if (!mayLoad(principal, entry.providerDepartmentId)) throw new NotAllowed('只能挂载本部门的目录资源');
    const updateCycle = input.updateCycle ?? entry.updateCycle;
    let config: unknown;
    if (input.kind === 'table') {
      const names = new Set(entry.items.map((i) => i.name));
      const unknown = (input.keyItems ?? []).filter((k) => !names.has(k));
      if (unknown.length) throw new InputError(`主键信息项不在目录中：${unknown.join('、')}`, [{ path: ['keyItems'], message: '应为目录的信息项名称' }]);
      const columns = columnsFor(entry.items, await dataElementsOf(db, entry.items), input.keyItems);
      config = { columns, rejectThreshold: input.rejectThreshold };
    } else if (input.kind === 'api') {
      config = input.api;
    } else {
      config = {};
    }
    const kindName = { table: '库表', file: '文件', api: '接口' }[input.kind];
    try {
      const id = await mounts.insert(
        db,
        {
          resourceId: entry.id,
          departmentId: entry.providerDepartmentId,
          kind: input.kind,
          name: input.name ?? `${entry.name}（${kindName}）`,
          config,
          updateCycle,
          cycle: cycleInterval[updateCycle],
        },
        principal.userId,
      );
      return publicMount((await mounts.get(db, id)) as MountRow, principal);
    } catch (e) {
      if (isUniqueViolation(e, 'mounts_one_table')) throw new Conflict('该目录资源已挂载库表，一个目录只挂载一张库表');
      throw e;
    }
  },
  audit: (m) => ({ targetType: 'mount', targetId: m.id, details: { resource: m.resourceCode, kind: m.kind } }),
});

export const listMounts = defineRead({
  name: 'gathering.mount.list',
  summary: '挂载资源列表 Mounted resources (filter by entry, department, kind, overdue)',
  input: MountQuery,
  auth: signedIn,
  async run({ db, principal }, q) {
    const out = await mounts.list(db, { ...q, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' });
    // Another department's mount is listed as what the catalog already says; its id stays with those who may open it.
    const items = out.items.map((m): MountListed => ({ ...publicMount(m, principal), id: mayInspect(principal, m.departmentId) ? m.id : null }));
    return { items, total: out.total };
  },
});

export const showMount = defineRead({
  name: 'gathering.mount.show',
  summary: '挂载资源详情 One mount',
  input: z.object({ id: Id }),
  auth: signedIn,
  run: async ({ db, principal }, { id }) => publicMount(await mountOrThrow(db, id), principal),
});

// --- Ingest runs ----------------------------------------------------------------

/** A run as callers see it: no staging table, rejects key or idempotency internals. */
export const toRun = (r: RunRow): Run => {
  const { seq: _s, stagingTable: _t, rejectsKey: _k, cancelRequested: _c, startedById: _b, idempotencyKey: _i, requestSha256: _h, ...rest } = r;
  return rest;
};

export const listRuns = defineRead({
  name: 'gathering.run.list',
  summary: '导入记录 Ingest runs of a mount, newest first',
  input: z.object({ id: Id, ...Page }),
  auth: signedIn,
  async run({ db, principal }, { id, page, pageSize }) {
    await inspectable(db, principal, id);
    const out = await runs.list(db, id, page, pageSize);
    return { items: out.items.map(toRun), total: out.total };
  },
});

export const showRun = defineRead({
  name: 'gathering.run.show',
  summary: '导入进度与质量报告 One run: progress while it runs, the quality report after',
  input: z.object({ id: Id }),
  auth: signedIn,
  run: async ({ db, principal }, { id }) => toRun((await runOf(db, principal, id)).run),
});

/**
 * For the rejects download: the stored report's key, once authorized, and the masks its values
 * are read with (null: the provider's own, unmasked). The values are the rows' raw ones, so the
 * bureau and auditors read them masked as they read the mount's rows (the one policy decides).
 */
export const runRejects = defineRead({
  name: 'gathering.run.rejects',
  summary: '不合格记录 The rows a run rejected, as CSV (row, column, value, reason); values masked but for the provider',
  input: z.object({ id: Id }),
  auth: signedIn,
  async run({ db, principal }, { id }): Promise<{ key: string; filename: string; masks: Map<string, MaskRule> | null }> {
    const { run, mount } = await runOf(db, principal, id);
    if (!run.rejectsKey) throw new NotFound('不合格记录（本次导入没有不合格记录）');
    const entry = await publishedEntry(db, mount.resourceId);
    if (!entry) throw new NotFound('已发布的目录资源');
    const masking = await maskingOf(
      db,
      entry.items.map((i) => ({ name: i.name, dataElement: i.dataElement ?? null })),
    );
    const d = decideAccess(principal, entry, mount, null, masking);
    const clear = [...d.masks.values()].every((m) => m === 'none');
    return { key: run.rejectsKey, filename: `rejects-${run.seq}.csv`, masks: clear ? null : d.masks };
  },
});

/** A new run, or (`replayOf`) the run that already answered this idempotency key: no new run is made. */
type StartedRun = { run: RunRow; mount: MountRow; stale: string[]; replayOf?: true };

export const startRun = defineWrite({
  name: 'gathering.run.start',
  summary: '上传数据并导入 Stream a file into a table mount (replace or upsert); the body is the file',
  input: z.object({
    id: Id,
    mode: z.enum(runModes),
    format: z.string().nullable(),
    encoding: z.string().nullable(),
    filename: z.string().nullable(),
    bytesTotal: z.number().int().nullable(),
    /** Runs of this mount still marked running whose process is gone (ingest.ts checks the locks). */
    stale: z.array(Id).default([]),
    idempotencyKey: z.string().nullable().default(null),
  }),
  auth: signedIn,
  async run({ db, principal }, input): Promise<StartedRun> {
    const mount = await mounts.lock(db, input.id);
    if (!mount) throw new NotFound('挂载资源');
    if (!mayLoad(principal, mount.departmentId)) throw new NotAllowed('只能向本部门的资源导入数据');
    if (mount.kind !== 'table') throw new RuleBroken('只有库表挂载可以导入数据行');
    const hasKey = (mount.table?.columns ?? []).some((c) => c.key);
    if (input.mode !== 'replace' && !hasKey) throw new RuleBroken('该挂载没有主键信息项，只能全量替换（replace）');
    if (input.mode === 'delete' && !mount.currentTable) throw new RuleBroken('该资源还没有数据，无可删除');
    for (const id of input.stale) {
      await runs.finish(db, id, {
        status: 'failed',
        rowsRead: 0,
        rowsLoaded: 0,
        rowsRejected: 0,
        version: null,
        quality: null,
        rejectsKey: null,
        error: '导入进程中断',
      });
    }
    if (input.idempotencyKey) {
      const answered = await runs.byKey(db, mount.id, input.idempotencyKey);
      if (answered?.status === 'running')
        throw new Conflict('同一幂等键的批次正在导入，请等待其结束', { reason: 'idempotency_key_running', runId: answered.id });
      if (answered) return { run: answered, mount, stale: input.stale, replayOf: true };
    }
    try {
      const created = await runs.insert(db, { ...input, mountId: mount.id }, principal.userId);
      const staging = `mount_stage_${mount.seq}_${created.seq}`;
      await runs.setStaging(db, created.id, staging);
      return { run: (await runs.get(db, created.id)) as RunRow, mount, stale: input.stale };
    } catch (e) {
      if (isUniqueViolation(e, 'ingest_runs_one_running')) throw new Conflict('该资源正在导入数据，请等待当前导入完成或取消它');
      if (isUniqueViolation(e, 'ingest_runs_idempotency')) throw new Conflict('同一幂等键的批次正在导入，请等待其结束', { reason: 'idempotency_key_running' });
      throw e;
    }
  },
  audit: (out, input) => ({
    targetType: 'mount',
    targetId: out.mount.id,
    details: { run: out.run.id, mode: input.mode, filename: input.filename, interrupted: out.stale, replay: out.replayOf ?? false },
  }),
});

const Counts = z.object({ rowsRead: z.number().int(), rowsLoaded: z.number().int(), rowsRejected: z.number().int() });

/**
 * Makes a loaded run visible, in one transaction with its audit row: a replace points the
 * mount at the new table; an upsert merges the staged rows into the current one.
 */
export const finishRun = defineWrite({
  name: 'gathering.run.finish',
  summary: '切换版本 Publish a loaded run as the mount’s new version',
  input: Counts.extend({ runId: Id, quality: Quality, rejectsKey: z.string().nullable(), requestSha256: z.string().nullable().default(null) }),
  auth: signedIn,
  async run({ db, principal }, input) {
    const run = await runs.get(db, input.runId);
    if (run?.status !== 'running') throw new Conflict('导入任务已结束');
    const mount = (await mounts.lock(db, run.mountId)) as MountRow;
    if (!mayLoad(principal, mount.departmentId)) throw new NotAllowed();
    const columns = mount.table?.columns ?? [];
    const version = mount.currentVersion + 1;
    let table: string;
    let n: number;
    if (run.mode === 'delete') {
      if (!mount.currentTable) throw new Conflict('该资源已没有数据，无可删除');
      table = mount.currentTable;
      const keys = columns.filter((c) => c.key).map((c) => c.column);
      const keyText = keys.length === 1 ? `t.${keys[0]}::text` : `json_build_array(${keys.map((k) => `t.${k}::text`).join(', ')})::text`;
      // The keys go to mount_deletes, so a consumer's changes feed can pass the delete on.
      const [{ gone }] = await db.query<{ gone: number }>(
        `WITH gone AS (DELETE FROM ${quoteTable(table)} t USING ${quoteTable(run.stagingTable)} s
                        WHERE ${keys.map((k) => `t.${k} = s.${k}`).join(' AND ')} RETURNING ${keyText} AS key),
              kept AS (INSERT INTO mount_deletes (mount_id, table_name, run, key) SELECT $1, $2, $3, key FROM gone RETURNING 1)
         SELECT count(*)::float8 AS gone FROM kept`,
        [mount.id, table, run.seq],
      );
      n = Math.max(0, (mount.rowCount ?? 0) - gone);
    } else if (run.mode === 'replace' || !mount.currentTable) {
      table = dataTable(mount.seq, version);
      await db.query(`ALTER TABLE ${quoteTable(run.stagingTable)} RENAME TO ${table}`);
      n = input.rowsLoaded;
    } else {
      table = mount.currentTable;
      const cols = columns.map((c) => c.column);
      const keys = columns.filter((c) => c.key).map((c) => c.column);
      const sets = [...cols.filter((c) => !keys.includes(c)), '_row', '_run'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');
      // xmax = 0 marks a row this statement inserted rather than updated: the new count without a scan.
      const [{ added }] = await db.query<{ added: number }>(
        `WITH merged AS (
           INSERT INTO ${quoteTable(table)} (${cols.join(', ')}, _row, _run) SELECT ${cols.join(', ')}, _row, _run FROM ${quoteTable(run.stagingTable)}
           ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets} RETURNING (xmax = 0) AS inserted)
         SELECT count(*) FILTER (WHERE inserted)::float8 AS added FROM merged`,
      );
      n = (mount.rowCount ?? 0) + added;
    }
    await mounts.switchTo(db, mount.id, { table, version, rowCount: n });
    await mounts.renewDue(db, mount.id, cycleInterval[mount.updateCycle]);
    await runs.finish(db, run.id, { ...input, status: 'succeeded', version, error: null });
    return { run: toRun((await runs.get(db, run.id)) as RunRow), mount, table, previous: mount.currentTable };
  },
  audit: (out) => ({
    targetType: 'mount',
    targetId: out.mount.id,
    details: { run: out.run.id, mode: out.run.mode, version: out.run.version, rowsLoaded: out.run.rowsLoaded, rowsRejected: out.run.rowsRejected },
  }),
});

/** Ends a run that will not be published: failed, cancelled, or under the quality threshold. */
export const endRun = defineWrite({
  name: 'gathering.run.end',
  summary: '结束导入（未发布） Record a run that did not publish',
  input: Counts.extend({
    runId: Id,
    status: z.enum(['failed', 'cancelled', 'rejected']),
    error: z.string(),
    quality: Quality.nullable(),
    rejectsKey: z.string().nullable(),
    requestSha256: z.string().nullable().default(null),
  }),
  auth: signedIn,
  async run({ db, principal }, input) {
    const run = await runs.get(db, input.runId);
    if (!run) throw new NotFound('导入任务');
    const mount = await mountOrThrow(db, run.mountId);
    if (!mayLoad(principal, mount.departmentId)) throw new NotAllowed();
    if (run.status === 'running') await runs.finish(db, run.id, { ...input, version: null });
    return toRun((await runs.get(db, run.id)) as RunRow);
  },
  audit: (out) => ({ targetType: 'mount', targetId: out.mountId, details: { run: out.id, status: out.status, error: out.error } }),
});

export const cancelRun = defineWrite({
  name: 'gathering.run.cancel',
  summary: '取消导入 Ask a running import to stop; the previous version stays',
  input: z.object({ id: Id }),
  auth: signedIn,
  async run({ db, principal }, { id }) {
    const { run, mount } = await runOf(db, principal, id);
    if (!mayLoad(principal, mount.departmentId)) throw new NotAllowed('只有提供部门可以取消导入');
    if (run.status !== 'running') throw new Conflict('导入已结束，无法取消');
    await runs.requestCancel(db, id);
    return { id, cancelRequested: true };
  },
  audit: (out) => ({ targetType: 'ingest-run', targetId: out.id }),
});

// --- Update cycle ------------------------------------------------------------------

export const flagOverdue = defineWrite({
  name: 'gathering.mount.flag-overdue',
  summary: '标记逾期未更新的资源 Flag mounts overdue for their update cycle',
  input: z.object({}),
  auth: (p) => p.kind === 'system',
  run: async ({ db }) => ({ flagged: (await mounts.flagOverdue(db)).map((m) => m.id) }),
  audit: (out) => ({ targetType: 'mount', targetId: null, details: { flagged: out.flagged.length, mounts: out.flagged.slice(0, 100) } }),
});

// --- Files ---------------------------------------------------------------------------

export const addFileVersion = defineWrite({
  name: 'gathering.file.upload',
  summary: '上传文件新版本 Store a new version of a file mount; the body is the file',
  input: z.object({
    id: Id,
    storageKey: z.string(),
    filename: z.string().trim().min(1).max(255),
    contentType: z.string().max(200),
    size: z.number().int(),
    sha256: z.string(),
    sm3: z.string(),
  }),
  auth: signedIn,
  async run({ db, principal }, input) {
    const mount = await mounts.lock(db, input.id);
    if (!mount) throw new NotFound('挂载资源');
    if (!mayLoad(principal, mount.departmentId)) throw new NotAllowed('只能向本部门的资源上传文件');
    if (mount.kind !== 'file') throw new RuleBroken('只有文件挂载可以上传文件');
    const version = await files.insert(db, { ...input, mountId: mount.id }, principal.userId);
    await mounts.renewDue(db, mount.id, cycleInterval[mount.updateCycle]);
    return { mountId: mount.id, version, filename: input.filename, size: input.size, sha256: input.sha256 };
  },
  audit: (out) => ({
    targetType: 'mount',
    targetId: out.mountId,
    details: { version: out.version, filename: out.filename, size: out.size, sha256: out.sha256 },
  }),
});

export const listFiles = defineRead({
  name: 'gathering.file.list',
  summary: '文件版本 Versions of a file mount',
  input: z.object({ id: Id }),
  auth: signedIn,
  async run({ db, principal }, { id }) {
    await inspectable(db, principal, id);
    return files.list(db, id);
  },
});

export const fileVersion = defineRead({
  name: 'gathering.file.download',
  summary: '下载文件 One version of a file mount (the latest by default)',
  input: z.object({ id: Id, version: z.coerce.number().int().min(1).optional() }),
  auth: signedIn,
  async run({ db, principal }, { id, version }) {
    const m = await inspectable(db, principal, id);
    const f = await files.get(db, id, version ?? m.currentVersion);
    if (!f) throw new NotFound('文件版本');
    return f;
  },
});

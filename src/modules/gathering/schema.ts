import { z } from 'zod';
import { Id, Name, Page } from '../../platform/auth/schema.js';
import { ItemType, UpdateCycle } from '../catalog/schema.js';

// Mounts (挂载) and ingest runs (汇聚) as types: one source for validation, OpenAPI and the console.

const mountKinds = ['table', 'file', 'api'] as const;
export const runModes = ['replace', 'upsert', 'delete'] as const;
const runStatuses = ['running', 'succeeded', 'failed', 'cancelled', 'rejected'] as const;
const inputFormats = ['csv', 'tsv', 'xlsx', 'json', 'jsonl'] as const;
const inputEncodings = ['utf-8', 'gbk', 'gb18030'] as const;

export const labels = {
  kind: { table: '库表', file: '文件', api: '接口' },
  mode: { replace: '全量替换', upsert: '增量更新', delete: '按键删除' },
  status: { running: '导入中', succeeded: '成功', failed: '失败', cancelled: '已取消', rejected: '质量未达标' },
} as const;

/** A table mount's column: one catalog item, stored under a platform-made column name. */
export const Column = z.object({
  item: z.string(),
  column: z.string().regex(/^c\d+$/),
  type: ItemType,
  length: z.number().int().nullable(),
  dataElement: z.string().nullable(),
  key: z.boolean(),
});
export type Column = z.infer<typeof Column>;

const ApiParam = z.object({
  name: z.string().trim().min(1).max(100),
  in: z.enum(['query', 'header', 'body']).default('query'),
  required: z.boolean().default(false),
  description: z.string().max(200).optional(),
});
const ApiField = z.object({ name: z.string().trim().min(1).max(100), type: ItemType.default('string'), description: z.string().max(200).optional() });

export const ApiConfig = z.object({
  url: z
    .string()
    .trim()
    .url('接口地址应为完整的 http(s) 地址')
    .refine((u) => /^https?:\/\//i.test(u), '接口地址只支持 http 和 https'),
  method: z.enum(['GET', 'POST']).default('GET'),
  params: z.array(ApiParam).max(50).default([]),
  responseFields: z.array(ApiField).max(200).default([]),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});
export type ApiConfig = z.infer<typeof ApiConfig>;

const Threshold = z.number().min(0).max(1).meta({ description: 'largest rejected fraction with which a run may still publish' });

export const MountCreate = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('table'),
    name: Name(100).optional(),
    updateCycle: UpdateCycle.optional(),
    /** Item names forming the key; upserts match on it. Defaults to the items whose data element is an ID number or credit code. */
    keyItems: z.array(z.string()).max(5).optional(),
    rejectThreshold: Threshold.default(0.05),
  }),
  z.object({ kind: z.literal('file'), name: Name(100).optional(), updateCycle: UpdateCycle.optional() }),
  z.object({ kind: z.literal('api'), name: Name(100).optional(), updateCycle: UpdateCycle.optional(), api: ApiConfig }),
]);
export type MountCreate = z.infer<typeof MountCreate>;

export const TableConfig = z.object({ columns: z.array(Column), rejectThreshold: Threshold });
export type TableConfig = z.infer<typeof TableConfig>;

export const Mount = z
  .object({
    id: Id,
    resourceId: Id,
    resourceCode: z.string(),
    resourceName: z.string(),
    departmentId: Id,
    departmentName: z.string(),
    kind: z.enum(mountKinds),
    name: z.string(),
    updateCycle: UpdateCycle,
    currentVersion: z.number().int(),
    rowCount: z.number().int().nullable(),
    lastSuccessAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    overdueSince: z.string().nullable(),
    createdAt: z.string(),
    table: TableConfig.nullable(),
    api: ApiConfig.extend({ url: z.string().meta({ description: 'empty for callers outside the provider, the bureau and auditors' }) }).nullable(),
  })
  .meta({ id: 'Mount' });
export type Mount = z.infer<typeof Mount>;

/** A mount in a list: another department's is a catalog fact, without the id that would open its data. */
export const MountListed = Mount.extend({
  id: Id.nullable().meta({ description: 'null for another department’s mount: its rows are reached through a grant of the resource (the share API)' }),
}).meta({ id: 'MountListed' });
export type MountListed = z.infer<typeof MountListed>;

export const MountQuery = z.object({
  resourceId: Id.optional(),
  resourceCode: z.string().max(60).optional(),
  departmentId: Id.optional(),
  kind: z.enum(mountKinds).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ...Page,
});

export const ItemQuality = z.object({
  item: z.string(),
  filled: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  distinct: z.number().int().meta({ description: 'estimated (HyperLogLog, ±1%)' }),
  completeness: z.number(),
  validity: z.number(),
  uniqueness: z.number(),
});
export const Quality = z
  .object({
    rowsRead: z.number().int(),
    rowsLoaded: z.number().int(),
    rowsRejected: z.number().int(),
    duplicateKeys: z.number().int(),
    score: z.number().meta({ description: '0–100: 40 completeness + 40 validity + 20 accepted rows' }),
    items: z.array(ItemQuality),
    unmappedColumns: z.array(z.string()),
    missingItems: z.array(z.string()),
  })
  .meta({ id: 'Quality' });
export type Quality = z.infer<typeof Quality>;

export const Run = z
  .object({
    id: Id,
    mountId: Id,
    mode: z.enum(runModes),
    status: z.enum(runStatuses),
    format: z.string().nullable(),
    encoding: z.string().nullable(),
    filename: z.string().nullable(),
    bytesRead: z.number().int(),
    bytesTotal: z.number().int().nullable(),
    rowsRead: z.number().int(),
    rowsLoaded: z.number().int(),
    rowsRejected: z.number().int(),
    version: z.number().int().nullable(),
    quality: Quality.nullable(),
    hasRejects: z.boolean(),
    error: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    startedBy: z.string().nullable(),
  })
  .meta({ id: 'IngestRun' });
export type Run = z.infer<typeof Run>;

/** Query parameters of an upload: the body is the file itself. */
export const RunStart = z.object({
  mode: z.enum(runModes).default('replace'),
  format: z.enum(inputFormats).optional(),
  encoding: z.enum(['auto', ...inputEncodings]).default('auto'),
  filename: z.string().max(255).optional(),
  /** JSON object: file column header → item name, for headers that do not match an item. */
  mapping: z
    .string()
    .max(20_000)
    .optional()
    .transform((s, ctx) => {
      if (!s) return {};
      try {
        const m = JSON.parse(s);
        if (m && typeof m === 'object' && !Array.isArray(m) && Object.values(m).every((v) => typeof v === 'string')) return m as Record<string, string>;
      } catch {}
      ctx.addIssue({ code: 'custom', message: '列映射应为 JSON 对象：{"文件列名": "信息项名称"}' });
      return z.NEVER;
    }),
});
export type RunStart = z.infer<typeof RunStart>;

export const Preview = z
  .object({
    columns: z.array(z.object({ item: z.string(), type: ItemType, masking: z.string() })),
    rows: z.array(z.array(z.string().nullable())),
    masked: z.boolean(),
    version: z.number().int(),
    total: z.number().int(),
  })
  .meta({ id: 'Preview' });

export const FileVersion = z
  .object({
    version: z.number().int(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    sm3: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'FileVersion' });

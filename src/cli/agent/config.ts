import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

// The exchange agent's (前置机) configuration: one JSON file naming the platform, the API
// key, where the agent keeps its state, and its jobs. Strings may hold ${VAR} to take a value
// from the environment (passwords in database URLs, the API key), and relative paths are
// relative to the file itself.

/** A table or column name in the department's database. Quoted wherever it is used; `schema.table` is allowed for tables. */
const Name = z
  .string()
  .min(1)
  .max(128)
  .refine((s) => !/[\0\n\r]/.test(s), '名称不能含控制字符');

const Database = z.object({
  kind: z.enum(['postgres', 'mysql']).describe('postgres: PostgreSQL ≥ 12; mysql: MySQL ≥ 5.7 or MariaDB ≥ 10.3'),
  url: z.string().min(1).describe('postgres://user:pass@host:5432/db or mysql://user:pass@host:3306/db'),
});

const ChangeTable = z.object({
  table: Name,
  /** A column that grows with every change (a sequence or auto-increment). */
  seq: Name,
  /** The kind of change: I / U / D (or INSERT / UPDATE / DELETE): only the first letter counts. */
  op: Name,
  /** The changed row's key, in the order of the source's `key`. */
  key: z.array(Name).min(1).max(5),
});

const DbSource = Database.extend({
  table: Name,
  /** The source table's key columns: upserts and deletes are by these, in the mount's key items. */
  key: z.array(Name).min(1).max(5),
  /** Incremental by (updatedAt, key): a column set to the time (or a growing number) at every insert and update; NOT NULL. */
  updatedAt: Name.optional(),
  /** Incremental by a change table (written by triggers in the same transaction): carries deletes too. */
  changeTable: ChangeTable.optional(),
  /** Catalog item name → source column, for every item sent. */
  columns: z.record(z.string().min(1).max(100), Name).refine((c) => Object.keys(c).length > 0, '至少映射一个信息项'),
});

const CsvFolder = z.object({
  kind: z.literal('csv-folder'),
  /** Files are taken in name order; each is sent once (again if its content changes). Write them elsewhere and rename them in. */
  path: z.string().min(1),
  /** Files whose names match: .csv, .tsv, .json, .jsonl and .xlsx by default. */
  pattern: z.string().default('\\.(csv|tsv|jsonl?|xlsx)$'),
  encoding: z.enum(['auto', 'utf-8', 'gbk', 'gb18030']).default('auto'),
  /** upsert by the mount's key items, or replace: each file is the whole table. */
  mode: z.enum(['upsert', 'replace']).default('upsert'),
  /** Catalog item name → the file's column header, for headers that are not item names. */
  columns: z.record(z.string().min(1).max(100), z.string().min(1)).optional(),
});

const JobName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '任务名只能由字母、数字、- 和 _ 组成（最多 64 个）')
  .describe('names the job in the state file and in the batches’ idempotency keys');

const PushJob = z.object({
  name: JobName,
  push: z.object({
    /** The catalog code of the resource (101002/370300002-00001) or its id; its table mount receives the rows. */
    resource: z.string().min(1).max(60),
    source: z.union([
      DbSource.refine((s) => !!s.updatedAt !== !!s.changeTable, '数据库来源需要 updatedAt 或 changeTable 之一（只能一个）').refine(
        (s) => !s.changeTable || s.changeTable.key.length === s.key.length,
        'changeTable.key 的列数应与 key 相同',
      ),
      CsvFolder,
    ]),
    // Each batch is a load run and a version on the platform, whose fixed cost (a worker, the
    // checks' tables, publishing) dwarfed 5,000 rows' own: bench/agent.bench.ts measured 10k rows/s
    // at 5,000 a batch and 45k at 50,000.
    batchRows: z.number().int().min(1).max(200_000).default(50_000),
  }),
});

const PullJob = z.object({
  name: JobName,
  pull: z.object({
    /** The catalog code or id of a resource the consumer's department holds a grant for, with delivery 库表 (table). */
    resource: z.string().min(1).max(60),
    target: Database.extend({ table: Name }),
    // A page is a round trip, a call-log row and a destination transaction; the platform gives at
    // most 50,000 rows a page (fewer for a resource of many items).
    pageRows: z.number().int().min(1).max(50_000).default(50_000),
  }),
});

export const AgentConfig = z
  .object({
    platform: z.string().url().describe('the platform’s address, e.g. https://jutong.example.gov.cn'),
    apiKey: z.string().min(1).describe('an API key made in 个人中心 (POST /api/v1/auth/api-keys) by a user of the department'),
    state: z.string().min(1).describe('the state file: where each job has got to'),
    /** Seconds between polls when not --once. */
    intervalSeconds: z.number().min(1).max(86_400).default(30),
    /** How long to keep retrying an unreachable platform or database before a job gives up (--once) or waits for the next poll. */
    retrySeconds: z.number().min(0).max(86_400).default(300),
    /** Longest wait for one batch's answer: the platform answers an ingest when its run has ended. */
    requestTimeoutSeconds: z.number().min(1).max(86_400).default(1800),
    jobs: z
      .array(z.union([PushJob, PullJob]))
      .min(1)
      .refine((jobs) => new Set(jobs.map((j) => j.name)).size === jobs.length, '任务名不能重复'),
  })
  .strict();
export type AgentConfig = z.infer<typeof AgentConfig>;
export type Job = AgentConfig['jobs'][number];
export type PushJob = z.infer<typeof PushJob>;
export type PullJob = z.infer<typeof PullJob>;
export type DbSource = z.infer<typeof DbSource>;
export type CsvFolder = z.infer<typeof CsvFolder>;
export type Database = z.infer<typeof Database>;

export class AgentConfigError extends Error {}

/** ${VAR} → the environment's value; a missing variable is an error, not an empty string. */
function expand(v: unknown, env: NodeJS.ProcessEnv, where: string): unknown {
  if (typeof v === 'string')
    return v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const value = env[name];
      if (value === undefined) throw new AgentConfigError(`配置 ${where} 引用的环境变量 ${name} 未设置`);
      return value;
    });
  if (Array.isArray(v)) return v.map((x, i) => expand(x, env, `${where}[${i}]`));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x, env, where ? `${where}.${k}` : k)]));
  return v;
}

export function parseConfig(json: unknown, baseDir: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const parsed = AgentConfig.safeParse(expand(json, env, ''));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(根)'}: ${i.message}`);
    throw new AgentConfigError(`前置机配置有误：\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  c.platform = c.platform.replace(/\/+$/, '');
  c.state = resolve(baseDir, c.state);
  for (const j of c.jobs) if ('push' in j && j.push.source.kind === 'csv-folder') j.push.source.path = resolve(baseDir, j.push.source.path);
  return c;
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AgentConfigError(`读不到前置机配置文件 ${file}：${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AgentConfigError(`前置机配置文件 ${file} 不是有效的 JSON：${(e as Error).message}`);
  }
  return parseConfig(json, dirname(resolve(file)), env);
}

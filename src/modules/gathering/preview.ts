import { z } from 'zod';
import type { Config } from '../../config.js';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import { Id } from '../../platform/auth/schema.js';
import { InputError, NotAllowed, RuleBroken } from '../../platform/errors.js';
import { FetchRefused, safeFetch } from '../../platform/http/safe-fetch.js';
import { type MaskRule, mask } from '../../platform/masking/mask.js';
import { dataElementsOf } from '../catalog/index.js';
import { quoteTable } from './columns.js';
import { mayInspect, mayLoad, seesUnmasked, signedIn } from './rules.js';
import type { ApiConfig } from './schema.js';
import { mountOrThrow } from './service.js';

// Looking at mounted data: the first rows of a table (masked by data element for anyone
// but the provider), and a call through the platform to a mounted upstream API.

export const previewMount = defineRead({
  name: 'gathering.mount.preview',
  summary: '数据预览 The first rows of a table mount; personal data masked unless you are the provider',
  input: z.object({ id: Id, limit: z.coerce.number().int().min(1).max(100).default(20) }),
  auth: signedIn,
  async run({ db, principal }, { id, limit }) {
    const m = await mountOrThrow(db, id);
    if (m.kind !== 'table' || !m.table) throw new RuleBroken('只有库表挂载可以预览数据行');
    const columns = m.table.columns;
    const elements = await dataElementsOf(db, columns);
    const masked = !seesUnmasked(principal, m.departmentId);
    const rules = columns.map((c) => ((c.dataElement ? elements.get(c.dataElement)?.masking : undefined) ?? 'none') as MaskRule);
    const out = {
      columns: columns.map((c, j) => ({ item: c.item, type: c.type, masking: rules[j] })),
      rows: [] as (string | null)[][],
      masked,
      version: m.currentVersion,
      total: m.rowCount ?? 0,
    };
    if (!m.currentTable) return out;
    const rows = await db.query<Record<string, unknown>>(
      `SELECT ${columns.map((c) => `${c.column}::text AS ${c.column}`).join(', ')} FROM ${quoteTable(m.currentTable)} ORDER BY _row LIMIT ${limit}`,
    );
    out.rows = rows.map((r) => columns.map((c, j) => (masked ? mask(rules[j], r[c.column] as string | null) : (r[c.column] as string | null))));
    return out;
  },
});

type ApiAnswer = { status: number; ms: number; bytes: number; body: unknown };

/**
 * One call of a mounted upstream API with the caller's parameters: only declared parameters,
 * required ones present, hosts and addresses as the platform's fetch policy allows.
 */
export async function invokeApi(api: ApiConfig, params: Record<string, string>, fetchPolicy: Config['fetch']): Promise<ApiAnswer> {
  const missing = api.params.filter((p) => p.required && !params[p.name]).map((p) => p.name);
  if (missing.length) throw new InputError(`缺少必填参数：${missing.join('、')}`);
  const known = new Set(api.params.map((p) => p.name));
  const unknown = Object.keys(params).filter((k) => !known.has(k));
  if (unknown.length) throw new InputError(`接口没有这些参数：${unknown.join('、')}`);
  const url = new URL(api.url);
  const headers: Record<string, string> = { accept: 'application/json' };
  const body: Record<string, string> = {};
  for (const p of api.params) {
    const v = params[p.name];
    if (v === undefined) continue;
    if (p.in === 'query') url.searchParams.set(p.name, v);
    else if (p.in === 'header') headers[p.name.toLowerCase()] = v;
    else body[p.name] = v;
  }
  const started = Date.now();
  try {
    const res = await safeFetch(
      url.toString(),
      {
        method: api.method,
        headers: api.method === 'POST' ? { ...headers, 'content-type': 'application/json' } : headers,
        body: api.method === 'POST' ? JSON.stringify(body) : undefined,
      },
      { ...fetchPolicy, maxBytes: 5 << 20, timeoutMs: api.timeoutMs, maxRedirects: 3 },
    );
    const text = res.body.toString('utf8');
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, ms: Date.now() - started, bytes: res.body.length, body: json ?? text };
  } catch (e) {
    if (e instanceof FetchRefused) throw new RuleBroken(e.message, { reason: e.reason });
    throw e;
  }
}

export const callApi = defineWrite({
  name: 'gathering.api.call',
  summary: '调用挂载接口 Call a mounted upstream API through the platform (allow-listed hosts only)',
  input: z.object({ id: Id, params: z.record(z.string(), z.string().max(2000)).default({}) }),
  auth: signedIn,
  async run({ db, principal, services }, { id, params }) {
    const m = await mountOrThrow(db, id);
    if (m.kind !== 'api' || !m.api) throw new RuleBroken('只有接口挂载可以调用');
    if (!mayLoad(principal, m.departmentId) && !mayInspect(principal, m.departmentId)) throw new NotAllowed('接口需经共享授权后才能调用');
    return { mountId: m.id, ...(await invokeApi(m.api, params, services.config.fetch)) };
  },
  audit: (out, input) => ({
    targetType: 'mount',
    targetId: out.mountId,
    details: { params: Object.keys(input.params), status: out.status, ms: out.ms, bytes: out.bytes },
  }),
});

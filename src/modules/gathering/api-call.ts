import { z } from 'zod';
import type { Config } from '../../config.js';
import { defineWrite } from '../../platform/actions/action.js';
import { Id } from '../../platform/auth/schema.js';
import { Hidden, InputError, RuleBroken } from '../../platform/errors.js';
import { FetchRefused, safeFetch } from '../../platform/http/safe-fetch.js';
import { mayInspect, mayLoad, signedIn } from './rules.js';
import type { ApiConfig } from './schema.js';
import { mountOrThrow } from './service.js';

// A call through the platform to a mounted upstream API. (Previews of table rows are
// a read of mounted data: tables/reads.ts, on sharing's access decision.)

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
    // Another department calls through a grant (the share API's proxy): here it answers as a missing mount, audited as a denial.
    if (!mayLoad(principal, m.departmentId) && !mayInspect(principal, m.departmentId)) throw new Hidden('挂载资源');
    if (m.kind !== 'api' || !m.api) throw new RuleBroken('只有接口挂载可以调用');
    return { mountId: m.id, ...(await invokeApi(m.api, params, services.config.fetch)) };
  },
  audit: (out, input) => ({
    targetType: 'mount',
    targetId: out.mountId,
    details: { params: Object.keys(input.params), status: out.status, ms: out.ms, bytes: out.bytes },
  }),
});

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRead } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id } from '../../platform/auth/schema.js';
import { actionRoute } from '../../platform/http/route.js';
import { type MaskRule, mask } from '../../platform/masking/mask.js';
import { invokeApi } from '../gathering/index.js';
import { callLogOf, openAccess } from './access.js';
import { logEntry, ResourceRef } from './deliver.js';
import { mayConsume } from './rules.js';

// A provider's upstream API, called through the platform on the same terms as its tables:
// the grant decides who may call, the call is logged, and only granted items leave — each
// masked as the grant says — whatever else the upstream answered.

/**
 * The answer with only granted items: containers are walked, a scalar survives only under
 * a granted item's name (masked), everything else is dropped.
 */
export function keepGranted(v: unknown, masks: ReadonlyMap<string, MaskRule>): unknown {
  if (Array.isArray(v)) return v.map((x) => keepGranted(x, masks));
  if (v === null || typeof v !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x !== null && typeof x === 'object') out[k] = keepGranted(x, masks);
    else if (masks.has(k)) out[k] = x === null || masks.get(k) === 'none' ? x : mask(masks.get(k) as MaskRule, String(x));
  }
  return out;
}

/** How many records an answer held: the objects with at least one granted item. */
function records(v: unknown, masks: ReadonlyMap<string, MaskRule>): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + records(x, masks), 0);
  if (v === null || typeof v !== 'object') return 0;
  const own = Object.keys(v).some((k) => masks.has(k)) ? 1 : 0;
  return own + Object.values(v).reduce((n: number, x) => n + (x !== null && typeof x === 'object' ? records(x, masks) : 0), 0);
}

const Params = z.record(z.string(), z.string().max(2000)).default({});

const callShared = defineRead({
  name: 'sharing.api.call',
  summary: '共享接口代理 Call a granted resource’s upstream API through the platform: only granted items come back, masked; logged',
  input: z.object({ resource: ResourceRef, params: Params }),
  auth: mayConsume,
  async run({ db, principal, services }, { resource, params }) {
    const a = await openAccess(db, services, principal, resource, 'proxy');
    const answer = await invokeApi(a.mount.api as NonNullable<typeof a.mount.api>, params, services.config.fetch);
    const body = keepGranted(answer.body, a.masks);
    await callLogOf(services.db).record(logEntry(principal, a, 'proxy', { params: Object.keys(params), status: answer.status }, records(answer.body, a.masks)));
    return {
      resourceCode: a.entry.code,
      grantId: a.grant.id,
      status: answer.status,
      fields: [...a.masks].map(([item, rule]) => ({ item, masked: rule !== 'none' })),
      body,
    };
  },
});

export const proxyActions = [callShared];

export function proxyRoutes(app: FastifyInstance, runner: ActionRunner) {
  actionRoute(app, runner, {
    method: 'POST',
    url: '/api/v1/share/:resource/call',
    action: callShared,
    tags: ['共享数据 Share API'],
    params: z.object({ resource: ResourceRef }),
    body: z.object({ params: Params }),
    status: 200,
    response: z
      .object({
        resourceCode: z.string(),
        grantId: Id,
        status: z.number().int().describe('the upstream’s HTTP status'),
        fields: z.array(z.object({ item: z.string(), masked: z.boolean() })),
        body: z.unknown().describe('the upstream’s JSON answer with only granted items, masked'),
      })
      .meta({ id: 'ShareApiAnswer' }),
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRead } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { loadCheckpoints } from '../../platform/audit/checkpoints.js';
import { has, isBureauAdmin } from '../../platform/auth/principal.js';
import { Id, Page } from '../../platform/auth/schema.js';
import { NotAllowed } from '../../platform/errors.js';
import { actionRoute } from '../../platform/http/route.js';
import { listCalls, verifySeals } from './call-log.js';
import { seesAll } from './rules.js';

// The delivery log as people read it: each department its own side of it, the bureau and
// auditors all of it, and auditors the check of its sealed chain.

const CallQuery = z.object({
  ...Page,
  side: z.enum(['consumer', 'provider', 'all']).default('consumer').describe('consumer: my department’s calls · provider: calls on my department’s resources'),
  grantId: Id.optional(),
  resourceId: Id.optional(),
});

const Call = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    grantId: Id,
    resourceId: Id,
    resourceCode: z.string(),
    consumerDepartmentId: Id,
    consumerDepartmentName: z.string(),
    actor: z.string(),
    channel: z.string(),
    purpose: z.string(),
    query: z.unknown(),
    rows: z.number().int(),
    ip: z.string().nullable(),
    batch: z.number().int().nullable().describe('the sealed batch that holds it; null until sealed (within seconds)'),
  })
  .meta({ id: 'ShareCall' });

const SealCheck = z
  .object({
    ok: z.boolean(),
    seals: z.number().int(),
    calls: z.number().int().optional(),
    badBatch: z.number().int().optional(),
    reason: z.string().optional(),
    checkpoints: z.number().int().meta({ description: 'how many checkpoints of the call log the seals were checked against' }),
    archivedTo: z
      .number()
      .int()
      .optional()
      .meta({ description: 'the last seal moved to an archive file (jutong audit archive); the chain in the database starts after it' }),
  })
  .meta({ id: 'ShareCallSealCheck' });

const listCallsAction = defineRead({
  name: 'sharing.call.list',
  summary: '调用日志 The share API’s delivery log: who took which data under which grant, and how many rows',
  input: CallQuery,
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, q) {
    const base = { grantId: q.grantId, resourceId: q.resourceId, page: q.page, pageSize: q.pageSize };
    const dept = principal.departmentId ?? '00000000-0000-0000-0000-000000000000';
    if (q.side === 'consumer') return listCalls(db, { ...base, consumer: dept });
    if (q.side === 'provider') return listCalls(db, { ...base, provider: dept });
    if (!seesAll(principal)) throw new NotAllowed('只有大数据局和审计员可以查看全部调用日志');
    return listCalls(db, base);
  },
});

const verifyCalls = defineRead({
  name: 'sharing.call.verify',
  summary: '校验调用日志 Recompute every sealed batch of the call log; names the first altered one',
  input: z.object({}),
  auth: (p) => has(p, 'auditor') || isBureauAdmin(p),
  run: async ({ db, services }) => verifySeals(db, await loadCheckpoints(services.config.checkpoints)),
});

export const callActions = [listCallsAction, verifyCalls];

export function callRoutes(app: FastifyInstance, runner: ActionRunner) {
  const tags = ['共享交换 Sharing'];
  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/sharing/calls',
    action: listCallsAction,
    tags,
    querystring: CallQuery,
    response: z.object({ items: z.array(Call), total: z.number().int() }),
  });
  actionRoute(app, runner, { method: 'GET', url: '/api/v1/sharing/calls/verify', action: verifyCalls, tags, response: SealCheck });
}

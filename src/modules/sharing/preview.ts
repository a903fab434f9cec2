import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRead } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id } from '../../platform/auth/schema.js';
import { NotFound, RuleBroken } from '../../platform/errors.js';
import { actionRoute } from '../../platform/http/route.js';
import { type AccessDecision, decideAccess, mayInspect, mountOrThrow, Preview, previewRows, visibleTotal } from '../gathering/index.js';
import { callLogOf, fixedTerms, openAccess } from './access.js';
import { logEntry } from './deliver.js';

// 数据预览: the first rows of a table mount in the console. The provider sees its rows, the
// bureau and auditors see them masked; any other department sees them only through an active
// grant — its items, its rows, its masks, a row in the delivery log — like any share call.
// It lives here rather than in gathering because the grant is sharing's and gathering may
// not import sharing; the rows themselves are read by gathering's tables service, on the
// decision its one policy function made.

const Limit = z.coerce.number().int().min(1).max(100).default(20);

export const previewMount = defineRead({
  name: 'gathering.mount.preview',
  summary:
    '数据预览 The first rows of a table mount: the provider’s own unmasked, the bureau’s masked, another department’s only under an active grant (logged)',
  input: z.object({ id: Id, limit: Limit }),
  auth: (p) => p.kind !== 'anonymous',
  async run({ db, principal, services }, { id, limit }) {
    const mount = await mountOrThrow(db, id);
    if (mount.kind !== 'table' || !mount.table) throw new RuleBroken('只有库表挂载可以预览数据行');
    let d: AccessDecision;
    if (mayInspect(principal, mount.departmentId)) {
      const fixed = await fixedTerms(db, services.db, mount.resourceId);
      if (!fixed) throw new NotFound('已发布的目录资源');
      d = decideAccess(principal, fixed.entry, mount, null, fixed.masking);
    } else {
      d = await openAccess(db, services, principal, mount.resourceId, 'preview');
    }
    const rows = await previewRows(db, d, limit);
    if (d.log) await callLogOf(services.db).record(logEntry(principal, d, 'preview', { fields: d.columns.map((c) => c.item), limit }, rows.length));
    return {
      columns: d.columns.map((c) => ({ item: c.item, type: c.type, masking: d.masks.get(c.item) ?? 'full' })),
      rows,
      masked: d.columns.some((c) => d.masks.get(c.item) !== 'none'),
      version: d.mount.currentVersion,
      total: await visibleTotal(db, d),
    };
  },
});

export function previewRoutes(app: FastifyInstance, runner: ActionRunner) {
  actionRoute(app, runner, {
    method: 'GET',
    url: '/api/v1/mounts/:id/preview',
    action: previewMount,
    tags: ['汇聚 Gathering'],
    params: z.object({ id: Id }),
    querystring: z.object({ limit: Limit }),
    response: Preview,
  });
}

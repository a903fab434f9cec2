import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id } from '../../platform/auth/schema.js';
import { actionRoute } from '../../platform/http/route.js';
import { calendarRoutes } from './calendar.js';
import { callRoutes } from './calls.js';
import { changesRoutes } from './changes.js';
import { lookupRecord, readRecords } from './deliver.js';
import { exportRoutes } from './exports.js';
import { objectionRoutes } from './objections.js';
import { previewRoutes } from './preview.js';
import { proxyRoutes } from './proxy.js';
import {
  CheckDecision,
  Grant,
  GrantQuery,
  RecordsPage,
  RecordsQuery,
  RequestCreate,
  RequestQuery,
  ReviewDecision,
  RevokeInput,
  ShareRecord,
  ShareRequest,
} from './schema.js';
import * as svc from './service.js';
import { subscriptionRoutes } from './subscriptions.js';
import { usageRoutes } from './usage.js';

const IdParam = z.object({ id: Id });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/** Requests, reviews and grants — the paperwork of sharing — and delivery by API. */
export function sharingRoutes(app: FastifyInstance, runner: ActionRunner) {
  const r = <O>(o: Parameters<typeof actionRoute<O>>[2]) => actionRoute(app, runner, o);
  const tags = ['共享交换 Sharing'];

  r({ method: 'POST', url: '/api/v1/sharing/requests', action: svc.createRequest, tags, body: RequestCreate, response: ShareRequest });
  r({ method: 'GET', url: '/api/v1/sharing/requests', action: svc.listRequests, tags, querystring: RequestQuery, response: list(ShareRequest) });
  r({ method: 'GET', url: '/api/v1/sharing/requests/:id', action: svc.showRequest, tags, params: IdParam, response: ShareRequest });
  r({
    method: 'POST',
    url: '/api/v1/sharing/requests/:id/check',
    action: svc.checkRequest,
    tags,
    params: IdParam,
    body: CheckDecision,
    response: ShareRequest,
    status: 200,
  });
  r({
    method: 'POST',
    url: '/api/v1/sharing/requests/:id/review',
    action: svc.reviewRequest,
    tags,
    params: IdParam,
    body: ReviewDecision,
    response: ShareRequest,
    status: 200,
  });
  r({ method: 'POST', url: '/api/v1/sharing/requests/:id/withdraw', action: svc.withdrawRequest, tags, params: IdParam, response: ShareRequest, status: 200 });

  r({ method: 'GET', url: '/api/v1/sharing/grants', action: svc.listGrants, tags, querystring: GrantQuery, response: list(Grant) });
  r({ method: 'GET', url: '/api/v1/sharing/grants/:id', action: svc.showGrant, tags, params: IdParam, response: Grant });
  r({
    method: 'POST',
    url: '/api/v1/sharing/grants/:id/revoke',
    action: svc.revokeGrant,
    tags,
    params: IdParam,
    body: RevokeInput,
    response: Grant,
    status: 200,
  });
  r({ method: 'POST', url: '/api/v1/sharing/grants/:id/lift', action: svc.liftSuspension, tags, params: IdParam, response: Grant, status: 200 });

  // Delivery: the resource is named by id or by its code, URL-encoded (101002%2F370300002-00001).
  const resource = z.string().min(1).max(80).meta({ description: 'the entry’s id or its code, URL-encoded' });
  const share = ['共享数据 Share API'];
  r({
    method: 'GET',
    url: '/api/v1/share/:resource/records',
    action: readRecords,
    tags: share,
    params: z.object({ resource }),
    querystring: RecordsQuery,
    response: RecordsPage,
  });
  r({
    method: 'GET',
    url: '/api/v1/share/:resource/records/:key',
    action: lookupRecord,
    tags: share,
    params: z.object({ resource, key: z.string().min(1).max(200).meta({ description: 'the key’s value, or the record’s ref with by=ref' }) }),
    querystring: z.object({ by: lookupRecord.input.shape.by, fields: RecordsQuery.shape.fields }),
    response: ShareRecord,
  });

  calendarRoutes(app, runner);
  callRoutes(app, runner);
  proxyRoutes(app, runner);
  previewRoutes(app, runner);
  objectionRoutes(app, runner);
  subscriptionRoutes(app, runner);
  exportRoutes(app, runner);
  changesRoutes(app, runner);
  usageRoutes(app, runner);
}

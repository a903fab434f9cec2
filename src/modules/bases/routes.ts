import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id } from '../../platform/auth/schema.js';
import { actionRoute } from '../../platform/http/route.js';
import { BaseNameParam, BasePatch, BaseSummary, Feed, FeedCreate, FeedPatch, GoldenRecord, MergeCounts, RecordList, RecordQuery } from './schema.js';
import * as svc from './service.js';

const BaseParam = z.object({ base: BaseNameParam });
const FeedParam = z.object({ base: BaseNameParam, id: z.coerce.number().int().min(1).max(2_147_483_647) });

export function basesRoutes(app: FastifyInstance, runner: ActionRunner) {
  const r = <O>(o: Parameters<typeof actionRoute<O>>[2]) => actionRoute(app, runner, o);
  const tags = ['基础库 Base databases'];
  const url = '/api/v1/bases';

  r({ method: 'GET', url, action: svc.listBases, tags, response: z.array(BaseSummary) });
  r({ method: 'PATCH', url: `${url}/:base`, action: svc.updateBase, tags, params: BaseParam, body: BasePatch, response: BaseSummary });

  r({ method: 'GET', url: `${url}/:base/feeds`, action: svc.listFeeds, tags, params: BaseParam, response: z.array(Feed) });
  r({
    method: 'POST',
    url: `${url}/:base/feeds`,
    action: svc.createFeed,
    tags,
    params: BaseParam,
    body: FeedCreate,
    response: Feed.extend({ jobId: Id.nullable().meta({ description: 'the job merging what the mount already holds; poll GET /api/v1/jobs/{jobId}' }) }),
  });
  r({ method: 'PATCH', url: `${url}/:base/feeds/:id`, action: svc.updateFeed, tags, params: FeedParam, body: FeedPatch, response: Feed });
  r({
    method: 'POST',
    url: `${url}/:base/feeds/:id/merge`,
    action: svc.mergeFeed,
    tags,
    status: 200,
    params: FeedParam,
    body: z.object({ full: z.boolean().default(false) }).optional(),
    response: MergeCounts.extend({ base: BaseNameParam, feedId: z.number().int(), mountId: Id, full: z.boolean() }),
  });
  r({
    method: 'POST',
    url: `${url}/:base/feeds/:id/remerge`,
    action: svc.remergeFeed,
    tags,
    status: 202,
    params: FeedParam,
    response: z.object({ feedId: z.number().int(), jobId: Id }),
  });

  r({ method: 'GET', url: `${url}/:base/records`, action: svc.listRecords, tags, params: BaseParam, querystring: RecordQuery, response: RecordList });
  // A key may hold '/' (licence numbers): it travels URL-encoded.
  r({
    method: 'GET',
    url: `${url}/:base/records/:key`,
    action: svc.showRecord,
    tags,
    params: z.object({
      base: BaseNameParam,
      key: z.string().min(1).max(100).meta({ description: '公民身份号码 / 统一社会信用代码 / 证照编号 (URL-encoded)' }),
    }),
    response: GoldenRecord,
  });
}

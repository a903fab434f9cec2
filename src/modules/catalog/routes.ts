import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id } from '../../platform/auth/schema.js';
import { actionRoute, attachment, ErrorSchema } from '../../platform/http/route.js';
import { Job } from '../../platform/jobs/jobs.js';
import { showJob } from '../../platform/jobs/service.js';
import * as cls from './classifications.js';
import * as de from './data-elements.js';
import { exportWorkbook, templateWorkbook } from './excel.js';
import { ImportStage, startImport } from './import.js';
import {
  ClassificationInput,
  ClassificationNode,
  DataElement,
  DataElementCreate,
  DataElementPatch,
  DataElementQuery,
  IdOrCode,
  Resource,
  ResourceCreate,
  ResourcePatch,
  Review,
  SearchQuery,
  SearchResult,
  Stats,
  VersionDiff,
  VersionSummary,
} from './schema.js';
import * as svc from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IdParam = z.object({ id: Id });

export function catalogRoutes(app: FastifyInstance, runner: ActionRunner) {
  const r = <O>(o: Parameters<typeof actionRoute<O>>[2]) => actionRoute(app, runner, o);
  const tags = ['目录 Catalog'];
  const base = '/api/v1/catalog';

  r({ method: 'GET', url: `${base}/classifications`, action: cls.listClassifications, tags, response: z.array(ClassificationNode) });
  r({
    method: 'POST',
    url: `${base}/classifications`,
    action: cls.createClassification,
    tags,
    body: ClassificationInput,
    response: z.object({ code: z.string(), name: z.string() }),
  });

  r({
    method: 'GET',
    url: `${base}/data-elements`,
    action: de.listDataElements,
    tags,
    querystring: DataElementQuery,
    response: z.object({ items: z.array(DataElement), total: z.number().int() }),
  });
  r({
    method: 'GET',
    url: `${base}/data-elements/:identifier`,
    action: de.showDataElement,
    tags,
    params: z.object({ identifier: z.string() }),
    response: DataElement,
  });
  r({ method: 'POST', url: `${base}/data-elements`, action: de.createDataElement, tags, body: DataElementCreate, response: DataElement });
  r({
    method: 'PATCH',
    url: `${base}/data-elements/:identifier`,
    action: de.updateDataElement,
    tags,
    params: z.object({ identifier: z.string() }),
    body: DataElementPatch.omit({ identifier: true }),
    response: DataElement,
  });

  r({ method: 'GET', url: `${base}/resources`, action: svc.searchResources, tags, querystring: SearchQuery, response: SearchResult });
  r({ method: 'POST', url: `${base}/resources`, action: svc.createResource, tags, body: ResourceCreate, response: Resource });
  // A code contains '/', so the id-or-code routes take the rest of the path.
  r({
    method: 'GET',
    url: `${base}/resources/:id`,
    action: svc.showResource,
    tags,
    params: IdOrCode,
    querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
    response: Resource,
  });
  r({
    method: 'GET',
    url: `${base}/by-code/*`,
    action: svc.showResource,
    tags,
    response: Resource,
    input: (req) => ({ id: (req.params as { '*': string })['*'], ...(req.query as object) }),
  });
  r({
    method: 'PATCH',
    url: `${base}/resources/:id`,
    action: svc.updateResource,
    tags,
    params: IdParam,
    body: ResourcePatch.omit({ id: true }),
    response: Resource,
  });
  r({ method: 'POST', url: `${base}/resources/:id/submit`, action: svc.submitResource, tags, status: 200, params: IdParam, response: Resource });
  r({
    method: 'POST',
    url: `${base}/resources/:id/review`,
    action: svc.reviewResource,
    tags,
    status: 200,
    params: IdParam,
    body: Review.omit({ id: true }),
    response: Resource,
  });
  r({
    method: 'GET',
    url: `${base}/resources/:id/versions`,
    action: svc.listVersions,
    tags,
    params: IdOrCode,
    response: z.object({ items: z.array(VersionSummary) }),
  });
  r({
    method: 'GET',
    url: `${base}/resources/:id/diff`,
    action: svc.diffVersions,
    tags,
    params: IdOrCode,
    querystring: z.object({ from: z.coerce.number().int(), to: z.coerce.number().int() }),
    response: VersionDiff,
  });
  r({ method: 'GET', url: `${base}/stats`, action: svc.catalogStats, tags, response: Stats });

  // Excel: the template, the export of a search, and the upload that starts an import job.
  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get(`${base}/import-template`, { schema: { summary: '下载导入模板 The import template (xlsx)', tags, produces: [XLSX] } }, async (_req, reply) =>
    reply
      .type(XLSX)
      .header('content-disposition', attachment('政务信息资源目录导入模板.xlsx'))
      .send(await templateWorkbook()),
  );
  zapp.get(
    `${base}/export`,
    {
      schema: {
        operationId: svc.exportResources.name,
        summary: svc.exportResources.summary,
        tags,
        querystring: SearchQuery.omit({ page: true, pageSize: true }),
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const rows = await runner.run(svc.exportResources, req.principal, req.query);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`目录导出-${new Date().toISOString().slice(0, 10)}.xlsx`))
        .send(await exportWorkbook(rows));
    },
  );
  // The workbook is read whole (ExcelJS), so it has a limit of its own; only this route takes it.
  app.register(async (scope) => {
    scope.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/imports`,
      {
        bodyLimit: 50 * 1024 * 1024, // a department's catalog workbook
        config: { fileBody: true },
        schema: {
          operationId: startImport.name,
          summary: startImport.summary,
          description:
            'Send the workbook as the raw request body (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet). Poll GET /api/v1/jobs/{jobId}.',
          tags,
          querystring: z.object({ fileName: z.string().default('import.xlsx'), stage: ImportStage }),
          response: { 202: z.object({ jobId: Id }), '4xx': ErrorSchema },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) return reply.code(415).send({ error: { code: 'unsupported_media_type', message: `请以 ${XLSX} 上传 Excel 文件` } });
        const out = await runner.run(startImport, req.principal, { ...req.query, data: req.body });
        return reply.code(202).send(out);
      },
    );
  });
  r({ method: 'GET', url: '/api/v1/jobs/:id', action: showJob, tags: ['任务 Jobs'], params: IdParam, response: Job });
}

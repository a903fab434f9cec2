import { pipeline } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActionRunner } from '../../platform/actions/runner.js';
import { Id, Page } from '../../platform/auth/schema.js';
import { InputError, NotAllowed } from '../../platform/errors.js';
import { actionRoute, attachment, ErrorSchema } from '../../platform/http/route.js';
import type { FileStore } from '../../platform/storage/storage.js';
import { callApi } from './api-call.js';
import { type IngestDeps, ingest } from './ingest.js';
import { maskedRejects } from './masked-rejects.js';
import { mayLoad } from './rules.js';
import { FileVersion, Mount, MountCreate, MountListed, MountQuery, Run, RunStart } from './schema.js';
import * as svc from './service.js';

const IdParam = z.object({ id: Id });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
const Binary = z.unknown().meta({ description: 'the file itself, streamed', type: 'string', format: 'binary' });
const UPLOAD_TYPES = [
  'application/octet-stream',
  'text/csv',
  'text/tab-separated-values',
  'application/json',
  'application/x-ndjson',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key 应为 1–200 个可见 ASCII 字符')
  .meta({ description: 'an exchange agent’s batch key: a resend with the same key and body answers the stored run' });

function contentLength(req: FastifyRequest): number | null {
  const n = Number(req.headers['content-length']);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function gatheringRoutes(app: FastifyInstance, runner: ActionRunner, deps: IngestDeps & { files: FileStore; maxFileBytes: () => number }) {
  const r = <O>(o: Parameters<typeof actionRoute<O>>[2]) => actionRoute(app, runner, o);
  const tags = ['汇聚 Gathering'];

  r({
    method: 'POST',
    url: '/api/v1/catalog/resources/:id/mounts',
    action: svc.createMount,
    tags,
    params: z.object({ id: z.string().min(1).max(60).meta({ description: 'entry id or code (URL-encoded)' }) }),
    body: MountCreate,
    response: Mount,
  });
  r({ method: 'GET', url: '/api/v1/mounts', action: svc.listMounts, tags, querystring: MountQuery, response: list(MountListed) });
  r({ method: 'GET', url: '/api/v1/mounts/:id', action: svc.showMount, tags, params: IdParam, response: Mount });
  r({ method: 'GET', url: '/api/v1/mounts/:id/runs', action: svc.listRuns, tags, params: IdParam, querystring: z.object(Page), response: list(Run) });
  r({ method: 'GET', url: '/api/v1/runs/:id', action: svc.showRun, tags, params: IdParam, response: Run });
  r({
    method: 'POST',
    url: '/api/v1/runs/:id/cancel',
    action: svc.cancelRun,
    tags,
    params: IdParam,
    response: z.object({ id: Id, cancelRequested: z.boolean() }),
    status: 202,
  });
  r({ method: 'GET', url: '/api/v1/mounts/:id/files', action: svc.listFiles, tags, params: IdParam, response: z.array(FileVersion) });
  r({
    method: 'POST',
    url: '/api/v1/mounts/:id/call',
    action: callApi,
    tags,
    params: IdParam,
    body: z.object({ params: z.record(z.string(), z.string().max(2000)).default({}) }),
    response: z.object({ mountId: Id, status: z.number().int(), ms: z.number(), bytes: z.number().int(), body: z.unknown() }),
    status: 200,
  });

  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get(
    '/api/v1/runs/:id/rejects',
    {
      schema: {
        operationId: svc.runRejects.name,
        summary: svc.runRejects.summary,
        tags,
        params: IdParam,
        produces: ['text/csv'],
        response: { '4xx': ErrorSchema },
      },
    },
    async (req, reply) => {
      const f = await runner.run(svc.runRejects, req.principal, req.params);
      const stored = await deps.files.open(f.key);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(f.filename))
        .send((f.masks ? pipeline(stored, maskedRejects(f.masks), () => {}) : stored) as never);
    },
  );
  zapp.get(
    '/api/v1/mounts/:id/files/:version',
    {
      schema: {
        operationId: svc.fileVersion.name,
        summary: svc.fileVersion.summary,
        tags,
        params: z.object({ id: Id, version: z.coerce.number().int().min(1) }),
        produces: ['application/octet-stream'],
        response: { '4xx': ErrorSchema },
      },
    },
    async (req, reply) => {
      const f = await runner.run(svc.fileVersion, req.principal, req.params);
      return reply
        .type(f.contentType)
        .header('content-disposition', attachment(f.filename))
        .send((await deps.files.open(f.storageKey)) as never);
    },
  );

  // Uploads stream: the body is never buffered, whatever its size or type.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    const s = scope.withTypeProvider<ZodTypeProvider>();
    s.post(
      '/api/v1/mounts/:id/runs',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        config: { fileBody: true },
        schema: {
          operationId: svc.startRun.name,
          summary: svc.startRun.summary,
          description:
            'Send the file as the request body (any content type). Answers when the run has ended: succeeded, rejected (over the quality threshold) or failed. ' +
            'mode=delete removes the rows whose keys the file lists. With an Idempotency-Key header (an exchange agent’s batch), the same key, body and parameters (mode, format, encoding, filename, mapping) answer the stored run again (header Idempotent-Replay: true), and the same key with another body or other parameters is refused (409).',
          tags,
          params: IdParam,
          querystring: RunStart,
          headers: z.object({ 'idempotency-key': IdempotencyKey.optional() }),
          consumes: UPLOAD_TYPES,
          body: Binary,
          response: { 200: Run, '4xx': ErrorSchema },
        },
      },
      async (req, reply) => {
        const body = req.body as AsyncIterable<Buffer> | undefined;
        if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') throw new InputError('请求体应为要导入的文件');
        const key = req.headers['idempotency-key'];
        const run = await ingest(deps, req.principal, {
          ...req.query,
          mountId: req.params.id,
          bytesTotal: contentLength(req),
          body,
          idempotencyKey: key ?? null,
        });
        if (run.replayed) reply.header('idempotent-replay', 'true');
        return reply.code(200).send(run);
      },
    );
    s.post(
      '/api/v1/mounts/:id/files',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        config: { fileBody: true },
        schema: {
          operationId: svc.addFileVersion.name,
          summary: svc.addFileVersion.summary,
          tags,
          params: IdParam,
          querystring: z.object({ filename: z.string().trim().min(1).max(255) }),
          consumes: ['*/*'],
          body: Binary,
          response: {
            201: z.object({ mountId: Id, version: z.number().int(), filename: z.string(), size: z.number().int(), sha256: z.string() }),
            '4xx': ErrorSchema,
          },
        },
      },
      async (req, reply) => {
        // Authorize before storing a byte: the action checks again inside its transaction.
        const m = await runner.run(svc.showMount, req.principal, { id: req.params.id });
        if (!mayLoad(req.principal, m.departmentId))
          await runner.refuse(svc.addFileVersion, req.principal, { id: req.params.id }, new NotAllowed('只能向本部门的资源上传文件'));
        const stored = await deps.files.put(req.body as AsyncIterable<Buffer>, { maxBytes: deps.maxFileBytes() });
        try {
          const out = await runner.run(svc.addFileVersion, req.principal, {
            id: req.params.id,
            filename: req.query.filename,
            contentType: String(req.headers['content-type'] ?? 'application/octet-stream').slice(0, 200),
            storageKey: stored.key,
            size: stored.size,
            sha256: stored.sha256,
            sm3: stored.sm3,
          });
          return reply.code(201).send(out);
        } catch (e) {
          await deps.files.remove(stored.key).catch(() => {});
          throw e;
        }
      },
    );
  });
}

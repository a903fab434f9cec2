import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ReadAction, WriteAction } from '../actions/action.js';
import type { ActionRunner } from '../actions/runner.js';

export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }).meta({ id: 'Error' });

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type ActionRouteOptions<O> = {
  method: Method;
  url: string;
  action: WriteAction<any, O> | ReadAction<any, O>;
  tags: string[];
  params?: z.ZodObject;
  querystring?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  public?: boolean;
  /** How the request becomes the action's input; by default params, query and body merged. */
  input?: (req: FastifyRequest) => unknown;
  /** Before the body is read: a refusal that must not cost reading or parsing it. */
  onRequest?: (req: FastifyRequest) => Promise<void>;
  /** A body limit below the server's JSON_BODY_LIMIT. */
  bodyLimit?: number;
  /** After the action: set cookies, headers. */
  after?: (out: O, reply: FastifyReply, req: FastifyRequest) => void;
  /**
   * The success answer's JSON, for an answer too large for zod to parse element by element (a
   * change page of 50,000 records): the route checks exactly what `response` says, more
   * cheaply, and throws when it does not hold. Other answers are serialized as usual.
   */
  serialize?: (out: O) => string;
  /** Defaults to the action's name; a second route for the same action needs its own (OpenAPI wants them unique). */
  operationId?: string;
};

// operationIds already given out, per server: an action reached by two routes would otherwise repeat its name.
const operationIds = new WeakMap<FastifyInstance, Set<string>>();

function uniqueOperationId(app: FastifyInstance, wanted: string): string {
  const used = operationIds.get(app) ?? new Set<string>();
  operationIds.set(app, used);
  let id = wanted;
  for (let n = 2; used.has(id); n++) id = `${wanted}.${n}`;
  used.add(id);
  return id;
}

/** A route whose whole job is to call one action: parse → action → respond. */
export function actionRoute<O>(app: FastifyInstance, runner: ActionRunner, o: ActionRouteOptions<O>) {
  const status = o.status ?? (o.method === 'POST' && o.action.kind === 'write' ? 201 : 200);
  app.withTypeProvider<ZodTypeProvider>().route({
    method: o.method,
    url: o.url,
    config: { public: o.public ?? false, confirmsCaller: o.action.kind === 'read' && o.action.confirmsCaller === true },
    ...(o.onRequest ? { onRequest: o.onRequest } : {}),
    ...(o.bodyLimit ? { bodyLimit: o.bodyLimit } : {}),
    ...(o.serialize
      ? {
          serializerCompiler: ((r: Parameters<typeof serializerCompiler>[0]) =>
            r.httpStatus === String(status) ? (o.serialize as (out: unknown) => string) : serializerCompiler(r)) as never,
        }
      : {}),
    // Undefined parts are left out, not set to undefined, which Fastify warns about.
    schema: Object.fromEntries(
      Object.entries({
        operationId: uniqueOperationId(app, o.operationId ?? o.action.name),
        // The action this operation runs, even when the operationId had to differ from its name.
        'x-action': o.action.name,
        summary: o.action.summary,
        tags: o.tags,
        params: o.params,
        querystring: o.querystring,
        body: o.body,
        response: { [status]: o.response, '4xx': ErrorSchema },
        security: o.public ? [] : undefined,
      }).filter(([, v]) => v !== undefined),
    ),
    async handler(req, reply) {
      // Path parameters last: `POST /users/A/lock?id=B` (or a body with `id`) must act on A, the resource the URL names.
      const raw = o.input ? o.input(req) : { ...(req.query as object), ...(req.body as object), ...(req.params as object) };
      const out = await runner.run(o.action, req.principal, raw as never);
      o.after?.(out, reply, req);
      return reply.code(status).send(out);
    },
  });
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII fallback name and the UTF-8 one, so
 * Chinese file names survive every browser; quotes and non-ASCII never reach the plain field.
 */
export const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

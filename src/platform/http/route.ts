import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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
  /** After the action: set cookies, headers. */
  after?: (out: O, reply: FastifyReply, req: FastifyRequest) => void;
};

/** A route whose whole job is to call one action: parse → action → respond. */
export function actionRoute<O>(app: FastifyInstance, runner: ActionRunner, o: ActionRouteOptions<O>) {
  const status = o.status ?? (o.method === 'POST' && o.action.kind === 'write' ? 201 : 200);
  app.withTypeProvider<ZodTypeProvider>().route({
    method: o.method,
    url: o.url,
    config: { public: o.public ?? false },
    // Undefined parts are left out, not set to undefined, which Fastify warns about.
    schema: Object.fromEntries(
      Object.entries({
        operationId: o.action.name,
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
      const raw = o.input ? o.input(req) : { ...(req.params as object), ...(req.query as object), ...(req.body as object) };
      const out = await runner.run(o.action, req.principal, raw as never);
      o.after?.(out, reply, req);
      return reply.code(status).send(out);
    },
  });
}

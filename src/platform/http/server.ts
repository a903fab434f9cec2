import { randomUUID } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { knownCaller } from '../auth/known-callers.js';
import { anonymous, type Principal } from '../auth/principal.js';
import { principalFromToken } from '../auth/service.js';
import { KEY_PREFIX, tokenHash } from '../auth/tokens.js';
import type { Db } from '../db/db.js';
import { InputError, NotAuthenticated } from '../errors.js';
import { refuseCrossSite } from './csrf.js';
import { clientErrorHandler, errorHandler } from './errors.js';
import { MAX_JSON_DEPTH, nestedDeeper } from './json-depth.js';
import { logSerializers } from './log.js';
import { ErrorSchema } from './route.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { serveWeb } from './web.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The raw session token or API key this request came with, if any. */
    token: string | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
    /** The route's action re-checks a remembered API key in its own statement (known-callers.ts). */
    confirmsCaller?: boolean;
    /**
     * The body is a file (an upload): any content type, and the route sets its own body limit. Every other
     * route takes JSON only, in at most JSON_BODY_LIMIT bytes.
     */
    fileBody?: boolean;
  }
}

export const SESSION_COOKIE = 'jutong_session';

/**
 * The largest JSON body a route reads: a catalog entry at its 500 items fits. Uploads (fileBody routes) stream
 * with their own limits; an anonymous client reaches neither (the login route takes far less, routes.ts).
 */
export const JSON_BODY_LIMIT = 256 * 1024;

/**
 * How long a JSON body may take to arrive once its headers have (Node bounds the headers, not the body): a
 * client sending a login body a byte at a time would otherwise hold its connection, and any number like it,
 * for ever. Uploads (fileBody routes) are exempt: they may be large, and only a signed-in caller reaches them.
 */
export const BODY_DEADLINE_MS = 30_000;

export type ServerOptions = {
  db: Db;
  version: string;
  logLevel?: string;
  /** Where the log goes; stdout by default. */
  logStream?: Writable;
  webDist?: string;
  trustProxy?: boolean | string;
  /** BODY_DEADLINE_MS unless a test wants to see it pass. */
  bodyDeadlineMs?: number;
};

export async function createServer({
  db,
  version,
  logLevel = 'info',
  logStream,
  webDist,
  trustProxy = false,
  bodyDeadlineMs = BODY_DEADLINE_MS,
}: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logLevel === 'silent' ? false : { level: logLevel, stream: logStream, serializers: logSerializers },
    bodyLimit: JSON_BODY_LIMIT,
    // An id nobody can guess or repeat: the error body and the log line carry it, so an operator finds a user's 500.
    genReqId: () => randomUUID(),
    // Only behind a proxy we run may X-Forwarded-For name the client: it feeds the login limit and the audit log.
    trustProxy,
    // A URL Fastify cannot route (`/users/%ZZ`, a parameter past maxParamLength) answers in the one error shape too.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply),
    // So does a request Node cannot parse (a header past 16 KB: 431).
    clientErrorHandler,
  });
  // Fastify's own parser (prototype poisoning refused as before), after a look at how deep the text nests.
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (nestedDeeper(body as string)) return done(new InputError(`JSON 嵌套过深：最多${MAX_JSON_DEPTH}层`), undefined);
    return parseJson(req, body as string, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(fastifyCookie);

  // The document says what the server does: public routes need no credentials, and every API route's 4xx is the Error shape.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide || !route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (route.config?.public && route.schema.security === undefined) route.schema.security = [];
    const response = { ...(route.schema.response as Record<string, unknown>) };
    if (!Object.keys(response).some((k) => k.startsWith('2'))) response['2xx'] = z.unknown().meta({ description: '成功 Success' });
    if (!Object.keys(response).some((k) => k.startsWith('4'))) response['4xx'] = ErrorSchema;
    route.schema.response = response;
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '聚通 Jutong API',
        version,
        description: '政务数据共享交换平台 · the city data platform. Every route calls one named action (operationId).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token from /api/v1/auth/login, or an API key (jtk_…)' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.decorateRequest('principal', null as unknown as Principal);
  app.decorateRequest('token', null);
  // First, and without the database: a page, a file or an error answers with the same headers, and a cross-site
  // write is refused before anything else (its cookie is not even looked up).
  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    refuseCrossSite(req);
  });
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = /^bearer /i.test(header ?? '') ? (header as string).slice(7).trim() : (req.cookies[SESSION_COOKIE] ?? null);
    req.token = token;
    const known = token && req.routeOptions.config?.confirmsCaller && token.startsWith(KEY_PREFIX) ? knownCaller(db, tokenHash(token), req.ip) : null;
    req.principal = known ?? (token ? await principalFromToken(db, token, req.ip) : null) ?? { ...anonymous, ip: req.ip };
    // Closed by default: only routes that say `public` answer without a principal. The route's pattern, not the raw
    // URL, decides: the router decodes `/%61pi/…` to `/api/…`, which req.url does not show.
    const route = req.routeOptions.url;
    const open = req.routeOptions.config?.public === true || !route?.startsWith('/api/') || route.startsWith('/api/docs');
    if (!open && req.principal.kind === 'anonymous') throw new NotAuthenticated(token ? '登录已过期，请重新登录' : '请先登录');
  });
  // A JSON body still arriving when its deadline passes is answered 408 (and the connection closed, errors.ts).
  app.addHook('preParsing', async (req, reply, payload) => {
    if (req.raw.complete || req.routeOptions.config?.fileBody) return payload;
    const body = new PassThrough();
    const timer = setTimeout(() => {
      payload.unpipe(body);
      body.destroy(Object.assign(new Error('请求体未在限定时间内传完'), { statusCode: 408 }));
    }, bodyDeadlineMs);
    const stop = () => clearTimeout(timer);
    // Answered without reading it all (413 by its declared length, a refusal): nobody waits for the rest.
    reply.raw.once('close', stop);
    payload
      .once('end', stop)
      .once('close', stop)
      .once('error', (e) => body.destroy(e));
    return payload.pipe(body);
  });
  // PostgreSQL text cannot hold NUL, and a lone surrogate would be stored as U+FFFD: refuse both as bad input
  // instead of failing in the database (a 500) or silently changing what was sent.
  app.addHook('preValidation', async (req) => {
    const bad = badText({ params: req.params, querystring: req.query, body: req.body });
    if (bad) throw new InputError(`${bad.join('.')}: 文本不能含有空字符（\\u0000）或不成对的代理字符`, [{ path: bad, message: '无效字符' }]);
  });

  await serveWeb(app, webDist);
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  return app;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isBadString = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

type Step = { key: string; up: Step | null };
function pathOf(s: Step | null): string[] {
  const keys: string[] = [];
  for (let at = s; at; at = at.up) keys.push(at.key);
  return keys.reverse();
}

/**
 * The path to the first string (value or key) that PostgreSQL cannot store as sent. Iterative and with shared
 * path prefixes, so a deeply nested body costs neither stack nor quadratic memory.
 */
export function badText(root: unknown): string[] | null {
  const stack: [unknown, Step | null][] = [[root, null]];
  while (stack.length) {
    const [v, at] = stack.pop() as [unknown, Step | null];
    if (typeof v === 'string') {
      if (isBadString(v)) return pathOf(at).slice(0, 20);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v) && typeof (v as { pipe?: unknown }).pipe !== 'function') {
      // (A streamed upload's body is the request stream itself: its bytes are checked where they are parsed.)
      for (const [k, child] of Object.entries(v)) {
        const step = { key: k.length > 40 ? `${k.slice(0, 40)}…` : k, up: at };
        if (isBadString(k)) return pathOf(step).slice(0, 20);
        stack.push([child, step]);
      }
    }
  }
  return null;
}

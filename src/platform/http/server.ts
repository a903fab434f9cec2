import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { anonymous, type Principal } from '../auth/principal.js';
import { principalFromToken } from '../auth/service.js';
import type { Db } from '../db/db.js';
import { NotAuthenticated } from '../errors.js';
import { errorHandler, notFoundHandler } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The raw session token or API key this request came with, if any. */
    token: string | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'jutong_session';

export type ServerOptions = { db: Db; version: string; logLevel?: string };

export async function createServer({ db, version, logLevel = 'info' }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logLevel === 'silent' ? false : { level: logLevel },
    bodyLimit: 50 * 1024 * 1024, // a department's catalog workbook
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await app.register(fastifyCookie);

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
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : (req.cookies[SESSION_COOKIE] ?? null);
    req.token = token;
    req.principal = token ? ((await principalFromToken(db, token, req.ip)) ?? { ...anonymous, ip: req.ip }) : { ...anonymous, ip: req.ip };
    // Closed by default: only routes that say `public` answer without a principal.
    const open = req.routeOptions.config?.public === true || !req.url.startsWith('/api/') || req.url.startsWith('/api/docs');
    if (!open && req.principal.kind === 'anonymous' && req.routeOptions.url) throw new NotAuthenticated(token ? '登录已过期，请重新登录' : '请先登录');
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  return app;
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundHandler } from './errors.js';

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Serves the built console from web/dist; any other non-API path gets index.html so the
 * browser's router can take it. Without a build the API still runs and / says how to build.
 */
export async function serveWeb(app: FastifyInstance, dist = WEB_DIST) {
  const built = existsSync(join(dist, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: dist, wildcard: false, index: false, maxAge: '1h', immutable: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/')) return notFoundHandler(req, reply);
    if (!built)
      return reply
        .type('text/plain; charset=utf-8')
        .code(503)
        .send('控制台尚未构建：请运行 npm run build:web (the console is not built: run npm run build:web)');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

import type { FastifyRequest } from 'fastify';

/**
 * What the request log keeps. A URL can hold an ID number or a record's key (`/share/…/records/370302…`), and
 * headers hold tokens and cookies: the log names the route's pattern, never the URL or a header. A database
 * error's detail repeats the row's values (`Key (id_no)=(370302…)`): only its type, code, message and stack are kept.
 */
export const logSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, route: req.routeOptions?.url ?? null, remoteAddress: req.ip }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
  err: (err: Error & { code?: unknown }) => ({ type: err.constructor?.name ?? 'Error', code: err.code, message: err.message, stack: err.stack ?? '' }),
};

import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.js';
import { SECURITY_HEADERS } from './security-headers.js';

export type ErrorBody = { error: { code: string; message: string; details?: unknown; requestId?: string } };

const send = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) => {
  // A refusal before the body was read (not signed in, cross-site, too many logins, too large) closes the
  // connection instead of reading the rest to keep it alive.
  if (!reply.request.raw.complete) reply.header('connection', 'close');
  // A URL the router refused never passed the hooks that set them.
  reply.headers(SECURITY_HEADERS);
  // The server's own failures carry the request's id, which its log line carries too: a user's report finds it
  // (the console shows the message, so it says the id as well).
  const requestId = status >= 500 ? reply.request.id : undefined;
  const error = requestId ? { code, message: `${message}（请求编号 ${requestId}）`, requestId } : { code, message };
  return reply.code(status).send({ error: details === undefined ? error : { ...error, details } } satisfies ErrorBody);
};

/** The one place errors become HTTP: domain errors keep their status; bad input is never a 500. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) return send(reply, err.status, err.code, err.message, err.details);
  if (databaseAway(err)) {
    req.log.error({ err }, 'database unavailable');
    return send(reply.header('retry-after', '5'), 503, 'unavailable', '数据库暂时不可用，请稍后重试');
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean),
      message: v.message,
    }));
    const first = issues[0];
    return send(reply, 400, 'bad_input', first ? `${first.path.join('.')}: ${first.message}` : '输入无效', issues);
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    return send(reply, 500, 'internal', '服务器内部错误');
  }
  const constraint = databaseRefusal(err);
  if (constraint) {
    // The database caught what the action should have checked first: the caller's input, not a crash; the log says which check is missing.
    req.log.warn({ err }, 'input refused by a database constraint');
    return send(reply, constraint.status, constraint.code, constraint.message);
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large.
    const code =
      status === 408
        ? 'timeout'
        : status === 413
          ? 'too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 429
              ? 'too_many_requests'
              : 'bad_input';
    return send(reply, status, code, err.message);
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, 'internal', '服务器内部错误');
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// SQLSTATEs of a server going away or not taking connections: admin, crash or startup shutdown, too many connections.
const SERVER_AWAY = new Set(['57P01', '57P02', '57P03', '53300']);
// node-postgres's own words for a connection that broke or never came (it gives them no code).
const POOL_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end)/;

/** The database is away for a moment (restarting, failing over, a network cut): the same request may succeed soon. */
export function databaseAway(err: unknown): boolean {
  const { code, message, statusCode } = (err ?? {}) as { code?: unknown; message?: unknown; statusCode?: unknown };
  if (statusCode !== undefined) return false;
  if (typeof code === 'string' && (code.startsWith('08') || SERVER_AWAY.has(code) || CONNECTION_ERRORS.has(code))) return true;
  return typeof message === 'string' && POOL_MESSAGES.test(message);
}

/** PostgreSQL errors (same SQLSTATE on both engines) that only a write asked for by the caller can raise. */
function databaseRefusal(err: unknown): { status: number; code: string; message: string } | null {
  const sqlState = (err as { code?: unknown })?.code;
  if (typeof sqlState !== 'string' || (err as { statusCode?: unknown }).statusCode !== undefined) return null;
  if (sqlState === '23503') return { status: 422, code: 'rule_broken', message: '引用的记录不存在' };
  if (sqlState === '23505') return { status: 409, code: 'conflict', message: '记录已存在' };
  if (sqlState === '23514') return { status: 422, code: 'rule_broken', message: '数据不符合约束' };
  if (sqlState === '22021' || sqlState === '22P05') return { status: 400, code: 'bad_input', message: '文本含有无法保存的字符' };
  if (sqlState === '22007' || sqlState === '22008' || sqlState === '22009') return { status: 400, code: 'bad_input', message: '日期时间超出范围' };
  return null;
}

/**
 * No route matched. The answer does not echo the path: a mistyped URL may hold an ID number, and
 * answers are logged and cached by what sits in between (the request log names the route pattern,
 * and an unmatched request has none).
 */
export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'not_found', `没有这个接口（${req.method}）；接口列表见 /api/docs`);
}

/** A request Node could not parse answers in the error shape too: 431 for headers past its limit, 408, else 400. */
export function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'header_too_large', '请求头过大（含 Cookie），请清除本站 Cookie 后重试']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'timeout', '请求超时']
        : [400, 'bad_input', '无法解析的 HTTP 请求'];
  this.log.debug({ err }, 'client error');
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  const headers = { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' };
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n${body}`,
    );
  socket.destroy(err);
}

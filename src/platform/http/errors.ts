import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.js';

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const send = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) =>
  reply.code(status).send({ error: details === undefined ? { code, message } : { code, message, details } } satisfies ErrorBody);

/** The one place errors become HTTP: domain errors keep their status; bad input is never a 500. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) return send(reply, err.status, err.code, err.message, err.details);
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
    const code = status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : status === 429 ? 'too_many_requests' : 'bad_input';
    return send(reply, status, code, err.message);
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, 'internal', '服务器内部错误');
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

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'not_found', `没有 ${req.method} ${req.url.split('?')[0]} 这个接口`);
}

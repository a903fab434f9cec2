// One place that turns a server error `{ error: { code, message, details } }` into what
// the console does about it: go to login, mark form fields, or show a message.

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type FieldError = { name: (string | number)[]; errors: string[] };
export type ErrorAction = { kind: 'login' } | { kind: 'fields'; message: string; fields: FieldError[] } | { kind: 'message'; message: string };

// Fastify reports which part of the request was wrong as the first path segment.
const REQUEST_PARTS = new Set(['body', 'querystring', 'params', 'headers']);
// These 401s are answers to a login attempt, not an expired session.
const LOGIN_ANSWERS = new Set(['bad_credentials', 'account_locked']);

export function toApiError(status: number, body: unknown): ApiError {
  const e = (body as ErrorBody | null)?.error;
  if (e && typeof e.code === 'string') return new ApiError(status, e.code, e.message, e.details);
  return new ApiError(status, status >= 500 ? 'internal' : 'unknown', status >= 500 ? 'server' : `HTTP ${status}`);
}

export function errorAction(err: unknown, networkMessage: string): ErrorAction {
  if (!(err instanceof ApiError)) return { kind: 'message', message: networkMessage };
  if (err.status === 401 && !LOGIN_ANSWERS.has(err.code)) return { kind: 'login' };
  const fields: FieldError[] = [];
  if (Array.isArray(err.details)) {
    for (const d of err.details as { path?: unknown; message?: unknown }[]) {
      if (!Array.isArray(d?.path) || typeof d.message !== 'string') continue;
      const path = (REQUEST_PARTS.has(String(d.path[0])) ? d.path.slice(1) : d.path).map((s) => (/^\d+$/.test(String(s)) ? Number(s) : String(s)));
      if (!path.length) continue;
      const same = fields.find((f) => f.name.join('.') === path.join('.'));
      if (same) same.errors.push(d.message);
      else fields.push({ name: path, errors: [d.message] });
    }
  }
  return fields.length ? { kind: 'fields', message: err.message, fields } : { kind: 'message', message: err.message };
}

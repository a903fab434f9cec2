import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ActionRunner } from '../actions/runner.js';
import { TooMany } from '../errors.js';
import { actionRoute } from '../http/route.js';
import { SESSION_COOKIE } from '../http/server.js';
import {
  ApiKey,
  ApiKeyCreated,
  ApiKeyInput,
  Department,
  DepartmentInput,
  DepartmentPatch,
  Id,
  LoginInput,
  LoginResult,
  User,
  UserInput,
  UserListQuery,
  UserPatch,
} from './schema.js';
import * as a from './service.js';
import { loginFailures } from './store.js';

const IdParam = z.object({ id: Id });
const Ok = z.object({ ok: z.literal(true) });

export function authRoutes(app: FastifyInstance, runner: ActionRunner) {
  const r = <O>(o: Parameters<typeof actionRoute<O>>[2]) => actionRoute(app, runner, o);
  const tags = ['认证 Auth'];
  r({
    method: 'POST',
    url: '/api/v1/auth/login',
    action: a.login,
    tags,
    public: true,
    status: 200,
    body: LoginInput,
    // A username and a password: a few hundred bytes. An address over the failure limit is refused before its
    // body is read (login checks the same counters again), so it cannot make the server read, parse or hash.
    bodyLimit: 16 * 1024,
    onRequest: async (req) => {
      if ((await loginFailures.recent(runner.services.db, req.ip, a.IP_WINDOW_MINUTES)) >= a.IP_MAX_FAILURES) throw new TooMany('登录失败次数过多，请稍后再试');
    },
    response: LoginResult,
    after: (out, reply) =>
      void reply.setCookie(SESSION_COOKIE, out.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        expires: new Date(out.expiresAt),
        secure: reply.request.protocol === 'https',
      }),
  });
  r({
    method: 'POST',
    url: '/api/v1/auth/logout',
    action: a.logout,
    tags,
    status: 200,
    response: Ok,
    input: (req) => ({ token: req.token }),
    after: (_o, reply) => void reply.clearCookie(SESSION_COOKIE, { path: '/' }),
  });
  r({ method: 'GET', url: '/api/v1/auth/me', action: a.me, tags, response: User });
  r({ method: 'GET', url: '/api/v1/auth/api-keys', action: a.listApiKeys, tags, response: z.array(ApiKey) });
  r({ method: 'POST', url: '/api/v1/auth/api-keys', action: a.createApiKey, tags, body: ApiKeyInput, response: ApiKeyCreated });
  r({ method: 'DELETE', url: '/api/v1/auth/api-keys/:id', action: a.revokeApiKey, tags, params: IdParam, response: z.object({ id: Id }) });

  const itags = ['部门与用户 Identity'];
  r({ method: 'GET', url: '/api/v1/departments', action: a.listDepartments, tags: itags, response: z.array(Department) });
  r({ method: 'POST', url: '/api/v1/departments', action: a.createDepartment, tags: itags, body: DepartmentInput, response: Department });
  r({
    method: 'PATCH',
    url: '/api/v1/departments/:id',
    action: a.updateDepartment,
    tags: itags,
    params: IdParam,
    body: DepartmentPatch.omit({ id: true }),
    response: Department,
  });
  r({
    method: 'GET',
    url: '/api/v1/users',
    action: a.listUsers,
    tags: itags,
    querystring: UserListQuery,
    response: z.object({ items: z.array(User), total: z.number().int() }),
  });
  r({ method: 'POST', url: '/api/v1/users', action: a.createUser, tags: itags, body: UserInput, response: User });
  r({ method: 'PATCH', url: '/api/v1/users/:id', action: a.updateUser, tags: itags, params: IdParam, body: UserPatch.omit({ id: true }), response: User });
  r({ method: 'POST', url: '/api/v1/users/:id/lock', action: a.lockUser, tags: itags, status: 200, params: IdParam, response: User });
  r({ method: 'POST', url: '/api/v1/users/:id/unlock', action: a.unlockUser, tags: itags, status: 200, params: IdParam, response: User });
}

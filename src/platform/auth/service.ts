import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { CommitThenFail, defineRead, defineWrite } from '../actions/action.js';
import type { Queryable } from '../db/db.js';
import { isUniqueViolation } from '../db/values.js';
import { Conflict, InputError, NotAllowed, NotAuthenticated, NotFound, TooMany, unseen } from '../errors.js';
import { keyPrincipal } from './known-callers.js';
import { has, isAuthenticated, isBureauAdmin, type Principal, type Role } from './principal.js';
import { ApiKeyInput, DepartmentInput, DepartmentPatch, Id, LoginInput, UserInput, UserListQuery, UserPatch } from './schema.js';
import { apiKeys, departments, loginFailures, sessions, toUser, users } from './store.js';
import { KEY_PREFIX, newToken, SESSION_PREFIX, tokenHash } from './tokens.js';

export const IP_WINDOW_MINUTES = 10;
export const IP_MAX_FAILURES = 30;

export const hashPassword = (password: string) => hash(password);

const anyone = () => true;
const signedIn = isAuthenticated;

// Whatever an anonymous client types, the answer must not tell whether the username exists:
// an unknown name fails with the same status, code and message as a wrong password, after an
// argon2 verify of the same cost, and its failures lock it for that address just the same.
// Only the audit row says which it was.
let dummyHash: Promise<string> | null = null;
async function passwordMatches(stored: string | null, password: string): Promise<boolean> {
  if (stored) return verify(stored, password);
  dummyHash ??= hashPassword('no such user: a hash of the same cost to verify against');
  await verify(await dummyHash, password);
  return false;
}

export const login = defineWrite({
  name: 'auth.login',
  summary: '登录 Log in with username and password',
  input: LoginInput,
  auth: anyone,
  async run({ db, principal, services }, input) {
    const ip = principal.ip ?? 'unknown';
    if ((await loginFailures.recent(db, ip, IP_WINDOW_MINUTES)) >= IP_MAX_FAILURES) {
      throw new TooMany('登录失败次数过多，请稍后再试');
    }
    const account = input.username.toLowerCase();
    const u = await users.byUsername(db, input.username);
    const fail = async (error: NotAuthenticated, details: Record<string, unknown>) => {
      await loginFailures.add(db, account, ip, Math.max(IP_WINDOW_MINUTES, services.config.lockMinutes));
      return new CommitThenFail(error, {
        action: 'auth.login.failed',
        targetType: 'user',
        targetId: u?.id ?? null,
        details: { username: input.username, ...details },
        actor: { id: u?.id ?? null, username: input.username, departmentId: u?.department_id ?? null },
      });
    };
    const locked = await loginFailures.lockedUntil(db, account, ip);
    if (locked) throw await fail(lockedOut(locked), { reason: u ? 'locked from this address' : 'unknown user, locked from this address' });
    const ok = await passwordMatches(u?.password_hash ?? null, input.password);
    if (!u || !ok) {
      const reason = u ? (u.disabled ? 'bad password, disabled' : 'bad password') : 'unknown user';
      const error = await fail(new NotAuthenticated('用户名或密码错误', 'bad_credentials'), { reason });
      const until = await loginFailures.lockIfDue(db, account, ip, services.config.loginMaxFailures, services.config.lockMinutes);
      if (until) throw new CommitThenFail(lockedOut(until), { ...error.note, details: { ...error.note.details, lockedUntil: until.toISOString() } });
      throw error;
    }
    // Said only to whoever knows the password.
    if (u.disabled) throw await fail(new NotAuthenticated('账号已被管理员锁定，请联系管理员解锁', 'account_locked'), { reason: 'disabled' });
    await loginFailures.clear(db, account, ip);
    await users.recordSuccess(db, u.id);
    const token = newToken(SESSION_PREFIX);
    const [s] = await sessions.insert(db, tokenHash(token), u.id, services.config.sessionHours, principal.ip ?? null);
    const fresh = await users.get(db, u.id);
    return { token, expiresAt: new Date(s.expires_at).toISOString(), user: toUser(fresh!) };
  },
  audit: (out) => ({
    targetType: 'user',
    targetId: out.user.id,
    details: { username: out.user.username },
    actor: { id: out.user.id, username: out.user.username, departmentId: out.user.departmentId },
  }),
});

/** The lock is this address's on this name: another address (the account's owner elsewhere) still signs in. */
function lockedOut(until: Date): NotAuthenticated {
  const t = until.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });
  return new NotAuthenticated(`登录失败次数过多，该账号已在此地址暂时锁定，请于 ${t} 后重试或联系管理员解锁`, 'account_locked');
}

export const logout = defineWrite({
  name: 'auth.logout',
  summary: '退出登录 End the current session',
  input: z.object({ token: z.string() }),
  auth: signedIn,
  async run({ db }, input) {
    await sessions.remove(db, tokenHash(input.token));
    return { ok: true as const };
  },
  audit: () => ({ targetType: 'session', targetId: null }),
});

export const me = defineRead({
  name: 'auth.me',
  summary: '当前用户 The signed-in user',
  input: z.object({}),
  auth: signedIn,
  async run({ db, principal }) {
    const u = principal.userId ? await users.get(db, principal.userId) : null;
    if (!u) throw new NotAuthenticated();
    return toUser(u);
  },
});

/** Resolves a bearer token or session cookie to a principal, or null. */
export async function principalFromToken(db: Queryable, token: string, ip: string | null): Promise<Principal | null> {
  const h = tokenHash(token);
  if (token.startsWith(KEY_PREFIX)) return keyPrincipal(db, h, ip);
  const row = token.startsWith(SESSION_PREFIX) ? await sessions.userFor(db, h) : null;
  if (!row || row.disabled) return null;
  return { kind: 'user', userId: row.id, username: row.username, departmentId: row.department_id, roles: row.roles, ip };
}

// --- API keys: a user's own -------------------------------------------------

export const createApiKey = defineWrite({
  name: 'auth.apikey.create',
  summary: '创建API密钥 Create an API key (the key is shown once)',
  input: ApiKeyInput,
  // A key cannot mint keys: one that leaks must not be able to outlive its own revocation through another.
  auth: (p) => p.kind === 'user' && !p.byApiKey,
  async run({ db, principal }, input) {
    const key = newToken(KEY_PREFIX);
    const row = await apiKeys.insert(db, {
      userId: principal.userId!,
      name: input.name,
      prefix: key.slice(0, 10),
      keyHash: tokenHash(key),
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    return { ...row, key };
  },
  audit: (out) => ({ targetType: 'api_key', targetId: out.id, details: { name: out.name, prefix: out.prefix, expiresAt: out.expiresAt } }),
});

export const listApiKeys = defineRead({
  name: 'auth.apikey.list',
  summary: '我的API密钥 My API keys',
  input: z.object({}),
  auth: (p) => p.kind === 'user',
  run: ({ db, principal }) => apiKeys.list(db, principal.userId!),
});

export const revokeApiKey = defineWrite({
  name: 'auth.apikey.revoke',
  summary: '吊销API密钥 Revoke an API key',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, input) {
    const k = await apiKeys.get(db, input.id);
    if (!k || (k.user_id !== principal.userId && !has(principal, 'admin'))) throw new NotFound('API密钥');
    await apiKeys.revoke(db, input.id);
    return { id: input.id };
  },
  audit: (out) => ({ targetType: 'api_key', targetId: out.id }),
});

// --- Departments ------------------------------------------------------------

export const listDepartments = defineRead({
  name: 'identity.department.list',
  summary: '部门列表 All departments',
  input: z.object({}),
  auth: signedIn,
  run: ({ db }) => departments.list(db),
});

export const createDepartment = defineWrite({
  name: 'identity.department.create',
  summary: '新建部门 Create a department (bureau admin)',
  input: DepartmentInput,
  auth: isBureauAdmin,
  async run({ db }, input) {
    if (input.parentId && !(await departments.get(db, input.parentId)))
      throw new InputError('上级部门不存在', [{ path: ['parentId'], message: '上级部门不存在' }]);
    if (input.isBureau && (await departments.bureau(db))) throw new Conflict('大数据局已存在，只能有一个');
    try {
      return await departments.insert(db, { ...input, shortName: input.shortName ?? input.name });
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('部门名称、提供方代码或统一社会信用代码已存在');
      throw e;
    }
  },
  audit: (out) => ({ targetType: 'department', targetId: out.id, details: { name: out.name, code: out.code } }),
});

export const updateDepartment = defineWrite({
  name: 'identity.department.update',
  summary: '修改部门 Update a department (bureau admin)',
  input: DepartmentPatch,
  auth: isBureauAdmin,
  async run({ db }, { id, ...patch }) {
    if (patch.parentId === id) throw new InputError('上级部门不能是自身', [{ path: ['parentId'], message: '上级部门不能是自身' }]);
    if (patch.parentId && !(await departments.get(db, patch.parentId)))
      throw new InputError('上级部门不存在', [{ path: ['parentId'], message: '上级部门不存在' }]);
    try {
      const d = await departments.update(db, id, patch);
      if (!d) throw new NotFound('部门');
      return d;
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict('部门名称、提供方代码或统一社会信用代码已存在');
      throw e;
    }
  },
  audit: (out, input) => ({ targetType: 'department', targetId: out.id, details: { changed: Object.keys(input).filter((k) => k !== 'id') } }),
});

// --- Users ------------------------------------------------------------------
// The bureau's admin manages everyone; a department admin manages the users of their
// own department and may grant only department roles.

const DEPT_ROLES: readonly Role[] = ['dept_admin', 'dept_user'];
const manager = (p: Principal) => isBureauAdmin(p) || has(p, 'dept_admin');

function assertMayManage(p: Principal, departmentId: string, roles?: readonly Role[]) {
  if (isBureauAdmin(p)) return;
  if (p.departmentId !== departmentId) throw new NotAllowed('只能管理本部门的用户');
  if (roles?.some((r) => !DEPT_ROLES.includes(r))) throw new NotAllowed('部门管理员只能授予部门管理员或部门用户角色');
}

async function loadManaged(db: Queryable, p: Principal, id: string) {
  const u = await users.get(db, id);
  // Another department's user is reported as absent, not forbidden: no existence leak.
  if (!u || (!isBureauAdmin(p) && u.department_id !== p.departmentId)) throw unseen('用户', !!u);
  return u;
}

export const listUsers = defineRead({
  name: 'identity.user.list',
  summary: '用户列表 Users (bureau admin: all; department admin: own department)',
  input: UserListQuery,
  auth: manager,
  run: ({ db, principal }, q) => users.list(db, { ...q, departmentId: isBureauAdmin(principal) ? q.departmentId : (principal.departmentId as string) }),
});

export const createUser = defineWrite({
  name: 'identity.user.create',
  summary: '新建用户 Create a user',
  input: UserInput,
  auth: manager,
  async run({ db, principal }, input) {
    assertMayManage(principal, input.departmentId, input.roles);
    if (!(await departments.get(db, input.departmentId))) throw new InputError('部门不存在', [{ path: ['departmentId'], message: '部门不存在' }]);
    try {
      const id = await users.insert(db, { ...input, passwordHash: await hashPassword(input.password) });
      return toUser((await users.get(db, id))!);
    } catch (e) {
      if (isUniqueViolation(e)) throw new Conflict(`用户名 ${input.username} 已存在`);
      throw e;
    }
  },
  audit: (out) => ({ targetType: 'user', targetId: out.id, details: { username: out.username, roles: out.roles, departmentId: out.departmentId } }),
});

export const updateUser = defineWrite({
  name: 'identity.user.update',
  summary: '修改用户 Update a user (roles, department, name, password)',
  input: UserPatch,
  auth: manager,
  async run({ db, principal }, { id, password, ...patch }) {
    const u = await loadManaged(db, principal, id);
    assertMayManage(principal, patch.departmentId ?? u.department_id, patch.roles);
    if (patch.departmentId && !(await departments.get(db, patch.departmentId)))
      throw new InputError('部门不存在', [{ path: ['departmentId'], message: '部门不存在' }]);
    await users.update(db, id, { ...patch, passwordHash: password ? await hashPassword(password) : undefined });
    if (password) {
      // A new password is often a response to a leak: whatever the old one let out (sessions, keys) ends with it.
      await sessions.removeForUser(db, id);
      await apiKeys.revokeForUser(db, id);
    }
    return toUser((await users.get(db, id))!);
  },
  audit: (out, input) => ({ targetType: 'user', targetId: out.id, details: { changed: Object.keys(input).filter((k) => k !== 'id') } }),
});

const lockAction = (lock: boolean) =>
  defineWrite({
    name: lock ? 'identity.user.lock' : 'identity.user.unlock',
    summary: lock ? '锁定用户 Lock a user out' : '解锁用户 Unlock a user (also clears a failed-login lock)',
    input: z.object({ id: Id }),
    auth: manager,
    async run({ db, principal }, { id }) {
      const u = await loadManaged(db, principal, id);
      if (lock && u.id === principal.userId) throw new Conflict('不能锁定自己');
      await users.setDisabled(db, id, lock);
      if (lock) await sessions.removeForUser(db, id);
      else await loginFailures.clearAccount(db, u.username.toLowerCase());
      return toUser((await users.get(db, id))!);
    },
    audit: (out) => ({ targetType: 'user', targetId: out.id, details: { username: out.username } }),
  });
export const lockUser = lockAction(true);
export const unlockUser = lockAction(false);

export const authActions = [
  login,
  logout,
  me,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  listDepartments,
  createDepartment,
  updateDepartment,
  listUsers,
  createUser,
  updateUser,
  lockUser,
  unlockUser,
];

import { z } from 'zod';
import { validateCreditCode } from '../validators/credit-code.js';
import { roles } from './principal.js';

export const Role = z.enum(roles).meta({ description: 'admin 大数据局管理员 · dept_admin 部门管理员 · dept_user 部门用户 · auditor 审计员' });
export const Id = z.uuid();
export const Page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
/**
 * A true/false query parameter. The route parses the query string and the action parses its
 * input again, so the boolean the first parse made must pass the second.
 */
export const QueryFlag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

const creditCodeShape = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = validateCreditCode(v);
    if (r.ok) return r.normalized;
    ctx.addIssue({ code: 'custom', message: `统一社会信用代码无效：${r.reason}` });
    return z.NEVER;
  });

export const Department = z.object({
  id: Id,
  name: z.string(),
  shortName: z.string(),
  code: z.string(),
  creditCode: z.string(),
  parentId: Id.nullable(),
  isBureau: z.boolean(),
});
export type Department = z.infer<typeof Department>;

export const DepartmentInput = z.object({
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().min(1).max(30).optional(),
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{3,20}$/, '提供方代码为3–20位字母或数字'),
  creditCode: creditCodeShape,
  parentId: Id.nullable().default(null),
  isBureau: z.boolean().default(false).meta({ description: 'the big-data bureau itself; exactly one, set when the platform is first set up' }),
});
export const DepartmentPatch = DepartmentInput.omit({ isBureau: true }).partial().extend({ id: Id });

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  departmentId: Id,
  departmentName: z.string(),
  roles: z.array(Role),
  locked: z.boolean().meta({ description: 'disabled by an administrator, or locked after repeated failed logins' }),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const Password = z
  .string()
  .min(8, '密码至少8位')
  .max(128)
  .regex(/[A-Za-z]/, '密码须含字母')
  .regex(/\d/, '密码须含数字');

export const UserInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为3–32位小写字母、数字、_ . -，以字母开头'),
  displayName: z.string().trim().min(1).max(50),
  departmentId: Id,
  roles: z.array(Role).min(1).max(4),
  password: Password,
});
export const UserPatch = z.object({
  id: Id,
  displayName: z.string().trim().min(1).max(50).optional(),
  departmentId: Id.optional(),
  roles: z.array(Role).min(1).max(4).optional(),
  password: Password.optional(),
});
export const UserListQuery = z.object({ departmentId: Id.optional(), q: z.string().trim().max(50).optional(), ...Page });

export const LoginInput = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
export const LoginResult = z.object({ token: z.string(), expiresAt: z.string(), user: User });

export const ApiKey = z.object({
  id: Id,
  name: z.string(),
  prefix: z.string().meta({ description: 'the first characters of the key, to recognize it' }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ApiKeyCreated = ApiKey.extend({ key: z.string().meta({ description: 'shown once; only its hash is stored' }) });

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

// C0 and C1 control characters, and the bidi embeddings, overrides and isolates: in a name they
// hide text or make it display as something else (a department that reads as another).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const NO_CONTROLS = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;
/** Refuses control and text-direction characters in a string people read as a name. */
export const noControls = (s: z.ZodString) => s.regex(NO_CONTROLS, '不能含控制字符或文字方向控制符');
/** A name people read (a user's, a department's, a catalog entry's, an item's, a mount's). */
export const Name = (max: number, min = 1) => noControls(z.string().trim().min(min).max(max));

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
  name: Name(100, 2),
  shortName: Name(30).optional(),
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
  displayName: Name(50),
  departmentId: Id,
  roles: z.array(Role).min(1).max(4),
  password: Password,
});
export const UserPatch = z.object({
  id: Id,
  displayName: Name(50).optional(),
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
  expiresAt: z.string().nullable().meta({ description: 'after this the key fails like a revoked one; null: no end' }),
});

/** The longest an API key may be made to last. */
export const API_KEY_MAX_DAYS = 730;
export const ApiKeyInput = z.object({
  name: Name(50),
  // Checked as text, and made a Date by the action: the route validates the body and the action its input again.
  expiresAt: z.iso
    .datetime({ offset: true, error: '到期时间应为 ISO 8601 时间，如 2027-06-30T23:59:59+08:00' })
    .refine((s) => Date.parse(s) > Date.now(), '到期时间应在将来')
    .refine((s) => Date.parse(s) <= Date.now() + API_KEY_MAX_DAYS * 86_400_000, `到期时间最多为两年（${API_KEY_MAX_DAYS} 天）内`)
    .optional()
    .meta({ description: 'optional end of the key, at most two years ahead' }),
});
export const ApiKeyCreated = ApiKey.extend({ key: z.string().meta({ description: 'shown once; only its hash is stored' }) });

import type { Queryable } from '../db/db.js';
import { iso, offset } from '../db/values.js';
import type { Role } from './principal.js';
import type { Department, User } from './schema.js';

const deptCols = `id, name, short_name AS "shortName", code, credit_code AS "creditCode", parent_id AS "parentId", is_bureau AS "isBureau"`;

export const departments = {
  list: (db: Queryable) => db.query<Department>(`SELECT ${deptCols} FROM departments ORDER BY is_bureau DESC, code`),
  get: async (db: Queryable, id: string) => (await db.query<Department>(`SELECT ${deptCols} FROM departments WHERE id = $1`, [id]))[0] ?? null,
  byCode: async (db: Queryable, code: string) => (await db.query<Department>(`SELECT ${deptCols} FROM departments WHERE code = $1`, [code]))[0] ?? null,
  bureau: async (db: Queryable) => (await db.query<Department>(`SELECT ${deptCols} FROM departments WHERE is_bureau`))[0] ?? null,
  async insert(db: Queryable, d: Omit<Department, 'id'>): Promise<Department> {
    const [row] = await db.query<Department>(
      `INSERT INTO departments (name, short_name, code, credit_code, parent_id, is_bureau) VALUES ($1,$2,$3,$4,$5,$6) RETURNING ${deptCols}`,
      [d.name, d.shortName, d.code, d.creditCode, d.parentId, d.isBureau],
    );
    return row;
  },
  async update(db: Queryable, id: string, d: Partial<Omit<Department, 'id' | 'isBureau'>>): Promise<Department | null> {
    const [row] = await db.query<Department>(
      `UPDATE departments SET name = coalesce($2, name), short_name = coalesce($3, short_name), code = coalesce($4, code),
              credit_code = coalesce($5, credit_code), parent_id = CASE WHEN $6::boolean THEN $7::uuid ELSE parent_id END
        WHERE id = $1 RETURNING ${deptCols}`,
      [id, d.name ?? null, d.shortName ?? null, d.code ?? null, d.creditCode ?? null, d.parentId !== undefined, d.parentId ?? null],
    );
    return row ?? null;
  },
  /** Reserves `n` catalog sequence numbers for a department and returns the last; never reused. */
  async reserveSeq(db: Queryable, id: string, n: number): Promise<number> {
    const [row] = await db.query<{ seq: number }>('UPDATE departments SET resource_seq = resource_seq + $2 WHERE id = $1 RETURNING resource_seq AS seq', [
      id,
      n,
    ]);
    return row.seq;
  },
};

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  department_id: string;
  department_name: string;
  roles: Role[];
  password_hash: string;
  /** The latest end of a failed-login lock on this account from any address (login_locks). */
  locked_until: Date | null;
  disabled: boolean;
  last_login_at: Date | null;
  created_at: Date;
};

const userSelect = `SELECT u.*, d.name AS department_name,
  (SELECT max(l.until) FROM login_locks l WHERE l.account = lower(u.username) AND l.until > now()) AS locked_until
  FROM users u JOIN departments d ON d.id = u.department_id`;

export function toUser(r: UserRow): User {
  const lockedUntil = r.locked_until && new Date(r.locked_until) > new Date() ? iso(r.locked_until) : null;
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    roles: r.roles,
    locked: r.disabled || lockedUntil !== null,
    lockedUntil,
    disabled: r.disabled,
    lastLoginAt: iso(r.last_login_at),
    createdAt: iso(r.created_at) as string,
  };
}

export const users = {
  byUsername: async (db: Queryable, username: string) => (await db.query<UserRow>(`${userSelect} WHERE lower(u.username) = lower($1)`, [username]))[0] ?? null,
  get: async (db: Queryable, id: string) => (await db.query<UserRow>(`${userSelect} WHERE u.id = $1`, [id]))[0] ?? null,
  async list(db: Queryable, f: { departmentId?: string; q?: string; page: number; pageSize: number }) {
    const params: unknown[] = [f.departmentId ?? null, f.q ? `%${f.q}%` : null];
    const where = `WHERE ($1::uuid IS NULL OR u.department_id = $1) AND ($2::text IS NULL OR u.username ILIKE $2 OR u.display_name ILIKE $2)`;
    const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM users u ${where}`, params);
    const rows = await db.query<UserRow>(`${userSelect} ${where} ORDER BY d.code, u.username LIMIT ${f.pageSize} OFFSET ${offset(f.page, f.pageSize)}`, params);
    return { items: rows.map(toUser), total };
  },
  async insert(db: Queryable, u: { username: string; displayName: string; departmentId: string; roles: Role[]; passwordHash: string }) {
    const [row] = await db.query<{ id: string }>(
      'INSERT INTO users (username, display_name, department_id, roles, password_hash) VALUES ($1,$2,$3,$4,$5) RETURNING id',
      [u.username, u.displayName, u.departmentId, u.roles, u.passwordHash],
    );
    return row.id;
  },
  async update(db: Queryable, id: string, u: { displayName?: string; departmentId?: string; roles?: Role[]; passwordHash?: string }) {
    await db.query(
      `UPDATE users SET display_name = coalesce($2, display_name), department_id = coalesce($3, department_id),
              roles = coalesce($4, roles), password_hash = coalesce($5, password_hash) WHERE id = $1`,
      [id, u.displayName ?? null, u.departmentId ?? null, u.roles ?? null, u.passwordHash ?? null],
    );
  },
  setDisabled: (db: Queryable, id: string, disabled: boolean) => db.query('UPDATE users SET disabled = $2 WHERE id = $1', [id, disabled]),
  recordSuccess: (db: Queryable, id: string) => db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]),
};

/**
 * Failed logins, per client address (the address's limit) and per account name and address
 * (the account's lock from that address). `account` is the name as typed, lower-cased: it
 * need not exist.
 */
export const loginFailures = {
  /**
   * Records a failure and forgets, in the same statement, failures older than `keepMinutes` (no
   * limit looks that far back) and locks that have ended: an anonymous client's failures cannot
   * pile up, and the address limit (checked before this) bounds what one address keeps in it.
   */
  add: (db: Queryable, account: string, ip: string, keepMinutes: number) =>
    db.query(
      `WITH old AS (DELETE FROM login_failures WHERE at < now() - make_interval(mins => $3)), ended AS (DELETE FROM login_locks WHERE until < now())
       INSERT INTO login_failures (account, ip) VALUES ($1, $2)`,
      [account, ip, keepMinutes],
    ),
  async recent(db: Queryable, ip: string, minutes: number): Promise<number> {
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM login_failures WHERE ip = $1 AND at > now() - make_interval(mins => $2)`, [
      ip,
      minutes,
    ]);
    return n;
  },
  /** Locks the account for this address when it has failed `max` times there within `minutes`; the lock's end, or null. */
  async lockIfDue(db: Queryable, account: string, ip: string, max: number, minutes: number): Promise<Date | null> {
    const [row] = await db.query<{ until: Date }>(
      `INSERT INTO login_locks (account, ip, until)
       SELECT $1, $2, now() + make_interval(mins => $4)
        WHERE (SELECT count(*) FROM login_failures WHERE account = $1 AND ip = $2 AND at > now() - make_interval(mins => $4)) >= $3
       ON CONFLICT (account, ip) DO UPDATE SET until = EXCLUDED.until RETURNING until`,
      [account, ip, max, minutes],
    );
    return row ? new Date(row.until) : null;
  },
  async lockedUntil(db: Queryable, account: string, ip: string): Promise<Date | null> {
    const [row] = await db.query<{ until: Date }>('SELECT until FROM login_locks WHERE account = $1 AND ip = $2 AND until > now()', [account, ip]);
    return row ? new Date(row.until) : null;
  },
  /** A success from an address forgets that address's failures on the account. */
  clear: (db: Queryable, account: string, ip: string) =>
    db.query('WITH f AS (DELETE FROM login_failures WHERE account = $1 AND ip = $2) DELETE FROM login_locks WHERE account = $1 AND ip = $2', [account, ip]),
  /** An administrator's unlock: every address's failures and locks on the account. */
  clearAccount: (db: Queryable, account: string) =>
    db.query('WITH f AS (DELETE FROM login_failures WHERE account = $1) DELETE FROM login_locks WHERE account = $1', [account]),
};

export const sessions = {
  insert: (db: Queryable, tokenHash: string, userId: string, hours: number, ip: string | null) =>
    db.query<{ expires_at: Date }>(
      `INSERT INTO sessions (token_hash, user_id, expires_at, ip) VALUES ($1, $2, now() + make_interval(hours => $3), $4) RETURNING expires_at`,
      [tokenHash, userId, hours, ip],
    ),
  remove: (db: Queryable, tokenHash: string) => db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]),
  removeForUser: (db: Queryable, userId: string) => db.query('DELETE FROM sessions WHERE user_id = $1', [userId]),
  /** The session's user as a principal needs it: asked on every request, so without the lock column only the user pages show. */
  async userFor(db: Queryable, tokenHash: string) {
    const rows = await db.query<Pick<UserRow, 'id' | 'username' | 'department_id' | 'roles' | 'disabled'>>(
      `SELECT u.id, u.username, u.department_id, u.roles, u.disabled FROM users u JOIN sessions s ON s.user_id = u.id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ?? null;
  },
};

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  expires_at: Date | null;
  user_id: string;
};
const toKey = (r: KeyRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: iso(r.created_at) as string,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
  expiresAt: iso(r.expires_at),
});

/** SQL true while the key `k` works: not revoked, not past its end. Every lookup of a key uses it. */
export const KEY_USABLE = 'k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())';

export const apiKeys = {
  async insert(db: Queryable, k: { userId: string; name: string; prefix: string; keyHash: string; expiresAt: Date | null }) {
    const [r] = await db.query<KeyRow>('INSERT INTO api_keys (user_id, name, prefix, key_hash, expires_at) VALUES ($1,$2,$3,$4,$5) RETURNING *', [
      k.userId,
      k.name,
      k.prefix,
      k.keyHash,
      k.expiresAt?.toISOString() ?? null,
    ]);
    return toKey(r);
  },
  list: async (db: Queryable, userId: string) =>
    (await db.query<KeyRow>('SELECT * FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC', [userId])).map(toKey),
  get: async (db: Queryable, id: string) => (await db.query<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]))[0] ?? null,
  revoke: (db: Queryable, id: string) => db.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]),
  revokeForUser: (db: Queryable, userId: string) => db.query('UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]),
  async userFor(db: Queryable, keyHash: string) {
    const rows = await db.query<UserRow & { key_used: Date | null }>(
      `SELECT u.*, d.name AS department_name, k.last_used_at AS key_used FROM users u JOIN departments d ON d.id = u.department_id
         JOIN api_keys k ON k.user_id = u.id WHERE k.key_hash = $1 AND ${KEY_USABLE}`,
      [keyHash],
    );
    return rows[0] ?? null;
  },
  touch: (db: Queryable, keyHash: string) =>
    db.query(`UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [
      keyHash,
    ]),
};

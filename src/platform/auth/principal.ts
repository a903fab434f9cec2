// Who is acting. Every action receives one; the CLI and the seed act as `system`.
export const roles = ['admin', 'dept_admin', 'dept_user', 'auditor'] as const;
export type Role = (typeof roles)[number];

export type Principal = {
  kind: 'user' | 'system' | 'anonymous';
  userId: string | null;
  username: string;
  departmentId: string | null;
  roles: readonly Role[];
  ip?: string | null;
  /**
   * Set when the principal was remembered for an API key (known-callers.ts) rather than looked
   * up for this request: the key's hash, which the serving statement must re-check.
   */
  unconfirmedKey?: string;
  /** Authenticated by an API key rather than a session: such a caller may not make more keys. */
  byApiKey?: true;
};

export const anonymous: Principal = { kind: 'anonymous', userId: null, username: 'anonymous', departmentId: null, roles: [] };

export function systemPrincipal(name = 'system'): Principal {
  return { kind: 'system', userId: null, username: name, departmentId: null, roles: [] };
}

export const has = (p: Principal, ...any: Role[]) => any.some((r) => p.roles.includes(r));
export const isSystem = (p: Principal) => p.kind === 'system';
export const isAuthenticated = (p: Principal) => p.kind !== 'anonymous';
/** The bureau's administrators, and the system itself (CLI, seed). */
export const isBureauAdmin = (p: Principal) => isSystem(p) || has(p, 'admin');

import { createHash } from 'node:crypto';

export type HashAlg = 'sha256' | 'sm3';

export type AuditFields = {
  seq: number;
  at: string; // ISO 8601, milliseconds, UTC
  actorId: string | null;
  actor: string;
  departmentId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
  ip: string | null;
};

// A row's hash covers its own fields and the previous row's hash, so altering,
// deleting or reordering any row breaks every link after it. The algorithm is named
// in the stored value ("sm3:…"), so a chain can switch algorithm without re-hashing.
export function rowHash(alg: HashAlg, prevHash: string, f: AuditFields): string {
  const body = canonical([prevHash, f.seq, f.at, f.actorId, f.actor, f.departmentId, f.action, f.targetType, f.targetId, f.details, f.ip]);
  return `${alg}:${createHash(alg).update(body).digest('hex')}`;
}

export function algOf(hash: string): HashAlg | null {
  const alg = hash.split(':', 1)[0];
  return alg === 'sha256' || alg === 'sm3' ? alg : null;
}

/** JSON with object keys sorted, so jsonb's reordering does not change the hash. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

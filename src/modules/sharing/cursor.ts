import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { InputError } from '../../platform/errors.js';

// Keyset paging cursors carry the last row's key, which may be personal data the grant masks
// (an ID number): they are encrypted and bound to the grant, so a cursor shows nothing and
// works for nobody else.

const IV = 12;
const TAG = 16;

export function sealCursor(secret: Uint8Array, grantId: string, key: (string | null)[]): string {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', secret, iv).setAAD(Buffer.from(grantId));
  const body = Buffer.concat([c.update(JSON.stringify(key), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

export function openCursor(secret: Uint8Array, grantId: string, cursor: string, width: number): (string | null)[] {
  const raw = Buffer.from(cursor, 'base64url');
  const bad = () => new InputError('after 参数无效：请使用上一页返回的 next 值', [{ path: ['after'], message: '不是本授权的翻页标记' }]);
  if (raw.length <= IV + TAG) throw bad();
  try {
    const d = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, IV)).setAAD(Buffer.from(grantId));
    d.setAuthTag(raw.subarray(IV, IV + TAG));
    const key: unknown = JSON.parse(Buffer.concat([d.update(raw.subarray(IV + TAG)), d.final()]).toString('utf8'));
    if (!Array.isArray(key) || key.length !== width || key.some((v) => v !== null && typeof v !== 'string')) throw bad();
    return key as (string | null)[];
  } catch {
    throw bad();
  }
}

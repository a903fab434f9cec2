import { createHash, randomBytes } from 'node:crypto';

// Session tokens and API keys are 256-bit random strings; only their SHA-256 is stored,
// so a leaked database yields nothing usable. The prefixes tell the two apart.
export const SESSION_PREFIX = 'jts_';
export const KEY_PREFIX = 'jtk_';

export const newToken = (prefix: string) => prefix + randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

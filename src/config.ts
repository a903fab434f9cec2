import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type SignAlg, signAlgFor } from './platform/audit/signing-keys.js';

// Every setting the platform reads, validated once at start so a typo fails loudly
// with the variable's name instead of surfacing later as odd behaviour.
const env = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  JUTONG_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  JUTONG_AUDIT_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  JUTONG_DEMO_PASSWORD: z.string().min(8).default('Jutong@2026'),
  JUTONG_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  // Failed logins to one account from one address within JUTONG_LOCK_MINUTES that lock it, from that address only, as long.
  JUTONG_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  JUTONG_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  JUTONG_WEB_DIST: z.string().min(1).optional(),
  JUTONG_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === 'false' ? false : v === 'true' ? true : v))
    .describe("'true', or the proxy's addresses (comma-separated), when a reverse proxy sets X-Forwarded-For"),
  JUTONG_FILES_DIR: z.string().min(1).optional().describe('mounted files and reject reports; default <JUTONG_DATA_DIR>/files'),
  JUTONG_MAX_FILE_MB: z.coerce.number().int().min(1).default(2048).describe('largest file a file mount accepts, in MiB'),
  JUTONG_FETCH_ALLOW_HOSTS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .describe("upstream API hosts the server may call: 'api.example.gov.cn,*.zibo.gov.cn'; empty = none"),
  JUTONG_FETCH_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('whether upstream APIs on private, loopback or link-local addresses may be called (an internal government network)'),
  JUTONG_CHECKPOINT_FILE: z.string().min(1).optional().describe('where the audit checkpoints are appended; default <JUTONG_DATA_DIR>/audit-checkpoints.jsonl'),
  JUTONG_CHECKPOINT_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('the private key that signs checkpoints (made on first start, mode 0600); default <JUTONG_DATA_DIR>/audit-checkpoint.key'),
  JUTONG_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(10).default(5).describe('how often the chain heads are checkpointed'),
  JUTONG_CHECKPOINT_SIGN_ROWS: z.coerce.number().int().min(1).default(1000).describe('sign the head once this many rows came after the last signature'),
  JUTONG_CHECKPOINT_SIGN_MINUTES: z.coerce.number().min(0.1).max(60).default(5).describe('…or once this many minutes passed'),
  JUTONG_CHECKPOINT_ROTATE_MB: z.coerce
    .number()
    .min(1)
    .default(64)
    .describe('start a new checkpoint file once the current one is this large (the old ones are kept and read)'),
  JUTONG_CHECKPOINT_ROTATE_DAYS: z.coerce.number().min(1).default(30).describe('…or once its first line is this many days old'),
  JUTONG_AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(180, '等保 requires the logs online for at least 180 days')
    .default(180)
    .describe('how long rows of the audit and delivery logs stay in the database before `jutong audit archive` moves them to a signed file'),
  JUTONG_ARCHIVE_DIR: z.string().min(1).optional().describe('where the log archives are written; default <JUTONG_DATA_DIR>/audit-archive'),
  JUTONG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  /** demo: npm start; production: jutong serve; tool: the other CLI commands, on either database. */
  mode: 'demo' | 'production' | 'tool';
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  host: string;
  port: number;
  auditHash: 'sha256' | 'sm3';
  demoPassword: string;
  sessionHours: number;
  loginMaxFailures: number;
  lockMinutes: number;
  logLevel: z.infer<typeof env>['JUTONG_LOG_LEVEL'];
  /** The built console; default web/dist of this checkout. */
  webDist?: string;
  /** Whether X-Forwarded-For may name the client: true, or the proxies' addresses. */
  trustProxy?: boolean | string;
  /** Where mounted files and reject reports are stored. */
  filesDir: string;
  /** The largest file a file mount accepts. */
  maxFileBytes: number;
  /** Which upstream hosts the server may fetch from (API mounts, later webhooks). */
  fetch: { allowHosts: string[]; allowPrivate: boolean };
  /** The logs' heads, recorded outside the database (src/platform/audit/checkpoints.ts). */
  checkpoints: { file: string; keyFile: string; alg: SignAlg; everyMs: number; signRows: number; signMs: number; rotateBytes: number; rotateMs: number };
  /** Rows older than `days` move from the logs to signed files in `dir` (src/platform/audit/archive.ts). */
  retention: { days: number; dir: string };
};

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env, mode: Config['mode'] = 'production'): Config {
  // An empty variable (`PORT=`, a blank line in a compose file) means unset: `PORT=` coerced to 0 would listen on a random port.
  const parsed = env.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (mode === 'demo' && !isLoopback(e.HOST)) {
    throw new ConfigError(
      `Demo mode has well-known passwords and refuses to listen on ${e.HOST}; use HOST=127.0.0.1, or run 'jutong serve' with DATABASE_URL for production.`,
    );
  }
  if (e.JUTONG_FETCH_ALLOW_PRIVATE && e.JUTONG_FETCH_ALLOW_HOSTS.includes('*')) {
    throw new ConfigError(
      "JUTONG_FETCH_ALLOW_PRIVATE=true with JUTONG_FETCH_ALLOW_HOSTS='*' would let a mounted API reach any internal address, the cloud metadata service (169.254.169.254) included: list the internal hosts by name instead.",
    );
  }
  if (mode === 'production' && !e.DATABASE_URL) {
    throw new ConfigError('Production mode needs DATABASE_URL=postgres://… (the embedded database is for demo mode: npm start).');
  }
  return {
    mode,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: resolve(e.JUTONG_DATA_DIR) },
    host: e.HOST,
    port: e.PORT,
    auditHash: e.JUTONG_AUDIT_HASH,
    demoPassword: e.JUTONG_DEMO_PASSWORD,
    sessionHours: e.JUTONG_SESSION_HOURS,
    loginMaxFailures: e.JUTONG_LOGIN_MAX_FAILURES,
    lockMinutes: e.JUTONG_LOCK_MINUTES,
    logLevel: e.JUTONG_LOG_LEVEL,
    webDist: e.JUTONG_WEB_DIST ? resolve(e.JUTONG_WEB_DIST) : undefined,
    trustProxy: e.JUTONG_TRUST_PROXY,
    filesDir: resolve(e.JUTONG_FILES_DIR ?? join(e.JUTONG_DATA_DIR, 'files')),
    maxFileBytes: e.JUTONG_MAX_FILE_MB * 2 ** 20,
    fetch: { allowHosts: e.JUTONG_FETCH_ALLOW_HOSTS, allowPrivate: e.JUTONG_FETCH_ALLOW_PRIVATE },
    checkpoints: {
      file: resolve(e.JUTONG_CHECKPOINT_FILE ?? join(e.JUTONG_DATA_DIR, 'audit-checkpoints.jsonl')),
      keyFile: resolve(e.JUTONG_CHECKPOINT_KEY ?? join(e.JUTONG_DATA_DIR, 'audit-checkpoint.key')),
      alg: signAlgFor(e.JUTONG_AUDIT_HASH),
      everyMs: e.JUTONG_CHECKPOINT_SECONDS * 1000,
      signRows: e.JUTONG_CHECKPOINT_SIGN_ROWS,
      signMs: e.JUTONG_CHECKPOINT_SIGN_MINUTES * 60_000,
      rotateBytes: e.JUTONG_CHECKPOINT_ROTATE_MB * 2 ** 20,
      rotateMs: e.JUTONG_CHECKPOINT_ROTATE_DAYS * 86_400_000,
    },
    retention: { days: e.JUTONG_AUDIT_RETENTION_DAYS, dir: resolve(e.JUTONG_ARCHIVE_DIR ?? join(e.JUTONG_DATA_DIR, 'audit-archive')) },
  };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../src/config.js';

const run = `${process.pid}-${randomBytes(4).toString('hex')}`;

export const TEMPLATE_FILE = fileURLToPath(new URL('../.tmp/pglite-template.tar', import.meta.url));

export const testConfig: Config = {
  mode: 'tool',
  database: { kind: 'pglite', dataDir: '' },
  host: '127.0.0.1',
  port: 0,
  auditHash: 'sha256',
  demoPassword: 'Jutong@2026',
  sessionHours: 12,
  loginMaxFailures: 5,
  lockMinutes: 15,
  logLevel: 'silent',
  filesDir: join(tmpdir(), `jutong-test-files-${process.pid}`),
  fetch: { allowHosts: [], allowPrivate: false },
  maxFileBytes: 2 ** 31,
  // One file per test file (each loads this module afresh): a platform run with background work in one
  // test file checkpoints its own copy of the database, which another file's copy would not match.
  checkpoints: {
    file: join(tmpdir(), `jutong-test-checkpoints-${run}.jsonl`),
    keyFile: join(tmpdir(), `jutong-test-checkpoint-${run}.key`),
    alg: 'ed25519',
    everyMs: 5000,
    signRows: 1000,
    signMs: 300_000,
    rotateBytes: 64 * 2 ** 20,
    rotateMs: 30 * 86_400_000,
  },
  retention: { days: 180, dir: join(tmpdir(), `jutong-test-archive-${run}`) },
};

import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

// Settings are validated once, at start: defaults that work out of the box, and a typo fails loudly with the
// variable's name and what to do about it.

const PG = 'postgres://jutong@127.0.0.1:5432/jutong';

/** The ConfigError that loading throws (the test fails if it does not throw one). */
function failure(env: NodeJS.ProcessEnv, mode?: 'demo' | 'production' | 'tool'): ConfigError {
  try {
    loadConfig(env, mode);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}, ${mode}) did not throw`);
}

describe('loadConfig', () => {
  it('has defaults that work: demo mode on the embedded database, on loopback', () => {
    const c = loadConfig({}, 'demo');
    expect(c).toMatchObject({
      mode: 'demo',
      host: '127.0.0.1',
      port: 8080,
      auditHash: 'sha256',
      sessionHours: 12,
      loginMaxFailures: 5,
      lockMinutes: 15,
      logLevel: 'info',
    });
    expect(c.database.kind).toBe('pglite');
    const dir = c.database.kind === 'pglite' ? c.database.dataDir : '';
    expect(isAbsolute(dir)).toBe(true);
    expect(dir).toMatch(/[/\\]data$/);
    expect(c.demoPassword.length).toBeGreaterThanOrEqual(8);
  });

  it('reads every setting', () => {
    const c = loadConfig(
      {
        DATABASE_URL: PG,
        HOST: '0.0.0.0',
        PORT: '9000',
        JUTONG_AUDIT_HASH: 'sm3',
        JUTONG_SESSION_HOURS: '1.5',
        JUTONG_LOGIN_MAX_FAILURES: '3',
        JUTONG_LOCK_MINUTES: '30',
        JUTONG_LOG_LEVEL: 'warn',
        JUTONG_DEMO_PASSWORD: 'Another@2026',
        SOMETHING_ELSE: 'ignored',
      },
      'production',
    );
    expect(c).toMatchObject({
      mode: 'production',
      database: { kind: 'postgres', url: PG },
      host: '0.0.0.0',
      port: 9000,
      auditHash: 'sm3',
      sessionHours: 1.5,
      loginMaxFailures: 3,
      lockMinutes: 30,
      logLevel: 'warn',
      demoPassword: 'Another@2026',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db/x' }).database).toEqual({ kind: 'postgres', url: 'postgresql://u@db/x' });
  });

  it('uses the embedded database in tool mode when there is no DATABASE_URL, and PostgreSQL when there is', () => {
    expect(loadConfig({ JUTONG_DATA_DIR: '/tmp/jt-data' }, 'tool').database).toEqual({ kind: 'pglite', dataDir: '/tmp/jt-data' });
    expect(loadConfig({ DATABASE_URL: PG }, 'tool').database).toEqual({ kind: 'postgres', url: PG });
    expect(loadConfig({ DATABASE_URL: PG }, 'demo').database.kind).toBe('postgres');
  });

  it.each(['abc', '-1', '65536', '80.5', '8080abc', '99999999999'])('refuses PORT=%s, naming the variable', (port) => {
    expect(failure({ PORT: port }, 'demo').message).toContain('PORT');
  });

  it('reads the upstream allow-list, and refuses private addresses for any host', () => {
    expect(loadConfig({ JUTONG_FETCH_ALLOW_HOSTS: ' Api.Zibo.gov.cn, *.sd.gov.cn ,' }, 'tool').fetch).toEqual({
      allowHosts: ['api.zibo.gov.cn', '*.sd.gov.cn'],
      allowPrivate: false,
    });
    expect(loadConfig({ JUTONG_FETCH_ALLOW_HOSTS: '10.1.2.3', JUTONG_FETCH_ALLOW_PRIVATE: 'true' }, 'tool').fetch.allowPrivate).toBe(true);
    expect(() => loadConfig({ JUTONG_FETCH_ALLOW_HOSTS: '*', JUTONG_FETCH_ALLOW_PRIVATE: 'true' }, 'tool')).toThrow(/169\.254\.169\.254/);
  });

  it('accepts PORT=0 (any free port) and the edges of the range', () => {
    expect(loadConfig({ PORT: '0' }, 'demo').port).toBe(0);
    expect(loadConfig({ PORT: '65535' }, 'demo').port).toBe(65535);
  });

  it.each(['mysql://u@h/db', 'localhost:5432/jutong', 'jutong', ' postgres://u@h/db'])('refuses DATABASE_URL=%s, naming the variable', (url) => {
    const e = failure({ DATABASE_URL: url }, 'production');
    expect(e.message).toContain('DATABASE_URL');
    expect(e.message).toMatch(/postgres:\/\//);
  });

  it('does not echo a password from a bad DATABASE_URL or JUTONG_DEMO_PASSWORD', () => {
    expect(failure({ DATABASE_URL: 'mysql://root:s3cr3t-pw@db/x' }).message).not.toContain('s3cr3t-pw');
    const e = failure({ JUTONG_DEMO_PASSWORD: 'short1' }, 'demo');
    expect(e.message).toContain('JUTONG_DEMO_PASSWORD');
    expect(e.message).not.toContain('short1');
  });

  it.each(['md5', 'SHA256', 'sm4', 'sha-256'])('refuses JUTONG_AUDIT_HASH=%s, naming the variable', (alg) => {
    expect(failure({ JUTONG_AUDIT_HASH: alg }, 'demo').message).toContain('JUTONG_AUDIT_HASH');
  });

  it.each([
    ['JUTONG_SESSION_HOURS', '0'],
    ['JUTONG_SESSION_HOURS', '721'],
    ['JUTONG_SESSION_HOURS', 'forever'],
    ['JUTONG_LOGIN_MAX_FAILURES', '0'],
    ['JUTONG_LOGIN_MAX_FAILURES', '2.5'],
    ['JUTONG_LOCK_MINUTES', '-5'],
    ['JUTONG_LOG_LEVEL', 'verbose'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(failure({ [name]: value }, 'demo').message).toContain(name);
  });

  it('names every bad variable at once', () => {
    const m = failure({ PORT: 'http', JUTONG_AUDIT_HASH: 'md5', JUTONG_LOG_LEVEL: 'loud' }, 'demo').message;
    for (const name of ['PORT', 'JUTONG_AUDIT_HASH', 'JUTONG_LOG_LEVEL']) expect(m).toContain(name);
  });

  it('treats an empty variable as unset, so `PORT=` does not mean a random port', () => {
    const c = loadConfig({ PORT: '', HOST: '', JUTONG_AUDIT_HASH: '', JUTONG_DATA_DIR: '', JUTONG_LOG_LEVEL: '' }, 'demo');
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', auditHash: 'sha256', logLevel: 'info' });
    // …and an empty DATABASE_URL in production is a missing one, with its own advice.
    expect(failure({ DATABASE_URL: '' }, 'production').message).toMatch(/needs DATABASE_URL/);
  });

  describe('demo mode, which has well-known passwords, listens on loopback only', () => {
    it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'jutong.example.gov.cn', '::ffff:0.0.0.0'])('refuses HOST=%s and says what to do', (host) => {
      const e = failure({ HOST: host }, 'demo');
      expect(e.message).toContain(host);
      expect(e.message).toContain('HOST=127.0.0.1');
      expect(e.message).toMatch(/jutong serve/);
    });

    it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1'])('accepts HOST=%s', (host) => {
      expect(loadConfig({ HOST: host }, 'demo').host).toBe(host);
    });

    it('lets production and tool mode listen anywhere', () => {
      expect(loadConfig({ HOST: '0.0.0.0', DATABASE_URL: PG }, 'production').host).toBe('0.0.0.0');
      expect(loadConfig({ HOST: '0.0.0.0' }, 'tool').host).toBe('0.0.0.0');
    });
  });

  it('refuses production mode without DATABASE_URL, and says what to do', () => {
    const e = failure({}, 'production');
    expect(e.message).toContain('DATABASE_URL=postgres://');
    expect(e.message).toMatch(/demo mode: npm start/);
    // production is the default mode
    expect(failure({}).message).toContain('DATABASE_URL');
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoDepartments } from '../src/demo/departments.js';
import { backdate } from './backdate.js';
import { PG_ADMIN_URL } from './engines.js';
import { createTestDatabase, engines } from './platform.js';

const BIN = new URL('../bin/jutong.mjs', import.meta.url).pathname;

function jutong(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, JUTONG_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('the README command: npm start (serve --demo) on a fresh data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jutong-demo-'));
  let server: ChildProcess | null = null;
  afterAll(async () => {
    // The server writes its last checkpoint into the directory as it stops: remove it only once the process is gone.
    if (server && server.exitCode === null && server.signalCode === null) {
      const gone = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      const late = setTimeout(() => server?.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(late);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the demo city, answers health, prints the accounts, and refuses a second process on the same directory', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    server = spawn(process.execPath, [BIN, 'serve', '--demo'], {
      env: { ...process.env, JUTONG_DATA_DIR: dir, PORT: String(port), JUTONG_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout?.on('data', (d) => (out += d));
    server.stderr?.on('data', (d) => (out += d));
    let health: unknown = null;
    // Seeding takes ~15 s on a quiet machine, several times that under a loaded CI.
    const deadline = Date.now() + 120_000;
    while (!health && Date.now() < deadline && server.exitCode === null) {
      await new Promise((r) => setTimeout(r, 500));
      health = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.json(),
        () => null,
      );
    }
    expect(health).toMatchObject({ status: 'ok', db: 'pglite' });
    expect(out).toContain('gaj_admin');
    expect(out).toContain('Jutong@2026');
    const second = await jutong(['audit', 'verify'], { JUTONG_DATA_DIR: dir });
    expect(second.code).toBe(1);
    expect(second.out).toContain('in use by process');
  }, 180_000);

  it('refuses a non-loopback address in demo mode, naming the reason', async () => {
    const r = await jutong(['serve', '--demo'], { JUTONG_DATA_DIR: dir, HOST: '0.0.0.0' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('refuses to listen on 0.0.0.0');
  });
});

describe.runIf(engines().includes('postgres'))('the jutong command on PostgreSQL', () => {
  it('production serve needs DATABASE_URL; create-admin makes the first account on an empty database', async () => {
    const noDb = await jutong(['serve'], { DATABASE_URL: '' });
    expect(noDb.code).toBe(1);
    expect(noDb.out).toContain('DATABASE_URL');

    const db = await createTestDatabase('empty');
    try {
      // Its own data directory: the commands checkpoint this database's logs there, and another test's database would not match them.
      const env = { DATABASE_URL: db.url, JUTONG_DATA_DIR: mkdtempSync(join(tmpdir(), 'jutong-cli-')) };
      const missing = await jutong(['user', 'create-admin', '--username', 'root_admin', '--password', 'Secret123a'], env);
      expect(missing.code).toBe(1);
      expect(missing.out).toContain('--bureau-credit-code');
      const made = await jutong(
        [
          'user',
          'create-admin',
          '--username',
          'root_admin',
          '--password',
          'Secret123a',
          '--bureau-code',
          '370300001',
          '--bureau-credit-code',
          demoDepartments[0].creditCode,
        ],
        env,
      );
      expect(made.out).toContain('created administrator root_admin');
      expect(made.code).toBe(0);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(`SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM catalog_resources) AS resources`);
      await c.end();
      expect(rows[0]).toEqual({ users: 1, resources: 0 });
      expect((await jutong(['audit', 'verify'], env)).out).toMatch(/audit chain OK: \d+ rows/);
    } finally {
      await db.drop();
    }
  });

  it('imports a workbook with progress, and audit verify exits 1 naming a tampered row', async () => {
    const db = await createTestDatabase();
    try {
      // Its own data directory: the commands checkpoint this database's logs there, and another test's database would not match them.
      const env = { DATABASE_URL: db.url, JUTONG_DATA_DIR: mkdtempSync(join(tmpdir(), 'jutong-cli-')) };
      const exported = mkdtempSync(join(tmpdir(), 'jutong-x-'));
      const file = join(exported, 'catalog.xlsx');
      // The export of a search is a valid import file: round-trip it through the CLI.
      const { createPlatform } = await import('../src/app.js');
      const { openPostgres } = await import('../src/platform/db/postgres.js');
      const { exportResources } = await import('../src/modules/catalog/service.js');
      const { exportWorkbook } = await import('../src/modules/catalog/excel.js');
      const { systemPrincipal } = await import('../src/platform/auth/principal.js');
      const { testConfig } = await import('./config.js');
      const p = await createPlatform(testConfig, await openPostgres(db.url, 2), { background: false });
      const rows = await p.actions.run(exportResources, systemPrincipal(), { q: '企业' });
      (await import('node:fs')).writeFileSync(file, await exportWorkbook(rows));
      await p.close();

      const r = await jutong(['catalog', 'import', file, '--stage', 'submit', '--as', 'admin'], env);
      expect(r.out).toContain(`imported ${rows.length} entries (submit)`);
      expect(r.code).toBe(0);
      rmSync(exported, { recursive: true, force: true });

      expect((await jutong(['audit', 'verify'], env)).code).toBe(0);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await c.query(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 42`);
      await c.end();
      const bad = await jutong(['audit', 'verify'], env);
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('BROKEN at row 42');
    } finally {
      await db.drop();
    }
  });

  it('audit verify checks the logs against the checkpoints: a cut tail with its head rewound exits 1', async () => {
    const db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'jutong-cp-'));
    try {
      const env = { DATABASE_URL: db.url, JUTONG_CHECKPOINT_FILE: join(dir, 'cp.jsonl'), JUTONG_CHECKPOINT_KEY: join(dir, 'cp.key') };
      const { createPlatform } = await import('../src/app.js');
      const { openPostgres } = await import('../src/platform/db/postgres.js');
      const { auditLog, startCheckpointer } = await import('../src/platform/audit/checkpointer.js');
      const { sealedCallLog } = await import('../src/modules/sharing/call-log.js');
      const { testConfig } = await import('./config.js');
      const p = await createPlatform(testConfig, await openPostgres(db.url, 2), { background: false });
      const checkpoints = { ...testConfig.checkpoints, file: env.JUTONG_CHECKPOINT_FILE, keyFile: env.JUTONG_CHECKPOINT_KEY };
      await startCheckpointer(checkpoints, p.db, [auditLog, sealedCallLog('sha256')], (e) => {
        throw e;
      }).stop();
      await p.close();

      const ok = await jutong(['audit', 'verify'], env);
      expect(ok.out).toMatch(/audit chain OK: \d+ rows, against 1 checkpoints/);
      expect(ok.code).toBe(0);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await expect(c.query('TRUNCATE audit_log')).rejects.toThrow(/TRUNCATE is refused/);
      // An owner of the tables can switch the guards off, cut the newest rows and rewind the head: the chain still holds by itself.
      const [{ seq }] = (await c.query<{ seq: number }>('SELECT seq::int AS seq FROM audit_head')).rows;
      const { rows } = await c.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [seq - 2]);
      await c.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await c.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
      await c.query('DELETE FROM audit_log WHERE seq > $1', [seq - 2]);
      await c.query('UPDATE audit_head SET seq = $1, hash = $2', [seq - 2, rows[0].hash]);
      await c.end();
      const bad = await jutong(['audit', 'verify'], env);
      expect(bad.out).toContain(`BROKEN at row ${seq - 1}`);
      expect(bad.out).toContain('rows at the end were removed');
      expect(bad.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it('audit archive moves the rows older than the retention to signed files; verify --archive checks them and the chain still verifies', async () => {
    const db = await createTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'jutong-archive-'));
    try {
      const env = { DATABASE_URL: db.url, JUTONG_DATA_DIR: dir };
      const { openPostgres } = await import('../src/platform/db/postgres.js');
      const owner = await openPostgres(db.url, 1);
      const last = await backdate(owner, 200).finally(() => owner.close());
      const archived = await jutong(['audit', 'archive'], env);
      expect(archived.out).toContain(`audit: archived 1–${last.seq} (${last.seq} entries`);
      expect(archived.code).toBe(0);
      const files = readdirSync(join(dir, 'audit-archive')).map((f) => join(dir, 'audit-archive', f));
      const ok = await jutong(['audit', 'verify', '--archive', ...files], env);
      expect(ok.out).toMatch(new RegExp(`audit-1-${last.seq}\\.jsonl OK: audit 1–${last.seq}`));
      expect(ok.out).toMatch(new RegExp(`audit chain OK: \\d+ rows \\(archived up to ${last.seq}\\)`));
      expect(ok.code).toBe(0);
      const file = files.find((f) => basename(f).startsWith('audit-')) as string;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines[2] = lines[2].replace('"actor":"', '"actor":"x');
      writeFileSync(file, lines.join('\n'));
      const bad = await jutong(['audit', 'verify', '--archive', file], env);
      expect(bad.out).toMatch(/BROKEN at 2: .*the row was altered/);
      expect(bad.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  });

  it('migrate --grant-to gives the runtime role the server’s rights and none over the logs; the server runs as it', async () => {
    const db = await createTestDatabase('empty');
    const role = `jt_app_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    try {
      const data = mkdtempSync(join(tmpdir(), 'jutong-cli-'));
      const migrated = await jutong(['migrate', '--grant-to', role], { DATABASE_URL: db.url, JUTONG_DATA_DIR: data });
      expect(migrated.out).toContain(`granted ${role}`);
      expect(migrated.code).toBe(0);
      const asRole = db.url.replace(/\/\/[^@/]*@/, `//${role}@`);
      expect((await jutong(['audit', 'verify'], { DATABASE_URL: asRole, JUTONG_DATA_DIR: data })).code).toBe(0);
      expect((await jutong(['audit', 'archive'], { DATABASE_URL: asRole, JUTONG_DATA_DIR: data })).out).toMatch(/audit: nothing older than 180 days/);
      const c = new pg.Client({ connectionString: asRole });
      await c.connect();
      try {
        for (const sql of ['TRUNCATE audit_log', 'DELETE FROM share_calls', 'UPDATE share_call_seals SET hash = hash'])
          await expect(c.query(sql), sql).rejects.toThrow(/permission denied/);
        await expect(c.query('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
        await expect(c.query(`UPDATE log_bases SET seq = 1`)).rejects.toThrow(/permission denied/);
        // The archive function runs as the owner: the base's own checks answer, not a missing right.
        await expect(c.query(`SELECT archive_audit_log(1, 'sha256:x')`)).rejects.toThrow(/does not exist/);
        await expect(c.query('SELECT count(*) FROM audit_log')).resolves.toBeDefined();
      } finally {
        await c.end();
      }
    } finally {
      // The grants live in the dropped database; the role is the cluster's.
      await db.drop();
      await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
    }
  });
});

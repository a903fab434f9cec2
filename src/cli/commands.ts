import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Platform } from '../app.js';
import type { Config } from '../config.js';
import type { CheckpointFile } from '../platform/audit/checkpoints.js';
import type { Principal } from '../platform/auth/principal.js';

type Deps = {
  withPlatform: <T>(mode: Config['mode'], fn: (p: Platform) => Promise<T>, opts?: { background?: boolean }) => Promise<T>;
  system: Principal;
  readFile: (f: string) => Buffer;
};

// Each command loads the code it runs when it runs (see main.ts).
const identity = async () => ({ ...(await import('../platform/auth/store.js')), ...(await import('../platform/auth/service.js')) });
const seedDemo: typeof import('./seed.js').seedDemo = async (...a) => (await import('./seed.js')).seedDemo(...a);

export function createCommands(program: Command, { withPlatform, system, readFile }: Deps) {
  program
    .command('serve')
    .description('run the platform (production: DATABASE_URL=postgres://…; --demo: embedded database with the demo city)')
    .option('--demo', 'demo mode: embedded PGlite in ./data, demo data, loopback only')
    .action((o: { demo?: boolean }) =>
      withPlatform(
        o.demo ? 'demo' : 'production',
        async (p) => {
          if (o.demo) await ensureDemo(p);
          // A last resort, logged: every background loop catches its own failures (a database outage included),
          // and a rejection that one day slips past them must not end a server that is otherwise fine.
          process.on('unhandledRejection', (err) => p.http.log.error({ err }, 'unhandled rejection'));
          await p.http.listen({ host: p.config.host, port: p.config.port });
          console.log(`聚通 Jutong ${p.config.mode} on http://${p.config.host}:${p.config.port}  (API reference: /api/docs, database: ${p.db.kind})`);
          const stop = async () => {
            await p.close();
            process.exit(0);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        },
        { background: true },
      ),
    );

  program
    .command('migrate')
    .description("apply pending database migrations (as the tables' owner)")
    .option('--grant-to <role>', 'then grant the role the server runs as what it needs, and no right to change or remove log rows (PostgreSQL)')
    // Opening the platform applies pending migrations; this reports where the schema stands.
    .action((o: { grantTo?: string }) =>
      withPlatform('tool', async (p) => {
        const [{ n }] = await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        console.log(`database schema up to date: ${n} migrations applied`);
        if (o.grantTo) {
          const { grantRuntimeRole } = await import('../platform/db/runtime-role.js');
          await grantRuntimeRole(p.db, o.grantTo);
          console.log(`granted ${o.grantTo} the server's rights; it cannot update, delete or truncate the logs`);
        }
      }),
    );

  program
    .command('seed')
    .description('load the demo city into an empty database')
    .action(() => withPlatform('tool', async (p) => printAccounts(await seedDemo(p, p.config.demoPassword, console.log), p.config.demoPassword)));

  const user = program.command('user').description('manage users');
  user
    .command('create-admin')
    .description('create a bureau administrator (and the bureau itself, on a new installation)')
    .requiredOption('--username <name>')
    .option('--password <password>', 'or set JUTONG_ADMIN_PASSWORD')
    .option('--display-name <name>', 'shown in the console', '系统管理员')
    .option('--bureau-name <name>', 'the bureau, when none exists yet', '市大数据局')
    .option('--bureau-code <code>', "the bureau's provider code (提供方代码), when none exists yet")
    .option('--bureau-credit-code <code>', "the bureau's 统一社会信用代码, when none exists yet")
    .action((o: { username: string; password?: string; displayName: string; bureauName: string; bureauCode?: string; bureauCreditCode?: string }) =>
      withPlatform('tool', async (p) => {
        const { departments, createDepartment, createUser } = await identity();
        const password = o.password ?? process.env.JUTONG_ADMIN_PASSWORD;
        if (!password) throw new Error('Give --password or set JUTONG_ADMIN_PASSWORD');
        let bureau = await departments.bureau(p.db);
        if (!bureau) {
          if (!o.bureauCode || !o.bureauCreditCode) throw new Error('No bureau exists yet: give --bureau-code and --bureau-credit-code (and --bureau-name)');
          bureau = await p.actions.run(createDepartment, system, {
            name: o.bureauName,
            code: o.bureauCode,
            creditCode: o.bureauCreditCode,
            isBureau: true,
            parentId: null,
          });
          await p.events.drain();
          console.log(`created the bureau: ${bureau.name}`);
        }
        const u = await p.actions.run(createUser, system, {
          username: o.username,
          displayName: o.displayName,
          departmentId: bureau.id,
          roles: ['admin'],
          password,
        });
        console.log(`created administrator ${u.username} in ${bureau.name}`);
      }),
    );

  const catalog = program.command('catalog').description('the resource catalog');
  catalog
    .command('import <file>')
    .description('import a catalog workbook (.xlsx, the template from the console); all or nothing')
    .option('--stage <stage>', 'draft | submit | publish', 'draft')
    .option('--as <username>', 'act as this user (default: the CLI, with bureau rights)')
    .action((file: string, o: { stage: 'draft' | 'submit' | 'publish'; as?: string }) =>
      withPlatform('tool', async (p) => {
        const { prepareImport, importResources } = await import('../modules/catalog/import.js');
        const principal = o.as ? await asUser(p, o.as) : system;
        const bar = new cliProgress.SingleBar({ format: ' {phase} [{bar}] {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(0, 0, { phase: '校验 validating' });
        const rows = await prepareImport(p.db, principal, readFile(file), async (_ph, done, total) => {
          bar.setTotal(total);
          bar.update(done);
        }).finally(() => bar.stop());
        bar.start(rows.length, 0, { phase: '写入 writing  ' });
        const out = await p.actions.run(
          importResources,
          principal,
          { rows, stage: o.stage, fileName: basename(file) },
          { progress: (_ph, done) => bar.update(done) },
        );
        bar.update(rows.length);
        bar.stop();
        console.log(`imported ${out.count} entries (${o.stage}): ${out.codes[0]} … ${out.codes.at(-1)}`);
      }),
    );

  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('walk the hash chains against the checkpoints kept outside the database; exit 1 naming the first bad row')
    .option('--archive <files...>', 'also check archive files (jutong audit archive): their signature, every entry, and that they join up')
    .action((o: { archive?: string[] }) =>
      withPlatform('tool', async (p) => {
        const { verifyAuditChain } = await import('../platform/audit/verify.js');
        const { loadCheckpoints } = await import('../platform/audit/checkpoints.js');
        const file = await loadCheckpoints(p.config.checkpoints);
        const against = (n: number) => (n ? `, against ${n} checkpoints` : '');
        const from = (n: number) => (n ? ` (archived up to ${n})` : '');
        if (!file.lines.length && !file.bad.length)
          console.warn(`no checkpoints in ${p.config.checkpoints.file}: the logs are verified against themselves only (a cut tail would not show)`);
        if (o.archive?.length && !(await verifyArchives(p, o.archive, file))) process.exitCode = 1;
        const r = await verifyAuditChain(p.db, file);
        if (r.ok) console.log(`audit chain OK: ${r.checked} rows${from(r.archivedTo)}${against(r.checkpoints)}`);
        else {
          console.error(`audit chain BROKEN at row ${r.badSeq}: ${r.reason} (${r.checked} rows verified before it)`);
          process.exitCode = 1;
        }
        // The share API's call log is chained by sealed batches, not row by row.
        const { verifySeals } = await import('../modules/sharing/call-log.js');
        const s = await verifySeals(p.db, file);
        if (s.ok) console.log(`share call log OK: ${s.calls} calls in ${s.seals} sealed batches${from(s.archivedTo)}${against(s.checkpoints)}`);
        else {
          console.error(`share call log BROKEN at batch ${s.badBatch}: ${s.reason} (${s.seals} batches verified before it)`);
          process.exitCode = 1;
        }
      }),
    );
  audit
    .command('archive')
    .description('move rows older than JUTONG_AUDIT_RETENTION_DAYS (≥ 180) from both logs into signed files in the archive directory')
    .action(() =>
      withPlatform('tool', async (p) => {
        const { archiveLog } = await import('../platform/audit/archive.js');
        for (const log of await archivableLogs()) {
          const a = await archiveLog({ db: p.db, hash: p.config.auditHash, checkpoints: p.config.checkpoints, retention: p.config.retention }, log);
          if (a) console.log(`${a.log}: archived ${a.from.seq + 1}–${a.to.seq} (${a.count} entries, ${a.removed} rows removed) to ${a.file}`);
          else console.log(`${log.name}: nothing older than ${p.config.retention.days} days`);
        }
      }),
    );
}

async function archivableLogs() {
  const [{ auditArchive }, { callLogArchive }] = await Promise.all([import('../platform/audit/archive.js'), import('../modules/sharing/index.js')]);
  return [auditArchive, callLogArchive];
}

/** Checks each archive, then that the archives of one log join up, each starting where the one before ended. */
async function verifyArchives(p: Platform, files: string[], checkpoints: CheckpointFile): Promise<boolean> {
  const { verifyArchive } = await import('../platform/audit/archive.js');
  const { loadKeys } = await import('../platform/audit/signing-keys.js');
  const keys = loadKeys(p.config.checkpoints.keyFile, false);
  const logs = await archivableLogs();
  const database = await (await import('../platform/audit/verify.js')).databaseId(p.db);
  let ok = true;
  const good: Extract<Awaited<ReturnType<typeof verifyArchive>>, { ok: true }>[] = [];
  for (const f of files) {
    const r = await verifyArchive(f, keys, checkpoints, logs, database);
    if (r.ok) {
      console.log(`archive ${f} OK: ${r.log} ${r.from.seq + 1}–${r.to.seq} (${r.count} entries)`);
      good.push(r);
    } else {
      console.error(`archive ${f} BROKEN at ${r.seq}: ${r.reason}`);
      ok = false;
    }
  }
  good.sort((a, b) => (a.log === b.log ? a.from.seq - b.from.seq : a.log < b.log ? -1 : 1));
  for (const [i, a] of good.entries()) {
    const prev = good[i - 1];
    if (prev?.log === a.log && (prev.to.seq !== a.from.seq || prev.to.hash !== a.from.hash)) {
      console.error(`archives of ${a.log} do not join: one ends at ${prev.to.seq}, the next starts after ${a.from.seq}`);
      ok = false;
    }
  }
  return ok;
}

async function ensureDemo(p: Platform) {
  const { departments, users } = await identity();
  if (!(await departments.list(p.db)).length) {
    console.log('首次启动：正在生成演示城市数据 (seeding the demo city)…');
    printAccounts(await seedDemo(p, p.config.demoPassword, (s) => console.log(`  ${s}`)), p.config.demoPassword);
  } else {
    const list = await users.list(p.db, { page: 1, pageSize: 200 });
    printAccounts(
      list.items.map((u) => ({ username: u.username, role: u.roles[0], department: u.departmentName })),
      p.config.demoPassword,
    );
  }
}

function printAccounts(accounts: { username: string; role: string; department: string }[], password: string) {
  console.log(`\n演示账号 Demo accounts (password: ${password}):`);
  for (const a of accounts.slice(0, 8)) console.log(`  ${a.username.padEnd(14)} ${a.role.padEnd(11)} ${a.department}`);
  if (accounts.length > 8) console.log(`  … and ${accounts.length - 8} more department admins: <key>_admin (see README)`);
  console.log('');
}

async function asUser(p: Platform, username: string): Promise<Principal> {
  const { users } = await identity();
  const u = await users.byUsername(p.db, username);
  if (!u) throw new Error(`no user ${username}`);
  return { kind: 'user', userId: u.id, username: u.username, departmentId: u.department_id, roles: u.roles };
}

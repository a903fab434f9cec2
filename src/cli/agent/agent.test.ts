import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/platform.js';
import { openSql, type Sql } from './sql.js';
import type { AgentState, PushState } from './state.js';
import { type AgentRun, api, hasMysql, hasPostgres, runAgentProcess, type Scratch, type Served, scratch, servePlatform } from './test-support.js';

// The exchange agent end to end, as departments run it: a provider's agent pushes a table of its
// own database (with a change table filled by triggers) to a real `jutong serve`, a consumer's
// agent pulls its grant of that resource into a table of its own database. After every step the
// consumer's table is compared row by row with the provider's source, and the platform's runs
// are checked for exactly-once delivery: no batch published twice, the rows they read adding up
// to the rows changed. Steps kill the agent (at each crash point, and at a moment the platform is
// loading its batch) and the platform (mid-batch, and mid-pull), then start them again.

const available = { postgres: await hasPostgres(), mysql: await hasMysql() };

type Scenario = { name: string; source: 'mysql' | 'postgres'; target: 'mysql' | 'postgres'; platform: 'pglite' | 'postgres' };
const scenarios: Scenario[] = [
  { name: 'MariaDB → platform on PGlite → PostgreSQL', source: 'mysql', target: 'postgres', platform: 'pglite' },
  { name: 'PostgreSQL → platform on PostgreSQL → MariaDB', source: 'postgres', target: 'mysql', platform: 'postgres' },
];

const PASSWORD = 'Jutong@2026';

const entry = (name: string) => ({
  name,
  classification: '101',
  abstract: '前置机库表交换测试用的数据，包括编号、名称、数量、日期和备注。',
  format: 'database',
  formatType: 'MySQL',
  items: [
    { name: '编号', dataElement: null, type: 'integer', length: null },
    { name: '名称', dataElement: null, type: 'string', length: 50 },
    { name: '数量', dataElement: null, type: 'integer', length: null },
    { name: '日期', dataElement: null, type: 'date', length: null },
    { name: '备注', dataElement: null, type: 'string', length: 100 },
  ],
  shareType: 'conditional',
  shareCondition: '仅用于政务服务',
  shareChannel: 'platform',
  shareVia: 'table',
  openType: 'closed',
  updateCycle: 'daily',
});

const ddl = {
  mysql: [
    `CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR(50) NOT NULL, qty INT NOT NULL, born DATE NOT NULL, note VARCHAR(100) NULL)`,
    `CREATE TABLE people_changes (seq BIGINT AUTO_INCREMENT PRIMARY KEY, op CHAR(1) NOT NULL, id BIGINT NOT NULL)`,
    `CREATE TRIGGER people_ai AFTER INSERT ON people FOR EACH ROW INSERT INTO people_changes (op, id) VALUES ('I', NEW.id)`,
    `CREATE TRIGGER people_au AFTER UPDATE ON people FOR EACH ROW INSERT INTO people_changes (op, id) VALUES ('U', NEW.id)`,
    `CREATE TRIGGER people_ad AFTER DELETE ON people FOR EACH ROW INSERT INTO people_changes (op, id) VALUES ('D', OLD.id)`,
  ],
  postgres: [
    `CREATE TABLE people (id bigint PRIMARY KEY, name varchar(50) NOT NULL, qty int NOT NULL, born date NOT NULL, note varchar(100))`,
    `CREATE TABLE people_changes (seq bigserial PRIMARY KEY, op char(1) NOT NULL, id bigint NOT NULL)`,
    `CREATE FUNCTION people_log() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN INSERT INTO people_changes (op, id) VALUES ('D', OLD.id); RETURN OLD; END IF;
       INSERT INTO people_changes (op, id) VALUES (left(TG_OP, 1), NEW.id); RETURN NEW;
     END $$`,
    `CREATE TRIGGER people_log AFTER INSERT OR UPDATE OR DELETE ON people FOR EACH ROW EXECUTE FUNCTION people_log()`,
  ],
};

/** Values the platform keeps as they are: quotes and backslashes in names, nulls in notes, dates across decades. */
const person = (id: number, tag = '') => {
  const born = new Date(Date.UTC(1950, 0, 1) + (id % 20_000) * 86_400_000).toISOString().slice(0, 10);
  return [id, `张${tag}${id}'"\\号`, (id * 7) % 1000, born, id % 7 === 0 ? null : `备注${tag}${id}`] as const;
};

type Run = { id: string; status: string; filename: string | null; rowsRead: number; mode: string; error: string | null };

describe.each(scenarios)('the exchange agent: $name', (sc) => {
  const ready = available.postgres && available.mysql;
  let dir: string;
  let src: Scratch;
  let dst: Scratch;
  let srcSql: Sql;
  let dstSql: Sql;
  let platform: Served;
  let dropPlatformDb = async () => {};
  let providerToken: string;
  let adminToken: string;
  let mountId: string;
  let providerConfig: string;
  let consumerConfig: string;
  let providerState: string;
  /** Rows the platform's published runs should have read so far; null once a step makes that uncountable. */
  let expectedRead: number | null = 0;

  const writeConfigs = (o: { batchRows?: number; pageRows?: number; providerKey: string; consumerKey: string; code: string }) => {
    writeFileSync(
      providerConfig,
      JSON.stringify({
        platform: platform.url,
        intervalSeconds: 1,
        // The key from the environment, as a department would keep it out of the file.
        apiKey: ['$', '{AGENT_PROVIDER_KEY}'].join(''),
        state: 'state/provider.state.json',
        retrySeconds: 120,
        jobs: [
          {
            name: 'people',
            push: {
              resource: o.code,
              source: {
                kind: sc.source,
                url: src.url,
                table: 'people',
                key: ['id'],
                changeTable: { table: 'people_changes', seq: 'seq', op: 'op', key: ['id'] },
                columns: { 编号: 'id', 名称: 'name', 数量: 'qty', 日期: 'born', 备注: 'note' },
              },
              batchRows: o.batchRows ?? 500,
            },
          },
        ],
      }),
    );
    writeFileSync(
      consumerConfig,
      JSON.stringify({
        platform: platform.url,
        apiKey: o.consumerKey,
        state: 'state/consumer.state.json',
        intervalSeconds: 1,
        retrySeconds: 120,
        jobs: [
          { name: 'people-copy', pull: { resource: o.code, target: { kind: sc.target, url: dst.url, table: 'people_copy' }, pageRows: o.pageRows ?? 700 } },
        ],
      }),
    );
    process.env.AGENT_PROVIDER_KEY = o.providerKey;
  };
  let keys: { providerKey: string; consumerKey: string; code: string };

  const provider = (env: Record<string, string> = {}, onStart?: (c: ChildProcess) => void) => runAgentProcess(providerConfig, ['--once'], env, onStart);
  const consumer = (env: Record<string, string> = {}, onStart?: (c: ChildProcess) => void) => runAgentProcess(consumerConfig, ['--once'], env, onStart);
  const ok = (r: AgentRun) => expect({ code: r.code, signal: r.signal }, r.err).toEqual({ code: 0, signal: null });
  const killed = (r: AgentRun) => expect(r.signal, r.err).toBe('SIGKILL');
  const pushState = () => (JSON.parse(readFileSync(providerState, 'utf8')) as AgentState).jobs.people as PushState;

  const p = (s: Sql, n: number) => s.param(n);
  const insert = async (ids: number[], tag = '') => {
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500).map((id) => person(id, tag));
      const values = part.map((_, j) => `(${[1, 2, 3, 4, 5].map((k) => p(srcSql, j * 5 + k)).join(', ')})`).join(', ');
      await srcSql.query(`INSERT INTO people (id, name, qty, born, note) VALUES ${values}`, part.flat());
    }
  };
  const inList = (ids: number[]) => ids.map((_, i) => p(srcSql, i + 1)).join(', ');
  const update = (ids: number[], expr: string) => srcSql.query(`UPDATE people SET ${expr} WHERE id IN (${inList(ids)})`, ids);
  const remove = (ids: number[]) => srcSql.query(`DELETE FROM people WHERE id IN (${inList(ids)})`, ids);
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const count = async () => Number((await srcSql.query('SELECT count(*) AS c FROM people'))[0].c);

  const sourceRows = async () =>
    (await srcSql.query('SELECT id, name, qty, born, note FROM people ORDER BY id')).map((r) => [r.id, r.name, r.qty, r.born, r.note]);
  const copyRows = async () =>
    (await dstSql.query(`SELECT ${['编号', '名称', '数量', '日期', '备注'].map((c) => dstSql.col(c)).join(', ')} FROM people_copy`))
      .map((r) => [r.编号, r.名称, r.数量, r.日期, r.备注])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
  /** The consumer's table is the source, row by row. */
  const compare = async () => {
    const [a, b] = [await sourceRows(), await copyRows()];
    expect(b.length).toBe(a.length);
    for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) expect(b[i], `row ${i}`).toEqual(a[i]);
  };

  const runs = async (): Promise<Run[]> => {
    const all: Run[] = [];
    for (let page = 1; ; page++) {
      const r = await api<{ items: Run[]; total: number }>(platform.url, providerToken, 'GET', `/api/v1/mounts/${mountId}/runs?page=${page}&pageSize=100`);
      all.push(...r.items);
      if (all.length >= r.total || !r.items.length) return all;
    }
  };
  /** No batch published twice, none published that the agent does not count as sent, and (where countable) every changed row read once. */
  const exactlyOnce = async () => {
    const published = (await runs()).filter((r) => r.status === 'succeeded');
    const batches = published.map((r) => Number(/^agent-[0-9a-f]+-people-(\d+)-\d+\.jsonl$/.exec(r.filename ?? '')?.[1]));
    expect(batches.every((b) => Number.isInteger(b) && b > 0)).toBe(true);
    expect(new Set(batches).size).toBe(batches.length);
    const st = pushState();
    expect(st.pending).toBeNull();
    expect(Math.max(...batches)).toBeLessThanOrEqual(st.batch);
    expect(published.length).toBeLessThanOrEqual(st.batchesSent);
    if (expectedRead !== null) expect(published.reduce((s, r) => s + r.rowsRead, 0)).toBe(expectedRead);
    expect(st.rowsSent).toBe(published.reduce((s, r) => s + r.rowsRead, 0));
  };
  const waitFor = async (what: string, cond: () => Promise<boolean> | boolean, ms = 60_000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await cond()) return;
      await new Promise((r) => setTimeout(r, 15));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    if (!ready) return;
    dir = mkdtempSync(join(tmpdir(), 'jutong-agent-'));
    providerConfig = join(dir, 'provider.json');
    consumerConfig = join(dir, 'consumer.json');
    providerState = join(dir, 'state', 'provider.state.json');
    src = await scratch(sc.source);
    dst = await scratch(sc.target);
    srcSql = await openSql({ kind: sc.source, url: src.url });
    dstSql = await openSql({ kind: sc.target, url: dst.url });
    for (const s of ddl[sc.source]) await srcSql.query(s);
    if (sc.platform === 'postgres') {
      const db = await createTestDatabase();
      // Another run's setup drops idle jt_test_ databases: while the platform is killed, this connection keeps it in use.
      const hold = new pg.Client({ connectionString: db.url });
      await hold.connect();
      dropPlatformDb = async () => {
        await hold.end().catch(() => {});
        await db.drop();
      };
      platform = await servePlatform({ DATABASE_URL: db.url, JUTONG_FILES_DIR: join(dir, 'files'), JUTONG_DATA_DIR: join(dir, 'data') }, []);
    } else platform = await servePlatform({ JUTONG_DATA_DIR: join(dir, 'data') }, ['--demo']);
    const login = async (username: string) => (await api(platform.url, null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD })).token as string;
    providerToken = await login('gaj_user');
    const [admin, gajAdmin, consumerToken] = [await login('admin'), await login('gaj_admin'), await login('mzj_user')];
    adminToken = admin;
    const created = await api(platform.url, providerToken, 'POST', '/api/v1/catalog/resources', entry(`前置机测试${sc.source}`));
    await api(platform.url, providerToken, 'POST', `/api/v1/catalog/resources/${created.id}/submit`);
    await api(platform.url, admin, 'POST', `/api/v1/catalog/resources/${created.id}/review`, { decision: 'approve' });
    mountId = (await api(platform.url, providerToken, 'POST', `/api/v1/catalog/resources/${created.id}/mounts`, { kind: 'table', keyItems: ['编号'] })).id;
    const asked = await api(platform.url, consumerToken, 'POST', '/api/v1/sharing/requests', {
      resourceId: created.id,
      purpose: '同步到本部门数据库用于业务办理',
      legalBasis: '《政务信息资源共享管理暂行办法》',
      items: ['编号', '名称', '数量', '日期', '备注'],
      delivery: 'table',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    await api(platform.url, admin, 'POST', `/api/v1/sharing/requests/${asked.id}/check`, { decision: 'pass' });
    await api(platform.url, gajAdmin, 'POST', `/api/v1/sharing/requests/${asked.id}/review`, { decision: 'approve' });
    keys = {
      providerKey: (await api(platform.url, providerToken, 'POST', '/api/v1/auth/api-keys', { name: '前置机（推送）' })).key,
      consumerKey: (await api(platform.url, consumerToken, 'POST', '/api/v1/auth/api-keys', { name: '前置机（拉取）' })).key,
      code: created.code,
    };
    writeConfigs(keys);
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
    await srcSql?.close();
    await dstSql?.close();
    await src?.drop();
    await dst?.drop();
    await dropPlatformDb();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!ready)(
    'loads the whole table; a kill after a batch was published replays its answer instead of loading it again',
    async () => {
      await insert(range(1, 2000));
      killed(await provider({ JUTONG_AGENT_FAULT: 'after-send@2' }));
      expect(pushState()).toMatchObject({ batch: 2, batchesSent: 1, pending: { batch: 2 } });
      const again = await provider();
      ok(again);
      expect(again.err).toMatch(/批次 #2 upsert 500 行 → 运行 \w+ 成功.*（重发，平台返回了已发布的结果）/);
      expectedRead = 2000;
      await exactlyOnce();
      expect((await runs()).length).toBe(4);

      killed(await consumer({ JUTONG_AGENT_FAULT: 'after-apply@2' }));
      ok(await consumer());
      await compare();
      // Nothing new: both agents find nothing to do.
      const idle = await provider();
      ok(idle);
      expect(idle.err).not.toMatch(/批次 #/);
      ok(await consumer());
      await compare();
    },
    240_000,
  );

  it.skipIf(!ready)(
    'passes on updates, inserts and deletes in change order, through kills before and in the middle of a send',
    async () => {
      await update(range(1, 300), 'qty = qty + 1');
      await remove(range(301, 400));
      await insert(range(2001, 2200));
      await remove([5]);
      await insert([5], '又');
      await update([7], `name = 'gone soon'`);
      await remove([7]);
      const b = pushState().batch;
      killed(await provider({ JUTONG_AGENT_FAULT: `before-send@${b + 1}` }));
      killed(await provider({ JUTONG_AGENT_FAULT: `mid-send@${b + 2}` }));
      const rest = await provider();
      ok(rest);
      expect(rest.err).toMatch(/delete 100 行 → 运行 \w+ 成功，读取 100/);
      // Upserts read the rows as they are when sent: 1–300 updated (but 7, deleted since), 100 deleted, 200 inserted,
      // 5 deleted and inserted again, 7 updated (no row left to send) and deleted.
      expectedRead = (expectedRead as number) + 299 + 100 + 200 + (1 + 1) + (0 + 1);
      await exactlyOnce();
      expect((await runs()).filter((r) => r.mode === 'delete' && r.status === 'succeeded').length).toBe(3);

      killed(await consumer({ JUTONG_AGENT_FAULT: 'mid-apply@1' }));
      ok(await consumer());
      await compare();
      expect((await copyRows()).find((r) => r[0] === '5')?.[1]).toBe(`张又5'"\\号`);
    },
    240_000,
  );

  it.skipIf(!ready)(
    'survives a SIGKILL of the agent at a moment the platform is loading its batch',
    async () => {
      writeConfigs({ ...keys, batchRows: 3000 });
      const before = new Set((await runs()).map((r) => r.id));
      await update(range(1, 2200), 'qty = qty + 1000');
      await insert(range(2201, 8000));
      const changed = await count();
      let agent: ChildProcess | undefined;
      const first = provider({}, (c) => {
        agent = c;
      });
      await waitFor('a run of the agent’s batch', async () => (await runs()).some((r) => !before.has(r.id) && r.status === 'running'));
      agent?.kill('SIGKILL');
      killed(await first);
      ok(await provider());
      expectedRead = (expectedRead as number) + changed;
      await exactlyOnce();
      ok(await consumer());
      await compare();
    },
    300_000,
  );

  it.skipIf(!ready)(
    'survives a SIGKILL of the platform while it loads a batch, and while the consumer pulls',
    async () => {
      const before = new Set((await runs()).map((r) => r.id));
      await update(range(1, 8000), `note = CONCAT('改', id)`);
      // Every row updated once, then 500 of them deleted: their updates find no row, their deletes are sent.
      const changed = await count();
      await remove(range(7001, 7500));
      const pushing = provider();
      await waitFor('a run of the agent’s batch', async () => (await runs().catch(() => [])).some((r) => !before.has(r.id) && r.status === 'running'));
      await platform.kill();
      await new Promise((r) => setTimeout(r, 500));
      await platform.restart();
      const pushed = await pushing;
      ok(pushed);
      expect(pushed.err).toMatch(/无法连接平台|HTTP 5\d\d/);
      expectedRead = (expectedRead as number) + changed;
      await exactlyOnce();

      writeConfigs({ ...keys, batchRows: 3000, pageRows: 200 });
      const consumerState = join(dir, 'state', 'consumer.state.json');
      const pagesBefore = (JSON.parse(readFileSync(consumerState, 'utf8')) as AgentState).jobs['people-copy'];
      const pulling = consumer();
      await waitFor('the consumer to apply a few pages', () => {
        const st = (JSON.parse(readFileSync(consumerState, 'utf8')) as AgentState).jobs['people-copy'];
        return st.kind === 'pull' && pagesBefore.kind === 'pull' && st.pages >= pagesBefore.pages + 3;
      });
      await platform.kill();
      await new Promise((r) => setTimeout(r, 500));
      await platform.restart();
      const pulled = await pulling;
      ok(pulled);
      expect(pulled.err).toMatch(/无法连接平台/);
      await compare();
    },
    300_000,
  );

  it.skipIf(!ready)(
    'does not send a published batch again when its rows changed before the agent learnt it was published (409), and sends the change after',
    async () => {
      writeConfigs(keys);
      await update(range(10, 20), 'qty = qty + 1');
      const b = pushState().batch;
      killed(await provider({ JUTONG_AGENT_FAULT: `after-send@${b + 1}` }));
      await update([15], `name = 'changed after the send'`);
      const rest = await provider();
      ok(rest);
      expect(rest.err).toMatch(new RegExp(`批次 #${b + 1} upsert 11 行 → 运行 \\w+ 成功.*（来源数据已变，平台确认此批次先前已经发布`));
      expect(rest.err).toMatch(new RegExp(`批次 #${b + 2} upsert 1 行 → 运行 \\w+ 成功`));
      expectedRead = (expectedRead as number) + 11 + 1;
      await exactlyOnce();
      ok(await consumer());
      await compare();
    },
    240_000,
  );

  it.skipIf(!ready)(
    'stops a job at a batch the platform does not publish, skips nothing, and sends it again on --retry',
    async () => {
      await srcSql.query(
        sc.source === 'postgres' ? 'ALTER TABLE people ALTER COLUMN name TYPE varchar(200)' : 'ALTER TABLE people MODIFY name VARCHAR(200) NOT NULL',
      );
      await insert(range(9001, 9010));
      await update(range(9001, 9010), `name = '${'长'.repeat(60)}'`); // longer than the item's 50: every row rejected
      const b = pushState().batch;
      const refused = await provider();
      expect(refused.code, refused.err).toBe(1);
      expect(refused.err).toMatch(/未发布（rejected）/);
      expect(pushState()).toMatchObject({ stopped: { batch: b + 1, status: 'rejected' }, pending: { batch: b + 1 } });
      // Stopped stays stopped: nothing is sent past it.
      const still = await provider();
      expect(still.code).toBe(1);
      expect(still.err).toMatch(/--retry/);
      expect((await runs()).filter((r) => r.status === 'rejected').length).toBe(1);

      await update(range(9001, 9010), `name = 'fixed'`);
      const retried = await runAgentProcess(providerConfig, ['--once', '--retry', 'people']);
      ok(retried);
      expect(retried.err).toMatch(new RegExp(`批次 #${b + 1}（第 2 次尝试） upsert 10 行 → 运行 \\w+ 成功`));
      expectedRead = (expectedRead as number) + 10 + 10; // the batch again, then the fix's updates
      await exactlyOnce();
      ok(await consumer());
      await compare();
    },
    240_000,
  );

  it.skipIf(!ready)(
    'keeps polling without --once, and ends cleanly on SIGTERM',
    async () => {
      const agents: ChildProcess[] = [];
      const runningProvider = runAgentProcess(providerConfig, [], {}, (c) => agents.push(c));
      const runningConsumer = runAgentProcess(consumerConfig, [], {}, (c) => agents.push(c));
      await insert(range(9101, 9150));
      await remove([9001]);
      await waitFor('the copy to catch up', async () => (await copyRows()).length === (await sourceRows()).length, 120_000);
      await compare();
      for (const a of agents) a.kill('SIGTERM');
      for (const r of [await runningProvider, await runningConsumer]) ok(r);
      expectedRead = (expectedRead as number) + 50 + 1;
      await exactlyOnce();
    },
    240_000,
  );

  it.skipIf(!ready)(
    'sends a folder of files, each once, through a kill after a file was published',
    async () => {
      const created = await api(platform.url, providerToken, 'POST', '/api/v1/catalog/resources', entry(`前置机文件测试${sc.source}`));
      await api(platform.url, providerToken, 'POST', `/api/v1/catalog/resources/${created.id}/submit`);
      await api(platform.url, adminToken, 'POST', `/api/v1/catalog/resources/${created.id}/review`, { decision: 'approve' });
      const mount = await api(platform.url, providerToken, 'POST', `/api/v1/catalog/resources/${created.id}/mounts`, { kind: 'table', keyItems: ['编号'] });
      const folder = join(dir, 'outbox');
      mkdirSync(folder);
      writeFileSync(join(folder, '2026-01-01.csv'), '编号,名字,数量,日期,备注\n1,甲,1,2026-01-01,\n2,乙,2,2026-01-01,x\n3,丙,3,2026-01-01,y\n');
      writeFileSync(join(folder, '2026-01-02.csv'), '编号,名字,数量,日期,备注\n3,丙改,30,2026-01-02,y\n4,丁,4,2026-01-02,z\n');
      const config = join(dir, 'folder.json');
      writeFileSync(
        config,
        JSON.stringify({
          platform: platform.url,
          apiKey: keys.providerKey,
          state: 'state/folder.state.json',
          jobs: [{ name: 'outbox', push: { resource: created.code, source: { kind: 'csv-folder', path: 'outbox', columns: { 名称: '名字' } } } }],
        }),
      );
      killed(await runAgentProcess(config, ['--once'], { JUTONG_AGENT_FAULT: 'after-send@1' }));
      const rest = await runAgentProcess(config, ['--once']);
      ok(rest);
      expect(rest.err).toMatch(/批次 #1 upsert 2026-01-01\.csv → 运行 \w+ 成功，读取 3.*（重发/);
      expect(rest.err).toMatch(/批次 #2 upsert 2026-01-02\.csv → 运行 \w+ 成功，读取 2/);
      ok(await runAgentProcess(config, ['--once']));
      const fileRuns = (await api<{ items: Run[] }>(platform.url, providerToken, 'GET', `/api/v1/mounts/${mount.id}/runs`)).items;
      expect(fileRuns.map((r) => [r.filename, r.status])).toEqual([
        ['2026-01-02.csv', 'succeeded'],
        ['2026-01-01.csv', 'succeeded'],
      ]);
      expect(await api(platform.url, providerToken, 'GET', `/api/v1/mounts/${mount.id}`)).toMatchObject({ rowCount: 4, currentVersion: 2 });
    },
    240_000,
  );
});

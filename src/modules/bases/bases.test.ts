import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { DEMO_FEEDS } from '../../demo/bases.js';
import { demoDataElements } from '../../demo/data-elements.js';
import { type Principal, systemPrincipal } from '../../platform/auth/principal.js';
import { principalFromToken } from '../../platform/auth/service.js';
import { citizenIdCheckDigit } from '../../platform/validators/index.js';
import { ingest } from '../gathering/ingest.js';
import { allFields, BASES, type BaseName, baseNames } from './schema.js';
import { mergeFeed, showRecord } from './service.js';

// Two departments feed the population base: 公安 (户籍, priority 10) and 民政 (殡葬, priority 5).
// Data goes in the real way: published catalog entries, table mounts, CSV ingest runs; merges
// follow from the runs' publish events through the durable subscriber and the job queue.

const id = (body17: string) => body17 + citizenIdCheckDigit(body17);
const P1 = id('37030319800101001'); // in both sources, conflicting
const P2 = id('37030319810202002'); // 公安 only
const P3 = id('37030319820303003'); // 民政 only
const P4 = id('37030319900404004'); // the authority phase
const P5 = id('37030319910505005'); // the crash test

const entry = (name: string, items: { name: string; dataElement: string | null; type: string; length: number | null }[]) => ({
  name,
  classification: '101',
  abstract: `${name}：用于基础库合并测试的人口数据，包含姓名、公民身份号码和地址等信息项。`,
  format: 'database',
  formatType: 'KingbaseES',
  items,
  shareType: 'conditional',
  shareCondition: '仅用于人口基础库融合',
  shareChannel: 'platform',
  shareVia: 'table',
  openType: 'closed',
  updateCycle: 'daily',
  keywords: ['人口'],
});
const item = (name: string, dataElement: string | null, type = 'string', length: number | null = null) => ({ name, dataElement, type, length });

describe.each(engines())('base databases on %s', (engine) => {
  let p: TestPlatform;
  let gaj: Principal;
  let mzj: Principal;
  const mounts = { gaj: '', mzj: '' };
  const feeds = { gaj: 0, mzj: 0 };
  const system = systemPrincipal('test');

  async function publish(user: string, body: ReturnType<typeof entry>): Promise<string> {
    const created = await p.api(user, 'POST', '/api/v1/catalog/resources', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await p.api(user, 'POST', `/api/v1/catalog/resources/${created.body.id}/submit`);
    const approved = await p.api('admin', 'POST', `/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' });
    expect(approved.body.status).toBe('published');
    return created.body.id;
  }

  async function mount(user: string, resourceId: string): Promise<string> {
    const m = await p.api(user, 'POST', `/api/v1/catalog/resources/${resourceId}/mounts`, { kind: 'table' });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    return m.body.id;
  }

  /** One ingest run through gathering's ingest(), then whatever the publish set off (subscriber → merge job). */
  async function load(who: Principal, mountId: string, csv: string, mode: 'replace' | 'upsert' = 'replace') {
    const run = await ingest({ db: p.db, actions: p.actions, files: p.files, tmpDir: `${p.config.filesDir}/tmp` }, who, {
      mountId,
      mode,
      format: 'csv',
      encoding: 'utf-8',
      filename: 'test.csv',
      mapping: {},
      bytesTotal: null,
      body: Readable.from([Buffer.from(csv)]),
    });
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    await settle();
    return run;
  }

  async function settle() {
    await p.events.drain();
    await p.jobs.work();
    await p.events.drain();
  }

  /** The record as the system sees it: clear values. */
  const clear = (key: string) => p.actions.run(showRecord, system, { base: 'population', key });
  const auditCount = async (action: string, targetId?: string) =>
    (
      await p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR target_id = $2)', [
        action,
        targetId ?? null,
      ])
    )[0].n;
  const snapshot = () =>
    p.db.query('SELECT id_number, name, household_address, mobile, death_date::text, lineage, updated_at::text FROM base_population ORDER BY id_number');

  beforeAll(async () => {
    p = await testPlatform(engine);
    // The demo city's population base is fed by the demo mount; these tests count from an empty base with their own feeds.
    await p.db.exec(
      `DELETE FROM base_population; DELETE FROM base_feeds WHERE base = 'population'; UPDATE base_settings SET records = 0 WHERE base = 'population'`,
    );
    gaj = (await principalFromToken(p.db, await p.token('gaj_user'), null)) as Principal;
    mzj = (await principalFromToken(p.db, await p.token('mzj_user'), null)) as Principal;
    const gajEntry = await publish(
      'gaj_user',
      entry('基础库测试户籍人口信息', [
        item('姓名', 'DE00001'),
        item('公民身份号码', 'DE00004'),
        item('性别', 'DE00002'),
        item('户籍地址', 'DE00024'),
        item('手机号码', 'DE00007'),
      ]),
    );
    const mzjEntry = await publish(
      'mzj_user',
      entry('基础库测试殡葬火化信息', [
        item('逝者姓名', 'DE00001'),
        item('公民身份号码', 'DE00004'),
        item('户籍地址', 'DE00024'),
        item('死亡日期', 'DE00045', 'date'),
      ]),
    );
    mounts.gaj = await mount('gaj_user', gajEntry);
    mounts.mzj = await mount('mzj_user', mzjEntry);
  });
  afterAll(() => p?.close());

  it('keeps the tables and schema.ts in step, and masks like the data elements', async () => {
    for (const name of baseNames) {
      const b = BASES[name];
      const cols = await p.db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [b.table],
      );
      const sqlType = { text: 'text', date: 'date', numeric: 'numeric' } as const;
      expect(cols.map((c) => [c.column_name, c.data_type])).toEqual([
        ...allFields(b).map((f) => [f.name, sqlType[f.type]]),
        ['lineage', 'jsonb'],
        ['created_at', 'timestamp with time zone'],
        ['updated_at', 'timestamp with time zone'],
      ]);
      const [pk] = await p.db.query<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`,
        [b.table],
      );
      expect(pk.def).toBe(`PRIMARY KEY (${b.key.name})`);
      for (const f of allFields(b).filter((x) => x.element)) {
        const el = demoDataElements.find((e) => e.identifier === f.element);
        expect(el, `${name}.${f.name}: ${f.element}`).toBeDefined();
        expect(f.masking, `${name}.${f.name} masks like ${el?.name}`).toBe(el?.masking);
        expect(f.derivation, `${name}.${f.name} derives like ${el?.name}`).toEqual(el?.derivation);
      }
    }
    const list = await p.api('gaj_user', 'GET', '/api/v1/bases');
    expect(list.status).toBe(200);
    expect(list.body.map((b: { name: string }) => b.name)).toEqual([...baseNames]);
    expect(list.body[0].fields[0]).toMatchObject({ name: 'id_number', key: true, masking: 'citizen-id' });
  });

  it('lets only the bureau manage feeds and rules', async () => {
    const body = { mountId: mounts.gaj, fieldMap: { id_number: '公民身份号码', name: '姓名' } };
    for (const user of ['gaj_admin', 'gaj_user', 'auditor']) {
      expect((await p.api(user, 'POST', '/api/v1/bases/population/feeds', body)).status, user).toBe(403);
      expect((await p.api(user, 'PATCH', '/api/v1/bases/population', { rule: 'authority' })).status, user).toBe(403);
    }
    expect((await p.api(null, 'POST', '/api/v1/bases/population/feeds', body)).status).toBe(401);
    expect((await p.api('gaj_user', 'GET', '/api/v1/bases/population/feeds')).status).toBe(200);
  });

  it('checks a field map against the base and the mount', async () => {
    const post = (fieldMap: Record<string, string>) => p.api('admin', 'POST', '/api/v1/bases/population/feeds', { mountId: mounts.gaj, fieldMap });
    const noKey = await post({ name: '姓名' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toContain('主键');
    expect((await post({ id_number: '公民身份号码', name: '不存在的信息项' })).body.error.message).toContain('没有信息项');
    expect((await post({ id_number: '公民身份号码', nickname: '姓名' })).status).toBe(400);
    expect((await post({ id_number: '公民身份号码', death_date: '姓名' })).body.error.message).toContain('类型');
    // The key must come from an item whose data element validates ID numbers (so it is stored standardized).
    expect((await post({ id_number: '姓名', name: '姓名' })).body.error.message).toContain('数据元');
    expect(
      (await p.api('admin', 'POST', '/api/v1/bases/legal_entity/feeds', { mountId: mounts.gaj, fieldMap: { credit_code: '公民身份号码', name: '姓名' } }))
        .status,
    ).toBe(400);
  });

  it("merges two conflicting sources under 'newest', with lineage per field", async () => {
    expect((await p.api('admin', 'PATCH', '/api/v1/bases/population', { rule: 'newest' })).body.rule).toBe('newest');
    const a = await p.api('admin', 'POST', '/api/v1/bases/population/feeds', {
      mountId: mounts.gaj,
      priority: 10,
      fieldMap: { id_number: '公民身份号码', name: '姓名', sex: '性别', household_address: '户籍地址', mobile: '手机号码' },
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ departmentName: '淄博市公安局', priority: 10, enabled: true, mergedRun: 0, jobId: null });
    const b = await p.api('admin', 'POST', '/api/v1/bases/population/feeds', {
      mountId: mounts.mzj,
      priority: 5,
      fieldMap: { id_number: '公民身份号码', name: '逝者姓名', household_address: '户籍地址', death_date: '死亡日期' },
    });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    feeds.gaj = a.body.id;
    feeds.mzj = b.body.id;
    expect(
      (await p.api('admin', 'POST', '/api/v1/bases/population/feeds', { mountId: mounts.gaj, fieldMap: { id_number: '公民身份号码', name: '姓名' } })).status,
    ).toBe(409);

    const merges = await auditCount('bases.feed.merge');
    const runA = await load(
      gaj,
      mounts.gaj,
      `姓名,公民身份号码,性别,户籍地址,手机号码\n张三,${P1},1,山东省淄博市张店区共青团西路1号,13805331234\n李四,${P2},2,山东省淄博市淄川区般阳路2号,\n`,
    );
    const runB = await load(
      mzj,
      mounts.mzj,
      `逝者姓名,公民身份号码,户籍地址,死亡日期\n张叁,${P1},山东省淄博市临淄区齐都路3号,2024-05-06\n王五,${P3},,2023-01-02\n`,
    );
    expect(await auditCount('bases.feed.merge')).toBe(merges + 2); // one audit row per merge, not per record

    const r1 = await clear(P1);
    // 民政's run is the newer: its different name and address win; 公安's sex and mobile stay; the death date fills in.
    expect(field(r1, 'name')).toMatchObject({
      value: '张叁',
      source: { feedId: feeds.mzj, departmentName: '淄博市民政局', resourceName: '基础库测试殡葬火化信息' },
    });
    expect(field(r1, 'household_address').value).toBe('山东省淄博市临淄区齐都路3号');
    expect(field(r1, 'death_date')).toMatchObject({ value: '2024-05-06', source: { feedId: feeds.mzj, runId: runB.id, mountId: mounts.mzj } });
    expect(field(r1, 'sex')).toMatchObject({ value: '1', source: { feedId: feeds.gaj, departmentName: '淄博市公安局', runId: runA.id, priority: 10 } });
    expect(field(r1, 'mobile').source.feedId).toBe(feeds.gaj);
    expect(field(r1, 'id_number').source.feedId).toBe(feeds.gaj); // who created the record
    expect(field(r1, 'birth_date')).toMatchObject({ value: null, source: null }); // no feed maps it
    expect(Date.parse(field(r1, 'death_date').source.at)).toBeGreaterThan(Date.parse(field(r1, 'sex').source.at) - 1);
    // Only one source knows these people.
    expect(field(await clear(P2), 'name')).toMatchObject({ value: '李四', source: { feedId: feeds.gaj } });
    expect(field(await clear(P2), 'mobile')).toMatchObject({ value: null, source: null });
    const r3 = await clear(P3);
    expect(field(r3, 'household_address')).toMatchObject({ value: null, source: null });
    expect(field(r3, 'sex').value).toBeNull();

    const bases = await p.api('admin', 'GET', '/api/v1/bases');
    const pop = bases.body.find((x: { name: string }) => x.name === 'population');
    expect(pop.records).toBe(3);
    expect(pop.feeds.map((f: { id: number }) => f.id).sort()).toEqual([feeds.gaj, feeds.mzj].sort());
    expect(pop.lastMergeAt).toBeTruthy();
    const fa = pop.feeds.find((f: { id: number }) => f.id === feeds.gaj);
    expect(fa.lastMerge).toMatchObject({ considered: 2, inserted: 2, updated: 0 });
    const fb = pop.feeds.find((f: { id: number }) => f.id === feeds.mzj);
    expect(fb.lastMerge).toMatchObject({ considered: 2, inserted: 1, updated: 1, unchanged: 0 });
  });

  it('is idempotent: merging again, or from scratch, changes nothing', async () => {
    const before = await snapshot();
    const audits = await auditCount('bases.feed.merge');
    const again = await p.api('admin', 'POST', `/api/v1/bases/population/feeds/${feeds.mzj}/merge`, {});
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ considered: 0, inserted: 0, updated: 0, full: false });
    const full = await p.actions.run(mergeFeed, system, { base: 'population', id: feeds.gaj, full: true });
    expect(full).toMatchObject({ considered: 2, inserted: 0, updated: 0, unchanged: 2 });
    const remerge = await p.api('admin', 'POST', `/api/v1/bases/population/feeds/${feeds.mzj}/remerge`);
    expect(remerge.status).toBe(202);
    await settle();
    const job = await p.api('admin', 'GET', `/api/v1/jobs/${remerge.body.jobId}`);
    expect(job.body.status).toBe('succeeded');
    expect(job.body.result.merged[0]).toMatchObject({ considered: 2, inserted: 0, updated: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await auditCount('bases.feed.merge')).toBe(audits + 3);
    // A replayed publish event finds nothing new: the job skips the feed without an action or audit row.
    await p.db.query(`UPDATE event_cursors SET seq = seq - 50 WHERE consumer = 'bases.merge-on-publish'`);
    await settle();
    expect(await auditCount('bases.feed.merge')).toBe(audits + 3);
    expect(await snapshot()).toEqual(before);
  });

  it("resolves conflicts by priority under 'authority', and a priority change takes effect on re-merge", async () => {
    expect((await p.api('admin', 'PATCH', '/api/v1/bases/population', { rule: 'authority' })).body.rule).toBe('authority');
    await load(gaj, mounts.gaj, `姓名,公民身份号码,性别,户籍地址,手机号码\n赵六,${P4},1,山东省淄博市博山区人民路4号,13905330000\n`, 'upsert');
    await load(mzj, mounts.mzj, `逝者姓名,公民身份号码,户籍地址,死亡日期\n赵陆,${P4},山东省淄博市周村区大街5号,2025-01-01\n`, 'upsert');
    let r = await clear(P4);
    // 民政 (5) is newer but less authoritative than 公安 (10): it only fills what 公安 left empty.
    expect(field(r, 'name')).toMatchObject({ value: '赵六', source: { feedId: feeds.gaj } });
    expect(field(r, 'household_address').value).toBe('山东省淄博市博山区人民路4号');
    expect(field(r, 'death_date')).toMatchObject({ value: '2025-01-01', source: { feedId: feeds.mzj, priority: 5 } });
    // A source may correct its own value.
    await load(gaj, mounts.gaj, `姓名,公民身份号码,性别,户籍地址,手机号码\n赵陆,${P4},1,山东省淄博市博山区人民路4号,13905330000\n`, 'upsert');
    expect(field(await clear(P4), 'name').value).toBe('赵陆');
    await load(gaj, mounts.gaj, `姓名,公民身份号码,性别,户籍地址,手机号码\n赵六,${P4},1,山东省淄博市博山区人民路4号,13905330000\n`, 'upsert');

    // 民政 becomes the more authoritative: after a re-merge its values win where they differ.
    const patched = await p.api('admin', 'PATCH', `/api/v1/bases/population/feeds/${feeds.mzj}`, { priority: 20 });
    expect(patched.body.priority).toBe(20);
    const job = await p.api('admin', 'POST', `/api/v1/bases/population/feeds/${feeds.mzj}/remerge`);
    await settle();
    expect((await p.api('admin', 'GET', `/api/v1/jobs/${job.body.jobId}`)).body.status).toBe('succeeded');
    r = await clear(P4);
    expect(field(r, 'name')).toMatchObject({ value: '赵陆', source: { feedId: feeds.mzj, priority: 20 } });
    expect(field(r, 'household_address')).toMatchObject({ value: '山东省淄博市周村区大街5号', source: { feedId: feeds.mzj } });
    expect(field(r, 'mobile').source.feedId).toBe(feeds.gaj);
    // P1: 民政 already held the name; 公安 (now less authoritative) cannot take it back.
    await p.actions.run(mergeFeed, system, { base: 'population', id: feeds.gaj, full: true });
    expect(field(await clear(P1), 'name')).toMatchObject({ value: '张叁', source: { feedId: feeds.mzj } });
  });

  it('leaves the previous state when a merge fails midway', async () => {
    const before = await snapshot();
    const [{ merged_run: mergedBefore }] = await p.db.query<{ merged_run: number }>('SELECT merged_run FROM base_feeds WHERE id = $1', [feeds.gaj]);
    await p.db.exec(`CREATE FUNCTION bases_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id_number = '${P5}' THEN RAISE EXCEPTION 'disk full (test)'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER bases_test_fail BEFORE INSERT ON base_population FOR EACH ROW EXECUTE FUNCTION bases_test_fail();`);
    try {
      // Two rows in one run: P4's mobile would update, P5's insert fails — neither may stay.
      await load(
        gaj,
        mounts.gaj,
        `姓名,公民身份号码,性别,户籍地址,手机号码\n赵七,${P4},1,山东省淄博市博山区人民路4号,13905339999\n钱八,${P5},2,山东省淄博市桓台县少海路6号,13905338888\n`,
        'upsert',
      );
      expect(await snapshot()).toEqual(before);
      const [{ merged_run: mergedAfter }] = await p.db.query<{ merged_run: number }>('SELECT merged_run FROM base_feeds WHERE id = $1', [feeds.gaj]);
      expect(mergedAfter).toBe(mergedBefore);
      const [job] = await p.db.query<{ status: string; error: { message: string } }>(
        `SELECT status, error FROM jobs WHERE kind = 'bases.merge' ORDER BY created_at DESC LIMIT 1`,
      );
      expect(job.status).toBe('failed');
      expect(job.error.message).toContain('disk full');
    } finally {
      await p.db.exec('DROP TRIGGER bases_test_fail ON base_population; DROP FUNCTION bases_test_fail();');
    }
    // The rows are still pending: the next merge takes them.
    const next = await p.api('admin', 'POST', `/api/v1/bases/population/feeds/${feeds.gaj}/merge`, {});
    expect(next.body).toMatchObject({ considered: 2, inserted: 1, updated: 1 });
    expect(field(await clear(P5), 'name').value).toBe('钱八');
    // 公安 (10) still holds P4's mobile and may change it; the name stays with 民政 (20).
    const r4 = await clear(P4);
    expect(field(r4, 'mobile').value).toBe('13905339999');
    expect(field(r4, 'name').value).toBe('赵陆');
  });

  it('masks personal data in a lookup, and audits every lookup', async () => {
    const before = await auditCount('bases.record.show', P1);
    for (const user of ['gaj_user', 'admin']) {
      const r = await p.api(user, 'GET', `/api/v1/bases/population/records/${P1}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.key).toBe(`${P1.slice(0, 6)}********${P1.slice(-4)}`);
      expect(field(r.body, 'name')).toMatchObject({ value: '张*', masked: true, source: { departmentName: '淄博市民政局' } });
      expect(field(r.body, 'household_address')).toMatchObject({ value: '山东省淄博市临淄区****', masked: true });
      expect(field(r.body, 'mobile')).toMatchObject({ value: '138****1234', masked: true });
      // Readable off the ID number, so hidden while the ID is masked (masking over the record).
      expect(field(r.body, 'sex')).toMatchObject({ value: '***', masked: true });
      expect(JSON.stringify(r.body)).not.toContain('张叁');
      expect(JSON.stringify(r.body)).not.toContain(P1);
    }
    expect(await auditCount('bases.record.show', P1)).toBe(before + 2);
    const [row] = await p.db.query<{ actor: string; target_type: string; details: { found: boolean; masked: string[] } }>(
      `SELECT actor, target_type, details FROM audit_log WHERE action = 'bases.record.show' AND target_id = $1 ORDER BY seq DESC LIMIT 1`,
      [P1],
    );
    expect(row).toMatchObject({ actor: 'admin', target_type: 'base_population', details: { found: true } });
    expect(row.details.masked).toEqual(expect.arrayContaining(['id_number', 'name', 'mobile', 'household_address']));

    // Spaces around a key are not part of it.
    expect((await p.api('gaj_user', 'GET', `/api/v1/bases/population/records/%20${P1}%20`)).status).toBe(200);
    // A miss is a lookup too: audited, then 404.
    const unknown = id('37030319991231009');
    const miss = await p.api('gaj_user', 'GET', `/api/v1/bases/population/records/${unknown}`);
    expect(miss.status).toBe(404);
    expect(await auditCount('bases.record.show', unknown)).toBe(1);
    // A key failing its check: 400 with the reason, nothing audited.
    const bad = `${P1.slice(0, 17)}${P1.endsWith('0') ? '1' : '0'}`;
    const r400 = await p.api('gaj_user', 'GET', `/api/v1/bases/population/records/${bad}`);
    expect(r400.status).toBe(400);
    expect(r400.body.error.message).toContain('校验码');
    expect(await auditCount('bases.record.show', bad)).toBe(0);
    expect((await p.api('gaj_user', 'GET', '/api/v1/bases/legal_entity/records/91370300MA3C000000')).status).toBe(400);
    expect((await p.api('gaj_user', 'GET', '/api/v1/bases/nowhere/records/1')).status).toBe(400);
    expect((await p.api(null, 'GET', `/api/v1/bases/population/records/${P1}`)).status).toBe(401);
  });

  it('serves no data when the lookup cannot be audited', async () => {
    await p.db.exec(`CREATE FUNCTION bases_test_no_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'bases.record.show' THEN RAISE EXCEPTION 'audit store unavailable (test)'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER bases_test_no_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION bases_test_no_audit();`);
    try {
      const r = await p.api('gaj_user', 'GET', `/api/v1/bases/population/records/${P1}`);
      expect(r.status).toBe(500);
      expect(JSON.stringify(r.body)).not.toContain('张*');
      await expect(clear(P1)).rejects.toThrow(/audit store unavailable/);
    } finally {
      await p.db.exec('DROP TRIGGER bases_test_no_audit ON audit_log; DROP FUNCTION bases_test_no_audit();');
    }
  });

  it('lists records masked, refuses to filter on a masked field, and audits the page', async () => {
    const before = await auditCount('bases.record.list');
    const page = await p.api('gaj_user', 'GET', '/api/v1/bases/population/records?pageSize=2');
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.total).toBe(5);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0].key).toBe(`${P1.slice(0, 6)}********${P1.slice(-4)}`);
    expect(page.body.items[0].values.name).toBe('张*');
    expect(page.body.masked).toEqual(expect.arrayContaining(['id_number', 'name', 'mobile']));
    expect(page.body.items[0]).not.toHaveProperty('rawKey');
    const refused = await p.api('gaj_user', 'GET', `/api/v1/bases/population/records?prefix=${encodeURIComponent('张')}`);
    expect(refused.status).toBe(422);
    expect(await auditCount('bases.record.list')).toBe(before + 1);
    const [row] = await p.db.query<{ details: { keys: string[] } }>(
      `SELECT details FROM audit_log WHERE action = 'bases.record.list' ORDER BY seq DESC LIMIT 1`,
    );
    expect(row.details.keys).toEqual([P1, P2]);
    // The system (and, later, a grant) may search by name.
    const byName = await p.actions.run('bases.record.list', system, { base: 'population', prefix: '赵' });
    expect(byName).toMatchObject({ total: 1, items: [{ key: P4, values: { name: '赵陆' } }] });
    expect((await p.api('gaj_user', 'GET', '/api/v1/bases/population/records?page=600&pageSize=20')).status).toBe(400);
  });
});

// The demo city: the gathering seed mounts generated rows under the entries that feed the bases;
// the seed's seedBaseFeeds wires them in, and all three bases fill through the merge job.
describe.each(engines())('the demo feeds on %s', (engine) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await testPlatform(engine);
  });
  afterAll(() => p?.close());

  it('fills population, legal entity and licence bases from the seeded mounts', async () => {
    const mounted = await p.db.query<{ name: string }>(
      `SELECT v.name FROM mounts m JOIN catalog_resource_versions v ON v.resource_id = m.resource_id AND v.is_published WHERE m.kind = 'table' AND m.current_table IS NOT NULL`,
    );
    expect(mounted.map((m) => m.name)).toEqual(expect.arrayContaining(DEMO_FEEDS.map((d) => d.entry)));
    const bases = (await p.api('gaj_user', 'GET', '/api/v1/bases')).body as { name: string; records: number; feeds: { lastMerge: { inserted: number } }[] }[];
    for (const b of bases) {
      expect(b.records, b.name).toBeGreaterThan(100);
      expect(b.feeds).toHaveLength(1);
      expect(b.feeds[0].lastMerge.inserted).toBe(b.records);
      const [{ n }] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BASES[b.name as BaseName].table}`);
      expect(n).toBe(b.records);
    }
    // One record of each, as a department user sees it: masked where personal, with its source.
    const one = async (base: BaseName) => (await p.db.query<{ k: string }>(`SELECT ${BASES[base].key.name} AS k FROM ${BASES[base].table} LIMIT 1`))[0].k;
    const person = await p.api('gaj_user', 'GET', `/api/v1/bases/population/records/${await one('population')}`);
    expect(person.status).toBe(200);
    expect(field(person.body, 'name')).toMatchObject({ masked: true, source: { departmentName: '淄博市公安局', resourceName: '淄博市户籍人口基本信息' } });
    expect(field(person.body, 'name').value).toMatch(/\*/);
    const entity = await p.api('mzj_user', 'GET', `/api/v1/bases/legal_entity/records/${await one('legal_entity')}`);
    expect(entity.status).toBe(200);
    expect(field(entity.body, 'name')).toMatchObject({ masked: false, source: { departmentName: '淄博市市场监督管理局' } });
    expect(field(entity.body, 'legal_representative').masked).toBe(true);
    expect(field(entity.body, 'registered_capital').value).toMatch(/^\d+(\.\d+)?$/);
    const licence = await p.api('admin', 'GET', `/api/v1/bases/license/records/${encodeURIComponent(await one('license'))}`);
    expect(licence.status, JSON.stringify(licence.body)).toBe(200);
    expect(field(licence.body, 'holder_id').masked).toBe(true);
    // 单位名称 is not masked, so anyone may search legal entities by a prefix of it.
    const name = field(entity.body, 'name').value as string;
    const found = await p.api('mzj_user', 'GET', `/api/v1/bases/legal_entity/records?prefix=${encodeURIComponent(name.slice(0, 4))}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { values: { name: string } }) => i.values.name)).toContain(name);
  });

  it('refuses a department that neither feeds a base nor holds a grant on its entry, and audits the refused lookup', async () => {
    const key = (await p.db.query<{ k: string }>('SELECT id_number AS k FROM base_population ORDER BY id_number LIMIT 1'))[0].k;
    const list = await p.api('rsj_admin', 'GET', '/api/v1/bases/population/records');
    expect(list.status).toBe(403);
    expect(list.body.error.message).toContain('人口综合库融合信息');
    const lookup = await p.api('rsj_admin', 'GET', `/api/v1/bases/population/records/${key}`);
    expect(lookup.status).toBe(403);
    expect(JSON.stringify(lookup.body)).not.toContain(key.slice(6, 14));
    const [denied] = await p.db.query<{ actor: string; details: { denied: boolean } }>(
      `SELECT actor, details FROM audit_log WHERE action = 'bases.record.show' AND target_id = $1 ORDER BY seq DESC LIMIT 1`,
      [key],
    );
    expect(denied).toMatchObject({ actor: 'rsj_admin', details: { denied: true } });
    const [listed] = await p.db.query<{ actor: string }>(`SELECT actor FROM audit_log WHERE action = 'bases.record.list.denied' ORDER BY seq DESC LIMIT 1`);
    expect(listed).toEqual({ actor: 'rsj_admin' });
    // An auditor reads the audit log, not the data; the bureau and a feeding department read.
    expect((await p.api('auditor', 'GET', '/api/v1/bases/population/records')).status).toBe(403);
    expect((await p.api('admin', 'GET', '/api/v1/bases/population/records')).status).toBe(200);
    expect((await p.api('gaj_user', 'GET', '/api/v1/bases/population/records')).status).toBe(200);
  });

  it('serves a grant holder the granted fields only, unmasked as granted', async () => {
    const [{ resourceId }] = (await p.api('admin', 'GET', '/api/v1/bases')).body as { resourceId: string }[];
    const asked = await p.api('rsj_admin', 'POST', '/api/v1/sharing/requests', {
      resourceId,
      purpose: '社会保险参保人员身份核验',
      legalBasis: '《中华人民共和国社会保险法》',
      items: ['公民身份号码', '姓名', '性别', '出生日期'],
      delivery: 'api',
      useFrom: '2026-01-01',
      useTo: '2099-12-31',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await p.api('admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/check`, { decision: 'pass' })).status).toBe(200);
    const ok = await p.api('admin', 'POST', `/api/v1/sharing/requests/${asked.body.id}/review`, { decision: 'approve', unmasked: ['姓名'] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);

    const [row] = await p.db.query<{ k: string; name: string }>('SELECT id_number AS k, name FROM base_population ORDER BY id_number LIMIT 1');
    const page = await p.api('rsj_admin', 'GET', '/api/v1/bases/population/records?pageSize=5');
    expect(page.status).toBe(200);
    expect(Object.keys(page.body.items[0].values).sort()).toEqual(['birth_date', 'name', 'sex']);
    expect(page.body.items[0]).toMatchObject({ key: `${row.k.slice(0, 6)}********${row.k.slice(-4)}`, values: { name: row.name } });
    expect(page.body.items[0].values.birth_date).toMatch(/^\d{4}-\*\*-\*\*$/);
    expect(page.body.masked).toEqual(expect.arrayContaining(['id_number', 'birth_date', 'sex']));

    // The grant masks the ID number: a lookup by a raw one would tell who is in the base (and
    // answer the name granted in clear, an ID-to-name oracle the share API refuses). It is
    // refused, audited, and answers alike for a key that exists and one that does not.
    const missing = id('37030319991231008');
    for (const key of [row.k, missing]) {
      const r = await p.api('rsj_admin', 'GET', `/api/v1/bases/population/records/${key}`);
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error.details).toMatchObject({ reason: 'masked_key' });
      expect(JSON.stringify(r.body)).not.toContain(row.name);
      const [denied] = await p.db.query<{ actor: string; details: { denied: boolean } }>(
        `SELECT actor, details FROM audit_log WHERE action = 'bases.record.show' AND target_id = $1 ORDER BY seq DESC LIMIT 1`,
        [key],
      );
      expect(denied).toMatchObject({ actor: 'rsj_admin', details: { denied: true } });
    }
    // The name is granted in clear, so it may be searched.
    expect((await p.api('rsj_admin', 'GET', `/api/v1/bases/population/records?prefix=${encodeURIComponent(row.name.slice(0, 1))}`)).status).toBe(200);
  });
});

const field = (r: { fields: { field: string; value: string | null; masked: boolean; source: any }[] }, name: string) => r.fields.find((f) => f.field === name)!;

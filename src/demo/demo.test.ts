import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../test/platform.js';
import { creditCodeCheckChar, orgCodeCheckChar } from '../platform/validators/index.js';
import { demoCatalogEntries, departmentClassificationCode, departmentClassifications } from './catalog-entries.js';
import { isValidCreditCode, isValidOrgCode, makeCreditCode } from './credit-code-gen.js';
import { demoDataElements } from './data-elements.js';
import { demoDepartments } from './departments.js';
import { mulberry32 } from './prng.js';
import { DEMO_AWAITING_CHECK, DEMO_AWAITING_REVIEW, DEMO_CALLED_ENTRY, DEMO_GRANTED, type DemoRequest } from './sharing.js';
import { baseClassificationCodes, baseClassifications, demoThemes } from './themes.js';

type UsccVector = { value: string; expected_valid: boolean; check_digit_ok: boolean | null };
const vectors: UsccVector[] = JSON.parse(readFileSync('/work/shared/reference/id-vectors/gb32100_uscc_vectors.json', 'utf8')).vectors;

describe('credit-code-gen', () => {
  it('agrees with every GB 32100 vector whose check digit was recomputed', () => {
    const checked = vectors.filter((v) => v.check_digit_ok !== null && v.value.length === 18);
    expect(checked.length).toBeGreaterThan(200);
    for (const v of checked) expect(isValidCreditCode(v.value), v.value).toBe(v.check_digit_ok);
  });

  it('computes the GB 32100 check character of valid codes', () => {
    for (const v of vectors.filter((x) => x.check_digit_ok === true)) {
      expect(creditCodeCheckChar(v.value.slice(0, 17))).toBe(v.value[17]);
    }
  });

  it('computes the GB 11714 check character embedded in valid credit codes', () => {
    const valid = vectors.filter((v) => v.check_digit_ok === true);
    for (const v of valid) {
      expect(orgCodeCheckChar(v.value.slice(8, 16)), v.value).toBe(v.value[16]);
      expect(isValidOrgCode(v.value.slice(8, 17))).toBe(true);
    }
  });

  it('rejects malformed codes', () => {
    expect(isValidCreditCode('12345')).toBe(false);
    expect(isValidCreditCode('9111000060003IOZSV')).toBe(false);
    expect(isValidCreditCode('91110000600037341N')).toBe(false);
    expect(isValidOrgCode('79510131X')).toBe(false);
    expect(makeCreditCode('91', '110108', '79510131')).toBe('91110108795101314G');
  });
});

describe('prng', () => {
  it('is deterministic', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 5; i++) expect(a()).toBe(b());
  });
});

describe('demoDepartments', () => {
  it('has about 35 departments with unique keys, codes and credit codes', () => {
    expect(demoDepartments.length).toBeGreaterThanOrEqual(30);
    expect(demoDepartments.length).toBeLessThanOrEqual(45);
    for (const field of ['key', 'name', 'shortName', 'code', 'creditCode'] as const) {
      expect(new Set(demoDepartments.map((d) => d[field])).size, field).toBe(demoDepartments.length);
    }
  });

  it('uses valid keys, provider codes and government credit codes', () => {
    for (const d of demoDepartments) {
      expect(d.key).toMatch(/^[a-z]+$/);
      expect(d.code).toMatch(/^370300\d{3}$/);
      expect(d.creditCode).toMatch(/^1[123]370300/);
      expect(isValidCreditCode(d.creditCode), d.name).toBe(true);
      expect(isValidOrgCode(d.creditCode.slice(8, 17)), d.name).toBe(true);
      if (d.parentKey) expect(demoDepartments.some((p) => p.key === d.parentKey)).toBe(true);
    }
  });

  it('has the bureau and the named departments', () => {
    const bureaus = demoDepartments.filter((d) => d.isBureau);
    expect(bureaus.map((d) => d.key)).toEqual(['dsjj']);
    for (const key of ['gaj', 'mzj', 'rsj', 'scjgj', 'zrzyj', 'sthjj', 'wjw', 'zjj']) {
      expect(
        demoDepartments.some((d) => d.key === key),
        key,
      ).toBe(true);
    }
    expect(demoDepartments.find((d) => d.name.includes('不动产登记中心'))?.parentKey).toBe('zrzyj');
  });
});

describe('classifications', () => {
  it('has theme codes 2xx', () => {
    expect(demoThemes.length).toBeGreaterThanOrEqual(15);
    expect(new Set(demoThemes.map((t) => t.code)).size).toBe(demoThemes.length);
    for (const t of demoThemes) expect(t.code).toMatch(/^2\d\d$/);
  });

  it('has base 项 and 目 nested under their parents', () => {
    const root = baseClassifications[0];
    expect(root.code).toBe('1');
    expect(root.children?.map((c) => c.code)).toEqual(['101', '102', '103', '104', '105']);
    for (const item of root.children ?? []) {
      expect(item.children?.length).toBeGreaterThan(0);
      for (const sub of item.children ?? []) expect(sub.code).toMatch(new RegExp(`^${item.code}\\d{3}$`));
    }
    const codes = baseClassificationCodes();
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every department a 3xx node', () => {
    expect(departmentClassificationCode(1)).toBe('301');
    expect(departmentClassificationCode(37)).toBe('337');
    expect(() => departmentClassificationCode(0)).toThrow();
    expect(departmentClassifications()[0].children).toHaveLength(demoDepartments.length);
  });
});

describe('demoDataElements', () => {
  it('has about 60 elements with unique identifiers and names', () => {
    expect(demoDataElements.length).toBeGreaterThanOrEqual(60);
    expect(new Set(demoDataElements.map((e) => e.identifier)).size).toBe(demoDataElements.length);
    expect(new Set(demoDataElements.map((e) => e.name)).size).toBe(demoDataElements.length);
    for (const e of demoDataElements) {
      expect(e.identifier).toMatch(/^DE\d{5}$/);
      expect(e.definition.length).toBeGreaterThan(4);
      if (e.valueDomain.kind === 'enum') {
        const codes = e.valueDomain.values.map((v) => v.code);
        expect(new Set(codes).size, e.name).toBe(codes.length);
      }
      const domain = e.valueDomain;
      if (domain.kind === 'pattern') expect(() => new RegExp(domain.pattern, 'u'), e.name).not.toThrow();
    }
  });

  it('masks and validates the personal elements', () => {
    const byName = (n: string) => demoDataElements.find((e) => e.name === n);
    expect(byName('公民身份号码')).toMatchObject({ length: 18, masking: 'citizen-id', valueDomain: { kind: 'validator', name: 'citizen-id' } });
    expect(byName('姓名')?.masking).toBe('name');
    expect(byName('手机号码')?.masking).toBe('mobile');
    expect(byName('住址')?.masking).toBe('address');
    expect(byName('银行卡号')?.masking).toBe('bank-card');
    expect(byName('统一社会信用代码')?.valueDomain).toEqual({ kind: 'validator', name: 'credit-code' });
    const gender = byName('性别')?.valueDomain;
    expect(gender?.kind === 'enum' && gender.values.map((v) => v.code)).toEqual(['0', '1', '2', '9']);
    const ethnic = byName('民族')?.valueDomain;
    expect(ethnic?.kind === 'enum' && ethnic.values.length).toBeGreaterThanOrEqual(10);
  });
});

describe('demoCatalogEntries', () => {
  const entries = demoCatalogEntries();
  const deptKeys = new Set(demoDepartments.map((d) => d.key));
  const elementIds = new Map(demoDataElements.map((e) => [e.identifier, e]));
  const themeCodes = new Set(demoThemes.map((t) => t.code));
  const baseCodes = new Set(baseClassificationCodes());
  const share = (t: string) => entries.filter((e) => e.shareType === t).length / entries.length;

  it('is deterministic', () => {
    expect(demoCatalogEntries()).toEqual(entries);
  });

  it('has about 300 entries, at least 3 per department', () => {
    expect(entries.length).toBeGreaterThanOrEqual(250);
    expect(entries.length).toBeLessThanOrEqual(350);
    for (const d of demoDepartments) {
      expect(entries.filter((e) => e.providerKey === d.key).length, d.key).toBeGreaterThanOrEqual(3);
    }
  });

  it('references existing providers, with names unique per provider', () => {
    const seen = new Set<string>();
    for (const e of entries) {
      expect(deptKeys.has(e.providerKey), e.providerKey).toBe(true);
      const key = `${e.providerKey}/${e.name}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('uses valid classifications; department nodes only for the provider itself', () => {
    for (const e of entries) {
      const c = e.classification;
      if (c.startsWith('1')) expect(baseCodes.has(c), `${e.name} ${c}`).toBe(true);
      else if (c.startsWith('2')) expect(themeCodes.has(c), `${e.name} ${c}`).toBe(true);
      else {
        const index = demoDepartments.findIndex((d) => d.key === e.providerKey) + 1;
        expect(c, e.name).toBe(departmentClassificationCode(index));
      }
    }
  });

  it('uses every theme and every base 项', () => {
    for (const t of demoThemes)
      expect(
        entries.some((e) => e.classification === t.code),
        t.name,
      ).toBe(true);
    for (const item of ['101', '102', '103', '104', '105']) {
      expect(
        entries.some((e) => e.classification.startsWith(item)),
        item,
      ).toBe(true);
    }
  });

  it('pairs base resources with plausible providers', () => {
    const providersOf = (prefix: string) => entries.filter((e) => e.classification.startsWith(prefix)).map((e) => e.providerKey);
    const population = providersOf('101');
    const core = population.filter((k) => ['gaj', 'mzj', 'wjw'].includes(k)).length;
    expect(core / population.length).toBeGreaterThanOrEqual(0.5);
    const populationAllowed = ['gaj', 'mzj', 'wjw', 'rsj', 'ybj', 'cl', 'tyjrj', 'sfj', 'jyj', 'dsjj', 'dag'];
    for (const k of population) expect(populationAllowed, k).toContain(k);

    const registration = [...providersOf('102001'), ...providersOf('102002')];
    for (const k of registration) expect(['scjgj', 'xzspj', 'mzj', 'shuiwj', 'dsjj'], k).toContain(k);
    expect(registration).toContain('scjgj');
    expect(registration).toContain('xzspj');

    const geo = providersOf('103');
    for (const k of geo) expect(['zrzyj', 'bdcdjzx', 'mzj', 'nyncj', 'zjj', 'cgj', 'slj'], k).toContain(k);
    expect(geo.filter((k) => k === 'zrzyj' || k === 'bdcdjzx').length / geo.length).toBeGreaterThan(0.5);

    const credit = providersOf('104');
    expect(credit).toContain('fgw');
    expect(credit).toContain('scjgj');
  });

  it('has well-formed items', () => {
    const used = new Set<string>();
    for (const e of entries) {
      expect(e.items.length, e.name).toBeGreaterThanOrEqual(3);
      expect(e.items.length, e.name).toBeLessThanOrEqual(12);
      expect(new Set(e.items.map((i) => i.name)).size, e.name).toBe(e.items.length);
      for (const item of e.items) {
        if (item.dataElement === null) continue;
        const el = elementIds.get(item.dataElement);
        expect(el, `${e.name}/${item.name}`).toBeDefined();
        expect(item.type).toBe(el?.dataType);
        expect(item.length).toBe(el?.length);
        used.add(item.dataElement);
      }
    }
    expect(used.size).toBeGreaterThanOrEqual(40);
  });

  it('never opens resources carrying 公民身份号码 unconditionally', () => {
    for (const e of entries) {
      if (e.items.some((i) => i.dataElement === 'DE00004')) {
        expect(e.openType, e.name).not.toBe('open');
        expect(e.shareType, e.name).not.toBe('unconditional');
      }
    }
  });

  it('fills share and open conditions exactly when required', () => {
    for (const e of entries) {
      expect(e.shareType === 'conditional', e.name).toBe(typeof e.shareCondition === 'string' && e.shareCondition.length > 0);
      expect(e.shareType === 'none', e.name).toBe(typeof e.shareBasis === 'string' && e.shareBasis.length > 0);
      expect(e.openType === 'conditional', e.name).toBe(typeof e.openCondition === 'string' && e.openCondition.length > 0);
      expect(e.shareChannel === 'platform', e.name).toBe(e.shareVia !== null);
      if (e.shareType === 'none') expect(e.openType, e.name).toBe('closed');
    }
  });

  it('mixes share and open types roughly as a real catalog does', () => {
    expect(share('unconditional')).toBeGreaterThan(0.45);
    expect(share('unconditional')).toBeLessThan(0.65);
    expect(share('conditional')).toBeGreaterThan(0.25);
    expect(share('conditional')).toBeLessThan(0.45);
    expect(share('none')).toBeGreaterThan(0.05);
    expect(share('none')).toBeLessThan(0.15);
    for (const t of ['open', 'conditional', 'closed'])
      expect(
        entries.some((e) => e.openType === t),
        t,
      ).toBe(true);
    for (const c of ['platform', 'mail', 'media'])
      expect(
        entries.some((e) => e.shareChannel === c),
        c,
      ).toBe(true);
  });

  it('has believable metadata', () => {
    for (const e of entries) {
      expect(e.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.publishedAt >= '2019-01-01' && e.publishedAt <= '2026-10-31', e.publishedAt).toBe(true);
      expect(new Date(`${e.publishedAt}T00:00:00Z`).toISOString().slice(0, 10)).toBe(e.publishedAt);
      expect(e.keywords.length, e.name).toBeGreaterThanOrEqual(2);
      expect(e.keywords.length, e.name).toBeLessThanOrEqual(5);
      expect(e.abstract.length, e.name).toBeGreaterThanOrEqual(10);
      expect(e.abstract, e.name).toMatch(/。$/);
      expect(e.contact).toMatch(/^市.+ 0533-[23]\d{6}$/);
      expect(e.owner.length).toBeGreaterThan(0);
      expect(e.relatedCodes).toEqual([]);
      expect(e.formatType.length).toBeGreaterThan(0);
    }
  });
});

// The seeded demo city's sharing, as each user meets it in the console (through the HTTP API).
describe.each(engines())('the seeded demo’s sharing on %s', (engine) => {
  let p: TestPlatform;
  const ids: Record<string, string> = {};
  type Listed = { items: Record<string, any>[]; total: number };
  const get = async (user: string, url: string) => {
    const res = await p.api(user, 'GET', url);
    expect(res.status, `${user} ${url}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    p = await testPlatform(engine);
    for (const name of [DEMO_GRANTED.entry, DEMO_AWAITING_REVIEW.entry, DEMO_AWAITING_CHECK.entry, DEMO_CALLED_ENTRY]) {
      const found: Listed = await get('admin', `/api/v1/catalog/resources?scope=all&q=${encodeURIComponent(name)}&pageSize=50`);
      ids[name] = found.items.find((r) => r.name === name)?.id;
      expect(ids[name], name).toBeTruthy();
    }
  });
  afterAll(() => p?.close());

  it('has 民政局’s request for 公安局’s population register checked, approved and granted', async () => {
    const mine: Listed = await get('mzj_user', '/api/v1/sharing/requests');
    expect(mine.total).toBe(1);
    const [r] = mine.items;
    expect(r).toMatchObject({
      resourceId: ids[DEMO_GRANTED.entry],
      consumerDepartmentName: '淄博市民政局',
      providerDepartmentName: '淄博市公安局',
      requester: '民政局数据专员',
      purpose: DEMO_GRANTED.purpose,
      legalBasis: DEMO_GRANTED.legalBasis,
      items: DEMO_GRANTED.items,
      delivery: 'table',
      status: 'approved',
    });
    expect(r.useFrom <= r.useTo).toBe(true);
    expect(r.checkedAt && r.decidedAt).toBeTruthy();
    // The entry offers 库表 (table) delivery, so the grant delivers by table, with the items asked for.
    const entry = await get('mzj_user', `/api/v1/catalog/resources/${ids[DEMO_GRANTED.entry]}`);
    expect([entry.shareType, entry.shareVia]).toEqual(['conditional', 'table']);
    const grant = await get('mzj_user', `/api/v1/sharing/grants/${r.grantId}`);
    expect(grant).toMatchObject({
      requestId: r.id,
      origin: 'request',
      state: 'active',
      delivery: ['table'],
      items: DEMO_GRANTED.items,
      purpose: DEMO_GRANTED.purpose,
    });
    expect(grant.expiresAt.slice(0, 10) >= r.useTo.slice(0, 10)).toBe(true);
    // The provider sees it among the grants it has given; the bureau and auditors among all.
    for (const [user, side] of [
      ['gaj_admin', 'provider'],
      ['admin', 'all'],
      ['auditor', 'all'],
    ]) {
      const given: Listed = await get(user, `/api/v1/sharing/grants?side=${side}&resourceId=${ids[DEMO_GRANTED.entry]}`);
      expect(
        given.items.map((g) => g.id),
        user,
      ).toEqual([r.grantId]);
    }
    // Each step was its own user’s action, in the audit log.
    const steps = await p.db.query<{ action: string; actor: string }>(
      `SELECT action, actor FROM audit_log WHERE target_type = 'share_request' AND target_id = $1 ORDER BY seq`,
      [r.id],
    );
    expect(steps.map((s) => [s.action, s.actor])).toEqual([
      ['sharing.request.create', 'mzj_user'],
      ['sharing.request.check', 'admin'],
      ['sharing.request.review', 'gaj_admin'],
    ]);
  });

  it('has one request in the bureau’s check box and one in 公安局’s review box', async () => {
    /** The one request in a user's box: the demo's, as filed, waiting where it should. */
    const onlyIn = async (user: string, box: string, r: DemoRequest, parties: [consumer: string, provider: string], status: string) => {
      const listed: Listed = await get(user, `/api/v1/sharing/requests?box=${box}`);
      expect(listed.total, `${user} ${box}`).toBe(1);
      const [consumerDepartmentName, providerDepartmentName] = parties;
      const { purpose, legalBasis, items } = r;
      expect(listed.items[0]).toMatchObject({
        resourceId: ids[r.entry],
        consumerDepartmentName,
        providerDepartmentName,
        purpose,
        legalBasis,
        items,
        status,
        overdue: false,
      });
      return listed.items[0];
    };
    const check = await onlyIn('admin', 'check', DEMO_AWAITING_CHECK, ['淄博市住房公积金管理中心', '淄博市民政局'], 'submitted');
    const review = await onlyIn('gaj_admin', 'review', DEMO_AWAITING_REVIEW, ['淄博市医疗保障局', '淄博市公安局'], 'checked');
    expect(review.reviewDue).toBeTruthy();
    // The requesting departments see them in their own box; 民政局 has nothing to review until the bureau passes it.
    expect((await get('gjjzx_admin', '/api/v1/sharing/requests')).items.map((x: { id: string }) => x.id)).toEqual([check.id]);
    expect((await get('ybj_admin', '/api/v1/sharing/requests')).items.map((x: { id: string }) => x.id)).toEqual([review.id]);
    expect((await get('mzj_admin', '/api/v1/sharing/requests?box=review')).total).toBe(0);
    expect((await get('auditor', '/api/v1/sharing/requests?box=all')).total).toBe(3);
  });

  it('has calls through the share API in the call log and the usage chart', async () => {
    const resourceId = ids[DEMO_CALLED_ENTRY];
    // 民政局 read pages and looked records up; the first call made its grant (无条件共享).
    const mzj: Listed = await get('mzj_admin', '/api/v1/sharing/calls?pageSize=100');
    expect(mzj.total).toBe(16);
    const channels = mzj.items.map((c) => c.channel);
    expect([channels.filter((c) => c === 'api').length, channels.filter((c) => c === 'lookup').length]).toEqual([12, 4]);
    expect(mzj.items.every((c) => c.resourceId === resourceId && c.actor === 'mzj_user' && c.rows > 0)).toBe(true);
    const held: Listed = await get('mzj_user', `/api/v1/sharing/grants?resourceId=${resourceId}`);
    expect(held.items).toMatchObject([{ origin: 'unconditional', state: 'active', delivery: ['api'], providerDepartmentName: '淄博市市场监督管理局' }]);
    expect(new Set(mzj.items.map((c) => c.grantId))).toEqual(new Set([held.items[0].id]));

    // The provider sees both consumers’ calls; the bureau all of them; 公安局 none on its side.
    expect((await get('scjgj_admin', '/api/v1/sharing/calls?side=provider')).total).toBe(19);
    expect((await get('admin', '/api/v1/sharing/calls?side=all')).total).toBe(19);
    expect((await get('shuiwj_admin', '/api/v1/sharing/calls')).total).toBe(3);
    expect((await get('gaj_admin', '/api/v1/sharing/calls?side=provider')).total).toBe(0);

    const usage = await get('scjgj_admin', `/api/v1/sharing/usage?resourceId=${resourceId}`);
    expect(usage.scope).toBe('all');
    expect(usage.totals).toMatchObject({ calls: 19, consumers: 2 });
    expect(usage.byConsumer.map((c: { departmentName: string; calls: number }) => [c.departmentName, c.calls])).toEqual([
      ['淄博市民政局', 16],
      ['国家税务总局淄博市税务局', 3],
    ]);
    expect(usage.byDay.reduce((n: number, d: { calls: number }) => n + d.calls, 0)).toBe(19);
    const own = await get('mzj_user', `/api/v1/sharing/usage?resourceId=${resourceId}`);
    expect(own).toMatchObject({ scope: 'own', totals: { calls: 16, consumers: 1 } });
    expect((await get('auditor', '/api/v1/sharing/calls/verify')).ok).toBe(true);
  });
});

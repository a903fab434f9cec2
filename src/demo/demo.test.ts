import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoCatalogEntries, departmentClassificationCode, departmentClassifications } from './catalog-entries.js';
import { isValidCreditCode, isValidOrgCode, makeCreditCode, orgCodeCheckChar, usccCheckChar } from './credit-code-gen.js';
import { demoDataElements } from './data-elements.js';
import { demoDepartments } from './departments.js';
import { mulberry32 } from './prng.js';
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
      expect(usccCheckChar(v.value.slice(0, 17))).toBe(v.value[17]);
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

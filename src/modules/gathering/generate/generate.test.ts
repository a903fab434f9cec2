import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCatalogEntries } from '../../../demo/catalog-entries.js';
import { type DemoDataElement, demoDataElements } from '../../../demo/data-elements.js';
import { standardizeText, validateCitizenId, validateCreditCode, validators } from '../../../platform/validators/index.js';
import { AS_OF } from './calendar.js';
import {
  type Anomaly,
  COLUMNS,
  codePointLength,
  createGenerator,
  csvChunks,
  csvText,
  encodeText,
  faultAt,
  type GenerateKind,
  generateKinds,
  ITEM_LENGTHS,
  indexOfKey,
  KEY_COLUMN,
  keyAt,
  keySpaceSize,
  RARE_NAME_CHARS,
  rowAt,
  SOURCE_ENTRIES,
  writeCsv,
} from './index.js';
import { keyedPermutation } from './permutation.js';
import { DISTRICTS, REGION_CODES } from './places.js';
import { ETHNICITY_CODES } from './vocab.js';

const tmp = mkdtempSync(join(tmpdir(), 'jutong-generate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// A row check written from the catalog, the way an ingest validates a row: per item, an empty
// cell is NULL (allowed except for the key), else standardize → type → data element's value
// domain (validator or code list, code or label) → length in code points.

const entries = demoCatalogEntries();
const elements = new Map(demoDataElements.map((e) => [e.identifier, e]));

function entryItems(kind: GenerateKind) {
  const e = entries.find((x) => x.providerKey === SOURCE_ENTRIES[kind].provider && x.name === SOURCE_ENTRIES[kind].entry);
  if (!e) throw new Error(`no demo entry for ${kind}`);
  return e.items;
}

/** The reason a cell fails, or null. */
function cellFailure(kind: GenerateKind, column: string, raw: string): string | null {
  const item = entryItems(kind).find((i) => i.name === column)!;
  const element: DemoDataElement | undefined = item.dataElement ? elements.get(item.dataElement) : undefined;
  let v = standardizeText(raw);
  if (v === '') return column === KEY_COLUMN[kind] && kind !== 'license' ? 'empty key' : null;
  if (item.type === 'date') {
    const r = validators.date(v);
    if (!r.ok) return r.reason;
    v = r.normalized;
  }
  if (item.type === 'decimal' && !/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(v)) return 'not a number';
  const dom = element?.valueDomain;
  if (dom?.kind === 'validator') {
    const r = validators[dom.name](v);
    if (!r.ok) return r.reason;
    v = r.normalized;
  } else if (dom?.kind === 'enum') {
    const hit = dom.values.find((x) => x.code === v || x.label === v);
    if (!hit) return `not in the ${element!.name} code list`;
    v = hit.code;
  }
  const max = Math.min(
    item.length ?? Number.POSITIVE_INFINITY,
    item.type === 'string' ? (element?.length ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY,
  );
  return item.type === 'string' && codePointLength(v) > max ? `longer than ${max}` : null;
}

function failingColumns(kind: GenerateKind, row: Record<string, string>): string[] {
  return COLUMNS[kind].filter((c) => cellFailure(kind, c, row[c]) !== null);
}

function rows(kind: GenerateKind, opts: { seed?: string; badFraction?: number; variantFraction?: number; source?: string; start?: number; n: number }) {
  const o = { kind, seed: opts.seed ?? 't', badFraction: opts.badFraction ?? 0, variantFraction: opts.variantFraction, source: opts.source };
  const out: { index: number; row: Record<string, string>; anomaly: Anomaly | null }[] = [];
  const g = createGenerator(o);
  for (let i = opts.start ?? 0; i < (opts.start ?? 0) + opts.n; i++) out.push({ index: i, row: rowAt(o, i), anomaly: g.anomaly(i) });
  return out;
}

// ---------------------------------------------------------------------------------------------

describe('columns', () => {
  it.each(generateKinds)('%s: the header is the demo catalog entry’s item names, in order', (kind) => {
    expect(COLUMNS[kind]).toEqual(entryItems(kind).map((i) => i.name));
    expect(csvText({ kind, rows: 0 })).toBe(`${COLUMNS[kind].join(',')}\n`);
  });

  it('over-long faults use the lengths the items declare', () => {
    for (const kind of generateKinds) {
      for (const item of entryItems(kind)) {
        if (!(item.name in ITEM_LENGTHS)) continue;
        const element = item.dataElement ? elements.get(item.dataElement) : undefined;
        expect(ITEM_LENGTHS[item.name], `${kind}.${item.name}`).toBe(Math.min(item.length ?? Infinity, element?.length ?? Infinity));
      }
    }
  });

  it('draws 民族 only from codes the data-element registry lists', () => {
    const ethnic = demoDataElements.find((e) => e.name === '民族')!;
    const codes = ethnic.valueDomain.kind === 'enum' ? ethnic.valueDomain.values.map((v) => v.code) : [];
    for (const [code] of ETHNICITY_CODES) expect(codes).toContain(code);
  });
});

describe('keys', () => {
  it('the permutation is a bijection with an inverse (exhaustive on small domains)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 0xffffffff }), (size, key) => {
        const p = keyedPermutation(size, key);
        const seen = new Uint8Array(size);
        for (let i = 0; i < size; i++) {
          const v = p.forward(i);
          expect(v >= 0 && v < size && seen[v] === 0).toBe(true);
          seen[v] = 1;
          expect(p.inverse(v)).toBe(i);
        }
      }),
      { numRuns: 40 },
    );
  });

  it.each(generateKinds)('%s: 200 000 consecutive indexes have 200 000 distinct keys, each mapping back to its index', (kind) => {
    const g = createGenerator({ kind, seed: 'unique' });
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(g.key(i));
    expect(seen.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(g.indexOfKey(g.key(i))).toBe(i);
  });

  it.each(generateKinds)('%s: keys are unique and invertible at the far end of the key space too', (kind) => {
    const g = createGenerator({ kind, seed: 'far' });
    const seen = new Set<string>();
    const top = keySpaceSize(kind);
    for (let i = top - 50_000; i < top; i++) seen.add(g.key(i));
    expect(seen.size).toBe(50_000);
    expect(top).toBeGreaterThan(40_000_000);
    expect(g.indexOfKey(g.key(top - 1))).toBe(top - 1);
  });

  it('the key of index i depends only on (seed, kind, i): not on source, faults, encoding or start index', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...generateKinds),
        fc.string({ maxLength: 8 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.string({ maxLength: 5 }),
        (kind, seed, u, source) => {
          const index = Math.floor(u * keySpaceSize(kind));
          const a = createGenerator({ kind, seed }).key(index);
          const b = createGenerator({ kind, seed, source, badFraction: 0.5, encoding: 'gbk' }).key(index);
          expect(b).toBe(a);
          expect(keyAt(kind, seed, index)).toBe(a);
          expect(indexOfKey(kind, seed, a)).toBe(index);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('different seeds give different people', () => {
    const a = new Set(Array.from({ length: 1000 }, (_, i) => keyAt('population', 'a', i)));
    const b = Array.from({ length: 1000 }, (_, i) => keyAt('population', 'b', i));
    expect(b.filter((k) => a.has(k)).length).toBeLessThan(5);
  });

  it('rejects a key no index has', () => {
    expect(indexOfKey('population', 't', '110101199001011234')).toBeNull();
    expect(indexOfKey('legal-entity', 't', '91110000MA01234567')).toBeNull();
    expect(indexOfKey('license', 't', 'not a licence')).toBeNull();
  });
});

describe('start index and sources', () => {
  it('overlapping ranges of two sources are about the same people; disjoint ranges share none', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...generateKinds),
        fc.string({ maxLength: 6 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (kind, seed, startA, shift, n) => {
          const startB = startA + shift;
          const a = csvText({ kind, seed, rows: n, startIndex: startA, source: 'A', header: false }).split('\n').slice(0, -1);
          const b = csvText({ kind, seed, rows: n, startIndex: startB, source: 'B', badFraction: 0.2, header: false }).split('\n').slice(0, -1);
          const keyCol = COLUMNS[kind].indexOf(KEY_COLUMN[kind]);
          const keysA = a.map((l) => l.split(',')[keyCol]);
          // Row k of A is index startA + k; row k of B is index startB + k.
          for (let i = startB; i < startA + n; i++) {
            const bIndex = i - startB;
            if (
              faultAt({ kind, seed, source: 'B', badFraction: 0.2 }, i) === null &&
              createGenerator({ kind, seed, source: 'B', badFraction: 0.2 }).anomaly(i) === null
            ) {
              expect(b[bIndex].split(',')[keyCol]).toBe(keysA[i - startA]);
            }
          }
          const beyond = csvText({ kind, seed, rows: n, startIndex: startA + n, header: false })
            .split('\n')
            .slice(0, -1);
          const setA = new Set(keysA);
          for (const l of beyond) expect(setA.has(l.split(',')[keyCol])).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('1M-row sources A (0…) and B (500k…) share people: same canonical facts, some conflicting fields', () => {
    const n = 5000;
    const A = rows('population', { source: 'A', start: 500_000, n });
    const B = rows('population', { source: 'B', start: 500_000, n });
    let addressConflicts = 0;
    let maritalConflicts = 0;
    for (let k = 0; k < n; k++) {
      const [a, b] = [A[k].row, B[k].row];
      expect(b.公民身份号码).toBe(a.公民身份号码);
      for (const c of ['性别', '民族', '出生日期'] as const) expect(b[c]).toBe(a[c]);
      if (![...a.姓名].some((ch) => ch.codePointAt(0)! > 0x3fff && RARE_NAME_CHARS.some(([r]) => r === ch))) expect(b.姓名).toBe(a.姓名);
      if (a.户籍地址 !== b.户籍地址) addressConflicts++;
      if (a.婚姻状况 !== b.婚姻状况) maritalConflicts++;
    }
    // Each named source redraws 10% of people's address group: ~19% of pairs differ.
    expect(addressConflicts / n).toBeGreaterThan(0.12);
    expect(addressConflicts / n).toBeLessThan(0.26);
    expect(maritalConflicts).toBeGreaterThan(0);
    // The canonical source (no --source) differs from A only where A drifted.
    const C = rows('population', { start: 500_000, n: 2000 });
    const differ = C.filter((r, k) => r.row.户籍地址 !== A[k].row.户籍地址).length / 2000;
    expect(differ).toBeGreaterThan(0.06);
    expect(differ).toBeLessThan(0.14);
  });
});

describe('determinism and output', () => {
  it.each(generateKinds)('%s: the same options give the same bytes, whatever the chunking or threads', async (kind) => {
    const o = { kind, rows: 40_000, seed: 'det', badFraction: 0.05, source: 'X', startIndex: 123_456 } as const;
    const text = csvText(o);
    expect(csvText(o)).toBe(text);
    expect([...csvChunks(o, 7)].join('')).toBe(text);
    for (const threads of [0, 2]) {
      const file = join(tmp, `${kind}-${threads}.csv`);
      const out = createWriteStream(file);
      const r = await writeCsv(o, out, { threads });
      await new Promise<void>((resolve) => out.end(resolve));
      const bytes = readFileSync(file);
      expect(bytes.toString('utf8')).toBe(text);
      expect(r.bytes).toBe(bytes.length);
      expect(r.rows).toBe(40_000);
    }
    expect(csvText({ ...o, seed: 'other' })).not.toBe(text);
  });

  it.each(generateKinds)('%s: values never need CSV quoting, and every line has one value per column', (kind) => {
    const lines = csvText({ kind, rows: 20_000, seed: 'q', badFraction: 0.1 }).split('\n');
    expect(lines.pop()).toBe('');
    for (const l of lines) {
      expect(l).not.toMatch(/["\r]/);
      expect(l.split(',').length).toBe(COLUMNS[kind].length);
    }
  });

  it('GBK output decodes back to the same text; gb18030 keeps rare characters', () => {
    const n = 60_000;
    const gbkText = csvText({ kind: 'population', rows: n, seed: 'enc', encoding: 'gbk' });
    const bytes = encodeText(gbkText, 'gbk');
    expect(iconv.decode(bytes, 'gbk')).toBe(gbkText);
    expect(iconv.decode(bytes, 'gb18030')).toBe(gbkText);

    const utfText = csvText({ kind: 'population', rows: n, seed: 'enc' });
    const g18 = encodeText(utfText, 'gb18030');
    expect(iconv.decode(g18, 'gb18030')).toBe(utfText);
    // The utf-8 text has characters outside the BMP; in gbk mode only rare-name characters changed.
    expect(/[\u{10000}-\u{10ffff}]/u.test(utfText)).toBe(true);
    const u = utfText.split('\n');
    const g = gbkText.split('\n');
    let changed = 0;
    for (let i = 0; i < u.length; i++) {
      if (u[i] === g[i]) continue;
      changed++;
      const [nu, ng] = [u[i].split(',')[0], g[i].split(',')[0]];
      expect(u[i].slice(nu.length)).toBe(g[i].slice(ng.length));
      expect(RARE_NAME_CHARS.some(([rare, sub]) => nu.includes(rare) && ng.includes(sub))).toBe(true);
    }
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(n * 0.002);
    for (const kind of ['legal-entity', 'license'] as const) {
      const t = csvText({ kind, rows: 5000, seed: 'enc', encoding: 'gbk', badFraction: 0.1 });
      expect(iconv.decode(encodeText(t, 'gbk'), 'gbk')).toBe(t);
    }
  });

  it.each(['gbk', 'gb18030'] as const)('writeCsv in %s, with and without worker threads, writes the encoded text', async (encoding) => {
    const o = { kind: 'population', rows: 20_000, seed: 'enc', encoding, badFraction: 0.02 } as const;
    const expected = encodeText(csvText(o), encoding);
    for (const threads of [0, 2]) {
      const file = join(tmp, `pop-${encoding}-${threads}.csv`);
      const out = createWriteStream(file);
      await writeCsv(o, out, { threads });
      await new Promise<void>((resolve) => out.end(resolve));
      expect(readFileSync(file).equals(expected)).toBe(true);
    }
  });
});

describe('valid rows', () => {
  it('population: valid Zibo IDs whose birth date and sex match the columns; plausible values', () => {
    const all = rows('population', { seed: 'valid', n: 30_000, badFraction: 0.05 });
    const districts = new Map<string, number>();
    for (const { row, anomaly } of all) {
      if (anomaly?.bad) continue;
      if (anomaly === null) {
        const id = validateCitizenId(row.公民身份号码);
        expect(id.ok, row.公民身份号码).toBe(true);
        if (!id.ok) continue;
        expect(id.normalized).toBe(row.公民身份号码);
        expect(id.birthDate).toBe(row.出生日期);
        expect(id.sex).toBe(row.性别 === '1' ? 'male' : 'female');
        expect(DISTRICTS.some((d) => d.code === id.regionCode)).toBe(true);
        districts.set(id.regionCode, (districts.get(id.regionCode) ?? 0) + 1);
        expect(row.姓名.length).toBeGreaterThan(1);
      }
      expect(failingColumns('population', row), JSON.stringify(row)).toEqual([]);
      expect(row.出生日期 <= AS_OF && row.户籍登记日期 >= row.出生日期 && row.户籍登记日期 <= AS_OF).toBe(true);
      expect(row.户籍地址.startsWith('山东省淄博市')).toBe(true);
    }
    // 张店 is the most populous district, 高青 the least.
    const sorted = [...districts].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    expect(sorted[0]).toBe('370303');
    expect(sorted.at(-1)).toBe('370322');
    // Mostly 汉族, some others; names with rare characters beyond the BMP now and then.
    const han = all.filter((r) => r.row.民族 === '01').length / all.length;
    expect(han).toBeGreaterThan(0.98);
    expect(all.some((r) => r.row.民族 === '03')).toBe(true);
    expect(all.some((r) => /[\u{20000}-\u{3ffff}]/u.test(r.row.姓名))).toBe(true);
    expect(all.some((r) => /^(欧阳|司马|诸葛|上官|皇甫|司徒|东方|公孙|令狐|慕容|夏侯|尉迟|端木)/.test(r.row.姓名))).toBe(true);
  });

  it('legal-entity: valid credit codes registered in Zibo', () => {
    for (const { row, anomaly } of rows('legal-entity', { seed: 'valid', n: 20_000, badFraction: 0.05 })) {
      if (anomaly?.bad) continue;
      if (anomaly === null) {
        const r = validateCreditCode(row.统一社会信用代码);
        expect(r.ok, row.统一社会信用代码).toBe(true);
        expect(REGION_CODES).toContain(row.统一社会信用代码.slice(2, 8));
        expect(row.成立日期 <= row.核准日期 && row.核准日期 <= AS_OF).toBe(true);
      }
      expect(failingColumns('legal-entity', row), JSON.stringify(row)).toEqual([]);
    }
  });

  it('license: holders are valid people or entities of the other kinds, dates are consistent', () => {
    const people = createGenerator({ kind: 'population', seed: 'valid' });
    const entities = createGenerator({ kind: 'legal-entity', seed: 'valid' });
    for (const { row, anomaly } of rows('license', { seed: 'valid', n: 20_000, badFraction: 0.05 })) {
      if (anomaly?.bad) continue;
      expect(failingColumns('license', row), JSON.stringify(row)).toEqual([]);
      const code = row.持证主体代码;
      const asPerson = validateCitizenId(code);
      const asEntity = validateCreditCode(code);
      expect(asPerson.ok || asEntity.ok, code).toBe(true);
      const holder = asPerson.ok ? people.indexOfKey(code) : entities.indexOfKey(code);
      expect(holder).not.toBeNull();
      if (anomaly === null) {
        const expectName = asPerson.ok
          ? rowAt({ kind: 'population', seed: 'valid' }, holder!).姓名
          : rowAt({ kind: 'legal-entity', seed: 'valid' }, holder!).单位名称;
        expect(row.持证主体名称).toBe(expectName);
        expect(row.发证日期 <= AS_OF).toBe(true);
        expect(row.有效期限 === '长期' || row.有效期限.startsWith(`${row.发证日期}至`)).toBe(true);
      }
    }
  });
});

describe('anomalies', () => {
  it.each(generateKinds)('%s: each bad row fails in exactly the column its fault names, and nowhere else', (kind) => {
    const all = rows(kind, { seed: 'bad', n: 20_000, badFraction: 0.1, variantFraction: 0.1 });
    const seen = new Set<string>();
    for (const { index, row, anomaly } of all) {
      if (!anomaly?.bad) continue;
      seen.add(`${anomaly.code}:${anomaly.column}`);
      expect(faultAt({ kind, seed: 'bad', badFraction: 0.1, variantFraction: 0.1 }, index)).toEqual(anomaly);
      expect(failingColumns(kind, row), `${index} ${anomaly.code} ${JSON.stringify(row)}`).toEqual([anomaly.column]);
      const v = row[anomaly.column];
      switch (anomaly.code) {
        case 'id-check-digit': {
          const expected = keyAt('population', 'bad', index);
          expect(v.slice(0, 17)).toBe(expected.slice(0, 17));
          expect(v[17]).not.toBe(expected[17]);
          break;
        }
        case 'id-birth-date':
          expect(validateCitizenId(v).ok).toBe(false);
          expect(/^\d{17}[\dX]$/.test(v)).toBe(true);
          break;
        case 'credit-check-char':
          expect(v.slice(0, 17)).toBe(keyAt('legal-entity', 'bad', index).slice(0, 17));
          break;
        case 'bad-date':
          expect(validators.date(v).ok).toBe(false);
          expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          break;
        case 'over-long':
          expect(codePointLength(v)).toBeGreaterThan(ITEM_LENGTHS[anomaly.column]);
          break;
      }
    }
    const bad = all.filter((r) => r.anomaly?.bad).length / all.length;
    expect(bad).toBeGreaterThan(0.085);
    expect(bad).toBeLessThan(0.115);
    const expected: Record<GenerateKind, number> = { population: 7, 'legal-entity': 6, license: 3 };
    expect(seen.size).toBe(expected[kind]);
  });

  it.each(generateKinds)('%s: variant rows are accepted and standardize to the canonical values', (kind) => {
    const o = { kind, seed: 'var', badFraction: 0.05, variantFraction: 0.2 };
    const g = createGenerator(o);
    const codes = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const a = g.anomaly(i);
      if (a === null || a.bad) continue;
      codes.add(a.code);
      const row = rowAt(o, i);
      const canonical = rowAt({ ...o, badFraction: 0, variantFraction: 0 }, i);
      expect(failingColumns(kind, row)).toEqual([]);
      const v = row[a.column];
      if (a.code === 'id-15-digit') {
        expect(v).toMatch(/^\d{15}$/);
        const r = validateCitizenId(v);
        expect(r.ok && r.normalized).toBe(canonical[a.column]);
      } else if (a.code === 'full-width-digits') {
        expect(v).toMatch(/[０-９]/);
        expect(v).not.toBe(canonical[a.column]);
        expect(standardizeText(v)).toBe(canonical[a.column]);
      } else {
        expect(v).toBe('');
      }
      for (const c of COLUMNS[kind]) if (c !== a.column) expect(row[c]).toBe(canonical[c]);
    }
    expect(codes.size).toBe(kind === 'population' ? 3 : 2);
  });

  it('raising the bad fraction keeps the rows that were already bad, with the same fault', () => {
    const lo = { kind: 'population' as const, seed: 'mono', badFraction: 0.02, variantFraction: 0 };
    const hi = { ...lo, badFraction: 0.1 };
    for (let i = 0; i < 20_000; i++) {
      const a = faultAt(lo, i);
      if (a) expect(faultAt(hi, i)).toEqual(a);
    }
  });

  it('without a bad fraction no row is anomalous', () => {
    const g = createGenerator({ kind: 'license', seed: 'none' });
    for (let i = 0; i < 5000; i++) expect(g.anomaly(i)).toBeNull();
  });
});

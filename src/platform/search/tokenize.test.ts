import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, toSearchText } from './tokenize.js';

const govTerms = readFileSync(new URL('./gov-terms.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split(' ')[0]);

/** Words people type into the catalog search box. */
const catalogWords = `
淄博 张店 临淄 公安 户籍 人口 企业 营业执照 统一社会信用代码 不动产
不动产登记 社保 医保 公积金 低保 婚姻登记 空气质量 水质 监测 行政许可
行政处罚 失信被执行人 信用 数据 目录 共享 开放 公交 学校 医院
养老 网格员 大数据局 市场监管 环境 就业 预算 门牌号 人力资源 社会保障`
  .trim()
  .split(/\s+/);

/** Catalog titles in the style of a city's 政务信息资源目录. */
const catalogTitles = [
  '淄博市公安局户籍人口信息',
  '张店区企业营业执照登记信息',
  '淄博市市场监督管理局行政许可信息',
  '市场监管行政处罚决定书公示',
  '淄博市不动产登记信息查询接口',
  '全市社会保障卡发放情况',
  '淄博市医保定点医疗机构名单',
  '住房公积金缴存单位信息',
  '城乡低保对象名单',
  '婚姻登记信息（结婚、离婚）',
  '全市空气质量实时监测数据',
  '淄博市饮用水水源地水质监测结果',
  '失信被执行人名单',
  '企业统一社会信用代码及信用承诺信息',
  '淄博市大数据局政务数据共享目录',
  '公共数据开放目录',
  '公交线路及站点信息',
  '中小学学校基本信息',
  '二级以上医院名录',
  '养老机构基本信息',
  '网格员队伍信息',
  '生态环境质量报告',
  '高校毕业生就业创业补贴发放',
  '一般公共预算收支情况',
  '标准地名地址及门牌号数据',
  '临淄区人力资源和社会保障局就业信息',
  '淄博市人力资源市场招聘信息',
  '常住人口与流动人口统计',
];

const isSubset = (a: string[], b: string[]) => {
  const set = new Set(b);
  return a.every((t) => set.has(t));
};

describe('tokenize', () => {
  it('keeps government terms whole', () => {
    expect(tokenize('大数据局')).toContain('大数据局');
    expect(tokenize('淄博市大数据局')).toContain('大数据局');
    for (const term of govTerms) expect(tokenize(term), term).toContain(term);
  });

  it('segments a catalog title', () => {
    const tokens = tokenize('淄博市公安局户籍人口信息');
    for (const t of ['淄博', '公安局', '户籍', '人口']) expect(tokens).toContain(t);
  });

  it('drops single Han characters unless the text is one character', () => {
    expect(tokenize('淄博市公安局').some((t) => Array.from(t).length === 1)).toBe(false);
    expect(tokenize('市')).toEqual(['市']);
    expect(tokenize(' 局 ')).toEqual(['局']);
  });

  it('lowercases latin, folds full-width forms, splits digits from letters', () => {
    expect(tokenize('GDP2024年')).toEqual(['gdp', '2024']);
    expect(tokenize('ＡＢＣ１２３')).toEqual(['abc', '123']);
    expect(tokenize('COVID-19 v1.2 foo_bar zhang@zibo.gov.cn')).toEqual(['covid', '19', 'v', '1', '2', 'foo', 'bar', 'zhang', 'zibo', 'gov', 'cn']);
  });

  it('returns only tokens the PostgreSQL simple parser keeps whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        for (const t of tokenize(s)) expect(t).toMatch(/^(?:\p{Nd}+|\p{Script=Han}+|[\p{L}\p{M}]+)$/u);
      }),
      { numRuns: 500 },
    );
  });

  it('toSearchText joins tokens with single spaces', () => {
    expect(toSearchText('淄博市公安局')).toBe(tokenize('淄博市公安局').join(' '));
    expect(toSearchText('  ，。 ')).toBe('');
    expect(toSearchText('淄博 张店')).not.toMatch(/\s{2}|^\s|\s$/);
  });
});

describe('search recall: query tokens ⊆ tokens of every text containing the query', () => {
  it('every catalog word yields tokens', () => {
    for (const w of catalogWords) expect(tokenize(w).length, w).toBeGreaterThan(0);
  });

  it('holds for the catalog words in the catalog titles', () => {
    let pairs = 0;
    for (const w of catalogWords) {
      for (const title of catalogTitles.filter((t) => t.includes(w))) {
        pairs++;
        expect(isSubset(tokenize(w), tokenize(title)), `${w} in ${title}: ${tokenize(w)} vs ${tokenize(title)}`).toBe(true);
      }
    }
    expect(pairs).toBeGreaterThan(40);
  });

  it('holds for the catalog words in any surrounding text', () => {
    const context = fc
      .array(
        fc.oneof(
          fc.constantFrom(...'市区县局的和与及信息数据人口公安张店淄博大社会保障资源场监管理'),
          fc.constantFrom(...catalogWords, ...govTerms.slice(0, 40)),
          fc.constantFrom('，', '（', '）', ' ', '2024', '年'),
          fc.string({ unit: 'binary', maxLength: 2 }),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(context, fc.constantFrom(...catalogWords), context, (before, w, after) => {
        expect(isSubset(tokenize(w), tokenize(before + w + after))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

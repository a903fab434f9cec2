// Generates a city-sized catalog (default 20,155 entries, the reference city's count)
// from the demo city's ~300 hand-written entries: each demo entry is re-issued for
// districts, years and 专题, with its abstract, keywords and items varied to match, so
// the text is realistic Chinese and no two entries of one provider share a name. Each
// variant keeps its demo entry's provider and classification, so it passes the same
// validation (ResourceFields + checkRules + CatalogChecks) as a department's own file.
import { type DemoItem, type DemoResource, demoCatalogEntries } from '../../src/demo/catalog-entries.js';
import { demoDepartments } from '../../src/demo/departments.js';
import { intBetween, pick, rngFor } from '../../src/demo/prng.js';
import { exportWorkbook } from '../../src/modules/catalog/excel.js';
import type { Resource } from '../../src/modules/catalog/schema.js';

const districts = [
  { name: '', short: '' }, // 市级: the entry as the demo has it
  { name: '张店区', short: '张店' },
  { name: '淄川区', short: '淄川' },
  { name: '博山区', short: '博山' },
  { name: '临淄区', short: '临淄' },
  { name: '周村区', short: '周村' },
  { name: '桓台县', short: '桓台' },
  { name: '高青县', short: '高青' },
  { name: '沂源县', short: '沂源' },
];
const years = ['', '2019', '2020', '2021', '2022', '2023', '2024', '2025'];
const topics = ['', '乡村振兴', '营商环境', '社会治理', '疫情防控', '一网通办', '城市更新', '黄河流域生态保护', '安全生产', '民生保障', '数字政府'];

const extraSentences = [
  '数据经清洗、比对和标准化处理后汇入市政务数据共享交换平台。',
  '信息项按照市级数据元标准编制，代码项采用国家标准或行业标准。',
  '历史数据已完成补录，新增数据按更新周期同步。',
  '数据质量由提供方负责，使用方发现问题可通过数据异议流程反馈。',
  '支撑“一件事一次办”和跨部门业务协同。',
  '可用于辅助决策、监管分析和公共服务精准化。',
  '涉及个人信息的字段按规定脱敏后提供。',
  '已纳入市级数据资源目录年度考核范围。',
];

const extraItems: DemoItem[] = [
  { name: '所属区县', dataElement: null, type: 'string', length: 50, description: '' },
  { name: '统计年度', dataElement: null, type: 'integer', length: 4, description: '' },
  { name: '数据来源系统', dataElement: null, type: 'string', length: 100, description: '提供方业务系统名称' },
  { name: '更新时间', dataElement: null, type: 'datetime', length: null, description: '' },
  { name: '备注', dataElement: null, type: 'string', length: 500, description: '' },
];

export type GeneratedEntry = Omit<DemoResource, 'providerKey'> & { providerCode: string };

function variant(base: DemoResource, k: number): DemoResource {
  const d = districts[k % districts.length];
  const year = years[Math.floor(k / districts.length) % years.length];
  const topic = topics[Math.floor(k / (districts.length * years.length)) % topics.length];
  const round = Math.floor(k / (districts.length * years.length * topics.length));
  if (k === 0) return base;
  const rng = rngFor(`bench/${base.providerKey}/${base.name}/${k}`);
  const stem = base.name.replace(/^淄博市/, '');
  const name = `${d.name ? d.name : '淄博市'}${year ? `${year}年度` : ''}${stem}${topic ? `（${topic}专题）` : ''}${round ? `（第${round + 1}批）` : ''}`;
  const scope = d.name ? d.name : '全市';
  const abstract = [
    base.abstract.replaceAll('全市', scope).replace('覆盖五区三县', d.name ? `覆盖${d.name}各镇（街道）` : '覆盖五区三县'),
    year ? `本资源收录${year}年度数据。` : '',
    topic ? `作为${topic}专题数据，按专题需要从业务库中抽取。` : '',
    pick(rng, extraSentences),
  ].join('');
  const items = base.items.filter((_, i) => i < 2 || rng() > 0.15);
  for (const x of extraItems) if (rng() < 0.2 && !items.some((i) => i.name === x.name)) items.push(x);
  const keywords = [...new Set([...base.keywords, d.short, topic, year ? `${year}年` : ''].filter(Boolean))].slice(0, 20);
  const publishedAt = year
    ? `${Math.min(Number(year) + 1, 2025)}-${String(intBetween(rng, 1, 12)).padStart(2, '0')}-${String(intBetween(rng, 1, 28)).padStart(2, '0')}`
    : base.publishedAt;
  return { ...base, name, abstract, items, keywords, publishedAt };
}

/** `count` entries, spread over the demo entries in turn (so every provider keeps its share). */
export function generateEntries(count: number): GeneratedEntry[] {
  const bases = demoCatalogEntries();
  const codeOf = new Map(demoDepartments.map((d) => [d.key, d.code]));
  const out: GeneratedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const { providerKey, ...fields } = variant(bases[i % bases.length], Math.floor(i / bases.length));
    out.push({ ...fields, providerCode: codeOf.get(providerKey) as string });
  }
  return out;
}

/** One .xlsx in the console's import format (目录 + 信息项), written by the platform's own exporter. */
export function workbookOf(entries: GeneratedEntry[]): Promise<Buffer> {
  // exportWorkbook reads only the template's columns (+ code and status, left empty here).
  return exportWorkbook(entries as unknown as (Resource & { providerCode: string })[]);
}

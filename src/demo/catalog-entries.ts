/**
 * The demo city's catalog: about 300 政务信息资源目录 entries expanded from the
 * per-department templates in templates-*.ts. Everything is deterministic: each
 * entry's random choices (dates, phone numbers, which generic condition text) are
 * seeded from the entry's own provider + name, so adding a template never changes
 * the others.
 */
import { type DemoDataType, demoDataElements } from './data-elements.js';
import { type DemoDepartment, demoDepartments } from './departments.js';
import { intBetween, pick, type Rng, rngFor } from './prng.js';
import type { ResourceTemplate, UpdateCycle } from './template-types.js';
import { cityTemplates } from './templates-city.js';
import { economyTemplates } from './templates-economy.js';
import { peopleTemplates } from './templates-people.js';
import type { ClassificationNode } from './themes.js';

type DemoFormat = 'file' | 'spreadsheet' | 'database' | 'image' | 'stream' | 'self-describing' | 'other';

export type DemoItem = {
  name: string;
  /** A DemoDataElement identifier, or null when no registered element fits. */
  dataElement: string | null;
  type: DemoDataType;
  length: number | null;
  description: string;
};

export type DemoResource = {
  providerKey: string;
  classification: string;
  name: string;
  abstract: string;
  format: DemoFormat;
  formatType: string;
  items: DemoItem[];
  shareType: 'unconditional' | 'conditional' | 'none';
  shareCondition: string | null;
  shareBasis: string | null;
  shareChannel: 'platform' | 'mail' | 'media';
  shareVia: 'table' | 'api' | 'file' | null;
  openType: 'open' | 'conditional' | 'closed';
  openCondition: string | null;
  updateCycle: UpdateCycle;
  publishedAt: string;
  relatedCodes: string[];
  keywords: string[];
  contact: string;
  owner: string;
};

/** The department classification node of the department at 1-based `index` in demoDepartments. */
export function departmentClassificationCode(index: number): string {
  if (!Number.isInteger(index) || index < 1 || index > 99) {
    throw new Error(`department index out of range: ${index}`);
  }
  return `3${String(index).padStart(2, '0')}`;
}

/** The 部门信息资源 tree (类 '3'), one 项 per demo department. */
export function departmentClassifications(): ClassificationNode[] {
  return [
    {
      code: '3',
      name: '部门信息资源',
      children: demoDepartments.map((d, i) => ({ code: departmentClassificationCode(i + 1), name: d.shortName })),
    },
  ];
}

const templatesByDepartment: Record<string, ResourceTemplate[]> = {
  ...cityTemplates,
  ...peopleTemplates,
  ...economyTemplates,
};

// ---------------------------------------------------------------------------
// Per-department details a template does not repeat.

/** 联系方式: the unit inside the department that answers for its data. */
const contactUnits: Record<string, string> = {
  dsjj: '数据资源管理科',
  gaj: '科技信息化支队',
  mzj: '信息中心',
  rsj: '信息中心',
  scjgj: '信息中心',
  zrzyj: '自然资源和规划信息中心',
  bdcdjzx: '信息科',
  sthjj: '生态环境监控中心',
  wjw: '卫生健康信息中心',
  zjj: '信息中心',
  jyj: '电化教育馆',
  czj: '财政信息中心',
  jtysj: '交通运输信息中心',
  nyncj: '农业信息中心',
  slj: '水旱灾害防御科',
  swj: '市场运行科',
  whlyj: '资源开发科',
  yjglj: '科技和信息化科',
  sjj: '电子数据审计科',
  shuiwj: '税收大数据和风险管理局',
  ybj: '医疗保障信息中心',
  tyjrj: '办公室',
  sfj: '办公室',
  fgw: '社会信用体系建设科',
  gxj: '信息化推进科',
  kjj: '办公室',
  tjj: '统计数据管理中心',
  cgj: '数字化城市管理监督指挥中心',
  xzspj: '数据管理科',
  gjjzx: '信息科',
  qxj: '气象台',
  dag: '档案信息化科',
  zfb: '电子政务科',
  xfj: '信访信息中心',
  cl: '信息中心',
  jrj: '金融服务科',
  ggzyjyzx: '信息技术部',
};

/** The database product a department's systems run on, for 'db' templates. */
const departmentDatabases: Record<string, string> = {
  dsjj: 'KingbaseES',
  gaj: 'Oracle',
  rsj: 'Oracle',
  scjgj: 'Oracle',
  shuiwj: 'Oracle',
  ybj: 'Oracle',
  xzspj: '达梦DM8',
  bdcdjzx: '达梦DM8',
  zfb: '达梦DM8',
  mzj: 'MySQL',
  wjw: 'MySQL',
  sthjj: 'PostgreSQL',
  zrzyj: 'PostgreSQL',
  cgj: 'KingbaseES',
};
const otherDatabases = ['MySQL', 'Oracle', '达梦DM8', 'KingbaseES'] as const;

const formatsByType: Record<string, DemoFormat> = {
  xlsx: 'spreadsheet',
  xls: 'spreadsheet',
  csv: 'spreadsheet',
  pdf: 'file',
  ofd: 'file',
  docx: 'file',
  shp: 'image',
  tif: 'image',
  jpg: 'image',
  mp4: 'stream',
  json: 'self-describing',
  xml: 'self-describing',
  WMTS: 'other',
};

// ---------------------------------------------------------------------------
// Generic condition texts, used when a template does not bring its own.

const personalShareConditions = [
  '仅限政府部门为履行法定职责使用，须说明使用事由和范围，经提供方审核同意后按申请字段共享。',
  '用于政务服务事项办理中的身份和资格核验，原则上以核验接口方式提供，不批量提供明细数据。',
  '须签订数据安全保密承诺书，仅限申请时载明的业务场景使用，不得转授第三方。',
  '限社会救助、社会保障资格审核等业务使用，按需申请、按需使用，调用记录留存备查。',
];

const generalShareConditions = [
  '需说明用途，经提供方审核同意后共享，数据仅用于本部门职责范围内的监管和分析工作。',
  '限市级部门用于行业监管、统计分析和辅助决策，不得向社会公开。',
  '按申请的字段和范围共享，使用方应在共享平台登记使用情况并接受审计。',
  '经提供方审核同意后共享，涉及商业秘密的字段不予提供。',
];

const openConditions = [
  '须在淄博市公共数据开放网实名注册，签署数据开放利用协议后获取。',
  '面向通过实名认证的企业、高校和科研机构开放，须说明数据用途并经提供方审核。',
  '明细数据须提交开放申请并经提供方审核，汇总数据可直接下载。',
  '仅限科学研究和公益性开发利用，不得用于商业目的。',
];

// ---------------------------------------------------------------------------

const elementsByName = new Map(demoDataElements.map((e) => [e.name, e]));

const itemTypes: Record<string, DemoDataType> = {
  s: 'string',
  i: 'integer',
  f: 'decimal',
  d: 'date',
  t: 'datetime',
  b: 'boolean',
};

/** Parses one token of a template's `items` (see ResourceTemplate.items). */
function parseItem(token: string, where: string): DemoItem {
  const bind = token.indexOf('=');
  if (bind >= 0) {
    const name = token.slice(0, bind);
    const element = elementsByName.get(token.slice(bind + 1));
    if (!element) throw new Error(`${where}: no data element named ${token.slice(bind + 1)}`);
    return { name, dataElement: element.identifier, type: element.dataType, length: element.length, description: element.definition };
  }
  const colon = token.indexOf(':');
  if (colon < 0) {
    const element = elementsByName.get(token);
    if (!element) throw new Error(`${where}: no data element named ${token}`);
    return { name: token, dataElement: element.identifier, type: element.dataType, length: element.length, description: element.definition };
  }
  const name = token.slice(0, colon);
  const rest = token.slice(colon + 1);
  const second = rest.indexOf(':');
  const spec = second < 0 ? rest : rest.slice(0, second);
  const note = second < 0 ? '' : rest.slice(second + 1);
  const match = /^([sifdtb])(\d*)$/.exec(spec);
  if (!match) throw new Error(`${where}: bad item spec ${token}`);
  const type = itemTypes[match[1]];
  const length = match[2] ? Number(match[2]) : null;
  // A short note is a unit (月, 毫米, %); anything longer is already a sentence.
  const description = note === '' ? '' : note.length <= 6 ? `单位：${note}` : note;
  return { name, dataElement: null, type, length, description };
}

const CITIZEN_ID = 'DE00004';
const PERSONAL_ELEMENTS = new Set([CITIZEN_ID, 'DE00007', 'DE00027', 'DE00028']);

const shareTypes = { u: 'unconditional', c: 'conditional', n: 'none' } as const;
const openTypes = { o: 'open', c: 'conditional', x: 'closed' } as const;

const FIRST_DAY = Date.UTC(2019, 0, 1);
const LAST_DAY = Date.UTC(2026, 9, 31);
const DAY_MS = 86_400_000;

function publishDate(rng: Rng): string {
  const days = (LAST_DAY - FIRST_DAY) / DAY_MS;
  return new Date(FIRST_DAY + intBetween(rng, 0, days) * DAY_MS).toISOString().slice(0, 10);
}

function contactFor(dept: DemoDepartment): string {
  const rng = rngFor(`${dept.key}/contact`);
  // Zibo landlines are 0533 + 7 digits; government offices mostly start with 2 or 3.
  const phone = `${pick(rng, ['2', '3'])}${String(intBetween(rng, 0, 999_999)).padStart(6, '0')}`;
  return `${dept.shortName}${contactUnits[dept.key] ?? '办公室'} 0533-${phone}`;
}

function databaseOf(dept: DemoDepartment, index: number): string {
  return departmentDatabases[dept.key] ?? otherDatabases[index % otherDatabases.length];
}

function expand(dept: DemoDepartment, deptIndex: number, tpl: ResourceTemplate): DemoResource {
  const where = `${dept.key}/${tpl.name}`;
  const rng = rngFor(where);
  const items = tpl.items
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => parseItem(t, where));
  const personal = items.some((i) => i.dataElement !== null && PERSONAL_ELEMENTS.has(i.dataElement));

  const [shareKey, openKey] = tpl.policy.split('/') as ['u' | 'c' | 'n', 'o' | 'c' | 'x'];
  const shareType = shareTypes[shareKey];
  const openType = openTypes[openKey];
  if (openType === 'open' && items.some((i) => i.dataElement === CITIZEN_ID)) {
    throw new Error(`${where}: resources with 公民身份号码 must not be opened unconditionally`);
  }

  let format: DemoFormat;
  let formatType: string;
  if (tpl.fmt === 'db' || tpl.fmt.startsWith('db:')) {
    format = 'database';
    formatType = tpl.fmt === 'db' ? databaseOf(dept, deptIndex) : tpl.fmt.slice(3);
  } else {
    const f = formatsByType[tpl.fmt];
    if (!f) throw new Error(`${where}: unknown format ${tpl.fmt}`);
    format = f;
    formatType = tpl.fmt;
  }

  const shareChannel = tpl.channel ?? 'platform';
  let shareVia: DemoResource['shareVia'] = null;
  if (shareChannel === 'platform') {
    if (tpl.via) shareVia = tpl.via;
    else if (format === 'database') shareVia = tpl.cycle === 'realtime' ? 'api' : 'table';
    else if (format === 'self-describing' || format === 'other' || format === 'stream') shareVia = 'api';
    else shareVia = 'file';
  }

  const shareCondition = shareType === 'conditional' ? (tpl.cond ?? pick(rng, personal ? personalShareConditions : generalShareConditions)) : null;
  if (shareType === 'none' && !tpl.basis) throw new Error(`${where}: 不予共享 needs a basis`);
  const openCondition = openType === 'conditional' ? (tpl.openCond ?? pick(rng, openConditions)) : null;

  return {
    providerKey: dept.key,
    classification: tpl.cls === 'dept' ? departmentClassificationCode(deptIndex + 1) : tpl.cls,
    name: tpl.name,
    abstract: tpl.abstract,
    format,
    formatType,
    items,
    shareType,
    shareCondition,
    shareBasis: shareType === 'none' ? (tpl.basis ?? null) : null,
    shareChannel,
    shareVia,
    openType,
    openCondition,
    updateCycle: tpl.cycle,
    publishedAt: publishDate(rng),
    relatedCodes: [],
    keywords: tpl.kw.split(/\s+/).filter(Boolean),
    contact: contactFor(dept),
    owner: tpl.owner ?? dept.name,
  };
}

/** All demo catalog entries, in department order. Returns fresh objects on every call. */
export function demoCatalogEntries(): DemoResource[] {
  const out: DemoResource[] = [];
  for (const key of Object.keys(templatesByDepartment)) {
    if (!demoDepartments.some((d) => d.key === key)) throw new Error(`templates for unknown department ${key}`);
  }
  demoDepartments.forEach((dept, i) => {
    for (const tpl of templatesByDepartment[dept.key] ?? []) out.push(expand(dept, i, tpl));
  });
  return out;
}

import { z } from 'zod';
import { Id, Name, noControls, Page } from '../../platform/auth/schema.js';
import { maskRules } from '../../platform/masking/mask.js';
import { identifierKinds } from '../../platform/masking/plan.js';
import { checkPattern } from '../../platform/validators/pattern.js';

// The 1272 template (《政务信息资源目录编制指南(试行)》) as types. Enum values are the
// glossary's English names; the labels are how the console and Excel show them.

// superseded: a published version that a later published version replaced (history only).
export const statuses = ['draft', 'submitted', 'published', 'returned', 'superseded'] as const;
export const formats = ['file', 'spreadsheet', 'database', 'image', 'stream', 'self-describing', 'other'] as const;
export const shareTypes = ['unconditional', 'conditional', 'none'] as const;
export const shareChannels = ['platform', 'mail', 'media'] as const;
export const shareVias = ['table', 'api', 'file'] as const;
export const openTypes = ['open', 'conditional', 'closed'] as const;
export const updateCycles = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'halfyearly', 'yearly', 'irregular'] as const;
export const itemTypes = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'binary'] as const;

export const labels = {
  status: { draft: '草稿', submitted: '待审核', published: '已发布', returned: '已退回', superseded: '已被新版本替代' },
  format: {
    file: '电子文件',
    spreadsheet: '电子表格',
    database: '数据库',
    image: '图形图像',
    stream: '流媒体',
    'self-describing': '自描述格式',
    other: '其他',
  },
  shareType: { unconditional: '无条件共享', conditional: '有条件共享', none: '不予共享' },
  shareChannel: { platform: '共享平台', mail: '邮件', media: '介质' },
  shareVia: { table: '库表', api: '接口', file: '文件' },
  openType: { open: '无条件开放', conditional: '有条件开放', closed: '不予开放' },
  updateCycle: {
    realtime: '实时',
    daily: '每日',
    weekly: '每周',
    monthly: '每月',
    quarterly: '每季度',
    halfyearly: '每半年',
    yearly: '每年',
    irregular: '不定期',
  },
  itemType: { string: '字符型', integer: '整数型', decimal: '数值型', date: '日期型', datetime: '日期时间型', boolean: '布尔型', binary: '二进制' },
} as const;

const text = (max: number) => z.string().trim().max(max);
/** A required field, with a message a clerk understands when the cell is empty. */
const required = (label: string, max: number, min = 1) =>
  z
    .string({ error: (iss) => (iss.input == null ? `${label}不能为空` : `${label}应为文字`) })
    .trim()
    .min(min, min > 1 ? `${label}至少${min}个字` : `${label}不能为空`)
    .max(max, `${label}最多${max}个字`);
/** A required name (an entry's, an item's): as `required`, without control or text-direction characters. */
const requiredName = (label: string, max: number, min = 1) => noControls(required(label, max, min));
/** A required choice; the message lists the allowed labels. */
const choice = <T extends readonly [string, ...string[]]>(values: T, label: string, names: Record<T[number], string>) =>
  z.enum(values, { error: (iss) => (iss.input == null ? `请选择${label}` : `${label}应为：${Object.values<string>(names).join('、')}`) });
export const Status = z.enum(statuses);
export const Format = choice(formats, '格式分类', labels.format);
const ShareType = choice(shareTypes, '共享类型', labels.shareType);
const ShareChannel = choice(shareChannels, '共享方式分类', labels.shareChannel);
const ShareVia = choice(shareVias, '共享方式类型', labels.shareVia);
const OpenType = choice(openTypes, '开放类型', labels.openType);
export const UpdateCycle = choice(updateCycles, '更新周期', labels.updateCycle);
export const ItemType = choice(itemTypes, '数据类型', labels.itemType);

/**
 * An optional value stored as null when absent or blank. A preprocess rather than a
 * transform, so the documented output type stays `T | null` (a transform's is unknown).
 */
// Typed as a default-null field — optional in, `T | null` out — which is what it does;
// the preprocess's own static input type (unknown) would make the key required.
const orNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => {
    const t = typeof v === 'string' ? v.trim() : v;
    return t === undefined || t === '' ? null : t;
  }, schema.nullable()) as unknown as z.ZodDefault<z.ZodNullable<T>>;
const optionalText = (max: number) => orNull(z.string().max(max));
export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期');
const ResourceCode = z.string().regex(/^\d{1}(\d{2}(\d{3}\d*)?)?\/[0-9A-Za-z]{3,20}-\d{5}$/, '资源代码格式应为 分类码/提供方代码-五位顺序号');

export const Item = z.object({
  name: requiredName('信息项名称', 100),
  dataElement: orNull(z.string().max(32)).meta({ description: "a data element's identifier" }),
  type: ItemType,
  length: orNull(z.number().int().min(1).max(1_000_000)),
  description: optionalText(500),
});
export type Item = z.infer<typeof Item>;

/** The fields a department writes. Cross-field rules are in `checkRules` so partial edits share them. */
const FieldsBase = z.object({
  name: requiredName('资源名称', 200, 2),
  classification: required('资源分类代码', 30).regex(/^\d+$/, '资源分类代码为数字，如 101、201'),
  abstract: required('摘要', 4000, 10),
  format: Format,
  formatType: required('格式类型', 50),
  items: z.array(Item).min(1, '至少一个信息项').max(500),
  shareType: ShareType,
  shareCondition: optionalText(1000),
  shareBasis: optionalText(1000),
  shareChannel: ShareChannel,
  shareVia: orNull(ShareVia),
  openType: OpenType,
  openCondition: optionalText(1000),
  updateCycle: UpdateCycle,
  publishedAt: orNull(DateOnly).meta({ description: '发布日期; set at approval when empty' }),
  relatedCodes: z.array(ResourceCode).max(50),
  keywords: z.array(text(30).min(1)).max(20),
  contact: optionalText(200),
  owner: optionalText(200).meta({ description: '数据资产归属' }),
});
export const ResourceFields = FieldsBase.extend({
  relatedCodes: FieldsBase.shape.relatedCodes.default([]),
  keywords: FieldsBase.shape.keywords.default([]),
});
export type ResourceFields = z.infer<typeof ResourceFields>;

/**
 * Which conditional fields of the 1272 template apply: each is required when true and
 * must stay empty when false. The console shows and hides fields with this same function.
 */
export function conditionalFields(f: { shareType?: string | null; shareChannel?: string | null; openType?: string | null }) {
  return {
    shareCondition: f.shareType === 'conditional',
    shareBasis: f.shareType === 'none',
    shareVia: f.shareChannel === 'platform',
    openCondition: f.openType === 'conditional',
  };
}
export type ConditionalField = keyof ReturnType<typeof conditionalFields>;

const conditionalMessages: Record<ConditionalField, [required: string, forbidden: string]> = {
  shareCondition: ['有条件共享必须填写共享条件', '只有有条件共享才填写共享条件'],
  shareBasis: ['不予共享必须填写不予共享的依据', '只有不予共享才填写不予共享依据'],
  shareVia: ['通过共享平台共享时须选择共享方式类型（库表/接口/文件）', '邮件或介质共享不选择库表/接口/文件'],
  openCondition: ['有条件开放必须填写开放条件', '只有有条件开放才填写开放条件'],
};

type RuleIssue = { path: string[]; message: string };

/** The 1272 template's cross-field rules, enforced on every create, edit and import row. */
export function checkRules(r: ResourceFields): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const [field, applies] of Object.entries(conditionalFields(r)) as [ConditionalField, boolean][]) {
    const filled = !!r[field];
    if (applies !== filled) issues.push({ path: [field], message: conditionalMessages[field][applies ? 0 : 1] });
  }
  if (r.shareType === 'none' && r.openType !== 'closed') issues.push({ path: ['openType'], message: '不予共享的资源不能向社会开放' });
  const names = r.items.map((i) => i.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) issues.push({ path: ['items', String(i), 'name'], message: `信息项“${n}”重复` });
  });
  return issues;
}

export const Resource = ResourceFields.extend({
  id: Id,
  code: z.string(),
  status: Status,
  version: z.number().int().meta({ description: 'the version this body shows' }),
  publishedVersion: z.number().int().nullable().meta({ description: 'the latest published version, if any' }),
  providerDepartmentId: Id,
  providerName: z.string(),
  providerCode: z.string(),
  classificationName: z.string(),
  reviewReason: z.string().nullable().meta({ description: 'why it was returned' }),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'Resource' });
export type Resource = z.infer<typeof Resource>;

export const ResourceCreate = ResourceFields.extend({
  providerDepartmentId: Id.optional().meta({ description: "bureau only: create for another department; defaults to the caller's" }),
});
// Built from the fields without defaults: an absent field in an edit means unchanged.
export const ResourcePatch = FieldsBase.partial().extend({ id: Id });
export const IdOrCode = z.object({ id: z.string().min(1).max(64).meta({ description: 'uuid or resource code' }) });

export const Review = z.object({
  id: Id,
  decision: z.enum(['approve', 'return']),
  reason: z.string().trim().max(1000).optional(),
});

export const VersionSummary = z.object({
  version: z.number().int(),
  status: Status,
  name: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
});

const FieldChange = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export const VersionDiff = z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(FieldChange) });

export const SearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  classification: z.string().regex(/^\d+$/).optional().meta({ description: 'a node code; matches it and everything under it' }),
  provider: Id.optional(),
  shareType: ShareType.optional(),
  openType: OpenType.optional(),
  format: Format.optional(),
  updateCycle: UpdateCycle.optional(),
  status: Status.optional().meta({ description: "filter by workflow status (your department's entries; the bureau sees all)" }),
  scope: z.enum(['published', 'mine', 'review', 'all']).default('published').meta({
    description:
      "published: the catalog everyone sees; mine: your department's entries in every state; review: the bureau's queue; all: every entry's working version (bureau, auditor)",
  }),
  sort: z.enum(['relevance', 'updated', 'name', 'code']).default('relevance'),
  ...Page,
});
export type SearchQuery = z.infer<typeof SearchQuery>;

const FacetCount = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export const Facets = z.object({
  classification: z.array(FacetCount),
  provider: z.array(FacetCount),
  shareType: z.array(FacetCount),
  openType: z.array(FacetCount),
  format: z.array(FacetCount),
  updateCycle: z.array(FacetCount),
});
export const SearchHit = Resource.omit({ items: true }).extend({
  itemCount: z.number().int(),
  itemNames: z.array(z.string()),
  rank: z.number().nullable(),
});
export const SearchResult = z.object({
  items: z.array(SearchHit),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: Facets,
  terms: z.array(z.string()).meta({ description: 'the segmented query words, for highlighting' }),
});
export type SearchResult = z.infer<typeof SearchResult>;

export type ClassificationNode = {
  code: string;
  name: string;
  kind: 'base' | 'theme' | 'department';
  departmentId: string | null;
  children: ClassificationNode[];
};
export const ClassificationNode: z.ZodType<ClassificationNode> = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['base', 'theme', 'department']),
    departmentId: Id.nullable(),
    get children() {
      return z.array(ClassificationNode);
    },
  })
  .meta({ id: 'ClassificationNode' });
export const ClassificationInput = z.object({ parentCode: z.string().regex(/^\d+$/), name: Name(50, 2) });

export const Stats = z.object({
  total: z.number().int(),
  byStatus: z.array(z.object({ status: Status, count: z.number().int() })),
  byDepartment: z.array(z.object({ departmentId: Id, name: z.string(), published: z.number().int(), total: z.number().int() })),
  byClassification: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  byShareType: z.array(z.object({ value: ShareType, count: z.number().int() })),
  byOpenType: z.array(z.object({ value: OpenType, count: z.number().int() })),
});

// --- Data elements (数据元) ---------------------------------------------------
export const validatorNamesForDomain = ['citizen-id', 'credit-code', 'mobile', 'phone', 'date', 'datetime', 'postcode', 'admin-division', 'email'] as const;
export const maskingRules = maskRules;
/** How an item derivable from an identifier is generalized while the identifier is masked. */
export const derivedMaskings = ['year', 'full'] as const;

export const ValueDomain = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('free') }),
  z.object({
    kind: z.literal('enum'),
    values: z
      .array(z.object({ code: z.string().min(1).max(20), label: z.string().min(1).max(50) }))
      .min(1)
      .max(500),
  }),
  z.object({
    kind: z.literal('pattern'),
    pattern: z
      .string()
      .min(1)
      .max(200)
      // The value is matched against every cell of an ingest: refuse patterns that can backtrack without end.
      .superRefine((p, ctx) => {
        const r = checkPattern(p);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
      }),
  }),
  z.object({ kind: z.literal('validator'), name: z.enum(validatorNamesForDomain) }),
]);

export const DataElementFields = z.object({
  name: Name(50),
  definition: text(1000).min(2),
  dataType: ItemType,
  length: z.number().int().min(1).max(1_000_000).nullable(),
  valueDomain: ValueDomain,
  masking: z.enum(maskingRules).default('none'),
  derivation: z
    .object({ from: z.enum(identifierKinds), masking: z.enum(derivedMaskings) })
    .nullable()
    .default(null)
    .meta({
      description:
        'the identifier this element can be read off (出生日期, 性别 from a 公民身份号码) and its mask while that identifier is masked in the same record',
    }),
});
export const DataElement = DataElementFields.extend({ identifier: z.string(), createdAt: z.string(), updatedAt: z.string() }).meta({ id: 'DataElement' });
export type DataElement = z.infer<typeof DataElement>;
export const DataElementCreate = DataElementFields.extend({
  identifier: z
    .string()
    .trim()
    .regex(/^DE\d{5}$/, '数据元标识符格式为 DE + 5位数字')
    .optional()
    .meta({ description: 'generated when omitted' }),
});
export const DataElementPatch = DataElementFields.partial().extend({ identifier: z.string() });
export const DataElementQuery = z.object({ q: z.string().trim().max(50).optional(), ...Page });

import { z } from 'zod';
import { Id, Page } from '../../platform/auth/schema.js';
import { type MaskRule, maskRules } from '../../platform/masking/mask.js';
import type { Derivation, IdentifierKind } from '../../platform/masking/plan.js';

// Base databases (基础库): one standard table per base, one golden record per key, merged
// from several departments' mounted tables. This file is the one definition of their
// fields: the merge SQL, the lookup, masking, OpenAPI and the console all read it. The
// tables themselves are in migrations/0300_bases.sql; bases.test.ts checks the two agree.

export const baseNames = ['population', 'legal_entity', 'license'] as const;
export type BaseName = (typeof baseNames)[number];
export const BaseNameParam = z.enum(baseNames).meta({ description: 'population 人口库 · legal_entity 法人库 · license 电子证照库' });

const conflictRules = ['newest', 'authority'] as const;
export type ConflictRule = (typeof conflictRules)[number];
const ConflictRuleSchema = z
  .enum(conflictRules)
  .meta({ description: 'newest: the value from the most recently published run wins · authority: the source with the highest priority wins' });

/** SQL types of base columns; a mount column feeds a field only when its type converts without loss. */
export type FieldType = 'text' | 'date' | 'numeric';

export type BaseField = {
  /** Column name in the base table, and the field's name in the API. */
  name: string;
  label: string;
  type: FieldType;
  /** The masking rule of the field's data element (DESIGN.md, "Masking"): identical in every channel. */
  masking: MaskRule;
  /** The data element (数据元) the field follows, by identifier in the demo registry. */
  element: string | null;
  /** The identifier the field holds, and what the field can be derived from (maskPlan): as the element's. */
  identifies?: IdentifierKind;
  derivation?: Derivation;
};

export type BaseDef = {
  name: BaseName;
  label: string;
  table: string;
  /** The golden record's key: the table's primary key (and Citus distribution key). */
  key: BaseField;
  /** The validator a key must pass (platform/validators), and a mapped key item's data element must name. */
  keyValidator: 'citizen-id' | 'credit-code' | null;
  /** What a well-formed stored key looks like, checked in SQL so a malformed source row never becomes a record. */
  keyPattern: string;
  /** The field the list endpoint searches by prefix. */
  searchField: string;
  fields: BaseField[];
};

const f = (
  name: string,
  label: string,
  type: FieldType,
  masking: MaskRule,
  element: string | null,
  more: Pick<BaseField, 'identifies' | 'derivation'> = {},
): BaseField => ({
  name,
  label,
  type,
  masking,
  element,
  ...more,
});

export const BASES: Readonly<Record<BaseName, BaseDef>> = {
  population: {
    name: 'population',
    label: '人口库',
    table: 'base_population',
    key: f('id_number', '公民身份号码', 'text', 'citizen-id', 'DE00004', { identifies: 'citizen-id' }),
    keyValidator: 'citizen-id',
    keyPattern: '^[0-9]{17}[0-9X]$',
    searchField: 'name',
    fields: [
      f('name', '姓名', 'text', 'name', 'DE00001'),
      f('sex', '性别', 'text', 'none', 'DE00002', { derivation: { from: 'citizen-id', masking: 'full' } }),
      f('birth_date', '出生日期', 'date', 'none', 'DE00005', { derivation: { from: 'citizen-id', masking: 'year' } }),
      f('ethnicity', '民族', 'text', 'none', 'DE00003'),
      f('household_address', '户籍地址', 'text', 'address', 'DE00024'),
      f('residence_address', '居住地址', 'text', 'address', 'DE00008'),
      f('mobile', '手机号码', 'text', 'mobile', 'DE00007'),
      f('marital_status', '婚姻状况', 'text', 'none', 'DE00022'),
      f('education', '文化程度', 'text', 'none', 'DE00023'),
      f('death_date', '死亡日期', 'date', 'none', 'DE00045'),
    ],
  },
  legal_entity: {
    name: 'legal_entity',
    label: '法人库',
    table: 'base_legal_entity',
    key: f('credit_code', '统一社会信用代码', 'text', 'none', 'DE00010', { identifies: 'credit-code' }),
    keyValidator: 'credit-code',
    keyPattern: '^[0-9A-HJ-NP-RTUW-Y]{18}$',
    searchField: 'name',
    fields: [
      f('name', '单位名称', 'text', 'none', 'DE00042'),
      f('legal_representative', '法定代表人', 'text', 'name', 'DE00011'),
      f('entity_type', '企业类型', 'text', 'none', 'DE00015'),
      f('registered_capital', '注册资本', 'numeric', 'none', 'DE00014'),
      f('established_on', '成立日期', 'date', 'none', 'DE00013'),
      f('address', '住所', 'text', 'none', 'DE00043'),
      f('status', '经营状态', 'text', 'none', null),
      f('industry', '行业', 'text', 'none', null),
      f('registration_authority', '登记机关', 'text', 'none', 'DE00012'),
      f('business_scope', '经营范围', 'text', 'none', 'DE00016'),
    ],
  },
  license: {
    name: 'license',
    label: '电子证照库',
    table: 'base_license',
    key: f('license_no', '证照编号', 'text', 'none', 'DE00017'),
    keyValidator: null,
    keyPattern: '^[^[:cntrl:]]{1,64}$',
    searchField: 'holder_name',
    fields: [
      f('license_type', '证照名称', 'text', 'none', 'DE00018'),
      // A holder is a person or an organization: masked as a person, the stricter of the two.
      f('holder_name', '持证主体名称', 'text', 'name', null),
      f('holder_id', '持证主体代码', 'text', 'citizen-id', null, { identifies: 'citizen-id' }),
      f('issuer', '发证机关', 'text', 'none', 'DE00021'),
      f('issued_on', '发证日期', 'date', 'none', 'DE00019'),
      f('expires_on', '有效期至', 'date', 'none', null),
      f('validity', '有效期限', 'text', 'none', 'DE00020'),
      f('status', '证照状态', 'text', 'none', null),
    ],
  },
};

/** Key first, then the fields: the order of the table's columns and of a record's fields. */
export const allFields = (b: BaseDef): BaseField[] => [b.key, ...b.fields];
export const fieldOf = (b: BaseDef, name: string): BaseField | undefined => allFields(b).find((x) => x.name === name);

/** Mount column types (catalog item types) each base field type accepts. */
export const FEEDS_FROM: Readonly<Record<FieldType, readonly string[]>> = {
  text: ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean'],
  date: ['date', 'datetime'],
  numeric: ['integer', 'decimal'],
};

// --- API shapes -----------------------------------------------------------------------

const FieldDef = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['text', 'date', 'numeric']),
  masking: z.enum(maskRules),
  element: z.string().nullable(),
  key: z.boolean(),
});

/** base field → the mount's item name (信息项名称). */
const FieldMap = z
  .record(z.string().min(1).max(60), z.string().trim().min(1).max(200))
  .meta({ description: 'base field → the item name (信息项名称) in the mount that feeds it; the key field is required' });

export const MergeCounts = z
  .object({
    considered: z.number().int().meta({ description: 'source rows not merged before (written by runs after the last merge)' }),
    skipped: z.number().int().meta({ description: 'of those, rows without a well-formed key' }),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    fromRun: z.number().int(),
    toRun: z.number().int(),
    ms: z.number().int(),
  })
  .meta({ id: 'BaseMergeCounts' });
export type MergeCounts = z.infer<typeof MergeCounts>;

export const Feed = z
  .object({
    id: z.number().int(),
    base: BaseNameParam,
    mountId: Id,
    mountName: z.string(),
    resourceId: Id,
    resourceCode: z.string(),
    resourceName: z.string(),
    departmentId: Id,
    departmentName: z.string(),
    fieldMap: z.record(z.string(), z.string()),
    priority: z.number().int(),
    enabled: z.boolean(),
    mergedRun: z.number().int().meta({ description: 'the last ingest run (seq) of the mount merged into the base' }),
    mergedAt: z.string().nullable(),
    lastMerge: MergeCounts.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'BaseFeed' });
export type Feed = z.infer<typeof Feed>;

export const FeedCreate = z.object({
  mountId: Id,
  fieldMap: FieldMap,
  priority: z.number().int().min(0).max(1000).default(0),
  enabled: z.boolean().default(true),
});
export const FeedPatch = z.object({
  fieldMap: FieldMap.optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  enabled: z.boolean().optional(),
});

export const BaseSummary = z
  .object({
    name: BaseNameParam,
    label: z.string(),
    table: z.string(),
    rule: ConflictRuleSchema,
    resourceId: Id.nullable().meta({ description: 'the catalog entry departments request to read the base' }),
    records: z.number().int(),
    key: z.string(),
    fields: z.array(FieldDef),
    feeds: z.array(Feed),
    lastMergeAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Base' });
export type BaseSummary = z.infer<typeof BaseSummary>;

export const BasePatch = z.object({
  rule: ConflictRuleSchema.optional(),
  resourceId: Id.nullable()
    .optional()
    .meta({ description: 'the base’s published catalog entry: a department holding a grant on it reads the granted fields; null unlinks' }),
});

export const Source = z
  .object({
    run: z.number().int().meta({ description: 'the ingest run (seq) that delivered the value' }),
    runId: Id,
    at: z.string().meta({ description: 'when that run was published' }),
    mountId: Id,
    feedId: z.number().int().nullable(),
    priority: z.number().int().nullable().meta({ description: 'the feed’s priority now' }),
    resourceId: Id,
    resourceCode: z.string(),
    resourceName: z.string(),
    departmentId: Id,
    departmentName: z.string(),
  })
  .meta({ id: 'BaseSource' });
export type Source = z.infer<typeof Source>;

const RecordField = z.object({
  field: z.string(),
  label: z.string(),
  value: z.string().nullable(),
  masked: z.boolean(),
  source: Source.nullable(),
});

export const GoldenRecord = z
  .object({
    base: BaseNameParam,
    key: z.string().meta({ description: 'masked like the key field unless you may see it' }),
    fields: z.array(RecordField),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'BaseRecord' });
export type GoldenRecord = z.infer<typeof GoldenRecord>;

export const RecordQuery = z.object({
  prefix: z.string().trim().min(1).max(50).optional().meta({ description: 'prefix of the search field (姓名 / 单位名称 / 持证主体名称)' }),
  ...Page,
});

export const RecordList = z
  .object({
    items: z.array(z.object({ key: z.string(), values: z.record(z.string(), z.string().nullable()), updatedAt: z.string() })),
    total: z.number().int(),
    totalCapped: z.boolean().meta({ description: 'true when more records match than were counted (10,000)' }),
    masked: z.array(z.string()).meta({ description: 'the fields shown masked' }),
  })
  .meta({ id: 'BaseRecordList' });

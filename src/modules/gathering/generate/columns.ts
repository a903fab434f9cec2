/**
 * What each generator writes: the 信息项 (item names) of the demo catalog entry its data
 * would be mounted under, in the entry's order, so a CSV header maps to items by name.
 * `columns.test.ts` checks these lists against src/demo, so a renamed item fails a test
 * instead of silently producing a header that no longer matches.
 */

export const generateKinds = ['population', 'legal-entity', 'license'] as const;
export type GenerateKind = (typeof generateKinds)[number];

/** The catalog entry (provider department key + entry name) each kind is mounted under. */
export const SOURCE_ENTRIES: Readonly<Record<GenerateKind, { provider: string; entry: string }>> = {
  /** 市公安局: 户口登记, the main source of the 人口库. */
  population: { provider: 'gaj', entry: '淄博市户籍人口基本信息' },
  /** 市市场监管局: 企业登记, the main source of the 法人库. */
  'legal-entity': { provider: 'scjgj', entry: '企业登记注册信息' },
  /**
   * 市大数据局: the 电子证照库's own catalog of licences from every issuing department
   * (holder may be a person or an organization), rather than one department's licence.
   */
  license: { provider: 'dsjj', entry: '电子证照目录及照面信息' },
};

export const POPULATION_COLUMNS = [
  '姓名',
  '公民身份号码',
  '性别',
  '民族',
  '出生日期',
  '户籍地址',
  '户号',
  '与户主关系',
  '婚姻状况',
  '文化程度',
  '户籍登记日期',
  '所属派出所',
] as const;

export const LEGAL_ENTITY_COLUMNS = [
  '单位名称',
  '统一社会信用代码',
  '法定代表人',
  '企业类型',
  '成立日期',
  '注册资本',
  '住所',
  '经营范围',
  '登记机关',
  '登记状态',
  '核准日期',
] as const;

export const LICENSE_COLUMNS = ['证照名称', '证照编号', '持证主体名称', '持证主体代码', '发证机关', '发证日期', '有效期限', '证照状态'] as const;

export const COLUMNS: Readonly<Record<GenerateKind, readonly string[]>> = {
  population: POPULATION_COLUMNS,
  'legal-entity': LEGAL_ENTITY_COLUMNS,
  license: LICENSE_COLUMNS,
};

/** The key column of each kind: unique across every index of the kind's key space. */
export const KEY_COLUMN: Readonly<Record<GenerateKind, string>> = {
  population: '公民身份号码',
  'legal-entity': '统一社会信用代码',
  license: '证照编号',
};

/**
 * Maximum lengths (characters) of the items, as the catalog entries declare them (from the
 * item's data element or its own `:sN`). Only used to make over-long faults really over-long;
 * checked against src/demo by the tests.
 */
export const ITEM_LENGTHS: Readonly<Record<string, number>> = {
  姓名: 50,
  户籍地址: 200,
  户号: 20,
  与户主关系: 20,
  所属派出所: 100,
  单位名称: 200,
  住所: 200,
  经营范围: 4000,
  证照名称: 100,
  证照编号: 64,
  持证主体名称: 200,
  持证主体代码: 18,
};

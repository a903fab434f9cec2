import type { Platform } from '../app.js';
import { BASES, type BaseName } from '../modules/bases/schema.js';
import { createFeed, updateBase } from '../modules/bases/service.js';
import { tableMountOf } from '../modules/gathering/index.js';
import { systemPrincipal } from '../platform/auth/principal.js';

/**
 * The demo city's feeds: each base fed by the entry the gathering generator writes for it
 * (src/modules/gathering/generate/columns.ts SOURCE_ENTRIES), field by field.
 */
export const DEMO_FEEDS: { base: BaseName; entry: string; priority: number; fieldMap: Record<string, string> }[] = [
  {
    base: 'population',
    entry: '淄博市户籍人口基本信息',
    priority: 10,
    fieldMap: {
      id_number: '公民身份号码',
      name: '姓名',
      sex: '性别',
      ethnicity: '民族',
      birth_date: '出生日期',
      household_address: '户籍地址',
      marital_status: '婚姻状况',
      education: '文化程度',
    },
  },
  {
    base: 'legal_entity',
    entry: '企业登记注册信息',
    priority: 10,
    fieldMap: {
      credit_code: '统一社会信用代码',
      name: '单位名称',
      legal_representative: '法定代表人',
      entity_type: '企业类型',
      registered_capital: '注册资本',
      established_on: '成立日期',
      address: '住所',
      status: '登记状态',
      registration_authority: '登记机关',
      business_scope: '经营范围',
    },
  },
  {
    base: 'license',
    entry: '电子证照目录及照面信息',
    priority: 10,
    fieldMap: {
      license_no: '证照编号',
      license_type: '证照名称',
      holder_name: '持证主体名称',
      holder_id: '持证主体代码',
      issuer: '发证机关',
      issued_on: '发证日期',
      validity: '有效期限',
      status: '证照状态',
    },
  },
];

/** The bureau's catalog entry for each base: departments request it to read the base. */
export const DEMO_BASE_ENTRIES: Record<BaseName, string> = {
  population: '人口综合库融合信息',
  legal_entity: '法人综合库融合信息',
  license: '电子证照目录及照面信息',
};

/** The id of the published catalog entry of this name, if there is one. */
async function publishedEntryNamed(p: Platform, name: string): Promise<string | null> {
  const [entry] = await p.db.query<{ id: string }>('SELECT resource_id AS id FROM catalog_resource_versions WHERE name = $1 AND is_published', [name]);
  return entry?.id ?? null;
}

/**
 * Wires the demo's table mounts into the bases and merges what they hold (through the same
 * actions and job the bureau's console uses). A base whose entry is not mounted is left empty.
 * For the demo seed, after the gathering seed: `await seedBaseFeeds(p, log)`.
 */
export async function seedBaseFeeds(p: Platform, log: (s: string) => void = () => {}): Promise<void> {
  const sys = systemPrincipal('seed');
  for (const d of DEMO_FEEDS) {
    const entry = await publishedEntryNamed(p, d.entry);
    const mount = entry ? await tableMountOf(p.db, entry) : null;
    if (!mount) {
      log(`${BASES[d.base].label}: ${d.entry} is not mounted, no feed`);
      continue;
    }
    await p.actions.run(createFeed, sys, { base: d.base, mountId: mount.id, fieldMap: d.fieldMap, priority: d.priority, enabled: true });
  }
  // Each new feed queued a merge of what its mount holds.
  await p.jobs.work();
  for (const [base, name] of Object.entries(DEMO_BASE_ENTRIES)) {
    const entry = await publishedEntryNamed(p, name);
    if (entry) await p.actions.run(updateBase, sys, { base: base as BaseName, resourceId: entry });
  }
  const counts = await p.db.query<{ base: string; records: number }>('SELECT base, records::int AS records FROM base_settings ORDER BY base');
  log(`base databases: ${counts.map((c) => `${c.base} ${c.records}`).join(', ')}`);
}

import type { Platform } from '../app.js';
import { publishedEntry } from '../modules/catalog/index.js';
import type { Resource } from '../modules/catalog/schema.js';
import { lookupRecord, readRecords } from '../modules/sharing/deliver.js';
import { checkRequest, createRequest, reviewRequest } from '../modules/sharing/service.js';
import { shanghaiDay } from '../modules/sharing/workdays.js';
import type { Principal } from '../platform/auth/principal.js';
import { users } from '../platform/auth/store.js';

/** A request the demo files: who asks for which entry, why, on what basis, and for which items. */
export type DemoRequest = { requester: string; entry: string; purpose: string; legalBasis: string; items: string[] };

/** 民政局 verifies 低保 applicants against 公安局's population register: checked, approved, an active grant. */
export const DEMO_GRANTED: DemoRequest = {
  requester: 'mzj_user',
  entry: '淄博市户籍人口基本信息',
  purpose: '最低生活保障对象身份核验：核对低保申请人及共同生活家庭成员的身份和户籍信息',
  legalBasis: '《社会救助暂行办法》第十一条',
  items: ['姓名', '公民身份号码', '性别', '出生日期', '户籍地址', '户号', '与户主关系'],
};

/** 医保局 stops benefits of the deceased: the bureau passed it, it waits for 公安局's review. */
export const DEMO_AWAITING_REVIEW: DemoRequest = {
  requester: 'ybj_admin',
  entry: '户籍人口死亡注销信息',
  purpose: '医疗保障待遇停发：参保人员死亡后及时终止医保关系，防止冒领医保待遇',
  legalBasis: '《医疗保障基金使用监督管理条例》第十五条',
  items: ['姓名', '公民身份号码', '死亡日期', '注销日期'],
};

/** 住房公积金管理中心 checks marital status for withdrawals and loans: it waits for the bureau's check. */
export const DEMO_AWAITING_CHECK: DemoRequest = {
  requester: 'gjjzx_admin',
  entry: '婚姻登记信息',
  purpose: '住房公积金提取和贷款审批中核验申请人婚姻状况',
  legalBasis: '《住房公积金管理条例》第二十四条',
  items: ['男方姓名', '男方公民身份号码', '女方姓名', '女方公民身份号码', '登记类型', '登记日期'],
};

/** Shared by 接口 without conditions: its first use by a department makes that department's grant. */
export const DEMO_CALLED_ENTRY = '企业登记注册信息';

/**
 * The demo city's sharing: one request granted through every step, one waiting for the
 * bureau's check and one for the provider's review, and calls through the share API, so
 * the sharing console's queues, grants, call log and usage charts are not empty on first
 * start. Each step is the action a person would take, as that person, so the audit log,
 * the call log and the events are those of real use. For seedDemo, after the catalog, the
 * calendar and the gathering seed.
 */
export async function seedSharing(p: Platform, log: (s: string) => void = () => {}): Promise<void> {
  const as = (username: string) => userPrincipal(p, username);
  const useFrom = shanghaiDay(new Date());
  const useTo = `${Number(useFrom.slice(0, 4)) + 1}-12-31`;
  const file = async (r: DemoRequest) => {
    const entry = await entryNamed(p, r.entry);
    const { requester, entry: _name, ...why } = r;
    return p.actions.run(createRequest, await as(requester), { resourceId: entry.id, ...why, delivery: entry.shareVia ?? 'api', useFrom, useTo });
  };
  const pass = async (id: string) => p.actions.run(checkRequest, await as('admin'), { id, decision: 'pass' });

  const granted = await file(DEMO_GRANTED);
  await pass(granted.id);
  const approved = await p.actions.run(reviewRequest, await as('gaj_admin'), {
    id: granted.id,
    decision: 'approve',
    reason: '同意共享，仅限低保对象身份核验使用，不得向第三方提供',
    callsPerDay: 5_000,
  });
  log(`sharing: ${granted.consumerDepartmentName} → ${granted.resourceName}, granted (${approved.grantId})`);

  await pass((await file(DEMO_AWAITING_REVIEW)).id);
  await file(DEMO_AWAITING_CHECK);
  log('sharing: one request awaiting the bureau’s check, one awaiting the provider’s review');

  const calls = await callShareApi(p, await as('mzj_user'), await as('shuiwj_admin'));
  log(`sharing: ${calls} calls to ${DEMO_CALLED_ENTRY} through the share API`);
}

/** A dozen pages of 企业登记注册信息 and a few lookups by 民政局, a few pages by 税务局: the call log and usage charts. */
async function callShareApi(p: Platform, mzj: Principal, tax: Principal): Promise<number> {
  const resource = (await entryNamed(p, DEMO_CALLED_ENTRY)).id;
  const read = (who: Principal, q: { fields?: string; filter?: string; limit?: number; after?: string }) => p.actions.run(readRecords, who, { resource, ...q });
  let calls = 0;
  // 民政局 pages through enterprises by credit code (the first call makes its grant), then looks a few up.
  const fields = '单位名称,统一社会信用代码,法定代表人,登记状态';
  let after: string | undefined;
  const codes: string[] = [];
  for (let i = 0; i < 8; i++) {
    const page = await read(mzj, { fields, limit: 20, after });
    calls++;
    codes.push(...page.records.map((r) => r.values.统一社会信用代码).filter((c): c is string => !!c));
    if (!page.next) break;
    after = page.next;
  }
  for (const status of ['存续（在营、开业、在册）', '注销', '吊销，未注销', '迁出']) {
    await read(mzj, { fields, limit: 50, filter: JSON.stringify({ field: '登记状态', op: 'eq', value: status }) });
    calls++;
  }
  for (const key of codes.filter((_, i) => i % 17 === 3).slice(0, 4)) {
    await p.actions.run(lookupRecord, mzj, { resource, key, fields: '单位名称,统一社会信用代码,法定代表人,住所,登记状态' });
    calls++;
  }
  // 税务局 takes whole records, a few pages of them.
  after = undefined;
  for (let i = 0; i < 3; i++) {
    const page = await read(tax, { limit: 100, after });
    calls++;
    if (!page.next) break;
    after = page.next;
  }
  return calls;
}

async function entryNamed(p: Platform, name: string): Promise<Resource> {
  const [row] = await p.db.query<{ id: string }>('SELECT resource_id AS id FROM catalog_resource_versions WHERE name = $1 AND is_published', [name]);
  const entry = row && (await publishedEntry(p.db, row.id));
  if (!entry) throw new Error(`demo entry ${name} is not published`);
  return entry;
}

/** A demo user as the platform sees a signed-in one (principalFromToken): from the users table. */
async function userPrincipal(p: Platform, username: string): Promise<Principal> {
  const u = await users.byUsername(p.db, username);
  if (!u) throw new Error(`demo user ${username} does not exist`);
  return { kind: 'user', userId: u.id, username: u.username, departmentId: u.department_id, roles: u.roles, ip: null };
}

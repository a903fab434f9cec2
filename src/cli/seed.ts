import type { Platform } from '../app.js';
import { seedBaseFeeds } from '../demo/bases.js';
import { demoCatalogEntries } from '../demo/catalog-entries.js';
import { demoDataElements } from '../demo/data-elements.js';
import { demoDepartments } from '../demo/departments.js';
import { seedGathering } from '../demo/gathering.js';
import { seedSharing } from '../demo/sharing.js';
import { baseClassifications, demoThemes } from '../demo/themes.js';
import { createClassification } from '../modules/catalog/classifications.js';
import { createDataElement } from '../modules/catalog/data-elements.js';
import { importResources } from '../modules/catalog/import.js';
import { DEMO_CALENDAR_2026, setCalendar } from '../modules/sharing/index.js';
import type { Role } from '../platform/auth/principal.js';
import { systemPrincipal } from '../platform/auth/principal.js';
import { createDepartment, createUser } from '../platform/auth/service.js';
import { departments } from '../platform/auth/store.js';

type DemoAccount = { username: string; role: Role; department: string };

/**
 * The demo city, written through the same actions a person would use, so the demo's
 * audit log and events look like real use. Returns the accounts it made.
 */
export async function seedDemo(p: Platform, password: string, log: (s: string) => void = () => {}): Promise<DemoAccount[]> {
  const sys = systemPrincipal('seed');
  const run = p.actions.run.bind(p.actions);
  if ((await departments.list(p.db)).length) throw new Error('The database already has departments; the demo seeds only an empty one.');

  log(`departments: ${demoDepartments.length}`);
  const ids = new Map<string, string>();
  for (const d of demoDepartments) {
    const out = await run(createDepartment, sys, {
      name: d.name,
      shortName: d.shortName,
      code: d.code,
      creditCode: d.creditCode,
      parentId: d.parentKey ? (ids.get(d.parentKey) ?? null) : null,
      isBureau: d.isBureau ?? false,
    });
    ids.set(d.key, out.id);
    // Department classification nodes are made by an event subscriber, in creation order.
    await p.events.drain();
  }

  log('classifications');
  for (const t of demoThemes) await expectCode(run(createClassification, sys, { parentCode: '2', name: t.name }), t.code);
  for (const node of baseClassifications.flatMap((n) => n.children ?? [])) {
    for (const child of node.children ?? []) await expectCode(run(createClassification, sys, { parentCode: node.code, name: child.name }), child.code);
  }

  log(`data elements: ${demoDataElements.length}`);
  for (const e of demoDataElements) await run(createDataElement, sys, e);

  const accounts: DemoAccount[] = [];
  const user = async (username: string, displayName: string, key: string, role: Role) => {
    await run(createUser, sys, { username, displayName, departmentId: ids.get(key) as string, roles: [role], password });
    accounts.push({ username, role, department: demoDepartments.find((d) => d.key === key)?.name ?? key });
  };
  const bureau = demoDepartments.find((d) => d.isBureau)?.key as string;
  await user('admin', '系统管理员', bureau, 'admin');
  await user('auditor', '安全审计员', bureau, 'auditor');
  await user('gaj_admin', '公安局目录管理员', 'gaj', 'dept_admin');
  await user('gaj_user', '公安局数据专员', 'gaj', 'dept_user');
  await user('mzj_admin', '民政局目录管理员', 'mzj', 'dept_admin');
  await user('mzj_user', '民政局数据专员', 'mzj', 'dept_user');
  for (const d of demoDepartments)
    if (d.key !== 'gaj' && d.key !== 'mzj' && !d.isBureau) await user(`${d.key}_admin`, `${d.shortName}管理员`, d.key, 'dept_admin');
  log(`users: ${accounts.length}`);

  // Most entries are published; a few of 公安 and 民政 stay in draft or in review, so the
  // demo's to-do lists and review queue have something in them.
  const entries = demoCatalogEntries();
  const codeOf = new Map(demoDepartments.map((d) => [d.key, d.code]));
  const rows = entries.map((e, i) => {
    const { providerKey, ...fields } = e;
    return { row: i + 2, seq: String(i + 1), providerCode: codeOf.get(providerKey) as string, itemRows: [], fields };
  });
  const pending = (key: string) => rows.filter((r) => r.providerCode === codeOf.get(key)).slice(-2);
  const held = new Set([...pending('gaj'), ...pending('mzj')]);
  await run(importResources, sys, { rows: rows.filter((r) => !held.has(r)), stage: 'publish', fileName: 'demo' });
  const [submit, draft] = [[...held].filter((_, i) => i % 2 === 0), [...held].filter((_, i) => i % 2 === 1)];
  await run(importResources, sys, { rows: submit, stage: 'submit', fileName: 'demo' });
  await run(importResources, sys, { rows: draft, stage: 'draft', fileName: 'demo' });
  log(`catalog entries: ${rows.length} (${held.size} not yet published)`);
  await run(setCalendar, sys, { days: [...DEMO_CALENDAR_2026] });
  log('working-day calendar: 2026');
  await seedGathering(p, log);
  await seedBaseFeeds(p, log);
  await seedSharing(p, log);
  return accounts;
}

async function expectCode(created: Promise<{ code: string }>, expected: string) {
  const { code } = await created;
  if (code !== expected) throw new Error(`demo classification expected code ${expected} but got ${code}`);
}

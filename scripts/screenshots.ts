// npm run screenshots: the main pages in Chinese at 1366×768, into docs/screenshots/,
// from a fresh demo server and Debian's Chromium (the same set-up as the browser tests).
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch, login } from '../test/e2e/browser.js';
import { startDemoServer } from '../test/e2e/server.js';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

type Shot = {
  name: string;
  user: string | null;
  path: string | ((base: string, page: Page) => Promise<string>);
  width?: number;
  height?: number;
  full?: boolean;
};

async function firstEntry(base: string, page: Page): Promise<string> {
  const res = await page.request.get(`${base}/api/v1/catalog/resources?q=${encodeURIComponent('户籍')}&pageSize=1`);
  return `/catalog/${(await res.json()).items[0].id}`;
}

async function populationMount(base: string, page: Page): Promise<string> {
  const res = await page.request.get(`${base}/api/v1/mounts?kind=table&pageSize=50`);
  const mount = (await res.json()).items.find((m: { resourceName: string }) => m.resourceName === '淄博市户籍人口基本信息');
  return `/gathering/mounts/${mount.id}`;
}

async function populationRun(base: string, page: Page): Promise<string> {
  const mount = (await populationMount(base, page)).split('/').at(-1);
  const res = await page.request.get(`${base}/api/v1/mounts/${mount}/runs?pageSize=1`);
  return `/gathering/runs/${(await res.json()).items[0].id}`;
}

/** The population entry's request form, as a department that would ask for it. */
async function populationRequest(base: string, page: Page): Promise<string> {
  const res = await page.request.get(`${base}/api/v1/catalog/resources?q=${encodeURIComponent('淄博市户籍人口基本信息')}&pageSize=5`);
  const entry = (await res.json()).items.find((e: { name: string }) => e.name === '淄博市户籍人口基本信息');
  return `/sharing/requests/new?resourceId=${entry.id}`;
}

/** A grant with some use: the first calls of 企业登记注册信息 (unconditional, 接口) record it. */
async function usedGrant(base: string, page: Page): Promise<string> {
  const res = await page.request.get(`${base}/api/v1/catalog/resources?q=${encodeURIComponent('企业登记注册信息')}&pageSize=5`);
  const entry = (await res.json()).items.find((e: { name: string }) => e.name === '企业登记注册信息');
  let grantId = '';
  for (let i = 0; i < 12; i++) grantId = (await (await page.request.get(`${base}/api/v1/share/${entry.id}/records?limit=${5 + i}`)).json()).grantId;
  return `/sharing/grants/${grantId}`;
}

const shots: Shot[] = [
  { name: '01-login', user: null, path: '/login' },
  { name: '02-home', user: 'admin', path: '/' },
  { name: '03-catalog-search', user: 'gaj_user', path: `/catalog?q=${encodeURIComponent('人口')}` },
  { name: '04-entry-detail', user: 'gaj_user', path: firstEntry, full: true },
  { name: '05-entry-form', user: 'gaj_user', path: '/catalog/new', full: true },
  { name: '06-review-queue', user: 'admin', path: '/review' },
  { name: '07-excel-import', user: 'gaj_user', path: '/import' },
  { name: '08-data-elements', user: 'admin', path: '/data-elements' },
  { name: '09-departments-users', user: 'admin', path: '/admin' },
  { name: '10-audit-log', user: 'auditor', path: '/audit' },
  { name: '11-profile-api-keys', user: 'gaj_admin', path: '/profile' },
  { name: '13-mounts', user: 'admin', path: '/gathering' },
  { name: '14-mount-preview-masked', user: 'mzj_user', path: populationMount },
  { name: '15-run-quality', user: 'gaj_user', path: populationRun, full: true },
  { name: '16-upload', user: 'gaj_user', path: async (b, p) => `${await populationMount(b, p)}?tab=upload` },
  { name: '17-base-lookup', user: 'gaj_user', path: '/bases' },
  { name: '12-phone-search', user: 'gaj_user', path: `/catalog?q=${encodeURIComponent('企业')}`, width: 390, height: 844 },
  { name: '18-share-request', user: 'mzj_user', path: populationRequest, full: true },
  { name: '19-grant-usage', user: 'mzj_user', path: usedGrant, full: true },
  { name: '20-share-review-queue', user: 'gaj_admin', path: '/sharing/review' },
  { name: '21-share-grants', user: 'gaj_admin', path: '/sharing/grants?side=provider' },
];
// `npm run screenshots -- 18-share-request 19-grant-usage` makes only the named ones.
const only = process.argv.slice(2);

const server = await startDemoServer();
const browser = await launch();
try {
  for (const s of shots.filter((x) => !only.length || only.includes(x.name))) {
    const context = await browser.newContext({ viewport: { width: s.width ?? 1366, height: s.height ?? 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    if (s.user) await login(page, server.base, s.user);
    const path = typeof s.path === 'string' ? s.path : await s.path(server.base, page);
    await page.goto(server.base + path);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(600); // charts animate in
    await page.screenshot({ path: `${OUT}${s.name}.png`, fullPage: s.full ?? false });
    console.log(`docs/screenshots/${s.name}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

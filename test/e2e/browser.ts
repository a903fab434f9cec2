import { type Browser, chromium, type Page, type Response } from 'playwright-core';

// Debian's Chromium, never a downloaded one; flags that keep it off the network.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Logs in through the login form, as a person would. */
export async function login(page: Page, base: string, username: string, password = 'Jutong@2026') {
  await page.goto(`${base}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Waits for the page to reach `url`; when it does not, fails with what the page showed
 * instead (form errors, messages) and the API calls that failed, since a bare timeout in
 * CI says nothing about why a form stayed put.
 */
export async function expectNavigation(page: Page, url: RegExp, timeout = 30_000): Promise<void> {
  const failed: string[] = [];
  const onResponse = (r: Response) => {
    if (r.status() >= 400) failed.push(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  };
  page.on('response', onResponse);
  try {
    await page.waitForURL(url, { timeout });
  } catch (e) {
    const shown = await page
      .locator('.ant-form-item-explain-error, .ant-message-notice, .ant-notification-notice, .ant-alert')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `the page stayed at ${page.url()} instead of ${url}: shown [${shown.join(' | ')}], failed calls [${failed.join(', ')}]\n${(e as Error).message}`,
    );
  } finally {
    page.off('response', onResponse);
  }
}

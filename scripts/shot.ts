// Development aid: node bin/run-ts.mjs scripts/shot.ts <base-url> <path> <out.png> [username] [width] [height]
import { launch, login } from '../test/e2e/browser.js';

const [base, path, out, username, width = '1366', height = '768'] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, locale: 'zh-CN' });
  if (username) await login(page, base, username);
  await page.goto(base + path);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}

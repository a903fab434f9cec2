#!/usr/bin/env node
// Builds the console into web/dist when its sources changed since the last build, so
// `npm install`, `npm start` and `npm test` always serve the console of this checkout
// without paying for a rebuild each time. `--force` rebuilds anyway.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputs = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/modules/catalog/schema.ts', 'src/platform/auth/schema.ts', 'package-lock.json'];
const stamp = join(root, 'web/dist/.source-hash');

function files(p) {
  const full = join(root, p);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true })
    .map((f) => join(full, f))
    .filter((f) => statSync(f).isFile() && !/\.test\.tsx?$/.test(f));
}

const hash = createHash('sha1');
for (const f of inputs.flatMap(files).sort()) hash.update(relative(root, f)).update(readFileSync(f));
const digest = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) process.exit(0);
if (!existsSync(join(root, 'node_modules/vite/bin/vite.js'))) {
  console.log('vite is not installed (production install?): the console is not rebuilt; the API runs without it.');
  process.exit(0);
}
console.log('building the console (web/dist)…');
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
writeFileSync(stamp, digest);

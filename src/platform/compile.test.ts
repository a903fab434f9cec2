import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';

// compile.mjs runs the server and its workers: an edited source must never run from an old
// copy, and a source finds the files beside it as it does under tsx.

const dir = fileURLToPath(new URL(`../../.tmp/compile-${process.pid}/`, import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// In a child process, as bin/jutong.mjs runs it: a module once imported stays in its process.
function run(): { value: string; here: string } {
  const compile = JSON.stringify(new URL('./compile.mjs', import.meta.url).href);
  const script = `const { compiled } = await import(${compile});
    const { pathToFileURL } = await import('node:url');
    await import(pathToFileURL(\`\${await compiled(${JSON.stringify(dir)})}/src/entry.js\`).href);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

it('compiles again when a source changes, reuses a copy when it changes back, and keeps import.meta.url', () => {
  mkdirSync(join(dir, 'src/lib'), { recursive: true });
  writeFileSync(join(dir, 'src/entry.ts'), "import { here, value } from './lib/dep.js';\nconsole.log(JSON.stringify({ value, here }));\n");
  const dep = (value: string) => writeFileSync(join(dir, 'src/lib/dep.ts'), `export const value: string = '${value}';\nexport const here = import.meta.url;\n`);
  dep('one');
  expect(run()).toEqual({ value: 'one', here: pathToFileURL(join(dir, 'src/lib/dep.ts')).href });
  dep('two');
  expect(run().value).toBe('two');
  dep('one');
  expect(run().value).toBe('one');
  writeFileSync(join(dir, 'src/entry.test.ts'), 'a test file does not count');
  expect(run().value).toBe('one');
  expect(readdirSync(join(dir, 'node_modules/.cache/jutong'))).toHaveLength(2);
});

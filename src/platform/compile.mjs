// Runs the TypeScript in src/ without tsx: esbuild compiles every file of src/ (tests aside)
// into a copy of the tree under node_modules/.cache/jutong/<hash>/, once per state of the
// sources, and the entry is imported from there. Why: tsx compiles in a loader thread of its
// own (a V8 isolate) and keeps each compiled source with its map; the server started at
// ~210 MB RSS through tsx, ~145 MB from the compiled copy. Why not one bundle: the parse
// worker ran ~30 % slower from a bundle than from the same code as separate modules.
//
// A stale copy never runs: its name is the hash of the bytes it was compiled from (with the
// list of files), and each start hashes src/ again (~120 files, ~15 ms). Code that finds
// files next to itself keeps working: each source's `import.meta.url` (and .filename,
// .dirname) is replaced by its own, so the checkout's path is part of the hash too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The compiled copy this process runs from (worker threads get a copy of process.env). */
const COPY = 'JUTONG_COMPILED_COPY';

/** Imports a module of src/ (a file: URL to its .ts) from the compiled copy, or through tsx when none can be made. */
export async function importTs(entry) {
  let url;
  try {
    // A worker thread runs from its process's copy: the same code as the thread that started
    // it, without hashing src/ again on every ingest run.
    const dir = (!isMainThread && process.env[COPY]) || (await compiled(root));
    process.env[COPY] = dir;
    url = pathToFileURL(join(dir, relative(root, fileURLToPath(entry)).replace(/\.ts$/, '.js'))).href;
    process.setSourceMapsEnabled(true); // stack traces point into src/, as under tsx
  } catch (e) {
    // A read-only node_modules, or an error in the sources (which tsx then reports as it
    // always has): the program still runs, at the cost said above.
    console.error(`(running through tsx, not compiled: ${e?.message ?? e})`);
    const { register } = await import('tsx/esm/api');
    register();
    url = entry.href;
  }
  return import(url);
}

/** The compiled copy of `<dir>/src` for the sources as they are now: made if missing; returns its directory. */
export async function compiled(dir) {
  const files = readdirSync(join(dir, 'src'), { recursive: true })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => join('src', f));
  const sources = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
  const tsconfig = existsSync(join(dir, 'tsconfig.json')) ? readFileSync(join(dir, 'tsconfig.json'), 'utf8') : '{}';
  // What decides the output: the checkout's path, this file, tsconfig.json, esbuild's version, the sources.
  const hash = createHash('sha256').update(dir).update(tsconfig);
  for (const f of [fileURLToPath(import.meta.url), createRequire(import.meta.url).resolve('esbuild/package.json')]) hash.update(readFileSync(f));
  for (const [f, bytes] of sources) hash.update(`\0${f}\0`).update(bytes);
  const cacheDir = join(dir, 'node_modules/.cache/jutong');
  const out = join(cacheDir, hash.digest('hex').slice(0, 16));
  if (existsSync(out)) {
    try {
      utimesSync(out, new Date(), new Date()); // in use: see the pruning below
    } catch {
      // a read-only node_modules with the copy made beforehand
    }
    return out;
  }
  await compile(sources, tsconfig, dir, out);
  // Copies unused for a week go, and any left half made by a killed process (not sooner: a
  // process running from a copy may still import from it lazily).
  for (const f of readdirSync(cacheDir)) {
    const p = join(cacheDir, f);
    const age = Date.now() - (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (p !== out && age > 7 * 86_400_000) rmSync(p, { recursive: true, force: true });
  }
  return out;
}

async function compile(sources, tsconfig, dir, out) {
  const esbuild = await import('esbuild');
  const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const results = await Promise.all(
      [...sources].map(async ([f, bytes]) => {
        const path = join(dir, f);
        const own = { url: pathToFileURL(path).href, filename: path, dirname: dirname(path) };
        const code = bytes.toString('utf8').replace(/import\.meta\.(url|filename|dirname)\b/g, (_, k) => JSON.stringify(own[k]));
        const options = { loader: 'ts', format: 'esm', platform: 'node', target: 'node20', tsconfigRaw: tsconfig, sourcefile: own.url };
        return [f, await esbuild.transform(code, { ...options, sourcemap: 'external', sourcesContent: false })];
      }),
    );
    for (const [f, { code, map }] of results) {
      const js = join(tmp, f.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(js), { recursive: true });
      writeFileSync(`${js}.map`, map);
      writeFileSync(js, `${code}//# sourceMappingURL=${basename(js)}.map\n`);
    }
    // Node looks for the "type" of a .js file no further up than node_modules/: said here again.
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    // Renamed into place whole: a process starting meanwhile sees all of it or none. Another
    // process may have made the same copy first: then that one is used.
    try {
      renameSync(tmp, out);
    } catch (e) {
      if (!existsSync(out)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await esbuild.stop();
  }
}

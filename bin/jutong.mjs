#!/usr/bin/env node
// The package's command. The TypeScript in src/ is compiled again whenever it changes
// (src/platform/compile.mjs), so there is no build step to forget.
import { importTs } from '../src/platform/compile.mjs';

await importTs(new URL('../src/cli/main.ts', import.meta.url));

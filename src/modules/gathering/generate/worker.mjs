// Entry of a generator worker thread: worker-main.ts runs compiled, not through tsx
// (src/platform/compile.mjs).
import { importTs } from '../../../platform/compile.mjs';

await importTs(new URL('./worker-main.ts', import.meta.url));

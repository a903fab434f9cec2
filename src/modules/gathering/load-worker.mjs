// Entry of an ingest's parse worker thread: load-worker.ts runs compiled, not through tsx,
// whose loader thread and compiled sources would weigh on every run (src/platform/compile.mjs).
import { importTs } from '../../platform/compile.mjs';

await importTs(new URL('./load-worker.ts', import.meta.url));

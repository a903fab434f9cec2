// Entry of an ingest's parse worker thread: TypeScript loads through tsx, as in bin/jutong.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');

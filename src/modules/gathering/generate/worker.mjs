// Entry of a generator worker thread: TypeScript loads through tsx, as in bin/jutong.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');

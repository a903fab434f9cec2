import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../platform/errors.js';
import { type ParseJob, parseRows } from './parse.js';
import { ReadError } from './read/index.js';

// The worker side of an ingest (see load.ts for the protocol): input bytes arrive as
// messages when asked for, COPY chunks leave as transferred buffers, at most two unanswered.

export type ToWorker = { t: 'chunk'; data: Uint8Array } | { t: 'end' } | { t: 'credit' };
export type FromWorker =
  | { t: 'need' }
  | { t: 'copy'; data: Uint8Array }
  | { t: 'progress'; p: import('./parse.js').ParseProgress }
  | { t: 'done'; result: import('./parse.js').ParseResult }
  | { t: 'error'; message: string; input: boolean };

const port = parentPort as NonNullable<typeof parentPort>;
const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

const queue: Uint8Array[] = [];
let ended = false;
let credits = 2;
let wakeInput: (() => void) | null = null;
let wakeCredit: (() => void) | null = null;

port.on('message', (m: ToWorker) => {
  if (m.t === 'chunk') queue.push(m.data);
  else if (m.t === 'end') ended = true;
  else credits++;
  if (m.t === 'credit') wakeCredit?.();
  else wakeInput?.();
});

async function* input(): AsyncGenerator<Uint8Array> {
  post({ t: 'need' });
  post({ t: 'need' });
  for (;;) {
    const next = queue.shift();
    if (next) {
      post({ t: 'need' });
      yield next;
    } else if (ended) return;
    else await new Promise<void>((r) => (wakeInput = r));
  }
}

try {
  const result = await parseRows(input(), workerData as ParseJob, {
    async copy(data) {
      while (credits === 0) await new Promise<void>((r) => (wakeCredit = r));
      credits--;
      post({ t: 'copy', data }, [data.buffer as ArrayBuffer]);
    },
    progress: (p) => post({ t: 'progress', p }),
  });
  post({ t: 'done', result });
} catch (e) {
  const input = e instanceof ReadError || e instanceof DomainError;
  post({ t: 'error', message: input ? (e as Error).message : `导入失败：${(e as Error).message}`, input });
}

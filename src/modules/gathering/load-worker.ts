import { parentPort } from 'node:worker_threads';
import { DomainError } from '../../platform/errors.js';
import { type ParseJob, type ParseProgress, type ParseResult, parseRows } from './parse.js';
import { ReadError } from './read/index.js';

// The worker side of an ingest (see load-pool.ts and ingest.ts for the protocol): a job
// arrives, its input bytes arrive as messages when asked for, COPY chunks leave as transferred
// buffers, at most two unanswered. The worker then waits for the next job: its modules and the
// checkers' tables (division codes…) stay loaded between runs. Every message to the worker
// names its job, so a late one (a credit for the last chunk, an input piece of a failed run)
// never reaches the next.

export type ToWorker = { job: number } & ({ t: 'job'; parse: ParseJob } | { t: 'chunk'; data: Uint8Array } | { t: 'end' } | { t: 'credit' });
export type FromWorker =
  | { t: 'need' }
  | { t: 'copy'; data: Uint8Array }
  | { t: 'progress'; p: ParseProgress }
  | { t: 'done'; result: ParseResult }
  | { t: 'error'; message: string; input: boolean };

const port = parentPort as NonNullable<typeof parentPort>;
const post = (m: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

type Run = { id: number; queue: Uint8Array[]; ended: boolean; credits: number; wakeInput: (() => void) | null; wakeCredit: (() => void) | null };
let current: Run | null = null;

port.on('message', (m: ToWorker) => {
  if (m.t === 'job') {
    current = { id: m.job, queue: [], ended: false, credits: 2, wakeInput: null, wakeCredit: null };
    void run(current, m.parse);
    return;
  }
  const r = current;
  if (!r || m.job !== r.id) return;
  if (m.t === 'chunk') r.queue.push(m.data);
  else if (m.t === 'end') r.ended = true;
  else r.credits++;
  if (m.t === 'credit') r.wakeCredit?.();
  else r.wakeInput?.();
});

async function* input(r: Run): AsyncGenerator<Uint8Array> {
  post({ t: 'need' });
  post({ t: 'need' });
  for (;;) {
    const next = r.queue.shift();
    if (next) {
      post({ t: 'need' });
      yield next;
    } else if (r.ended) return;
    else await new Promise<void>((wake) => (r.wakeInput = wake));
  }
}

async function run(r: Run, job: ParseJob) {
  try {
    const result = await parseRows(input(r), job, {
      async copy(data) {
        while (r.credits === 0) await new Promise<void>((wake) => (r.wakeCredit = wake));
        r.credits--;
        post({ t: 'copy', data }, [data.buffer as ArrayBuffer]);
      },
      progress: (p) => post({ t: 'progress', p }),
    });
    post({ t: 'done', result });
  } catch (e) {
    const input = e instanceof ReadError || e instanceof DomainError;
    post({ t: 'error', message: input ? (e as Error).message : `导入失败：${(e as Error).message}`, input });
  } finally {
    if (current === r) current = null;
  }
}

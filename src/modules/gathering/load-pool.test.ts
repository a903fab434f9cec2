import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadWorkers } from './load-pool.js';
import type { FromWorker, ToWorker } from './load-worker.js';
import type { ParseResult } from './parse.js';

// The pool with real parse workers: a worker comes back warm for the next run, a worker whose
// run did not end cleanly is never reused, and a late message of one run never reaches the next.

const dir = mkdtempSync(join(tmpdir(), 'jutong-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = (n: number) => ({
  columns: [{ item: '姓名', column: 'c1', type: 'string' as const, length: null, dataElement: null, key: false }],
  elements: [],
  mapping: {},
  format: 'csv' as const,
  encoding: 'auto' as const,
  tmpDir: dir,
  runSeq: n,
  rejectsPath: join(dir, `rejects-${n}.csv`),
});

/** One run: the CSV text as input; resolves with the rows the worker loaded, or rejects with its error. */
function parse(worker: Worker, no: number, csv: string, before: ToWorker[] = []): Promise<ParseResult> {
  const send = (m: ToWorker) => worker.postMessage(m);
  return new Promise((resolve, reject) => {
    let sent = false;
    worker.on('message', (m: FromWorker) => {
      if (m.t === 'need' && !sent) {
        sent = true;
        send({ job: no, t: 'chunk', data: new TextEncoder().encode(csv) });
        send({ job: no, t: 'end' });
      } else if (m.t === 'copy') send({ job: no, t: 'credit' });
      else if (m.t === 'done') resolve(m.result);
      else if (m.t === 'error') reject(new Error(m.message));
    });
    worker.on('error', reject);
    for (const m of before) send(m);
    send({ job: no, t: 'job', parse: job(no) });
  });
}

describe('the parse worker pool', () => {
  it('gives the same worker back for the next run, and ignores what was meant for an earlier run', async () => {
    const pool = new LoadWorkers(1);
    const first = pool.take();
    expect((await parse(first.worker, first.job, '姓名\n张三\n李四\n')).loaded).toBe(2);
    pool.give(first.worker, true);
    const second = pool.take();
    expect(second.worker).toBe(first.worker);
    // A late end and credit of the first run arrive before the second run's job: they change nothing.
    const late: ToWorker[] = [
      { job: first.job, t: 'end' },
      { job: first.job, t: 'credit' },
    ];
    expect((await parse(second.worker, second.job, '姓名\n王五\n', late)).loaded).toBe(1);
    pool.give(second.worker, true);
    await pool.close();
    const after = pool.take();
    expect(after.worker).not.toBe(first.worker); // closed: the idle one was ended
    await after.worker.terminate();
  });

  it('ends a worker whose run did not end cleanly, and one more than it keeps', async () => {
    const pool = new LoadWorkers(1);
    const a = pool.take();
    const b = pool.take();
    expect(a.worker).not.toBe(b.worker);
    pool.give(a.worker, false);
    await once(a.worker, 'exit');
    pool.give(b.worker, true);
    const c = pool.take();
    expect(c.worker).toBe(b.worker);
    const d = pool.take();
    expect(d.worker).not.toBe(b.worker);
    pool.give(c.worker, true);
    pool.give(d.worker, true); // one idle already: this one is ended
    await once(d.worker, 'exit');
    await pool.close();
  });
});

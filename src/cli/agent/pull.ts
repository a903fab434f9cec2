import type { PullJob } from './config.js';
import { fault } from './faults.js';
import { n, Rate } from './log.js';
import { PlatformError } from './platform.js';
import type { JobContext, Outcome } from './push.js';
import { columnsFor, Sink } from './sink.js';
import type { PullState } from './state.js';

// A pull job: a granted resource's changes into the consumer's own table. Each page is applied
// in one destination transaction and only then is its `next` token saved; a crash between the
// two applies the page again, which changes nothing (upserts and deletes by reference). A
// snapshot (reset) raises the generation; its last page deletes the rows it did not deliver.

export async function pullJob(ctx: JobContext, job: PullJob): Promise<Outcome> {
  const { platform, state, log } = ctx;
  let st = state.state.jobs[job.name] as PullState | undefined;
  if (st && st.kind !== 'pull') throw new PlatformError(`任务 ${job.name} 在状态文件中是推送任务：请换一个任务名`, 0, false);
  if (!st) {
    st = { kind: 'pull', token: null, generation: 0, inSnapshot: false, columns: {}, upserts: 0, deletes: 0, pages: 0, lastPageAt: null };
    state.state.jobs[job.name] = st;
    state.save();
  }
  const sink = await Sink.open(job.pull.target);
  const rate = new Rate();
  let pageNo = 0;
  try {
    let prepared = '';
    // The next page is asked for as soon as this one's `next` is known, and arrives while this
    // one is applied; only an applied page's `next` is saved, so a crash asks again from there.
    const fetch = (token: string | null) => {
      const p = platform.changes(job.pull.resource, token, job.pull.pageRows);
      p.catch(() => {}); // awaited below, or abandoned when the job stops
      return p;
    };
    let ahead = fetch(st.token);
    for (;;) {
      if (ctx.stopping()) return { kind: 'interrupted' };
      const page = await ahead;
      if (page.more) ahead = fetch(page.next);
      pageNo++;
      const columns = columnsFor(
        page.fields.map((f) => f.item),
        st.columns,
      );
      const shape = JSON.stringify(columns);
      if (shape !== prepared) {
        await sink.prepare(columns, page.resourceCode);
        prepared = shape;
      }
      const gen = page.reset ? st.generation + 1 : st.generation;
      const inSnapshot = page.reset || st.inSnapshot;
      const endSnapshot = inSnapshot && !page.more;
      await sink.apply(page, columns, gen, endSnapshot, pageNo);
      fault('after-apply', pageNo);
      Object.assign(st, {
        token: page.next,
        generation: gen,
        inSnapshot: inSnapshot && page.more,
        columns,
        upserts: st.upserts + page.upserts.length,
        deletes: st.deletes + page.deletes.length,
        pages: st.pages + 1,
        lastPageAt: new Date().toISOString(),
      } satisfies Partial<PullState>);
      state.save();
      ctx.progressed();
      rate.add(page.upserts.length + page.deletes.length);
      if (page.upserts.length || page.deletes.length || page.reset || endSnapshot)
        log(
          job.name,
          `第 ${pageNo} 页${page.reset ? '（全量快照开始）' : ''}：写入 ${n(page.upserts.length)}，删除 ${n(page.deletes.length)}${endSnapshot ? '；快照完成，已删除快照外的行' : ''} · 累计写入 ${n(st.upserts)}，删除 ${n(st.deletes)}${rate.suffix()}`,
        );
      if (!page.more) return { kind: 'caught-up' };
    }
  } finally {
    await sink.close();
  }
}

import type { Mount, Run } from '../../modules/gathering/schema.js';
import type { PushJob } from './config.js';
import { fault } from './faults.js';
import { type Log, n, Rate } from './log.js';
import { KeyUsedForOtherBody, type Platform, PlatformError } from './platform.js';
import { type Body, DbPushSource, openSource, type PushSource } from './source.js';
import type { Pending, PushPosition, PushState, StateFile } from './state.js';

// A push job: the department's rows to the platform, batch by batch, exactly once.
//
// Each batch is decided and written down (state file, fsync) before a byte is sent: its number,
// and the source range it covers. Its idempotency key is made of the state's instance, the job,
// the batch number and an attempt counter, so after a crash anywhere the agent reads the same
// range again and sends it under the same key:
//  - the platform never got it, or its run died with it: the batch is loaded now;
//  - the platform published it but the agent did not learn so: the same body replays the stored
//    answer (Idempotent-Replay), nothing is loaded twice;
//  - the rows of the range changed since (409, same key, another body): the first send was
//    published (the platform says which run answered the key); the changed rows carry a newer
//    updated-at or change-table entry and come again in a later batch.
// Only then does the position move past the range. A run that did not publish (rejected over its
// reject threshold, failed, cancelled) stops the job where it is: nothing is skipped.

export type JobContext = {
  platform: Platform;
  state: StateFile;
  log: Log;
  stopping: () => boolean;
  /** Called whenever a batch or page is done: the runner's retry clock starts again. */
  progressed: () => void;
};

export type Outcome = { kind: 'caught-up' } | { kind: 'interrupted' } | { kind: 'stopped'; reason: string };

const keyOf = (instance: string, job: string, p: Pending) => `agent.${instance}.${job}.${p.batch}.${p.attempt}`;
const filenameOf = (instance: string, job: string, p: Pending) => p.file?.name ?? `agent-${instance}-${job}-${p.batch}-${p.attempt}.jsonl`;

function checkMount(job: PushJob, source: PushSource, m: Mount) {
  const cols = m.table?.columns ?? [];
  const items = new Set(cols.map((c) => c.item));
  const keys = cols.filter((c) => c.key).map((c) => c.item);
  const s = job.push.source;
  const mapped = s.kind === 'csv-folder' ? [] : Object.keys(s.columns);
  const unknown = mapped.filter((i) => !items.has(i));
  if (unknown.length) throw new PlatformError(`资源 ${m.resourceCode} 没有这些信息项：${unknown.join('、')}（有：${[...items].join('、')}）`, 0, false);
  const upserts = s.kind !== 'csv-folder' || s.mode === 'upsert';
  if (upserts && !keys.length) throw new PlatformError(`资源 ${m.resourceCode} 的库表挂载没有主键信息项，不能增量更新：挂载时请指定 keyItems`, 0, false);
  if (source instanceof DbPushSource) {
    const mine = [...source.keyItems].sort().join('、');
    if (mine !== [...keys].sort().join('、'))
      throw new PlatformError(`来源的 key 对应信息项 ${mine}，但挂载的主键信息项是 ${keys.join('、')}：两者应一致`, 0, false);
  }
}

export async function pushJob(ctx: JobContext, job: PushJob): Promise<Outcome> {
  const { platform, state, log } = ctx;
  const instance = state.state.instance;
  const source = await openSource(job.push.source);
  try {
    let st = state.state.jobs[job.name] as PushState | undefined;
    if (st && st.kind !== 'push') throw new PlatformError(`任务 ${job.name} 在状态文件中是拉取任务：请换一个任务名`, 0, false);
    if (!st) {
      st = {
        kind: 'push',
        mountId: null,
        batch: 0,
        position: await source.start(),
        pending: null,
        stopped: null,
        rowsSent: 0,
        batchesSent: 0,
        lastBatchAt: null,
      };
      state.state.jobs[job.name] = st;
      state.save();
    }
    const expected = job.push.source.kind === 'csv-folder' ? ['files'] : job.push.source.updatedAt ? ['updatedAt'] : ['scan', 'changes'];
    if (!expected.includes(st.position.kind))
      throw new PlatformError(`任务 ${job.name} 的来源配置变了（状态是 ${st.position.kind}）：请换一个任务名重新开始`, 0, false);
    if (st.stopped) return { kind: 'stopped', reason: stoppedText(st) };

    let mount = await platform.mount(job.push.resource);
    checkMount(job, source, mount);
    if (st.mountId !== mount.id) {
      st.mountId = mount.id;
      state.save();
    }
    const rate = new Rate();

    /** Sends a written-down batch; true when it is done (published, or nothing to send), false when the job stops. */
    const deliver = async (p: Pending, body: Body | null, rows: number, sha256?: string): Promise<boolean> => {
      const label = `批次 #${p.batch}${p.attempt ? `（第 ${p.attempt + 1} 次尝试）` : ''} ${p.mode}${p.file ? ` ${p.file.name}` : ` ${n(rows)} 行`}`;
      if (!body || (!p.file && rows === 0)) return complete(p, 0, `${label}：没有需要发送的数据`);
      if (p.mode === 'delete' && mount.currentVersion === 0) {
        mount = await platform.mount(job.push.resource);
        if (mount.currentVersion === 0) return complete(p, 0, `${label}：资源还没有数据，无需删除`);
      }
      const filename = filenameOf(instance, job.name, p);
      let run: Run;
      let how = '';
      try {
        const out = await platform.push({
          mountId: mount.id,
          mode: p.mode,
          format: job.push.source.kind === 'csv-folder' ? (p.file?.name.split('.').pop()?.toLowerCase() ?? 'csv') : 'jsonl',
          filename,
          idempotencyKey: keyOf(instance, job.name, p),
          body,
          contentType: source.wire.contentType,
          encoding: source.wire.encoding,
          mapping: source.wire.mapping,
          batch: p.batch,
        });
        run = out.run;
        if (out.replayed) how = '（重发，平台返回了已发布的结果）';
      } catch (e) {
        if (!(e instanceof KeyUsedForOtherBody)) throw e;
        const earlier = await answeredRun(platform, mount.id, filename, e.details);
        if (earlier?.status === 'running') throw new PlatformError(`${label}：同一幂等键的批次仍在导入，稍后再看`, 409, true);
        if (!earlier) {
          st.stopped = { at: new Date().toISOString(), batch: p.batch, runId: null, status: 'unknown', error: e.message };
          state.save();
          log(job.name, `${label}：${e.message}；找不到先前的运行，任务停止`);
          return false;
        }
        run = earlier;
        how = '（来源数据已变，平台确认此批次先前已经发布；变动的行随后续批次发送）';
      }
      fault('after-send', p.batch);
      if (run.status !== 'succeeded') {
        st.stopped = { at: new Date().toISOString(), batch: p.batch, runId: run.id, status: run.status, error: run.error ?? '' };
        state.save();
        log(job.name, `${label} → 运行 ${run.id} 未发布（${run.status}）`);
        return false;
      }
      if (sha256 && p.file) p.file.sha256 = sha256;
      return complete(
        p,
        run.rowsRead,
        `${label} → 运行 ${run.id.slice(0, 8)} 成功，读取 ${n(run.rowsRead)}，入库 ${n(run.rowsLoaded)}，不合格 ${n(run.rowsRejected)}，版本 ${run.version}${how}`,
      );
    };

    const complete = (p: Pending, rows: number, line: string): true => {
      const s = st as PushState;
      s.position = p.to;
      if (p.file && s.position.kind === 'files') s.position.sent[p.file.name] = { ...s.position.sent[p.file.name], sha256: p.file.sha256 };
      s.pending = null;
      s.rowsSent += rows;
      s.batchesSent += 1;
      s.lastBatchAt = new Date().toISOString();
      state.save();
      rate.add(rows);
      ctx.progressed();
      log(job.name, `${line} · 累计 ${n(s.rowsSent)} 行${rate.suffix()}`);
      return true;
    };

    // While the platform checks and publishes a batch, the next one is read from the source (a
    // database source: a read depends only on the position). It is written down and sent only
    // once this one is published, exactly as if it had been read then.
    let ahead: { from: PushPosition; read: ReturnType<PushSource['next']> } | null = null;
    const readAhead = (p: Pending) => {
      if (!(source instanceof DbPushSource)) return;
      const read = source.next(p.to, job.push.batchRows);
      read.catch(() => {}); // awaited below, or dropped when the job stops
      ahead = { from: p.to, read };
    };
    const nextBatch = (pos: PushPosition) => {
      const mine = ahead?.from === pos ? ahead.read : null;
      ahead = null;
      return mine ?? source.next(pos, job.push.batchRows);
    };

    for (;;) {
      if (ctx.stopping()) return { kind: 'interrupted' };
      if (st.pending) {
        const again = await source.reread(st.pending);
        readAhead(st.pending);
        if (!(await deliver(st.pending, again?.body ?? null, again?.rows ?? 0, again?.sha256))) return { kind: 'stopped', reason: stoppedText(st) };
        continue;
      }
      const next = await nextBatch(st.position);
      if (!next) return { kind: 'caught-up' };
      if ('position' in next) {
        if (st.position.kind === 'scan' && next.position.kind === 'changes') log(job.name, `全量读取完成，共 ${n(st.rowsSent)} 行；开始跟踪变更表`);
        st.position = next.position;
        state.save();
        continue;
      }
      st.batch += 1;
      st.pending = { batch: st.batch, attempt: 0, mode: next.mode, from: st.position, to: next.to, rows: next.rows, ...(next.file ? { file: next.file } : {}) };
      state.save();
      fault('before-send', st.batch);
      readAhead(st.pending);
      if (!(await deliver(st.pending, next.body, next.rows))) return { kind: 'stopped', reason: stoppedText(st) };
    }
  } finally {
    await source.close();
  }
}

/** The run that answered an idempotency key: from the platform's 409 details, else found by the batch's file name among the mount's runs. */
async function answeredRun(platform: Platform, mountId: string, filename: string, details: unknown): Promise<Run | null> {
  const d = details as { runId?: string; run?: string } | undefined;
  const id = d?.runId ?? d?.run;
  if (id) return platform.json<Run>('GET', `/api/v1/runs/${id}`);
  for (let page = 1; page <= 20; page++) {
    const runs = await platform.runs(mountId, page);
    const hit = runs.items.find((r) => r.filename === filename && (r.status === 'succeeded' || r.status === 'rejected' || r.status === 'running'));
    if (hit) return hit;
    if (page * 100 >= runs.total) break;
  }
  return null;
}

function stoppedText(st: PushState): string {
  const s = st.stopped;
  if (!s) return '';
  return `批次 #${s.batch} 未被平台发布（${s.status}${s.runId ? `，运行 ${s.runId}` : ''}）：${s.error || '无说明'}。处理来源数据或平台设置后，用 --retry <任务名> 重发此批次`;
}

/** `--retry <job>`: the stopped batch goes again under a new idempotency key (the old key answered with a run that published nothing). */
export function retryStopped(state: StateFile, job: string): string {
  const st = state.state.jobs[job];
  if (st?.kind !== 'push') throw new Error(`状态文件中没有推送任务 ${job}`);
  if (!st.stopped) return `任务 ${job} 没有停止，无需重试`;
  if (st.pending) st.pending.attempt += 1;
  st.stopped = null;
  state.save();
  return `任务 ${job} 将重发批次 #${st.pending?.batch ?? st.batch}`;
}

import { type AgentConfig, type Job, loadConfig } from './config.js';
import { type Log, n, stderrLog } from './log.js';
import { Platform, PlatformError } from './platform.js';
import { pullJob } from './pull.js';
import { type JobContext, type Outcome, pushJob, retryStopped } from './push.js';
import { isConnectionError, SqlUnavailable } from './sql.js';
import { StateFile } from './state.js';

// `jutong agent`: the exchange agent's loop. Jobs run one after another, each until it is caught
// up; with --once the agent then exits (non-zero if a job failed or stopped), otherwise it polls
// again every intervalSeconds. An unreachable platform or database is retried with backoff (1 s
// doubling to 30 s) for retrySeconds after the last progress; everything else stops the job
// for this round with its reason. SIGINT/SIGTERM let the current batch finish; a second one exits
// at once, which is safe too.

type AgentOptions = { once?: boolean; retry?: string[]; status?: boolean; log?: Log };

const transient = (e: unknown) => (e instanceof PlatformError && e.transient) || e instanceof SqlUnavailable || isConnectionError(e);

async function runAgent(config: AgentConfig, opts: AgentOptions = {}): Promise<number> {
  const log = opts.log ?? stderrLog;
  const state = new StateFile(config.state);
  try {
    for (const job of opts.retry ?? []) log(job, retryStopped(state, job));
    if (opts.status) {
      for (const job of config.jobs) log(job.name, describe(state, job));
      return 0;
    }
    const platform = new Platform(config.platform, config.apiKey, config.requestTimeoutSeconds * 1000);
    let stopping = false;
    let wake = () => {};
    const onSignal = () => {
      if (stopping) process.exit(130);
      stopping = true;
      wake();
      log('agent', '收到停止信号：当前批次结束后退出（再按一次立即退出，也是安全的）');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    let failed = false;
    try {
      do {
        for (const job of config.jobs) {
          if (stopping) break;
          const out = await runWithRetry(job);
          if (out.kind === 'stopped') {
            failed = true;
            log(job.name, `任务停止：${out.reason}`);
          } else if (out.kind === 'caught-up' && opts.once) log(job.name, `已同步到最新 · ${describe(state, job)}`);
        }
        if (opts.once || stopping) break;
        await sleep(config.intervalSeconds * 1000);
      } while (!stopping);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return failed ? 1 : 0;

    async function runWithRetry(job: Job): Promise<Outcome> {
      let since = Date.now();
      let delay = 1000;
      const ctx: JobContext = {
        platform,
        state,
        log,
        stopping: () => stopping,
        progressed: () => {
          since = Date.now();
          delay = 1000;
        },
      };
      for (;;) {
        try {
          return 'push' in job ? await pushJob(ctx, job) : await pullJob(ctx, job);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (!transient(e)) return { kind: 'stopped', reason: message };
          if (stopping) return { kind: 'interrupted' };
          if (Date.now() - since > config.retrySeconds * 1000) return { kind: 'stopped', reason: `${message}（已重试 ${config.retrySeconds} 秒）` };
          log(job.name, `${message}；${delay / 1000} 秒后重试`);
          await sleep(delay);
          delay = Math.min(delay * 2, 30_000);
        }
      }
    }
  } finally {
    state.close();
  }
}

function describe(state: StateFile, job: Job): string {
  const st = state.state.jobs[job.name];
  if (!st) return '尚未运行';
  if (st.kind === 'pull')
    return `拉取：已写入 ${n(st.upserts)}、删除 ${n(st.deletes)}，${st.pages} 页，快照代 ${st.generation}${st.inSnapshot ? '（快照进行中）' : ''}，最近 ${st.lastPageAt ?? '—'}`;
  const pos = st.position;
  const where =
    pos.kind === 'files'
      ? `已发送 ${Object.keys(pos.sent).length} 个文件`
      : pos.kind === 'changes'
        ? `变更表序号 ${pos.after ?? '—'} 之后`
        : pos.kind === 'scan'
          ? `全量读取中，主键 ${pos.after ? pos.after.join(',') : '—'} 之后`
          : `增量位置 ${pos.after ? pos.after.join(',') : '起点'}`;
  return `推送：${n(st.batchesSent)} 批 ${n(st.rowsSent)} 行，${where}${st.pending ? `，待发批次 #${st.pending.batch}` : ''}${st.stopped ? '，已停止' : ''}`;
}

/** The command's entry: `jutong agent --config <file> [--once] [--retry <job>] [--status]`. */
export async function agentMain(o: { config: string; once?: boolean; retry?: string[]; status?: boolean }): Promise<number> {
  return runAgent(loadConfig(o.config), { once: o.once, retry: o.retry, status: o.status });
}

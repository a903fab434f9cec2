import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Transform } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Mount, Run } from '../modules/gathering/schema.js';
import { call, DEFAULT_URL, type Remote, RemoteError, remote, saveToken, upload } from './client.js';

// Commands that talk to a running platform over its API.

const connection = (c: Command) =>
  c
    .option('--url <url>', `platform address (default JUTONG_URL or ${DEFAULT_URL})`)
    .option('--token <token>', 'session token or API key (default JUTONG_TOKEN or the one saved by jutong login)');

export function registerRemote(program: Command) {
  connection(program.command('login'))
    .description('sign in to a platform and keep the token for the other commands')
    .option('-u, --username <name>', 'user name')
    .option('-p, --password <password>', 'password (default JUTONG_PASSWORD, or asked)')
    .action(async (o: { url?: string; username?: string; password?: string }) => {
      const r = remote({ url: o.url });
      const ask = createInterface({ input: process.stdin, output: process.stderr });
      const username = o.username ?? (await ask.question('用户名: '));
      const password = o.password ?? process.env.JUTONG_PASSWORD ?? (await ask.question('密码: '));
      ask.close();
      const out = await call<{ token: string; expiresAt: string }>(r, 'POST', '/api/v1/auth/login', { body: { username, password } });
      saveToken(r.url, out.token);
      console.error(`已登录 ${r.url}（${username}），令牌有效期至 ${out.expiresAt}`);
    });

  connection(program.command('import'))
    .description('stream a CSV / TSV / XLSX / JSON / JSON Lines file into a resource’s table mount')
    .argument('<resource-code>', 'the catalog code, e.g. 101/11370300MB2851234X-00001')
    .argument('<file>', 'the file to load')
    .option('--mode <mode>', 'replace (a new version) or upsert (by the key items)', 'replace')
    .option('--encoding <encoding>', 'auto, utf-8, gbk or gb18030', 'auto')
    .option('--format <format>', 'csv, tsv, xlsx, json or jsonl (default: from the file name)')
    .option('--mapping <json>', 'file column → item name, as JSON: {"身份证号":"公民身份号码"}')
    .option('--json', 'print the result as JSON on the last line')
    .action(
      async (
        code: string,
        file: string,
        o: { url?: string; token?: string; mode: string; encoding: string; format?: string; mapping?: string; json?: boolean },
      ) => {
        const run = await importFile(remote(o), code, file, o);
        if (o.json)
          console.log(
            JSON.stringify({
              runId: run.id,
              status: run.status,
              rowsRead: run.rowsRead,
              rowsLoaded: run.rowsLoaded,
              rowsRejected: run.rowsRejected,
              version: run.version,
              error: run.error,
            }),
          );
        if (run.status !== 'succeeded') process.exitCode = 1;
      },
    );
}

async function importFile(
  r: Remote,
  code: string,
  file: string,
  o: { mode: string; encoding: string; format?: string; mapping?: string; json?: boolean },
): Promise<Run> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new RemoteError(`找不到文件 ${file}`, 0);
  }
  const mounts = await call<{ items: Mount[] }>(r, 'GET', `/api/v1/mounts?kind=table&resourceCode=${encodeURIComponent(code)}`);
  const mount = mounts.items[0];
  if (!mount) throw new RemoteError(`资源 ${code} 没有库表挂载：请先在控制台或用 POST /api/v1/catalog/resources/{id}/mounts 挂载库表`, 404);

  const q = new URLSearchParams({ mode: o.mode, encoding: o.encoding, filename: basename(file) });
  if (o.format) q.set('format', o.format);
  if (o.mapping) q.set('mapping', o.mapping);

  // The bar follows the bytes sent and shows the rows the platform has read so far.
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {sentMb}/{totalMb} MB | 已读 {rows} 行 | 不合格 {rejected} | {eta_formatted}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number) => (n / 1048576).toFixed(1);
  let sent = 0;
  const status = { rows: 0, rejected: 0 };
  bar.start(size || 1, 0, { sentMb: '0.0', totalMb: mb(size), ...status });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      bar.update(sent, { sentMb: mb(sent), ...status });
      done(null, chunk);
    },
  });
  const poll = setInterval(async () => {
    try {
      const latest = await call<{ items: Run[] }>(r, 'GET', `/api/v1/mounts/${mount.id}/runs?pageSize=1`);
      const run = latest.items[0];
      if (run?.status === 'running') Object.assign(status, { rows: run.rowsRead, rejected: run.rowsRejected });
      bar.update(sent, { sentMb: mb(sent), ...status });
    } catch {}
  }, 1000);
  try {
    const body = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(counter);
    const run = await upload<Run>(r, `/api/v1/mounts/${mount.id}/runs?${q}`, body, {
      'content-type': 'application/octet-stream',
      'content-length': String(size),
    });
    bar.update(size, { sentMb: mb(size), rows: run.rowsRead, rejected: run.rowsRejected });
    bar.stop();
    report(run, r);
    return run;
  } catch (e) {
    bar.stop();
    throw e;
  } finally {
    clearInterval(poll);
  }
}

function report(run: Run, r: Remote) {
  const line =
    run.status === 'succeeded'
      ? `导入成功：读取 ${run.rowsRead} 行，入库 ${run.rowsLoaded} 行，不合格 ${run.rowsRejected} 行，当前版本 ${run.version}`
      : `导入未发布（${run.status}）：${run.error ?? ''}`;
  console.error(line);
  if (run.quality) console.error(`质量评分 ${run.quality.score}`);
  if (run.hasRejects) console.error(`不合格记录：${r.url}/api/v1/runs/${run.id}/rejects`);
}

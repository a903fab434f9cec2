import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { TraceResult } from '../modules/sharing/export-schema.js';
import { DEFAULT_URL, RemoteError, remote, upload } from './client.js';

// `jutong watermark trace <file>`: which export a leaked file came from, asked of a running
// platform (the secret and the exports table are there). A client like `jutong import`.

const METHOD = { payload: '隐形标记（逐行校验）', statistical: '统计水印（末尾空格）' } as const;
const FORMAT = { csv: 'CSV', xlsx: 'XLSX' } as const;

const shanghai = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** 0.999999998 → '99.9999998%': as many nines as the evidence earned, never a rounded-up 100 %. */
function percent(confidence: number): string {
  if (confidence >= 1) return '>99.9999999999%';
  const miss = 1 - confidence;
  const digits = Math.min(12, Math.max(1, Math.ceil(-Math.log10(miss)) - 1));
  return `${(Math.floor(confidence * 10 ** (digits + 2)) / 10 ** digits).toFixed(digits)}%`;
}

function describeTrace(t: TraceResult, file: string): string[] {
  if (!t.found)
    return [
      `未找到来源：${file} 中没有可验证的水印，或它不是您有权追溯的导出（比对了 ${t.candidates} 次导出，读取 ${t.rowsRead} 行）。`,
      '文件可能不是本平台导出的，或已被彻底清洗（去除空格、重新录入）。',
    ];
  const x = t.export;
  return [
    `已找到来源：导出 #${x.seq}（${METHOD[t.method]}，置信度 ${percent(t.confidence)}，证据 ${t.matched}/${t.units}）`,
    `  资源：    ${x.resourceName}（${x.resourceCode}）`,
    `  授权：    ${x.grantId}`,
    `  用途：    ${x.purpose}`,
    `  使用部门：${x.consumerDepartmentName}`,
    `  提供部门：${x.providerDepartmentName}`,
    `  导出人：  ${x.actor}`,
    `  导出时间：${shanghai(x.exportedAt)}（北京时间）`,
    `  文件：    ${x.filename}（${FORMAT[x.format]}，${x.rows} 行：${x.fields.join('、')}）`,
    `  导出编号：${x.id}`,
  ];
}

export function registerWatermark(program: Command) {
  const watermark = program.command('watermark').description('export watermarks (水印)');
  watermark
    .command('trace')
    .description('name the export a leaked file (CSV in any encoding, XLSX) came from: grant, department, who, when; exit 1 when none')
    .argument('<file>', 'the file found')
    .option('--url <url>', `platform address (default JUTONG_URL or ${DEFAULT_URL})`)
    .option('--token <token>', 'session token or API key (default JUTONG_TOKEN or the one saved by jutong login)')
    .option('--json', 'print the answer as JSON')
    .action(async (file: string, o: { url?: string; token?: string; json?: boolean }) => {
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new RemoteError(`找不到文件 ${file}`, 0);
      }
      const r = remote(o);
      const q = new URLSearchParams({ filename: basename(file) });
      const t = await upload<TraceResult>(r, `/api/v1/sharing/exports/trace?${q}`, createReadStream(file, { highWaterMark: 1 << 20 }), {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
      });
      if (o.json) console.log(JSON.stringify(t));
      else for (const line of describeTrace(t, basename(file))) console.log(line);
      if (!t.found) process.exitCode = 1;
    });
}

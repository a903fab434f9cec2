import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { MaskRule } from '../../platform/masking/mask.js';
import { maskedRejects } from './masked-rejects.js';
import { RejectsFile } from './parse.js';

// The rejects report as RejectsFile writes it, masked on the way out: every value by its item's
// rule, whatever the report's bytes are split into (a chunk may end inside a character or a quoted field).

const masks = new Map<string, MaskRule>([
  ['公民身份号码', 'citizen-id'],
  ['姓名', 'name'],
  ['备注', 'none'],
]);

async function report(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'rejects-'));
  try {
    const f = new RejectsFile(join(dir, 'r.csv'));
    f.add(2, '公民身份号码', '37030219800101001X', '校验码错误');
    f.add(3, '姓名', '欧阳,"小明"\n二号', '超过最大长度10');
    f.add(4, '备注', '=HYPERLINK("http://evil.example")', '含有公式');
    f.add(5, '', '', '列数不符：表头3列，本行2列');
    f.add(6, '未知项', '13800138000', '不在代码表中');
    await f.close();
    return readFileSync(join(dir, 'r.csv'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the masked rejects report', () => {
  it('masks each value by its item, keeps the rest of the record, and reads the same in any chunking', async () => {
    const bytes = await report();
    const read = async (chunks: Buffer[]) => (await buffer(Readable.from(chunks).pipe(maskedRejects(masks)))).toString('utf8');
    const whole = await read([bytes]);
    const lines = whole.split('\n');
    expect(lines[0]).toBe('\uFEFF行号,信息项,原值,原因');
    expect(lines[1]).toBe('2,公民身份号码,370302********001X,校验码错误');
    expect(whole).not.toContain('37030219800101001X');
    expect(whole).not.toContain('小明');
    expect(whole).toContain(`4,备注,"'=HYPERLINK(""http://evil.example"")",含有公式`);
    expect(whole).toContain('5,,,列数不符：表头3列，本行2列');
    // An item the masks do not name is hidden whole.
    expect(whole).toContain('6,未知项,***,不在代码表中');
    const byteAtATime = await read([...bytes].map((b) => Buffer.from([b])));
    expect(byteAtATime).toBe(whole);
  });
});

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openRecords } from './index.js';
import { outcome, readAll } from './test-support.js';

const buf = (s: string) => Buffer.from(s, 'utf8');

describe('JSON array', () => {
  it('refuses a cell nested deeper than 64 levels with a reason, not a stack overflow', async () => {
    const deep = `[{"a": ${'{"b":'.repeat(10_000)}1${'}'.repeat(10_000)}}]`;
    expect(await outcome(Buffer.from(deep))).toMatch(/嵌套超过 64 层/);
    const fine = `[{"a": ${'{"b":'.repeat(60)}1${'}'.repeat(60)}}]`;
    expect(await outcome(Buffer.from(fine))).toMatchObject({ header: ['a'] });
  });

  it('header from the first object; values by key; null, numbers, booleans, nested values', async () => {
    const text = `[
      {"姓名": "张三", "年龄": 30, "在职": true, "备注": null, "标签": ["a", "b"], "地址": {"区": "张店"}},
      {"年龄": 41.5, "姓名": "李四", "在职": false},
      {"姓名": "王五", "年龄": -1e3, "部门": "大数据局", "电话": "138"}
    ]`;
    const { opened, header, records } = await readAll(buf(text), { filename: 'x.json' });
    expect(opened.format).toBe('json');
    expect(opened.rowKind).toBe('element');
    expect(header).toEqual(['姓名', '年龄', '在职', '备注', '标签', '地址']);
    expect(records).toEqual([
      { row: 1, values: ['张三', '30', 'true', '', '["a","b"]', '{"区":"张店"}'] },
      { row: 2, values: ['李四', '41.5', 'false', '', '', ''] },
      { row: 3, values: ['王五', '-1000', '', '', '', ''], extra: ['部门', '电话'] },
    ]);
    expect([...opened.extraKeys()]).toEqual([
      ['部门', { count: 1, firstRow: 3 }],
      ['电话', { count: 1, firstRow: 3 }],
    ]);
  });

  it('numbers too long for a double keep their digits (ID numbers written as numbers)', async () => {
    const text = '[{"id": 370302199001011234, "n": 1.5, "deep": {"x": 12345678901234567890}}, {"id": -9007199254740993, "n": 2}]';
    const { records } = await readAll(buf(text), { format: 'json' });
    expect(records.map((r) => r.values)).toEqual([
      ['370302199001011234', '1.5', '{"x":12345678901234567890}'],
      ['-9007199254740993', '2', ''],
    ]);
  });

  it('reads the same in GBK and cut into 1-byte pieces', async () => {
    const text = '[{"区县":"张店区","人口":"1,234"},\n{"区县":"淄川区","人口":"5\\"6"}]';
    const want = await outcome(buf(text), { format: 'json' });
    expect(want).toEqual({
      header: ['区县', '人口'],
      records: [
        { row: 1, values: ['张店区', '1,234'] },
        { row: 2, values: ['淄川区', '5"6'] },
      ],
    });
    expect(await outcome(buf(text), { format: 'json' }, [1])).toEqual(want);
    expect(await outcome(iconv.encode(text, 'gbk'), { format: 'json' }, [1, 2])).toEqual(want);
  });

  it('says what is wrong, and where', async () => {
    const cases: [string, string][] = [
      ['{"data": [{"a": 1}]}', 'JSON 文件的最外层应是数组'],
      ['hello', '不是有效的 JSON 文件：第1行开头是“hello”，应是 ['],
      ['[{"a": 1}, {"a": 2}', '文件不完整：JSON 数组没有结束（读到第2条记录）'],
      ['[{"a": 1}, {"a": ', '文件不完整：第2条记录没有结束'],
      ['[{"a": 1} {"a": 2}]', '第1条记录之后（第1行）缺少逗号或 ]'],
      ['[{"a": 1}]\n\nx', '第3行：JSON 数组结束后还有多余的内容'],
      ['[{"a": 1}, 5]', '第2条记录（第1行）不是对象'],
      ['[{"a": 1},\n{"a": 1,\n "b": tru}]', '第2条记录（第3行）：JSON 格式错误'],
      ['[{}]', '第1条记录是空对象 {}，无法确定有哪些列'],
      ['[]', '文件为空'],
      ['  \n ', '文件为空'],
    ];
    for (const [text, message] of cases) {
      const got = await outcome(buf(text), { format: 'json' });
      expect(typeof got === 'string' ? got : JSON.stringify(got)).toContain(message);
    }
    // a trailing comma is forgiven
    expect(await outcome(buf('[{"a": 1},]'), { format: 'json' })).toEqual({ header: ['a'], records: [{ row: 1, values: ['1'] }] });
  });

  it('a 50 MB array streams through: every record arrives and the heap never holds the file', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const dir = await mkdtemp(join(tmpdir(), 'jutong-json-test-'));
    const file = join(dir, 'big.json');
    try {
      const out = createWriteStream(file);
      const n = 300_000;
      out.write('[\n');
      for (let i = 0; i < n; i++) {
        const rec = {
          序号: i,
          姓名: `张三${i}`,
          身份证号: `370302199001${String(i).padStart(6, '0')}`,
          地址: `山东省淄博市张店区人民西路${i}号院${i % 17}单元`,
          金额: i / 100,
          在册: i % 2 === 0,
        };
        if (!out.write(`${JSON.stringify(rec)}${i < n - 1 ? ',\n' : '\n'}`)) await once(out, 'drain');
      }
      out.end(']\n');
      await once(out, 'finish');
      const size = (await stat(file)).size;
      expect(size).toBeGreaterThan(50 << 20);

      gc();
      const base = process.memoryUsage().heapUsed;
      let peak = 0;
      const opened = await openRecords(createReadStream(file), { filename: 'big.json' });
      let count = 0;
      let last = -1;
      let ok = true;
      for await (const r of opened.records) {
        const i = Number(r.values[0]);
        if (i !== last + 1 || r.row !== i + 1 || r.values[1] !== `张三${i}`) ok = false;
        last = i;
        count++;
        if (count % 50_000 === 0) {
          gc(); // what the reader keeps alive, not the garbage it leaves between collections
          peak = Math.max(peak, process.memoryUsage().heapUsed - base);
        }
      }
      expect(ok).toBe(true);
      expect(count).toBe(n);
      expect(opened.bytesRead()).toBe(size);
      console.log(`50 MB JSON: ${(size / 2 ** 20).toFixed(0)} MiB, live heap growth at most ${(peak / 2 ** 20).toFixed(1)} MiB`);
      expect(peak).toBeLessThan(size / 10);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('JSON Lines', () => {
  it('one object per line; rows are line numbers; blank lines and CRLF', async () => {
    const text = '{"a":"1","b":2}\r\n\r\n{"b":3,"a":"x"}\n   \n{"a":null,"c":true}';
    const { opened, header, records } = await readAll(buf(text), { filename: 'x.jsonl' });
    expect(opened.format).toBe('jsonl');
    expect(opened.rowKind).toBe('line');
    expect(header).toEqual(['a', 'b']);
    expect(records).toEqual([
      { row: 1, values: ['1', '2'] },
      { row: 3, values: ['x', '3'] },
      { row: 5, values: ['', ''], extra: ['c'] },
    ]);
  });

  it('long numbers keep their digits; a broken line names its line', async () => {
    expect(await outcome(buf('{"id": 370302199001011234}\n'), { format: 'jsonl' })).toEqual({
      header: ['id'],
      records: [{ row: 1, values: ['370302199001011234'] }],
    });
    expect(await outcome(buf('{"a":1}\n{"a":2,}\n'), { format: 'jsonl' })).toBe('第2行：JSON 格式错误');
    expect(await outcome(buf('{"a":1}\n[1,2]\n'), { format: 'jsonl' })).toBe('第2行：不是对象：每条记录应是 {"列名": 值, …}');
    expect(await outcome(buf('{"a":1}\nhello\n'), { format: 'jsonl' })).toBe('第2行：不是 JSON 对象：JSON Lines 文件每行应是一个 {"列名": 值, …}');
  });
});

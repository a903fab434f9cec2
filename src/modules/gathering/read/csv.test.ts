import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openRecords, ReadError } from './index.js';
import { outcome, readAll, referenceCsv } from './test-support.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');

async function rejects(buf: Buffer, opts = {}): Promise<ReadError> {
  try {
    await readAll(buf, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    return e as ReadError;
  }
  throw new Error('expected a ReadError');
}

describe('CSV', () => {
  it('reads header and records, rows numbered as Excel shows them', async () => {
    const { opened, header, records } = await readAll(utf8('姓名,年龄\r\n张三,30\r\n\r\n李四,41\r\n王五,52'), { format: 'csv' });
    expect(opened.format).toBe('csv');
    expect(header).toEqual(['姓名', '年龄']);
    // the blank line is row 3: skipped, still counted
    expect(records).toEqual([
      { row: 2, values: ['张三', '30'] },
      { row: 4, values: ['李四', '41'] },
      { row: 5, values: ['王五', '52'] },
    ]);
  });

  it('quoted fields: delimiters, "" escapes and line breaks inside; the record keeps its starting row', async () => {
    const text = 'id,地址,备注\n1,"淄博市,张店区","他说""好"""\n2,"第一行\r\n第二行",x\n3,c,d\n';
    const { records } = await readAll(utf8(text), { format: 'csv' });
    expect(records).toEqual([
      { row: 2, values: ['1', '淄博市,张店区', '他说"好"'] },
      { row: 3, values: ['2', '第一行\r\n第二行', 'x'] },
      { row: 4, values: ['3', 'c', 'd'] },
    ]);
  });

  it('yields ragged rows as they are', async () => {
    const { records } = await readAll(utf8('a,b,c\n1,2\n1,2,3,4\n1,2,3\n'), { format: 'csv' });
    expect(records.map((r) => r.values)).toEqual([
      ['1', '2'],
      ['1', '2', '3', '4'],
      ['1', '2', '3'],
    ]);
  });

  it('skips records whose fields are all empty (Excel writes ",,,")', async () => {
    const { records } = await readAll(utf8('a,b,c\n,,\n1,,\n"",,\n'), { format: 'csv' });
    expect(records).toEqual([{ row: 3, values: ['1', '', ''] }]);
  });

  it('trims header names, names blank ones by position, and rejects duplicates by name', async () => {
    const { header, opened } = await readAll(utf8(' 姓名 ,,年龄,\n1,2,3,4\n'), { format: 'csv' });
    expect(header).toEqual(['姓名', '第2列', '年龄', '第4列']);
    expect(opened.unnamedColumns).toEqual([1, 3]);
    const e = await rejects(utf8('姓名,年龄,姓名\n1,2,3\n'), { format: 'csv' });
    expect(e.message).toBe('第1行：表头有重复的列名：“姓名”（第1、3列）。请改成不同的名字后重新上传');
    expect(e.row).toBe(1);
    expect(e.reason).toBe('header');
  });

  it('empty files and header-only files', async () => {
    for (const empty of ['', '\n\n', '\uFEFF', '\r\n,,\r\n']) {
      const e = await rejects(utf8(empty));
      expect(e.message).toBe('文件为空');
      expect(e.reason).toBe('empty');
    }
    const { header, records } = await readAll(utf8('\n姓名,年龄\n'), { filename: 'a.csv' });
    expect(header).toEqual(['姓名', '年龄']);
    expect(records).toEqual([]);
  });

  it('a final line without a line break, and a trailing delimiter', async () => {
    const { records } = await readAll(utf8('a,b\n1,2\n3,'), { format: 'csv' });
    expect(records.map((r) => r.values)).toEqual([
      ['1', '2'],
      ['3', ''],
    ]);
  });

  it('is lenient where Excel is: quotes inside unquoted fields, text after a closing quote', async () => {
    const { records } = await readAll(utf8('a,b\n12"寸,x\n"ab"cd,y\n'), { format: 'csv' });
    expect(records.map((r) => r.values)).toEqual([
      ['12"寸', 'x'],
      ['abcd', 'y'],
    ]);
  });

  it('reads TSV and old-Mac CR-only line ends', async () => {
    const tsv = await readAll(utf8('姓名\t地址\n张三\t"淄博\t张店"\n'), { filename: 'x.tsv' });
    expect(tsv.opened.format).toBe('tsv');
    expect(tsv.records[0].values).toEqual(['张三', '淄博\t张店']);
    const mac = await readAll(utf8('a,b\r1,2\r3,4\r'), { format: 'csv' });
    expect(mac.records).toEqual([
      { row: 2, values: ['1', '2'] },
      { row: 3, values: ['3', '4'] },
    ]);
  });

  it('an unclosed quote names the row where the record starts', async () => {
    const e = await rejects(utf8('a,b\n1,2\n3,"未闭合\n4,5\n'), { format: 'csv' });
    expect(e.message).toBe('第3行：引号未闭合');
    expect(e.row).toBe(3);
  });

  it('an unclosed quote early in a huge file stops at the record limit instead of buffering the file', async () => {
    let produced = 0;
    async function* endless() {
      yield Buffer.from('a,b\n1,"从这里开始没有闭合的引号\n');
      const block = Buffer.alloc(1 << 20, 'x');
      for (;;) {
        produced += block.length;
        if (produced > 200 << 20) throw new Error('read far too much');
        yield block;
      }
    }
    let err: unknown;
    try {
      const opened = await openRecords(endless(), { format: 'csv' });
      for await (const _ of opened.records);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).message).toBe('第2行：引号未闭合');
    expect(produced).toBeLessThan(16 << 20);
  });

  it('limits: a field over 1 M characters, more than 2,000 columns, a line without line breaks', async () => {
    const big = 'x'.repeat((1 << 20) + 1);
    expect((await rejects(utf8(`a,b\n1,"${big}"\n`))).message).toBe('第2行：有字段超过 1 M 个字符');
    expect((await rejects(utf8(`a,b\n1,${big}\n`))).message).toBe('第2行：有字段超过 1 M 个字符');
    expect((await rejects(utf8(`${Array.from({ length: 2001 }, (_, i) => `c${i}`).join(',')}\n`))).message).toBe('第1行：超过 2000 列');
    const e = await rejects(utf8(`a\n${'y'.repeat((4 << 20) + 10)}`));
    expect(e.reason).toBe('limit');
    expect(e.row).toBe(2);
    const small = await outcome(utf8('a,b\n1,"abcdef"\n'), { limits: { maxField: 4 } });
    expect(small).toBe('第2行：有字段超过 4 个字符');
  });

  it('reads the same whatever the chunking, 1-byte chunks included', async () => {
    const text = '序号,名称,说明\r\n1,"甲,乙","多\r\n行"\r\n\r\n2,丙,"引""号"\r\n3,丁,\r\n';
    for (const enc of ['utf8', 'gbk'] as const) {
      const buf = iconv.encode(text, enc);
      const whole = await outcome(buf, { format: 'csv' });
      expect(typeof whole).not.toBe('string');
      for (const sizes of [[1], [2], [3], [1, 5, 2], [7]]) expect(await outcome(buf, { format: 'csv' }, sizes)).toEqual(whole);
    }
  });
});

// ---------------------------------------------------------------- properties

const cellChars = ['a', 'b', '1', ' ', ',', '"', '\n', '\r', '\t', '中', '文', '淄', 'é', '😀', '𠮷'];
const cell = fc.string({ unit: fc.constantFrom(...cellChars), maxLength: 6 });
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 12 });

function serialize(rows: string[][], quoteAll: boolean[], crlf: boolean, trailingNewline: boolean): string {
  const eol = crlf ? '\r\n' : '\n';
  const lines = rows.map((r, i) => r.map((c) => (quoteAll[i % quoteAll.length] || /[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','));
  return ['h1,h2,h3,h4,h5', ...lines].join(eol) + (trailingNewline ? eol : '');
}

describe('CSV properties', () => {
  it('round trip: any table written as RFC 4180, in any encoding, cut anywhere, reads back as the table', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'gb18030'),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        async (rows, quoteAll, crlf, trailing, enc, auto, sizes) => {
          const text = serialize(rows, quoteAll, crlf, trailing);
          const buf =
            enc === 'gb18030'
              ? iconv.encode(text, 'gb18030')
              : enc === 'utf-8-bom'
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
                : Buffer.from(text);
          const encoding = auto ? 'auto' : enc === 'gb18030' ? 'gb18030' : 'utf-8';
          const got = await outcome(buf, { format: 'csv', encoding }, sizes);
          // Rows whose cells are all empty are skipped; the others keep their position (header = row 1).
          const expected = rows.map((values, i) => ({ row: i + 2, values })).filter((r) => r.values.some((v) => v !== ''));
          expect(got).toEqual({ header: ['h1', 'h2', 'h3', 'h4', 'h5'], records: expected });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any text at all (broken quoting included) reads as the reference reader does, however it is cut', async () => {
    const junk = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '中', ' '), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(junk, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), async (body, sizes) => {
        const text = `h1,h2,h3,h4\n${body}`;
        const ref = referenceCsv(text);
        const expected = typeof ref === 'string' ? ref : { header: ['h1', 'h2', 'h3', 'h4'], records: ref.slice(1) };
        expect(await outcome(Buffer.from(text), { format: 'csv' })).toEqual(expected);
        expect(await outcome(Buffer.from(text), { format: 'csv' }, sizes)).toEqual(expected);
        expect(await outcome(iconv.encode(text, 'gbk'), { format: 'csv', encoding: 'gbk' }, [1])).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

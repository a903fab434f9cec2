import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { StreamDecoder } from './decode.js';
import { guessFormat, openRecords, ReadError } from './index.js';
import { fixture, outcome, pieces, readAll } from './test-support.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('real files (test/fixtures/gathering, see its README)', () => {
  it('NBS annual tables: UTF-8 without BOM, a blank header cell over the year column', async () => {
    const { opened, header, records } = await readAll(fixture('nbs-population.utf8.csv'), { filename: '总人口.csv' });
    expect(opened.format).toBe('csv');
    expect(opened.encoding).toBe('utf-8');
    expect(header).toEqual(['第1列', '乡村人口', '城镇人口', '女性人口', '年末总人口', '男性人口']);
    expect(opened.unnamedColumns).toEqual([0]);
    expect(records).toHaveLength(37);
    expect(records[0]).toEqual({ row: 2, values: ['1978年', '79014', '17245', '46692', '96259', '49567'] });
    expect(records[36].row).toBe(38);
    expect(opened.bytesRead()).toBe(fixture('nbs-population.utf8.csv').length);
  });

  it('the GBK copies read exactly as the UTF-8 originals, whatever the chunking', async () => {
    for (const name of ['nbs-population', 'nbs-public-transport']) {
      const utf8 = await readAll(fixture(`${name}.utf8.csv`));
      for (const sizes of [undefined, [1], [2, 3], [4096]]) {
        const gbk = await readAll(fixture(`${name}.gbk.csv`), {}, sizes);
        expect(gbk.opened.encoding).toBe('gb18030');
        expect(gbk.header).toEqual(utf8.header);
        expect(gbk.records).toEqual(utf8.records);
        expect(gbk.opened.undecodable()).toBe(0);
      }
      // and with the encoding given instead of detected
      const given = await readAll(fixture(`${name}.gbk.csv`), { encoding: 'gbk' });
      expect(given.opened.encoding).toBe('gbk');
      expect(given.records).toEqual(utf8.records);
    }
  });

  it('UTF-8 with BOM: the BOM is not part of the first column name', async () => {
    const plain = await readAll(fixture('nbs-public-transport.utf8.csv'));
    const withBom = await readAll(Buffer.concat([BOM, fixture('nbs-public-transport.utf8.csv')]), {}, [1]);
    expect(withBom.opened.encoding).toBe('utf-8');
    expect(withBom.header).toEqual(plain.header);
    expect(withBom.records).toEqual(plain.records);
  });

  it('Beijing PRSA air quality: quoted header, NA values', async () => {
    const { header, records } = await readAll(fixture('prsa-dongsi-first500.csv'), { filename: 'PRSA_Data_Dongsi.csv' });
    expect(header.slice(0, 6)).toEqual(['No', 'year', 'month', 'day', 'hour', 'PM2.5']);
    expect(header).toHaveLength(18);
    expect(records).toHaveLength(500);
    expect(records.every((r) => r.values.length === 18)).toBe(true);
    expect(records[0].values.at(-1)).toBe('Dongsi');
    expect(records.some((r) => r.values.includes('NA'))).toBe(true);
  });
});

describe('encodings', () => {
  it('GB18030 four-byte characters (rare name characters, emoji) and a BOM-less start', async () => {
    const text = '姓名,备注\n𠮷野家,😀\n李䶮,€\n';
    const r = await readAll(iconv.encode(text, 'gb18030'), { format: 'csv' }, [1]);
    expect(r.opened.encoding).toBe('gb18030');
    expect(r.records.map((x) => x.values)).toEqual([
      ['𠮷野家', '😀'],
      ['李䶮', '€'],
    ]);
  });

  it('decides only at the first non-ASCII byte: 100 KB of digits, then GBK Chinese', async () => {
    const lines = ['编号,名称'];
    for (let i = 0; i < 10_000; i++) lines.push(`${i},${i * 7}`);
    lines.push('10000,张店区人民政府');
    const buf = iconv.encode(`${lines.join('\n')}\n`, 'gbk');
    const { opened, records } = await readAll(buf, { format: 'csv' }, [65536]);
    expect(records.at(-1)?.values).toEqual(['10000', '张店区人民政府']);
    expect(opened.encoding).toBe('gb18030');
    // an ASCII header and ~100 KB of digits: nothing to decide on until the last line
    const ascii = await readAll(iconv.encode(`id,name\n${lines.slice(1).join('\n')}\n`, 'gbk'), { format: 'csv' });
    expect(ascii.records.at(-1)?.values).toEqual(['10000', '张店区人民政府']);
    expect(ascii.opened.encoding).toBe('gb18030');
  });

  it('a UTF-8 character cut at every possible chunk edge', async () => {
    const text = 'a,b\n淄博,𠮷😀é\n';
    const buf = Buffer.from(text);
    const whole = await outcome(buf);
    for (let size = 1; size <= 8; size++) expect(await outcome(buf, {}, [size])).toEqual(whole);
    expect(whole).toEqual({ header: ['a', 'b'], records: [{ row: 2, values: ['淄博', '𠮷😀é'] }] });
  });

  it('UTF-16LE with BOM, as Excel saves "Unicode text": tab-separated', async () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t区县\r\n张三\t张店区\r\n', 'utf16le')]);
    const r = await readAll(buf, { filename: '导出.txt' }, [3]);
    expect(r.opened.format).toBe('tsv');
    expect(r.opened.encoding).toBe('utf-16le');
    expect(r.header).toEqual(['姓名', '区县']);
    expect(r.records[0].values).toEqual(['张三', '张店区']);
  });

  it('counts bytes that were not valid in the detected encoding', async () => {
    const buf = Buffer.concat([Buffer.from('a,b\n中文中文中文中文中文,x\n'), Buffer.from([0xff]), Buffer.from(',y\n')]);
    const r = await readAll(buf);
    expect(r.opened.encoding).toBe('utf-8');
    expect(r.opened.undecodable()).toBe(1);
    expect(r.records[1].values).toEqual(['\uFFFD', 'y']);
  });

  it('StreamDecoder: an explicit encoding overrides detection', () => {
    const d = new StreamDecoder('gb18030');
    const out = d.write(Buffer.from('中文', 'utf8')) + d.end();
    expect(out).not.toBe('中文');
    expect(d.encoding).toBe('gb18030');
  });
});

describe('guessFormat', () => {
  const g = (name: string | undefined, s: string | Buffer) => guessFormat(name, Buffer.isBuffer(s) ? s : Buffer.from(s));
  it('by extension among text formats, by content where it is clear', () => {
    expect(g('a.csv', 'x,y\n')).toBe('csv');
    expect(g('a.CSV', 'x\ty\n')).toBe('tsv');
    expect(g('a.tsv', 'x,y\n')).toBe('tsv');
    expect(g('a.txt', 'x\ty\tz\n')).toBe('tsv');
    expect(g(undefined, 'x,y\n')).toBe('csv');
    expect(g('a.json', '[{"a":1}]')).toBe('json');
    expect(g('a.json', '{"a":1}\n{"a":2}\n')).toBe('jsonl');
    expect(g('a.json', '{"data":[1,2]}')).toBe('json');
    expect(g('a.jsonl', '{"a":1}')).toBe('jsonl');
    expect(g('a.ndjson', '{"a":1}')).toBe('jsonl');
    expect(g(undefined, '  [\n{"a":1}]')).toBe('json');
    expect(g(undefined, '{"a":1}\n')).toBe('jsonl');
    expect(g('a.csv', Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('xlsx');
    expect(g('a.xlsx', '姓名,年龄\n')).toBe('csv'); // a renamed CSV
    expect(g('a.csv', Buffer.from([0, 1, 2, 3, 0, 0]))).toBeNull();
    expect(g('a.xls', Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toBeNull();
  });
});

describe('files that are not what they claim', () => {
  const err = async (buf: Buffer, opts = {}) => {
    const r = await outcome(buf, opts);
    expect(typeof r).toBe('string');
    return r as string;
  };
  it('old .xls, encrypted workbooks, PDF, binary, and format/content mismatches get clear messages', async () => {
    const cfb = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]);
    expect(await err(cfb, { filename: 'a.xls' })).toContain('旧版 Excel 文件（.xls）');
    const encrypted = Buffer.concat([cfb, Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await err(encrypted, { filename: 'a.xlsx' })).toContain('设置了打开密码');
    expect(await err(Buffer.from('%PDF-1.7\n...'), { filename: 'a.csv' })).toContain('PDF');
    expect(await err(Buffer.from([1, 0, 2, 0, 3]), {})).toContain('无法识别文件格式');
    expect(await err(Buffer.from('a,b\n1,2\n'), { format: 'xlsx' })).toContain('不是 xlsx 表格');
    expect(await err(Buffer.from('PK\x03\x04xxxxxxxx', 'latin1'), { format: 'csv' })).toContain('选择的格式是 CSV');
    expect(await err(Buffer.alloc(0))).toBe('文件为空');
  });
});

describe('the stream', () => {
  it('bytesRead grows to the input size; breaking off releases the input', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},淄博市${i}`);
    const buf = Buffer.from(lines.join('\n'));
    let released = false;
    async function* input() {
      try {
        yield* pieces(buf, [8192]);
      } finally {
        released = true;
      }
    }
    const opened = await openRecords(input(), { format: 'csv' });
    const seen: number[] = [];
    let n = 0;
    for await (const _ of opened.records) {
      if (++n % 10_000 === 0) seen.push(opened.bytesRead());
      if (n === 30_000) break;
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBeLessThan(buf.length);
    expect(released).toBe(true);

    const all = await readAll(buf, { format: 'csv' }, [8192]);
    expect(all.records).toHaveLength(50_000);
    expect(all.opened.bytesRead()).toBe(buf.length);
  });

  it('batches and records are one iteration; errors are ReadError', async () => {
    const opened = await openRecords(pieces(Buffer.from('a\n1\n2\n')), {});
    const got: string[] = [];
    for await (const batch of opened.batches) for (const r of batch) got.push(r.values[0]);
    expect(got).toEqual(['1', '2']);
    await expect(openRecords(pieces(Buffer.from('\n\n')), {})).rejects.toBeInstanceOf(ReadError);
  });
});

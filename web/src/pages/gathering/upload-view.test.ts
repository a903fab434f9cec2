import { describe, expect, it } from 'vitest';
import {
  checkMapping,
  contentTypeOf,
  decodeHead,
  formatBytes,
  formatOf,
  headerOf,
  IGNORE,
  initialMapping,
  type MappedColumn,
  mappingCorrections,
  percentOf,
} from './upload-view';

const COLUMNS: MappedColumn[] = [
  { item: '姓名', dataElement: 'DE00001', key: false },
  { item: '公民身份号码', dataElement: 'DE00004', key: true },
  { item: '出生日期', dataElement: null, key: false },
];

// 姓名,身份证号 in GBK.
const GBK_HEADER = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x0a]);

describe('reading the header in the browser', () => {
  it('knows formats by extension and sends a matching content type', () => {
    expect(formatOf('人口.CSV')).toBe('csv');
    expect(formatOf('a.tsv')).toBe('tsv');
    expect(formatOf('a.xlsx')).toBe('xlsx');
    expect(formatOf('a.ndjson')).toBe('jsonl');
    expect(formatOf('a.dat')).toBeNull();
    expect(contentTypeOf('csv')).toBe('text/csv');
    expect(contentTypeOf(null)).toBe('application/octet-stream');
  });

  it('decodes UTF-8, falls back to GB18030, and honours a chosen encoding', () => {
    const utf8 = new TextEncoder().encode('姓名,公民身份号码\n');
    expect(decodeHead(utf8, 'auto')).toEqual({ text: '姓名,公民身份号码\n', encoding: 'utf-8' });
    expect(decodeHead(GBK_HEADER, 'auto')).toEqual({ text: '姓名,身份证号\n', encoding: 'gb18030' });
    expect(decodeHead(GBK_HEADER, 'gbk').text).toBe('姓名,身份证号\n');
    // A character cut by the end of the slice is still UTF-8.
    expect(decodeHead(utf8.slice(0, 4), 'auto').encoding).toBe('utf-8');
  });

  it('reads a CSV or TSV header with quotes, a BOM and CRLF', () => {
    expect(headerOf('\uFEFF姓名 ,"公民身份号码","地址,门牌"\r\n张三,1,2', 'csv')).toEqual(['姓名', '公民身份号码', '地址,门牌']);
    expect(headerOf('"说""明"\tb\nx\ty', 'tsv')).toEqual(['说"明', 'b']);
    expect(headerOf('姓名,公民身份号码', 'csv')).toBeNull();
    expect(headerOf('姓名,公民身份号码', 'csv', true)).toEqual(['姓名', '公民身份号码']);
  });

  it('reads the keys of the first JSON record', () => {
    expect(headerOf('[{"姓名":"张三","出生日期":"1980-01-01"},{"姓名":', 'json')).toEqual(['姓名', '出生日期']);
    expect(headerOf('{"data":[{"a":"}","b":1}]}', 'json')).toEqual(['a', 'b']);
    expect(headerOf('{"姓名":"张三"}\n{"姓名":"李四"}\n', 'jsonl')).toEqual(['姓名']);
    expect(headerOf('[{"姓名":"张', 'json')).toBeNull();
    expect(headerOf('anything', 'xlsx')).toBeNull();
  });
});

describe('mapping columns to items', () => {
  it('pre-fills equal names and data element identifiers, each item once', () => {
    expect(initialMapping(['姓名', 'DE00004', '备注', '姓名'], COLUMNS)).toEqual({ 姓名: '姓名', DE00004: '公民身份号码', 备注: IGNORE });
  });

  it('sends only the corrections', () => {
    expect(mappingCorrections({ 姓名: '姓名', 身份证号: '公民身份号码', 备注: IGNORE })).toEqual({ 身份证号: '公民身份号码' });
    expect(mappingCorrections({ 姓名: '姓名' })).toEqual({});
  });

  it('finds duplicates, missing keys, and columns the server will match by name anyway', () => {
    expect(checkMapping({ 姓名: '姓名', 身份证号: '姓名' }, COLUMNS)).toEqual({
      duplicates: ['姓名'],
      missingKeys: ['公民身份号码'],
      missing: ['公民身份号码', '出生日期'],
      autoMatched: [],
    });
    expect(checkMapping({ 姓名: IGNORE, 身份证号: '公民身份号码' }, COLUMNS)).toMatchObject({ autoMatched: ['姓名'], missing: ['出生日期'], missingKeys: [] });
  });
});

describe('figures', () => {
  it('never shows 100% before the end', () => {
    expect(percentOf(50, 100)).toBe(50);
    expect(percentOf(100, 100)).toBe(99);
    expect(percentOf(5, null)).toBe(0);
  });

  it('writes sizes people read', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});

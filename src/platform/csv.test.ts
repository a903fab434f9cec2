import { describe, expect, it } from 'vitest';
import { csvField, noFormula } from './csv.js';

describe('CSV cells the platform writes', () => {
  it('a cell a spreadsheet would run as a formula gets a quote in front', () => {
    for (const v of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")', '-']) expect(noFormula(v)).toBe(`'${v}`);
    for (const v of ['张三', '1+1', 'a=b', " '=1", '', '370303199001011234']) expect(noFormula(v)).toBe(v);
  });

  it('keeps real numbers in a numeric column, and only them', () => {
    for (const v of ['-12', '+3.5', '-0.25', '-1e-7', '-.5']) expect(noFormula(v, true)).toBe(v);
    for (const v of ['-1+1', '=1', '-', '-1,0', '@1']) expect(noFormula(v, true)).toBe(`'${v}`);
    expect(csvField(-3)).toBe('-3');
  });

  it('quotes what RFC 4180 needs, and edge whitespace; null is empty, an empty string ""', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('张三 ')).toBe('"张三 "');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('\t=1')).toBe(`'\t=1`);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardizeText, toHalfWidth } from './standardize.js';

describe('toHalfWidth', () => {
  it('maps U+FF01–FF5E to ASCII and U+3000 to a space, nothing else', () => {
    expect(toHalfWidth('ＡＢＣ１２３！～　ｘ')).toBe('ABC123!~ x');
    expect(toHalfWidth('张店区（城区）：１号')).toBe('张店区(城区):1号');
    expect(toHalfWidth('。、《》￥＿')).toBe('。、《》￥_'); // U+3002, U+3001, U+300A/B and U+FFE5 are outside the range
    expect(toHalfWidth('plain')).toBe('plain');
  });

  it('is the inverse of the full-width offset for every character in the range', () => {
    for (let c = 0xff01; c <= 0xff5e; c++) expect(toHalfWidth(String.fromCharCode(c))).toBe(String.fromCharCode(c - 0xfee0));
  });
});

describe('standardizeText', () => {
  it('returns already-clean text as it is', () => {
    for (const s of ['', 'abc', 'Zibo Big Data Bureau', '淄博市张店区', 'a-b_c']) expect(standardizeText(s)).toBe(s);
  });

  it('trims and collapses runs of spaces, tabs and wide spaces to one space', () => {
    expect(standardizeText('  淄博市  张店区\t\t人民西路　　1号 ')).toBe('淄博市 张店区 人民西路 1号');
    expect(standardizeText('\u00a0张三\u3000')).toBe('张三');
    expect(standardizeText('张 三')).toBe('张 三'); // a single space may be data
  });

  it('keeps line breaks, as LF, without spaces around them', () => {
    expect(standardizeText('第一条  \r\n  第二条\r第三条\n\n第四条')).toBe('第一条\n第二条\n第三条\n\n第四条');
  });

  it('removes zero-width spaces and stray byte-order marks', () => {
    expect(standardizeText('\ufeff张\u200b三')).toBe('张三');
  });

  it('folds full-width letters and digits always, punctuation only outside Chinese text', () => {
    expect(standardizeText('ＡＢＣ－１２３')).toBe('ABC-123');
    expect(standardizeText('（0533）1234567')).toBe('(0533)1234567');
    expect(standardizeText('张店区（城区）１号，２０２４年')).toBe('张店区（城区）1号，2024年');
    expect(standardizeText('ＮＯ．５')).toBe('NO.5');
  });

  it('never changes a Chinese character', () => {
    // U+F9xx compatibility ideographs are what NFKC would rewrite.
    for (const s of ['淄博', '\uf900\uf901豈', '𠀀𪚥', '①㈱', '买买提·艾力']) expect(standardizeText(s)).toBe(s);
  });

  it('is idempotent and keeps every Han character, in order', () => {
    const piece = fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\u3000',
      '\u00a0',
      '\n',
      '\r\n',
      '\u200b',
      'ａ',
      'Ｚ',
      '１',
      '（',
      '）',
      '，',
      'a',
      '1',
      '张',
      '店',
      '𠀀',
      '。',
      '-',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const s = pieces.join('');
        const once = standardizeText(s);
        expect(standardizeText(once)).toBe(once);
        const han = (t: string) => t.match(/\p{Script=Han}/gu)?.join('') ?? '';
        expect(han(once)).toBe(han(s));
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/ {2}|\t|\r|\u3000|\u200b/);
      }),
      { numRuns: 2000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MaskRule, mask, maskRules } from './mask.js';

const cases: Record<MaskRule, [string, string][]> = {
  none: [['张三', '张三']],
  full: [
    ['张三', '***'],
    ['', '***'],
  ],
  name: [
    ['张三', '张*'],
    ['张三丰', '张*丰'],
    ['李小龙飞', '李**飞'],
    ['欧阳娜娜', '欧阳*娜'],
    ['欧阳娜', '欧阳*'],
    ['司马光', '司马*'],
    ['欧阳', '欧*'],
    ['张', '*'],
    [' 张三 ', '张*'],
    ['𠀀𠀁𠀂', '𠀀*𠀂'],
    ['阿卜杜热合曼·买买提', '阿********提'],
    ['', ''],
  ],
  'citizen-id': [
    ['11010519491231002X', '110105********002X'],
    ['110105 19491231 002X', '110105 ******** 002X'],
    ['150102880730303', '150102*****0303'],
    ['1234567890', '**********'],
  ],
  mobile: [
    ['13812345678', '138****5678'],
    ['138-1234-5678', '138-****-5678'],
    ['+86 13812345678', '+86 138****5678'],
    ['8613812345678', '86138****5678'],
    ['1381234', '1381234'.replace(/./g, '*')],
  ],
  phone: [
    ['0533-1234567', '0533-***4567'],
    ['05331234567', '0533***4567'],
    ['010-12345678', '010-****5678'],
    ['(0533)1234567', '(0533)***4567'],
    ['13812345678', '138****5678'],
    ['1234567', '***4567'],
    ['0533', '****'],
  ],
  address: [
    ['山东省淄博市张店区人民西路1号', '山东省淄博市张店区****'],
    ['淄博市桓台县索镇', '淄博市桓台县****'],
    ['北京市朝阳区建国路88号', '北京市朝阳区****'],
    ['内蒙古自治区呼和浩特市土默特左旗察素齐镇', '内蒙古自治区呼和浩特市土默特左旗****'],
    ['山东省潍坊市青州市王府街道某某社区5号', '山东省潍坊市青州市****'],
    ['青州市王府街道某某社区5号', '青州市****'],
    ['天津市市辖区和平路', '天津市市辖区****'],
    ['张店区人民西路市民广场', '张店区****'],
    ['人民西路12号', '人民西****'],
    ['某某大厦A座', '某某大厦A座****'],
    ['新疆维吾尔自治区乌鲁木齐市天山区', '新疆维吾尔自治区乌鲁木齐市天山区****'],
    ['', ''],
  ],
  'bank-card': [
    ['6222021234567890123', '622202*********0123'],
    ['6222 0212 3456 7890', '6222 02** **** 7890'],
  ],
  'credit-code': [['91370300MA3C1234X5', '91370300*********5']],
  year: [
    ['1990-05-12', '1990-**-**'],
    ['19900512', '1990****'],
    ['1990年5月12日', '1990******'],
    ['1990', '****'],
    ['May 12 1990', '*** ** ****'],
    ['', ''],
  ],
  email: [
    ['zhangsan@zibo.gov.cn', 'z*******@zibo.gov.cn'],
    ['a@zibo.gov.cn', '*@zibo.gov.cn'],
    ['𠀀𠀁@例子.中国', '𠀀*@例子.中国'],
    ['nodomain', 'n*******'],
  ],
};

describe('mask', () => {
  for (const rule of maskRules) {
    it(`${rule}`, () => {
      expect(mask(rule, null)).toBeNull();
      for (const [input, expected] of cases[rule]) expect(mask(rule, input), `${rule}(${input})`).toBe(expected);
    });
  }
});

const cpLength = (s: string) => Array.from(s).length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Mixes BMP CJK, astral-plane CJK (surrogate pairs in UTF-16), digits, latin and separators. */
const piece = fc.oneof(
  fc.constantFrom('张', '三', '丰', '欧阳', '区', '市', '县', '@', '-', ' ', 'X', '0', '7'),
  fc.constantFrom('𠀀', '𠀁', '𪚥', '𫠠', '😀'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const text = fc.array(piece, { maxLength: 24 }).map((a) => a.join(''));

const lengthPreserving: MaskRule[] = ['citizen-id', 'mobile', 'phone', 'bank-card', 'credit-code', 'email'];

describe('mask properties (code points, never UTF-16 units)', () => {
  it('never produces a lone surrogate', () => {
    fc.assert(
      fc.property(fc.constantFrom(...maskRules), text, (rule, s) => {
        expect(LONE_SURROGATE.test(mask(rule, s) ?? '')).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the number of code points, one star per hidden code point', () => {
    fc.assert(
      fc.property(fc.constantFrom(...lengthPreserving), text, (rule, s) => {
        expect(cpLength(mask(rule, s) ?? '')).toBe(cpLength(s));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(cpLength(mask('name', s) ?? '')).toBe(cpLength(s.trim()));
      }),
    );
  });

  it('hides at least one code point of any non-empty value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...maskRules.filter((r) => r !== 'none')), text, (rule, s) => {
        // Only separators, or an e-mail with an empty local part, leave nothing to hide.
        const hideable = rule === 'email' && s.includes('@') ? s.slice(0, s.lastIndexOf('@')) : s;
        fc.pre(/[^\s\-－()（）]/u.test(hideable));
        expect(mask(rule, s)).toContain('*');
      }),
      { numRuns: 3000 },
    );
  });

  it('citizen-id: first 6 and last 4 code points stay, the middle is starred', () => {
    const cp = fc.constantFrom('1', '9', 'X', '𠀀', '𪚥', '张');
    fc.assert(
      fc.property(fc.array(cp, { minLength: 11, maxLength: 20 }), (cps) => {
        const out = Array.from(mask('citizen-id', cps.join('')) ?? '');
        expect(out.slice(0, 6)).toEqual(cps.slice(0, 6));
        expect(out.slice(-4)).toEqual(cps.slice(-4));
        expect(out.slice(6, -4).every((c) => c === '*')).toBe(true);
      }),
    );
  });

  it('name: the surname and (for 2+ given characters) the last one stay', () => {
    const cp = fc.constantFrom('张', '三', '𠀀', '𠀁', '𪚥', '娜');
    fc.assert(
      fc.property(fc.array(cp, { minLength: 2, maxLength: 8 }), (cps) => {
        const out = Array.from(mask('name', cps.join('')) ?? '');
        expect(out[0]).toBe(cps[0]);
        if (cps.length >= 3) expect(out.at(-1)).toBe(cps.at(-1));
        expect(out.slice(1, cps.length >= 3 ? -1 : undefined).every((c) => c === '*')).toBe(true);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { checkPattern, MAX_PATTERN_LENGTH } from './pattern.js';

const reasonOf = (p: string) => {
  const r = checkPattern(p);
  return r.ok ? null : r.reason;
};

describe('checkPattern', () => {
  it('compiles ordinary data-element patterns with the u flag', () => {
    for (const p of ['^\\d{6}$', '^[A-Z]{2}\\d{4,8}$', '^\\p{Script=Han}{2,4}$', '^(?<year>\\d{4})-\\d{2}$', '^[\\u{20000}-\\u{2A6DF}]+$', '^(男|女)$']) {
      const r = checkPattern(p);
      expect(r.ok, p).toBe(true);
      if (r.ok) expect(r.regex.flags).toBe('u');
    }
    const r = checkPattern('^\\p{Script=Han}{2,4}$');
    expect(r.ok && r.regex.test('张三') && !r.regex.test('Zhang')).toBe(true);
  });

  it('refuses patterns with catastrophic backtracking', () => {
    for (const p of ['(a+)+$', '^(\\w+\\s?)*$', '^([a-zA-Z0-9]+)*@', '(x+x+)+y', '^(\\d{3}-)+$']) {
      expect(reasonOf(p), p).toMatch(/^正则表达式未通过回溯安全检查/);
    }
  });

  it('refuses what does not compile, with the detail', () => {
    expect(reasonOf('(')).toBe('正则表达式写法有误（按Unicode模式编译）：Unterminated group');
    expect(reasonOf('\\d{2,1}')).toMatch(/^正则表达式写法有误/);
    expect(reasonOf('\\-')).toMatch(/^正则表达式写法有误/); // an identity escape is an error under u
  });

  it('refuses empty and over-long patterns', () => {
    expect(reasonOf('')).toBe('正则表达式不能为空');
    expect(reasonOf('a'.repeat(MAX_PATTERN_LENGTH))).toBeNull();
    expect(reasonOf('a'.repeat(MAX_PATTERN_LENGTH + 1))).toBe(`正则表达式过长：最多${MAX_PATTERN_LENGTH}个字符，请精简`);
  });
});

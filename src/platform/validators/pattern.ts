/**
 * Guard for the regular expressions an administrator attaches to a data element (数据元 的
 * 格式约束). A pattern runs against every cell of an import, so one with catastrophic
 * backtracking ((a+)+, (\w+\s?)*) lets a single crafted cell hold a server thread for minutes
 * (ReDoS). Patterns are checked once, when saved, and the compiled RegExp is reused.
 *
 * The check is safe-regex2's star-height test (no quantifier inside a quantified group) with its
 * default limit of 25 quantifiers. It is conservative: it also refuses some harmless patterns
 * such as (\d{3}-)+, which can be written without the nested quantifier. It does not see
 * exponential alternations like (a|a)*; the 200-character limit and the cell length limits of
 * the import bound what those can cost. Its parser does not know lookbehind ((?<=…), (?<!…)),
 * so patterns using it are refused too (the reason says so).
 */
import safeRegex from 'safe-regex2';

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; reason: string };

export const MAX_PATTERN_LENGTH = 200;

/** Compiles `p` with the `u` flag after refusing empty, over-long and catastrophic patterns. */
export function checkPattern(p: string): PatternCheck {
  if (typeof p !== 'string' || p.length === 0) return { ok: false, reason: '正则表达式不能为空' };
  if (p.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `正则表达式过长：最多${MAX_PATTERN_LENGTH}个字符，请精简` };
  }
  let regex: RegExp;
  try {
    regex = new RegExp(p, 'u');
  } catch (e) {
    // V8: "Invalid regular expression: /(/u: Unterminated group" — keep only the last part.
    const detail = String((e as Error).message).replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    return { ok: false, reason: `正则表达式写法有误（按Unicode模式编译）：${detail}` };
  }
  if (!safeRegex(regex)) {
    return {
      ok: false,
      reason:
        '正则表达式未通过回溯安全检查（可能导致灾难性回溯）：不要在带量词的分组外再加量词（如(a+)+、(\\w+\\s?)*），量词不超过25个，不用检查器不支持的后行断言(?<=…)、(?<!…)，请改写',
    };
  }
  return { ok: true, regex };
}

import { isCalendarDate } from '../../platform/validators/common.js';
import { checkPattern, standardizeText, validators } from '../../platform/validators/index.js';
import type { DataElement } from '../catalog/schema.js';
import type { Column } from './schema.js';

// Per-cell validation and standardization, compiled once per run from the mount's
// columns and their data elements. This is the ingest hot path (tens of millions of
// cells), so a checker is a plain function returning the standardized value, null for
// an empty cell, or INVALID with the reason left in `failure.reason`.

export const INVALID = Symbol('invalid');
export type CellResult = string | null | typeof INVALID;
type CellCheck = (raw: string) => CellResult;
export const failure = { reason: '' };

const fail = (reason: string): typeof INVALID => {
  failure.reason = reason;
  return INVALID;
};

/** Length in code points, as PostgreSQL counts characters: a rare name character is one, not two. */
function tooLong(v: string, max: number): boolean {
  if (v.length <= max) return false;
  let n = 0;
  for (const _ of v) if (++n > max) return true;
  return false;
}

const INTEGER = /^[+-]?\d{1,18}$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const TRUE = new Set(['是', 'true', 't', 'y', 'yes', '1', '对']);
const FALSE = new Set(['否', 'false', 'f', 'n', 'no', '0', '错']);
const MIN_DATE = '1800-01-01';
const MAX_DATE = '2200-12-31';

function typeCheck(c: Column): CellCheck {
  switch (c.type) {
    case 'integer':
      return (v) => {
        const s = THOUSANDS.test(v) && !v.includes('.') ? v.replaceAll(',', '') : v;
        return INTEGER.test(s) ? s : fail('应为整数');
      };
    case 'decimal':
      return (v) => {
        const s = THOUSANDS.test(v) ? v.replaceAll(',', '') : v;
        return DECIMAL.test(s) ? s : fail('应为数值');
      };
    case 'date':
      return (v) => {
        const r = validators.date(v);
        if (!r.ok) return fail(r.reason);
        return r.normalized < MIN_DATE || r.normalized > MAX_DATE ? fail(`日期超出范围（${MIN_DATE} 至 ${MAX_DATE}）`) : r.normalized;
      };
    case 'datetime':
      return (v) => {
        const r = validators.datetime(v);
        if (!r.ok) return fail(r.reason);
        return r.normalized < MIN_DATE || r.normalized > MAX_DATE ? fail('时间超出范围') : r.normalized;
      };
    case 'boolean':
      return (v) => {
        const s = v.toLowerCase();
        return TRUE.has(s) ? 't' : FALSE.has(s) ? 'f' : fail('应为 是/否');
      };
    default:
      return (v) => v;
  }
}

function domainCheck(d: DataElement | undefined): CellCheck | null {
  if (!d) return null;
  const dom = d.valueDomain;
  if (dom.kind === 'enum') {
    const byCode = new Map(dom.values.map((e) => [e.code, e.code]));
    for (const e of dom.values) if (!byCode.has(e.label)) byCode.set(e.label, e.code);
    const allowed = dom.values
      .slice(0, 8)
      .map((e) => `${e.code}(${e.label})`)
      .join('、');
    return (v) => byCode.get(v) ?? fail(`不在${d.name}的代码表中，应为：${allowed}${dom.values.length > 8 ? '等' : ''}`);
  }
  if (dom.kind === 'pattern') {
    // Checked again here (not only when the element was saved): an unsafe pattern must never run on a file.
    const checked = checkPattern(`^(?:${dom.pattern})$`);
    if (!checked.ok) return () => fail(`数据元${d.name}的格式规则无法使用：${checked.reason}`);
    const re = checked.regex;
    return (v) => (re.test(v) ? v : fail(`不符合${d.name}的格式`));
  }
  if (dom.kind === 'validator') {
    const validate = validators[dom.name as keyof typeof validators];
    if (!validate) return null;
    return (v) => {
      const r = validate(v);
      return r.ok ? r.normalized : fail(r.reason);
    };
  }
  return null;
}

/** A column's checks, compiled once per run. */
type CompiledCell = {
  /** the whole check of a raw cell: standardize → type → the data element's value domain → length */
  check: CellCheck;
  /** the same for a value that is already standard (see CopyWriter.copyStandard) and not empty */
  afterStandard: CellCheck;
  /** free text (no type to convert, no value domain): a standard cell is stored byte for byte, its length checked */
  plain: boolean;
  /** the longest value allowed, in characters (code points) */
  max: number;
  /**
   * For the commonest cells of a checked column (a date already 'YYYY-MM-DD', an enumeration
   * code): true when a standard cell's bytes are valid and stored as they are, decided without
   * making a string; false means "ask afterStandard". null when the column has no such path.
   */
  accepts: ((b: Uint8Array, a: number, e: number) => boolean) | null;
};

/** The checks for one column. */
export function compileCell(c: Column, element: DataElement | undefined): CompiledCell {
  const type = typeCheck(c);
  const domain = domainCheck(element);
  const text = c.type === 'string' || c.type === 'binary';
  const max = c.type === 'string' ? Math.min(c.length ?? Number.POSITIVE_INFINITY, element?.length ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  const afterStandard: CellCheck = (v) => {
    let out = type(v);
    if (out === INVALID || out === null) return out;
    if (domain) {
      out = domain(out);
      if (out === INVALID || out === null) return out;
    }
    return tooLong(out, max) ? fail(`超过最大长度${max}`) : out;
  };
  const keyName = c.key ? c.item : null;
  const check: CellCheck = (raw) => {
    const v = standardizeText(raw);
    if (v === '') return keyName ? fail('主键信息项不能为空') : null;
    if (v.includes('\u0000')) return fail('含有空字符（\\u0000），无法保存');
    return afterStandard(v);
  };
  return { check, afterStandard, plain: text && domain === null, max, accepts: byteAccepts(c, element, max) };
}

function byteAccepts(c: Column, element: DataElement | undefined, max: number): CompiledCell['accepts'] {
  const dom = element?.valueDomain;
  if (c.type === 'date' && (!dom || dom.kind === 'free' || (dom.kind === 'validator' && dom.name === 'date'))) return isoDateInRange;
  if (c.type === 'string' && dom?.kind === 'enum') {
    // Codes of up to six ASCII bytes, each packed into one number (length in the top bits).
    const codes = new Set<number>();
    for (const { code } of dom.values)
      if (code.length <= Math.min(6, max) && /^[\x21-\x7e]+$/.test(code)) codes.add(packAscii(Buffer.from(code), 0, code.length));
    return (b, a, e) => e - a <= 6 && codes.has(packAscii(b, a, e));
  }
  return null;
}

function packAscii(b: Uint8Array, a: number, e: number): number {
  let v = e - a;
  for (let i = a; i < e; i++) v = v * 256 + b[i];
  return v;
}

const digit = (b: Uint8Array, i: number) => (b[i] >= 48 && b[i] <= 57 ? b[i] - 48 : -100);
const MIN_YEAR = Number(MIN_DATE.slice(0, 4));
const MAX_YEAR = Number(MAX_DATE.slice(0, 4));

/** 'YYYY-MM-DD', a real calendar date from MIN_DATE to MAX_DATE (whole years): what the date check returns unchanged. */
function isoDateInRange(b: Uint8Array, a: number, e: number): boolean {
  if (e - a !== 10 || b[a + 4] !== 45 || b[a + 7] !== 45) return false;
  const y = digit(b, a) * 1000 + digit(b, a + 1) * 100 + digit(b, a + 2) * 10 + digit(b, a + 3);
  return y >= MIN_YEAR && y <= MAX_YEAR && isCalendarDate(y, digit(b, a + 5) * 10 + digit(b, a + 6), digit(b, a + 8) * 10 + digit(b, a + 9));
}

import { z } from 'zod';
import { InputError } from '../../../platform/errors.js';
import { nestedDeeper } from '../../../platform/http/json-depth.js';
import { isCalendarDate } from '../../../platform/validators/common.js';
import { validators } from '../../../platform/validators/index.js';
import { labels } from '../../catalog/schema.js';
import type { Column } from '../schema.js';
import { SQL_TYPES } from './layout.js';

// Row filters: what a sharing grant and a consumer's API query may say about which rows
// they want, as data (field, operator, value; and/or) rather than SQL. A filter is checked
// against the mount's items and compiled to a boolean expression in which column names
// come only from the mount's Column list and every value is a parameter with a cast.

export const filterOps = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'prefix', 'isNull', 'notNull'] as const;
type FilterOp = (typeof filterOps)[number];
type Scalar = string | number | boolean;
type Condition = { field: string; op: FilterOp; value?: Scalar | (string | number)[] | null };
export type RowFilter = { and: RowFilter[] } | { or: RowFilter[] } | Condition;

const MAX_DEPTH = 5;
const MAX_CONDITIONS = 50;
const MAX_TEXT = 200;
const MAX_IN = 1000;

const SHAPE = '筛选条件应为 {"and": [条件…]}、{"or": [条件…]} 或 {"field": 信息项, "op": 运算符, "value": 值}';
const text = z.string().max(MAX_TEXT, `文本最多${MAX_TEXT}个字`);
const listValue = z.union([text, z.number()], { error: '列表中的值应为文本或数字' });

const Node: z.ZodType<RowFilter> = z
  .union(
    [
      z.strictObject({
        get and() {
          return z.array(Node).min(1, 'and 至少包含一个条件');
        },
      }),
      z.strictObject({
        get or() {
          return z.array(Node).min(1, 'or 至少包含一个条件');
        },
      }),
      z.strictObject({
        field: z.string().min(1, '请填写信息项名称').max(MAX_TEXT, `信息项名称最多${MAX_TEXT}个字`).describe('信息项名称'),
        op: z.enum(filterOps, { error: `运算符应为：${filterOps.join('、')}` }).describe('运算符：prefix 为前缀匹配（仅文本）；ne 表示有值且不等于'),
        value: z
          .union([text, z.number(), z.boolean(), z.array(listValue).min(1, 'in 的列表不能为空'), z.null()], {
            error: '值应为文本、数字、布尔值或（用于 in 的）列表',
          })
          .optional()
          .describe('比较的值；in 为列表；isNull/notNull 不带值'),
      }),
    ],
    { error: SHAPE },
  )
  .meta({ id: 'RowFilter', description: '行筛选条件：信息项、运算符、值，可用 and/or 组合' });

/** Nesting levels of and/or above the deepest condition, and the number of conditions. */
function measure(f: RowFilter): { depth: number; conditions: number } {
  if ('field' in f) return { depth: 0, conditions: 1 };
  const parts = ('and' in f ? f.and : f.or).map(measure);
  return { depth: 1 + Math.max(...parts.map((p) => p.depth)), conditions: parts.reduce((n, p) => n + p.conditions, 0) };
}

// The limits hold per filter a person writes, checked once at the root (a refinement on the
// recursive node would fail every enclosing union and bury the message). A grant's filter
// ANDed with a caller's may exceed them, which is why compileFilter does not recheck them.
export const RowFilterSchema: z.ZodType<RowFilter> = Node.superRefine((f, ctx) => {
  const { depth, conditions } = measure(f);
  if (depth > MAX_DEPTH) ctx.addIssue({ code: 'custom', message: `筛选条件嵌套过深：and/or 最多${MAX_DEPTH}层` });
  if (conditions > MAX_CONDITIONS) ctx.addIssue({ code: 'custom', message: `筛选条件过多：最多${MAX_CONDITIONS}个条件，现有${conditions}个` });
  // Here, not on the list itself: a failed member would fail the value union, whose message says nothing of the length.
  const long = (g: RowFilter, path: (string | number)[]): void => {
    if (!('field' in g)) {
      const [key, parts] = 'and' in g ? (['and', g.and] as const) : (['or', g.or] as const);
      for (const [n, c] of parts.entries()) long(c, [...path, key, n]);
    } else if (Array.isArray(g.value) && g.value.length > MAX_IN)
      ctx.addIssue({ code: 'custom', path: [...path, 'value'], message: `in 的列表最多${MAX_IN}个值，现有${g.value.length}个` });
  };
  long(f, []);
});

type Detail = { path: string[]; message: string };

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/**
 * Issues as a person can act on them: a failed and/or/condition union reports all three
 * forms, so this follows the form the input's own keys chose and reports that one's issues.
 */
function explain(issues: readonly z.core.$ZodIssue[], input: unknown, base: PropertyKey[] = []): Detail[] {
  return issues.flatMap((i): Detail[] => {
    const path = [...base, ...i.path];
    if (i.code === 'invalid_union' && i.message === SHAPE) {
      const at = valueAt(input, path);
      const form = at !== null && typeof at === 'object' && !Array.isArray(at) ? ('and' in at ? 0 : 'or' in at ? 1 : 'field' in at || 'op' in at ? 2 : -1) : -1;
      if (form >= 0 && i.errors[form]) return explain(i.errors[form], input, path);
    }
    return [{ path: path.map(String), message: i.message }];
  });
}

/** The filter an API caller passes as JSON in a query parameter. */
export function parseFilterParam(text: string): RowFilter {
  if (nestedDeeper(text)) throw new InputError(`筛选条件嵌套过深：and/or 最多${MAX_DEPTH}层`, [{ path: [], message: 'JSON 嵌套过深' }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('筛选条件不是有效的 JSON，例如：{"field": "姓名", "op": "eq", "value": "张三"}', [{ path: [], message: '不是有效的 JSON' }]);
  }
  const r = RowFilterSchema.safeParse(json);
  if (r.success) return r.data;
  const details = explain(r.error.issues, json);
  const first = details[0];
  throw new InputError(`筛选条件${first.path.length ? `（${first.path.join('.')}）` : ''}：${first.message}`, details);
}

/** The items a filter reads, once each in order of appearance: for checking masking and grants. */
export function filterItems(f: RowFilter): string[] {
  const seen = new Set<string>();
  const walk = (g: RowFilter) => {
    if ('field' in g) seen.add(g.field);
    else for (const c of 'and' in g ? g.and : g.or) walk(c);
  };
  walk(f);
  return [...seen];
}

const INTEGER = /^[+-]?\d{1,18}$/; // 18 digits always fit a bigint
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ORDERED: ReadonlySet<FilterOp> = new Set(['lt', 'lte', 'gt', 'gte']);

/** A value in the text form its column's SQL type reads, or why it cannot be one. */
function convert(v: Scalar, type: Exclude<Column['type'], 'binary'>): { ok: true; text: string } | { ok: false; expected: string } {
  switch (type) {
    case 'string':
      return typeof v === 'string' ? { ok: true, text: v } : { ok: false, expected: '文本（加引号）' };
    case 'integer':
      return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && INTEGER.test(v))
        ? { ok: true, text: String(v) }
        : { ok: false, expected: '整数' };
    case 'decimal':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && DECIMAL.test(v))
        ? { ok: true, text: String(v) }
        : { ok: false, expected: '数值' };
    case 'date': {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? { ok: true, text: v as string } : { ok: false, expected: '日期 YYYY-MM-DD' };
    }
    case 'datetime': {
      // Stored as Asia/Shanghai wall time: a value with an offset is converted, not truncated.
      const r = typeof v === 'string' ? validators.datetime(v) : null;
      return r?.ok ? { ok: true, text: r.normalized } : { ok: false, expected: '时间 YYYY-MM-DD HH:mm:ss（可带时区，如 2026-01-01T08:00:00+08:00）' };
    }
    case 'boolean':
      return v === true || v === 'true'
        ? { ok: true, text: 'true' }
        : v === false || v === 'false'
          ? { ok: true, text: 'false' }
          : { ok: false, expected: 'true 或 false' };
  }
}

type Checked = { column: Column; op: FilterOp; values: string[] };

/** One condition checked against the columns: its column and its values converted, or the problems. */
function checkCondition(c: Condition, byItem: Map<string, Column>, path: string[], problems: Detail[]): Checked | null {
  const fail = (message: string, at: string[] = path) => {
    problems.push({ path: at, message });
    return null;
  };
  const column = byItem.get(c.field);
  if (!column) return fail(`筛选条件中的信息项“${c.field}”不存在`, [...path, 'field']);
  const name = `信息项“${c.field}”（${labels.itemType[column.type]}）`;
  const valuePath = [...path, 'value'];
  const { value } = c;
  if (c.op === 'isNull' || c.op === 'notNull')
    return value == null ? { column, op: c.op, values: [] } : fail(`${c.op} 条件不带 value，请去掉“${c.field}”条件中的值`, valuePath);
  if (column.type === 'binary') return fail(`${name}只能用 isNull/notNull 筛选`, [...path, 'op']);
  if (c.op === 'prefix' && column.type !== 'string') return fail(`${name}不能用 prefix：前缀匹配只用于字符型信息项`, [...path, 'op']);
  if (ORDERED.has(c.op) && column.type === 'boolean') return fail(`${name}不能用 ${c.op} 比较大小，请用 eq 或 ne`, [...path, 'op']);
  if (value === null) return fail(`“${c.field}”的 ${c.op} 条件不能以 null 为值，查空值请用 isNull`, valuePath);
  if (value === undefined) return fail(`“${c.field}”的 ${c.op} 条件缺少 value`, valuePath);
  if (c.op === 'in' && (!Array.isArray(value) || value.length === 0)) return fail(`“${c.field}”的 in 条件的 value 应为非空列表`, valuePath);
  if (c.op !== 'in' && Array.isArray(value)) return fail(`“${c.field}”的 ${c.op} 条件的 value 应为单个值，多个值请用 in`, valuePath);
  const list = Array.isArray(value) ? value : [value];
  const values: string[] = [];
  for (const [n, v] of list.entries()) {
    const r = convert(v, column.type);
    if (!r.ok) return fail(`${name}的值 ${JSON.stringify(v)} 无效，应为${r.expected}`, Array.isArray(value) ? [...valuePath, String(n)] : valuePath);
    values.push(r.text);
  }
  return { column, op: c.op, values };
}

/** Checks every condition; throws one InputError listing all problems, the first as its message. */
function checkAll(f: RowFilter, columns: Column[]): Map<Condition, Checked> {
  const byItem = new Map<string, Column>();
  for (const c of columns) if (!byItem.has(c.item)) byItem.set(c.item, c);
  const checked = new Map<Condition, Checked>();
  const problems: Detail[] = [];
  const walk = (g: RowFilter, path: string[]) => {
    if ('field' in g) {
      const ok = checkCondition(g, byItem, path, problems);
      if (ok) checked.set(g, ok);
      return;
    }
    const [key, parts] = 'and' in g ? (['and', g.and] as const) : (['or', g.or] as const);
    // Stored filters reach here without the schema: an empty group would compile to "()".
    if (parts.length === 0) problems.push({ path: [...path, key], message: `${key} 至少包含一个条件` });
    for (const [n, c] of parts.entries()) walk(c, [...path, key, String(n)]);
  };
  walk(f, []);
  if (problems.length > 0) throw new InputError(problems[0].message, problems);
  return checked;
}

export function checkFilter(f: RowFilter, columns: Column[]): void {
  checkAll(f, columns);
}

const COLUMN = /^c\d+$/;
const ALIAS = /^[a-z_][a-z0-9_]*$/;
const SQL_OPS: Partial<Record<FilterOp, string>> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** `%`, `_` and the escape character itself match literally after a backslash. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

/**
 * The filter as a parenthesized SQL boolean expression over `alias.cN`, its values appended
 * to `params` ($n continues from params.length). `ne` is SQL's `<>`: the value is present
 * and differs (a NULL matches neither eq nor ne). Text is ordered by code point (COLLATE
 * "C"), so lt/gt mean the same on every server whatever its locale.
 */
export function compileFilter(f: RowFilter, columns: Column[], params: unknown[], alias?: string): string {
  const checked = checkAll(f, columns);
  if (alias !== undefined && !ALIAS.test(alias)) throw new Error(`not a table alias: ${alias}`);
  const param = (v: unknown, cast: string) => {
    params.push(v);
    return `$${params.length}::${cast}`;
  };
  const condition = ({ column, op, values }: Checked): string => {
    if (!COLUMN.test(column.column)) throw new Error(`not a mount column: ${column.column}`);
    const col = alias ? `${alias}.${column.column}` : column.column;
    const type = SQL_TYPES[column.type];
    switch (op) {
      case 'isNull':
        return `${col} IS NULL`;
      case 'notNull':
        return `${col} IS NOT NULL`;
      case 'in':
        return `${col} = ANY(${param(values, `${type}[]`)})`;
      case 'prefix':
        return `${col} LIKE ${param(`${escapeLike(values[0])}%`, type)} ESCAPE '\\'`;
      default:
        return `${col} ${SQL_OPS[op]} ${param(values[0], type)}${type === 'text' && ORDERED.has(op) ? ' COLLATE "C"' : ''}`;
    }
  };
  const node = (g: RowFilter): string => {
    if ('field' in g) return condition(checked.get(g)!);
    const [parts, joiner] = 'and' in g ? [g.and, ' AND '] : [g.or, ' OR '];
    return `(${parts.map(node).join(joiner)})`;
  };
  return 'field' in f ? `(${node(f)})` : node(f);
}

/** The grant's filter AND the caller's (either may be absent); null when there is none. */
export function andFilters(...fs: (RowFilter | null | undefined)[]): RowFilter | null {
  const present = fs.filter((f): f is RowFilter => f != null);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0];
  // Flattening top-level ANDs keeps the combination as shallow as its deepest part.
  return { and: present.flatMap((f) => ('and' in f ? f.and : [f])) };
}

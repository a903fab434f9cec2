import type { Delivery, Entry, FilterOp, ItemType, RequestCreate, ReviewDecision, RowFilter, ShareRequest } from './types';

// The sharing forms' rules, kept pure so they can be tested without a browser: the row
// filter builder (field / operator / value rows joined by and/or) and the bodies the request
// and review forms send. The server checks everything again (row-filter.ts, service.ts).

export const FILTER_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'prefix', 'isNull', 'notNull'] as const satisfies readonly FilterOp[];

/** The operators that make sense for an item of this type (the server refuses the others). */
export function opsFor(type: ItemType | undefined): FilterOp[] {
  if (type === 'binary') return ['isNull', 'notNull'];
  if (type === 'boolean') return ['eq', 'ne', 'isNull', 'notNull'];
  return FILTER_OPS.filter((op) => op !== 'prefix' || type === 'string' || type === undefined);
}

export const takesValue = (op: FilterOp | undefined) => op !== 'isNull' && op !== 'notNull';

export type FilterRow = { field?: string; op?: FilterOp; value?: string };
export type FilterJoin = 'and' | 'or';
export type FilterIssue = { name: (string | number)[]; error: string };

const INTEGER = /^[+-]?\d{1,18}$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Splits the value of an `in` condition: commas (either width), 、 and line breaks. */
export const splitList = (v: string) =>
  v
    .split(/[,，、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Why a value does not fit the item's type (a message key), or null. */
function badValue(v: string, type: ItemType | undefined): string | null {
  if (type === 'integer' && !INTEGER.test(v)) return 'sharing.filter.error.integer';
  if (type === 'decimal' && !DECIMAL.test(v)) return 'sharing.filter.error.decimal';
  if (type === 'date' && !DATE.test(v)) return 'sharing.filter.error.date';
  if (type === 'boolean' && v !== 'true' && v !== 'false') return 'sharing.filter.error.boolean';
  return null;
}

/**
 * The builder's rows as the API's RowFilter: null when there are none, the condition itself
 * when there is one, {and|or: [...]} otherwise. Values go as text (the server casts them to
 * the item's type); an `in` value is a list. Issues name the form field (rows.n.value) and a
 * message key, so the page can mark them.
 */
export function toRowFilter(
  rows: readonly FilterRow[] | undefined,
  join: FilterJoin,
  items: readonly { name: string; type: ItemType }[],
  list = 'rows',
): { filter: RowFilter | null; issues: FilterIssue[] } {
  const issues: FilterIssue[] = [];
  const conditions: RowFilter[] = [];
  for (const [n, row] of (rows ?? []).entries()) {
    const at = (k: string) => [list, n, k];
    const item = items.find((i) => i.name === row.field);
    if (!row.field || !item) {
      issues.push({ name: at('field'), error: 'sharing.filter.error.field' });
      continue;
    }
    if (!row.op || !opsFor(item.type).includes(row.op)) {
      issues.push({ name: at('op'), error: 'sharing.filter.error.op' });
      continue;
    }
    if (!takesValue(row.op)) {
      conditions.push({ field: item.name, op: row.op });
      continue;
    }
    const text = row.value ?? '';
    const values = row.op === 'in' ? splitList(text) : [item.type === 'string' ? text : text.trim()];
    if (values.length === 0 || values.some((v) => v === '')) {
      issues.push({ name: at('value'), error: 'sharing.filter.error.value' });
      continue;
    }
    const bad = values.map((v) => badValue(v, item.type)).find(Boolean);
    if (bad) {
      issues.push({ name: at('value'), error: bad });
      continue;
    }
    conditions.push({ field: item.name, op: row.op, value: row.op === 'in' ? values : values[0] });
  }
  if (issues.length || conditions.length === 0) return { filter: null, issues };
  return { filter: conditions.length === 1 ? conditions[0] : join === 'and' ? { and: conditions } : { or: conditions }, issues };
}

// --- The request form ---------------------------------------------------------------------

export type RequestValues = {
  items?: string[];
  purpose?: string;
  legalBasis?: string;
  /** YYYY-MM-DD, from and to. */
  period?: [string, string];
  join?: FilterJoin;
  rows?: FilterRow[];
};

/** How the entry is delivered, as its catalog entry says (a request must ask for it that way). */
export const deliveryOf = (e: Pick<Entry, 'shareVia'>): Delivery => (e.shareVia as Delivery | null) ?? 'api';

/** Whether a person of this department may file a request for the entry, and if not, why (a message key). */
export function requestable(e: Pick<Entry, 'shareType' | 'providerDepartmentId' | 'publishedVersion'>, departmentId: string | null): string | null {
  if (e.publishedVersion === null) return 'sharing.new.notPublished';
  if (e.shareType === 'none') return 'sharing.new.notShared';
  if (e.shareType === 'unconditional') return 'sharing.new.unconditional';
  if (e.providerDepartmentId === departmentId) return 'sharing.new.ownEntry';
  return null;
}

/** The period a request starts with: today to the same day a year on. */
export function defaultPeriod(today: string): [string, string] {
  const [y, m, d] = today.split('-').map(Number);
  const next = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February a year on is 1 March; the day before is the last day of February.
  if (next.getUTCMonth() !== m - 1) next.setUTCDate(0);
  return [today, next.toISOString().slice(0, 10)];
}

/** The body of POST /sharing/requests, or the issues that keep it from being sent. */
export function toRequestBody(v: RequestValues, e: Pick<Entry, 'id' | 'items' | 'shareVia'>): { body: RequestCreate | null; issues: FilterIssue[] } {
  const { filter, issues } = toRowFilter(v.rows, v.join ?? 'and', e.items);
  // Items in the entry's order, whatever order they were ticked in.
  const items = e.items.map((i) => i.name).filter((n) => v.items?.includes(n));
  if (!items.length) issues.push({ name: ['items'], error: 'sharing.new.itemsRequired' });
  if (!v.period) issues.push({ name: ['period'], error: 'sharing.new.periodRequired' });
  if (issues.length || !v.period) return { body: null, issues };
  return {
    body: {
      resourceId: e.id,
      purpose: (v.purpose ?? '').trim(),
      legalBasis: (v.legalBasis ?? '').trim(),
      items,
      rowFilter: filter,
      delivery: deliveryOf(e),
      useFrom: v.period[0],
      useTo: v.period[1],
    },
    issues,
  };
}

// --- The provider's review --------------------------------------------------------------------

export type ReviewValues = {
  decision: 'approve' | 'reject';
  items?: string[];
  unmasked?: string[];
  callsPerDay?: number;
  callsPerMinute?: number;
  reason?: string;
  join?: FilterJoin;
  rows?: FilterRow[];
};

/**
 * The body of POST /sharing/requests/{id}/review. Approving sends only what narrows the
 * request (fewer items, an added filter), unmasked items within those approved, and quotas.
 */
export function toReviewBody(
  v: ReviewValues,
  r: Pick<ShareRequest, 'items'>,
  itemTypes: readonly { name: string; type: ItemType }[],
): { body: ReviewDecision | null; issues: FilterIssue[] } {
  const reason = v.reason?.trim() || undefined;
  const quotas = { callsPerDay: v.callsPerDay ?? 10_000, callsPerMinute: v.callsPerMinute ?? 600 };
  if (v.decision === 'reject') {
    if ((reason?.length ?? 0) < 2) return { body: null, issues: [{ name: ['reason'], error: 'sharing.review.reasonRequired' }] };
    return { body: { decision: 'reject', reason, unmasked: [], ...quotas }, issues: [] };
  }
  const items = r.items.filter((i) => v.items?.includes(i));
  // The added filter may read any of the entry's items: the provider knows its data.
  const { filter, issues } = toRowFilter(v.rows, v.join ?? 'and', itemTypes);
  if (!items.length) issues.push({ name: ['items'], error: 'sharing.review.itemsRequired' });
  if (issues.length) return { body: null, issues };
  return {
    body: {
      decision: 'approve',
      reason,
      items: items.length < r.items.length ? items : undefined,
      rowFilter: filter ?? undefined,
      unmasked: (v.unmasked ?? []).filter((i) => items.includes(i)),
      ...quotas,
    },
    issues,
  };
}

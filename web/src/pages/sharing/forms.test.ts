import { describe, expect, it } from 'vitest';
import { checkFilter, filterOps, RowFilterSchema } from '../../../../src/modules/gathering/tables/filter';
import { objectionLabels } from '../../../../src/modules/sharing/objection-schema';
import { labels } from '../../../../src/modules/sharing/schema';
import { subscriptionLabels } from '../../../../src/modules/sharing/subscription-schema';
import { defaultPeriod, deliveryOf, FILTER_OPS, opsFor, requestable, splitList, toRequestBody, toReviewBody, toRowFilter } from './forms';
import { messages } from './messages';
import type { Entry, ItemType, RowFilter } from './types';

const ITEMS: { name: string; type: ItemType }[] = [
  { name: '姓名', type: 'string' },
  { name: '年龄', type: 'integer' },
  { name: '月收入', type: 'decimal' },
  { name: '出生日期', type: 'date' },
  { name: '在册', type: 'boolean' },
  { name: '照片', type: 'binary' },
];

/** The filter as the server checks it: its schema, then against the items (as columns c1…). */
function serverAccepts(f: RowFilter) {
  RowFilterSchema.parse(f);
  checkFilter(
    f,
    ITEMS.map((i, n) => ({ item: i.name, column: `c${n + 1}`, type: i.type, length: null, dataElement: null, key: false })),
  );
}

describe('the row filter builder', () => {
  it('offers the operators the server allows for each item type', () => {
    expect(FILTER_OPS).toEqual(filterOps);
    expect(opsFor('string')).toEqual(filterOps);
    expect(opsFor('integer')).not.toContain('prefix');
    expect(opsFor('boolean')).toEqual(['eq', 'ne', 'isNull', 'notNull']);
    expect(opsFor('binary')).toEqual(['isNull', 'notNull']);
  });

  it('makes nothing of no rows, the condition of one row, and/or of several, each accepted by the server', () => {
    expect(toRowFilter([], 'and', ITEMS)).toEqual({ filter: null, issues: [] });
    const one = toRowFilter([{ field: '姓名', op: 'prefix', value: '张' }], 'and', ITEMS);
    expect(one).toEqual({ filter: { field: '姓名', op: 'prefix', value: '张' }, issues: [] });
    const rows = [
      { field: '年龄', op: 'gte' as const, value: ' 60 ' },
      { field: '出生日期', op: 'lt' as const, value: '1966-01-01' },
      { field: '月收入', op: 'in' as const, value: '1000, 1500.5，2000' },
      { field: '在册', op: 'eq' as const, value: 'true' },
      { field: '照片', op: 'isNull' as const, value: 'ignored' },
    ];
    const or = toRowFilter(rows, 'or', ITEMS);
    expect(or.issues).toEqual([]);
    expect(or.filter).toEqual({
      or: [
        { field: '年龄', op: 'gte', value: '60' },
        { field: '出生日期', op: 'lt', value: '1966-01-01' },
        { field: '月收入', op: 'in', value: ['1000', '1500.5', '2000'] },
        { field: '在册', op: 'eq', value: 'true' },
        { field: '照片', op: 'isNull' },
      ],
    });
    for (const f of [one.filter, or.filter, toRowFilter(rows, 'and', ITEMS).filter]) expect(() => serverAccepts(f as RowFilter)).not.toThrow();
  });

  it('names the field of each problem and sends nothing while there is one', () => {
    const r = toRowFilter(
      [
        { op: 'eq', value: 'x' },
        { field: '年龄', op: 'prefix', value: '1' },
        { field: '年龄', op: 'eq', value: '十八' },
        { field: '出生日期', op: 'eq', value: '1980/1/1' },
        { field: '姓名', op: 'in', value: ' ,， ' },
        { field: '在册', op: 'eq', value: 'yes' },
        { field: '姓名', op: 'eq', value: '张三' },
      ],
      'and',
      ITEMS,
    );
    expect(r.filter).toBeNull();
    expect(r.issues).toEqual([
      { name: ['rows', 0, 'field'], error: 'sharing.filter.error.field' },
      { name: ['rows', 1, 'op'], error: 'sharing.filter.error.op' },
      { name: ['rows', 2, 'value'], error: 'sharing.filter.error.integer' },
      { name: ['rows', 3, 'value'], error: 'sharing.filter.error.date' },
      { name: ['rows', 4, 'value'], error: 'sharing.filter.error.value' },
      { name: ['rows', 5, 'value'], error: 'sharing.filter.error.boolean' },
    ]);
    for (const i of r.issues) expect(messages.zh).toHaveProperty([i.error]);
  });

  it('splits lists on either comma, 、 and line breaks', () => {
    expect(splitList('张店区，淄川区、博山区\n临淄区, ')).toEqual(['张店区', '淄川区', '博山区', '临淄区']);
  });
});

const entry = {
  id: '00000000-0000-4000-8000-000000000001',
  shareVia: 'api',
  shareType: 'conditional',
  publishedVersion: 1,
  providerDepartmentId: 'gaj',
  items: ITEMS,
} as unknown as Entry;

describe('the request form', () => {
  it('sends the ticked items in the entry’s order, the delivery the entry says, and the filter', () => {
    const r = toRequestBody(
      {
        items: ['年龄', '姓名'],
        purpose: '  核验低保申请人  ',
        legalBasis: '《社会救助暂行办法》',
        period: ['2026-03-10', '2027-03-10'],
        join: 'and',
        rows: [{ field: '年龄', op: 'gte', value: '18' }],
      },
      entry,
    );
    expect(r).toEqual({
      body: {
        resourceId: entry.id,
        purpose: '核验低保申请人',
        legalBasis: '《社会救助暂行办法》',
        items: ['姓名', '年龄'],
        rowFilter: { field: '年龄', op: 'gte', value: '18' },
        delivery: 'api',
        useFrom: '2026-03-10',
        useTo: '2027-03-10',
      },
      issues: [],
    });
  });

  it('refuses no items and no period', () => {
    expect(toRequestBody({ items: [], purpose: '核验低保申请人', legalBasis: '依据' }, entry)).toEqual({
      body: null,
      issues: [
        { name: ['items'], error: 'sharing.new.itemsRequired' },
        { name: ['period'], error: 'sharing.new.periodRequired' },
      ],
    });
  });

  it('knows who may request what, the delivery, and a year’s period', () => {
    expect(requestable(entry, 'mzj')).toBeNull();
    expect(requestable(entry, 'gaj')).toBe('sharing.new.ownEntry');
    expect(requestable({ ...entry, shareType: 'unconditional' }, 'mzj')).toBe('sharing.new.unconditional');
    expect(requestable({ ...entry, shareType: 'none' }, 'mzj')).toBe('sharing.new.notShared');
    expect(requestable({ ...entry, publishedVersion: null }, 'mzj')).toBe('sharing.new.notPublished');
    expect(deliveryOf({ shareVia: 'table' })).toBe('table');
    expect(deliveryOf({ shareVia: null })).toBe('api');
    expect(defaultPeriod('2026-03-10')).toEqual(['2026-03-10', '2027-03-10']);
    expect(defaultPeriod('2028-02-29')).toEqual(['2028-02-29', '2029-02-28']);
  });
});

describe('the review form', () => {
  const request = { items: ['姓名', '年龄', '出生日期'] };
  it('approves fewer items, unmasked ones only among them, a narrower filter and quotas', () => {
    const r = toReviewBody(
      {
        decision: 'approve',
        items: ['出生日期', '姓名'],
        unmasked: ['姓名', '年龄'],
        callsPerDay: 500,
        callsPerMinute: 10,
        join: 'and',
        rows: [{ field: '年龄', op: 'lt', value: '80' }],
      },
      request,
      ITEMS,
    );
    expect(r.body).toEqual({
      decision: 'approve',
      reason: undefined,
      items: ['姓名', '出生日期'],
      rowFilter: { field: '年龄', op: 'lt', value: '80' },
      unmasked: ['姓名'],
      callsPerDay: 500,
      callsPerMinute: 10,
    });
  });

  it('sends no item list when everything requested is approved, and needs a reason to refuse', () => {
    const all = toReviewBody({ decision: 'approve', items: request.items }, request, ITEMS).body;
    expect(all).toMatchObject({ decision: 'approve', items: undefined, rowFilter: undefined, unmasked: [] });
    expect(toReviewBody({ decision: 'approve', items: [] }, request, ITEMS).issues).toEqual([{ name: ['items'], error: 'sharing.review.itemsRequired' }]);
    expect(toReviewBody({ decision: 'reject', reason: ' ' }, request, ITEMS).issues).toEqual([{ name: ['reason'], error: 'sharing.review.reasonRequired' }]);
    expect(toReviewBody({ decision: 'reject', reason: '数据涉及国家秘密' }, request, ITEMS).body).toMatchObject({
      decision: 'reject',
      reason: '数据涉及国家秘密',
    });
  });
});

describe('the Chinese labels', () => {
  it('are the server’s own', () => {
    const zh = messages.zh as Record<string, string>;
    for (const [k, v] of Object.entries(labels.status)) expect(zh[`sharing.status.${k}`]).toBe(v);
    for (const [k, v] of Object.entries(labels.delivery)) expect(zh[`sharing.delivery.${k}`]).toBe(v);
    for (const [k, v] of Object.entries(labels.grant)) expect(zh[`sharing.grant.state.${k}`]).toBe(v);
    for (const [k, v] of Object.entries(objectionLabels.status)) expect(zh[`sharing.objection.status.${k}`]).toBe(v);
    for (const [k, v] of Object.entries(objectionLabels.resolution)) expect(zh[`sharing.objection.resolution.${k}`]).toBe(v);
    for (const [k, v] of Object.entries(subscriptionLabels.event)) expect(zh[`sharing.event.${k}`]).toBe(v);
    for (const [k, v] of Object.entries(subscriptionLabels.delivery)) expect(zh[`sharing.deliveries.status.${k}`]).toBe(v);
    for (const [k, v] of Object.entries(subscriptionLabels.state)) expect(zh[`sharing.subscription.state.${k}`]).toBe(v);
  });
});

import { z } from 'zod';
import { Id, Page, QueryFlag } from '../../platform/auth/schema.js';
import { DateOnly } from '../catalog/schema.js';
// The filter's schema alone: this file is shared with the console, which must not pull in gathering's server code.
import { RowFilterSchema } from '../gathering/tables/filter.js';

// Requests (申请), reviews (审核) and grants (授权) as types: one source for validation,
// OpenAPI and the console.

const deliveryMethods = ['api', 'file', 'table'] as const;
const requestStatuses = ['submitted', 'checked', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export const grantStates = ['active', 'expired', 'revoked'] as const;

export const labels = {
  delivery: { api: '接口', file: '文件', table: '库表' },
  status: { submitted: '待符合性审查', checked: '待提供方审核', approved: '已通过', rejected: '未通过', returned: '已退回', withdrawn: '已撤回' },
  grant: { active: '有效', expired: '已过期', revoked: '已撤销' },
} as const;

export const Delivery = z.enum(deliveryMethods).describe('交付方式：接口 api、文件 file、库表 table');
const ItemNames = z.array(z.string().trim().min(1).max(100)).min(1, '至少申请一个信息项').max(500);
export const Text = (min: number, max: number, what: string) => z.string().trim().min(min, `${what}至少 ${min} 个字`).max(max, `${what}最多 ${max} 个字`);

/** The resource a request, grant or objection is about, and the two departments it is between. */
export const Parties = {
  resourceId: Id,
  resourceCode: z.string(),
  resourceName: z.string(),
  providerDepartmentId: Id,
  providerDepartmentName: z.string(),
  consumerDepartmentId: Id,
  consumerDepartmentName: z.string(),
};

export const RequestCreate = z
  .object({
    resourceId: Id,
    purpose: Text(5, 500, '用途').describe('申请用途：办理什么业务、为什么需要'),
    legalBasis: Text(2, 500, '依据').describe('法律法规或政策依据'),
    items: ItemNames.describe('申请的信息项（名称），最小够用'),
    rowFilter: RowFilterSchema.nullable().default(null),
    delivery: Delivery,
    useFrom: DateOnly,
    useTo: DateOnly,
  })
  .refine((r) => r.useFrom <= r.useTo, { message: '使用期限的结束日期不能早于开始日期', path: ['useTo'] })
  .meta({ id: 'ShareRequestCreate' });

export const ShareRequest = z
  .object({
    id: Id,
    ...Parties,
    requester: z.string().nullable(),
    purpose: z.string(),
    legalBasis: z.string(),
    items: z.array(z.string()),
    rowFilter: RowFilterSchema.nullable(),
    delivery: Delivery,
    useFrom: z.string(),
    useTo: z.string(),
    status: z.enum(requestStatuses),
    submittedAt: z.string(),
    checkDue: z.string(),
    checkedAt: z.string().nullable(),
    reviewDue: z.string().nullable(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
    grantId: Id.nullable(),
    overdue: z.boolean().describe('the step it waits on is past its deadline (working days, the bureau calendar)'),
  })
  .meta({ id: 'ShareRequest' });
export type ShareRequest = z.infer<typeof ShareRequest>;

export const RequestQuery = z.object({
  ...Page,
  box: z
    .enum(['mine', 'check', 'review', 'all'])
    .default('mine')
    .describe('mine: my department’s; check: awaiting the bureau; review: awaiting my department as provider'),
  status: z.enum(requestStatuses).optional(),
  overdue: QueryFlag.optional(),
});

export const CheckDecision = z
  .object({
    decision: z.enum(['pass', 'return']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((d) => d.decision === 'pass' || (d.reason?.length ?? 0) >= 2, { message: '退回须写明理由', path: ['reason'] })
  .meta({ id: 'ShareCheckDecision' });

export const ReviewDecision = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500).optional(),
    items: ItemNames.optional().describe('approve with fewer items: a subset of those requested'),
    rowFilter: RowFilterSchema.nullable().optional().describe('approve with a narrower filter: added to the requested one (both hold)'),
    unmasked: z.array(z.string()).max(500).default([]).describe('items delivered unmasked; every other item keeps its data element’s mask'),
    callsPerDay: z.number().int().min(1).max(10_000_000).default(10_000),
    callsPerMinute: z.number().int().min(1).max(100_000).default(600),
  })
  .refine((d) => d.decision === 'approve' || (d.reason?.length ?? 0) >= 2, { message: '不予共享须写明理由', path: ['reason'] })
  .meta({ id: 'ShareReviewDecision' });

export const Grant = z
  .object({
    id: Id,
    ...Parties,
    requestId: Id.nullable(),
    origin: z.enum(['unconditional', 'request']),
    purpose: z.string(),
    items: z.array(z.string()),
    rowFilter: RowFilterSchema.nullable(),
    unmasked: z.array(z.string()),
    delivery: z.array(Delivery),
    callsPerDay: z.number().int(),
    callsPerMinute: z.number().int(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
    suspended: z.boolean().meta({
      description: 'a revoked unconditional grant: its consumer may not use the resource until the provider lifts the suspension (POST …/lift)',
    }),
    liftedAt: z.string().nullable(),
    createdAt: z.string(),
    state: z.enum(grantStates),
  })
  .meta({ id: 'ShareGrant' });
export type Grant = z.infer<typeof Grant>;

export const GrantQuery = z.object({
  ...Page,
  side: z.enum(['consumer', 'provider', 'all']).default('consumer'),
  state: z.enum(grantStates).optional(),
  resourceId: Id.optional(),
});

export const RevokeInput = z.object({ reason: Text(2, 500, '撤销理由') }).meta({ id: 'ShareGrantRevoke' });

// --- Delivery by API ------------------------------------------------------------------

export const RecordsQuery = z.object({
  fields: z.string().max(5000).optional().describe('comma-separated item names; default: every item of the grant'),
  filter: z.string().max(20_000).optional().describe('a RowFilter as JSON, within the grant’s (both hold)'),
  after: z.string().max(2000).optional().describe('the `next` cursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const Value = z.string().nullable();
export const SharedRecord = z
  .object({
    ref: z.string().nullable().describe('the record’s reference: names it (in an objection, a later lookup) without showing a masked key'),
    disputed: z.boolean().describe('a consumer has an open objection to this record (数据异议)'),
    values: z.record(z.string(), Value).describe('item name → value, masked where `fields` says so'),
  })
  .meta({ id: 'SharedRecord' });
const Fields = z.array(z.object({ item: z.string(), masked: z.boolean() }));

export const RecordsPage = z
  .object({
    resourceCode: z.string(),
    grantId: Id,
    version: z.number().int(),
    fields: Fields,
    records: z.array(SharedRecord),
    next: z.string().nullable().describe('pass as `after` for the next page; null on the last page'),
  })
  .meta({ id: 'ShareRecordsPage' });
export type RecordsPage = z.infer<typeof RecordsPage>;

export const ShareRecord = z.object({ resourceCode: z.string(), grantId: Id, fields: Fields, record: SharedRecord }).meta({ id: 'ShareRecord' });
export type ShareRecord = z.infer<typeof ShareRecord>;

import { z } from 'zod';
import { Id, Page, QueryFlag } from '../../platform/auth/schema.js';
import { Parties, Text } from './schema.js';

// Objections (数据异议) as types: one source for validation, OpenAPI and the console.

/** raised → accepted → archived; answering (corrected or not an error) archives. */
const objectionStatuses = ['raised', 'accepted', 'archived'] as const;
const resolutions = ['corrected', 'not_error'] as const;

export const objectionLabels = {
  status: { raised: '待受理', accepted: '核实中', archived: '已办结归档' },
  resolution: { corrected: '已更正', not_error: '经核实无误' },
} as const;

export const ObjectionCreate = z
  .object({
    resourceId: Id,
    key: z
      .string()
      .trim()
      .min(1, '记录的主键不能为空')
      .max(200, '记录的主键最多 200 个字')
      .optional()
      .describe('the record’s key value, when the grant lets the consumer see it'),
    ref: z
      .string()
      .trim()
      .min(1, '记录标识不能为空')
      .max(4096, '记录标识过长')
      .optional()
      .describe('the record’s opaque reference (`_ref`) as the share API returned it; for a consumer whose grant masks the key'),
    items: z.array(z.string().trim().min(1).max(100)).min(1, '至少指出一个有误的信息项').max(500).describe('the items (names) that are wrong'),
    reason: Text(5, 1000, '异议理由').describe('what is wrong and why (the evidence)'),
  })
  .refine((o) => (o.key === undefined) !== (o.ref === undefined), { message: '请用主键 key 或记录标识 ref 中的一个指明记录', path: ['key'] })
  .meta({ id: 'ShareObjectionCreate' });

export const ObjectionAnswer = z
  .object({
    resolution: z.enum(resolutions).describe('corrected: the data was wrong and is corrected; not_error: verified, the data is right'),
    answer: Text(2, 1000, '答复').describe('what was verified and done'),
  })
  .meta({ id: 'ShareObjectionAnswer' });

export const Objection = z
  .object({
    id: Id,
    ...Parties,
    raisedBy: z.string().nullable(),
    keyItem: z.string().describe('the item that identifies the record'),
    record: z.string().describe('the record’s key: unmasked for the provider, masked by its data element for everyone else'),
    recordMasked: z.boolean(),
    items: z.array(z.string()),
    reason: z.string(),
    status: z.enum(objectionStatuses),
    raisedAt: z.string(),
    dueAt: z.string().describe('the provider answers by then (working days, the bureau calendar)'),
    acceptedAt: z.string().nullable(),
    answeredAt: z.string().nullable(),
    resolution: z.enum(resolutions).nullable(),
    answer: z.string().nullable(),
    overdue: z.boolean().describe('not yet answered and past its deadline'),
  })
  .meta({ id: 'ShareObjection' });
export type Objection = z.infer<typeof Objection>;

export const ObjectionQuery = z.object({
  ...Page,
  box: z
    .enum(['mine', 'provider', 'all'])
    .default('mine')
    .describe('mine: raised by my department; provider: about my department’s resources; all: the bureau and auditors'),
  resourceId: Id.optional(),
  status: z.enum(objectionStatuses).optional(),
  overdue: QueryFlag.optional().describe('true: only those past their deadline and not yet answered; false: only the others'),
});

import { z } from 'zod';
import { Id, Page, QueryFlag } from '../../platform/auth/schema.js';
import { grantStates } from './schema.js';

// Subscriptions (订阅), the console's notifications and the webhook delivery log, as types: one
// source for validation, OpenAPI and the console.

export const subscriptionEvents = ['resource.version', 'resource.batch'] as const;
const deliveryStatuses = ['pending', 'succeeded', 'failed', 'gave_up'] as const;
const attemptOutcomes = ['succeeded', 'retry', 'gave_up'] as const;

export const subscriptionLabels = {
  event: { 'resource.version': '发布新版本', 'resource.batch': '增量更新' },
  delivery: { pending: '待推送', succeeded: '已送达', failed: '失败，等待重试', gave_up: '已放弃' },
  state: { active: '有效', cancelled: '已取消' },
} as const;

const Event = z.enum(subscriptionEvents).describe('resource.version: a replace made a new version · resource.batch: an upsert batch');

const WebhookUrl = z
  .string()
  .trim()
  .max(2000, 'Webhook 地址最多 2000 个字符')
  .refine((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'Webhook 地址须为 http:// 或 https:// 开头的有效网址')
  .describe('where each notification is POSTed as signed JSON; private, loopback and link-local addresses are refused unless the platform allows them');

export const SubscriptionCreate = z
  .object({
    grantId: Id.describe('an active grant held by my department'),
    webhookUrl: WebhookUrl.nullable()
      .optional()
      .transform((v) => v || null),
  })
  .meta({ id: 'ShareSubscriptionCreate' });

export const Subscription = z
  .object({
    id: Id,
    grantId: Id,
    grantState: z.enum(grantStates),
    resourceId: Id,
    resourceCode: z.string(),
    resourceName: z.string(),
    providerDepartmentName: z.string(),
    consumerDepartmentId: Id,
    consumerDepartmentName: z.string(),
    webhookUrl: z.string().nullable(),
    state: z.enum(['active', 'cancelled']),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    deliveries: z
      .object({ pending: z.number().int(), succeeded: z.number().int(), gaveUp: z.number().int() })
      .describe('webhook deliveries by outcome (pending counts those awaiting a retry)'),
  })
  .meta({ id: 'ShareSubscription' });
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionCreated = Subscription.extend({
  secret: z
    .string()
    .nullable()
    .describe('the webhook signing secret, shown this once (null without a webhook): X-Jutong-Signature = sha256=HMAC-SHA256(secret, timestamp + "." + body)'),
}).meta({ id: 'ShareSubscriptionCreated' });
export type SubscriptionCreated = z.infer<typeof SubscriptionCreated>;

export const SubscriptionQuery = z.object({
  ...Page,
  scope: z.enum(['mine', 'all']).default('mine').describe('mine: my department’s; all: every department’s (the bureau, auditors)'),
  state: z.enum(['active', 'cancelled']).optional(),
});

export const Notification = z
  .object({
    id: Id,
    subscriptionId: Id,
    event: Event,
    resourceId: Id,
    resourceCode: z.string(),
    resourceName: z.string(),
    version: z.number().int().nullable(),
    runId: Id.nullable(),
    rows: z
      .number()
      .int()
      .nullable()
      .describe('rows the run loaded (the whole batch); null when the grant has a row filter, whose holder is told nothing of the rows outside it'),
    at: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'ShareNotification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationQuery = z.object({
  ...Page,
  unread: QueryFlag.optional().describe('true: unread only · false: read only'),
});

export const NotificationList = z
  .object({ items: z.array(Notification), total: z.number().int(), unread: z.number().int().describe('unread notifications of my department') })
  .meta({ id: 'ShareNotificationList' });

export const NotificationsRead = z
  .object({
    ids: z.array(Id).min(1).max(500).optional().describe('the notifications to mark read'),
    all: z.boolean().optional().describe('true: mark every unread notification of my department read'),
  })
  .refine((r) => !!r.ids !== !!r.all, { message: '请给出 ids，或 all: true（二选一）' })
  .meta({ id: 'ShareNotificationsRead' });

export const Attempt = z.object({
  attempt: z.number().int(),
  at: z.string(),
  durationMs: z.number().int(),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  outcome: z.enum(attemptOutcomes),
});

export const Delivery = z
  .object({
    id: Id.describe('also the notification’s id, the body’s id and X-Jutong-Delivery'),
    event: Event,
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    nextAt: z.string().nullable().describe('when the next attempt is due; null when finished'),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    log: z.array(Attempt).describe('every attempt, oldest first'),
  })
  .meta({ id: 'ShareWebhookDelivery' });
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryQuery = z.object({ ...Page, status: z.enum(deliveryStatuses).optional() });

/** The JSON a webhook receives. */
export type WebhookPayload = {
  id: string;
  event: (typeof subscriptionEvents)[number];
  subscriptionId: string;
  grantId: string;
  resourceCode: string;
  resourceName: string;
  version: number | null;
  runId: string | null;
  rows: number | null;
  at: string;
};

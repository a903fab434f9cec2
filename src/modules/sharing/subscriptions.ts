import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { defineRead, defineWrite } from '../../platform/actions/action.js';
import type { ActionEvent, ActionRunner } from '../../platform/actions/runner.js';
import { isBureauAdmin, type Principal } from '../../platform/auth/principal.js';
import { Id } from '../../platform/auth/schema.js';
import type { Log } from '../../platform/backoff.js';
import type { Db, Queryable } from '../../platform/db/db.js';
import { isUniqueViolation } from '../../platform/db/values.js';
import { Conflict, NotAllowed, RuleBroken, unseen } from '../../platform/errors.js';
import type { Subscriptions } from '../../platform/events/subscriptions.js';
import { actionRoute } from '../../platform/http/route.js';
import { mayConsume, seesAll, seesShare } from './rules.js';
import { grants } from './store.js';
import {
  Delivery,
  DeliveryQuery,
  NotificationList,
  NotificationQuery,
  NotificationsRead,
  Subscription,
  SubscriptionCreate,
  SubscriptionCreated,
  SubscriptionQuery,
  type WebhookPayload,
} from './subscription-schema.js';
import { deliveries, notifications, publishes, subscriptions } from './subscription-store.js';
import { checkWebhookUrl, newWebhookSecret, WebhookWorker } from './webhooks.js';

// Subscriptions (订阅): a consumer department subscribes to a resource through a grant it holds
// and is told of each new version (a replace, a new file) or upsert batch: a notification in the
// console, and, when it gave a URL, a signed webhook (webhooks.ts). The notifier is a durable
// consumer of the publish events, so a notification is neither lost in a crash nor made twice.
// A revoked or expired grant stops both: no new notification, no further attempt.

export { drainWebhooks, signWebhook, verifyWebhook, WEBHOOK_BACKOFF_MS, type WebhookOptions } from './webhooks.js';

/** Sees one subscription and its delivery log: its department, the bureau, auditors. Nobody else learns it exists. */
const seesSubscription = (p: Principal, s: { consumerDepartmentId: string }) => seesAll(p) || p.departmentId === s.consumerDepartmentId;

async function subscriptionOrThrow(db: Queryable, p: Principal, id: string): Promise<Subscription> {
  const s = await subscriptions.get(db, id);
  if (!s || !seesSubscription(p, s)) throw unseen('订阅', !!s);
  return s;
}

const host = (url: string | null) => (url ? new URL(url).host : null);

const createSubscription = defineWrite({
  name: 'sharing.subscription.create',
  summary: '订阅资源更新 Subscribe to a granted resource: a notification per new version or upsert batch, and a signed webhook if a URL is given',
  input: SubscriptionCreate,
  auth: mayConsume,
  async run({ db, principal, services }, { grantId, webhookUrl }): Promise<SubscriptionCreated> {
    const g = await grants.get(db, grantId);
    if (!g || !seesShare(principal, g)) throw unseen('共享授权', !!g);
    if (g.consumerDepartmentId !== principal.departmentId) throw new NotAllowed('只有获得该授权的使用部门可以订阅');
    if (g.state !== 'active') throw new RuleBroken(`该授权${g.state === 'revoked' ? '已撤销' : '已过期'}，不能订阅`);
    if (await subscriptions.liveOnGrant(db, g.id)) throw new Conflict('已订阅该授权的资源；如需更换 Webhook 地址，请先取消原订阅');
    if (webhookUrl) await checkWebhookUrl(webhookUrl, services.config.fetch);
    const secret = webhookUrl ? newWebhookSecret() : null;
    let id: string;
    try {
      id = await subscriptions.insert(db, {
        grantId: g.id,
        resourceId: g.resourceId,
        consumerDepartmentId: g.consumerDepartmentId,
        webhookUrl,
        webhookSecret: secret,
        createdBy: principal.userId,
      });
    } catch (e) {
      if (isUniqueViolation(e, 'share_subscriptions_one_per_grant')) throw new Conflict('已订阅该授权的资源');
      throw e;
    }
    return { ...((await subscriptions.get(db, id)) as Subscription), secret };
  },
  // Never the secret; the host only, since a URL may carry a token of the receiver's.
  audit: (out) => ({
    targetType: 'share_subscription',
    targetId: out.id,
    details: { grantId: out.grantId, resource: out.resourceCode, webhook: host(out.webhookUrl) },
  }),
});

const listSubscriptions = defineRead({
  name: 'sharing.subscription.list',
  summary: '订阅列表 My department’s subscriptions, or every department’s (the bureau, auditors)',
  input: SubscriptionQuery,
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, q) {
    const base = { state: q.state, page: q.page, pageSize: q.pageSize };
    if (q.scope === 'mine') return subscriptions.list(db, { ...base, consumer: principal.departmentId ?? '00000000-0000-0000-0000-000000000000' });
    if (!seesAll(principal)) throw new NotAllowed('只有大数据局和审计员可以查看全部订阅');
    return subscriptions.list(db, base);
  },
});

const showSubscription = defineRead({
  name: 'sharing.subscription.show',
  summary: '订阅详情 One subscription',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user',
  run: ({ db, principal }, { id }) => subscriptionOrThrow(db, principal, id),
});

const cancelSubscription = defineWrite({
  name: 'sharing.subscription.cancel',
  summary: '取消订阅 Cancel a subscription: no further notifications; webhook deliveries not yet made are given up',
  input: z.object({ id: Id }),
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, { id }) {
    const s = await subscriptionOrThrow(db, principal, id);
    const own = mayConsume(principal) && principal.departmentId === s.consumerDepartmentId;
    if (!own && !isBureauAdmin(principal)) throw new NotAllowed('只有订阅部门或大数据局可以取消订阅');
    if (!(await subscriptions.cancel(db, id, principal.userId))) throw new Conflict('该订阅已取消');
    return (await subscriptions.get(db, id)) as Subscription;
  },
  audit: (out) => ({ targetType: 'share_subscription', targetId: out.id, details: { grantId: out.grantId, resource: out.resourceCode } }),
});

const listDeliveries = defineRead({
  name: 'sharing.subscription.deliveries',
  summary: 'Webhook 推送记录 A subscription’s webhook deliveries, each with every attempt (status, HTTP status, error)',
  input: z.object({ id: Id }).and(DeliveryQuery),
  auth: (p) => p.kind === 'user',
  async run({ db, principal }, q) {
    const s = await subscriptionOrThrow(db, principal, q.id);
    return deliveries.list(db, s.id, { status: q.status, page: q.page, pageSize: q.pageSize });
  },
});

const listNotifications = defineRead({
  name: 'sharing.notification.list',
  summary: '订阅通知 My department’s notifications of new versions and batches of subscribed resources, newest first',
  input: NotificationQuery,
  auth: (p) => p.kind === 'user',
  run: ({ db, principal }, q) => notifications.list(db, { consumer: principal.departmentId, unread: q.unread, page: q.page, pageSize: q.pageSize }),
});

const readNotifications = defineWrite({
  name: 'sharing.notification.read',
  summary: '标记通知已读 Mark some, or all, of my department’s notifications read',
  input: NotificationsRead,
  auth: (p) => p.kind === 'user',
  run: async ({ db, principal }, { ids, all }) => ({
    marked: await notifications.markRead(db, principal.departmentId, all ? null : (ids ?? []), principal.userId),
  }),
  audit: (out, input) => ({
    targetType: 'share_notification',
    targetId: input.ids?.length === 1 ? input.ids[0] : null,
    details: { marked: out.marked, all: !!input.all },
  }),
});

export const subscriptionActions = [
  createSubscription,
  listSubscriptions,
  showSubscription,
  cancelSubscription,
  listDeliveries,
  listNotifications,
  readNotifications,
];

const IdParam = z.object({ id: Id });
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export function subscriptionRoutes(app: FastifyInstance, runner: ActionRunner): void {
  const r = <O>(o: Parameters<typeof actionRoute<O>>[2]) => actionRoute(app, runner, o);
  const tags = ['共享交换 Sharing'];
  const base = '/api/v1/sharing/subscriptions';
  r({ method: 'POST', url: base, action: createSubscription, tags, body: SubscriptionCreate, response: SubscriptionCreated });
  r({ method: 'GET', url: base, action: listSubscriptions, tags, querystring: SubscriptionQuery, response: list(Subscription) });
  r({ method: 'GET', url: `${base}/:id`, action: showSubscription, tags, params: IdParam, response: Subscription });
  r({ method: 'DELETE', url: `${base}/:id`, action: cancelSubscription, tags, params: IdParam, response: Subscription });
  r({ method: 'GET', url: `${base}/:id/deliveries`, action: listDeliveries, tags, params: IdParam, querystring: DeliveryQuery, response: list(Delivery) });
  r({ method: 'GET', url: '/api/v1/sharing/notifications', action: listNotifications, tags, querystring: NotificationQuery, response: NotificationList });
  r({
    method: 'POST',
    url: '/api/v1/sharing/notifications/read',
    action: readNotifications,
    tags,
    body: NotificationsRead,
    response: z.object({ marked: z.number().int() }),
    status: 200,
  });
}

// --- Notifying -------------------------------------------------------------------------------

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Tells each live subscriber of the mount's resource about one publish (a finished run or a new
 * file version): a notification, and a queued webhook delivery when the subscription has a URL.
 * Idempotent: the publish's audit seq makes a second pass insert nothing. Returns the deliveries queued.
 */
export async function notifySubscribers(db: Db, e: ActionEvent): Promise<number> {
  if (e.targetType !== 'mount' || !e.targetId) return 0;
  const pub = await publishes.get(db, e.seq, e.targetId);
  if (!pub) return 0;
  const subs = await subscriptions.subscribers(db, pub.resourceId, e.at);
  if (!subs.length) return 0;
  const d = pub.details;
  const fromRun = e.action === 'gathering.run.finish';
  const version = num(d.version);
  // An upsert into a mount with no version yet makes version 1: that is a new version, not a batch.
  const event = fromRun && d.mode === 'upsert' && (version ?? 0) > 1 ? 'resource.batch' : 'resource.version';
  const runId = fromRun && typeof d.run === 'string' ? d.run : null;
  const loaded = fromRun ? num(d.rowsLoaded) : null;
  return db.transaction(async (tx) => {
    let queued = 0;
    for (const s of subs) {
      // Rows outside a grant's filter do not exist for its holder: not even as a count.
      const rows = s.filtered ? null : loaded;
      const id = await notifications.insert(tx, {
        subscriptionId: s.id,
        consumerDepartmentId: s.consumerDepartmentId,
        resourceId: pub.resourceId,
        event,
        mountId: e.targetId as string,
        runId,
        version,
        rows,
        sourceSeq: e.seq,
        at: e.at,
      });
      if (!id || !s.webhookUrl) continue;
      const payload: WebhookPayload = {
        id,
        event,
        subscriptionId: s.id,
        grantId: s.grantId,
        resourceCode: pub.resourceCode,
        resourceName: pub.resourceName,
        version,
        runId,
        rows,
        at: e.at,
      };
      await deliveries.insert(tx, { id, subscriptionId: s.id, event, body: JSON.stringify(payload) });
      queued++;
    }
    return queued;
  });
}

const PUBLISHES = ['gathering.run.finish', 'gathering.file.upload'];

/**
 * The notifier (a durable consumer of publishes) and the webhook sender, which the platform
 * starts with its background work and stops before the database closes. A platform made with
 * background: false (the tests) sends only when drainWebhooks is called.
 */
export function subscriptionEvents(events: Subscriptions, db: Db, config: Config, log: Log): WebhookWorker {
  const worker = new WebhookWorker(db, config, log);
  events.on('sharing.subscriptions.notify', PUBLISHES, async (e) => {
    if ((await notifySubscribers(db, e)) > 0) void worker.kick();
  });
  return worker;
}

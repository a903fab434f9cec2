import type { Config } from '../../config.js';
import type { Log } from '../../platform/backoff.js';
import type { Db } from '../../platform/db/db.js';
import type { Subscriptions } from '../../platform/events/subscriptions.js';
import { firstUseGrant } from './access.js';
import { calendarActions } from './calendar.js';
import { callActions } from './calls.js';
import { changesActions } from './changes.js';
import { deliveryActions } from './deliver.js';
import { exportActions } from './exports.js';
import { objectionActions } from './objections.js';
import { previewMount } from './preview.js';
import { proxyActions } from './proxy.js';
import { grantActions, requestActions } from './service.js';
import { subscriptionActions, subscriptionEvents } from './subscriptions.js';
import { usageActions } from './usage.js';

export { DEMO_CALENDAR_2026, setCalendar } from './calendar.js';
export { sealedCallLog } from './call-log.js';
export { callLogArchive } from './call-log-archive.js';
export { sharingRoutes } from './routes.js';
export { grantedTerms } from './service.js';

export const sharingActions = [
  ...requestActions,
  ...grantActions,
  firstUseGrant,
  ...deliveryActions,
  ...calendarActions,
  ...objectionActions,
  ...subscriptionActions,
  ...exportActions,
  ...changesActions,
  ...usageActions,
  ...callActions,
  ...proxyActions,
  previewMount,
];

/**
 * What sharing does in the background: notify subscribers of new data (started now), and —
 * started with the platform's background work — send webhooks. The call log is sealed by the
 * platform's checkpointer (sealedCallLog).
 */
export function sharingSubscriptions(events: Subscriptions, db: Db, config: Config, log: Log) {
  const webhooks = subscriptionEvents(events, db, config, log);
  return {
    start() {
      webhooks.start();
    },
    async stop() {
      await webhooks.stop();
    },
  };
}

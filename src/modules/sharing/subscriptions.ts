import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { AnyAction } from '../../platform/actions/action.js';
import type { ActionRunner } from '../../platform/actions/runner.js';
import type { Db } from '../../platform/db/db.js';
import type { Subscriptions } from '../../platform/events/subscriptions.js';
import type { Jobs } from '../../platform/jobs/jobs.js';

// Subscriptions and webhooks: being built; see the session's helper.

export const subscriptionActions: AnyAction[] = [];
export function subscriptionRoutes(_app: FastifyInstance, _runner: ActionRunner): void {}
export function subscriptionEvents(_events: Subscriptions, _actions: ActionRunner, _jobs: Jobs, _db: Db, _config: Config): void {}

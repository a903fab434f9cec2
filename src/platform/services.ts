import type { Config } from '../config.js';
import type { ActionRunner } from './actions/runner.js';
import type { Db } from './db/db.js';
import type { Jobs } from './jobs/jobs.js';

/**
 * What an action may reach besides its transaction: `db` is the database itself, for work
 * that must not be undone with the action (secrets made on first use, group-committed logs);
 * `actions` runs another action, e.g. a read that must first record a grant.
 */
export type Services = { config: Config; jobs: Jobs; db: Db; actions: ActionRunner };

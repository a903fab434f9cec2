import type { Config } from '../config.js';
import type { Jobs } from './jobs/jobs.js';

/** What an action may reach besides its transaction. */
export type Services = { config: Config; jobs: Jobs };
